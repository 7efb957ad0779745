//! Warnings: what Terraform accepts but is probably not what was meant.

use crate::error::Warning;
use crate::expr::{RawExpr, TemplatePart};
use crate::stack::Stack;

pub(crate) fn warnings(stack: &Stack) -> Vec<Warning> {
    let mut out = Vec::new();
    for (prefix, map) in [
        ("data.", &stack.data),
        ("", &stack.resources),
        ("ephemeral.", &stack.ephemeral),
    ] {
        for (ty, by_name) in map {
            for (name, item) in by_name {
                if item.value.meta().provider.is_some() {
                    continue;
                }
                let provider = ty.split('_').next().unwrap_or(ty);
                let Some(configs) = stack.providers.get(provider) else {
                    continue;
                };
                if !configs.is_empty() && configs.iter().all(|c| c.value.alias.is_some()) {
                    out.push(Warning::DefaultProviderFallback {
                        address: format!("{prefix}{ty}.{name}"),
                        path: item.path.clone(),
                        provider: provider.to_owned(),
                        configured: configs
                            .iter()
                            .map(|c| {
                                format!("{provider}.{}", c.value.alias.as_deref().unwrap_or(""))
                            })
                            .collect(),
                    });
                }
            }
        }
    }
    if stack.lint_literals {
        stack.each_expr(&mut |used_in, path, e| {
            e.walk(&mut |node| {
                let text = match node {
                    RawExpr::String(s) => s,
                    RawExpr::Template(parts) => {
                        for p in parts {
                            if let TemplatePart::Lit(s) = p {
                                literal(&mut out, s, used_in, path);
                            }
                        }
                        return;
                    }
                    _ => return,
                };
                literal(&mut out, text, used_in, path);
            });
        });
    }
    out
}

fn literal(out: &mut Vec<Warning>, text: &str, used_in: &dyn Fn() -> String, path: &str) {
    if text.contains("${") || text.contains("%{") {
        out.push(Warning::LiteralInterpolation {
            text: text.to_owned(),
            used_in: used_in(),
            path: path.to_owned(),
        });
    }
}

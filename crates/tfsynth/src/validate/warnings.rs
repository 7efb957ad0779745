//! Warnings: what Terraform accepts but is probably not what was meant.

use crate::decl::{Decl, Kind, Role};
use crate::error::Warning;
use crate::expr::{RawExpr, TemplatePart};
use crate::stack::Stack;

pub(crate) fn warnings(stack: &Stack) -> Vec<Warning> {
    let mut out = Vec::new();
    // Blocks of one type come one after the other: their provider is looked up once.
    let mut seen: Option<&str> = None;
    let (mut provider, mut configs) = ("", None);
    stack.decls_in(&Kind::CHECK_ORDER, |d| {
        let (Decl::Data { ty, item, .. }
        | Decl::Resource { ty, item, .. }
        | Decl::Ephemeral { ty, item, .. }) = d
        else {
            return;
        };
        if item.value.meta().provider.is_some() {
            return;
        }
        if !seen.is_some_and(|t| std::ptr::eq(t, ty)) {
            seen = Some(ty);
            provider = ty.split('_').next().unwrap_or(ty);
            configs = stack.providers.get(provider);
        }
        let Some(configs) = configs else {
            return;
        };
        if !configs.is_empty() && configs.iter().all(|c| c.value.alias.is_some()) {
            out.push(Warning::DefaultProviderFallback {
                address: d.address().unwrap_or_default(),
                path: item.path.clone(),
                provider: provider.to_owned(),
                configured: configs
                    .iter()
                    .map(|c| format!("{provider}.{}", c.value.alias.as_deref().unwrap_or("")))
                    .collect(),
            });
        }
    });
    if stack.lint_literals {
        stack.decls_in(&Kind::CHECK_ORDER, |d| {
            // As this lint always has: a provider named without its alias and an import without
            // its key, an import's `for_each` and key not linted, and a module call's inputs
            // before its `count` / `for_each`.
            let used_in = || match d {
                Decl::Provider { name, .. } => format!("provider {name}"),
                Decl::Import(item) => format!("import to {}", item.value.to),
                _ => d.used_in(),
            };
            let last = |role| matches!((d, role), (Decl::Module { .. }, Role::Repetition));
            let mut lint = |e: &RawExpr| literals(&mut out, e, &used_in, d.path());
            d.each_expr(|role, e| match role {
                Role::ImportForEach | Role::ImportKey => {}
                _ if last(role) => {}
                _ => lint(e),
            });
            if let Decl::Module { .. } = d {
                d.each_expr(|role, e| {
                    if last(role) {
                        lint(e);
                    }
                });
            }
        });
    }
    out
}

/// Every literal string of `e` that looks like an interpolation.
fn literals(out: &mut Vec<Warning>, e: &RawExpr, used_in: &dyn Fn() -> String, path: &str) {
    e.walk(&mut |node| match node {
        RawExpr::String(s) => literal(out, s, used_in, path),
        RawExpr::Template(parts) => {
            for p in parts {
                if let TemplatePart::Lit(s) = p {
                    literal(out, s, used_in, path);
                }
            }
        }
        _ => {}
    });
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

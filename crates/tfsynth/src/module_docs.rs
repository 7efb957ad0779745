//! A module's README: usage, requirements, inputs and outputs, in Markdown.
//!
//! [`readme`] documents a stack the way `terraform-docs` documents a module, from the model
//! itself, so the README cannot drift from the module it describes. The output is
//! deterministic: declaration order, no dates, no versions of tfsynth.

use std::fmt::Write as _;

use crate::expr::render::{brace_spaces, render_hcl};
use crate::expr::{RawExpr, TemplatePart};
use crate::stack::Stack;
use crate::types::TypeExpr;

/// What [`readme`] cannot learn from the stack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadmeOptions {
    /// The heading, usually the module's directory name (`privatelink-service`); also the
    /// module call's label in the usage snippet (with `-` made `_`). Default: `module`.
    pub title: String,
    /// A paragraph under the heading. Default: none.
    pub description: Option<String>,
    /// The `source` of the usage snippet (`../privatelink-service`,
    /// `git::https://example.com/modules.git//privatelink-service?ref=v1.0.0`).
    /// Default: `./` followed by the title.
    pub source_hint: Option<String>,
}

/// The README of `stack` as a module: title, description, a `Usage` snippet setting every
/// required input, then `Requirements`, `Inputs` (with each variable's validation messages)
/// and `Outputs` tables. Table cells escape `|`; types and defaults are written in HCL, as
/// the HCL writer writes them.
///
/// # Example
/// ```
/// use tfsynth::module_docs::{readme, ReadmeOptions};
/// use tfsynth::{prelude::*, Output};
/// let mut stack = Stack::new();
/// stack.require_provider("aws", "hashicorp/aws", ">= 6.0");
/// let name = stack.variable("name", Variable::<String>::new().description("What to call it"));
/// stack.output("greeting", Output::new(name).description("Hello"));
/// let md = readme(&stack, &ReadmeOptions { title: "hello".into(), ..Default::default() });
/// assert!(md.starts_with("# hello\n"));
/// assert!(md.contains("  name   = \"\"\n"));
/// assert!(md.contains("| name | What to call it | `string` | n/a | yes |"));
/// // With an example value, the usage snippet shows it instead of an empty one:
/// stack.variable("size", Variable::<Number>::new().example(3));
/// let md = readme(&stack, &ReadmeOptions { title: "hello".into(), ..Default::default() });
/// assert!(md.contains("  size   = 3\n"));
/// ```
pub fn readme(stack: &Stack, options: &ReadmeOptions) -> String {
    let title = if options.title.is_empty() {
        "module"
    } else {
        options.title.as_str()
    };
    let mut md = format!("# {title}\n\n");
    if let Some(d) = options
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        md.push_str(d.trim());
        md.push_str("\n\n");
    }
    usage(stack, title, options, &mut md);
    requirements(stack, &mut md);
    inputs(stack, &mut md);
    outputs(stack, &mut md);
    while md.ends_with("\n\n") {
        md.pop();
    }
    md
}

fn usage(stack: &Stack, title: &str, options: &ReadmeOptions, md: &mut String) {
    let label: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let label = if label.starts_with(|c: char| c.is_ascii_alphabetic()) {
        label
    } else {
        format!("m_{label}")
    };
    let source = options
        .source_hint
        .clone()
        .unwrap_or_else(|| format!("./{title}"));
    let mut lines: Vec<(String, String)> = vec![("source".into(), hcl_string(&source))];
    let aliases: Vec<&String> = stack
        .settings
        .required_providers
        .values()
        .flat_map(|r| &r.configuration_aliases)
        .collect();
    if !aliases.is_empty() {
        let pairs: Vec<String> = aliases.iter().map(|a| format!("{a} = {a}")).collect();
        lines.push(("providers".into(), format!("{{ {} }}", pairs.join(", "))));
    }
    for (name, item) in &stack.variables {
        if item.value.default.is_none() {
            let value = match &item.value.example {
                Some(e) => hcl(e),
                None => placeholder(item.value.ty.as_ref()),
            };
            lines.push((name.clone(), value));
        }
    }
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let _ = writeln!(md, "## Usage\n\n```hcl\nmodule \"{label}\" {{");
    for (k, v) in &lines {
        let _ = writeln!(md, "  {k:width$} = {v}");
    }
    md.push_str("}\n```\n\n");
    if !aliases.is_empty() {
        md.push_str(
            "The module configures no provider: the caller passes its configurations, the \
             default ones implicitly and the aliased ones in `providers`.\n\n",
        );
    }
}

/// A value of the type that a user replaces: `""`, `0`, `false`, `[]`, `{}`.
fn placeholder(ty: Option<&TypeExpr>) -> String {
    match ty {
        Some(TypeExpr::String) | None | Some(TypeExpr::Any) => "\"\"".into(),
        Some(TypeExpr::Number) => "0".into(),
        Some(TypeExpr::Bool) => "false".into(),
        Some(TypeExpr::List(_) | TypeExpr::Set(_) | TypeExpr::Tuple(_)) => "[]".into(),
        Some(TypeExpr::Map(_) | TypeExpr::Object(_)) => "{}".into(),
    }
}

fn requirements(stack: &Stack, md: &mut String) {
    let t = &stack.settings;
    if t.required_version.is_none() && t.required_providers.is_empty() {
        return;
    }
    md.push_str("## Requirements\n\n| Name | Source | Version | Configuration aliases |\n");
    md.push_str("|------|--------|---------|-----------------------|\n");
    if let Some(v) = &t.required_version {
        let _ = writeln!(md, "| terraform | n/a | {} | n/a |", code(v));
    }
    for (name, r) in &t.required_providers {
        let version = r.version.as_deref().map_or_else(|| "any".to_owned(), code);
        let aliases = if r.configuration_aliases.is_empty() {
            "none".to_owned()
        } else {
            let v: Vec<String> = r.configuration_aliases.iter().map(|a| code(a)).collect();
            v.join(", ")
        };
        let _ = writeln!(
            md,
            "| {} | {} | {version} | {aliases} |",
            cell(name),
            code(&r.source)
        );
    }
    md.push('\n');
}

fn inputs(stack: &Stack, md: &mut String) {
    md.push_str("## Inputs\n\n");
    if stack.variables.is_empty() {
        md.push_str("No inputs.\n\n");
        return;
    }
    let validated = stack
        .variables
        .values()
        .any(|v| !v.value.validations.is_empty());
    md.push_str("| Name | Description | Type | Default | Required |");
    md.push_str(if validated { " Validation |\n" } else { "\n" });
    md.push_str("|------|-------------|------|---------|:--------:|");
    md.push_str(if validated { "------------|\n" } else { "\n" });
    for (name, item) in &stack.variables {
        let v = &item.value;
        let mut description = v.description.as_deref().map(cell).unwrap_or_default();
        if v.sensitive == Some(true) {
            description.push_str(" (sensitive)");
        }
        let ty =
            v.ty.as_ref()
                .map_or_else(|| code("any"), |t| code(&brace_spaces(&t.to_string())));
        let (default, required) = match &v.default {
            Some(d) => (code(&hcl(d)), "no"),
            None => ("n/a".to_owned(), "yes"),
        };
        let _ = write!(
            md,
            "| {} | {} | {ty} | {default} | {required} |",
            cell(name),
            description.trim()
        );
        if validated {
            let rules: Vec<String> = v
                .validations
                .iter()
                .map(|c| cell(&message(&c.error_message)))
                .collect();
            let _ = write!(md, " {} |", rules.join("<br>"));
        }
        md.push('\n');
    }
    md.push('\n');
}

fn outputs(stack: &Stack, md: &mut String) {
    md.push_str("## Outputs\n\n");
    if stack.outputs.is_empty() {
        md.push_str("No outputs.\n\n");
        return;
    }
    md.push_str("| Name | Description |\n|------|-------------|\n");
    for (name, item) in &stack.outputs {
        let o = &item.value;
        let mut description = o.description.as_deref().map(cell).unwrap_or_default();
        if o.sensitive == Some(true) {
            description.push_str(" (sensitive)");
        }
        let _ = writeln!(md, "| {} | {} |", cell(name), description.trim());
    }
    md.push('\n');
}

/// An expression as HCL text, as the HCL writer spaces it.
fn hcl(e: &RawExpr) -> String {
    let mut s = String::new();
    render_hcl(e, &mut s);
    brace_spaces(&s)
}

/// The longest interpolation a validation message shows as written; a longer one (the
/// constructs' messages compute the offending value with `for` expressions) is shown as `…`.
const SHORT_INTERPOLATION: usize = 40;

/// An error message for a table: its text, with each short interpolation as written
/// (`${var.port}`) and each long one as `…`; a message that is not a template at all is its
/// HCL when short, else `(computed)`. A template with values bound once
/// (`[for k in [VALUE] : "tag ${k} ..."][0]`, HCL has no `let`) is shown as its template, and
/// an interpolation that reads a bound name shows as `…` too.
fn message(e: &RawExpr) -> String {
    let short = |e: &RawExpr| {
        let mut bound = false;
        e.walk(&mut |x| bound |= matches!(x, RawExpr::Ref(crate::expr::RefRoot::Symbol(_))));
        let t = hcl(e);
        (!bound && t.chars().count() <= SHORT_INTERPOLATION && !t.contains('\n')).then_some(t)
    };
    match e {
        RawExpr::Index(base, _) => match &**base {
            RawExpr::For(f) if f.key.is_none() && f.cond.is_none() => message(&f.value),
            _ => short(e).unwrap_or_else(|| "(computed)".to_owned()),
        },
        RawExpr::String(s) => s.clone(),
        RawExpr::Template(parts) => {
            let mut s = String::new();
            for p in parts {
                match p {
                    TemplatePart::Lit(l) => s.push_str(l),
                    TemplatePart::Interp(i) => match short(i) {
                        Some(t) => {
                            s.push_str("${");
                            s.push_str(&t);
                            s.push('}');
                        }
                        // One `…` for what is computed between two literal parts.
                        None if s.ends_with('…') => {}
                        None => s.push('…'),
                    },
                }
            }
            s
        }
        _ => short(e).unwrap_or_else(|| "(computed)".to_owned()),
    }
}

/// A string as an HCL string literal.
fn hcl_string(s: &str) -> String {
    hcl(&RawExpr::String(s.to_owned()))
}

/// Text for a table cell: `|` escaped, `<` and `>` as entities (`<id>` is not an HTML tag),
/// line breaks as `<br>`.
fn cell(text: &str) -> String {
    one_line(
        &text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;"),
    )
}

/// `|` escaped, line breaks as `<br>`.
fn one_line(text: &str) -> String {
    text.trim()
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// A code span in a table cell (GitHub reads `\|` inside it as `|`; entities are not
/// decoded in code, so none are made).
fn code(text: &str) -> String {
    let t = one_line(text);
    if t.contains('`') {
        format!("`` {t} ``")
    } else {
        format!("`{t}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{prelude::*, ProviderRequirement, TypeExpr};

    fn sample() -> Stack {
        let principals = || {
            Expr::<List<String>>::from_raw(RawExpr::Ref(crate::RefRoot::Var(
                "allowed_principals".into(),
            )))
        };
        let mut stack = Stack::new();
        stack.required_version(">= 1.5");
        stack.require_provider("aws", "hashicorp/aws", ">= 6.0");
        stack.settings_mut().required_providers["aws"]
            .configuration_aliases
            .push("aws.peer".into());
        stack.settings_mut().required_providers.insert(
            "tls".into(),
            ProviderRequirement {
                source: "hashicorp/tls".into(),
                version: None,
                configuration_aliases: Vec::new(),
            },
        );
        stack.variable(
            "allowed_principals",
            Variable::<List<String>>::new()
                .description("IAM principals allowed to connect | one ARN each")
                .validation(
                    |v| functions::length(v.clone()).gt(0),
                    "Give at least one principal.",
                )
                .validation(
                    |v| functions::length(v.clone()).lt(10),
                    template!(
                        "principal ",
                        functions::jsonencode(functions::concat((principals(), principals()))),
                        " is one of ",
                        functions::length(principals()),
                        ", at most 9 are allowed",
                    ),
                ),
        );
        stack.variable(
            "tags",
            Variable::<Map<String>>::new()
                .description("Tags\non every resource")
                .default_value([("Project", "privatelink")]),
        );
        stack.variable(
            "listener",
            Variable::<Any>::of_type(TypeExpr::object([
                ("port", TypeExpr::Number),
                ("protocol", TypeExpr::String),
            ]))
            .default_value(obj! { port = 443, protocol = "TLS" }),
        );
        stack.variable(
            "token",
            Variable::<String>::new()
                .sensitive(true)
                .default_value(null()),
        );
        stack.output(
            "service_name",
            Output::new("x").description("The endpoint service's name"),
        );
        stack.output("secret", Output::new("y").sensitive(true));
        stack
    }

    #[test]
    fn readme_of_a_module() {
        let md = readme(
            &sample(),
            &ReadmeOptions {
                title: "privatelink-service".into(),
                description: Some("The service side of PrivateLink.".into()),
                source_hint: Some("../privatelink-service".into()),
            },
        );
        insta::assert_snapshot!(md, @r#"
        # privatelink-service

        The service side of PrivateLink.

        ## Usage

        ```hcl
        module "privatelink_service" {
          source             = "../privatelink-service"
          providers          = { aws.peer = aws.peer }
          allowed_principals = []
        }
        ```

        The module configures no provider: the caller passes its configurations, the default ones implicitly and the aliased ones in `providers`.

        ## Requirements

        | Name | Source | Version | Configuration aliases |
        |------|--------|---------|-----------------------|
        | terraform | n/a | `>= 1.5` | n/a |
        | aws | `hashicorp/aws` | `>= 6.0` | `aws.peer` |
        | tls | `hashicorp/tls` | any | none |

        ## Inputs

        | Name | Description | Type | Default | Required | Validation |
        |------|-------------|------|---------|:--------:|------------|
        | allowed_principals | IAM principals allowed to connect \| one ARN each | `list(string)` | n/a | yes | Give at least one principal.<br>principal … is one of ${length(var.allowed_principals)}, at most 9 are allowed |
        | tags | Tags<br>on every resource | `map(string)` | `{ Project = "privatelink" }` | no |  |
        | listener |  | `object({ port = number, protocol = string })` | `{ port = 443, protocol = "TLS" }` | no |  |
        | token | (sensitive) | `string` | `null` | no |  |

        ## Outputs

        | Name | Description |
        |------|-------------|
        | service_name | The endpoint service's name |
        | secret | (sensitive) |
        "#);
    }

    #[test]
    fn readme_of_an_empty_stack() {
        let md = readme(&Stack::new(), &ReadmeOptions::default());
        insta::assert_snapshot!(md, @r#"
        # module

        ## Usage

        ```hcl
        module "module" {
          source = "./module"
        }
        ```

        ## Inputs

        No inputs.

        ## Outputs

        No outputs.
        "#);
    }

    #[test]
    fn cells_escape_pipes() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(code("x || y"), "`x \\|\\| y`");
        assert_eq!(
            cell("ssm --target <id> & go"),
            "ssm --target &lt;id&gt; &amp; go"
        );
        assert_eq!(code("a<b"), "`a<b`");
    }
}

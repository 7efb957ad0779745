//! Rendering expressions: HCL expression text (inside `${...}`), and Terraform JSON values.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::escape::{escape_template, write_hcl_string, write_hcl_string_body};
use super::tree::{too_deep, WRITE_DEPTH};
use super::{ForExpr, RawExpr, RefRoot, TemplatePart, UnOp};

/// Renders an expression as HCL expression text (what goes between `${` and `}`).
///
/// An expression nested deeper than 512 levels (twice what a stack accepts,
/// [`MAX_DEPTH`](crate::expr::MAX_DEPTH)) is written down to that depth, with
/// `… (expression nested deeper than 512 levels)` in place of the rest, never a stack
/// overflow. `Expr`'s `Display` writes this text.
///
/// # Example
/// ```
/// use tfsynth::{RawExpr, RefRoot, render_hcl};
/// let e = RawExpr::Ref(RefRoot::Var("name".into())).attr("id");
/// let mut s = String::new();
/// render_hcl(&e, &mut s);
/// assert_eq!(s, "var.name.id");
/// ```
pub fn render_hcl(e: &RawExpr, out: &mut String) {
    hcl(e, out, 1);
}

/// [`render_hcl`] of `e`, a node `level` levels down (the root is level 1): past
/// [`WRITE_DEPTH`] levels, the marker of [`too_deep`] stands for the rest.
fn hcl(e: &RawExpr, out: &mut String, level: usize) {
    if level > WRITE_DEPTH {
        out.push_str(&too_deep("expression"));
        return;
    }
    let next = level + 1;
    match e {
        RawExpr::Null => out.push_str("null"),
        RawExpr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        RawExpr::Number(n) => out.push_str(&n.to_string()),
        RawExpr::String(s) => write_hcl_string(s, out),
        RawExpr::Tuple(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                hcl(item, out, next);
            }
            out.push(']');
        }
        RawExpr::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { " " });
                write_object_key(k, out);
                out.push_str(" = ");
                hcl(v, out, next);
            }
            out.push_str(if map.is_empty() { "}" } else { " }" });
        }
        RawExpr::Ref(root) => render_root(root, out),
        RawExpr::Attr(base, name) => {
            let relative = matches!(**base, RawExpr::Ref(RefRoot::AttrPath));
            render_operand(base, out, next);
            if is_identifier(name) {
                if !relative {
                    out.push('.');
                }
                out.push_str(name);
            } else if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
                // A list element: `x[0]`.
                out.push('[');
                out.push_str(name);
                out.push(']');
            } else {
                // Not an identifier: only an index can reach it (`tags["Cost Center"]`).
                out.push('[');
                write_hcl_string(name, out);
                out.push(']');
            }
        }
        RawExpr::Index(base, key) => {
            render_operand(base, out, next);
            out.push('[');
            hcl(key, out, next);
            out.push(']');
        }
        RawExpr::Splat(base) => {
            render_operand(base, out, next);
            out.push_str("[*]");
        }
        RawExpr::Group(inner) => hcl(inner, out, next),
        RawExpr::Template(parts) => {
            out.push('"');
            write_template(parts, out, write_hcl_string_body, next);
            out.push('"');
        }
        RawExpr::For(f) => render_for(f, out, next),
        RawExpr::Conditional(c, a, b) => {
            // A conditional in the condition or the `then` branch is parenthesized for
            // readability; one in the `else` branch chains (`a ? x : b ? y : z`), as HCL reads it.
            render_child(c, 0, out, next);
            out.push_str(" ? ");
            render_child(a, 0, out, next);
            out.push_str(" : ");
            if matches!(**b, RawExpr::Conditional(..)) {
                hcl(b, out, next);
            } else {
                render_child(b, 0, out, next);
            }
        }
        RawExpr::Binary(op, a, b) => {
            let p = op.precedence();
            // Left-associative: the left child may share our precedence, the right may not.
            render_child(a, p, out, next);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            render_child(b, p + 1, out, next);
        }
        RawExpr::Unary(op, a) => {
            out.push(match op {
                UnOp::Not => '!',
                UnOp::Neg => '-',
            });
            render_operand(a, out, next);
        }
        RawExpr::Call(name, args, expand) => {
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                hcl(a, out, next);
            }
            if *expand && !args.is_empty() {
                out.push_str("...");
            }
            out.push(')');
        }
        RawExpr::Raw(s) => out.push_str(s),
        RawExpr::Invalid(msg) => {
            out.push_str("null /* ");
            out.push_str(&msg.replace("*/", "* /"));
            out.push_str(" */");
        }
    }
}

fn render_root(root: &RefRoot, out: &mut String) {
    match root {
        RefRoot::Resource { type_name, name } => {
            out.push_str(type_name);
            out.push('.');
            out.push_str(name);
        }
        RefRoot::Data { type_name, name } => {
            out.push_str("data.");
            out.push_str(type_name);
            out.push('.');
            out.push_str(name);
        }
        RefRoot::Ephemeral { type_name, name } => {
            out.push_str("ephemeral.");
            out.push_str(type_name);
            out.push('.');
            out.push_str(name);
        }
        RefRoot::Var(n) => {
            out.push_str("var.");
            out.push_str(n);
        }
        RefRoot::Local(n) => {
            out.push_str("local.");
            out.push_str(n);
        }
        RefRoot::Module(n) => {
            out.push_str("module.");
            out.push_str(n);
        }
        RefRoot::CountIndex => out.push_str("count.index"),
        RefRoot::EachKey => out.push_str("each.key"),
        RefRoot::EachValue => out.push_str("each.value"),
        RefRoot::PathModule => out.push_str("path.module"),
        RefRoot::PathRoot => out.push_str("path.root"),
        RefRoot::PathCwd => out.push_str("path.cwd"),
        RefRoot::TerraformWorkspace => out.push_str("terraform.workspace"),
        RefRoot::SelfRef => out.push_str("self"),
        RefRoot::Symbol(s) => out.push_str(s),
        RefRoot::AttrPath => {}
    }
}

/// Binding strength of an expression: operators by their precedence, conditionals lowest,
/// everything else (references, calls, literals) binds tightest.
fn strength(e: &RawExpr) -> u8 {
    match e {
        RawExpr::Conditional(..) => 0,
        RawExpr::Binary(op, ..) => op.precedence(),
        RawExpr::Raw(_) => 0,
        RawExpr::Unary(..) => 7,
        _ => 8,
    }
}

/// `e`, a node `level` levels down, parenthesized when it binds more loosely than `min`.
fn render_child(e: &RawExpr, min: u8, out: &mut String, level: usize) {
    // A conditional nested in a conditional is parenthesized for readability.
    if strength(e) < min.max(1) {
        out.push('(');
        hcl(e, out, level);
        out.push(')');
    } else {
        hcl(e, out, level);
    }
}

/// Operand of a postfix operator (`.attr`, `[i]`, `[*]`) or a prefix operator, `level` levels
/// down.
fn render_operand(e: &RawExpr, out: &mut String, level: usize) {
    match e {
        RawExpr::Group(_) if level > WRITE_DEPTH => out.push_str(&too_deep("expression")),
        RawExpr::Group(inner) => {
            out.push('(');
            hcl(inner, out, level + 1);
            out.push(')');
        }
        _ => render_child(e, 7, out, level),
    }
}

/// Words that cannot stand unquoted as an object key: `{ for = 1 }` starts a `for`
/// expression and `{ null = 1 }` is not a string key.
const KEY_KEYWORDS: [&str; 6] = ["for", "in", "if", "null", "true", "false"];

/// An object constructor key: bare when it is a plain identifier, quoted otherwise.
fn write_object_key(k: &str, out: &mut String) {
    if is_identifier(k) && !KEY_KEYWORDS.contains(&k) {
        out.push_str(k);
    } else {
        write_hcl_string(k, out);
    }
}

/// A `for` expression whose parts are `level` levels down.
fn render_for(f: &ForExpr, out: &mut String, level: usize) {
    out.push(if f.key.is_some() { '{' } else { '[' });
    out.push_str("for ");
    if let Some(k) = &f.key_var {
        out.push_str(k);
        out.push_str(", ");
    }
    out.push_str(&f.value_var);
    out.push_str(" in ");
    hcl(&f.collection, out, level);
    out.push_str(" : ");
    if let Some(k) = &f.key {
        hcl(k, out, level);
        out.push_str(" => ");
    }
    hcl(&f.value, out, level);
    if f.grouping {
        out.push_str("...");
    }
    if let Some(c) = &f.cond {
        out.push_str(" if ");
        hcl(c, out, level);
    }
    out.push(if f.key.is_some() { '}' } else { ']' });
}

/// True for Terraform identifiers: `^[A-Za-z_][A-Za-z0-9_-]*$`.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Writes the parts of a template, escaping the joined text rather than each piece:
///
/// - adjacent literal parts are merged first, so `"$"` followed by `"{x}"` is the text `${x}`
///   (written `$${x}`), never an interpolation;
/// - Terraform reads `$${` as the text `${`, so a literal ending in `$` right before an
///   interpolation cannot be written as is (`$` + `${x}` would read as the text `${x}`). The
///   trailing dollars are written as an interpolated string instead: `cost: $` followed by
///   `var.price` is `cost: ${"$"}${var.price}`. (`$$${var.price}` would not do: Terraform reads
///   it as the text `$${var.price}`.) A trailing `%` needs nothing: `%${` is a `%` and an
///   interpolation.
///
/// `lit` writes literal text escaped for the syntax (JSON template or HCL quoted string).
///
/// The interpolations are written as nodes `level` levels down.
fn write_template(
    parts: &[TemplatePart],
    out: &mut String,
    lit: fn(&str, &mut String),
    level: usize,
) {
    let mut parts_flat = Vec::with_capacity(parts.len());
    flatten(parts, &mut parts_flat, level);
    let parts = parts_flat.as_slice();
    let mut i = 0;
    while i < parts.len() {
        let text = match parts[i] {
            Flat::Interp(e, level) => {
                out.push_str("${");
                hcl(e, out, level);
                out.push('}');
                i += 1;
                continue;
            }
            Flat::Lit(first) => {
                let run = parts[i..]
                    .iter()
                    .take_while(|p| matches!(p, Flat::Lit(_)))
                    .count();
                let text: std::borrow::Cow<'_, str> = if run == 1 {
                    first.into()
                } else {
                    parts[i..i + run]
                        .iter()
                        .filter_map(|p| match p {
                            Flat::Lit(s) => Some(*s),
                            Flat::Interp(..) => None,
                        })
                        .collect::<String>()
                        .into()
                };
                i += run;
                text
            }
        };
        let before_interp = i < parts.len();
        let body = if before_interp {
            text.trim_end_matches('$')
        } else {
            &text
        };
        lit(body, out);
        let dollars = &text[body.len()..];
        if !dollars.is_empty() {
            out.push_str("${\"");
            out.push_str(dollars);
            out.push_str("\"}");
        }
    }
}

/// A part of a template with nested templates spliced in: borrowed text, or an interpolation
/// and how many levels down its expression is.
#[derive(Debug, Clone, Copy)]
enum Flat<'a> {
    Lit(&'a str),
    Interp(&'a RawExpr, usize),
}

/// The parts with nested templates and interpolated strings spliced in, so that
/// `"${"${var.prefix}-shared"}-app"` is written `"${var.prefix}-shared-app"`: the same
/// string, as Terraform evaluates it. Literal text stays text (escaped when written). `level`
/// is how many levels down the parts' expressions are; a template past [`WRITE_DEPTH`] is not
/// spliced (it is written as the marker).
fn flatten<'a>(parts: &'a [TemplatePart], out: &mut Vec<Flat<'a>>, level: usize) {
    for p in parts {
        match p {
            TemplatePart::Lit(s) => out.push(Flat::Lit(s)),
            TemplatePart::Interp(RawExpr::String(s)) => out.push(Flat::Lit(s)),
            TemplatePart::Interp(RawExpr::Template(inner)) if level <= WRITE_DEPTH => {
                flatten(inner, out, level + 1);
            }
            TemplatePart::Interp(e) => out.push(Flat::Interp(e, level)),
        }
    }
}

/// The string Terraform JSON expects for a non-literal `e`, a node `level` levels down: a
/// template (`"a${b}"`) or a single interpolation (`"${expr}"`).
fn write_json_template(e: &RawExpr, out: &mut String, level: usize) {
    match e {
        _ if level > WRITE_DEPTH => out.push_str(&too_deep("expression")),
        RawExpr::Template(parts) => {
            let lit = |s: &str, out: &mut String| out.push_str(&escape_template(s));
            write_template(parts, out, lit, level + 1);
        }
        _ => {
            out.push_str("${");
            hcl(e, out, level);
            out.push('}');
        }
    }
}

thread_local! {
    /// One buffer per thread for the `"${...}"` strings of a synth: no allocation per expression.
    static TEMPLATE_BUF: std::cell::RefCell<String> = std::cell::RefCell::new(String::with_capacity(256));
}

/// Serializes an expression as a Terraform JSON value: literals as JSON literals (strings
/// escaped), lists and objects element by element, anything else as a `"${...}"` string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Json<'a>(pub &'a RawExpr);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        JsonAt(self.0, 1).serialize(s)
    }
}

/// [`Json`] of a node `.1` levels down: past [`WRITE_DEPTH`] levels, the marker of
/// [`too_deep`] stands for the rest (as a JSON string).
#[derive(Debug, Clone, Copy)]
struct JsonAt<'a>(&'a RawExpr, usize);

impl Serialize for JsonAt<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let JsonAt(e, level) = *self;
        match e {
            _ if level > WRITE_DEPTH => s.serialize_str(&too_deep("expression")),
            RawExpr::Null => s.serialize_unit(),
            RawExpr::Bool(b) => s.serialize_bool(*b),
            RawExpr::Number(n) => n.serialize(s),
            RawExpr::String(v) => s.serialize_str(&escape_template(v)),
            RawExpr::Tuple(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(&JsonAt(i, level + 1))?;
                }
                seq.end()
            }
            RawExpr::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(&escape_template(k), &JsonAt(v, level + 1))?;
                }
                m.end()
            }
            other => TEMPLATE_BUF.with(|buf| match buf.try_borrow_mut() {
                Ok(mut buf) => {
                    buf.clear();
                    write_json_template(other, &mut buf, level);
                    s.serialize_str(&buf)
                }
                Err(_) => {
                    let mut text = String::new();
                    write_json_template(other, &mut text, level);
                    s.serialize_str(&text)
                }
            }),
        }
    }
}

/// Serializes a value for a position Terraform reads without an evaluation context
/// (variable `default`, descriptions, `backend` and `cloud` settings): there a JSON string is
/// taken verbatim, so literals are written as they are, without template escapes. Anything
/// that is not a literal is rejected by validation before synth.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LiteralJson<'a>(pub &'a RawExpr);

impl Serialize for LiteralJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            RawExpr::String(v) => s.serialize_str(v),
            RawExpr::Tuple(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(&LiteralJson(i))?;
                }
                seq.end()
            }
            RawExpr::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, &LiteralJson(v))?;
                }
                m.end()
            }
            other => Json(other).serialize(s),
        }
    }
}

/// Renders an expression the way it appears as a Terraform JSON value, as compact JSON text.
/// Handy in tests and docs.
///
/// An expression nested deeper than 512 levels (twice what a stack accepts,
/// [`MAX_DEPTH`](crate::expr::MAX_DEPTH)) is written down to that depth, with the text
/// `… (expression nested deeper than 512 levels)` in place of the rest: still JSON, never a
/// stack overflow.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, to_json_string};
/// let mut stack = Stack::new();
/// let port: Expr<Number> = stack.variable("port", Variable::new());
/// assert_eq!(to_json_string((port + 1).raw()), r#""${var.port + 1}""#);
/// ```
pub fn to_json_string(e: &RawExpr) -> String {
    serde_json::to_string(&Json(e)).unwrap_or_default()
}

/// One space inside the braces of a one-line object or object `for` (`{ for k, v in x : k => v }`),
/// as `terraform fmt` writes them; empty braces stay `{}`. Strings are left alone.
pub(crate) fn brace_spaces(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let end = skip_string(b, i);
                out.push_str(&text[i..end]);
                i = end;
                continue;
            }
            b'{' => {
                out.push('{');
                if !matches!(b.get(i + 1), Some(b' ' | b'}') | None) {
                    out.push(' ');
                }
            }
            b'}' => {
                if !out.ends_with(' ') && !out.ends_with('{') {
                    out.push(' ');
                }
                out.push('}');
            }
            _ => {
                // Copy one whole UTF-8 character.
                let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[i..i + ch_len]);
                i += ch_len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The index just past the quoted string starting at `start`, template sequences included.
pub(crate) fn skip_string(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'$' | b'%' if b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&b'{') => i += 3,
            b'$' | b'%' if b.get(i + 1) == Some(&b'{') => i = skip_template(b, i + 2),
            _ => i += 1,
        }
    }
    i
}

/// The index just past the `}` closing a template sequence whose body starts at `start`.
fn skip_template(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i = skip_string(b, i);
                continue;
            }
            b'{' => depth += 1,
            b'}' if depth == 0 => return i + 1,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;

//! Writing a stack in Terraform's native syntax (HCL), as `terraform fmt` would leave it.
//!
//! Blocks, labels, attributes, and object and list literals are built as `hcl-rs` structures and
//! written by its formatter; every other expression is the text of [`crate::render_hcl`] (so a
//! literal `${` stays escaped as `$${`). A last pass aligns the `=` of consecutive one-line
//! attributes the way `terraform fmt` does. The construct path of each block is a `#` comment
//! above it. The output means the same as [`crate::Stack::synth`]'s JSON.
//!
//! Enabled by the `hcl` feature.
//!
//! # Example
//! ```
//! use tfsynth::{prelude::*, RawResource, SynthOptions};
//! let mut stack = Stack::new();
//! let mut net = stack.scope("network");
//! net.resource(
//!     "vpc",
//!     RawResource::new("aws_vpc")
//!         .attr("cidr_block", "10.0.0.0/16")
//!         .attr("enable_dns_support", true),
//! );
//! let hcl = tfsynth::hcl::synth_hcl(&stack, SynthOptions::default()).unwrap();
//! assert_eq!(
//!     hcl,
//!     "# network/vpc\nresource \"aws_vpc\" \"network_vpc\" {\n  cidr_block         = \"10.0.0.0/16\"\n  enable_dns_support = true\n}\n"
//! );
//! ```

use ::hcl::expr::{Expression, Object, ObjectKey, Variable};
use ::hcl::{Attribute, Block, BlockLabel, Body as HclBody, Identifier, Structure};

use crate::block::{Condition, IgnoreChanges, Lifecycle, Meta, Repetition};
use crate::body::{Body, Entry};
use crate::decl::{Decl, Kind};
use crate::error::{Error, Errors};
use crate::expr::render::{brace_spaces, is_identifier, skip_string};
use crate::expr::{render_hcl, RawExpr, TemplatePart};
use crate::stack::{BlockItem, Stack, SynthOptions};

/// A one-line list longer than this is written one element per line.
const WIDTH: usize = 80;

/// Validates `stack`, then writes it in HCL (`main.tf`): byte-for-byte deterministic, in the
/// order of [`Stack::synth`], accepted by `terraform fmt -check`.
///
/// # Errors
/// Every problem [`Stack::validate`] reports, plus attribute names that HCL cannot write
/// (the JSON syntax can quote any key; HCL needs identifiers).
pub fn synth_hcl(stack: &Stack, options: SynthOptions) -> Result<String, Errors> {
    stack.validate()?;
    let mut w = Writer {
        sections: Vec::new(),
        errors: Vec::new(),
        comments: options.comments,
    };
    w.stack(stack);
    if !w.errors.is_empty() {
        return Err(Errors(w.errors));
    }
    let mut out = String::new();
    for (i, (comment, block)) in w.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(c) = comment {
            for line in c.lines() {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
        // Formatting into a String cannot fail.
        let text = ::hcl::format::to_string(block).unwrap_or_default();
        out.push_str(text.trim_end_matches('\n'));
        out.push('\n');
    }
    // hcl-rs writes an empty nested block as `{  }`; terraform fmt writes `{}`.
    let out = out.replace(" {  }\n", " {}\n");
    Ok(align(&out))
}

struct Writer {
    sections: Vec<(Option<String>, Block)>,
    errors: Vec<Error>,
    comments: bool,
}

/// An expression written verbatim: the text of [`render_hcl`].
fn raw(text: impl Into<String>) -> Expression {
    Expression::Variable(Variable::unchecked(text.into()))
}

/// `"${x}"` alone means `x` (HCL returns a lone interpolation's value unconverted), and
/// `terraform fmt` unwraps it.
fn unwrap(e: &RawExpr) -> &RawExpr {
    match e {
        RawExpr::Template(parts) => match parts.as_slice() {
            [TemplatePart::Interp(inner)] => unwrap(inner),
            _ => e,
        },
        _ => e,
    }
}

fn text(e: &RawExpr) -> String {
    let mut s = String::new();
    render_hcl(unwrap(e), &mut s);
    brace_spaces(&s)
}

fn leaf(e: &RawExpr) -> Expression {
    raw(text(e))
}

/// An attribute value: object literals with several keys and long lists are laid out over
/// several lines (as hcl-rs structures), everything else on one line.
fn value(e: &RawExpr) -> Expression {
    match unwrap(e) {
        RawExpr::Object(map) if map.len() >= 2 => {
            let mut o = Object::new();
            for (k, v) in map {
                let key = if is_identifier(k) {
                    ObjectKey::Identifier(Identifier::unchecked(k.as_str()))
                } else {
                    ObjectKey::Expression(leaf(&RawExpr::String(k.clone())))
                };
                o.insert(key, value(v));
            }
            Expression::Object(o)
        }
        RawExpr::Tuple(items)
            if items
                .iter()
                .any(|i| matches!(unwrap(i), RawExpr::Object(m) if m.len() >= 2))
                || text(e).len() > WIDTH =>
        {
            Expression::Array(items.iter().map(value).collect())
        }
        other => leaf(other),
    }
}

fn ident(s: &str) -> Identifier {
    Identifier::unchecked(s)
}

fn label(s: &str) -> BlockLabel {
    BlockLabel::String(s.to_owned())
}

fn attr(name: &str, e: Expression) -> Structure {
    Structure::Attribute(Attribute::new(ident(name), e))
}

fn string(s: &str) -> Expression {
    leaf(&RawExpr::String(s.to_owned()))
}

fn bool_attr(name: &str, b: bool) -> Structure {
    attr(name, Expression::Bool(b))
}

/// A list of bare references (`depends_on`, `replace_triggered_by`, `ignore_changes`).
fn refs(items: impl IntoIterator<Item = String>) -> Expression {
    let items: Vec<String> = items.into_iter().collect();
    let one_line = format!("[{}]", items.join(", "));
    if one_line.len() > WIDTH {
        Expression::Array(items.into_iter().map(raw).collect())
    } else {
        raw(one_line)
    }
}

fn block(name: &str, labels: &[&str], body: Vec<Structure>) -> Block {
    Block {
        identifier: ident(name),
        labels: labels.iter().map(|l| label(l)).collect(),
        body: HclBody::from(body),
    }
}

fn conditions(name: &str, cs: &[Condition], out: &mut Vec<Structure>) {
    for c in cs {
        out.push(Structure::Block(block(
            name,
            &[],
            vec![
                attr("condition", value(&c.condition)),
                attr("error_message", value(&c.error_message)),
            ],
        )));
    }
}

impl Writer {
    fn section(&mut self, path: &str, b: Block) {
        let comment = (self.comments && !path.is_empty()).then(|| path.to_owned());
        self.sections.push((comment, b));
    }

    /// The entries of a model body, as HCL attributes and nested blocks.
    fn body(&mut self, body: &Body, path: &str, out: &mut Vec<Structure>) {
        for (name, entry) in body.entries() {
            if !is_identifier(name) {
                self.errors.push(Error::InvalidIdentifier {
                    kind: "attribute (HCL needs identifiers; --format json can write it)",
                    name: name.to_string(),
                    path: path.to_owned(),
                });
                continue;
            }
            match entry {
                Entry::Attr(v) => out.push(attr(name, value(v))),
                Entry::Block(b) => {
                    let inner = self.nested(b, path);
                    out.push(Structure::Block(block(name, &[], inner)));
                }
                Entry::Blocks(bs) => {
                    for b in bs {
                        let inner = self.nested(b, path);
                        out.push(Structure::Block(block(name, &[], inner)));
                    }
                }
                Entry::MapBlocks(bs) => {
                    for (key, b) in bs {
                        let inner = self.nested(b, path);
                        out.push(Structure::Block(block(name, &[key], inner)));
                    }
                }
            }
        }
        for (name, d) in body.dynamic_blocks() {
            let mut inner = vec![attr("for_each", value(&d.for_each))];
            if let Some(it) = &d.iterator {
                inner.push(attr("iterator", raw(it.clone())));
            }
            let content = self.nested(&d.content, path);
            inner.push(Structure::Block(block("content", &[], content)));
            out.push(Structure::Block(block("dynamic", &[name], inner)));
        }
    }

    fn nested(&mut self, body: &Body, path: &str) -> Vec<Structure> {
        let mut out = Vec::new();
        self.body(body, path, &mut out);
        out
    }

    fn stack(&mut self, st: &Stack) {
        self.settings(st);
        for kind in Kind::ALL {
            // Locals are the attributes of one `locals` block.
            let mut locals = Vec::new();
            st.decls_of(kind, &mut |d| self.decl(d, &mut locals));
            if !locals.is_empty() {
                self.section("", block(kind.keyword(), &[], locals));
            }
        }
    }

    /// The block of one declaration (a local: its attribute in `locals`).
    fn decl(&mut self, d: Decl<'_>, locals: &mut Vec<Structure>) {
        let mut body = Vec::new();
        match d {
            Decl::Provider { item, .. } => {
                if let Some(a) = &item.value.alias {
                    body.push(attr("alias", string(a)));
                }
                self.body(&item.value.body, &item.path, &mut body);
            }
            Decl::Variable { item, .. } => {
                let v = &item.value;
                if let Some(t) = &v.ty {
                    body.push(attr("type", raw(brace_spaces(&t.to_string()))));
                }
                if let Some(d) = &v.default {
                    body.push(attr("default", value(d)));
                }
                if let Some(d) = &v.description {
                    body.push(attr("description", string(d)));
                }
                for (k, b) in [
                    ("sensitive", v.sensitive),
                    ("nullable", v.nullable),
                    ("ephemeral", v.ephemeral),
                ] {
                    if let Some(b) = b {
                        body.push(bool_attr(k, b));
                    }
                }
                conditions("validation", &v.validations, &mut body);
            }
            Decl::Local { name, item } => {
                locals.push(attr(name, value(&item.value)));
                return;
            }
            Decl::Data { item, .. }
            | Decl::Ephemeral { item, .. }
            | Decl::Resource { item, .. } => {
                body = self.block_item(&item.value, &item.path);
            }
            Decl::Module { item, .. } => {
                let m = &item.value;
                body.push(attr("source", string(&m.source)));
                if let Some(v) = &m.version {
                    body.push(attr("version", string(v)));
                }
                repetition(&m.repetition, &mut body);
                if !m.providers.is_empty() {
                    let pairs: Vec<String> = m
                        .providers
                        .iter()
                        .map(|(k, v)| format!("{k} = {v}"))
                        .collect();
                    body.push(attr(
                        "providers",
                        raw(format!("{{ {} }}", pairs.join(", "))),
                    ));
                }
                for (k, v) in &m.inputs {
                    body.push(attr(k, value(v)));
                }
                if !m.depends_on.is_empty() {
                    body.push(attr("depends_on", refs(m.depends_on.iter().cloned())));
                }
            }
            Decl::Output { item, .. } => {
                let o = &item.value;
                body.push(attr("value", value(&o.value)));
                if let Some(d) = &o.description {
                    body.push(attr("description", string(d)));
                }
                if let Some(b) = o.sensitive {
                    body.push(bool_attr("sensitive", b));
                }
                if let Some(b) = o.ephemeral {
                    body.push(bool_attr("ephemeral", b));
                }
                if !o.depends_on.is_empty() {
                    body.push(attr("depends_on", refs(o.depends_on.iter().cloned())));
                }
                conditions("precondition", &o.preconditions, &mut body);
            }
            Decl::Moved(item) => {
                body.push(attr("from", raw(item.value.from.clone())));
                body.push(attr("to", raw(item.value.to.clone())));
            }
            Decl::Import(item) => {
                let i = &item.value;
                if let Some((collection, _)) = &i.for_each {
                    body.push(attr("for_each", value(collection)));
                }
                body.push(attr("to", raw(i.to_text())));
                body.push(attr("id", value(&i.id)));
                if let Some(p) = &i.provider {
                    body.push(attr("provider", raw(p.to_string())));
                }
            }
            Decl::Removed(item) => {
                body.push(attr("from", raw(item.value.from.clone())));
                body.push(Structure::Block(block(
                    "lifecycle",
                    &[],
                    vec![bool_attr("destroy", item.value.destroy)],
                )));
            }
            Decl::Check { item, .. } => {
                let c = &item.value;
                if let Some((ty, n, b)) = &c.data {
                    let inner = self.nested(b, &item.path);
                    body.push(Structure::Block(block("data", &[ty, n], inner)));
                }
                conditions("assert", &c.asserts, &mut body);
            }
        }
        let kind = d.kind();
        let b = block(kind.keyword(), d.labels().as_slice(), body);
        if kind.is_list() {
            self.sections.push((None, b));
        } else {
            self.section(d.path(), b);
        }
    }

    fn settings(&mut self, st: &Stack) {
        let t = &st.settings;
        if t.is_empty() {
            return;
        }
        let mut body = Vec::new();
        if let Some(v) = &t.required_version {
            body.push(attr("required_version", string(v)));
        }
        if !t.required_providers.is_empty() {
            let rp = t
                .required_providers
                .iter()
                .map(|(k, r)| {
                    let mut o = Object::new();
                    o.insert(ObjectKey::Identifier(ident("source")), string(&r.source));
                    if let Some(v) = &r.version {
                        o.insert(ObjectKey::Identifier(ident("version")), string(v));
                    }
                    if !r.configuration_aliases.is_empty() {
                        o.insert(
                            ObjectKey::Identifier(ident("configuration_aliases")),
                            raw(format!("[{}]", r.configuration_aliases.join(", "))),
                        );
                    }
                    attr(k, Expression::Object(o))
                })
                .collect();
            body.push(Structure::Block(block("required_providers", &[], rp)));
        }
        if let Some(b) = &t.backend {
            let inner = self.nested(b.body(), "");
            body.push(Structure::Block(block(
                "backend",
                &[b.backend_type()],
                inner,
            )));
        }
        if let Some(c) = &t.cloud {
            let inner = self.nested(&c.body, "");
            body.push(Structure::Block(block("cloud", &[], inner)));
        }
        for (name, b) in &t.provider_meta {
            let inner = self.nested(b, "");
            body.push(Structure::Block(block("provider_meta", &[name], inner)));
        }
        self.sections.push((None, block("terraform", &[], body)));
    }

    fn block_item(&mut self, b: &BlockItem, path: &str) -> Vec<Structure> {
        let meta: &Meta = b.meta();
        let mut body = Vec::new();
        repetition(&meta.repetition, &mut body);
        if let Some(p) = &meta.provider {
            body.push(attr("provider", raw(p.to_string())));
        }
        self.body(&b.body, path, &mut body);
        if !meta.depends_on.is_empty() {
            body.push(attr("depends_on", refs(meta.depends_on.iter().cloned())));
        }
        if !meta.lifecycle.is_empty() {
            body.push(Structure::Block(block(
                "lifecycle",
                &[],
                lifecycle(&meta.lifecycle),
            )));
        }
        body
    }
}

fn repetition(r: &Repetition, body: &mut Vec<Structure>) {
    match r {
        Repetition::Single => {}
        Repetition::Count(e) => body.push(attr("count", value(e))),
        Repetition::ForEach(e) => body.push(attr("for_each", value(e))),
    }
}

fn lifecycle(l: &Lifecycle) -> Vec<Structure> {
    let mut body = Vec::new();
    if let Some(b) = l.create_before_destroy {
        body.push(bool_attr("create_before_destroy", b));
    }
    if let Some(b) = l.prevent_destroy {
        body.push(bool_attr("prevent_destroy", b));
    }
    match &l.ignore_changes {
        IgnoreChanges::None => {}
        IgnoreChanges::All => body.push(attr("ignore_changes", raw("all"))),
        IgnoreChanges::Paths(paths) => {
            body.push(attr("ignore_changes", refs(paths.iter().map(text))));
        }
    }
    if !l.replace_triggered_by.is_empty() {
        body.push(attr(
            "replace_triggered_by",
            refs(l.replace_triggered_by.iter().map(text)),
        ));
    }
    conditions("precondition", &l.precondition, &mut body);
    conditions("postcondition", &l.postcondition, &mut body);
    body
}

/// Aligns the `=` of consecutive attribute lines, as `terraform fmt` (hclwrite) does: a line
/// takes part when its first `=` follows at least one token and the rest of the line opens no
/// bracket it does not close; any other line ends the run.
pub(crate) fn align(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let cells: Vec<Option<(usize, usize)>> = lines.iter().map(|l| assign_cell(l)).collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut i = 0;
    while i < lines.len() {
        if cells[i].is_none() {
            out.push_str(lines[i]);
            if i + 1 < lines.len() {
                out.push('\n');
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && cells[i].is_some() {
            i += 1;
        }
        let width = cells[start..i]
            .iter()
            .flatten()
            .map(|(lead_end, _)| *lead_end)
            .max()
            .unwrap_or(0);
        for j in start..i {
            if let Some((lead_end, eq)) = cells[j] {
                let line = lines[j];
                out.push_str(&line[..lead_end]);
                for _ in 0..=(width - lead_end) {
                    out.push(' ');
                }
                out.push_str(&line[eq..]);
            }
            if j + 1 < lines.len() {
                out.push('\n');
            }
        }
    }
    out
}

/// For an attribute line, (end of the lead without trailing spaces, index of the `=`).
/// Leads are ASCII (identifiers, quoted keys of ASCII text), so byte widths are columns; a
/// line whose lead is not ASCII is left out of alignment.
fn assign_cell(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let mut i = 0;
    let mut tokens_before = 0usize;
    let mut eq = None;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' => i += 1,
            b'"' => {
                i = skip_string(b, i);
                tokens_before += 1;
            }
            b'#' => return None,
            b'=' => {
                let next = b.get(i + 1).copied();
                if next == Some(b'=') || next == Some(b'>') {
                    i += 2;
                    tokens_before += 1;
                } else {
                    if tokens_before > 0 {
                        eq = Some(i);
                    }
                    break;
                }
            }
            b'!' | b'<' | b'>' if b.get(i + 1) == Some(&b'=') => {
                i += 2;
                tokens_before += 1;
            }
            _ => {
                i += 1;
                tokens_before += 1;
            }
        }
    }
    let eq = eq?;
    // Net brackets from the `=` to the end of the line, outside strings.
    let mut net = 0i32;
    let mut k = eq;
    while k < b.len() {
        match b[k] {
            b'"' => {
                k = skip_string(b, k);
                continue;
            }
            b'{' | b'[' | b'(' => net += 1,
            b'}' | b']' | b')' => net -= 1,
            _ => {}
        }
        k += 1;
    }
    if net != 0 {
        return None;
    }
    let lead = line[..eq].trim_end();
    if !lead.is_ascii() {
        return None;
    }
    Some((lead.len(), eq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{prelude::*, RawResource};

    #[test]
    fn align_follows_terraform_fmt() {
        let text =
            "a = 1\nlong_name = \"x = y\"\nobj = {\n  k = 1\n  key2 = [1]\n}\nz == 1\nb = [\n]\n";
        assert_eq!(
            align(text),
            "a         = 1\nlong_name = \"x = y\"\nobj = {\n  k    = 1\n  key2 = [1]\n}\nz == 1\nb = [\n]\n"
        );
        // `=` inside a template interpolation is not the assignment
        assert_eq!(
            align("\"k${a == b}\" = 1\nxy = \"${x}\"\n"),
            "\"k${a == b}\" = 1\nxy           = \"${x}\"\n"
        );
        // for expressions: `=>` is not `=`
        assert_eq!(
            align("m = { for k, v in x : k => v }\nab = 2"),
            "m  = { for k, v in x : k => v }\nab = 2"
        );
    }

    #[test]
    fn braces_get_terraform_fmt_spaces() {
        assert_eq!(
            brace_spaces("{for k, v in x : k => v}"),
            "{ for k, v in x : k => v }"
        );
        assert_eq!(
            brace_spaces("object({a = string})"),
            "object({ a = string })"
        );
        assert_eq!(brace_spaces("{}"), "{}");
        assert_eq!(brace_spaces("{ a = 1 }"), "{ a = 1 }");
        assert_eq!(brace_spaces("\"{x}${y}\""), "\"{x}${y}\"");
        assert_eq!(brace_spaces("{ a = \"é\" }"), "{ a = \"é\" }");
    }

    #[test]
    fn literal_templates_stay_escaped() {
        let mut stack = Stack::new();
        stack.resource(
            "x",
            RawResource::new("aws_vpc")
                .attr("cidr_block", "10.0.0.0/16")
                .attr("tags", {
                    let mut m = crate::ObjectMap::new();
                    m.insert("Name".to_owned(), RawExpr::from("${file(\"/etc/passwd\")}"));
                    m.insert("Pct".to_owned(), RawExpr::from("100%{x}"));
                    RawExpr::Object(m)
                }),
        );
        let hcl = synth_hcl(&stack, SynthOptions::default()).expect("valid");
        assert!(
            hcl.contains(r#"Name = "$${file(\"/etc/passwd\")}""#),
            "{hcl}"
        );
        assert!(hcl.contains(r#"Pct  = "100%%{x}""#), "{hcl}");
    }

    #[test]
    fn lone_interpolations_are_unwrapped() {
        let mut stack = Stack::new();
        let cidr: Expr<String> = stack.variable("cidr", crate::Variable::new());
        stack.resource(
            "x",
            RawResource::new("aws_vpc").attr("cidr_block", crate::template!(cidr)),
        );
        let hcl = synth_hcl(&stack, SynthOptions { comments: false }).expect("valid");
        assert!(hcl.contains("  cidr_block = var.cidr\n"), "{hcl}");
    }

    #[test]
    fn non_identifier_attribute_names_are_errors() {
        let mut stack = Stack::new();
        stack.resource("x", RawResource::new("aws_vpc").attr("bad name", 1));
        let e = synth_hcl(&stack, SynthOptions::default()).expect_err("must fail");
        assert!(e.to_string().contains("bad name"), "{e}");
    }
}

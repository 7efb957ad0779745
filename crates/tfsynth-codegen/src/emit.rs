//! Rust source for one [`TypeModel`]: the structs, their builders, accessors and trait impls.

use std::collections::BTreeSet;

use crate::model::{DefKind, Field, FieldKind, Multiplicity, Ty, TypeModel};
use crate::names::ident;
use crate::schema::CtyType;
use crate::Error;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// What the root of a model is.
#[derive(Debug, Clone)]
pub enum RootKind {
    /// `resource "TYPE"`
    Resource,
    /// `data "TYPE"`
    Data,
    /// `provider "NAME"`, with its `required_providers` source and version constraint.
    Provider {
        /// `hashicorp/aws`
        source: String,
        /// `~> 6.0`
        constraint: String,
    },
}

/// The names of `tfsynth` items generated code may use; each file imports those it uses.
const IMPORTABLE: &[&str] = &[
    "Any",
    "Attrs",
    "Block",
    "Body",
    "DataSource",
    "DynamicBlock",
    "Entry",
    "Expr",
    "IntoAny",
    "Join",
    "List",
    "Map",
    "Meta",
    "Node",
    "Number",
    "ObjectType",
    "ObjectValue",
    "ProviderBlock",
    "RawExpr",
    "RefRoot",
    "Resource",
    "Set",
    "TfType",
    "ToBody",
    "TypeExpr",
    "Value",
];

/// The `use tfsynth::{...};` line for the names `code` uses outside comments.
pub fn imports(code: &str) -> String {
    let mut used = BTreeSet::new();
    for line in code.lines() {
        let l = line.trim_start();
        if l.starts_with("//") {
            continue;
        }
        // A word right after `::` is a path segment (`Entry::Block`), not an import.
        let mut word = String::new();
        let mut qualified = false;
        let mut prev = [' ', ' '];
        for c in l.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() || c == '_' {
                if word.is_empty() {
                    qualified = prev == [':', ':'];
                }
                word.push(c);
            } else {
                if !qualified && IMPORTABLE.contains(&word.as_str()) {
                    used.insert(std::mem::take(&mut word));
                }
                word.clear();
            }
            prev = [prev[1], c];
        }
    }
    match used.len() {
        0 => String::new(),
        1 => format!(
            "use tfsynth::{};\n",
            used.iter().next().map_or("", String::as_str)
        ),
        _ => format!(
            "use tfsynth::{{{}}};\n",
            used.into_iter().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Doc comment lines (`/// ...`) for a text. Code fences are neutralized so provider
/// descriptions never become doctests.
pub fn doc(out: &mut String, indent: &str, text: &str) {
    // A bare carriage return ends a line (rustc refuses one in a doc comment); other control
    // characters become spaces.
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    for line in text.trim().lines() {
        let l = markdown_safe(&line.trim().replace("```", "'''"));
        if l.is_empty() {
            w!(out, "{indent}///");
        } else {
            w!(out, "{indent}/// {l}");
        }
    }
}

/// Makes provider text safe for rustdoc: a `<` that does not open an autolink is escaped
/// (`<region>` is not an HTML tag), and bare URLs become autolinks (`<https://...>`).
pub fn markdown_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let linked = (i >= 2 && &bytes[i - 2..i] == b"](") || (i >= 1 && bytes[i - 1] == b'<');
            let end = rest
                .find(|ch: char| ch.is_whitespace() || ch == '>')
                .unwrap_or(rest.len());
            let mut url = &rest[..end];
            if linked {
                out.push_str(url);
            } else {
                // Trailing punctuation and an unmatched `)` belong to the sentence.
                loop {
                    let mut t = url.trim_end_matches(['.', ',', ';', ':', '"', '\'']);
                    if t.ends_with(')') && t.matches('(').count() < t.matches(')').count() {
                        t = &t[..t.len() - 1];
                    }
                    if t.len() == url.len() {
                        break;
                    }
                    url = t;
                }
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            i += url.len();
            continue;
        }
        if !in_code && c == '<' && !rest.starts_with("<http") {
            out.push_str("\\<");
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// The Rust names of one generated struct and its companions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefNames {
    /// The builder struct.
    pub name: String,
    /// The attribute-accessor struct.
    pub attrs: String,
    /// The required-arguments struct, when it has two or more required arguments.
    pub args: Option<String>,
}

/// One struct to emit, with how it refers to the other structs of its model.
pub struct DefEmit<'a> {
    /// The model the struct belongs to.
    pub model: &'a TypeModel,
    /// Its index in the model.
    pub idx: usize,
    /// Its names (after sharing: a shared struct keeps the name of its first occurrence).
    pub names: DefNames,
    /// The Rust path of another struct of the model, by index, as seen from the file emitted.
    pub path_of: &'a dyn Fn(usize) -> String,
    /// The root's kind (only read for `idx == 0`).
    pub root: &'a RootKind,
    /// The first paragraph of the struct's doc comment.
    pub heading: String,
    /// The cargo feature that enables the struct, for the docs.
    pub feature: Option<&'a str>,
}

impl std::fmt::Debug for DefEmit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DefEmit")
            .field("type", &self.model.type_name)
            .field("idx", &self.idx)
            .field("names", &self.names)
            .finish_non_exhaustive()
    }
}

fn rust_ty(ty: &Ty, path_of: &dyn Fn(usize) -> String) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Number => "Number".into(),
        Ty::Bool => "bool".into(),
        Ty::Any => "Any".into(),
        Ty::List(t) => format!("List<{}>", rust_ty(t, path_of)),
        Ty::Set(t) => format!("Set<{}>", rust_ty(t, path_of)),
        Ty::Map(t) => format!("Map<{}>", rust_ty(t, path_of)),
        Ty::Object(i) => path_of(*i),
    }
}

/// The parameter type of a setter or constructor argument.
fn param_ty(ty: &Ty, path_of: &dyn Fn(usize) -> String) -> String {
    if ty.has_any() {
        "impl IntoAny".into()
    } else {
        format!("impl Into<Value<{}>>", rust_ty(ty, path_of))
    }
}

/// The expression turning parameter `p` into a `RawExpr`.
fn param_raw(ty: &Ty, p: &str) -> String {
    if ty.has_any() {
        format!("{p}.into_raw()")
    } else {
        format!("{p}.into().into_raw()")
    }
}

/// The element object of a `list(object)` / `set(object)` attribute.
fn element_object(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::List(t) | Ty::Set(t) => match **t {
            Ty::Object(i) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// The doc text of a field: the provider's description, then its name, type and flags.
pub fn field_doc(f: &Field, path_of: &dyn Fn(usize) -> String) -> String {
    let mut s = String::new();
    if let Some(d) = &f.description {
        s.push_str(d.trim());
        s.push_str("\n\n");
    }
    match &f.kind {
        FieldKind::Attr {
            ty,
            cty,
            required,
            settable,
            computed,
            write_only,
        } => {
            let mut what = vec![
                format!("`{}`", f.name),
                format!("`{}`", cty.terraform_name()),
            ];
            if *required {
                what.push("required".into());
            } else if *settable && *computed {
                what.push("optional, computed".into());
            } else if *settable {
                what.push("optional".into());
            } else if *computed {
                what.push("computed".into());
            }
            if *write_only {
                what.push("write-only".into());
            }
            s.push_str(&what.join(", "));
            if let Some(i) = object_in(ty) {
                s.push_str(&format!(": see [`{}`]", path_of(i)));
            }
            if matches!(cty, CtyType::Dynamic) {
                s.push_str(" (any value)");
            }
        }
        FieldKind::Block {
            def,
            nesting,
            min_items,
            max_items,
            ..
        } => {
            s.push_str(&format!(
                "Block `{}`, nesting mode `{}`",
                f.name,
                nesting.as_str()
            ));
            if let Some(m) = min_items.filter(|m| *m > 0) {
                s.push_str(&format!(", min {m}"));
            }
            if let Some(m) = max_items {
                s.push_str(&format!(", max {m}"));
            }
            s.push_str(&format!(": see [`{}`]", path_of(*def)));
        }
    }
    s
}

fn object_in(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Object(i) => Some(*i),
        Ty::List(t) | Ty::Set(t) | Ty::Map(t) => object_in(t),
        _ => None,
    }
}

/// Checks that the names of one impl (or struct) are distinct.
struct Names<'a> {
    owner: &'a str,
    seen: BTreeSet<String>,
}

impl Names<'_> {
    fn add(&mut self, name: &str) -> Result<(), Error> {
        if self.seen.insert(name.to_owned()) {
            Ok(())
        } else {
            Err(Error::Collision(format!(
                "`{}`: two members named `{name}`",
                self.owner
            )))
        }
    }
}

/// The `add_*` method of a repeated field.
pub fn add_name(field: &Field) -> String {
    format!("add_{}", field.name.to_lowercase().trim_end_matches('_'))
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_")
}

/// The `dynamic_*` method of a repeated field.
pub fn dynamic_name(field: &Field) -> String {
    format!("dynamic_{}", ident(&field.name).trim_end_matches('_'))
}

/// Emits one struct (its builder, required arguments, trait impls and accessors) into `out`.
///
/// # Errors
/// On a name collision among the members of the struct.
#[allow(clippy::too_many_lines)]
pub fn emit_def(out: &mut String, e: &DefEmit<'_>) -> Result<(), Error> {
    let def = &e.model.defs[e.idx];
    let path_of = e.path_of;
    let name = &e.names.name;
    let is_root = def.kind == DefKind::Root;
    let is_provider = is_root && matches!(e.root, RootKind::Provider { .. });
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    let mut fnames = Names {
        owner: &def.path,
        seen: BTreeSet::new(),
    };
    for f in &def.fields {
        fnames.add(&f.ident)?;
    }
    let extra = if is_provider {
        "Option<String>"
    } else if is_root {
        "Meta"
    } else {
        ""
    };
    let node = if extra.is_empty() {
        "Node".to_owned()
    } else {
        format!("Node<{extra}>")
    };

    // --- the struct
    let mut d = e.heading.clone();
    if required.is_empty() {
        d.push_str("\n\nBuild it with `new()` and the setters.");
    } else if let Some(args) = &e.names.args {
        d.push_str(&format!(
            "\n\nBuild it with `new({args} {{ .. }})` and the setters."
        ));
    } else {
        d.push_str(&format!(
            "\n\nBuild it with `new({})` and the setters.",
            required[0].ident
        ));
    }
    if let Some(feat) = e.feature {
        d.push_str(&format!("\n\nCargo feature: `{feat}`."));
    }
    doc(out, "", &d);
    w!(out, "#[derive(Debug, Clone)]");
    w!(out, "pub struct {name}({node});");
    w!(out, "");

    // --- the required-arguments struct
    if let Some(args) = &e.names.args {
        doc(out, "", &format!("The required arguments of [`{name}`]."));
        w!(out, "#[derive(Debug, Clone)]");
        w!(out, "pub struct {args} {{");
        for f in &required {
            doc(out, "    ", &field_doc(f, path_of));
            match &f.kind {
                FieldKind::Attr { ty, .. } => {
                    let t = if ty.has_any() {
                        "Any".to_owned()
                    } else {
                        rust_ty(ty, path_of)
                    };
                    w!(out, "    pub {}: Value<{t}>,", f.ident);
                }
                FieldKind::Block { def, .. } => {
                    w!(out, "    pub {}: {},", f.ident, path_of(*def));
                }
            }
        }
        w!(out, "}}");
        w!(out, "");
    }

    // --- constructor and setters
    let mut methods = Names {
        owner: name,
        seen: BTreeSet::new(),
    };
    methods.add("new")?;
    w!(out, "impl {name} {{");
    let set_required = |f: &Field, src: String| -> String {
        match &f.kind {
            FieldKind::Attr { .. } => format!(".attr(\"{}\", {src})", f.name),
            FieldKind::Block {
                multiplicity: Multiplicity::One,
                ..
            } => format!(".block(\"{}\", {src})", f.name),
            FieldKind::Block { .. } => format!(".push_block(\"{}\", {src})", f.name),
        }
    };
    if required.is_empty() {
        doc(
            out,
            "    ",
            "An empty value: set what you need with the setters.",
        );
        w!(out, "    #[inline]");
        w!(out, "    pub fn new() -> Self {{");
        w!(out, "        Self(Node::new())");
        w!(out, "    }}");
    } else if let Some(args) = &e.names.args {
        doc(
            out,
            "    ",
            "A value with its required arguments, named at the call site.",
        );
        w!(out, "    #[inline]");
        w!(out, "    pub fn new(args: {args}) -> Self {{");
        let mut chain = String::from("Node::new()");
        for f in &required {
            let src = match &f.kind {
                FieldKind::Attr { .. } => format!("args.{}.into_raw()", f.ident),
                FieldKind::Block { .. } => format!("args.{}", f.ident),
            };
            chain.push_str(&set_required(f, src));
        }
        w!(out, "        Self({chain})");
        w!(out, "    }}");
    } else {
        let f = required[0];
        let (param, src, generic) = match &f.kind {
            FieldKind::Attr { ty, .. } => (param_ty(ty, path_of), param_raw(ty, &f.ident), true),
            FieldKind::Block { def, .. } => (path_of(*def), f.ident.clone(), false),
        };
        doc(
            out,
            "    ",
            &format!(
                "A value with its required argument:\n- {}",
                field_doc(f, path_of)
                    .replace("\n\n", " ")
                    .replace('\n', " ")
            ),
        );
        if !generic {
            w!(out, "    #[inline]");
        }
        w!(out, "    pub fn new({}: {param}) -> Self {{", f.ident);
        w!(out, "        Self(Node::new(){})", set_required(f, src));
        w!(out, "    }}");
    }
    if is_provider {
        methods.add("alias")?;
        w!(out, "");
        doc(
            out,
            "    ",
            "`alias`: makes this an additional configuration, selected with `.provider(&handle)`.",
        );
        w!(out, "    #[must_use]");
        w!(
            out,
            "    pub fn alias(mut self, alias: impl Into<String>) -> Self {{"
        );
        w!(out, "        *self.0.extra_mut() = Some(alias.into());");
        w!(out, "        self");
        w!(out, "    }}");
    }
    for f in &def.fields {
        let fd = field_doc(f, path_of);
        let n = &f.name;
        match &f.kind {
            FieldKind::Attr {
                ty,
                required,
                settable,
                ..
            } => {
                if *settable && !*required {
                    methods.add(&f.ident)?;
                    w!(out, "");
                    doc(out, "    ", &fd);
                    w!(out, "    #[must_use]");
                    w!(
                        out,
                        "    pub fn {}(self, value: {}) -> Self {{",
                        f.ident,
                        param_ty(ty, path_of)
                    );
                    w!(
                        out,
                        "        Self(self.0.attr(\"{n}\", {}))",
                        param_raw(ty, "value")
                    );
                    w!(out, "    }}");
                }
                if *settable || *required {
                    if let Some(el) = element_object(ty) {
                        let join = if matches!(ty, Ty::Set(_)) {
                            ("setunion", "Join::SetUnion")
                        } else {
                            ("concat", "Join::Concat")
                        };
                        let et = path_of(el);
                        let m = add_name(f);
                        methods.add(&m)?;
                        w!(out, "");
                        doc(
                            out,
                            "    ",
                            &format!(
                                "Appends one object to `{n}` (after a value given as an \
                                 expression, the two are joined with `{}`).",
                                join.0
                            ),
                        );
                        w!(out, "    #[must_use]");
                        w!(out, "    pub fn {m}(self, item: {et}) -> Self {{");
                        w!(
                            out,
                            "        Self(self.0.append_object(\"{n}\", Value::from(item).into_raw(), {}))",
                            join.1
                        );
                        w!(out, "    }}");
                        let m = dynamic_name(f);
                        methods.add(&m)?;
                        w!(out, "");
                        doc(
                            out,
                            "    ",
                            &format!(
                                "The typed equivalent of `dynamic \"{n}\"`: one object per element \
                                 of `for_each` (`[for {n} in for_each : {{...}}]`, every key \
                                 written). `content` receives the element and returns the object; \
                                 appended like [`Self::{}`].",
                                add_name(f)
                            ),
                        );
                        w!(out, "    #[must_use]");
                        w!(out, "    pub fn {m}(self, for_each: impl IntoAny, content: impl FnOnce(Expr<Any>) -> {et}) -> Self {{");
                        w!(
                            out,
                            "        Self(self.0.for_each_object(\"{n}\", for_each.into_raw(), |e| Value::from(content(e)).into_raw(), {}))",
                            join.1
                        );
                        w!(out, "    }}");
                    }
                }
            }
            FieldKind::Block {
                def: bd,
                multiplicity,
                required,
                ..
            } => {
                let bt = path_of(*bd);
                match multiplicity {
                    Multiplicity::One => {
                        if !*required {
                            methods.add(&f.ident)?;
                            w!(out, "");
                            doc(out, "    ", &fd);
                            w!(out, "    #[must_use]");
                            w!(out, "    #[inline]");
                            w!(out, "    pub fn {}(self, block: {bt}) -> Self {{", f.ident);
                            w!(out, "        Self(self.0.block(\"{n}\", block))");
                            w!(out, "    }}");
                        }
                    }
                    Multiplicity::Many => {
                        let m = add_name(f);
                        methods.add(&m)?;
                        w!(out, "");
                        doc(
                            out,
                            "    ",
                            &format!("{fd}\n\nAppends one block; call it again to add more."),
                        );
                        w!(out, "    #[must_use]");
                        w!(out, "    #[inline]");
                        w!(out, "    pub fn {m}(self, block: {bt}) -> Self {{");
                        w!(out, "        Self(self.0.push_block(\"{n}\", block))");
                        w!(out, "    }}");
                    }
                    Multiplicity::Map => {
                        let m = add_name(f);
                        methods.add(&m)?;
                        w!(out, "");
                        doc(
                            out,
                            "    ",
                            &format!("{fd}\n\nAdds the block labelled `key`."),
                        );
                        w!(out, "    #[must_use]");
                        w!(
                            out,
                            "    pub fn {m}(self, key: impl Into<String>, block: {bt}) -> Self {{"
                        );
                        w!(
                            out,
                            "        Self(self.0.map_block(\"{n}\", key.into(), block))"
                        );
                        w!(out, "    }}");
                    }
                }
                if *multiplicity != Multiplicity::Map {
                    let m = dynamic_name(f);
                    methods.add(&m)?;
                    w!(out, "");
                    doc(
                        out,
                        "    ",
                        &format!(
                            "`dynamic \"{n}\"`: one `{n}` block per element of `for_each`. \
                             `content` receives the element (`{n}.value`) and returns the block."
                        ),
                    );
                    w!(out, "    #[must_use]");
                    w!(out, "    pub fn {m}(self, for_each: impl IntoAny, content: impl FnOnce(Expr<Any>) -> {bt}) -> Self {{");
                    w!(
                        out,
                        "        Self(self.0.dynamic(\"{n}\", for_each.into_raw(), content))"
                    );
                    w!(out, "    }}");
                }
            }
        }
    }
    w!(out, "}}");
    w!(out, "");

    // --- what the struct is to the core
    match (def.kind, e.root) {
        (DefKind::Root, RootKind::Provider { source, constraint }) => {
            w!(out, "impl ProviderBlock for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn provider_name(&self) -> &str {{");
            w!(out, "        \"{}\"", e.model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn source(&self) -> Option<&str> {{");
            w!(out, "        Some(\"{source}\")");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn version_constraint(&self) -> Option<&str> {{");
            if constraint.is_empty() {
                w!(out, "        None");
            } else {
                w!(out, "        Some(\"{constraint}\")");
            }
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn alias(&self) -> Option<&str> {{");
            w!(out, "        self.0.extra().as_deref()");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_body(self) -> Body {{");
            w!(out, "        self.0.into_parts().0");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
            return Ok(());
        }
        (DefKind::Root, _) => {
            w!(out, "impl Block for {name} {{");
            w!(out, "    type Attrs = {};", e.names.attrs);
            w!(out, "    #[inline]");
            w!(out, "    fn type_name(&self) -> &str {{");
            w!(out, "        \"{}\"", e.model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_parts(self) -> (Body, Meta) {{");
            w!(out, "        self.0.into_parts()");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn meta_mut(&mut self) -> &mut Meta {{");
            w!(out, "        self.0.extra_mut()");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
            let kind = if matches!(e.root, RootKind::Data) {
                "DataSource"
            } else {
                "Resource"
            };
            w!(out, "impl {kind} for {name} {{}}");
            w!(out, "");
        }
        (DefKind::Block, _) => {
            w!(out, "impl ToBody for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn into_body(self) -> Body {{");
            w!(out, "        self.0.into_body()");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
        }
        (DefKind::Object, _) => {
            let keys: Vec<String> = def
                .fields
                .iter()
                .map(|f| format!("\"{}\"", f.name))
                .collect();
            w!(out, "impl ObjectValue for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn into_object(self) -> RawExpr {{");
            w!(out, "        self.0.into_object(&[{}])", keys.join(", "));
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
        }
    }

    // --- the type of the object, for typed references to it
    if def.kind != DefKind::Root {
        w!(out, "impl TfType for {name} {{");
        w!(out, "    #[inline]");
        w!(out, "    fn type_expr() -> TypeExpr {{");
        if def.fields.is_empty() {
            w!(
                out,
                "        TypeExpr::object(Vec::<(&str, TypeExpr)>::new())"
            );
        } else {
            w!(out, "        TypeExpr::object([");
            for f in &def.fields {
                w!(
                    out,
                    "            (\"{}\", <{} as TfType>::type_expr()),",
                    f.name,
                    value_ty(f, path_of)
                );
            }
            w!(out, "        ])");
        }
        w!(out, "    }}");
        w!(out, "}}");
        w!(out, "");
        w!(out, "impl ObjectType for {name} {{");
        w!(out, "    type Fields = {};", e.names.attrs);
        w!(out, "}}");
        w!(out, "");
    }

    // --- the accessors
    let an = &e.names.attrs;
    let what = match def.kind {
        DefKind::Root => format!("a declared [`{name}`] (`Ref<{name}>` dereferences to it)"),
        _ => format!("a [`{name}`] value (`expr.fields()`)"),
    };
    doc(
        out,
        "",
        &format!("The attributes of {what}, as typed expressions."),
    );
    w!(out, "#[derive(Debug, Clone)]");
    if def.fields.is_empty() {
        // Nothing to reach in it: the base is kept for the handle's `Debug` only.
        w!(out, "pub struct {an}(#[allow(dead_code)] RawExpr);");
    } else {
        w!(out, "pub struct {an}(RawExpr);");
    }
    w!(out, "");
    w!(out, "impl Attrs for {an} {{");
    w!(out, "    #[inline]");
    w!(out, "    fn from_base(base: RawExpr) -> Self {{");
    w!(out, "        Self(base)");
    w!(out, "    }}");
    w!(out, "}}");
    w!(out, "");
    if !def.fields.is_empty() {
        w!(out, "impl {an} {{");
        let mut first = true;
        for f in &def.fields {
            if !first {
                w!(out, "");
            }
            first = false;
            doc(out, "    ", &field_doc(f, path_of));
            w!(out, "    #[inline]");
            w!(
                out,
                "    pub fn {}(&self) -> Expr<{}> {{",
                f.ident,
                value_ty(f, path_of)
            );
            w!(
                out,
                "        Expr::from_raw(self.0.clone().attr(\"{}\"))",
                f.name
            );
            w!(out, "    }}");
        }
        w!(out, "}}");
        w!(out, "");
    }
    Ok(())
}

/// The Rust type of a field's value when referenced.
fn value_ty(f: &Field, path_of: &dyn Fn(usize) -> String) -> String {
    match &f.kind {
        FieldKind::Attr { ty, .. } => rust_ty(ty, path_of),
        FieldKind::Block { def, nesting, .. } => {
            let t = path_of(*def);
            use crate::schema::NestingMode as N;
            match nesting {
                N::Single | N::Group => t,
                N::List => format!("List<{t}>"),
                N::Set => format!("Set<{t}>"),
                N::Map => format!("Map<{t}>"),
            }
        }
    }
}

/// A minimal value of a type for the every-type test stacks: `new(...)` with placeholder
/// required arguments (`"x"`, `1`, `false`, empty collections), nested blocks built the same way.
pub fn minimal_value(
    model: &TypeModel,
    idx: usize,
    names: &dyn Fn(usize) -> DefNames,
    path_of: &dyn Fn(usize) -> String,
) -> String {
    let def = &model.defs[idx];
    let n = names(idx);
    let ty_path = path_of(idx);
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    let value = |f: &Field| -> String {
        match &f.kind {
            FieldKind::Attr { ty, .. } => placeholder(ty, model, names, path_of),
            FieldKind::Block { def, .. } => minimal_value(model, *def, names, path_of),
        }
    };
    if required.is_empty() {
        format!("{ty_path}::new()")
    } else if let Some(args) = &n.args {
        let args_path = match ty_path.rsplit_once("::") {
            Some((prefix, _)) => format!("{prefix}::{args}"),
            None => args.clone(),
        };
        let fields: Vec<String> = required
            .iter()
            .map(|f| {
                let v = value(f);
                match &f.kind {
                    FieldKind::Attr { ty, .. } if ty.has_any() => {
                        format!(
                            "{}: Value::from_raw(tfsynth::IntoAny::into_raw({v}))",
                            f.ident
                        )
                    }
                    FieldKind::Attr { .. } => format!("{}: ({v}).into()", f.ident),
                    FieldKind::Block { .. } => format!("{}: {v}", f.ident),
                }
            })
            .collect();
        format!("{ty_path}::new({args_path} {{ {} }})", fields.join(", "))
    } else {
        format!("{ty_path}::new({})", value(required[0]))
    }
}

fn placeholder(
    ty: &Ty,
    model: &TypeModel,
    names: &dyn Fn(usize) -> DefNames,
    path_of: &dyn Fn(usize) -> String,
) -> String {
    match ty {
        Ty::String | Ty::Any => "\"x\"".into(),
        Ty::Number => "1".into(),
        Ty::Bool => "false".into(),
        Ty::List(t) => format!(
            "Value::<List<{}>>::from(Vec::<Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Set(t) => format!(
            "Value::<Set<{}>>::from(Vec::<Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Map(t) => format!(
            "Value::<Map<{}>>::from(std::collections::BTreeMap::<String, Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Object(i) => minimal_value(model, *i, names, path_of),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown_safe;

    #[test]
    fn bare_urls_become_autolinks_and_tags_are_escaped() {
        assert_eq!(
            markdown_safe("path-style, i.e., https://s3.amazonaws.com/BUCKET/KEY. By default"),
            "path-style, i.e., <https://s3.amazonaws.com/BUCKET/KEY>. By default"
        );
        assert_eq!(
            markdown_safe("when possible (https://BUCKET.s3.amazonaws.com/KEY)."),
            "when possible (<https://BUCKET.s3.amazonaws.com/KEY>)."
        );
        assert_eq!(
            markdown_safe("[docs](https://x.example/a)"),
            "[docs](https://x.example/a)"
        );
        assert_eq!(markdown_safe("<https://x.example>"), "<https://x.example>");
        assert_eq!(
            markdown_safe("format <region>:<id>"),
            "format \\<region>:\\<id>"
        );
        assert_eq!(markdown_safe("`a <b>` <c>"), "`a <b>` \\<c>");
    }
}

//! Rust source for one [`TypeModel`]: the structs, their builders, accessors and trait impls.

use std::collections::BTreeSet;

use crate::model::{Def, DefKind, Field, FieldKind, Multiplicity, Ty, TypeModel, MAX_POSITIONAL};
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
    "List",
    "Map",
    "Meta",
    "Number",
    "ObjectType",
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

fn rust_ty(ty: &Ty, defs: &[Def]) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Number => "Number".into(),
        Ty::Bool => "bool".into(),
        Ty::Any => "Any".into(),
        Ty::List(t) => format!("List<{}>", rust_ty(t, defs)),
        Ty::Set(t) => format!("Set<{}>", rust_ty(t, defs)),
        Ty::Map(t) => format!("Map<{}>", rust_ty(t, defs)),
        Ty::Object(i) => defs[*i].name.clone(),
    }
}

/// The parameter type of a setter or constructor argument.
fn param_ty(ty: &Ty, defs: &[Def]) -> String {
    if ty.has_any() {
        "impl IntoAny".into()
    } else {
        format!("impl Into<Value<{}>>", rust_ty(ty, defs))
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

fn field_doc(f: &Field, defs: &[Def]) -> String {
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
                s.push_str(&format!(": see [`{}`]", defs[i].name));
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
            s.push_str(&format!(": see [`{}`]", defs[*def].name));
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

fn add_name(field: &Field) -> String {
    format!("add_{}", field.name.to_lowercase().trim_end_matches('_'))
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_")
}

fn dynamic_name(field: &Field) -> String {
    format!("dynamic_{}", ident(&field.name).trim_end_matches('_'))
}

/// Emits one model's structs into `out`.
///
/// # Errors
/// On a name collision among the members of a generated struct.
pub fn emit_model(out: &mut String, model: &TypeModel, root: &RootKind) -> Result<(), Error> {
    for (i, def) in model.defs.iter().enumerate() {
        emit_def(out, model, i, def, root)?;
    }
    Ok(())
}

#[allow(clippy::too_many_lines)]
fn emit_def(
    out: &mut String,
    model: &TypeModel,
    idx: usize,
    def: &Def,
    root: &RootKind,
) -> Result<(), Error> {
    let defs = &model.defs;
    let name = &def.name;
    let is_root = def.kind == DefKind::Root;
    let is_provider = is_root && matches!(root, RootKind::Provider { .. });
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    let has_dynamic = def.fields.iter().any(|f| {
        matches!(&f.kind, FieldKind::Block { multiplicity, .. } if *multiplicity != Multiplicity::Map)
    });
    let mut fnames = Names {
        owner: &def.path,
        seen: BTreeSet::new(),
    };
    for f in &def.fields {
        fnames.add(&f.ident)?;
    }

    // --- the struct
    let mut d = String::new();
    match (def.kind, root) {
        (DefKind::Root, RootKind::Resource) => {
            d.push_str(&format!("The `{}` resource.", model.type_name));
        }
        (DefKind::Root, RootKind::Data) => {
            d.push_str(&format!("The `{}` data source.", model.type_name));
        }
        (DefKind::Root, RootKind::Provider { .. }) => {
            d.push_str(&format!(
                "The `{}` provider configuration.",
                model.type_name
            ));
        }
        (DefKind::Block, _) => d.push_str(&format!("The `{}` block.", def.path)),
        (DefKind::Object, _) => d.push_str(&format!(
            "An object of `{}`: as a value every key is written, unset ones as `null`.",
            def.path
        )),
    }
    if required.is_empty() {
        d.push_str("\n\nBuild it with `new()` and the setters.");
    } else if let Some(args) = &def.args_name {
        d.push_str(&format!(
            "\n\nBuild it with `new({args} {{ .. }})` and the setters."
        ));
    } else {
        let list: Vec<&str> = required.iter().map(|f| f.ident.as_str()).collect();
        d.push_str(&format!(
            "\n\nBuild it with `new({})` and the setters.",
            list.join(", ")
        ));
    }
    doc(out, "", &d);
    if required.is_empty() {
        w!(out, "#[derive(Debug, Clone, Default, PartialEq)]");
    } else {
        w!(out, "#[derive(Debug, Clone, PartialEq)]");
    }
    w!(out, "pub struct {name} {{");
    let mut defaults = Vec::new();
    for f in &def.fields {
        match &f.kind {
            FieldKind::Attr {
                required, settable, ..
            } => {
                if *required || *settable {
                    w!(out, "    {}: Option<RawExpr>,", f.ident);
                    defaults.push((f.ident.clone(), "None"));
                }
            }
            FieldKind::Block { multiplicity, .. } => {
                let t = match multiplicity {
                    Multiplicity::One => ("Option<Body>", "None"),
                    Multiplicity::Many => ("Vec<Body>", "Vec::new()"),
                    Multiplicity::Map => ("Vec<(String, Body)>", "Vec::new()"),
                };
                w!(out, "    {}: {},", f.ident, t.0);
                defaults.push((f.ident.clone(), t.1));
            }
        }
    }
    if has_dynamic {
        w!(out, "    dynamic_: Vec<(String, DynamicBlock)>,");
        defaults.push(("dynamic_".into(), "Vec::new()"));
    }
    if is_provider {
        w!(out, "    alias_: Option<String>,");
        defaults.push(("alias_".into(), "None"));
    } else if is_root {
        w!(out, "    meta_: Meta,");
        defaults.push(("meta_".into(), "Meta::default()"));
    }
    w!(out, "}}");
    w!(out, "");

    // --- the required-arguments struct
    if let Some(args) = &def.args_name {
        doc(out, "", &format!("The required arguments of [`{name}`]."));
        w!(out, "#[derive(Debug, Clone, PartialEq)]");
        w!(out, "pub struct {args} {{");
        for f in &required {
            doc(out, "    ", &field_doc(f, defs));
            match &f.kind {
                FieldKind::Attr { ty, .. } => {
                    let t = if ty.has_any() {
                        "Any".to_owned()
                    } else {
                        rust_ty(ty, defs)
                    };
                    w!(out, "    pub {}: Value<{t}>,", f.ident);
                }
                FieldKind::Block { def, .. } => {
                    w!(out, "    pub {}: {},", f.ident, defs[*def].name)
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
    if required.is_empty() {
        doc(
            out,
            "    ",
            "An empty value: set what you need with the setters.",
        );
        w!(out, "    #[inline]");
        w!(out, "    pub fn new() -> Self {{");
        w!(out, "        Self::default()");
        w!(out, "    }}");
    } else {
        let init = |f: &Field, src: &str, via_args: bool| -> String {
            match &f.kind {
                FieldKind::Attr { ty, .. } => {
                    if via_args {
                        format!("Some({src}.into_raw())")
                    } else {
                        format!("Some({})", param_raw(ty, src))
                    }
                }
                FieldKind::Block {
                    multiplicity: Multiplicity::One,
                    ..
                } => {
                    format!("Some({src}.into_body())")
                }
                FieldKind::Block { .. } => format!("vec![{src}.into_body()]"),
            }
        };
        let mut inits: Vec<(String, String)> = Vec::new();
        if let Some(args) = &def.args_name {
            doc(out, "    ", "A value with its required arguments.");
            w!(out, "    #[inline]");
            w!(out, "    pub fn new(args: {args}) -> Self {{");
            for f in &required {
                inits.push((f.ident.clone(), init(f, &format!("args.{}", f.ident), true)));
            }
        } else {
            debug_assert!(required.len() <= MAX_POSITIONAL);
            let params: Vec<String> = required
                .iter()
                .map(|f| match &f.kind {
                    FieldKind::Attr { ty, .. } => format!("{}: {}", f.ident, param_ty(ty, defs)),
                    FieldKind::Block { def, .. } => format!("{}: {}", f.ident, defs[*def].name),
                })
                .collect();
            let mut dd = String::from("A value with its required arguments:");
            for f in &required {
                dd.push_str(&format!(
                    "\n- {}",
                    field_doc(f, defs).replace("\n\n", " ").replace('\n', " ")
                ));
            }
            doc(out, "    ", &dd);
            if !params.iter().any(|p| p.contains("impl ")) {
                w!(out, "    #[inline]");
            }
            w!(out, "    pub fn new({}) -> Self {{", params.join(", "));
            for f in &required {
                inits.push((f.ident.clone(), init(f, &f.ident, false)));
            }
        }
        w!(out, "        Self {{");
        for (field, default) in &defaults {
            match inits.iter().find(|(n, _)| n == field) {
                Some((_, v)) => w!(out, "            {field}: {v},"),
                None => w!(out, "            {field}: {default},"),
            }
        }
        w!(out, "        }}");
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
        w!(out, "        self.alias_ = Some(alias.into());");
        w!(out, "        self");
        w!(out, "    }}");
    }
    for f in &def.fields {
        let fd = field_doc(f, defs);
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
                        "    pub fn {}(mut self, value: {}) -> Self {{",
                        f.ident,
                        param_ty(ty, defs)
                    );
                    w!(
                        out,
                        "        self.{} = Some({});",
                        f.ident,
                        param_raw(ty, "value")
                    );
                    w!(out, "        self");
                    w!(out, "    }}");
                }
                if *settable || *required {
                    if let Some(el) = element_object(ty) {
                        let m = add_name(f);
                        methods.add(&m)?;
                        let join = if matches!(ty, Ty::Set(_)) {
                            "setunion"
                        } else {
                            "concat"
                        };
                        w!(out, "");
                        doc(
                            out,
                            "    ",
                            &format!(
                                "Appends one object to `{}` (after a value given as an \
                                 expression, the two are joined with `{join}`).",
                                f.name
                            ),
                        );
                        w!(out, "    #[must_use]");
                        w!(out, "    #[inline]");
                        w!(
                            out,
                            "    pub fn {m}(mut self, item: {}) -> Self {{",
                            defs[el].name
                        );
                        w!(out, "        let item = Value::from(item).into_raw();");
                        w!(
                            out,
                            "        self.{0} = Some(match self.{0}.take() {{",
                            f.ident
                        );
                        w!(out, "            Some(RawExpr::Tuple(mut items)) => {{");
                        w!(out, "                items.push(item);");
                        w!(out, "                RawExpr::Tuple(items)");
                        w!(out, "            }}");
                        w!(
                            out,
                            "            Some(other) => RawExpr::call(\"{join}\", vec![other, RawExpr::Tuple(vec![item])]),"
                        );
                        w!(out, "            None => RawExpr::Tuple(vec![item]),");
                        w!(out, "        }});");
                        w!(out, "        self");
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
                let bt = &defs[*bd].name;
                match multiplicity {
                    Multiplicity::One => {
                        if !*required {
                            methods.add(&f.ident)?;
                            w!(out, "");
                            doc(out, "    ", &fd);
                            w!(out, "    #[must_use]");
                            w!(out, "    #[inline]");
                            w!(
                                out,
                                "    pub fn {}(mut self, block: {bt}) -> Self {{",
                                f.ident
                            );
                            w!(out, "        self.{} = Some(block.into_body());", f.ident);
                            w!(out, "        self");
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
                        w!(out, "    pub fn {m}(mut self, block: {bt}) -> Self {{");
                        w!(out, "        self.{}.push(block.into_body());", f.ident);
                        w!(out, "        self");
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
                        w!(out, "    pub fn {m}(mut self, key: impl Into<String>, block: {bt}) -> Self {{");
                        w!(
                            out,
                            "        self.{}.push((key.into(), block.into_body()));",
                            f.ident
                        );
                        w!(out, "        self");
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
                        "`dynamic \"{0}\"`: one `{0}` block per element of `for_each`. `content` \
                         receives the element (`{0}.value`) and returns the block.",
                        f.name
                    ),
                    );
                    w!(out, "    #[must_use]");
                    w!(out, "    pub fn {m}(mut self, for_each: impl IntoAny, content: impl FnOnce(Expr<Any>) -> {bt}) -> Self {{");
                    w!(out, "        let element = Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(\"{}\".to_owned())).attr(\"value\"));", f.name);
                    w!(out, "        self.dynamic_.push((");
                    w!(out, "            \"{}\".to_owned(),", f.name);
                    w!(out, "            DynamicBlock {{ for_each: for_each.into_raw(), iterator: None, content: content(element).into_body() }},");
                    w!(out, "        ));");
                    w!(out, "        self");
                    w!(out, "    }}");
                }
            }
        }
    }
    w!(out, "}}");
    w!(out, "");

    // --- the body
    let body_fn = |out: &mut String| {
        if defaults.is_empty() || (def.fields.is_empty() && !has_dynamic) {
            w!(out, "        let body = Body::new();");
            return;
        }
        w!(out, "        let mut body = Body::new();");
        for f in &def.fields {
            let id = &f.ident;
            let n = &f.name;
            match &f.kind {
                FieldKind::Attr {
                    required, settable, ..
                } => {
                    if *required || *settable {
                        w!(out, "        if let Some(v) = self.{id} {{");
                        w!(
                            out,
                            "            body.push_unchecked(\"{n}\", Entry::Attr(v));"
                        );
                        w!(out, "        }}");
                    }
                }
                FieldKind::Block { multiplicity, .. } => {
                    match multiplicity {
                        Multiplicity::One => {
                            w!(out, "        if let Some(b) = self.{id} {{");
                            w!(
                                out,
                                "            body.push_unchecked(\"{n}\", Entry::Block(b));"
                            );
                            w!(out, "        }}");
                        }
                        Multiplicity::Many => {
                            w!(out, "        if !self.{id}.is_empty() {{");
                            w!(out, "            body.push_unchecked(\"{n}\", Entry::Blocks(self.{id}));");
                            w!(out, "        }}");
                        }
                        Multiplicity::Map => {
                            w!(out, "        if !self.{id}.is_empty() {{");
                            w!(out, "            body.push_unchecked(\"{n}\", Entry::MapBlocks(self.{id}));");
                            w!(out, "        }}");
                        }
                    }
                }
            }
        }
        if has_dynamic {
            w!(out, "        for (name, block) in self.dynamic_ {{");
            w!(out, "            body.push_dynamic(name, block);");
            w!(out, "        }}");
        }
    };
    match (def.kind, root) {
        (DefKind::Root, RootKind::Provider { source, constraint }) => {
            w!(out, "impl ProviderBlock for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn provider_name(&self) -> &str {{");
            w!(out, "        \"{}\"", model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn source(&self) -> Option<&str> {{");
            w!(out, "        Some(\"{source}\")");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn version_constraint(&self) -> Option<&str> {{");
            w!(out, "        Some(\"{constraint}\")");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn alias(&self) -> Option<&str> {{");
            w!(out, "        self.alias_.as_deref()");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_body(self) -> Body {{");
            body_fn(out);
            w!(out, "        body");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
            return Ok(());
        }
        (DefKind::Root, _) => {
            w!(out, "impl Block for {name} {{");
            w!(out, "    type Attrs = {};", def.attrs_name);
            w!(out, "    #[inline]");
            w!(out, "    fn type_name(&self) -> &str {{");
            w!(out, "        \"{}\"", model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_parts(self) -> (Body, Meta) {{");
            body_fn(out);
            w!(out, "        (body, self.meta_)");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn meta_mut(&mut self) -> &mut Meta {{");
            w!(out, "        &mut self.meta_");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
            let kind = if matches!(root, RootKind::Data) {
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
            body_fn(out);
            w!(out, "        body");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
        }
        (DefKind::Object, _) => {
            w!(out, "impl From<{name}> for Value<{name}> {{");
            w!(out, "    #[inline]");
            w!(out, "    fn from(o: {name}) -> Self {{");
            if def.fields.is_empty() {
                w!(out, "        let _ = o;");
                w!(
                    out,
                    "        Value::from_raw(RawExpr::Object(std::iter::empty().collect()))"
                );
            } else {
                w!(out, "        Value::from_raw(RawExpr::Object(");
                w!(out, "            [");
                for f in &def.fields {
                    w!(
                        out,
                        "                (\"{}\".to_owned(), o.{}.unwrap_or(RawExpr::Null)),",
                        f.name,
                        f.ident
                    );
                }
                w!(out, "            ]");
                w!(out, "            .into_iter()");
                w!(out, "            .collect(),");
                w!(out, "        ))");
            }
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
                    value_ty(f, defs)
                );
            }
            w!(out, "        ])");
        }
        w!(out, "    }}");
        w!(out, "}}");
        w!(out, "");
        w!(out, "impl ObjectType for {name} {{");
        w!(out, "    type Fields = {};", def.attrs_name);
        w!(out, "}}");
        w!(out, "");
    }

    // --- the accessors
    let an = &def.attrs_name;
    let what = match def.kind {
        DefKind::Root => format!("a declared [`{name}`] (`Ref<{name}>` dereferences to it)"),
        _ => format!("a [`{name}`] value (`expr.fields()`)"),
    };
    doc(
        out,
        "",
        &format!("The attributes of {what}, as typed expressions."),
    );
    w!(out, "#[derive(Debug, Clone, PartialEq)]");
    w!(out, "pub struct {an} {{");
    w!(out, "    base: RawExpr,");
    w!(out, "}}");
    w!(out, "");
    w!(out, "impl Attrs for {an} {{");
    w!(out, "    #[inline]");
    w!(out, "    fn from_base(base: RawExpr) -> Self {{");
    w!(out, "        Self {{ base }}");
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
            doc(out, "    ", &field_doc(f, defs));
            w!(out, "    #[inline]");
            w!(
                out,
                "    pub fn {}(&self) -> Expr<{}> {{",
                f.ident,
                value_ty(f, defs)
            );
            w!(
                out,
                "        Expr::from_raw(self.base.clone().attr(\"{}\"))",
                f.name
            );
            w!(out, "    }}");
        }
        w!(out, "}}");
        w!(out, "");
    }
    let _ = idx;
    Ok(())
}

/// The Rust type of a field's value when referenced.
fn value_ty(f: &Field, defs: &[Def]) -> String {
    match &f.kind {
        FieldKind::Attr { ty, .. } => rust_ty(ty, defs),
        FieldKind::Block {
            def,
            multiplicity,
            nesting,
            ..
        } => {
            let t = &defs[*def].name;
            use crate::schema::NestingMode as N;
            match (multiplicity, nesting) {
                (_, N::Single | N::Group) => t.clone(),
                (_, N::List) => format!("List<{t}>"),
                (_, N::Set) => format!("Set<{t}>"),
                (_, N::Map) => format!("Map<{t}>"),
            }
        }
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

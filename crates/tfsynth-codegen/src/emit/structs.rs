//! The builder struct (a newtype over `Node`) and its required-arguments struct.

use super::{doc, field_doc, is_provider, rust_ty, DefEmit};
use crate::model::{DefKind, Field, FieldKind, Multiplicity};

/// The builder struct with its doc comment: heading, how to build it, the cargo feature.
pub(super) fn emit_struct(out: &mut String, e: &DefEmit<'_>, required: &[&Field]) {
    let name = &e.names.name;
    let extra = if is_provider(e) {
        "Option<String>"
    } else if e.model.defs[e.idx].kind == DefKind::Root {
        "Meta"
    } else {
        ""
    };
    let node = if extra.is_empty() {
        "Node".to_owned()
    } else {
        format!("Node<{extra}>")
    };
    let mut d = e.heading.clone();
    d.push_str(&build_hint(e, required));
    if let Some(feat) = e.feature {
        d.push_str(&format!("\n\nCargo feature: `{feat}`."));
    }
    doc(out, "", &d);
    if let Some((code, ignored)) = e.example {
        w!(out, "///");
        w!(out, "/// # Example");
        w!(out, "///");
        if let Some(why) = ignored {
            doc(out, "", why);
            w!(out, "///");
            w!(out, "/// ```ignore");
        } else {
            w!(out, "/// ```");
        }
        for l in code.lines() {
            if l.is_empty() {
                w!(out, "///");
            } else {
                w!(out, "/// {l}");
            }
        }
        w!(out, "/// ```");
    }
    w!(out, "#[derive(Debug, Clone)]");
    w!(out, "pub struct {name}({node});");
    w!(out, "");
}

/// The paragraph of a struct's docs that says how to build it.
pub(super) fn build_hint(e: &DefEmit<'_>, required: &[&Field]) -> String {
    if required.is_empty() {
        "\n\nBuild it with `new()` and the setters.".to_owned()
    } else if let Some(args) = &e.names.args {
        format!("\n\nBuild it with `new({args} {{ .. }})` and the setters.")
    } else {
        format!(
            "\n\nBuild it with `new({})` and the setters.",
            required[0].ident
        )
    }
}

/// The required-arguments struct (`XArgs`), when the struct has two or more.
pub(super) fn emit_args(out: &mut String, e: &DefEmit<'_>, required: &[&Field]) {
    let Some(args) = &e.names.args else {
        return;
    };
    let path_of = e.path_of;
    let name = &e.names.name;
    doc(out, "", &format!("The required arguments of [`{name}`]."));
    w!(out, "#[derive(Debug, Clone)]");
    w!(out, "pub struct {args} {{");
    for f in required {
        let mut d = field_doc(f, path_of);
        if matches!(
            f.kind,
            FieldKind::Block {
                multiplicity: Multiplicity::Many,
                ..
            }
        ) {
            d.push_str(
                "\n\nOne block (`block.into()`; add more with the setter) or \
                 `tfsynth::AtLeastOne::dynamic(for_each, iterator, content)`.",
            );
        }
        doc(out, "    ", &d);
        match &f.kind {
            FieldKind::Attr { .. } if f.enum_ty.is_some() => {
                let e = f.enum_ty.as_ref().map(|e| e.value_ty()).unwrap_or_default();
                w!(out, "    pub {}: {e},", f.ident);
            }
            FieldKind::Attr { ty, .. } => {
                let t = if ty.has_any() {
                    "Any".to_owned()
                } else {
                    rust_ty(ty, path_of)
                };
                w!(out, "    pub {}: Value<{t}>,", f.ident);
            }
            FieldKind::Block {
                def,
                multiplicity: Multiplicity::One,
                ..
            } => {
                w!(out, "    pub {}: {},", f.ident, path_of(*def));
            }
            // One block (`block.into()`) or `AtLeastOne::dynamic(..)`.
            FieldKind::Block { def, .. } => {
                w!(out, "    pub {}: AtLeastOne<{}>,", f.ident, path_of(*def));
            }
        }
    }
    w!(out, "}}");
    w!(out, "");
}

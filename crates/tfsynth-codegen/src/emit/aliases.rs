//! Type aliases: a block (or object) whose shape is identical to another's is built with the
//! other's struct, and reached under its own name where it is used:
//!
//! ```text
//! pub type Principals = NotPrincipals;
//! pub type PrincipalsArgs = NotPrincipalsArgs;
//! pub type PrincipalsAttrs = NotPrincipalsAttrs;
//! ```
//!
//! each with a doc of its own. A type alias costs the compiler nothing: the struct, its setters
//! and impls are still written once.

use super::{doc, structs::build_hint, DefEmit, DefNames, Field};

/// One alias (with its `Args` and `Attrs` companions) to emit.
#[derive(Debug)]
pub struct AliasEmit<'a> {
    /// The block or object it stands for, with its model (for the build hint).
    pub def: &'a DefEmit<'a>,
    /// The struct it names, as paths written from the module emitted
    /// (`NotPrincipals`, `crate::common::Output`...).
    pub target: DefNames,
}

/// Emits `pub type` lines for the alias names `e.def.names` of the struct `e.target`; the
/// alias's doc is `e.def.heading`, then what it is and how to build it.
pub fn emit_alias(out: &mut String, e: &AliasEmit<'_>) {
    let d = e.def;
    let def = &d.model.defs[d.idx];
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    let name = &d.names.name;
    // One paragraph after the heading: every doc line is an attribute rustc parses, and there
    // are thousands of aliases.
    let mut text = d.heading.clone();
    let hint = build_hint(d, &required);
    let hint = hint.trim_start().trim_start_matches("Build it");
    text.push_str(&format!(
        "\n\nThe same struct as [`{}`] (identical shape): build it{hint}",
        e.target.name
    ));
    if let Some(feat) = d.feature {
        text.push_str(&format!(" Cargo feature: `{feat}`."));
    }
    doc(out, "", &text);
    w!(out, "pub type {name} = {};", e.target.name);
    if let (Some(args), Some(target)) = (&d.names.args, &e.target.args) {
        doc(out, "", &format!("The required arguments of [`{name}`]."));
        w!(out, "pub type {args} = {target};");
    }
    doc(
        out,
        "",
        &format!("The attributes of a [`{name}`] value (`expr.fields()`), as typed expressions."),
    );
    w!(out, "pub type {} = {};", d.names.attrs, e.target.attrs);
    w!(out, "");
}

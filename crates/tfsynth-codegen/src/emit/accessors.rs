//! The `XAttrs` struct: one accessor per attribute and block, returning a typed `Expr`.

use super::{doc, field_doc, value_ty, DefEmit};
use crate::model::DefKind;

/// The attribute-accessor struct of a struct and its `impl Attrs`.
pub(super) fn emit_attrs(out: &mut String, e: &DefEmit<'_>) {
    let def = &e.model.defs[e.idx];
    let name = &e.names.name;
    let path_of = e.path_of;
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
}

//! `impl X { ... }`: the constructor and one setter per settable attribute and block.
//!
//! - attributes: `x(value)`, and for `list`/`set` of objects `add_x(item)` and
//!   `dynamic_x(for_each, content)`;
//! - blocks: `x(block)` (at most one), `add_x(block)` (a list or set), `add_x(key, block)` (a
//!   map), and `dynamic_x(for_each, content)` (a `dynamic` block).
//!
//! A block's parameter type is `path_of(def)`: the name the block's struct has where the setter
//! is written (see `DefEmit::path_of`).

use std::collections::BTreeSet;

use super::{
    add_name, doc, dynamic_name, element_object, field_doc, field_param_ty, is_provider, param_raw,
    DefEmit, Names,
};
use crate::model::{Field, FieldKind, Multiplicity, Ty};
use crate::Error;

/// The whole `impl` block of constructor and setters.
pub(super) fn emit_impl(
    out: &mut String,
    e: &DefEmit<'_>,
    required: &[&Field],
) -> Result<(), Error> {
    let name = &e.names.name;
    let mut methods = Names {
        owner: name,
        seen: BTreeSet::new(),
    };
    methods.add("new")?;
    w!(out, "impl {name} {{");
    emit_constructor(out, e, required);
    if is_provider(e) {
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
    for f in &e.model.defs[e.idx].fields {
        match &f.kind {
            FieldKind::Attr { .. } => emit_attr_setters(out, e, f, &mut methods)?,
            FieldKind::Block { .. } => emit_block_setters(out, e, f, &mut methods)?,
        }
    }
    w!(out, "}}");
    w!(out, "");
    Ok(())
}

/// How a required argument is put into the node.
fn set_required(f: &Field, src: &str) -> String {
    match &f.kind {
        FieldKind::Attr { .. } => format!(".attr(\"{}\", {src})", f.name),
        FieldKind::Block {
            multiplicity: Multiplicity::One,
            ..
        } => format!(".block(\"{}\", {src})", f.name),
        FieldKind::Block { .. } => format!(".push_at_least_one(\"{}\", {src})", f.name),
    }
}

/// `new()`, `new(x)` (one required argument) or `new(XArgs { .. })` (more).
fn emit_constructor(out: &mut String, e: &DefEmit<'_>, required: &[&Field]) {
    let path_of = e.path_of;
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
        for f in required {
            let src = match &f.kind {
                FieldKind::Attr { .. } => format!("args.{}.into_raw()", f.ident),
                FieldKind::Block { .. } => format!("args.{}", f.ident),
            };
            chain.push_str(&set_required(f, &src));
        }
        w!(out, "        Self({chain})");
        w!(out, "    }}");
    } else {
        let f = required[0];
        let (param, src, generic) = match &f.kind {
            FieldKind::Attr { ty, .. } => (
                field_param_ty(f, ty, path_of),
                param_raw(ty, &f.ident),
                true,
            ),
            FieldKind::Block {
                def,
                multiplicity: Multiplicity::One,
                ..
            } => (path_of(*def), f.ident.clone(), false),
            // One block or a `dynamic` one: `new(block)` stays as short as for a single block.
            FieldKind::Block { def, .. } => (
                format!("impl Into<AtLeastOne<{}>>", path_of(*def)),
                format!("{}.into()", f.ident),
                true,
            ),
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
        w!(out, "        Self(Node::new(){})", set_required(f, &src));
        w!(out, "    }}");
    }
}

/// The setters of an attribute: the value, and for a collection of objects one object at a
/// time and the typed `dynamic`.
fn emit_attr_setters(
    out: &mut String,
    e: &DefEmit<'_>,
    f: &Field,
    methods: &mut Names<'_>,
) -> Result<(), Error> {
    let FieldKind::Attr {
        ty,
        required,
        settable,
        ..
    } = &f.kind
    else {
        return Ok(());
    };
    let path_of = e.path_of;
    let n = &f.name;
    if *settable && !*required {
        methods.add(&f.ident)?;
        w!(out, "");
        doc(out, "    ", &field_doc(f, path_of));
        deprecated(out, f);
        w!(out, "    #[must_use]");
        w!(
            out,
            "    pub fn {}(self, value: {}) -> Self {{",
            f.ident,
            field_param_ty(f, ty, path_of)
        );
        w!(
            out,
            "        Self(self.0.attr(\"{n}\", {}))",
            param_raw(ty, "value")
        );
        w!(out, "    }}");
    }
    if !(*settable || *required) {
        return Ok(());
    }
    let Some(el) = element_object(ty) else {
        return Ok(());
    };
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
             written). `content` receives the element, typed by the collection \
             (`Expr<Any>` for an `any` value), and returns the object; appended like [`Self::{}`].",
            add_name(f)
        ),
    );
    w!(out, "    #[must_use]");
    w!(out, "    pub fn {m}<C: ForEachArg>(self, for_each: C, content: impl FnOnce(Expr<C::Elem>) -> {et}) -> Self {{");
    w!(
        out,
        "        Self(self.0.for_each_object(\"{n}\", for_each, content, {}))",
        join.1
    );
    w!(out, "    }}");
    Ok(())
}

/// The setters of a nested block: by its multiplicity, then `dynamic_x` (not for maps).
fn emit_block_setters(
    out: &mut String,
    e: &DefEmit<'_>,
    f: &Field,
    methods: &mut Names<'_>,
) -> Result<(), Error> {
    let FieldKind::Block {
        def: bd,
        multiplicity,
        required,
        ..
    } = &f.kind
    else {
        return Ok(());
    };
    let fd = field_doc(f, e.path_of);
    let n = &f.name;
    let bt = (e.path_of)(*bd);
    match multiplicity {
        Multiplicity::One => {
            if !*required {
                methods.add(&f.ident)?;
                w!(out, "");
                doc(out, "    ", &fd);
                deprecated(out, f);
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
            deprecated(out, f);
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
                 `content` receives the element (`{n}.value`), typed by the \
                 collection (`Expr<Any>` for an `any` value), and returns the block."
            ),
        );
        w!(out, "    #[must_use]");
        w!(out, "    pub fn {m}<C: ForEachArg>(self, for_each: C, content: impl FnOnce(Expr<C::Elem>) -> {bt}) -> Self {{");
        w!(
            out,
            "        Self(self.0.dynamic_each(\"{n}\", for_each, content))"
        );
        w!(out, "    }}");
    }
    Ok(())
}

/// `#[deprecated(note = "...")]` on the setter of a deprecated argument or block.
fn deprecated(out: &mut String, f: &Field) {
    if let Some(note) = &f.deprecated {
        let note = if note.is_empty() {
            format!("the provider deprecates `{}`", f.name)
        } else {
            note.clone()
        };
        w!(out, "    #[deprecated(note = {note:?})]");
    }
}

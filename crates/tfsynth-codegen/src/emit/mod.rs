//! Rust source for one [`TypeModel`]: the structs, their builders, accessors and trait impls.
//!
//! [`emit_def`] writes one struct in this order, each part from its own module:
//! - `structs`: the builder struct and its required-arguments struct (`XArgs`);
//! - `setters`: the constructor and the setters (`impl X { new, attr, block, add_*, dynamic_* }`);
//! - `impls`: what the struct is to the core (`Block`, `ToBody`, `ObjectValue`,
//!   `ProviderBlock`) and, for nested structs, `TfType` and `ObjectType`;
//! - `accessors`: the `XAttrs` struct of typed attribute expressions.
//!
//! [`emit_alias`] (`aliases`) writes the `pub type` names of a block whose struct is shared
//! with a block of another name.
//!
//! `docs` makes provider text into doc comments, `imports` the `use tfsynth::{...}` line of a
//! file, and `minimal` the placeholder values of the every-type test.

use std::collections::BTreeSet;

use crate::model::{DefKind, Field, FieldKind, Ty, TypeModel};
use crate::names::ident;
use crate::Error;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

mod accessors;
mod aliases;
mod docs;
mod impls;
mod imports;
mod minimal;
mod setters;
mod structs;

pub use aliases::{emit_alias, AliasEmit};
pub use docs::{doc, field_doc, markdown_safe};
pub use imports::imports;
pub use minimal::minimal_value;

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
    /// A resource's or data source's `# Example`: the code, and whether it is a doctest
    /// (else `ignore`, with the sentence that says why).
    pub example: Option<(&'a str, Option<&'a str>)>,
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

/// The parameter type of a field's setter or constructor argument: its enum's `EnumValue`
/// when it has one, else [`param_ty`].
fn field_param_ty(f: &Field, ty: &Ty, path_of: &dyn Fn(usize) -> String) -> String {
    match &f.enum_ty {
        Some(e) => format!("impl Into<{}>", e.value_ty()),
        None => param_ty(ty, path_of),
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

/// Emits one struct (its builder, required arguments, trait impls and accessors) into `out`.
///
/// # Errors
/// On a name collision among the members of the struct.
pub fn emit_def(out: &mut String, e: &DefEmit<'_>) -> Result<(), Error> {
    let def = &e.model.defs[e.idx];
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    let mut fnames = Names {
        owner: &def.path,
        seen: BTreeSet::new(),
    };
    for f in &def.fields {
        fnames.add(&f.ident)?;
    }
    structs::emit_struct(out, e, &required);
    structs::emit_args(out, e, &required);
    setters::emit_impl(out, e, &required)?;
    if impls::emit_core_impls(out, e) {
        // The provider block is nothing but a builder.
        return Ok(());
    }
    impls::emit_type_impls(out, e);
    accessors::emit_attrs(out, e);
    Ok(())
}

/// True when `e` is the root struct of a provider configuration.
fn is_provider(e: &DefEmit<'_>) -> bool {
    e.model.defs[e.idx].kind == DefKind::Root && matches!(e.root, RootKind::Provider { .. })
}

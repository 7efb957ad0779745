//! Type markers for Terraform values and the type-constraint language of `variable` blocks.
//!
//! Markers never hold data: they are the `T` in [`Expr<T>`](crate::Expr) and
//! [`Value<T>`](crate::Value), so that a `number` attribute cannot receive a `string` reference.

use std::fmt::{self, Write as _};
use std::marker::PhantomData;

use crate::expr::{fmt_nested, render_hcl, RawExpr, RECURSION, TYPE_FMT_DEPTH};

/// Terraform's `number` type. Rust integers and floats convert into `Value<Number>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number;

/// Terraform's `any` (a dynamically typed value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Any;

/// Terraform's `list(T)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct List<T>(PhantomData<fn() -> T>);

/// Terraform's `set(T)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Set<T>(PhantomData<fn() -> T>);

/// Terraform's `map(T)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Map<T>(PhantomData<fn() -> T>);

/// A Rust type marker that stands for a Terraform type.
///
/// Generated bindings implement it for their object types.
pub trait TfType: 'static {
    /// The Terraform type constraint this marker stands for.
    fn type_expr() -> TypeExpr;
}

impl TfType for String {
    fn type_expr() -> TypeExpr {
        TypeExpr::String
    }
}
impl TfType for Number {
    fn type_expr() -> TypeExpr {
        TypeExpr::Number
    }
}
impl TfType for bool {
    fn type_expr() -> TypeExpr {
        TypeExpr::Bool
    }
}
impl TfType for Any {
    fn type_expr() -> TypeExpr {
        TypeExpr::Any
    }
}
impl<T: TfType> TfType for List<T> {
    fn type_expr() -> TypeExpr {
        TypeExpr::List(Box::new(T::type_expr()))
    }
}
impl<T: TfType> TfType for Set<T> {
    fn type_expr() -> TypeExpr {
        TypeExpr::Set(Box::new(T::type_expr()))
    }
}
impl<T: TfType> TfType for Map<T> {
    fn type_expr() -> TypeExpr {
        TypeExpr::Map(Box::new(T::type_expr()))
    }
}

/// One attribute of an `object({...})` type constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectAttr {
    /// The attribute's name.
    pub name: String,
    /// Its type.
    pub ty: TypeExpr,
    /// `optional(...)`: `None` when required, `Some(None)` for `optional(T)`,
    /// `Some(Some(default))` for `optional(T, default)`.
    pub optional: Option<Option<RawExpr>>,
}

/// A Terraform type constraint, as written in a `variable` block's `type`.
///
/// Types of any depth are cloned, compared and dropped without recursion past a few dozen
/// levels; `Display` and `Debug` write 512 levels (`{:#?}` 128) and mark where they stop; a
/// stack refuses a type nested deeper than [`MAX_DEPTH`](crate::expr::MAX_DEPTH) levels. `TypeExpr`
/// implements `Drop` (to take deep types apart on the heap), so a pattern cannot move a part
/// out of it: match on `&mut` and take the part with `std::mem::replace`.
///
/// # Example
/// ```
/// use tfsynth::TypeExpr;
/// let t = TypeExpr::object([
///     ("name", TypeExpr::String),
/// ])
/// .with_optional("port", TypeExpr::Number, Some(443.into()));
/// assert_eq!(t.to_string(), "object({name = string, port = optional(number, 443)})");
/// ```
#[non_exhaustive]
pub enum TypeExpr {
    /// `string`
    String,
    /// `number`
    Number,
    /// `bool`
    Bool,
    /// `any`
    Any,
    /// `list(T)`
    List(Box<TypeExpr>),
    /// `set(T)`
    Set(Box<TypeExpr>),
    /// `map(T)`
    Map(Box<TypeExpr>),
    /// `object({...})`
    Object(Vec<ObjectAttr>),
    /// `tuple([...])`
    Tuple(Vec<TypeExpr>),
}

impl TypeExpr {
    /// True when the type (with the defaults of its optional attributes) is more than `limit`
    /// levels deep. Recurses at most `limit` levels.
    pub(crate) fn deeper_than(&self, limit: usize) -> bool {
        if limit == 0 {
            return true;
        }
        match self {
            Self::List(t) | Self::Set(t) | Self::Map(t) => t.deeper_than(limit - 1),
            Self::Object(attrs) => attrs.iter().any(|a| {
                a.ty.deeper_than(limit - 1)
                    || matches!(&a.optional, Some(Some(d)) if d.deeper_than(limit - 1))
            }),
            Self::Tuple(items) => items.iter().any(|t| t.deeper_than(limit - 1)),
            Self::String | Self::Number | Self::Bool | Self::Any => false,
        }
    }

    /// Calls `f` on each nested type, in order.
    fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a TypeExpr)) {
        match self {
            Self::List(t) | Self::Set(t) | Self::Map(t) => f(t),
            Self::Object(attrs) => attrs.iter().for_each(|a| f(&a.ty)),
            Self::Tuple(items) => items.iter().for_each(f),
            Self::String | Self::Number | Self::Bool | Self::Any => {}
        }
    }

    fn has_children(&self) -> bool {
        let mut any = false;
        self.for_each_child(|_| any = true);
        any
    }

    /// A copy of this node whose nested types are `child(original)`, in order.
    fn rebuild(&self, child: &mut dyn FnMut(&TypeExpr) -> TypeExpr) -> TypeExpr {
        match self {
            Self::String => Self::String,
            Self::Number => Self::Number,
            Self::Bool => Self::Bool,
            Self::Any => Self::Any,
            Self::List(t) => Self::List(Box::new(child(t))),
            Self::Set(t) => Self::Set(Box::new(child(t))),
            Self::Map(t) => Self::Map(Box::new(child(t))),
            Self::Object(attrs) => Self::Object(
                attrs
                    .iter()
                    .map(|a| ObjectAttr {
                        name: a.name.clone(),
                        ty: child(&a.ty),
                        optional: a.optional.clone(),
                    })
                    .collect(),
            ),
            Self::Tuple(items) => Self::Tuple(items.iter().map(child).collect()),
        }
    }

    fn clone_bounded(&self, budget: u32) -> TypeExpr {
        if budget == 0 {
            return self.clone_iter();
        }
        self.rebuild(&mut |t| t.clone_bounded(budget - 1))
    }

    /// Clones without recursion: nodes in pre-order, then rebuilt in reverse, each taking its
    /// children's copies from a stack (the first child on top).
    fn clone_iter(&self) -> TypeExpr {
        let mut order: Vec<&TypeExpr> = Vec::new();
        let mut todo = vec![self];
        while let Some(node) = todo.pop() {
            order.push(node);
            let start = todo.len();
            node.for_each_child(|c| todo.push(c));
            todo[start..].reverse();
        }
        let mut done: Vec<TypeExpr> = Vec::with_capacity(order.len());
        for node in order.into_iter().rev() {
            let copy = node.rebuild(&mut |_| done.pop().unwrap_or(TypeExpr::Any));
            done.push(copy);
        }
        done.pop().unwrap_or(TypeExpr::Any)
    }

    /// Equal as nodes: the same variant, attribute names and defaults, and as many nested
    /// types.
    fn same_node(&self, other: &TypeExpr) -> bool {
        match (self, other) {
            (Self::String, Self::String)
            | (Self::Number, Self::Number)
            | (Self::Bool, Self::Bool)
            | (Self::Any, Self::Any)
            | (Self::List(_), Self::List(_))
            | (Self::Set(_), Self::Set(_))
            | (Self::Map(_), Self::Map(_)) => true,
            (Self::Object(a), Self::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(x, y)| x.name == y.name && x.optional == y.optional)
            }
            (Self::Tuple(a), Self::Tuple(b)) => a.len() == b.len(),
            _ => false,
        }
    }

    /// Takes the type apart on the heap and leaves `any`: dropping a deep type recursively
    /// would overflow the stack.
    pub(crate) fn dismantle(&mut self) {
        let mut todo = vec![std::mem::replace(self, Self::Any)];
        while let Some(mut t) = todo.pop() {
            match &mut t {
                Self::List(x) | Self::Set(x) | Self::Map(x) => {
                    todo.push(std::mem::replace(&mut **x, Self::Any));
                }
                Self::Object(attrs) => {
                    for a in attrs {
                        todo.push(std::mem::replace(&mut a.ty, Self::Any));
                        if let Some(Some(d)) = &mut a.optional {
                            d.dismantle();
                        }
                    }
                }
                Self::Tuple(items) => todo.append(items),
                Self::String | Self::Number | Self::Bool | Self::Any => {}
            }
        }
    }

    /// `list(T)`.
    pub fn list(t: TypeExpr) -> Self {
        Self::List(Box::new(t))
    }
    /// `set(T)`.
    pub fn set(t: TypeExpr) -> Self {
        Self::Set(Box::new(t))
    }
    /// `map(T)`.
    pub fn map(t: TypeExpr) -> Self {
        Self::Map(Box::new(t))
    }
    /// `object({...})` with required attributes.
    pub fn object<N: Into<String>>(attrs: impl IntoIterator<Item = (N, TypeExpr)>) -> Self {
        Self::Object(
            attrs
                .into_iter()
                .map(|(n, ty)| ObjectAttr {
                    name: n.into(),
                    ty,
                    optional: None,
                })
                .collect(),
        )
    }
    /// Adds an `optional(T)` or `optional(T, default)` attribute to an object type.
    /// On any other type it returns the type unchanged.
    #[must_use]
    pub fn with_optional(
        mut self,
        name: impl Into<String>,
        ty: TypeExpr,
        default: Option<RawExpr>,
    ) -> Self {
        if let Self::Object(attrs) = &mut self {
            attrs.push(ObjectAttr {
                name: name.into(),
                ty,
                optional: Some(default),
            });
        }
        self
    }
    /// `tuple([...])`.
    pub fn tuple(items: impl IntoIterator<Item = TypeExpr>) -> Self {
        Self::Tuple(items.into_iter().collect())
    }
}

impl Clone for TypeExpr {
    fn clone(&self) -> Self {
        self.clone_bounded(RECURSION)
    }
}

/// Compares on the heap, node by node: types of any depth.
impl PartialEq for TypeExpr {
    fn eq(&self, other: &TypeExpr) -> bool {
        let mut todo: Vec<(&TypeExpr, &TypeExpr)> = vec![(self, other)];
        let (mut left, mut right) = (Vec::new(), Vec::new());
        while let Some((a, b)) = todo.pop() {
            if !a.same_node(b) {
                return false;
            }
            left.clear();
            right.clear();
            a.for_each_child(|c| left.push(c));
            b.for_each_child(|c| right.push(c));
            todo.extend(left.iter().copied().zip(right.iter().copied()));
        }
        true
    }
}

/// Dropping never recurses past a few dozen levels: a deeper type is taken apart on the heap.
impl Drop for TypeExpr {
    fn drop(&mut self) {
        let mut grandchildren = false;
        self.for_each_child(|c| grandchildren = grandchildren || c.has_children());
        if grandchildren && self.deeper_than(RECURSION as usize) {
            self.dismantle();
        }
    }
}

/// As `#[derive(Debug)]` would write it, down to 512 levels; a marker stands for what is
/// deeper (`… (type nested deeper than 512 levels)`).
impl fmt::Debug for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_nested(f, &TYPE_FMT_DEPTH, "type", |f| match self {
            Self::String => f.write_str("String"),
            Self::Number => f.write_str("Number"),
            Self::Bool => f.write_str("Bool"),
            Self::Any => f.write_str("Any"),
            Self::List(t) => f.debug_tuple("List").field(t).finish(),
            Self::Set(t) => f.debug_tuple("Set").field(t).finish(),
            Self::Map(t) => f.debug_tuple("Map").field(t).finish(),
            Self::Object(attrs) => f.debug_tuple("Object").field(attrs).finish(),
            Self::Tuple(items) => f.debug_tuple("Tuple").field(items).finish(),
        })
    }
}

/// The type constraint as Terraform reads it, down to 512 levels; a marker stands for what is
/// deeper (`… (type nested deeper than 512 levels)`).
impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_nested(f, &TYPE_FMT_DEPTH, "type", |f| self.fmt_node(f))
    }
}

impl TypeExpr {
    fn fmt_node(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String => f.write_str("string"),
            Self::Number => f.write_str("number"),
            Self::Bool => f.write_str("bool"),
            Self::Any => f.write_str("any"),
            Self::List(t) => write!(f, "list({t})"),
            Self::Set(t) => write!(f, "set({t})"),
            Self::Map(t) => write!(f, "map({t})"),
            Self::Tuple(ts) => {
                f.write_str("tuple([")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str("])")
            }
            Self::Object(attrs) => {
                f.write_str("object({")?;
                for (i, a) in attrs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match &a.optional {
                        None => write!(f, "{} = {}", a.name, a.ty)?,
                        Some(None) => write!(f, "{} = optional({})", a.name, a.ty)?,
                        Some(Some(d)) => {
                            let mut s = String::new();
                            render_hcl(d, &mut s);
                            write!(f, "{} = optional({}, {s})", a.name, a.ty)?;
                        }
                    }
                }
                f.write_char('}')?;
                f.write_char(')')
            }
        }
    }
}

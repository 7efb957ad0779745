//! Type markers for Terraform values and the type-constraint language of `variable` blocks.
//!
//! Markers never hold data: they are the `T` in [`Expr<T>`](crate::Expr) and
//! [`Value<T>`](crate::Value), so that a `number` attribute cannot receive a `string` reference.

use std::fmt::{self, Write as _};
use std::marker::PhantomData;

use crate::expr::{render_hcl, RawExpr};

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
/// # Example
/// ```
/// use tfsynth::TypeExpr;
/// let t = TypeExpr::object([
///     ("name", TypeExpr::String),
/// ])
/// .with_optional("port", TypeExpr::Number, Some(443.into()));
/// assert_eq!(t.to_string(), "object({name = string, port = optional(number, 443)})");
/// ```
#[derive(Debug, Clone, PartialEq)]
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

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

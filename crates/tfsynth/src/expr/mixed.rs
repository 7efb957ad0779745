//! Values mixing expressions and literals: [`obj!`](crate::obj) and [`list!`](crate::list)
//! literals, [`null`], and the argument lists of variadic functions ([`Args`]).

use super::{Expr, IntoAny, RawExpr, Value};

/// `null`, for any type: unsets an argument, or stands for "nothing" in an object, a
/// conditional or `try`/`coalesce`. Made by [`null`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Null;

/// `null`: converts to a value of any type.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let mut stack = Stack::new();
/// let name: Expr<String> = stack.variable("name", Variable::new());
/// let tag: Expr<String> = cond(name.equals(""), null(), &name);
/// assert_eq!(tag.to_string(), r#"var.name == "" ? null : var.name"#);
/// ```
pub fn null() -> Null {
    Null
}

impl<T> From<Null> for Value<T> {
    fn from(_: Null) -> Self {
        Value::from_raw(RawExpr::Null)
    }
}
impl<T> From<Null> for Expr<T> {
    fn from(_: Null) -> Self {
        Expr::from_raw(RawExpr::Null)
    }
}
impl IntoAny for Null {
    fn into_raw(self) -> RawExpr {
        RawExpr::Null
    }
}

/// The arguments of a variadic function whose arguments all have type `T`
/// ([`crate::functions::coalesce`], `concat`, `merge`, ...): an array or a `Vec` of one
/// Rust type, or a tuple of up to 8 values of different Rust types that all convert to
/// `Value<T>` (an expression and a literal: `(var.x, "default")`).
pub trait Args<T> {
    /// The arguments, in order.
    fn into_args(self) -> Vec<RawExpr>;
}

impl<T, V: Into<Value<T>>> Args<T> for Vec<V> {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(|v| v.into().into_raw()).collect()
    }
}
impl<T, V: Into<Value<T>>, const N: usize> Args<T> for [V; N] {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(|v| v.into().into_raw()).collect()
    }
}

/// The arguments of a variadic function that takes values of any type
/// ([`crate::functions::format`]'s values, `try`): an array or `Vec` of one Rust type, or a
/// tuple of up to 8 values of any types.
pub trait AnyArgs {
    /// The arguments, in order.
    fn into_args(self) -> Vec<RawExpr>;
}

impl<V: IntoAny> AnyArgs for Vec<V> {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(IntoAny::into_raw).collect()
    }
}
impl<V: IntoAny, const N: usize> AnyArgs for [V; N] {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(IntoAny::into_raw).collect()
    }
}

macro_rules! tuple_args {
    ($($name:ident)+) => {
        impl<T, $($name: Into<Value<T>>),+> Args<T> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<RawExpr> {
                let ($($name,)+) = self;
                vec![$($name.into().into_raw()),+]
            }
        }
        impl<$($name: IntoAny),+> AnyArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<RawExpr> {
                let ($($name,)+) = self;
                vec![$($name.into_raw()),+]
            }
        }
    };
}
tuple_args!(A);
tuple_args!(A B);
tuple_args!(A B C);
tuple_args!(A B C D);
tuple_args!(A B C D E);
tuple_args!(A B C D E F);
tuple_args!(A B C D E F G);
tuple_args!(A B C D E F G H);

/// An object literal mixing expressions and literals, as in HCL: `obj! { name = var_name,
/// create = true, "Cost Center" = "42", tags = obj! { Team = "net" } }`. Keys are identifiers
/// or string literals; values are anything that stands for a value of any type (expressions,
/// literals, [`null`], nested `obj!` / `list!`). The result is an `Expr<Any>`
/// ([`Expr::cast`] gives it a type).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, obj, list};
/// let mut stack = Stack::new();
/// let name: Expr<String> = stack.variable("name", Variable::new());
/// let settings = obj! {
///     name = &name,
///     create = functions::try_((each_value::<Any>().attr::<bool>("create"), true)),
///     retries = 3,
///     owner = null(),
///     "Cost Center" = "42",
///     ports = list![80, 443, var_port()],
/// };
/// # fn var_port() -> Expr<Number> { Expr::raw_hcl("var.port") }
/// assert_eq!(
///     settings.to_string(),
///     r#"{ name = var.name, create = try(each.value.create, true), retries = 3, owner = null, "Cost Center" = "42", ports = [80, 443, var.port] }"#
/// );
/// ```
#[macro_export]
macro_rules! obj {
    () => {
        $crate::Expr::<$crate::Any>::from_raw($crate::RawExpr::Object($crate::ObjectMap::new()))
    };
    ($($key:tt = $value:expr),+ $(,)?) => {{
        let mut map = $crate::ObjectMap::new();
        $( map.insert($crate::__obj_key!($key), $crate::IntoAny::into_raw($value)); )+
        $crate::Expr::<$crate::Any>::from_raw($crate::RawExpr::Object(map))
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __obj_key {
    ($key:ident) => {
        ::std::string::String::from(stringify!($key))
    };
    ($key:literal) => {
        ::std::string::String::from($key)
    };
}

/// A list (tuple) literal mixing expressions and literals: `list![var.a, "b", 3]`, an
/// `Expr<List<Any>>`.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, list};
/// assert_eq!(list![count_index(), "b", null()].to_string(), r#"[count.index, "b", null]"#);
/// ```
#[macro_export]
macro_rules! list {
    ($($value:expr),* $(,)?) => {
        $crate::Expr::<$crate::List<$crate::Any>>::from_raw($crate::RawExpr::Tuple(
            ::std::vec![$($crate::IntoAny::into_raw($value)),*],
        ))
    };
}

/// A value whose Terraform type is known from its Rust type alone: an `Expr<T>` or
/// `Value<T>` is a `T`, a string a `String`, a number a `Number`, a `Vec` a `List`, an object
/// value its own type, and [`null`] any type. What [`crate::cond`], [`Expr::when`] and the
/// [`crate::For`] builders take, so that `cond(c, &subnet_ids, &other_ids)` needs no
/// annotation (with `Into<Value<T>>`, a list could also have been a set: error E0283).
pub trait ValueOf<T> {
    /// The expression.
    fn into_raw_value(self) -> RawExpr;
}

impl<T> ValueOf<T> for Expr<T> {
    fn into_raw_value(self) -> RawExpr {
        self.into_raw()
    }
}
impl<T> ValueOf<T> for &Expr<T> {
    fn into_raw_value(self) -> RawExpr {
        self.raw().clone()
    }
}
impl<T> ValueOf<T> for Value<T> {
    fn into_raw_value(self) -> RawExpr {
        self.into_raw()
    }
}
impl<T> ValueOf<T> for Null {
    fn into_raw_value(self) -> RawExpr {
        RawExpr::Null
    }
}
impl<T: super::ObjectValue> ValueOf<T> for T {
    fn into_raw_value(self) -> RawExpr {
        self.into_object()
    }
}
macro_rules! value_of_via_raw {
    ($marker:ty: $($t:ty),*) => {$(
        impl ValueOf<$marker> for $t {
            fn into_raw_value(self) -> RawExpr {
                RawExpr::from(self)
            }
        }
    )*};
}
value_of_via_raw!(String: &str, String);
value_of_via_raw!(bool: bool);
value_of_via_raw!(crate::types::Number: i8, i16, i32, i64, u8, u16, u32, u64, usize, isize, f32, f64);
impl ValueOf<String> for &String {
    fn into_raw_value(self) -> RawExpr {
        RawExpr::String(self.clone())
    }
}
impl<T, V: ValueOf<T>> ValueOf<crate::types::List<T>> for Vec<V> {
    fn into_raw_value(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(ValueOf::into_raw_value).collect())
    }
}
impl<T, V: ValueOf<T>, const N: usize> ValueOf<crate::types::List<T>> for [V; N] {
    fn into_raw_value(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(ValueOf::into_raw_value).collect())
    }
}

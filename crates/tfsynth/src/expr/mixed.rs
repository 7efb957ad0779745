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
/// ([`crate::functions::coalesce`], `concat`, `merge`, `try_`, ...): an array or a `Vec` of
/// one Rust type, or a tuple of up to 8 values of different Rust types (an expression and a
/// literal: `(var.x, "default")`).
///
/// `T` is taken from the first argument's Rust type alone ([`ValueOf`]: a `Vec` is a list, a
/// number a number), so the call needs no annotation; the others convert to it as a typed
/// setter's argument would (a literal number where `T` is a string, an `obj!` object where it
/// is a map, an empty [`list!`](crate::list) where it is a list). Put first an argument whose
/// type is known: not [`null`], not an `Expr<Any>` when the others are typed.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, list};
/// let tags: Expr<Map<String>> = Expr::raw_hcl("var.tags");
/// let ports: Expr<List<Number>> = Expr::raw_hcl("var.ports");
/// let all = functions::merge((&tags, obj!(Name = "web")));
/// let p = functions::try_((&ports, list![]));
/// let names = functions::try_((vec!["a", "b"], list![]));
/// let port: Expr<String> = Expr::raw_hcl("var.port");
/// let text = functions::coalesce((&port, 8080));
/// assert_eq!(all.to_string(), r#"merge(var.tags, { Name = "web" })"#);
/// assert_eq!(p.to_string(), "try(var.ports, [])");
/// assert_eq!(names.to_string(), r#"try(["a", "b"], [])"#);
/// assert_eq!(text.to_string(), r#"coalesce(var.port, "8080")"#);
/// ```
pub trait Args<T> {
    /// The arguments, in order.
    fn into_args(self) -> Vec<RawExpr>;
}

impl<T, V: ValueOf<T>> Args<T> for Vec<V> {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(ValueOf::into_raw_value).collect()
    }
}
impl<T, V: ValueOf<T>, const N: usize> Args<T> for [V; N] {
    fn into_args(self) -> Vec<RawExpr> {
        self.into_iter().map(ValueOf::into_raw_value).collect()
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
    ($first:ident $($name:ident)*) => {
        impl<T, $first: ValueOf<T>, $($name: Into<Value<T>>),*> Args<T> for ($first, $($name,)*) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<RawExpr> {
                let ($first, $($name,)*) = self;
                vec![$first.into_raw_value(), $($name.into().into_raw()),*]
            }
        }
        impl<$first: IntoAny, $($name: IntoAny),*> AnyArgs for ($first, $($name,)*) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<RawExpr> {
                let ($first, $($name,)*) = self;
                vec![$first.into_raw(), $($name.into_raw()),*]
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

/// An object literal mixing expressions and literals, as in HCL: `obj!(name = var_name,
/// create = true, "Cost Center" = "42", tags = obj!(Team = "net"))`. Keys are identifiers
/// or string literals; values are anything that stands for a value of any type (expressions,
/// literals, [`null`], nested `obj!` / [`list!`](crate::list) / [`tuple!`](crate::tuple)).
///
/// The result is an `Expr<Any>`, which takes its type from where it is used, as Terraform
/// converts an object: a `Map<T>` argument, an object-typed argument, a `merge` of maps
/// ([`crate::expr::convert`]); no `cast`.
///
/// Write it with parentheses, `obj!(key = value, ...)`: rustfmt formats the arguments of a
/// macro called with parentheses or brackets (each pair on its own line when they do not fit
/// on one), and leaves a call with braces, `obj! { ... }`, as it was written. Both forms are
/// the same macro.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, list, obj};
/// let mut stack = Stack::new();
/// let name: Expr<String> = stack.variable("name", Variable::new());
/// let settings = obj!(
///     name = &name,
///     create = functions::try_((each_value::<Any>().attr::<bool>("create"), true)),
///     retries = 3,
///     owner = null(),
///     "Cost Center" = "42",
///     ports = list![80, 443, var_port()],
/// );
/// # fn var_port() -> Expr<Number> { Expr::raw_hcl("var.port") }
/// assert_eq!(
///     settings.to_string(),
///     r#"{ name = var.name, create = try(each.value.create, true), retries = 3, owner = null, "Cost Center" = "42", ports = [80, 443, var.port] }"#
/// );
/// let tags: Expr<Map<String>> = stack.local("tags", obj!(Name = &name, Team = "net"));
/// assert_eq!(tags.to_string(), "local.tags");
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

/// A list literal whose elements have one Terraform type: `list![var_a, "b"]` is an
/// `Expr<List<String>>`, `list![80, port]` an `Expr<List<Number>>`, and an empty `list![]`
/// takes the element type from where it is used (a `List<T>` or `Set<T>` argument, the
/// other arguments of `try_` or `coalesce`). Elements may mix expressions and literals of
/// the type ([`ValueOf`]); [`null`] fits any.
///
/// For elements of different types (a Terraform tuple), write [`tuple!`](crate::tuple).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, list};
/// let ports = list![80, 443, count_index()];
/// let typed: Expr<List<Number>> = ports;
/// assert_eq!(typed.to_string(), "[80, 443, count.index]");
/// let none: Value<Set<String>> = list![].into();
/// assert_eq!(none.into_expr().to_string(), "[]");
/// ```
///
/// Elements of different types do not make a list:
/// ```compile_fail
/// use tfsynth::{prelude::*, list};
/// let _ = list![80, "b"];
/// ```
#[macro_export]
macro_rules! list {
    ($($value:expr),* $(,)?) => {
        $crate::expr::list_of(::std::vec![$($crate::expr::value_of($value)),*])
    };
}

/// A tuple literal mixing values of any types, as in HCL: `tuple![var.a, "b", 3]`, an
/// `Expr<List<Any>>` (what [`list!`](crate::list) made before it was typed).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, tuple};
/// assert_eq!(tuple![count_index(), "b", null()].to_string(), r#"[count.index, "b", null]"#);
/// ```
#[macro_export]
macro_rules! tuple {
    ($($value:expr),* $(,)?) => {
        $crate::Expr::<$crate::List<$crate::Any>>::from_raw($crate::RawExpr::Tuple(
            ::std::vec![$($crate::IntoAny::into_raw($value)),*],
        ))
    };
}

/// The expression of a value whose type is known from its Rust type ([`ValueOf`]): what
/// [`list!`](crate::list) makes of each element.
pub fn value_of<T>(v: impl ValueOf<T>) -> Expr<T> {
    Expr::from_raw(v.into_raw_value())
}

/// The list of `items`: what [`list!`](crate::list) makes.
pub fn list_of<T>(items: Vec<Expr<T>>) -> Expr<crate::types::List<T>> {
    Expr::from_raw(RawExpr::Tuple(
        items.into_iter().map(Expr::into_raw).collect(),
    ))
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
impl<T, K: Into<String>, V: ValueOf<T>> ValueOf<crate::types::Map<T>>
    for std::collections::BTreeMap<K, V>
{
    fn into_raw_value(self) -> RawExpr {
        RawExpr::Object(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_raw_value()))
                .collect(),
        )
    }
}
impl<T, K: Into<String>, V: ValueOf<T>> ValueOf<crate::types::Map<T>> for indexmap::IndexMap<K, V> {
    fn into_raw_value(self) -> RawExpr {
        RawExpr::Object(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_raw_value()))
                .collect(),
        )
    }
}

//! The collections a typed function takes ([`ListArg`], [`MapArg`]): each Rust type stands
//! for one element type, so `functions::distinct(&ids)` is an `Expr<List<String>>` with no
//! annotation, and an `any` value gives `any` elements.

use super::{Expr, RawExpr, Value};
use crate::types::{Any, List, Map, Set};

/// A value Terraform takes where a list is expected, with its element type: a list, a set
/// (Terraform converts it), a list of literals or expressions of one type, or an `any` value
/// (elements `Any`).
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let ids: Expr<Set<String>> = Expr::raw_hcl("var.ids");
/// let first: Expr<String> = functions::element(&ids, 0);
/// let sorted: Expr<List<String>> = functions::reverse(vec!["b", "a"]);
/// assert_eq!(first.to_string(), "element(var.ids, 0)");
/// assert_eq!(sorted.to_string(), r#"reverse(["b", "a"])"#);
/// ```
pub trait ListArg {
    /// The type of the elements.
    type Elem;
    /// The expression.
    fn into_list_raw(self) -> RawExpr;
}

/// A value Terraform takes where a map is expected, with its element type: a map, or an `any`
/// value (an object, `jsondecode(...)`; elements `Any`).
pub trait MapArg {
    /// The type of the values.
    type Elem;
    /// The expression.
    fn into_map_raw(self) -> RawExpr;
}

/// A collection whose elements are collections: what `flatten` takes.
pub trait Nested {
    /// The type of the elements' elements.
    type Inner;
}
impl<T> Nested for List<T> {
    type Inner = T;
}
impl<T> Nested for Set<T> {
    type Inner = T;
}
impl Nested for Any {
    type Inner = Any;
}

macro_rules! list_arg_expr {
    ($([$($g:ident)?] $ty:ty => $elem:ty),* $(,)?) => {$(
        impl<$($g)?> ListArg for Expr<$ty> {
            type Elem = $elem;
            fn into_list_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
        impl<$($g)?> ListArg for &Expr<$ty> {
            type Elem = $elem;
            fn into_list_raw(self) -> RawExpr {
                self.raw().clone()
            }
        }
        impl<$($g)?> ListArg for Value<$ty> {
            type Elem = $elem;
            fn into_list_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
    )*};
}
list_arg_expr!([T] List<T> => T, [T] Set<T> => T, [] Any => Any);

macro_rules! list_arg_literals {
    ($($item:ty => $elem:ty),* $(,)?) => {$(
        impl ListArg for Vec<$item> {
            type Elem = $elem;
            fn into_list_raw(self) -> RawExpr {
                RawExpr::Tuple(self.into_iter().map(RawExpr::from).collect())
            }
        }
        impl<const N: usize> ListArg for [$item; N] {
            type Elem = $elem;
            fn into_list_raw(self) -> RawExpr {
                RawExpr::Tuple(self.into_iter().map(RawExpr::from).collect())
            }
        }
    )*};
}
list_arg_literals!(
    &str => String, String => String, bool => bool,
    i8 => crate::Number, i16 => crate::Number, i32 => crate::Number, i64 => crate::Number,
    u8 => crate::Number, u16 => crate::Number, u32 => crate::Number, u64 => crate::Number,
    usize => crate::Number, isize => crate::Number, f32 => crate::Number, f64 => crate::Number,
);
impl<T> ListArg for Vec<Expr<T>> {
    type Elem = T;
    fn into_list_raw(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(Expr::into_raw).collect())
    }
}
impl<T, const N: usize> ListArg for [Expr<T>; N] {
    type Elem = T;
    fn into_list_raw(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(Expr::into_raw).collect())
    }
}
impl<T> ListArg for Vec<&Expr<T>> {
    type Elem = T;
    fn into_list_raw(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(|e| e.raw().clone()).collect())
    }
}

macro_rules! map_arg_expr {
    ($([$($g:ident)?] $ty:ty => $elem:ty),* $(,)?) => {$(
        impl<$($g)?> MapArg for Expr<$ty> {
            type Elem = $elem;
            fn into_map_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
        impl<$($g)?> MapArg for &Expr<$ty> {
            type Elem = $elem;
            fn into_map_raw(self) -> RawExpr {
                self.raw().clone()
            }
        }
        impl<$($g)?> MapArg for Value<$ty> {
            type Elem = $elem;
            fn into_map_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
    )*};
}
map_arg_expr!([T] Map<T> => T, [] Any => Any);

/// A collection a `dynamic` block or `for_each` iterates, with the type of its elements (the
/// values of a map): a list, a set, a map, a list of literals or expressions of one type, or
/// an `any` value (elements `Any`). What [`crate::Node::dynamic_each`] takes, so that the
/// block's `content` receives a typed element.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, Body, Node};
/// let ports: Expr<List<Number>> = Expr::raw_hcl("var.ports");
/// let node: Node = Node::new().dynamic_each("ingress", &ports, |port| {
///     let port: Expr<Number> = port; // typed: the list's element
///     Node::new().attr("from_port", port.into_raw())
/// });
/// let body: Body = tfsynth::ToBody::into_body(node);
/// assert_eq!(body.dynamic_blocks().len(), 1);
/// ```
pub trait ForEachArg {
    /// The type of the elements (of the values, for a map).
    type Elem;
    /// The expression.
    fn into_for_each_raw(self) -> RawExpr;
}

macro_rules! for_each_expr {
    ($([$($g:ident)?] $ty:ty => $elem:ty),* $(,)?) => {$(
        impl<$($g)?> ForEachArg for Expr<$ty> {
            type Elem = $elem;
            fn into_for_each_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
        impl<$($g)?> ForEachArg for &Expr<$ty> {
            type Elem = $elem;
            fn into_for_each_raw(self) -> RawExpr {
                self.raw().clone()
            }
        }
        impl<$($g)?> ForEachArg for Value<$ty> {
            type Elem = $elem;
            fn into_for_each_raw(self) -> RawExpr {
                self.into_raw()
            }
        }
    )*};
}
for_each_expr!([T] List<T> => T, [T] Set<T> => T, [T] Map<T> => T, [] Any => Any);

/// A list of literals or expressions (`vec![80, 443]`, `vec![a, b]`) is iterated like a list.
impl<V> ForEachArg for Vec<V>
where
    Vec<V>: ListArg,
{
    type Elem = <Vec<V> as ListArg>::Elem;
    fn into_for_each_raw(self) -> RawExpr {
        self.into_list_raw()
    }
}
/// An array of literals or expressions is iterated like a list.
impl<V, const N: usize> ForEachArg for [V; N]
where
    [V; N]: ListArg,
{
    type Elem = <[V; N] as ListArg>::Elem;
    fn into_for_each_raw(self) -> RawExpr {
        self.into_list_raw()
    }
}

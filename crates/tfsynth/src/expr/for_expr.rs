//! Typed `for` expressions.

use std::marker::PhantomData;

use super::{Expr, ForExpr, RawExpr, RefRoot, Value, ValueOf};
use crate::types::{List, Map, Number, Set};

/// A `for` expression under construction, iterating a collection whose keys have type `K`
/// (`Number` for lists and sets, `String` for maps) and values type `T`.
///
/// # Example
/// ```
/// use tfsynth::{template, Expr, For, List, Any};
/// let entries: Expr<List<Any>> = Expr::raw_hcl("aws_vpc_endpoint.x.dns_entry");
/// let urls = For::values("e", &entries).to_list(|e| template!("https://", e.attr::<String>("dns_name")));
/// assert_eq!(urls.to_string(), r#"[for e in aws_vpc_endpoint.x.dns_entry : "https://${e.dns_name}"]"#);
/// ```
#[derive(Debug, Clone)]
pub struct For<K, T> {
    key_var: Option<String>,
    value_var: String,
    collection: RawExpr,
    cond: Option<RawExpr>,
    _t: PhantomData<fn() -> (K, T)>,
}

/// Collections a `for` expression can iterate, with their key type.
pub trait Iterable {
    /// `Number` for lists and sets, `String` for maps.
    type Key;
    /// The element type.
    type Elem;
}
impl<T> Iterable for List<T> {
    type Key = Number;
    type Elem = T;
}
impl<T> Iterable for Set<T> {
    type Key = Number;
    type Elem = T;
}
impl<T> Iterable for Map<T> {
    type Key = String;
    type Elem = T;
}
/// A value of type `any` (an `any` variable, a whole module call, `jsondecode(...)`) is
/// iterated as it is: keys and elements are `any` too, no cast first.
impl Iterable for crate::types::Any {
    type Key = crate::types::Any;
    type Elem = crate::types::Any;
}

impl<K, T> For<K, T> {
    /// `for v in coll`: binds the values only.
    pub fn values<C: Iterable<Key = K, Elem = T>>(var: &str, coll: &Expr<C>) -> Self {
        Self {
            key_var: None,
            value_var: var.to_owned(),
            collection: coll.raw().clone(),
            cond: None,
            _t: PhantomData,
        }
    }

    /// `for k, v in coll`: binds the key (index for lists) and the value.
    pub fn entries<C: Iterable<Key = K, Elem = T>>(key: &str, value: &str, coll: &Expr<C>) -> Self {
        Self {
            key_var: Some(key.to_owned()),
            ..Self::values(value, coll)
        }
    }

    fn key_expr(&self) -> Expr<K> {
        Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(
            self.key_var.clone().unwrap_or_default(),
        )))
    }
    fn value_expr(&self) -> Expr<T> {
        Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(self.value_var.clone())))
    }

    /// `if cond`: keeps only the elements for which `f(key, value)` holds. With [`For::values`]
    /// the key is not bound and must not be used.
    #[must_use]
    pub fn filter(mut self, f: impl FnOnce(Expr<K>, Expr<T>) -> Expr<bool>) -> Self {
        self.cond = Some(f(self.key_expr(), self.value_expr()).into_raw());
        self
    }

    /// `[for ... : f(v)]`: a list.
    pub fn to_list<U, V: ValueOf<U>>(self, f: impl FnOnce(Expr<T>) -> V) -> Expr<List<U>> {
        let value = f(self.value_expr()).into_raw_value();
        self.finish(None, value, false)
    }

    /// `[for k, v ... : f(k, v)]`: a list, from key and value.
    pub fn to_list_kv<U, V: ValueOf<U>>(
        self,
        f: impl FnOnce(Expr<K>, Expr<T>) -> V,
    ) -> Expr<List<U>> {
        let value = f(self.key_expr(), self.value_expr()).into_raw_value();
        self.finish(None, value, false)
    }

    /// `{for k, v ... : key(k, v) => value(k, v)}`: a map.
    pub fn to_map<U, KV: Into<Value<String>>, VV: ValueOf<U>>(
        self,
        key: impl FnOnce(Expr<K>, Expr<T>) -> KV,
        value: impl FnOnce(Expr<K>, Expr<T>) -> VV,
    ) -> Expr<Map<U>> {
        let k = key(self.key_expr(), self.value_expr()).into().into_raw();
        let v = value(self.key_expr(), self.value_expr()).into_raw_value();
        self.finish(Some(k), v, false)
    }

    /// `{for ... : key => value...}`: a map grouping values with equal keys into lists.
    pub fn to_grouped_map<U, KV: Into<Value<String>>, VV: ValueOf<U>>(
        self,
        key: impl FnOnce(Expr<K>, Expr<T>) -> KV,
        value: impl FnOnce(Expr<K>, Expr<T>) -> VV,
    ) -> Expr<Map<List<U>>> {
        let k = key(self.key_expr(), self.value_expr()).into().into_raw();
        let v = value(self.key_expr(), self.value_expr()).into_raw_value();
        self.finish(Some(k), v, true)
    }

    fn finish<R>(self, key: Option<RawExpr>, value: RawExpr, grouping: bool) -> Expr<R> {
        Expr::from_raw(RawExpr::For(Box::new(ForExpr {
            key_var: self.key_var,
            value_var: self.value_var,
            collection: self.collection,
            key,
            value,
            grouping,
            cond: self.cond,
        })))
    }
}

//! Typed views of expressions: `Expr<T>` (a Terraform expression of type `T`) and `Value<T>`
//! (a literal `T` or an `Expr<T>`), with conversions from Rust literals and the operators.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops;

use indexmap::IndexMap;

use super::{BinOp, RawExpr, RefRoot, TemplatePart, UnOp, ValueOf};
use crate::types::{Any, List, Map, Number, Set, TfType};

/// A Terraform expression whose value has type `T` (a marker from [`crate::types`]).
///
/// Expressions come from handles (`vpc.id()`), variables, locals, functions and operators;
/// [`Expr::raw`] is the documented last resort for HCL the model cannot express.
pub struct Expr<T> {
    raw: RawExpr,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Expr<T> {
    fn clone(&self) -> Self {
        Self::from_raw(self.raw.clone())
    }
}
impl<T> PartialEq for Expr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<T> fmt::Debug for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expr").field(&self.raw).finish()
    }
}

/// Shows the HCL expression text.
impl<T> fmt::Display for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        super::render_hcl(&self.raw, &mut s);
        f.write_str(&s)
    }
}

impl<T> Expr<T> {
    /// Wraps an untyped expression. The caller vouches for its type.
    pub fn from_raw(raw: RawExpr) -> Self {
        Self {
            raw,
            _t: PhantomData,
        }
    }

    /// The untyped expression.
    pub fn raw(&self) -> &RawExpr {
        &self.raw
    }

    /// Raw HCL expression text, rendered verbatim inside `${...}`.
    ///
    /// **Last resort**: the text is neither type-checked nor seen by reference validation.
    /// Prefer handles, [`crate::functions`] and the operators.
    pub fn raw_hcl(hcl: impl Into<String>) -> Self {
        Self::from_raw(RawExpr::Raw(hcl.into()))
    }

    /// The untyped expression.
    pub fn into_raw(mut self) -> RawExpr {
        std::mem::replace(&mut self.raw, RawExpr::Null)
    }

    /// The same expression as another type, the caller vouching for it; `self` stays usable.
    ///
    /// Rarely needed: where Terraform converts implicitly (a number or a bool where a string is
    /// expected, a list where a set is, an `any` value anywhere), the typed setters take the
    /// expression as it is (see [`crate::expr::convert`]).
    pub fn cast<U>(&self) -> Expr<U> {
        Expr::from_raw(self.raw.clone())
    }

    /// Forgets the type: an `any` expression.
    pub fn any(self) -> Expr<Any> {
        Expr::from_raw(self.into_raw())
    }

    /// `self.name` with the attribute's type given by the caller.
    pub fn attr<U>(&self, name: impl crate::expr::IntoName) -> Expr<U> {
        Expr::from_raw(self.raw.clone().attr(name.into_name()))
    }

    /// `self[key]` with the element's type given by the caller.
    pub fn index_as<U>(&self, key: impl IntoAny) -> Expr<U> {
        Expr::from_raw(self.raw.clone().index(key.into_raw()))
    }

    /// `self == other`
    pub fn equals(&self, other: impl Into<Value<T>>) -> Expr<bool> {
        self.binary(BinOp::Eq, other.into().into_raw())
    }

    /// `self != other`
    pub fn not_equals(&self, other: impl Into<Value<T>>) -> Expr<bool> {
        self.binary(BinOp::Ne, other.into().into_raw())
    }

    /// `cond ? self : other`, with `self` as the value when `cond` holds.
    pub fn when(self, cond: impl Into<Value<bool>>, otherwise: impl ValueOf<T>) -> Expr<T> {
        Expr::from_raw(RawExpr::Conditional(
            Box::new(cond.into().into_raw()),
            Box::new(self.into_raw()),
            Box::new(otherwise.into_raw_value()),
        ))
    }

    fn binary<U>(&self, op: BinOp, rhs: RawExpr) -> Expr<U> {
        Expr::from_raw(RawExpr::Binary(
            op,
            Box::new(self.raw.clone()),
            Box::new(rhs),
        ))
    }
}

/// `cond ? a : b`. The type comes from the branches ([`ValueOf`]): two lists make a list
/// with no annotation, [`crate::null`] takes the other branch's type.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let mut stack = Stack::new();
/// let a: Expr<List<String>> = stack.variable("a", Variable::new());
/// let b: Expr<List<String>> = stack.variable("b", Variable::new());
/// let on: Expr<bool> = stack.variable("on", Variable::new());
/// let ids = cond(&on, &a, &b); // Expr<List<String>>, not ambiguous with a set
/// assert_eq!(functions::length(ids).to_string(), "length(var.on ? var.a : var.b)");
/// ```
pub fn cond<T>(
    cond: impl Into<Value<bool>>,
    then: impl ValueOf<T>,
    otherwise: impl ValueOf<T>,
) -> Expr<T> {
    Expr::from_raw(RawExpr::Conditional(
        Box::new(cond.into().into_raw()),
        Box::new(then.into_raw_value()),
        Box::new(otherwise.into_raw_value()),
    ))
}

impl Expr<Number> {
    /// `self < other`
    pub fn lt(&self, other: impl Into<Value<Number>>) -> Expr<bool> {
        self.binary(BinOp::Lt, other.into().into_raw())
    }
    /// `self <= other`
    pub fn le(&self, other: impl Into<Value<Number>>) -> Expr<bool> {
        self.binary(BinOp::Le, other.into().into_raw())
    }
    /// `self > other`
    pub fn gt(&self, other: impl Into<Value<Number>>) -> Expr<bool> {
        self.binary(BinOp::Gt, other.into().into_raw())
    }
    /// `self >= other`
    pub fn ge(&self, other: impl Into<Value<Number>>) -> Expr<bool> {
        self.binary(BinOp::Ge, other.into().into_raw())
    }
}

impl Expr<bool> {
    /// `self && other`
    pub fn and(&self, other: impl Into<Value<bool>>) -> Expr<bool> {
        self.binary(BinOp::And, other.into().into_raw())
    }
    /// `self || other`
    pub fn or(&self, other: impl Into<Value<bool>>) -> Expr<bool> {
        self.binary(BinOp::Or, other.into().into_raw())
    }
}

impl ops::Not for Expr<bool> {
    type Output = Expr<bool>;
    fn not(self) -> Expr<bool> {
        Expr::from_raw(RawExpr::Unary(UnOp::Not, Box::new(self.into_raw())))
    }
}

impl ops::Neg for Expr<Number> {
    type Output = Expr<Number>;
    fn neg(self) -> Expr<Number> {
        Expr::from_raw(RawExpr::Unary(UnOp::Neg, Box::new(self.into_raw())))
    }
}

macro_rules! arith {
    ($($tr:ident $m:ident $op:ident),*) => {$(
        impl<R: Into<Value<Number>>> ops::$tr<R> for Expr<Number> {
            type Output = Expr<Number>;
            fn $m(self, rhs: R) -> Expr<Number> {
                Expr::from_raw(RawExpr::Binary(BinOp::$op, Box::new(self.into_raw()), Box::new(rhs.into().into_raw())))
            }
        }
        impl<R: Into<Value<Number>>> ops::$tr<R> for &Expr<Number> {
            type Output = Expr<Number>;
            fn $m(self, rhs: R) -> Expr<Number> {
                Expr::from_raw(RawExpr::Binary(BinOp::$op, Box::new(self.raw.clone()), Box::new(rhs.into().into_raw())))
            }
        }
    )*};
}
arith!(Add add Add, Sub sub Sub, Mul mul Mul, Div div Div, Rem rem Rem);

/// An object type whose attributes can be reached by name: generated bindings implement it
/// for the objects of their schemas (`dns_entry` of `aws_vpc_endpoint`, ...).
pub trait ObjectType: TfType {
    /// The accessors of the object's attributes.
    type Fields: crate::block::Attrs;
}

/// An object value built in Rust (generated bindings implement it for the object types of
/// their schemas): it converts to a `Value` of itself, with every key written.
///
/// One blanket `From` impl serves every object type; a `From<X> for Value<X>` per generated
/// type made the compiler compare thousands of impls pairwise (coherence checking took a
/// minute on the whole aws provider).
pub trait ObjectValue: Sized {
    /// The object expression, every key written (unset ones as `null`).
    fn into_object(self) -> RawExpr;
}

impl<T: ObjectValue> From<T> for Value<T> {
    fn from(o: T) -> Self {
        Self::from_raw(o.into_object())
    }
}

impl<T: ObjectType> Expr<T> {
    /// The object's attributes: `entry.fields().dns_name()`.
    pub fn fields(&self) -> T::Fields {
        <T::Fields as crate::block::Attrs>::from_base(self.raw.clone())
    }
}

impl<T> Expr<List<T>> {
    /// `self[index]`
    pub fn at(&self, index: impl Into<Value<Number>>) -> Expr<T> {
        Expr::from_raw(self.raw.clone().index(index.into().into_raw()))
    }
    /// `self[*]`: a splat over the list, mapping each element with `f`
    /// (e.g. `list.splat(|x| x.attr("id"))` renders `list[*].id`).
    pub fn splat<U>(&self, f: impl FnOnce(Expr<T>) -> Expr<U>) -> Expr<List<U>> {
        let base = Expr::from_raw(RawExpr::Splat(Box::new(self.raw.clone())));
        Expr::from_raw(RawExpr::Group(Box::new(f(base).into_raw())))
    }
}

impl<T> Expr<Map<T>> {
    /// `self[key]`
    pub fn get(&self, key: impl Into<Value<String>>) -> Expr<T> {
        Expr::from_raw(self.raw.clone().index(key.into().into_raw()))
    }
}

impl<T> Expr<Set<T>> {
    /// `tolist(self)`: sets have no order and cannot be indexed; convert first.
    pub fn to_list(&self) -> Expr<List<T>> {
        Expr::from_raw(RawExpr::call("tolist", vec![self.raw.clone()]))
    }
}

/// A literal `T` or an [`Expr<T>`]: what attribute setters take.
///
/// # Example
/// ```
/// use tfsynth::{Value, Number, List};
/// let port: Value<Number> = 443.into();
/// assert!(port.is_literal());
/// let cidrs: Value<List<String>> = vec!["10.0.0.0/24", "10.0.1.0/24"].into();
/// assert!(cidrs.is_literal());
/// ```
pub struct Value<T> {
    raw: RawExpr,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Value<T> {
    fn clone(&self) -> Self {
        Self::from_raw(self.raw.clone())
    }
}
impl<T> PartialEq for Value<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<T> fmt::Debug for Value<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Value").field(&self.raw).finish()
    }
}

impl<T> Value<T> {
    /// Wraps an untyped expression. The caller vouches for its type.
    pub fn from_raw(raw: RawExpr) -> Self {
        Self {
            raw,
            _t: PhantomData,
        }
    }
    /// True when the value is a literal (contains no expression).
    pub fn is_literal(&self) -> bool {
        self.raw.is_literal()
    }
    /// The untyped expression.
    pub fn raw(&self) -> &RawExpr {
        &self.raw
    }
    /// The untyped expression.
    pub fn into_raw(mut self) -> RawExpr {
        std::mem::replace(&mut self.raw, RawExpr::Null)
    }
    /// The value as an expression (a literal is a valid expression).
    pub fn into_expr(self) -> Expr<T> {
        Expr::from_raw(self.into_raw())
    }
    /// `null`: unsets an argument explicitly.
    pub fn null() -> Self {
        Self::from_raw(RawExpr::Null)
    }
}

impl Value<String> {
    /// The literal string, when this value is one.
    pub fn as_literal_str(&self) -> Option<&str> {
        match &self.raw {
            RawExpr::String(s) => Some(s),
            _ => None,
        }
    }
}

impl<T: TfType> From<Expr<T>> for Value<T> {
    fn from(e: Expr<T>) -> Self {
        Self::from_raw(e.into_raw())
    }
}
impl<T: TfType> From<&Expr<T>> for Value<T> {
    fn from(e: &Expr<T>) -> Self {
        Self::from_raw(e.raw.clone())
    }
}

impl From<&str> for Value<String> {
    fn from(s: &str) -> Self {
        Self::from_raw(RawExpr::String(s.to_owned()))
    }
}
impl From<String> for Value<String> {
    fn from(s: String) -> Self {
        Self::from_raw(RawExpr::String(s))
    }
}
impl From<&String> for Value<String> {
    fn from(s: &String) -> Self {
        Self::from_raw(RawExpr::String(s.clone()))
    }
}
impl From<bool> for Value<bool> {
    fn from(b: bool) -> Self {
        Self::from_raw(RawExpr::Bool(b))
    }
}
macro_rules! value_from_num {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<Number> {
            fn from(n: $t) -> Self {
                Self::from_raw(n.into())
            }
        }
    )*};
}
value_from_num!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize, f32, f64);

macro_rules! value_from_seq {
    ($marker:ident) => {
        impl<T, V: Into<Value<T>>> From<Vec<V>> for Value<$marker<T>> {
            fn from(v: Vec<V>) -> Self {
                Self::from_raw(RawExpr::Tuple(
                    v.into_iter().map(|x| x.into().into_raw()).collect(),
                ))
            }
        }
        impl<T, V: Into<Value<T>>, const N: usize> From<[V; N]> for Value<$marker<T>> {
            fn from(v: [V; N]) -> Self {
                Self::from_raw(RawExpr::Tuple(
                    v.into_iter().map(|x| x.into().into_raw()).collect(),
                ))
            }
        }
    };
}
value_from_seq!(List);
value_from_seq!(Set);

impl<T, K: Into<String>, V: Into<Value<T>>> From<IndexMap<K, V>> for Value<Map<T>> {
    fn from(m: IndexMap<K, V>) -> Self {
        Self::from_raw(RawExpr::Object(
            m.into_iter()
                .map(|(k, v)| (k.into(), v.into().into_raw()))
                .collect(),
        ))
    }
}
impl<T, K: Into<String>, V: Into<Value<T>>> From<BTreeMap<K, V>> for Value<Map<T>> {
    fn from(m: BTreeMap<K, V>) -> Self {
        Self::from_raw(RawExpr::Object(
            m.into_iter()
                .map(|(k, v)| (k.into(), v.into().into_raw()))
                .collect(),
        ))
    }
}
impl<T, K: Into<String>, V: Into<Value<T>>> From<Vec<(K, V)>> for Value<Map<T>> {
    fn from(m: Vec<(K, V)>) -> Self {
        Self::from_raw(RawExpr::Object(
            m.into_iter()
                .map(|(k, v)| (k.into(), v.into().into_raw()))
                .collect(),
        ))
    }
}
impl<T, K: Into<String>, V: Into<Value<T>>, const N: usize> From<[(K, V); N]> for Value<Map<T>> {
    fn from(m: [(K, V); N]) -> Self {
        Self::from_raw(RawExpr::Object(
            m.into_iter()
                .map(|(k, v)| (k.into(), v.into().into_raw()))
                .collect(),
        ))
    }
}
impl From<serde_json::Value> for Value<Any> {
    fn from(v: serde_json::Value) -> Self {
        Self::from_raw(v.into())
    }
}

/// Anything that can stand where Terraform accepts a value of any type (`dynamic`
/// function parameters, module inputs, outputs, `any` attributes).
pub trait IntoAny {
    /// The untyped expression.
    fn into_raw(self) -> RawExpr;
}

impl<T> IntoAny for Expr<T> {
    fn into_raw(self) -> RawExpr {
        Expr::into_raw(self)
    }
}
impl<T> IntoAny for &Expr<T> {
    fn into_raw(self) -> RawExpr {
        self.raw.clone()
    }
}
impl<T> IntoAny for Value<T> {
    fn into_raw(self) -> RawExpr {
        Value::into_raw(self)
    }
}
impl IntoAny for RawExpr {
    fn into_raw(self) -> RawExpr {
        self
    }
}
macro_rules! into_any_via_raw {
    ($($t:ty),*) => {$(
        impl IntoAny for $t {
            fn into_raw(self) -> RawExpr {
                RawExpr::from(self)
            }
        }
    )*};
}
into_any_via_raw!(
    &str,
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    usize,
    isize,
    f32,
    f64,
    serde_json::Value
);
impl IntoAny for &String {
    fn into_raw(self) -> RawExpr {
        RawExpr::String(self.clone())
    }
}
impl<V: IntoAny> IntoAny for Vec<V> {
    fn into_raw(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(IntoAny::into_raw).collect())
    }
}
impl<V: IntoAny, const N: usize> IntoAny for [V; N] {
    fn into_raw(self) -> RawExpr {
        RawExpr::Tuple(self.into_iter().map(IntoAny::into_raw).collect())
    }
}
impl<K: Into<String>, V: IntoAny> IntoAny for IndexMap<K, V> {
    fn into_raw(self) -> RawExpr {
        RawExpr::Object(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_raw()))
                .collect(),
        )
    }
}
impl<K: Into<String>, V: IntoAny> IntoAny for BTreeMap<K, V> {
    fn into_raw(self) -> RawExpr {
        RawExpr::Object(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_raw()))
                .collect(),
        )
    }
}

/// Builds a template string from literal parts and expressions:
/// `template!("https://", endpoint.dns_name(), "/health")` renders
/// `"https://${aws_vpc_endpoint.x.dns_name}/health"`.
///
/// Literal parts are text, always: the joined literal text is escaped (`${` -> `$${`,
/// `%{` -> `%%{`), and a `$` right before an interpolation is written `${"$"}` (Terraform
/// reads `$${` as the text `${`).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, to_json_string};
/// let mut stack = Stack::new();
/// let price: Expr<String> = stack.variable("price", Variable::new());
/// let cost = template!("cost: $", &price, " (${not evaluated})");
/// assert_eq!(
///     to_json_string(cost.raw()),
///     r#""cost: ${\"$\"}${var.price} ($${not evaluated})""#
/// );
/// ```
#[macro_export]
macro_rules! template {
    ($($part:expr),* $(,)?) => {
        $crate::Expr::<::std::string::String>::template(
            ::std::vec![$($crate::TemplatePart::from($part)),*]
        )
    };
}

impl Expr<String> {
    /// A template string from its parts (see the [`template!`](crate::template!) macro).
    pub fn template(parts: Vec<TemplatePart>) -> Self {
        // Merge adjacent literals and drop empty ones so rendering is canonical.
        let mut merged: Vec<TemplatePart> = Vec::with_capacity(parts.len());
        for p in parts {
            match (merged.last_mut(), p) {
                (_, TemplatePart::Lit(s)) if s.is_empty() => {}
                (Some(TemplatePart::Lit(a)), TemplatePart::Lit(b)) => a.push_str(&b),
                (_, p) => merged.push(p),
            }
        }
        match merged.as_slice() {
            [] => Self::from_raw(RawExpr::String(String::new())),
            [TemplatePart::Lit(s)] => Self::from_raw(RawExpr::String(s.clone())),
            _ => Self::from_raw(RawExpr::Template(merged)),
        }
    }
}

/// `count.index`: valid only inside a block that sets `count`.
pub fn count_index() -> Expr<Number> {
    Expr::from_raw(RawExpr::Ref(RefRoot::CountIndex))
}
/// `each.key`: valid only inside a block that sets `for_each`.
pub fn each_key() -> Expr<String> {
    Expr::from_raw(RawExpr::Ref(RefRoot::EachKey))
}
/// `each.value`: valid only inside a block that sets `for_each`; the caller names its type.
pub fn each_value<T>() -> Expr<T> {
    Expr::from_raw(RawExpr::Ref(RefRoot::EachValue))
}
/// `path.module`
pub fn path_module() -> Expr<String> {
    Expr::from_raw(RawExpr::Ref(RefRoot::PathModule))
}
/// `path.root`
pub fn path_root() -> Expr<String> {
    Expr::from_raw(RawExpr::Ref(RefRoot::PathRoot))
}
/// `path.cwd`
pub fn path_cwd() -> Expr<String> {
    Expr::from_raw(RawExpr::Ref(RefRoot::PathCwd))
}
/// `terraform.workspace`
pub fn terraform_workspace() -> Expr<String> {
    Expr::from_raw(RawExpr::Ref(RefRoot::TerraformWorkspace))
}

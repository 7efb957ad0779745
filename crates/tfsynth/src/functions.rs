//! Every Terraform built-in function, with one typed signature each.
//!
//! Most are typed from Terraform's own signatures (generated from
//! `terraform metadata functions -json`); the ones Terraform types loosely are typed by hand,
//! more precisely (`element` of a `List<T>` is a `T`, `lookup` of a `Map<T>` with a `T`
//! default). Variadic functions take an array, a `Vec`, or a tuple mixing expressions and
//! literals: `coalesce((&name, "default"))`. Names that are Rust keywords get a trailing
//! underscore (`try_`); `core::NAME` forms live in [`core`].
//!
//! # Example
//! ```
//! use tfsynth::prelude::*;
//! let name: Expr<String> = Expr::raw_hcl("var.name");
//! let e = functions::upper(functions::coalesce((&name, "x")));
//! assert_eq!(e.to_string(), r#"upper(coalesce(var.name, "x"))"#);
//! assert_eq!(functions::max((1, 2, 3)).to_string(), "max(1, 2, 3)");
//! ```

use crate::expr::{AnyArgs, Args, Expr, IntoAny, RawExpr, Value};
use crate::types::{Any, List, Map, Number, Set};

pub use crate::gen::functions::*;

/// The same functions: the generated list is merged into [`crate::functions`], which is the
/// one to use. Kept so that code written against `functions::all` still compiles.
#[doc(hidden)]
pub mod all {
    pub use super::*;
}

fn call<T>(name: &str, args: Vec<RawExpr>) -> Expr<T> {
    Expr::from_raw(RawExpr::call(name, args))
}

/// `cidrsubnet(prefix, newbits, netnum)`: a subnet of a CIDR block.
///
/// # Example
/// ```
/// use tfsynth::functions::cidrsubnet;
/// assert_eq!(cidrsubnet("10.0.0.0/16", 8, 1).to_string(), r#"cidrsubnet("10.0.0.0/16", 8, 1)"#);
/// ```
pub fn cidrsubnet(
    prefix: impl Into<Value<String>>,
    newbits: impl Into<Value<Number>>,
    netnum: impl Into<Value<Number>>,
) -> Expr<String> {
    call(
        "cidrsubnet",
        vec![
            prefix.into().into_raw(),
            newbits.into().into_raw(),
            netnum.into().into_raw(),
        ],
    )
}

/// `cidrhost(prefix, hostnum)`: the address of host number `hostnum` in a CIDR block.
pub fn cidrhost(
    prefix: impl Into<Value<String>>,
    hostnum: impl Into<Value<Number>>,
) -> Expr<String> {
    call(
        "cidrhost",
        vec![prefix.into().into_raw(), hostnum.into().into_raw()],
    )
}

/// `length(collection)`: the number of elements of a list, set, map or string.
pub fn length(collection: impl IntoAny) -> Expr<Number> {
    call("length", vec![collection.into_raw()])
}

/// `element(list, index)`: the element at `index`, wrapping around.
pub fn element<T>(list: impl Into<Value<List<T>>>, index: impl Into<Value<Number>>) -> Expr<T> {
    call(
        "element",
        vec![list.into().into_raw(), index.into().into_raw()],
    )
}

/// `file(path)`: the contents of a file, read when Terraform plans.
pub fn file(path: impl Into<Value<String>>) -> Expr<String> {
    call("file", vec![path.into().into_raw()])
}

/// `templatefile(path, vars)`: a rendered template file.
pub fn templatefile(path: impl Into<Value<String>>, vars: impl IntoAny) -> Expr<String> {
    call(
        "templatefile",
        vec![path.into().into_raw(), vars.into_raw()],
    )
}

/// `format(spec, args...)`: printf-style formatting. The arguments are an array, a `Vec` or
/// a tuple of values of any types ([`AnyArgs`]): `format("%s-%d", (&name, 3))`.
pub fn format(spec: impl Into<Value<String>>, args: impl AnyArgs) -> Expr<String> {
    let mut v = vec![spec.into().into_raw()];
    v.extend(args.into_args());
    call("format", v)
}

/// `join(separator, list)`
pub fn join(
    separator: impl Into<Value<String>>,
    list: impl Into<Value<List<String>>>,
) -> Expr<String> {
    call(
        "join",
        vec![separator.into().into_raw(), list.into().into_raw()],
    )
}

/// `split(separator, string)`
pub fn split(
    separator: impl Into<Value<String>>,
    s: impl Into<Value<String>>,
) -> Expr<List<String>> {
    call(
        "split",
        vec![separator.into().into_raw(), s.into().into_raw()],
    )
}

/// `concat(lists...)`: an array, a `Vec` or a tuple of lists ([`Args`]).
pub fn concat<T>(lists: impl Args<List<T>>) -> Expr<List<T>> {
    call("concat", lists.into_args())
}

/// `lookup(map, key, default)`
pub fn lookup<T>(
    map: impl Into<Value<Map<T>>>,
    key: impl Into<Value<String>>,
    default: impl Into<Value<T>>,
) -> Expr<T> {
    call(
        "lookup",
        vec![
            map.into().into_raw(),
            key.into().into_raw(),
            default.into().into_raw(),
        ],
    )
}

/// `merge(maps...)`: an array, a `Vec` or a tuple of maps ([`Args`]); objects of mixed
/// types merge as `Map<Any>` (`merge((obj! { a = 1 }.cast(), &tags))`).
pub fn merge<T>(maps: impl Args<Map<T>>) -> Expr<Map<T>> {
    call("merge", maps.into_args())
}

/// `tolist(set)`
pub fn tolist<T>(set: impl Into<Value<Set<T>>>) -> Expr<List<T>> {
    call("tolist", vec![set.into().into_raw()])
}

/// `toset(list)`
pub fn toset<T>(list: impl Into<Value<List<T>>>) -> Expr<Set<T>> {
    call("toset", vec![list.into().into_raw()])
}

/// `tomap(object)`: the caller names the element type.
pub fn tomap<T>(value: impl IntoAny) -> Expr<Map<T>> {
    call("tomap", vec![value.into_raw()])
}

/// `jsonencode(value)`
pub fn jsonencode(value: impl IntoAny) -> Expr<String> {
    call("jsonencode", vec![value.into_raw()])
}

/// `jsondecode(string)`
pub fn jsondecode(s: impl Into<Value<String>>) -> Expr<Any> {
    call("jsondecode", vec![s.into().into_raw()])
}

/// `base64encode(string)`
pub fn base64encode(s: impl Into<Value<String>>) -> Expr<String> {
    call("base64encode", vec![s.into().into_raw()])
}

/// `coalesce(values...)`: the first that is neither null nor an empty string. The values
/// are an array, a `Vec` or a tuple mixing expressions and literals ([`Args`]).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, functions::coalesce};
/// let name: Expr<String> = Expr::raw_hcl("var.name");
/// assert_eq!(coalesce((&name, "default")).to_string(), r#"coalesce(var.name, "default")"#);
/// ```
pub fn coalesce<T>(values: impl Args<T>) -> Expr<T> {
    call("coalesce", values.into_args())
}

/// `try(exprs...)`: the first expression that evaluates without error. The expressions are
/// an array, a `Vec` or a tuple mixing expressions and literals ([`Args`]).
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let create: Expr<bool> = functions::try_((each_value::<Any>().attr::<bool>("create"), true));
/// assert_eq!(create.to_string(), "try(each.value.create, true)");
/// ```
pub fn try_<T>(exprs: impl Args<T>) -> Expr<T> {
    call("try", exprs.into_args())
}

/// `can(expr)`: whether `expr` evaluates without error.
pub fn can(expr: impl IntoAny) -> Expr<bool> {
    call("can", vec![expr.into_raw()])
}

/// `contains(list, value)`
pub fn contains<T>(list: impl Into<Value<List<T>>>, value: impl Into<Value<T>>) -> Expr<bool> {
    call(
        "contains",
        vec![list.into().into_raw(), value.into().into_raw()],
    )
}

/// `keys(map)`
pub fn keys<T>(map: impl Into<Value<Map<T>>>) -> Expr<List<String>> {
    call("keys", vec![map.into().into_raw()])
}

/// `values(map)`
pub fn values<T>(map: impl Into<Value<Map<T>>>) -> Expr<List<T>> {
    call("values", vec![map.into().into_raw()])
}

/// `startswith(string, prefix)`
pub fn startswith(s: impl Into<Value<String>>, prefix: impl Into<Value<String>>) -> Expr<bool> {
    call(
        "startswith",
        vec![s.into().into_raw(), prefix.into().into_raw()],
    )
}

/// `regex(pattern, string)` returning the whole match (patterns without capture groups).
pub fn regex(pattern: impl Into<Value<String>>, s: impl Into<Value<String>>) -> Expr<String> {
    call(
        "regex",
        vec![pattern.into().into_raw(), s.into().into_raw()],
    )
}

/// `alltrue(list)`
pub fn alltrue(list: impl Into<Value<List<bool>>>) -> Expr<bool> {
    call("alltrue", vec![list.into().into_raw()])
}

/// `setsubtract(a, b)`
pub fn setsubtract<T>(a: impl Into<Value<Set<T>>>, b: impl Into<Value<Set<T>>>) -> Expr<Set<T>> {
    call(
        "setsubtract",
        vec![a.into().into_raw(), b.into().into_raw()],
    )
}

/// `provider::PROVIDER::NAME(args...)`: a function defined by a provider (Terraform 1.8),
/// such as `provider::aws::arn_parse`. The result type is given by the caller; the provider
/// must be in `required_providers`. Validation refuses a name that is not an identifier, and
/// the call when `required_version` allows a Terraform older than 1.8.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let arn: Expr<String> = Expr::raw_hcl("var.role_arn");
/// let parts: Expr<Any> = functions::provider_function("aws", "arn_parse", (&arn,));
/// assert_eq!(parts.attr::<String>("account_id").to_string(), "provider::aws::arn_parse(var.role_arn).account_id");
/// ```
pub fn provider_function<T>(provider: &str, name: &str, args: impl AnyArgs) -> Expr<T> {
    call(&format!("provider::{provider}::{name}"), args.into_args())
}

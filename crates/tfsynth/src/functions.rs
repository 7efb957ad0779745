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

use crate::expr::{AnyArgs, Args, Expr, IntoAny, ListArg, MapArg, Nested, RawExpr, Value, ValueOf};
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
pub fn element<L: ListArg>(list: L, index: impl Into<Value<Number>>) -> Expr<L::Elem> {
    call(
        "element",
        vec![list.into_list_raw(), index.into().into_raw()],
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

/// `lookup(map, key, default)`: the value of `key`, or `default`.
pub fn lookup<M: MapArg>(
    map: M,
    key: impl Into<Value<String>>,
    default: impl Into<Value<M::Elem>>,
) -> Expr<M::Elem> {
    call(
        "lookup",
        vec![
            map.into_map_raw(),
            key.into().into_raw(),
            default.into().into_raw(),
        ],
    )
}

/// `merge(maps...)`: an array, a `Vec` or a tuple of maps ([`Args`]), the first typed:
/// `merge((&tags, obj!(Name = "web")))` is a `Map<String>`.
pub fn merge<T>(maps: impl Args<Map<T>>) -> Expr<Map<T>> {
    call("merge", maps.into_args())
}

/// `tolist(set)`: a list of the same elements.
pub fn tolist<L: ListArg>(set: L) -> Expr<List<L::Elem>> {
    call("tolist", vec![set.into_list_raw()])
}

/// `toset(list)`: a set of the same elements.
pub fn toset<L: ListArg>(list: L) -> Expr<Set<L::Elem>> {
    call("toset", vec![list.into_list_raw()])
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
pub fn contains<L: ListArg>(list: L, value: impl Into<Value<L::Elem>>) -> Expr<bool> {
    call(
        "contains",
        vec![list.into_list_raw(), value.into().into_raw()],
    )
}

/// `keys(map)`: the keys, sorted.
pub fn keys<M: MapArg>(map: M) -> Expr<List<String>> {
    call("keys", vec![map.into_map_raw()])
}

/// `values(map)`: the values, in the order of their keys.
pub fn values<M: MapArg>(map: M) -> Expr<List<M::Elem>> {
    call("values", vec![map.into_map_raw()])
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

/// `slice(list, start_index, end_index)`: the elements from `start_index` up to (not
/// including) `end_index`.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let azs: Expr<List<String>> = Expr::raw_hcl("var.azs");
/// let two: Expr<List<String>> = functions::slice(&azs, 0, 2);
/// assert_eq!(two.to_string(), "slice(var.azs, 0, 2)");
/// ```
pub fn slice<L: ListArg>(
    list: L,
    start_index: impl Into<Value<Number>>,
    end_index: impl Into<Value<Number>>,
) -> Expr<List<L::Elem>> {
    call(
        "slice",
        vec![
            list.into_list_raw(),
            start_index.into().into_raw(),
            end_index.into().into_raw(),
        ],
    )
}

/// `one(list)`: the only element of a list of zero or one elements (`null` when empty).
pub fn one<L: ListArg>(list: L) -> Expr<L::Elem> {
    call("one", vec![list.into_list_raw()])
}

/// `flatten(list)`: the elements of the nested lists, in order: a `List<List<T>>` (or sets)
/// gives a `List<T>`.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let groups: Expr<List<List<String>>> = Expr::raw_hcl("var.groups");
/// let all: Expr<List<String>> = functions::flatten(&groups);
/// assert_eq!(all.to_string(), "flatten(var.groups)");
/// ```
pub fn flatten<L: ListArg>(list: L) -> Expr<List<<L::Elem as Nested>::Inner>>
where
    L::Elem: Nested,
{
    call("flatten", vec![list.into_list_raw()])
}

/// `distinct(list)`: the elements without repeats, in their first order.
pub fn distinct<L: ListArg>(list: L) -> Expr<List<L::Elem>> {
    call("distinct", vec![list.into_list_raw()])
}

/// `reverse(list)`: the elements in reverse order.
pub fn reverse<L: ListArg>(list: L) -> Expr<List<L::Elem>> {
    call("reverse", vec![list.into_list_raw()])
}

/// `chunklist(list, size)`: the elements in lists of `size` (the last may be shorter).
pub fn chunklist<L: ListArg>(list: L, size: impl Into<Value<Number>>) -> Expr<List<List<L::Elem>>> {
    call(
        "chunklist",
        vec![list.into_list_raw(), size.into().into_raw()],
    )
}

/// `index(list, value)`: the index of the first element equal to `value`.
pub fn index<L: ListArg>(list: L, value: impl Into<Value<L::Elem>>) -> Expr<Number> {
    call("index", vec![list.into_list_raw(), value.into().into_raw()])
}

/// `matchkeys(values, keys, searchset)`: the elements of `values` whose element of `keys`
/// at the same index is in `searchset`.
pub fn matchkeys<L: ListArg, K: ListArg>(
    values: L,
    keys: K,
    searchset: impl Into<Value<List<K::Elem>>>,
) -> Expr<List<L::Elem>> {
    call(
        "matchkeys",
        vec![
            values.into_list_raw(),
            keys.into_list_raw(),
            searchset.into().into_raw(),
        ],
    )
}

/// `coalescelist(lists...)`: the first list that is not empty. An array, a `Vec` or a tuple
/// of lists ([`Args`]).
pub fn coalescelist<T>(vals: impl Args<List<T>>) -> Expr<List<T>> {
    call("coalescelist", vals.into_args())
}

/// `zipmap(keys, values)`: a map from each key to the value at its index.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// let names: Expr<List<String>> = Expr::raw_hcl("var.names");
/// let ids: Expr<List<String>> = Expr::raw_hcl("var.ids");
/// let by_name: Expr<Map<String>> = functions::zipmap(&names, &ids);
/// assert_eq!(by_name.get("web").to_string(), r#"zipmap(var.names, var.ids)["web"]"#);
/// ```
pub fn zipmap<L: ListArg>(keys: impl Into<Value<List<String>>>, values: L) -> Expr<Map<L::Elem>> {
    call(
        "zipmap",
        vec![keys.into().into_raw(), values.into_list_raw()],
    )
}

/// `setunion(first_set, other_sets...)`: the elements of any of the sets. The others are an
/// array, a `Vec` or a tuple of sets ([`Args`]).
pub fn setunion<L: ListArg>(
    first_set: L,
    other_sets: impl Args<Set<L::Elem>>,
) -> Expr<Set<L::Elem>> {
    let mut args = vec![first_set.into_list_raw()];
    args.extend(other_sets.into_args());
    call("setunion", args)
}

/// `setintersection(first_set, other_sets...)`: the elements of all the sets.
pub fn setintersection<L: ListArg>(
    first_set: L,
    other_sets: impl Args<Set<L::Elem>>,
) -> Expr<Set<L::Elem>> {
    let mut args = vec![first_set.into_list_raw()];
    args.extend(other_sets.into_args());
    call("setintersection", args)
}

/// `sum(list)`: the sum of a list of numbers.
pub fn sum(list: impl Into<Value<List<Number>>>) -> Expr<Number> {
    call("sum", vec![list.into().into_raw()])
}

/// `sensitive(value)`: the same value, marked sensitive; its type is the value's.
pub fn sensitive<T>(value: impl ValueOf<T>) -> Expr<T> {
    call("sensitive", vec![value.into_raw_value()])
}

/// `nonsensitive(value)`: the same value, no longer marked sensitive; its type is the value's.
pub fn nonsensitive<T>(value: impl ValueOf<T>) -> Expr<T> {
    call("nonsensitive", vec![value.into_raw_value()])
}

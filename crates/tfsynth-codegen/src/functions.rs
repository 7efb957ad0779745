//! Wrappers for Terraform's built-in functions, from `terraform metadata functions -json`.

use std::collections::BTreeMap;

use crate::emit::doc;
use crate::names::ident;
use crate::schema::{CtyType, FunctionParam, FunctionSig, FunctionsDoc};
use crate::Error;

/// The Rust marker of a cty type; `None` when it contains `dynamic`.
fn marker(t: &CtyType) -> Option<String> {
    Some(match t {
        CtyType::String => "String".into(),
        CtyType::Number => "Number".into(),
        CtyType::Bool => "bool".into(),
        CtyType::Dynamic | CtyType::Object(_) | CtyType::Tuple(_) => return None,
        CtyType::List(t) => format!("List<{}>", marker(t)?),
        CtyType::Set(t) => format!("Set<{}>", marker(t)?),
        CtyType::Map(t) => format!("Map<{}>", marker(t)?),
    })
}

/// The return marker: `dynamic` parts become `Any`.
fn ret_marker(t: &CtyType) -> String {
    match t {
        CtyType::String => "String".into(),
        CtyType::Number => "Number".into(),
        CtyType::Bool => "bool".into(),
        CtyType::Dynamic | CtyType::Object(_) | CtyType::Tuple(_) => "Any".into(),
        CtyType::List(t) => format!("List<{}>", ret_marker(t)),
        CtyType::Set(t) => format!("Set<{}>", ret_marker(t)),
        CtyType::Map(t) => format!("Map<{}>", ret_marker(t)),
    }
}

/// The functions `tfsynth::functions` types by hand, more precisely than Terraform's
/// signatures can (`element` of a `List<T>` is a `T`): not generated, so every function has
/// one signature. Keep in step with `crates/tfsynth/src/functions.rs`.
pub const HAND_TYPED: &[&str] = &[
    "alltrue",
    "base64encode",
    "can",
    "chunklist",
    "cidrhost",
    "cidrsubnet",
    "coalesce",
    "coalescelist",
    "concat",
    "contains",
    "distinct",
    "element",
    "file",
    "flatten",
    "format",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "lookup",
    "matchkeys",
    "merge",
    "nonsensitive",
    "one",
    "regex",
    "reverse",
    "sensitive",
    "setintersection",
    "setsubtract",
    "setunion",
    "slice",
    "split",
    "startswith",
    "sum",
    "templatefile",
    "tolist",
    "tomap",
    "toset",
    "try",
    "values",
    "zipmap",
];

fn param_decl(p: &FunctionParam, variadic: bool) -> String {
    match (marker(&p.ty), variadic) {
        (Some(m), false) => format!("{}: impl Into<Value<{m}>>", ident(&p.name)),
        (None, false) => format!("{}: impl IntoAny", ident(&p.name)),
        (Some(m), true) => format!("{}: impl Args<{m}>", ident(&p.name)),
        (None, true) => format!("{}: impl AnyArgs", ident(&p.name)),
    }
}

fn param_raw(p: &FunctionParam) -> String {
    if marker(&p.ty).is_some() {
        format!("{}.into().into_raw()", ident(&p.name))
    } else {
        format!("{}.into_raw()", ident(&p.name))
    }
}

fn emit_fn(out: &mut String, indent: &str, tf_name: &str, rust_name: &str, f: &FunctionSig) {
    let mut d = String::new();
    if let Some(desc) = &f.description {
        d.push_str(desc.trim());
        d.push_str("\n\n");
    }
    let sig: Vec<String> = f
        .parameters
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty.terraform_name()))
        .chain(
            f.variadic_parameter
                .iter()
                .map(|p| format!("{}...: {}", p.name, p.ty.terraform_name())),
        )
        .collect();
    d.push_str(&format!(
        "Terraform: `{tf_name}({}) -> {}`.",
        sig.join(", "),
        f.return_type.terraform_name()
    ));
    let described: Vec<&FunctionParam> = f
        .parameters
        .iter()
        .chain(&f.variadic_parameter)
        .filter(|p| p.description.is_some())
        .collect();
    if !described.is_empty() {
        d.push_str("\n\n# Parameters");
        for p in described {
            let text = p
                .description
                .as_deref()
                .unwrap_or_default()
                .replace('\n', " ");
            d.push_str(&format!("\n- `{}`: {}", ident(&p.name), text.trim()));
        }
    }
    doc(out, indent, &d);
    let mut params: Vec<String> = f.parameters.iter().map(|p| param_decl(p, false)).collect();
    if let Some(v) = &f.variadic_parameter {
        params.push(param_decl(v, true));
    }
    let ret = ret_marker(&f.return_type);
    out.push_str(&format!(
        "{indent}pub fn {rust_name}({}) -> Expr<{ret}> {{\n",
        params.join(", ")
    ));
    let fixed: Vec<String> = f.parameters.iter().map(param_raw).collect();
    match &f.variadic_parameter {
        None => out.push_str(&format!(
            "{indent}    Expr::from_raw(RawExpr::call(\"{tf_name}\", vec![{}]))\n",
            fixed.join(", ")
        )),
        Some(v) => {
            if fixed.is_empty() {
                out.push_str(&format!(
                    "{indent}    let call_args = {}.into_args();\n",
                    ident(&v.name)
                ));
            } else {
                out.push_str(&format!(
                    "{indent}    let mut call_args = vec![{}];\n",
                    fixed.join(", ")
                ));
                out.push_str(&format!(
                    "{indent}    call_args.extend({}.into_args());\n",
                    ident(&v.name)
                ));
            }
            out.push_str(&format!(
                "{indent}    Expr::from_raw(RawExpr::call(\"{tf_name}\", call_args))\n"
            ));
        }
    }
    out.push_str(&format!("{indent}}}\n\n"));
}

/// The `functions.rs` module of the core crate: one function per built-in, namespaced
/// ones (`core::abs`) in a module per namespace.
///
/// # Errors
/// When a function name cannot be a Rust path.
pub fn generate(doc_: &FunctionsDoc, terraform_version: &str) -> Result<String, Error> {
    let mut out = format!(
        "// @generated by tfsynth-codegen from terraform {terraform_version} functions. DO NOT EDIT.\n"
    );
    let mut d = String::new();
    doc(
        &mut d,
        "",
        &format!(
            "Every Terraform built-in function, typed from `terraform metadata functions -json` \
         (Terraform {terraform_version}).\n\n\
         `dynamic` parameters take anything ([`IntoAny`]) and `dynamic` results are `Expr<Any>`; \
         variadic parameters take an array, a `Vec` or a tuple mixing expressions and literals \
         ([`Args`], [`AnyArgs`]). Names that are Rust keywords get a trailing underscore \
         (`try_`). Namespaced aliases such as `core::abs` live in a module per namespace. \
         The functions `tfsynth::functions` types by hand (`join`, `element`, `try`, ...) are \
         left out, so that each function has one signature there."
        ),
    );
    for l in d.lines() {
        out.push_str(&l.replacen("///", "//!", 1));
        out.push('\n');
    }
    out.push_str("\nuse crate::expr::{AnyArgs, Args, Expr, IntoAny, RawExpr, Value};\nuse crate::types::{Any, List, Map, Number, Set};\n\n");
    let mut namespaces: BTreeMap<&str, Vec<(&str, &str, &FunctionSig)>> = BTreeMap::new();
    for (name, f) in &doc_.function_signatures {
        let (ns, short) = match name.rsplit_once("::") {
            Some((ns, short)) => (ns, short),
            None => ("", name.as_str()),
        };
        if ns.contains("::") || !short.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(Error::Schema(format!(
                "function name `{name}` cannot be a Rust path"
            )));
        }
        namespaces.entry(ns).or_default().push((name, short, f));
    }
    for (ns, fns) in &namespaces {
        let indent = if ns.is_empty() { "" } else { "    " };
        if !ns.is_empty() {
            let m = ident(ns);
            out.push_str(&format!("/// The `{ns}::` namespace: the same functions under their qualified names.\npub mod {m} {{\n"));
            out.push_str("    use crate::expr::{AnyArgs, Args, Expr, IntoAny, RawExpr, Value};\n    use crate::types::{Any, List, Map, Number, Set};\n\n");
        }
        let mut hand: Vec<String> = Vec::new();
        for (tf, short, f) in fns {
            if HAND_TYPED.contains(short) {
                hand.push(ident(short));
                continue;
            }
            emit_fn(&mut out, indent, tf, &ident(short), f);
        }
        if !ns.is_empty() {
            // The hand-typed functions under their qualified names too (`core::slice`).
            if !hand.is_empty() {
                out.push_str(&format!(
                    "    pub use crate::functions::{{{}}};\n",
                    hand.join(", ")
                ));
            }
            out.push_str("}\n");
        }
    }
    Ok(out)
}

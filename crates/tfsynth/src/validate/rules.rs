//! Terraform's own rules on names, addresses and literals that tfsynth checks before Terraform
//! does: version constraints, provider and module source addresses, function names, reserved
//! names, literal `count` and `for_each`, conditions that check nothing. Each rule was checked
//! against Terraform 1.11 (`terraform validate`).

use crate::expr::render::is_identifier;
use crate::expr::{RawExpr, RefRoot, UnOp};

/// Which parser Terraform uses for a version constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Versions {
    /// `required_version` (hashicorp/go-version; prereleases refused).
    Terraform,
    /// A module `version` (hashicorp/go-version: `v` prefix and any number of parts).
    Module,
    /// A `required_providers` version (apparentlymart/go-versions: at most three parts).
    Provider,
}

/// Checks a version constraint: comma-separated `[op] version`, with op one of `=`, `!=`,
/// `>`, `>=`, `<`, `<=`, `~>` and version `1`, `1.2`, `1.2.3` with an optional `-prerelease`
/// and `+metadata`. Returns what is wrong.
pub(crate) fn version_constraint(s: &str, kind: Versions) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err("it is empty".to_owned());
    }
    for part in s.split(',') {
        let part = part.trim();
        if part.is_empty() {
            return Err("one of its comma-separated constraints is empty".to_owned());
        }
        let version = ["~>", ">=", "<=", "!=", "=", ">", "<"]
            .iter()
            .find_map(|op| part.strip_prefix(op))
            .unwrap_or(part)
            .trim_start();
        version_number(version, kind).map_err(|why| format!("{version:?} {why}"))?;
    }
    Ok(())
}

/// The lowest version a `required_version` constraint allows (`>= 1.5` -> 1.5.0,
/// `~> 1.7.2` -> 1.7.2, `> 1.6` -> 1.6.0 as a bound), or `None` when it does not parse. A
/// constraint without a lower bound (`< 2.0`) allows 0.0.0.
pub(crate) fn lowest_allowed(s: &str) -> Option<(u64, u64, u64)> {
    let mut lowest = (0, 0, 0);
    for part in s.split(',') {
        let part = part.trim();
        let (op, version) = ["~>", ">=", "<=", "!=", "=", ">", "<"]
            .iter()
            .find_map(|op| part.strip_prefix(op).map(|v| (*op, v)))
            .unwrap_or(("=", part));
        let version = version.trim().trim_start_matches('v');
        let numbers = version.split(['-', '+']).next()?;
        let mut it = numbers.split('.').map(|n| n.parse::<u64>());
        let v = (
            it.next()?.ok()?,
            it.next().unwrap_or(Ok(0)).ok()?,
            it.next().unwrap_or(Ok(0)).ok()?,
        );
        if matches!(op, "~>" | ">=" | "=" | ">") {
            lowest = lowest.max(v);
        }
    }
    Some(lowest)
}

fn version_number(v: &str, kind: Versions) -> Result<(), &'static str> {
    let v = match v.strip_prefix('v') {
        Some(rest) if kind != Versions::Provider => rest,
        _ => v,
    };
    let (v, metadata) = v.split_once('+').map_or((v, None), |(a, b)| (a, Some(b)));
    let (numbers, prerelease) = v.split_once('-').map_or((v, None), |(a, b)| (a, Some(b)));
    let parts: Vec<&str> = numbers.split('.').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("is not a version (numbers separated by dots, such as 1.2.3)");
    }
    if kind == Versions::Provider && parts.len() > 3 {
        return Err("has more than three parts (major.minor.patch)");
    }
    let label = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    if let Some(p) = prerelease {
        if !label(p) {
            return Err("has an invalid prerelease part");
        }
        if kind == Versions::Terraform {
            return Err("is a prerelease, which required_version does not accept");
        }
    }
    if metadata.is_some_and(|m| !label(m)) {
        return Err("has invalid build metadata");
    }
    Ok(())
}

/// A registry name part: letters, digits and inner dashes (and underscores in module names),
/// at most 64 characters.
fn registry_label(s: &str, underscores: bool) -> bool {
    let b = s.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || (underscores && c == b'_'))
}

/// A hostname with an optional port: dot-separated labels of letters, digits and inner dashes.
fn hostname(s: &str) -> bool {
    let (host, port) = s.split_once(':').map_or((s, None), |(h, p)| (h, Some(p)));
    port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// Checks a provider source address, `[HOSTNAME/]NAMESPACE/TYPE` (a bare TYPE is the legacy
/// form Terraform still accepts). Returns what is wrong.
pub(crate) fn provider_source(s: &str) -> Result<(), &'static str> {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err("it is not one to three non-empty parts separated by slashes");
    }
    let ty = parts[parts.len() - 1];
    if !registry_label(ty, false) {
        return Err("the type must be letters, digits and inner dashes");
    }
    if ty.starts_with("terraform-provider-") {
        return Err("the type must not start with terraform-provider-");
    }
    if parts.len() >= 2 {
        let ns = parts[parts.len() - 2];
        if ns != "-" && !registry_label(ns, false) {
            return Err("the namespace must be letters, digits and inner dashes");
        }
    }
    if parts.len() == 3 && !hostname(parts[0]) {
        return Err("the hostname is not a valid hostname");
    }
    Ok(())
}

/// True for a local module path (`./x`, `../x`).
fn local_path(s: &str) -> bool {
    ["./", "../", ".\\", "..\\"]
        .iter()
        .any(|p| s.starts_with(p))
}

/// True for a module registry address: `[HOSTNAME/]NAMESPACE/NAME/SYSTEM[//SUBDIR]`.
fn registry_module(s: &str) -> bool {
    let addr = s.split_once("//").map_or(s, |(a, _)| a);
    let parts: Vec<&str> = addr.split('/').collect();
    let (host, rest) = match parts.len() {
        3 => (None, &parts[..]),
        4 => (Some(parts[0]), &parts[1..]),
        _ => return false,
    };
    host.is_none_or(|h| hostname(h) && h != "github.com" && h != "bitbucket.org")
        && registry_label(rest[0], true)
        && registry_label(rest[1], true)
        && (1..=64).contains(&rest[2].len())
        && rest[2]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Checks a module call's `source` and `version`. Returns what is wrong and the fix.
pub(crate) fn module_source(source: &str, version: Option<&str>) -> Result<(), String> {
    if source.trim().is_empty() {
        return Err(
            "a module source must not be empty: give a local path such as \"./modules/x\", \
             a registry address or a remote URL"
                .to_owned(),
        );
    }
    let registry = registry_module(source);
    if version.is_some() && !registry {
        let what = if local_path(source) {
            "a local path"
        } else {
            "not a registry address"
        };
        return Err(format!(
            "it is {what}, and Terraform accepts a version only for registry modules \
             (NAMESPACE/NAME/SYSTEM): remove the version or pin the source itself (a git ref)"
        ));
    }
    let remote = source.contains("::")
        || source.contains("://")
        || source.contains('@')
        || source.starts_with('/')
        || source
            .split('/')
            .next()
            .is_some_and(|first| first.contains('.'));
    if !local_path(source) && !registry && !remote {
        return Err(format!(
            "Terraform reads it as neither a local path nor a registry or remote address: a \
             path in this configuration starts with ./ (\"./{source}\")"
        ));
    }
    Ok(())
}

/// True for a function name Terraform can call: an identifier, `core::NAME` or
/// `provider::PROVIDER::NAME`.
pub(crate) fn function_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split("::").collect();
    match parts.as_slice() {
        [f] => is_identifier(f),
        ["core", f] => is_identifier(f),
        ["provider", p, f] => is_identifier(p) && is_identifier(f),
        _ => false,
    }
}

/// Variable names Terraform reserves: the arguments of a module call.
pub(crate) const RESERVED_VARIABLES: [&str; 8] = [
    "count",
    "depends_on",
    "for_each",
    "lifecycle",
    "locals",
    "providers",
    "source",
    "version",
];

/// What to do instead of naming a resource or data source attribute `name`, when Terraform
/// reserves it (`data` has no `connection` or `provisioner`).
// Called for every attribute of every block: inlined, it is a few compares.
#[inline(always)]
pub(crate) fn meta_argument_fix(name: &str, data: bool) -> Option<&'static str> {
    Some(match name {
        "count" => "set it with .count(...)",
        "for_each" => "set it with .for_each(...)",
        "provider" => "set it with .provider(&handle), the handle stack.provider(...) returns",
        "depends_on" => "set it with .depends_on(&handle)",
        "lifecycle" => {
            "set it with the lifecycle setters (.prevent_destroy, .ignore_changes, \
             .precondition, ...)"
        }
        "connection" | "provisioner" if !data => {
            "Terraform reads it as a block, so write it as a nested block (.block(...) or \
             .push_block(...))"
        }
        _ => return None,
    })
}

/// What to do instead of naming a module input `name`, when it is a module call argument.
pub(crate) fn module_input_fix(name: &str) -> Option<&'static str> {
    Some(match name {
        "source" => "the source is Module::new's argument",
        "version" => "set it with Module::version",
        "count" => "set it with Module::count",
        "for_each" => "set it with Module::for_each",
        "providers" => "set them with Module::provider",
        "depends_on" => "set it with Module::depends_on",
        "lifecycle" | "locals" => "no module can declare a variable of that name",
        _ => return None,
    })
}

/// What a literal `count` is wrong with, if anything: `null`, a negative number or a fraction.
pub(crate) fn count_literal(e: &RawExpr) -> Option<String> {
    let number = |n: &serde_json::Number, negate: bool| {
        let v = n.as_f64().unwrap_or(0.0);
        let v = if negate { -v } else { v };
        (v < 0.0 || v.fract() != 0.0).then(|| {
            if negate {
                format!("-{n}")
            } else {
                n.to_string()
            }
        })
    };
    match e {
        RawExpr::Null => Some("null".to_owned()),
        RawExpr::Number(n) => number(n, false),
        RawExpr::Unary(UnOp::Neg, inner) => match &**inner {
            RawExpr::Number(n) => number(n, true),
            _ => None,
        },
        _ => None,
    }
}

/// What a literal `for_each` collection is, when Terraform refuses it (anything but a map,
/// an object or a set).
pub(crate) fn for_each_literal(e: &RawExpr) -> Option<&'static str> {
    Some(match e {
        RawExpr::Tuple(_) => "a list literal (a tuple)",
        RawExpr::For(f) if f.key.is_none() => "a list for expression (a tuple)",
        RawExpr::String(_) | RawExpr::Template(_) => "a string",
        RawExpr::Number(_) => "a number",
        RawExpr::Bool(_) => "a bool",
        RawExpr::Null => "null",
        _ => return None,
    })
}

/// True when a condition refers to anything Terraform counts as an object: any reference
/// (`var.x`, `path.module`, `count.index`, `self`, ...) other than a `for` expression's own
/// symbols. Raw HCL is assumed to.
pub(crate) fn refers_to_something(e: &RawExpr) -> bool {
    let mut found = false;
    e.walk(&mut |node| {
        found |= matches!(
            node,
            RawExpr::Ref(r) if !matches!(r, RefRoot::Symbol(_) | RefRoot::AttrPath)
        ) || matches!(node, RawExpr::Raw(_));
    });
    found
}

/// True when `e` refers to `var.NAME` (raw HCL is assumed to).
pub(crate) fn refers_to_var(e: &RawExpr, name: &str) -> bool {
    let mut found = false;
    e.walk(&mut |node| {
        found |= matches!(node, RawExpr::Ref(RefRoot::Var(n)) if n == name)
            || matches!(node, RawExpr::Raw(_));
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case as Terraform 1.11 judged it (`terraform validate` on a scratch module).
    #[test]
    fn version_constraints_as_terraform_reads_them() {
        use Versions::{Module, Provider, Terraform};
        for ok in [
            "1",
            "1.2",
            "1.2.3",
            ">=1.0",
            "~>1",
            ">= 1.0,< 2",
            "=1",
            "!= 1.0",
            "01.2",
        ] {
            for kind in [Terraform, Module, Provider] {
                assert!(version_constraint(ok, kind).is_ok(), "{ok} {kind:?}");
            }
        }
        for ok in ["1.0.0+meta", "~> 1.2.3-beta1"] {
            assert!(version_constraint(ok, Provider).is_ok(), "{ok}");
            assert!(version_constraint(ok, Module).is_ok(), "{ok}");
        }
        for ok in ["v1.2", "1.2.3.4", "~> 1.0.0.0"] {
            assert!(version_constraint(ok, Terraform).is_ok(), "{ok}");
            assert!(version_constraint(ok, Module).is_ok(), "{ok}");
            assert!(version_constraint(ok, Provider).is_err(), "{ok}");
        }
        for prerelease in ["~> 1.2.3-beta1", "1.2-beta.1"] {
            assert!(version_constraint(prerelease, Terraform).is_err());
        }
        for bad in ["", " ", "1.0, ", "=> 1.0", "1.x", "latest", ">= 1.0 < 2"] {
            for kind in [Terraform, Module, Provider] {
                assert!(version_constraint(bad, kind).is_err(), "{bad:?} {kind:?}");
            }
        }
    }

    #[test]
    fn provider_sources_as_terraform_reads_them() {
        for ok in [
            "hashicorp/aws",
            "registry.terraform.io/hashicorp/aws",
            "aws",
            "Hashicorp/AWS",
            "example.com:8443/ns/t",
            "hashicorp/aws-2",
            "1ns/2t",
            "-/foo",
        ] {
            assert!(provider_source(ok).is_ok(), "{ok}");
        }
        for bad in [
            "hashi_corp/aws",
            "hashicorp/aws_x",
            "hashicorp/terraform-provider-aws",
            "a/b/c/d",
            "",
            "-ns/t",
            "hashicorp/-aws",
            "ns/t-",
            "exa_mple.com/ns/t",
            "ns//t",
            "ns/t/",
        ] {
            assert!(provider_source(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn module_sources_as_terraform_reads_them() {
        for (source, version) in [
            ("hashicorp/consul/aws", None),
            ("hashicorp/consul/aws", Some("1.0")),
            ("app.terraform.io/org/name/aws", Some("1.0")),
            ("hashicorp/consul/aws//sub", Some("1.0")),
            ("./m", None),
            ("../m", None),
            ("/abs/m", None),
            ("s3::https://s3.amazonaws.com/b/m.zip", None),
            ("git::https://example.com/x.git?ref=v1", None),
            ("github.com/hashicorp/example", None),
            ("git@github.com:org/repo.git", None),
        ] {
            assert!(
                module_source(source, version).is_ok(),
                "{source} {version:?}"
            );
        }
        for (source, version) in [
            ("./m", Some("1.0")),
            ("../m", Some("1.0")),
            ("git::https://example.com/x.git", Some("1.0")),
            ("github.com/hashicorp/example", Some("1.0")),
            ("https://example.com/x.zip", Some("1.0")),
            ("git@github.com:org/repo.git", Some("1.0")),
            ("modules/x", None),
            ("", None),
        ] {
            assert!(
                module_source(source, version).is_err(),
                "{source} {version:?}"
            );
        }
    }

    #[test]
    fn function_names() {
        for ok in ["upper", "core::upper", "provider::aws::arn_parse", "a-b"] {
            assert!(function_name(ok), "{ok}");
        }
        for bad in [
            "",
            "up per",
            "x(y",
            "provider::aws",
            "foo::bar",
            "provider::a::b::c",
            "1f",
        ] {
            assert!(!function_name(bad), "{bad}");
        }
    }
}

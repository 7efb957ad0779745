//! Input checks of the any-provider tool, before anything is generated: the command-line values
//! (`--name`, `--provider-version`) and the names in the schema document, each refused with
//! the value, where it is (a JSON path into the document) and the fix, so that a bad input is
//! never reported as a generator failure.

use crate::names::{ident, is_keyword, type_name};
use crate::schema::{AttrSchema, BlockSchema, CtyType, NestedType, ProviderSchema};
use crate::Error;

/// The deepest a type may nest, in levels of [`BlockSchema::nesting`] (each nested block, nested
/// attribute type, and list, set, map, tuple or object type counts one). The deepest type of
/// hashicorp/aws nests 19 (`aws_eks_cluster_versions`); at 120 the generated crate and its
/// every-type test still build (rustc proves `List<List<...>>: TfType` within its default
/// recursion limit) and tfsynth synthesizes within its own limit (`tfsynth::expr::MAX_DEPTH`).
pub const MAX_NESTING: usize = 120;

/// Crate names a bindings package cannot take: the standard library's, the crates the bindings
/// depend on, and this workspace's (compared with `-` as `_`, ignoring case).
pub const RESERVED_PACKAGES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "serde_json",
    "tfsynth",
    "tfsynth_aws",
    "tfsynth_tls",
    "tfsynth_random",
    "tfsynth_archive",
    "tfsynth_null",
    "tfsynth_local",
    "tfsynth_time",
    "tfsynth_http",
    "tfsynth_external",
    "tfsynth_privatelink",
    "tfsynth_cli",
    "tfsynth_codegen",
    "tfsynth_app",
    "tfsynth_examples",
    "tfsynth_benches",
];

/// Checks a package name: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64
/// characters; as a crate identifier (`-` as `_`) not a Rust keyword nor a name in
/// [`RESERVED_PACKAGES`]. `given` says whether it came from `--name` (else it is the default).
///
/// # Errors
/// Naming the value, what is wrong and the fix.
pub fn package_name(name: &str, given: bool, local: &str) -> Result<(), Error> {
    let crate_ident = name.replace('-', "_");
    let problem = if name.is_empty() {
        Some("is empty".to_owned())
    } else if name.len() > 64 {
        Some("is longer than 64 characters".to_owned())
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("does not start with an ASCII letter".to_owned())
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some(format!(
            "has `{}`: a package name is ASCII letters, digits, `-` and `_`",
            c.escape_debug()
        ))
    } else if is_keyword(&crate_ident) {
        Some(format!(
            "is the Rust keyword `{crate_ident}` as a crate name"
        ))
    } else if RESERVED_PACKAGES.contains(&crate_ident.to_ascii_lowercase().as_str()) {
        let what = match crate_ident.to_ascii_lowercase().as_str() {
            "std" | "core" | "alloc" | "proc_macro" | "test" => "a standard library crate",
            "tfsynth" | "serde_json" => "a dependency of the generated crate",
            _ => "a crate of the tfsynth workspace",
        };
        Some(format!(
            "is taken: `{crate_ident}` is {what}, and the bindings would clash with it"
        ))
    } else {
        None
    };
    let Some(problem) = problem else {
        return Ok(());
    };
    let shown = name.escape_debug();
    let suggestion = format!("tfsynth-{}-bindings", local.replace('_', "-"));
    Err(Error::Usage(if given {
        format!("--name \"{shown}\": the package name {problem}: choose another with --name (e.g. {suggestion})")
    } else {
        format!("the default package name \"{shown}\" {problem}: choose one with --name (e.g. {suggestion})")
    }))
}

/// A provider version as the tool uses it: for the docs, and the constraint written in
/// `required_providers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderVersion {
    /// Shown in the docs and the generated header: the version, or the constraint.
    pub shown: String,
    /// The constraint: `= VERSION` for a bare version, else the constraint as given.
    pub constraint: String,
}

/// Reads `--provider-version`: a version (`3.7.2`, pinned as `= 3.7.2`) or a Terraform version
/// constraint (`~> 3.7`, `>= 3.0, < 4.0`): comma-separated, each an optional operator (`=`, `!=`,
/// `>`, `>=`, `<`, `<=`, `~>`) and a version of one to three numbers with an optional
/// `-prerelease` and `+build`. Whitespace only separates: the constraint is written with one
/// space after each operator and `, ` between parts (`>=3.0,<4.0` -> `>= 3.0, < 4.0`).
///
/// # Errors
/// Naming the value and the fix.
pub fn provider_version(v: &str) -> Result<ProviderVersion, Error> {
    let refuse = |why: &str| {
        Error::Usage(format!(
            "--provider-version \"{}\": {why}: give the provider version the schema is of \
             (3.7.2) or a Terraform version constraint (~> 3.7, or >= 3.0, < 4.0)",
            v.escape_debug()
        ))
    };
    let trimmed = v.trim();
    if trimmed.is_empty() {
        return Err(refuse("is empty"));
    }
    let mut bare = None;
    let mut normalized = Vec::new();
    let parts: Vec<&str> = trimmed.split(',').collect();
    for part in &parts {
        let p = part.trim();
        let (op, rest) = ["~>", ">=", "<=", "!=", "=", ">", "<"]
            .iter()
            .find_map(|op| p.strip_prefix(op).map(|r| (Some(*op), r.trim_start())))
            .unwrap_or((None, p));
        if !is_version(rest) {
            return Err(refuse(&format!(
                "`{}` is not a version (numbers such as 3.7.2, optionally -prerelease)",
                rest.escape_debug()
            )));
        }
        if op.is_none() && parts.len() == 1 {
            bare = Some(rest.to_owned());
        }
        normalized.push(match op {
            Some(op) => format!("{op} {rest}"),
            None => rest.to_owned(),
        });
    }
    Ok(match bare {
        Some(version) => ProviderVersion {
            constraint: format!("= {version}"),
            shown: version,
        },
        None => {
            let c = normalized.join(", ");
            ProviderVersion {
                shown: c.clone(),
                constraint: c,
            }
        }
    })
}

fn is_version(s: &str) -> bool {
    let (s, build) = match s.split_once('+') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match s.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let idents = |x: &str| {
        x.split('.')
            .all(|i| !i.is_empty() && i.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    };
    let nums: Vec<&str> = core.split('.').collect();
    (1..=3).contains(&nums.len())
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        && pre.is_none_or(idents)
        && build.is_none_or(idents)
}

/// A JSON string literal of `s`, for JSON paths in messages.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_debug()))
}

/// Checks a provider source address as the document keys it: `[HOSTNAME/]NAMESPACE/TYPE`, the
/// hostname letters, digits, `.`, `-` and `:`, the namespace ASCII letters, digits, `-` and `_`,
/// the type lowercase ASCII letters, digits, `-` and `_` starting with a letter.
///
/// # Errors
/// Naming the address (as a JSON path) and the fix.
pub fn provider_address(address: &str) -> Result<(), Error> {
    let parts: Vec<&str> = address.split('/').collect();
    let ok = match parts.as_slice() {
        [host, ns, ty] => host_ok(host) && namespace_ok(ns) && type_ok(ty),
        [ns, ty] => namespace_ok(ns) && type_ok(ty),
        [ty] => type_ok(ty),
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(Error::Schema(format!(
        "provider_schemas[{}]: a provider address must be [HOSTNAME/]NAMESPACE/TYPE, the \
         namespace ASCII letters, digits, `-` and `_`, the type lowercase and starting with a \
         letter (registry.terraform.io/hashicorp/random): regenerate the document with \
         `terraform providers schema -json`, or correct the address in it",
        json(address)
    )))
}

fn host_ok(h: &str) -> bool {
    !h.is_empty()
        && h.chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':')
}

fn namespace_ok(n: &str) -> bool {
    !n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn type_ok(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_lowercase())
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Which rule a name follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A type, attribute or block name: a Terraform identifier as tfsynth checks it when it
    /// synthesizes (an ASCII letter or `_`, then ASCII letters, digits, `_` and `-`).
    Identifier,
    /// A key of an object type or a member of a nested attribute type: written as an object key,
    /// so letters of any script are fine.
    Key,
}

/// Why a Terraform name cannot be generated, if it cannot. Both kinds need a letter or digit
/// and must make a Rust identifier (`ident`, `type_name`); see [`NameKind`] for the rest.
pub fn name_problem(name: &str, kind: NameKind) -> Option<String> {
    let rule = match kind {
        NameKind::Identifier => {
            "a name must be an ASCII letter or `_`, then ASCII letters, digits, `_` and `-` (a \
             Terraform identifier as tfsynth accepts it), with a letter or digit"
        }
        NameKind::Key => {
            "an object key must be letters (of any script), digits, `_` and `-`, with a letter \
             or digit"
        }
    };
    if name.is_empty() {
        return Some(format!("{rule}, and this one is empty"));
    }
    let bad = |c: char| match kind {
        NameKind::Identifier => !(c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        NameKind::Key => !(c.is_alphanumeric() || c == '_' || c == '-'),
    };
    if let Some(c) = name.chars().find(|c| bad(*c)) {
        return Some(format!("{rule}, and this one has `{}`", c.escape_debug()));
    }
    if kind == NameKind::Identifier
        && !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    {
        let first = name.chars().next().unwrap_or_default();
        return Some(format!("{rule}, and this one starts with `{first}`"));
    }
    if !name.chars().any(char::is_alphanumeric) {
        return Some(format!("{rule}, and this one has none"));
    }
    for id in [ident(name), type_name(name)] {
        if syn::parse_str::<syn::Ident>(&id).is_err() {
            return Some(format!(
                "{rule} that Rust identifiers allow, and `{id}` is not a Rust identifier"
            ));
        }
    }
    None
}

fn check(path: &str, name: &str, kind: NameKind) -> Result<(), Error> {
    match name_problem(name, kind) {
        None => Ok(()),
        Some(p) => Err(Error::Schema(format!(
            "{path}: {p}: correct the name in the document ({})",
            match kind {
                NameKind::Identifier => "tfsynth refuses other names when it synthesizes",
                NameKind::Key => "each key becomes a Rust method of the generated code",
            }
        ))),
    }
}

/// Checks every name of a provider's schema: its address, types (which must start with the
/// provider's name and `_`), attributes, blocks, nested attribute types and object type keys.
/// Errors name the JSON path of the bad name.
///
/// # Errors
/// On the first bad name, with its path, the rule and the fix.
pub fn schema_names(address: &str, schema: &ProviderSchema) -> Result<(), Error> {
    provider_address(address)?;
    let local = address
        .rsplit('/')
        .next()
        .unwrap_or(address)
        .replace('-', "_");
    let local = local.as_str();
    let root = format!("provider_schemas[{}]", json(address));
    let provider = format!("{root}.provider");
    depth(&provider, &schema.provider.block)?;
    block(&format!("{provider}.block"), &schema.provider.block)?;
    for (what, map) in [
        ("resource_schemas", &schema.resource_schemas),
        ("data_source_schemas", &schema.data_source_schemas),
    ] {
        for (name, s) in map {
            let path = format!("{root}.{what}[{}]", json(name));
            check(&path, name, NameKind::Identifier)?;
            // A type may also be named like its provider (hashicorp/http's `http`).
            let short = name
                .strip_prefix(local)
                .and_then(|s| s.strip_prefix('_'))
                .filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric()));
            if short.is_none() && name != local {
                return Err(Error::Schema(format!(
                    "{path}: a type name must be the provider's name (`{local}`), or it and `_` \
                     (`{local}_`) followed by a name: correct the type name, or choose the \
                     provider it belongs to with --provider"
                )));
            }
            depth(&path, &s.block)?;
            block(&format!("{path}.block"), &s.block)?;
        }
    }
    Ok(())
}

fn depth(path: &str, b: &BlockSchema) -> Result<(), Error> {
    let n = b.nesting();
    if n <= MAX_NESTING {
        return Ok(());
    }
    Err(Error::Schema(format!(
        "{path}: nests {n} levels deep (each nested block, nested attribute type, and list, set, \
         map, tuple or object type counts one), and tfsynth-codegen generates at most \
         {MAX_NESTING} (the deepest hashicorp/aws type nests 19): make its deepest part a \
         `dynamic` type in the document"
    )))
}

fn block(path: &str, b: &BlockSchema) -> Result<(), Error> {
    for (n, a) in &b.attributes {
        let p = format!("{path}.attributes[{}]", json(n));
        check(&p, n, NameKind::Identifier)?;
        attr(&p, a)?;
    }
    for (n, nb) in &b.block_types {
        let p = format!("{path}.block_types[{}]", json(n));
        check(&p, n, NameKind::Identifier)?;
        block(&format!("{p}.block"), &nb.block)?;
    }
    Ok(())
}

fn attr(path: &str, a: &AttrSchema) -> Result<(), Error> {
    if let Some(nt) = &a.nested_type {
        return nested(&format!("{path}.nested_type"), nt);
    }
    match &a.ty {
        Some(t) => cty(&format!("{path}.type"), t),
        None => Ok(()),
    }
}

fn nested(path: &str, nt: &NestedType) -> Result<(), Error> {
    for (n, a) in &nt.attributes {
        let p = format!("{path}.attributes[{}]", json(n));
        check(&p, n, NameKind::Key)?;
        attr(&p, a)?;
    }
    Ok(())
}

fn cty(path: &str, t: &CtyType) -> Result<(), Error> {
    match t {
        CtyType::List(e) | CtyType::Set(e) | CtyType::Map(e) => cty(&format!("{path}[1]"), e),
        CtyType::Object(m) => {
            for (k, v) in m {
                let p = format!("{path}[1][{}]", json(k));
                check(&p, k, NameKind::Key)?;
                cty(&p, v)?;
            }
            Ok(())
        }
        CtyType::Tuple(ts) => {
            for (i, e) in ts.iter().enumerate() {
                cty(&format!("{path}[1][{i}]"), e)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_constraints() {
        let v = provider_version("3.7.2").expect("a version");
        assert_eq!(
            (v.shown.as_str(), v.constraint.as_str()),
            ("3.7.2", "= 3.7.2")
        );
        let c = provider_version(" >= 3.0, < 4.0 ").expect("a constraint");
        assert_eq!(c.constraint, ">= 3.0, < 4.0");
        assert!(provider_version("1.0.0-rc.1+build.5").is_ok());
        for bad in [
            "banana",
            "1.2.3.4",
            "1.",
            "-1",
            "1.0.0-",
            "1.0.0-a..b",
            "1,,2",
            "~>~> 1",
        ] {
            assert!(provider_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names() {
        for ok in ["a", "cidr_block", "inputMap", "a-b", "_x"] {
            assert_eq!(name_problem(ok, NameKind::Identifier), None, "{ok}");
            assert_eq!(name_problem(ok, NameKind::Key), None, "{ok}");
        }
        for key in ["café", "3des", "Content-Type"] {
            assert_eq!(name_problem(key, NameKind::Key), None, "{key}");
        }
        for bad in [
            "", "_", "-", "😀", "a b", "a\"b", "a\nb", "x²", "café", "3des", "-a",
        ] {
            assert!(name_problem(bad, NameKind::Identifier).is_some(), "{bad}");
        }
        for bad in ["", "_", "-", "😀", "a b", "a\"b", "a\nb", "x²"] {
            assert!(name_problem(bad, NameKind::Key).is_some(), "{bad}");
        }
    }
}

//! Rust names for Terraform names.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and weak ones that cannot be plain identifiers). A Terraform
/// name that is one gets a trailing underscore: `type` -> `type_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Methods every handle (`Ref<B>`) has through the standard prelude (`Clone`, `ToOwned`,
/// `Into`, `TryInto`): an attribute accessor of that name would be unreachable with method
/// syntax, so these names get a trailing underscore like keywords (`clone` -> `clone_`).
const HANDLE_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "clone_into",
    "into",
    "to_owned",
    "try_into",
];

/// Type names the generated code uses itself; a generated type never takes one of them.
pub const RESERVED_TYPES: &[&str] = &[
    "Any",
    "Attrs",
    "Block",
    "Body",
    "Box",
    "Clone",
    "DataSource",
    "Debug",
    "Default",
    "DynamicBlock",
    "Entry",
    "Err",
    "Expr",
    "FnOnce",
    "From",
    "Into",
    "IntoAny",
    "IntoIterator",
    "Join",
    "List",
    "Map",
    "Meta",
    "Node",
    "None",
    "Number",
    "ObjectType",
    "ObjectValue",
    "Ok",
    "Option",
    "PartialEq",
    "ProviderBlock",
    "RawExpr",
    "RefRoot",
    "Resource",
    "Result",
    "Self",
    "Set",
    "Some",
    "String",
    "TfType",
    "ToBody",
    "TypeExpr",
    "Value",
    "Vec",
];

/// A snake_case identifier for a Terraform name, keyword-escaped.
pub fn ident(name: &str) -> String {
    let mut s = name.to_snake_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) || HANDLE_METHODS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// An UpperCamelCase type name for a Terraform name.
pub fn type_name(name: &str) -> String {
    let mut s = name.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    s
}

/// True for a name that is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(ident("type"), "type_");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("inputMap"), "input_map");
        assert_eq!(ident("cidr_block"), "cidr_block");
        assert_eq!(ident("clone"), "clone_");
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("lb_listener"), "LbListener");
        assert_eq!(
            type_name("vpc_security_group_ingress_rule"),
            "VpcSecurityGroupIngressRule"
        );
        assert_eq!(type_name("s3_bucket"), "S3Bucket");
    }
}

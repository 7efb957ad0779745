//! The `use tfsynth::{...};` line of a generated file.

use std::collections::BTreeSet;

/// The names of `tfsynth` items generated code may use; each file imports those it uses.
const IMPORTABLE: &[&str] = &[
    "Any",
    "AtLeastOne",
    "Attrs",
    "Block",
    "Body",
    "DataSource",
    "DynamicBlock",
    "Entry",
    "Expr",
    "ForEachArg",
    "IntoAny",
    "Join",
    "List",
    "Map",
    "Meta",
    "Node",
    "Number",
    "ObjectType",
    "ObjectValue",
    "ProviderBlock",
    "RawExpr",
    "RefRoot",
    "Resource",
    "Set",
    "TfType",
    "ToBody",
    "TypeExpr",
    "Value",
];

/// The `use tfsynth::{...};` line for the names `code` uses outside comments.
pub fn imports(code: &str) -> String {
    let mut used = BTreeSet::new();
    for line in code.lines() {
        let l = line.trim_start();
        if l.starts_with("//") {
            continue;
        }
        // A word right after `::` is a path segment (`Entry::Block`), not an import.
        let mut word = String::new();
        let mut qualified = false;
        let mut prev = [' ', ' '];
        // Inside a string literal (the rule tables' values and patterns), and after a `\`.
        let mut in_str = false;
        let mut escaped = false;
        for c in l.chars().chain(std::iter::once(' ')) {
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
                continue;
            }
            if c == '"' {
                in_str = true;
                word.clear();
                continue;
            }
            if c.is_ascii_alphanumeric() || c == '_' {
                if word.is_empty() {
                    qualified = prev == [':', ':'];
                }
                word.push(c);
            } else {
                if !qualified && IMPORTABLE.contains(&word.as_str()) {
                    used.insert(std::mem::take(&mut word));
                }
                word.clear();
            }
            prev = [prev[1], c];
        }
    }
    match used.len() {
        0 => String::new(),
        1 => format!(
            "use tfsynth::{};\n",
            used.iter().next().map_or("", String::as_str)
        ),
        _ => format!(
            "use tfsynth::{{{}}};\n",
            used.into_iter().collect::<Vec<_>>().join(", ")
        ),
    }
}

#[cfg(test)]
mod string_tests {
    use super::imports;

    #[test]
    fn words_in_string_literals_are_not_imports() {
        assert_eq!(
            imports("C::OneOf { values: &[\"Set\", \"a\\\"Number\"], x: Value::null() }"),
            "use tfsynth::Value;\n"
        );
    }
}

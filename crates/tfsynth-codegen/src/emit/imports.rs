//! The `use tfsynth::{...};` line of a generated file.

use std::collections::BTreeSet;

/// The names of `tfsynth` items generated code may use; each file imports those it uses.
const IMPORTABLE: &[&str] = &[
    "Any",
    "Attrs",
    "Block",
    "Body",
    "DataSource",
    "DynamicBlock",
    "Entry",
    "Expr",
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
        for c in l.chars().chain(std::iter::once(' ')) {
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

//! The patterns of provider rules: Go RE2 sources compiled with the `regex` crate, once per
//! pattern per process, and only when a literal needs checking.
//!
//! The two syntaxes agree but for the Perl classes: Go's `\d`, `\w`, `\s` and `\b` are ASCII,
//! the crate's are Unicode, so they are spelled out as their ASCII sets before compiling.
//! A pattern the crate cannot compile (`\Q...\E`, say) is skipped: the provider still checks it
//! at plan, and a stack is never refused for a rule tfsynth cannot read.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;

/// Compiled patterns by their Go source; `None` for a source that does not compile.
type Cache = HashMap<&'static str, Option<Regex>>;

static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();

/// Whether `value` matches the Go regular expression `source`, or `None` when the pattern
/// cannot be compiled here.
pub(super) fn is_match(source: &'static str, value: &str) -> Option<bool> {
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // The cache holds no invariant a panic could break: use it even if poisoned.
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    let re = cache
        .entry(source)
        .or_insert_with(|| Regex::new(&to_rust(source)).ok());
    re.as_ref().map(|re| re.is_match(value))
}

/// The Go source with its Perl classes made ASCII, as Go reads them.
fn to_rust(go: &str) -> String {
    let mut out = String::with_capacity(go.len() + 16);
    let mut chars = go.chars().peekable();
    // Inside `[...]`: classes are written without their brackets where they can be.
    let mut in_class = false;
    // Just after `[` or `[^`, where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_start = std::mem::take(&mut class_start);
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let ascii = match e {
                    'd' => Some(("0-9", false)),
                    'D' => Some(("0-9", true)),
                    'w' => Some(("0-9A-Za-z_", false)),
                    'W' => Some(("0-9A-Za-z_", true)),
                    's' => Some(("\\t\\n\\f\\r ", false)),
                    'S' => Some(("\\t\\n\\f\\r ", true)),
                    _ => None,
                };
                match ascii {
                    Some((set, false)) if in_class => out.push_str(set),
                    Some((set, negated)) => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(set);
                        out.push(']');
                    }
                    None if e == 'b' && !in_class => out.push_str("(?-u:\\b)"),
                    None if e == 'B' && !in_class => out.push_str("(?-u:\\B)"),
                    None => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
            }
            '[' if chars.peek() == Some(&':') => {
                // A POSIX class `[:alpha:]`: copied to its closing `:]`.
                out.push('[');
                while let Some(p) = chars.next() {
                    out.push(p);
                    if p == ':' && chars.peek() == Some(&']') {
                        chars.next();
                        out.push(']');
                        break;
                    }
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class && !at_start => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_are_ascii_as_in_go() {
        assert_eq!(to_rust(r"^\w+$"), "^[0-9A-Za-z_]+$");
        assert_eq!(to_rust(r"^[\w.-]{1,64}$"), "^[0-9A-Za-z_.-]{1,64}$");
        assert_eq!(to_rust(r"\S"), r"[^\t\n\f\r ]");
        assert_eq!(to_rust(r"[]a]"), "[]a]");
        assert_eq!(to_rust(r"[[:alpha:]-]"), "[[:alpha:]-]");
        assert_eq!(to_rust(r"a\.b"), r"a\.b");
        assert_eq!(is_match(r"^\w+$", "héllo"), Some(false));
        assert_eq!(is_match(r"^\w+$", "hello_1"), Some(true));
        assert_eq!(is_match(r"^\d+$", "١٢"), Some(false));
        assert_eq!(is_match(r"\bword\b", "a word."), Some(true));
        assert_eq!(is_match(r"^[\W]+$", "é!"), Some(true));
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_skipped() {
        assert_eq!(is_match(r"\Qa.b\E", "a.b"), None);
        assert_eq!(is_match(r"(unclosed", "x"), None);
        // Asked again, from the cache.
        assert_eq!(is_match(r"(unclosed", "x"), None);
    }
}

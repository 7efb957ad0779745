//! The patterns of provider rules: Go RE2 sources compiled with the `regex-lite` crate, once
//! per pattern per process, and only when a literal needs checking.
//!
//! `regex-lite` reads Go's syntax as Go does where it matters here: its Perl classes `\d`,
//! `\w`, `\s` and its `\b` are ASCII, like Go's, and its POSIX classes are Go's. It has no
//! Unicode classes (`\p{L}`): a pattern that uses them (9 of the aws provider's 494), like any
//! pattern the crate cannot compile (`\Qa.b\E`, say), is skipped here and left to the
//! provider's plan; tfsynth-codegen reports them. A stack is never refused for a rule tfsynth
//! cannot read. (`regex-lite` rather than `regex`: a build of a user's crate compiles it in a
//! fraction of the time, and these patterns need none of the larger engine's speed.)

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex_lite::Regex;

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
        .or_insert_with(|| Regex::new(source).ok());
    re.as_ref().map(|re| re.is_match(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_are_ascii_as_in_go() {
        assert_eq!(is_match(r"^\w+$", "héllo"), Some(false));
        assert_eq!(is_match(r"^\w+$", "hello_1"), Some(true));
        assert_eq!(is_match(r"^\d+$", "١٢"), Some(false));
        assert_eq!(is_match(r"\bword\b", "a word."), Some(true));
        assert_eq!(is_match(r"^[\W]+$", "é!"), Some(true));
        assert_eq!(is_match(r"^[\w.-]{1,64}$", "a.b-c_1"), Some(true));
        assert_eq!(is_match(r"^\S+$", "a\u{a0}b"), Some(true));
        assert_eq!(is_match(r"^[[:alpha:]-]+$", "ab-c"), Some(true));
        assert_eq!(is_match(r"^[]a]+$", "]a"), Some(true));
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_skipped() {
        assert_eq!(is_match(r"\Qa.b\E", "a.b"), None);
        assert_eq!(is_match(r"(unclosed", "x"), None);
        // Unicode classes: left to the provider.
        assert_eq!(is_match(r"^\p{L}+$", "abc"), None);
        // Asked again, from the cache.
        assert_eq!(is_match(r"(unclosed", "x"), None);
    }
}

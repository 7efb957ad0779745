//! The tag rules, in both forms: [`check_tags`] (Rust) and the modules' `tags` variable
//! (the `validation` blocks of `tags`).
//!
//! The characters allowed are the Unicode letters and digits (general categories `L` and
//! `N`), the space and `+ - = . _ : / @` (what load balancers and IAM roles, which get the
//! same tags, accept), less the letters and digits listed in [`bad_character_pattern`]. Both
//! forms read one pattern, but each with its own Unicode tables: Terraform's RE2 with Go's
//! (Unicode 15.0 in Terraform 1.11), the Rust form with `regex-syntax`'s (16.0). So the
//! pattern lists, after `[^\p{L}\p{N} +=._:/@-]`, the letters and digits it refuses
//! explicitly:
//! - those assigned after Unicode 15.0 (letters to the Rust tables, unassigned to Go's);
//! - those that join a neighbour into one grapheme cluster (Hangul jamo, prepended letters,
//!   letters that extend or are spacing marks to the segmentation rules): Terraform's `length`
//!   counts clusters and the Rust form characters, and without these both count alike.
//!
//! The list is computed from `regex-syntax`'s tables when a module is built: an update of that
//! crate with newer Unicode tables changes it, and `just modules-check` shows the new module.
//!
//! Combining marks (`M`) are not letters, so `"हिंदी"` (a vowel sign and a nasal mark) is
//! refused by both; as Rust's `char::is_alphanumeric` took them, the constructs used to accept
//! what the module refused.

use std::fmt::Display;
use std::sync::OnceLock;

use regex_syntax::hir::{Class, ClassUnicode, HirKind};
use tfsynth::functions::{alltrue, can, jsonencode, length, lookup, merge, regex, try_};
use tfsynth::{Expr, For, Map};

use super::{quote, words, Pattern, HOLE, HOLE2, Q};
use crate::{Error, Tags, MAX_TAGS};

/// A key AWS reserves: `aws:` in any case.
pub const RESERVED_PREFIX: &str = "^[aA][wW][sS]:";

/// The most characters of a key.
pub const MAX_KEY: usize = 128;
/// The most characters of a value.
pub const MAX_VALUE: usize = 256;

/// The advice of the character rule.
const CHARACTERS: &str = "use letters, digits, spaces and + - = . _ : / @";

/// A character tags may not hold, as one pattern for both forms (see the module docs).
pub fn bad_character_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let class = |p: &str| -> ClassUnicode {
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(p)
                .unwrap_or_else(|e| panic!("{p}: {e}"));
            match hir.into_kind() {
                HirKind::Class(Class::Unicode(c)) => c,
                other => panic!("{p} is not a class: {other:?}"),
            }
        };
        let letters = class(r"[\p{L}\p{N}]");
        let mut newer = letters.clone();
        newer.difference(&class(r"\p{Age=V15_0}"));
        let mut joining =
            class(r"[\p{gcb=Extend}\p{gcb=SpacingMark}\p{gcb=Prepend}\p{gcb=L}\p{gcb=V}\p{gcb=T}]");
        joining.intersect(&letters);
        newer.union(&joining);
        let listed: String = newer
            .iter()
            .map(|r| {
                if r.start() == r.end() {
                    format!("\\x{{{:x}}}", u32::from(r.start()))
                } else {
                    format!(
                        "\\x{{{:x}}}-\\x{{{:x}}}",
                        u32::from(r.start()),
                        u32::from(r.end())
                    )
                }
            })
            .collect();
        format!(r"[^\p{{L}}\p{{N}} +=._:/@-]|[{listed}]")
    })
}

fn bad_characters() -> &'static Pattern {
    static COMPILED: OnceLock<Pattern> = OnceLock::new();
    COMPILED.get_or_init(|| Pattern::new(bad_character_pattern()))
}

/// Whether `c` is a character tags may not hold: [`bad_character_pattern`] applied to it,
/// looked up in a table for ASCII (the table is that pattern applied to each ASCII character
/// once, so both agree by construction; tags are checked for every resource, and almost all
/// of their characters are ASCII).
fn is_bad(c: char) -> bool {
    static ASCII: OnceLock<[bool; 128]> = OnceLock::new();
    let table = ASCII.get_or_init(|| {
        let mut t = [false; 128];
        for (i, bad) in t.iter_mut().enumerate() {
            let ch = char::from(u8::try_from(i).unwrap_or(0));
            *bad = bad_characters().is_match(ch.encode_utf8(&mut [0; 4]));
        }
        t
    });
    match usize::try_from(u32::from(c)) {
        Ok(i) if i < 128 => table[i],
        _ => bad_characters().is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// Whether `key` starts with `aws:` in any ASCII case: what [`RESERVED_PREFIX`] matches
/// (`^[aA][wW][sS]:`), without running the pattern for every tag of every resource.
fn is_reserved(key: &str) -> bool {
    key.as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"aws:"))
}

#[cfg(test)]
fn reserved() -> &'static Pattern {
    static COMPILED: OnceLock<Pattern> = OnceLock::new();
    COMPILED.get_or_init(|| Pattern::new(RESERVED_PREFIX))
}

#[cfg(test)]
#[test]
fn the_reserved_prefix_check_is_the_pattern() {
    for key in [
        "aws:x", "AWS:", "aWs:team", "aws", "aws-x", "xaws:", "ſws:", "aw:s", "",
    ] {
        assert_eq!(is_reserved(key), reserved().is_match(key), "{key:?}");
    }
}

/// The reason of the empty-key rule.
fn empty_key() -> String {
    "has an empty key; give every tag a key".to_owned()
}

fn reserved_key() -> String {
    "starts with \"aws:\", which aws reserves for its own tags; use another prefix".to_owned()
}

fn bad_character(c: impl Display) -> String {
    format!("has the character {c} in its key or value; {CHARACTERS}")
}

fn key_too_long(n: impl Display) -> String {
    format!("has a key of {n} characters, the limit is {MAX_KEY}; use a shorter key")
}

fn value_too_long(n: impl Display) -> String {
    format!("has a value of {n} characters, the limit is {MAX_VALUE}; use a shorter value")
}

/// Checks tags against AWS's limits, counting the `Name` tag every resource here gets: keys of
/// 1 to 128 characters not starting with `aws:`, values of at most 256 characters, both of
/// the characters [`bad_character_pattern`] allows, at most [`MAX_TAGS`] tags on a resource.
/// The modules' `tags` variable checks the same, in the same words.
///
/// # Errors
/// [`Error::InvalidTag`] naming the key, [`Error::TooManyTags`].
///
/// # Example
/// ```
/// use tfsynth_privatelink::{check_tags, Tags};
/// assert!(check_tags(&Tags::from([("Team".into(), "net".into())])).is_ok());
/// assert!(check_tags(&Tags::from([("aws:team".into(), "net".into())])).is_err());
/// assert!(check_tags(&Tags::from([("Team".into(), "हिंदी".into())])).is_err());
/// ```
pub fn check_tags(tags: &Tags) -> Result<(), Error> {
    for (key, value) in tags {
        let reason = if key.is_empty() {
            Some(empty_key())
        } else if is_reserved(key) {
            Some(reserved_key())
        } else if let Some(c) = key.chars().chain(value.chars()).find(|c| is_bad(*c)) {
            Some(bad_character(Q(c.encode_utf8(&mut [0; 4]))))
        } else if key.chars().count() > MAX_KEY {
            Some(key_too_long(key.chars().count()))
        } else if value.chars().count() > MAX_VALUE {
            Some(value_too_long(value.chars().count()))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(Error::InvalidTag {
                key: key.clone(),
                reason,
            });
        }
    }
    let count = tags.len() + usize::from(!tags.contains_key("Name"));
    if count > MAX_TAGS {
        return Err(Error::TooManyTags { count });
    }
    Ok(())
}

/// Tags read from a configuration file: a `null` value is refused in the words of
/// [`Error::NullTag`] (the module's words for the same map).
pub(crate) fn without_nulls<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Tags, D::Error> {
    let tags: std::collections::BTreeMap<String, Option<String>> =
        serde::Deserialize::deserialize(d)?;
    null_value(&tags).map_err(serde::de::Error::custom)?;
    Ok(tags
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect())
}

/// The Rust form of "no tag's value is null".
///
/// # Errors
/// [`Error::NullTag`] for the first key (in key order) whose value is null.
pub fn null_value(tags: &std::collections::BTreeMap<String, Option<String>>) -> Result<(), Error> {
    match tags.iter().find(|(_, v)| v.is_none()) {
        Some((key, _)) => Err(Error::NullTag { key: key.clone() }),
        None => Ok(()),
    }
}

/// The Terraform form: `(condition, message)` for each rule of the `tags` variable `me`, in
/// the order [`check_tags`] applies them (a null value first; the other rules pass over
/// nulls, so none reaches a function).
pub(crate) fn conditions(me: &Expr<Map<String>>) -> Vec<(Expr<bool>, Expr<String>)> {
    let null = tfsynth::null;
    // The tags with a value, and the first key (in key order) of those for which `bad` holds.
    let present = || {
        For::entries("k", "v", me)
            .filter(|_, v| v.not_equals(null()))
            .to_map(|k, _| k, |_, v| v)
    };
    let every = |ok: &dyn Fn(Expr<String>, Expr<String>) -> Expr<bool>| {
        alltrue(For::entries("k", "v", &present()).to_list_kv(ok))
    };
    let first = |bad: &dyn Fn(Expr<String>, Expr<String>) -> Expr<bool>| -> Expr<String> {
        let keys = For::entries("k", "v", &present())
            .filter(bad)
            .to_list_kv(|k, _| k);
        try_((keys.at(0), String::new()))
    };
    let tag = |key: Expr<String>, reason: String, holes: Vec<(&str, Expr<String>)>| {
        let mut all = vec![(HOLE, jsonencode(key))];
        all.extend(holes);
        words(
            Error::InvalidTag {
                key: HOLE.to_owned(),
                reason,
            }
            .to_string(),
            &all,
        )
    };
    let reserved_test = |k: Expr<String>| can(regex(RESERVED_PREFIX, k));
    let bad_test = |k: Expr<String>, v: Expr<String>| {
        can(regex(bad_character_pattern(), tfsynth::template!(k, v)))
    };
    let value_of = |k: Expr<String>| lookup(me.clone(), k, String::new());

    let null_key = try_((
        For::entries("k", "v", me)
            .filter(|_, v| v.equals(null()))
            .to_list_kv(|k, _| k)
            .at(0),
        String::new(),
    ));
    let bad_key = first(&|k, v| bad_test(k, v));
    let long_key = first(&|k, _| length(k).gt(MAX_KEY as i64));
    let long_value = first(&|_, v| length(v).gt(MAX_VALUE as i64));
    let with_name = || {
        let name: tfsynth::Value<Map<String>> = tfsynth::Value::from([("Name", "")]);
        length(merge((me.clone(), name)))
    };
    vec![
        (
            alltrue(For::entries("k", "v", me).to_list_kv(|_, v| v.not_equals(null()))),
            words(
                Error::NullTag {
                    key: HOLE.to_owned(),
                }
                .to_string(),
                &[(HOLE, jsonencode(null_key))],
            ),
        ),
        (
            every(&|k, _| k.not_equals("")),
            words(
                Error::InvalidTag {
                    key: String::new(),
                    reason: empty_key(),
                }
                .to_string(),
                &[],
            ),
        ),
        (
            every(&|k, _| !reserved_test(k)),
            tag(first(&|k, _| reserved_test(k)), reserved_key(), vec![]),
        ),
        (
            every(&|k, v| !bad_test(k, v)),
            tag(
                bad_key.clone(),
                bad_character(quote(HOLE2)),
                vec![(
                    HOLE2,
                    jsonencode(try_((
                        regex(
                            bad_character_pattern(),
                            tfsynth::template!(bad_key.clone(), value_of(bad_key)),
                        ),
                        String::new(),
                    ))),
                )],
            ),
        ),
        (
            every(&|k, _| length(k).le(MAX_KEY as i64)),
            tag(
                long_key.clone(),
                key_too_long(HOLE2),
                vec![(HOLE2, length(long_key).cast())],
            ),
        ),
        (
            every(&|_, v| length(v).le(MAX_VALUE as i64)),
            tag(
                long_value.clone(),
                value_too_long(HOLE2),
                vec![(HOLE2, length(value_of(long_value)).cast())],
            ),
        ),
        (
            with_name().le(MAX_TAGS as i64),
            words(
                Error::TooManyTags { count: usize::MAX }.to_string(),
                &[(&usize::MAX.to_string(), with_name().cast())],
            ),
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

    fn one(k: &str, v: &str) -> Result<(), Error> {
        check_tags(&Tags::from([(k.to_owned(), v.to_owned())]))
    }

    #[test]
    fn characters_both_engines_read_alike() {
        assert!(one("Équipe", "Ünïcödé 7 +-=._:/@").is_ok());
        assert!(one("Team", "日本語").is_ok());
        insta::assert_snapshot!(one("Team", "हिंदी").unwrap_err(), @r#"tag "Team" has the character "ि" in its key or value; use letters, digits, spaces and + - = . _ : / @"#);
        insta::assert_snapshot!(one("Team", "a<b").unwrap_err(), @r#"tag "Team" has the character "\u003c" in its key or value; use letters, digits, spaces and + - = . _ : / @"#);
        // Hangul jamo join into one cluster (Terraform counts one character): refused.
        assert!(one("Team", "\u{1100}\u{1161}").is_err());
        // A precomposed syllable is one character in both: allowed.
        assert!(one("Team", "각").is_ok());
        // Garay (Unicode 16) is not a letter to Terraform's Go tables: refused.
        assert!(one("Team", "\u{10D4A}").is_err());
        // Kawi (Unicode 15) is a letter to both.
        assert!(one("Team", "\u{11F04}").is_ok());
        let pattern = bad_character_pattern();
        assert!(
            pattern.starts_with(r"[^\p{L}\p{N} +=._:/@-]|["),
            "{pattern}"
        );
        assert!(pattern.len() < 4000, "{} characters", pattern.len());
    }

    #[test]
    fn order_of_the_rules() {
        insta::assert_snapshot!(one("aws:x", "#").unwrap_err(), @r#"tag "aws:x" starts with "aws:", which aws reserves for its own tags; use another prefix"#);
        insta::assert_snapshot!(one(&"k".repeat(129), "#").unwrap_err().to_string().replace(&"k".repeat(129), "K"), @r##"tag "K" has the character "#" in its key or value; use letters, digits, spaces and + - = . _ : / @"##);
        insta::assert_snapshot!(one("Team", &"v".repeat(257)).unwrap_err(), @r#"tag "Team" has a value of 257 characters, the limit is 256; use a shorter value"#);
        assert!(one(&"k".repeat(128), &"v".repeat(256)).is_ok());
    }
}

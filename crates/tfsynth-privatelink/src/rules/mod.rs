//! One rule, two forms: what a construct input may hold, written once, and read by both the
//! Rust check (when a value type or a construct is built, or a configuration file read) and
//! the reusable modules' Terraform `validation` blocks (and, for a [`Shape`], the JSON Schema
//! `pattern` of configuration files).
//!
//! - A [`Shape`] is a regular expression in the syntax Terraform's `regex` (RE2) and
//!   `regex-syntax` read alike ([`Pattern`]), with the error that names a refused value: the
//!   Rust check runs the pattern, the module's condition is `can(regex(PATTERN, var.x))`, the
//!   JSON Schema carries the pattern, and the module's message is the Rust error's text with
//!   the value's place taken by `jsonencode(var.x)`.
//! - Values are quoted as Terraform's `jsonencode` quotes them ([`quote`]), in the Rust errors
//!   too, so both forms name a value in the same characters (`"\u003c"` for `<`, a combining
//!   mark as itself).
//! - A list or map element that is `null` is refused first, in the words of [`null_element`]
//!   and [`Error::NullTag`]; every other rule of a list passes over nulls, so a null reaches
//!   no Terraform function.
//! - Tags: [`tags`] (the character class both forms share, and why).
//!
//! What Terraform does to a value before a rule sees it, and the Rust form does not: it
//! normalizes every string to Unicode NFC (`"e\u0301"` becomes `"é"`), and its `length`
//! counts grapheme clusters. The tag rules are chosen so that counts agree on every value both
//! accept; a value that is not in NFC can still be refused by the Rust form and accepted by
//! the module (the Rust form is the stricter one there).

pub mod cidr;
mod pattern;
pub mod tags;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use tfsynth::functions::{alltrue, can, jsonencode, regex, try_};
use tfsynth::{Expr, For, List, TemplatePart};

pub use pattern::Pattern;

use crate::Error;

/// `s` as Terraform's `jsonencode` writes a string (Go's `encoding/json` with HTML escaping):
/// `"`, `\`, `\n`, `\r`, `\t`, `\b`, `\f` escaped, other control characters as `\u00XX`, `<`,
/// `>`, `&`, U+2028 and U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`; every
/// other character as itself.
///
/// # Example
/// ```
/// use tfsynth_privatelink::rules::quote;
/// assert_eq!(quote("10.0.0.0/16"), r#""10.0.0.0/16""#);
/// assert_eq!(quote("a<b\n"), r#""a\u003cb\n""#);
/// ```
pub fn quote(s: &str) -> String {
    Q(s).to_string()
}

/// Displays a string as [`quote`] writes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Q<'a>(pub(crate) &'a str);

impl fmt::Display for Q<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\u{8}' => f.write_str("\\b")?,
                '\u{c}' => f.write_str("\\f")?,
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => write!(f, "\\u{:04x}", u32::from(c))?,
                c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// A rule of a string input that a regular expression says: the value must match `pattern`
/// (anchored with `^...$`), and at most `max_len` characters when given.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// A name for tests and reports (`vpc_id`).
    pub name: &'static str,
    /// The pattern (RE2 syntax, read alike by both forms).
    pub pattern: &'static str,
    /// The most characters allowed, when the pattern does not bound them.
    pub max_len: Option<usize>,
    /// The error naming a refused value: its message is the rule's words in both forms.
    pub refusal: fn(String) -> Error,
}

impl Shape {
    /// A rule: `pattern`, and the error naming a refused value.
    pub const fn new(
        name: &'static str,
        pattern: &'static str,
        refusal: fn(String) -> Error,
    ) -> Self {
        Self {
            name,
            pattern,
            max_len: None,
            refusal,
        }
    }

    /// The same rule with a length limit (characters).
    pub const fn max_len(mut self, n: usize) -> Self {
        self.max_len = Some(n);
        self
    }

    fn compiled(&self) -> &'static Pattern {
        compiled(self.pattern)
    }

    /// True when `value` is allowed.
    pub fn accepts(&self, value: &str) -> bool {
        self.max_len.is_none_or(|n| value.chars().count() <= n) && self.compiled().is_match(value)
    }

    /// The Rust form: `Ok` when `value` is allowed, else the rule's error.
    ///
    /// # Errors
    /// The rule's error, naming `value`.
    pub fn check(&self, value: &str) -> Result<(), Error> {
        if self.accepts(value) {
            Ok(())
        } else {
            Err((self.refusal)(value.to_owned()))
        }
    }

    /// The Terraform form's condition on `v`.
    pub fn condition(&self, v: Expr<String>) -> Expr<bool> {
        let matches = can(regex(self.pattern, v.clone()));
        match self.max_len {
            Some(n) => matches.and(tfsynth::functions::length(v).le(n as i64)),
            None => matches,
        }
    }

    /// The Terraform form's message for the refused value `v`: the Rust error's words.
    pub fn message(&self, v: Expr<String>) -> Expr<String> {
        words(
            (self.refusal)(HOLE.to_owned()).to_string(),
            &[(HOLE, jsonencode(v))],
        )
    }
}

/// The compiled form of `pattern`, made once.
pub(crate) fn compiled(pattern: &'static str) -> &'static Pattern {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static Pattern>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry(pattern)
        .or_insert_with(|| Box::leak(Box::new(Pattern::new(pattern))))
}

/// A stand-in value whose quoted form [`words`] finds in a message (a private-use character,
/// which [`quote`] writes as itself).
pub(crate) const HOLE: &str = "\u{e000}value\u{e000}";
/// A second stand-in, for messages that name two values.
pub(crate) const HOLE2: &str = "\u{e000}other\u{e000}";
/// A third stand-in.
pub(crate) const HOLE3: &str = "\u{e000}third\u{e000}";

/// The Terraform template of `message` (a Rust error's text made with stand-ins): each
/// quoted stand-in (`"\u{e000}value\u{e000}"` with its quotes) becomes its expression, and a
/// bare one its expression too.
///
/// # Panics
/// When a stand-in is not in `message` (a test renders every rule's message).
pub(crate) fn words(message: String, holes: &[(&str, Expr<String>)]) -> Expr<String> {
    let mut parts: Vec<TemplatePart> = vec![TemplatePart::from(message)];
    for (hole, expr) in holes {
        let quoted = quote(hole);
        let mut found = false;
        let mut next = Vec::new();
        for part in parts {
            let TemplatePart::Lit(text) = part else {
                next.push(part);
                continue;
            };
            // The quoted stand-in first (`jsonencode` adds the quotes), then a bare one.
            let mut rest = text.as_str();
            loop {
                let at = [
                    rest.find(&quoted).map(|i| (i, quoted.len())),
                    rest.find(hole).map(|i| (i, hole.len())),
                ]
                .into_iter()
                .flatten()
                .min_by_key(|(i, _)| *i);
                let Some((i, len)) = at else { break };
                found = true;
                next.push(TemplatePart::from(rest[..i].to_owned()));
                next.push(TemplatePart::from(expr.clone()));
                rest = &rest[i + len..];
            }
            next.push(TemplatePart::from(rest.to_owned()));
        }
        assert!(found, "{hole:?} is not in the message");
        parts = next;
    }
    Expr::<String>::template(parts)
}

/// A construct's words as a module says them: the region is the provider's (a module has no
/// stack region) and the zones variable is `availability_zones`.
pub fn module_words(rust: &str) -> String {
    rust.replace("the stack's region", "the provider's region")
        .replace("leave azs empty", "leave availability_zones empty")
        .replace("service_azs[", "service_availability_zones[")
        .replace("azs[", "availability_zones[")
}

/// The list `v` without its null elements.
pub(crate) fn present(v: &Expr<List<String>>) -> Expr<List<String>> {
    For::values("x", v)
        .filter(|_, x| x.not_equals(tfsynth::null()))
        .to_list(|x| x)
}

/// Every present element of `v` follows `shape`.
pub(crate) fn each_condition(shape: &Shape, v: &Expr<List<String>>) -> Expr<bool> {
    alltrue(For::values("x", &present(v)).to_list(|x| shape.condition(x)))
}

/// The message of [`each_condition`]: the first element refused, in the rule's words.
pub(crate) fn each_message(shape: &Shape, v: &Expr<List<String>>) -> Expr<String> {
    let bad = For::values("x", &present(v))
        .filter(|_, x| !shape.condition(x))
        .to_list(|x| x);
    let first = try_((bad.at(0), String::new()));
    words(
        (shape.refusal)(HOLE.to_owned()).to_string(),
        &[(HOLE, jsonencode(first))],
    )
}

/// The Rust form of "no element of `list` (the input `what`) is null".
///
/// # Errors
/// [`Error::NullElement`] for the first null.
pub fn null_element<T>(what: &'static str, list: &[Option<T>]) -> Result<(), Error> {
    match list.iter().position(Option::is_none) {
        Some(index) => Err(Error::NullElement { what, index }),
        None => Ok(()),
    }
}

/// The Terraform form of [`null_element`]: condition and message for the list input `name`.
pub(crate) fn no_null_elements(
    name: &'static str,
    v: &Expr<List<String>>,
) -> (Expr<bool>, Expr<String>) {
    let condition = alltrue(For::values("x", v).to_list(|x| x.not_equals(tfsynth::null())));
    let index = For::entries("i", "x", v)
        .filter(|_, x| x.equals(tfsynth::null()))
        .to_list_kv(|i, _| i);
    let first: Expr<tfsynth::Number> = try_((index.at(0), -1));
    let message = words(
        Error::NullElement {
            what: name,
            index: usize::MAX,
        }
        .to_string(),
        &[(&usize::MAX.to_string(), first.cast())],
    );
    (condition, message)
}

/// Lists of configuration files whose modules take them as inputs: a `null` element is
/// refused with the words of [`null_element`] (the module's words for the same value, with the
/// variable's name: `azs` is `availability_zones`, `service_azs` `service_availability_zones`).
pub(crate) mod nulls {
    use serde::{Deserialize, Deserializer};

    fn list<'de, D, T>(what: &'static str, d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        let items: Vec<Option<T>> = Deserialize::deserialize(d)?;
        super::null_element(what, &items).map_err(serde::de::Error::custom)?;
        Ok(items.into_iter().flatten().collect())
    }

    macro_rules! lists {
        ($($name:ident: $ty:ty),* $(,)?) => {$(
            pub(crate) fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<$ty>, D::Error> {
                list(stringify!($name), d)
            }
        )*};
    }
    lists!(
        azs: crate::Az,
        service_azs: crate::Az,
        allowed_principals: crate::PrincipalArn,
        client_cidrs: crate::Cidr,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_jsonencode() {
        // What Terraform 1.11's jsonencode gave for the same string (tf-plan, 2026).
        assert_eq!(
            quote("\u{8}\u{c}\u{1}<>&\u{2028}\u{7f}'é\""),
            "\"\\b\\f\\u0001\\u003c\\u003e\\u0026\\u2028\u{7f}'é\\\"\""
        );
        assert_eq!(quote("हिंदी"), "\"हिंदी\"");
    }

    #[test]
    fn words_put_expressions_in_the_holes() {
        let e = words(
            format!("cidr block {} is bad; use {}", quote(HOLE), HOLE2),
            &[
                (HOLE, jsonencode(tfsynth::null())),
                (HOLE2, Expr::from_raw(tfsynth::RawExpr::String("x".into()))),
            ],
        );
        let text = format!("{:?}", e);
        assert!(text.contains("cidr block "), "{text}");
        assert!(!text.contains('\u{e000}'), "{text}");
    }
}

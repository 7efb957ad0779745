//! Reading a stack's config: a JSON file checked against the config type (unknown fields and
//! wrong types are errors naming the file, line and column), then `--var KEY=VALUE` overrides.
//!
//! A config file may carry, at its top level, the keys `"$schema"` (the JSON Schema that
//! editors use for completion, written by `tfsynth init`) and `"$comment"`; both are ignored.

use std::fmt;
use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::messages::{humanize, short};
use crate::shape::{closest, Shape};

/// Top-level keys of a config file that are metadata, not options.
pub const META_KEYS: [&str; 2] = ["$schema", "$comment"];

/// A config that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// One `--var KEY=VALUE`: `KEY` is a field of the config, or a dotted path into nested objects
/// (`service.port`); `VALUE` is read as JSON when it parses as JSON (`443`, `true`,
/// `["a","b"]`, `{"k":"v"}`, `"quoted"`), otherwise taken as a plain string (`eu-west-1`).
#[derive(Debug, Clone, PartialEq)]
pub struct VarOverride {
    /// The path segments of `KEY`.
    pub path: Vec<String>,
    /// The value.
    pub value: Value,
    /// The flag as given, for error messages.
    pub text: String,
}

impl VarOverride {
    /// Parses `KEY=VALUE`.
    ///
    /// # Errors
    /// When there is no `=` or the key is empty or has an empty segment.
    pub fn parse(s: &str) -> Result<Self, String> {
        let Some((key, value)) = s.split_once('=') else {
            return Err(format!(
                "--var {} has no '=': write it as KEY=VALUE, KEY being an option's dotted path \
                 (`tfsynth init` writes them all)",
                short(s)
            ));
        };
        let path: Vec<String> = key.split('.').map(|p| p.trim().to_owned()).collect();
        if path.iter().any(String::is_empty) {
            return Err(format!(
                "--var {}: the key {:?} is empty or has an empty part; write an option's \
                 dotted path (`tfsynth init` writes them all)",
                short(s),
                short(key)
            ));
        }
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
        Ok(Self {
            path,
            value,
            text: s.to_owned(),
        })
    }
}

/// Builds a config of type `C`: the defaults, or `file` (text `text`) when given, then each
/// override in turn.
///
/// # Errors
/// Malformed JSON, an unknown field or a value of the wrong type (with the file, line and
/// column), an override that does not fit the config (naming the `--var`).
pub fn load<C>(file: Option<(&Path, &str)>, vars: &[VarOverride]) -> Result<C, ConfigError>
where
    C: Default + Serialize + DeserializeOwned + JsonSchema,
{
    let schema = serde_json::to_value(schemars::schema_for!(C)).unwrap_or(Value::Null);
    let shape = Shape::new(&schema);
    let config: C = match file {
        None => C::default(),
        Some((path, text)) => from_file(path, text, &shape)?,
    };
    if vars.is_empty() {
        return Ok(config);
    }
    let base = serde_json::to_value(&config)
        .map_err(|e| ConfigError(format!("the config cannot be represented as JSON: {e}")))?;
    let mut value = base.clone();
    for v in vars {
        crate::vars::apply(&mut value, &shape, v)?;
    }
    let config = match from_value::<C>(value.clone()) {
        Ok(c) => c,
        Err(e) => {
            // Name the --var that breaks it: the first after which the config no longer reads.
            let mut partial = base;
            let mut culprit = vars.last();
            for v in vars {
                crate::vars::apply(&mut partial, &shape, v)?;
                if from_value::<C>(partial.clone()).is_err() {
                    culprit = Some(v);
                    break;
                }
            }
            let (flag, expected) = match culprit {
                Some(v) => (
                    format!("--var {}", short(&v.text)),
                    shape.at(&v.path).map(|s| shape.describe(s)),
                ),
                None => ("--var".to_owned(), None),
            };
            let expected = expected.filter(|_| is_type_error(&e));
            return Err(ConfigError(format!(
                "{flag}: {}; see `tfsynth schema` for the options and their types",
                humanize(&e, expected.as_deref())
            )));
        }
    };
    if let Err(t) = crate::limits::check_tags(&value) {
        return Err(ConfigError(format!("--var: {}", t.message)));
    }
    Ok(config)
}

/// Deserializes strictly: an unknown field (which `deny_unknown_fields` may not catch, e.g.
/// in a flattened map) is an error naming it.
fn from_value<C: DeserializeOwned>(value: Value) -> Result<C, String> {
    let mut unknown = Vec::new();
    let c: C = serde_ignored::deserialize(value, |p| unknown.push(p.to_string()))
        .map_err(|e| e.to_string())?;
    match unknown.first() {
        Some(p) => Err(format!("unknown field `{p}`")),
        None => Ok(c),
    }
}

/// serde's messages about a value of the wrong type or range, whose "expected" part the
/// schema can say better.
fn is_type_error(msg: &str) -> bool {
    ["invalid type: ", "invalid value: ", "invalid length "]
        .iter()
        .any(|p| msg.starts_with(p))
}

/// Reads a config file strictly: `$schema`/`$comment` at the top level are allowed, any other
/// field the type does not know is an error. Positions are `LINE:COLUMN`, the column counted
/// in characters, pointing at the offending key or value.
fn from_file<C: DeserializeOwned>(
    path: &Path,
    text: &str,
    shape: &Shape<'_>,
) -> Result<C, ConfigError> {
    let file = path.display();
    // A UTF-8 byte order mark, which some editors write first, is skipped: positions are
    // counted after it, as editors show them.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ConfigError(format!(
            "{file}:1:1: the config file is empty: write {{}} for every option at its default, \
             or run `tfsynth init` for a starter config"
        )));
    }
    // Malformed JSON first, with serde_json's own line and column.
    if let Err(e) = serde_json::from_str::<Value>(text) {
        // Point at the start of a bad word (`tru`), not where the parser gave up.
        let mut off = offset_of(text, e.line(), e.column().saturating_sub(1));
        let word = |i: usize| {
            text.as_bytes()
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
        };
        if off > 0 && word(off - 1) {
            while off > 0 && word(off - 1) {
                off -= 1;
            }
        }
        let (line, col) = line_col(text, off);
        let msg = strip_position(&e.to_string()).to_owned();
        if msg == "recursion limit exceeded" {
            return Err(ConfigError(format!(
                "{file}:{line}:{col}: the config nests objects and lists more than {} deep, \
                 deeper than tfsynth reads (a stack's options nest a few levels): check that \
                 --config names the right file, and nest its values less deeply",
                crate::limits::MAX_CONFIG_DEPTH
            )));
        }
        if text.get(off..).is_some_and(|t| t.starts_with('\u{feff}')) {
            return Err(ConfigError(format!(
                "{file}:{line}:{col}: malformed JSON: a byte order mark (U+FEFF), which JSON \
                 does not allow here: save the file without it"
            )));
        }
        return Err(ConfigError(format!(
            "{file}:{line}:{col}: malformed JSON: {}",
            humanize(&msg, None)
        )));
    }
    let scanned = scan(text);
    if !scanned.top_is_object {
        return Err(ConfigError(format!(
            "{file}:1:1: the config must be a JSON object ({{ ... }}) of the stack's options"
        )));
    }
    // Blank the metadata entries out (same length, newlines kept) so positions stay true.
    let mut bytes = text.as_bytes().to_vec();
    for (start, end) in &scanned.meta_spans {
        for b in &mut bytes[*start..*end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let cleaned = String::from_utf8(bytes).map_err(|_| {
        ConfigError(format!(
            "{file}: not UTF-8 text after removing the $schema key"
        ))
    })?;
    let mut unknown: Vec<Vec<String>> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(&cleaned);
    let result: Result<C, _> =
        serde_ignored::deserialize(&mut de, |p| unknown.push(path_segments(&p)));
    let config = result.map_err(|e| {
        let msg = strip_position(&e.to_string()).to_owned();
        let at = offset_of(text, e.line(), e.column());
        // serde_json points after an unknown key; point at the key itself.
        if let Some(name) = msg
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
        {
            let found = scanned
                .keys
                .iter()
                .filter(|(k, off)| *off < at && k.last().is_some_and(|l| l == name))
                .max_by_key(|(_, off)| *off);
            let (line, col) =
                found.map_or_else(|| line_col(text, at), |(_, off)| line_col(text, *off));
            let parent = found.map(|(k, _)| &k[..k.len() - 1]).unwrap_or_default();
            return ConfigError(format!(
                "{file}:{line}:{col}: {}; see `tfsynth schema` for the options",
                unknown_option(name, parent, shape)
            ));
        }
        // The innermost value the error is in: point at its start.
        let inner = scanned
            .values
            .iter()
            .filter(|(_, start, end)| *start < at && at <= *end)
            .max_by_key(|(_, start, _)| *start);
        // A variant name without its value (`"certificate": "acm"`) is reported at the end
        // of the enclosing object: point at the name.
        let inner = match inner {
            Some((parent, _, _)) if msg.starts_with("invalid type: unit variant") => scanned
                .values
                .iter()
                .filter(|(p, start, end)| {
                    p.len() == parent.len() + 1
                        && p.starts_with(parent)
                        && *end <= at
                        && text.as_bytes().get(*start) == Some(&b'"')
                        && shape.at(p).and_then(|s| shape.variants(s)).is_some()
                })
                .max_by_key(|(_, start, _)| *start)
                .or(inner),
            _ => inner,
        };
        // Two variants given at once: serde_json stops at the second key.
        if msg == "expected value" {
            let enum_value = scanned
                .values
                .iter()
                .filter(|(p, start, end)| {
                    *start < at
                        && at <= *end
                        && shape.at(p).and_then(|s| shape.variants(s)).is_some()
                })
                .max_by_key(|(_, start, _)| *start);
            if let Some((p, start, _)) = enum_value {
                let (line, col) = line_col(text, *start);
                let names: Vec<&str> = shape
                    .at(p)
                    .and_then(|s| shape.variants(s))
                    .unwrap_or_default()
                    .iter()
                    .map(|v| v.name)
                    .collect();
                return ConfigError(format!(
                    "{file}:{line}:{col}: `{}` takes exactly one variant, as the only key: one \
                     of {}; see `tfsynth schema` for the options",
                    p.join("."),
                    crate::shape::quote_list(&names, "or")
                ));
            }
        }
        if msg.starts_with("invalid type: unit variant") {
            let named = inner.and_then(|(p, start, end)| {
                let name: String = serde_json::from_str(text.get(*start..*end)?).ok()?;
                let content = shape
                    .at(p)
                    .and_then(|s| shape.variants(s))?
                    .into_iter()
                    .find(|v| v.name == name)?
                    .content?;
                Some((name, shape.describe(content), *start))
            });
            if let Some((name, value, start)) = named {
                let (line, col) = line_col(text, start);
                return ConfigError(format!(
                    "{file}:{line}:{col}: the variant \"{}\" needs a value: write {{\"{0}\": \
                     VALUE}} (VALUE: {value}); see `tfsynth schema` for the options",
                    short(&name)
                ));
            }
        }
        let mut off = inner.map_or(at, |(_, start, _)| *start);
        // A value refused by its type's own checks is reported where the parser stood once
        // the object or list around it was done with: point at the value.
        let refused = refused_value(text, &scanned.values, at).filter(|_| is_custom(&msg));
        if let Some(start) = refused {
            off = start;
        }
        // Within it (or the object), point at the quoted value when the message quotes one.
        // (An empty quoted value, `""`, is searched for too.)
        if let Some(quoted) = msg
            .split('"')
            .nth(1)
            .filter(|_| msg.matches('"').count() >= 2)
        {
            let needle = format!("\"{quoted}\"");
            let (a, b) = (off.min(at), at.max(off));
            if let Some(found) = text.get(a..b).and_then(|t| t.rfind(&needle)) {
                off = a + found;
            }
        }
        let (line, col) = line_col(text, off);
        let expected = inner
            .filter(|_| is_type_error(&msg))
            .and_then(|(p, _, _)| shape.at(p))
            .map(|s| shape.describe(s));
        ConfigError(format!(
            "{file}:{line}:{col}: {}; see `tfsynth schema` for the options and their types",
            humanize(&msg, expected.as_deref())
        ))
    })?;
    if let Some(p) = unknown.first() {
        let (line, col) = scanned
            .keys
            .iter()
            .find(|(k, _)| k == p)
            .map_or((1, 1), |(_, off)| line_col(text, *off));
        let (name, parent) = p
            .split_last()
            .map_or(("", &[][..]), |(n, rest)| (n.as_str(), rest));
        return Err(ConfigError(format!(
            "{file}:{line}:{col}: {}; see `tfsynth schema` for the options",
            unknown_option(name, parent, shape)
        )));
    }
    let value: Value = serde_json::from_str(&cleaned).unwrap_or(Value::Null);
    if let Err(t) = crate::limits::check_tags(&value) {
        let (line, col) = scanned
            .keys
            .iter()
            .find(|(k, _)| *k == t.path)
            .map_or((1, 1), |(_, off)| line_col(text, *off));
        return Err(ConfigError(format!("{file}:{line}:{col}: {}", t.message)));
    }
    Ok(config)
}

/// Whether a message of serde is one a type's own checks made (`port 0 is out of range`), not
/// one of serde's about the shape (a wrong type, a missing or unknown field or variant).
fn is_custom(msg: &str) -> bool {
    !is_type_error(msg)
        && ![
            "missing field ",
            "duplicate field ",
            "unknown field ",
            "unknown variant ",
        ]
        .iter()
        .any(|p| msg.starts_with(p))
}

/// Where the value starts that a type refused after reading it, from where serde_json reports
/// the refusal (`at`): it does so once the object or list around the value is done with, so
/// `at` is just past the `}` or `]` that closes it (the value was its last member), or at the
/// `,` after the value, or, in a list, at the next item.
fn refused_value(text: &str, values: &[(Vec<String>, usize, usize)], at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let at = at.min(b.len());
    let blank = |r: std::ops::Range<usize>| {
        b.get(r)
            .is_some_and(|g| g.iter().all(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')))
    };
    if at > 0 && matches!(b[at - 1], b'}' | b']') {
        // The container that closes there (the innermost; none: the top-level object), and
        // its last member.
        let container = values
            .iter()
            .filter(|(_, _, end)| *end == at)
            .max_by_key(|(_, start, _)| *start);
        let (depth, from) = container.map_or((1, 0), |(p, start, _)| (p.len() + 1, *start));
        return values
            .iter()
            .filter(|(p, start, end)| p.len() == depth && *start > from && blank(*end..at - 1))
            .map(|(_, start, _)| *start)
            .next();
    }
    // The value that ends right before `at`, or before the `,` before `at`: the outermost of
    // those that end there.
    let gap_ok = |end: usize| {
        end <= at
            && match b[end..at].iter().position(|c| *c == b',') {
                Some(i) => blank(end..end + i) && blank(end + i + 1..at),
                None => blank(end..at),
            }
    };
    values
        .iter()
        .filter(|(_, _, end)| gap_ok(*end))
        .max_by_key(|(p, _, end)| (*end, std::cmp::Reverse(p.len())))
        .map(|(_, start, _)| *start)
}

/// "unknown option `cidrr` in `service.network`; the options there are ... (did you mean
/// `cidr`?)"
fn unknown_option(name: &str, parent: &[String], shape: &Shape<'_>) -> String {
    let fields = shape.at(parent).and_then(|s| shape.fields(s));
    let at = if parent.is_empty() {
        String::new()
    } else {
        format!(" in `{}`", parent.join("."))
    };
    let name_short = short(name);
    match fields {
        Some(fields) => {
            let hint = closest(name, &fields)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            format!(
                "unknown option `{name_short}`{at}; the options there are {}{hint}",
                crate::shape::quote_list(&fields, "and")
            )
        }
        None => format!("unknown option `{name_short}`{at}"),
    }
}

pub(crate) fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

fn path_segments(p: &serde_ignored::Path<'_>) -> Vec<String> {
    use serde_ignored::Path;
    let mut out = match p {
        Path::Root => return Vec::new(),
        Path::Seq { parent, index } => {
            let mut v = path_segments(parent);
            v.push(index.to_string());
            return v;
        }
        Path::Map { parent, key } => {
            let mut v = path_segments(parent);
            v.push(key.clone());
            return v;
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => path_segments(parent),
    };
    out.shrink_to_fit();
    out
}

fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + col).min(text.len())
}

/// Line and column (in characters, from 1) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// What the scanner finds in a (well-formed) JSON text.
struct Scanned {
    top_is_object: bool,
    /// Every object key: its path (array indexes as numbers) and the byte offset of its quote.
    keys: Vec<(Vec<String>, usize)>,
    /// Byte ranges of the top-level metadata entries, with one adjacent comma.
    meta_spans: Vec<(usize, usize)>,
    /// Every value below the top: its path and byte range.
    values: Vec<(Vec<String>, usize, usize)>,
}

/// A small scanner over JSON that `serde_json` has already accepted.
fn scan(text: &str) -> Scanned {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        keys: Vec::new(),
        meta_spans: Vec::new(),
        values: Vec::new(),
    };
    s.ws();
    let top_is_object = s.peek() == Some(b'{');
    if top_is_object {
        s.value(&mut Vec::new(), true);
    }
    Scanned {
        top_is_object,
        keys: s.keys,
        meta_spans: s.meta_spans,
        values: s.values,
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    keys: Vec<(Vec<String>, usize)>,
    meta_spans: Vec<(usize, usize)>,
    values: Vec<(Vec<String>, usize, usize)>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn string(&mut self) -> String {
        let start = self.i;
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => break,
                _ => {}
            }
        }
        let raw = std::str::from_utf8(&self.b[start..self.i.min(self.b.len())]).unwrap_or("\"\"");
        serde_json::from_str(raw).unwrap_or_default()
    }

    fn value(&mut self, path: &mut Vec<String>, top: bool) {
        self.ws();
        let start = self.i;
        self.value_inner(path, top);
        if !path.is_empty() {
            let end = self.i.min(self.b.len());
            self.values.push((path.clone(), start, end));
        }
    }

    fn value_inner(&mut self, path: &mut Vec<String>, top: bool) {
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                let mut prev_comma: Option<usize> = None;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b'}') | None => {
                            self.i += 1;
                            break;
                        }
                        Some(b',') => {
                            prev_comma = Some(self.i);
                            self.i += 1;
                        }
                        Some(b'"') => {
                            let key_start = self.i;
                            let key = self.string();
                            self.ws();
                            self.i += 1; // ':'
                            path.push(key.clone());
                            self.keys.push((path.clone(), key_start));
                            self.value(path, false);
                            path.pop();
                            if top && META_KEYS.contains(&key.as_str()) {
                                let end = self.i;
                                self.ws();
                                if self.peek() == Some(b',') {
                                    self.i += 1;
                                    self.meta_spans.push((key_start, self.i));
                                } else if let Some(c) = prev_comma {
                                    self.meta_spans.push((c, end));
                                } else {
                                    self.meta_spans.push((key_start, end));
                                }
                            }
                        }
                        Some(_) => self.i += 1,
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut index = 0usize;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b']') | None => {
                            self.i += 1;
                            break;
                        }
                        Some(b',') => {
                            self.i += 1;
                            index += 1;
                        }
                        Some(_) => {
                            path.push(index.to_string());
                            self.value(path, false);
                            path.pop();
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.i += 1;
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize, JsonSchema)]
    #[serde(default)]
    struct Inner {
        port: u16,
    }

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize, JsonSchema)]
    #[serde(default)]
    struct Conf {
        name: String,
        inner: Inner,
        list: Vec<Inner>,
    }

    fn load_text(text: &str) -> Result<Conf, ConfigError> {
        load(Some((Path::new("c.json"), text)), &[])
    }

    #[test]
    fn schema_and_comment_keys_are_ignored_and_positions_kept() {
        let c = load_text(
            "{\n  \"$schema\": \"./s.json\",\n  \"$comment\": \"hi\",\n  \"name\": \"x\"\n}",
        )
        .expect("valid");
        assert_eq!(c.name, "x");
        let c = load_text("{\"name\": \"x\", \"$schema\": \"s\"}").expect("valid");
        assert_eq!(c.name, "x");
        let e =
            load_text("{\n  \"$schema\": \"./s.json\",\n  \"name\": 5\n}").expect_err("must fail");
        assert!(e.0.starts_with("c.json:3:"), "{e}");
        assert_eq!(
            e.0,
            "c.json:3:11: invalid value 5: expected a string in quotes; see `tfsynth schema` for \
             the options and their types"
        );
    }

    #[test]
    fn unknown_fields_name_the_line_and_column() {
        let e = load_text("{\n  \"inner\": {\n    \"prot\": 1\n  }\n}").expect_err("must fail");
        assert_eq!(
            e.0,
            "c.json:3:5: unknown option `prot` in `inner`; the options there are `port` (did you \
             mean `port`?); see `tfsynth schema` for the options"
        );
        let e = load_text("{\"list\": [{\"port\": 1}, {\"x\": 2}]}").expect_err("must fail");
        assert!(
            e.0.starts_with("c.json:1:25: unknown option `x` in `list.1`"),
            "{e}"
        );
        // $schema is only metadata at the top level
        let e = load_text("{\"inner\": {\"$schema\": 1}}").expect_err("must fail");
        assert!(e.0.contains("unknown option `$schema` in `inner`"), "{e}");
    }

    #[test]
    fn malformed_json_and_wrong_shapes() {
        let e = load_text("{\n  \"name\": \"x\",\n}").expect_err("must fail");
        assert!(
            e.0.starts_with("c.json:3:1: malformed JSON: trailing comma"),
            "{e}"
        );
        let e = load_text("[1]").expect_err("must fail");
        assert!(e.0.contains("must be a JSON object"), "{e}");
        let e = load_text("{\"inner\": {\"port\": 70000}}").expect_err("must fail");
        assert!(
            e.0.starts_with(
                "c.json:1:20: invalid value 70000: expected a whole number from 0 to 65535;"
            ),
            "{e}"
        );
        let e = load_text("  ").expect_err("empty");
        assert!(
            e.0.starts_with("c.json:1:1: the config file is empty: write {}"),
            "{e}"
        );
        let e = load_text("{\"name\": tru}").expect_err("must fail");
        assert!(
            e.0.starts_with("c.json:1:10: malformed JSON: expected true, false or null"),
            "{e}"
        );
    }

    /// An even number: odd ones are refused after they are read (a custom error).
    #[derive(Debug, Default, PartialEq, Serialize, JsonSchema)]
    struct Even(u8);

    impl<'de> serde::Deserialize<'de> for Even {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let n = u8::deserialize(d)?;
            if n % 2 == 0 {
                Ok(Self(n))
            } else {
                Err(serde::de::Error::custom(format!("{n} is odd")))
            }
        }
    }

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize, JsonSchema)]
    #[serde(default)]
    struct Checked {
        a: Even,
        b: Even,
        list: Vec<Even>,
        inner: Option<Box<Checked>>,
    }

    #[test]
    fn values_refused_after_reading_are_pointed_at() {
        let at = |text: &str| {
            load::<Checked>(Some((Path::new("c.json"), text)), &[])
                .expect_err("refused")
                .0
                .split(": ")
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        // the last member of the object: reported past its `}`
        assert_eq!(at("{\"a\": 2, \"b\": 3}"), "c.json:1:15");
        assert_eq!(at("{\n  \"b\": 3\n}\n"), "c.json:2:8");
        // followed by another member: reported at the comma
        assert_eq!(at("{\"a\": 1, \"b\": 2}"), "c.json:1:7");
        assert_eq!(at("{\"a\": 1 ,\n \"b\": 2}"), "c.json:1:7");
        // in a list, in the middle or last
        assert_eq!(at("{\"list\": [2, 5, 4]}"), "c.json:1:14");
        assert_eq!(at("{\"list\": [2, 4, 7]}"), "c.json:1:17");
        // nested
        assert_eq!(
            at("{\"inner\": {\"a\": 2, \"b\": 9}, \"a\": 2}"),
            "c.json:1:25"
        );
        assert_eq!(at("{\"inner\": {\"list\": [1]}}"), "c.json:1:21");
    }

    #[test]
    fn no_input_panics() {
        // every prefix, and every single-character corruption, of a config with non-ASCII text
        let good = "{\"name\": \"é€😀\", \"inner\": {\"port\": 1}, \"list\": [{\"port\": 2}]}";
        let bounds: Vec<usize> = good.char_indices().map(|(i, _)| i).collect();
        for &i in &bounds {
            let _ = load_text(&good[..i]);
            for c in ["é", "\"", "}", "x", "1"] {
                let mut t = good[..i].to_owned();
                t.push_str(c);
                t.push_str(&good[i..]);
                let _ = load_text(&t);
            }
        }
        assert!(load_text(good).is_ok());
    }

    #[test]
    fn columns_are_characters_and_long_values_are_cut() {
        // "é" is two bytes: the column counts it as one character
        let e = load_text("{\"name\": \"é\", \"inner\": {\"port\": \"x\"}}").expect_err("type");
        assert!(e.0.starts_with("c.json:1:33: invalid value \"x\""), "{e}");
        let long = "z".repeat(5000);
        let e = load_text(&format!("{{\"inner\": {{\"port\": \"{long}\"}}}}")).expect_err("type");
        assert!(
            e.0.contains("(5000 characters): expected a whole number"),
            "{e}"
        );
        assert!(e.0.len() < 300, "{e}");
        let e = load::<Conf>(
            None,
            &[VarOverride::parse(&format!("inner.port={long}")).expect("ok")],
        )
        .expect_err("type");
        assert!(e.0.len() < 400, "{e}");
    }

    #[test]
    fn vars_set_fields_and_nested_paths() {
        let vars = [
            VarOverride::parse("name=eu-west-1").expect("ok"),
            VarOverride::parse("inner.port=443").expect("ok"),
        ];
        let c: Conf = load(None, &vars).expect("valid");
        assert_eq!(c.name, "eu-west-1");
        assert_eq!(c.inner.port, 443);
        let c: Conf = load(None, &[VarOverride::parse("name=\"443\"").expect("ok")]).expect("ok");
        assert_eq!(c.name, "443");
        let e = load::<Conf>(None, &[VarOverride::parse("nmae=x").expect("ok")])
            .expect_err("must fail");
        assert_eq!(
            e.0,
            "--var nmae=x: the config has no option `nmae`; its options are `name`, `inner` and \
             `list`; did you mean --var name=x?"
        );
        let e = load::<Conf>(None, &[VarOverride::parse("inner.port=x").expect("ok")])
            .expect_err("must fail");
        assert!(
            e.0.contains(
                "--var inner.port=x: invalid value \"x\": expected a whole number from 0 to 65535"
            ),
            "{e}"
        );
        let e = load::<Conf>(None, &[VarOverride::parse("name.x=1").expect("ok")])
            .expect_err("must fail");
        assert!(e.0.contains("`name` is not an object"), "{e}");
        assert!(VarOverride::parse("novalue").is_err());
        assert!(VarOverride::parse("a..b=1").is_err());
    }
}

//! Reading a stack's config: a JSON file checked against the config type (unknown fields and
//! wrong types are errors naming the file, line and column), then `--var KEY=VALUE` overrides.
//!
//! A config file may carry, at its top level, the keys `"$schema"` (the JSON Schema that
//! editors use for completion, written by `tfsynth init`) and `"$comment"`; both are ignored.

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

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
                "--var {s:?} has no '=': write it as KEY=VALUE, e.g. --var region=eu-west-1"
            ));
        };
        let path: Vec<String> = key.split('.').map(|p| p.trim().to_owned()).collect();
        if path.iter().any(String::is_empty) {
            return Err(format!(
                "--var {s:?}: the key {key:?} is empty or has an empty part; write a field name \
                 or a dotted path such as service.port"
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
    C: Default + Serialize + DeserializeOwned,
{
    let config: C = match file {
        None => C::default(),
        Some((path, text)) => from_file(path, text)?,
    };
    if vars.is_empty() {
        return Ok(config);
    }
    let mut value = serde_json::to_value(&config)
        .map_err(|e| ConfigError(format!("the config cannot be represented as JSON: {e}")))?;
    for v in vars {
        set_path(&mut value, v)?;
    }
    let mut unknown = Vec::new();
    let result: Result<C, _> = serde_ignored::deserialize(value, |p| unknown.push(p.to_string()));
    let names: Vec<&str> = vars.iter().map(|v| v.text.as_str()).collect();
    let config = result.map_err(|e| {
        ConfigError(format!(
            "--var {}: {e}; see `tfsynth schema` for the fields and their types",
            names.join(" --var ")
        ))
    })?;
    if let Some(p) = unknown.first() {
        return Err(ConfigError(format!(
            "--var: unknown field `{p}`; see `tfsynth schema` for the fields this stack accepts"
        )));
    }
    Ok(config)
}

fn set_path(root: &mut Value, v: &VarOverride) -> Result<(), ConfigError> {
    let mut cur = root;
    let (last, parents) = v
        .path
        .split_last()
        .ok_or_else(|| ConfigError(format!("--var {:?}: the key is empty", v.text)))?;
    for (i, seg) in parents.iter().enumerate() {
        let Value::Object(map) = cur else {
            return Err(ConfigError(format!(
                "--var {:?}: `{}` is not an object, so it has no field `{seg}`",
                v.text,
                v.path[..i].join(".")
            )));
        };
        cur = map
            .entry(seg.clone())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if cur.is_null() {
            *cur = Value::Object(serde_json::Map::new());
        }
    }
    match cur {
        Value::Object(map) => {
            map.insert(last.clone(), v.value.clone());
            Ok(())
        }
        _ => Err(ConfigError(format!(
            "--var {:?}: `{}` is not an object, so it has no field `{last}`",
            v.text,
            parents.join(".")
        ))),
    }
}

/// Reads a config file strictly: `$schema`/`$comment` at the top level are allowed, any other
/// field the type does not know is an error.
fn from_file<C: DeserializeOwned>(path: &Path, text: &str) -> Result<C, ConfigError> {
    let file = path.display();
    // Malformed JSON first, with serde_json's own line and column.
    if let Err(e) = serde_json::from_str::<Value>(text) {
        return Err(ConfigError(format!(
            "{file}:{}:{}: malformed JSON: {}",
            e.line(),
            e.column().max(1),
            strip_position(&e.to_string())
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
        let (mut line, mut col) = (e.line(), e.column());
        // serde_json points after an unknown key; point at the key itself.
        if let Some(name) = e
            .to_string()
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
        {
            let at = offset_of(text, line, col);
            if let Some((_, off)) = scanned
                .keys
                .iter()
                .filter(|(k, off)| *off < at && k.last().is_some_and(|l| l == name))
                .max_by_key(|(_, off)| *off)
            {
                (line, col) = line_col(text, *off);
            }
        }
        // A value refused by the type's own checks is reported where its enclosing object
        // ends; point at the quoted value when the message quotes one found in the file.
        let msg = e.to_string();
        if let Some(quoted) = msg.split('"').nth(1).filter(|q| !q.is_empty()) {
            let needle = format!("\"{quoted}\"");
            let at = offset_of(text, line, col);
            if let Some(off) = text[..at].rfind(&needle) {
                (line, col) = line_col(text, off);
            }
        }
        let col = col.max(1);
        ConfigError(format!(
            "{file}:{line}:{col}: {}; see `tfsynth schema` for the fields and their types",
            strip_position(&e.to_string())
        ))
    })?;
    if let Some(p) = unknown.first() {
        let (line, col) = scanned
            .keys
            .iter()
            .find(|(k, _)| k == p)
            .map_or((1, 1), |(_, off)| line_col(text, *off));
        return Err(ConfigError(format!(
            "{file}:{line}:{col}: unknown field `{}`; see `tfsynth schema` for the fields this \
             stack accepts",
            p.join(".")
        )));
    }
    Ok(config)
}

fn strip_position(msg: &str) -> &str {
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

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, col)
}

/// What the scanner finds in a (well-formed) JSON text.
struct Scanned {
    top_is_object: bool,
    /// Every object key: its path (array indexes as numbers) and the byte offset of its quote.
    keys: Vec<(Vec<String>, usize)>,
    /// Byte ranges of the top-level metadata entries, with one adjacent comma.
    meta_spans: Vec<(usize, usize)>,
}

/// A small scanner over JSON that `serde_json` has already accepted.
fn scan(text: &str) -> Scanned {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        keys: Vec::new(),
        meta_spans: Vec::new(),
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
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    keys: Vec<(Vec<String>, usize)>,
    meta_spans: Vec<(usize, usize)>,
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

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize)]
    #[serde(default)]
    struct Inner {
        port: u16,
    }

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize)]
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
        assert!(
            e.0.contains("invalid type: integer `5`, expected a string"),
            "{e}"
        );
    }

    #[test]
    fn unknown_fields_name_the_line_and_column() {
        let e = load_text("{\n  \"inner\": {\n    \"prot\": 1\n  }\n}").expect_err("must fail");
        assert_eq!(
            e.0,
            "c.json:3:5: unknown field `inner.prot`; see `tfsynth schema` for the fields this \
             stack accepts"
        );
        let e = load_text("{\"list\": [{\"port\": 1}, {\"x\": 2}]}").expect_err("must fail");
        assert!(
            e.0.starts_with("c.json:1:25: unknown field `list.1.x`"),
            "{e}"
        );
        // $schema is only metadata at the top level
        let e = load_text("{\"inner\": {\"$schema\": 1}}").expect_err("must fail");
        assert!(e.0.contains("unknown field `inner.$schema`"), "{e}");
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
            e.0.starts_with("c.json:1:24: invalid value: integer `70000`"),
            "{e}"
        );
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
        assert!(e.0.contains("unknown field `nmae`"), "{e}");
        let e = load::<Conf>(None, &[VarOverride::parse("inner.port=x").expect("ok")])
            .expect_err("must fail");
        assert!(
            e.0.contains("--var inner.port=x: invalid type: string \"x\""),
            "{e}"
        );
        let e = load::<Conf>(None, &[VarOverride::parse("name.x=1").expect("ok")])
            .expect_err("must fail");
        assert!(e.0.contains("`name` is not an object"), "{e}");
        assert!(VarOverride::parse("novalue").is_err());
        assert!(VarOverride::parse("a..b=1").is_err());
    }
}

//! What a config's JSON Schema (as schemars writes it) says about one place in the config:
//! its fields, whether it is a map, its enum variants, and a description in the user's words
//! ("a whole number from 0 to 255", "one of `acm` or `self_signed`"), never a Rust type.

use serde_json::Value;

/// A config's JSON Schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape<'a> {
    root: &'a Value,
}

/// One variant of an enum: its name, and what it holds (`None` for a name alone).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Variant<'a> {
    pub(crate) name: &'a str,
    pub(crate) content: Option<&'a Value>,
}

impl<'a> Shape<'a> {
    pub(crate) fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// The schema of the whole config.
    pub(crate) fn root(&self) -> &'a Value {
        self.root
    }

    /// Follows `$ref`s, and unwraps an optional value (`anyOf: [X, null]`) to `X`.
    pub(crate) fn resolve(&self, mut s: &'a Value) -> &'a Value {
        for _ in 0..32 {
            if let Some(r) = s.get("$ref").and_then(Value::as_str) {
                let name = r
                    .strip_prefix("#/$defs/")
                    .or_else(|| r.strip_prefix("#/definitions/"));
                let found = name.and_then(|n| {
                    self.root
                        .get("$defs")
                        .or_else(|| self.root.get("definitions"))
                        .and_then(|d| d.get(n))
                });
                match found {
                    Some(next) => {
                        s = next;
                        continue;
                    }
                    None => return s,
                }
            }
            if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
                let non_null: Vec<&Value> = alts
                    .iter()
                    .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                if non_null.len() == 1 && alts.len() == 2 {
                    s = non_null[0];
                    continue;
                }
            }
            return s;
        }
        s
    }

    /// The variants, when `s` is an enum (`oneOf` of single-key objects and constants).
    pub(crate) fn variants(&self, s: &'a Value) -> Option<Vec<Variant<'a>>> {
        let s = self.resolve(s);
        let alts = s
            .get("oneOf")
            .or_else(|| s.get("anyOf"))
            .and_then(Value::as_array)?;
        let mut out = Vec::new();
        for a in alts {
            let a = self.resolve(a);
            if let Some(c) = a.get("const").and_then(Value::as_str) {
                out.push(Variant {
                    name: c,
                    content: None,
                });
            } else if let Some(e) = a.get("enum").and_then(Value::as_array) {
                out.extend(e.iter().filter_map(Value::as_str).map(|name| Variant {
                    name,
                    content: None,
                }));
            } else {
                let props = a.get("properties").and_then(Value::as_object)?;
                if props.len() != 1 {
                    return None;
                }
                let (name, content) = props.iter().next()?;
                out.push(Variant {
                    name,
                    content: Some(content),
                });
            }
        }
        Some(out)
    }

    /// The field names, when `s` is an object with fixed fields.
    pub(crate) fn fields(&self, s: &'a Value) -> Option<Vec<&'a str>> {
        let s = self.resolve(s);
        if self.is_map(s) {
            return None;
        }
        s.get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
    }

    /// True when `s` is a map: an object with any keys, each value of one schema.
    pub(crate) fn is_map(&self, s: &'a Value) -> bool {
        let s = self.resolve(s);
        s.get("additionalProperties").is_some_and(Value::is_object) && s.get("properties").is_none()
    }

    /// The schema of `seg` inside `s`: a field, a map value, a list item or an enum variant.
    pub(crate) fn child(&self, s: &'a Value, seg: &str) -> Option<&'a Value> {
        let s = self.resolve(s);
        if let Some(p) = s.get("properties").and_then(|p| p.get(seg)) {
            return Some(p);
        }
        if let Some(a) = s.get("additionalProperties").filter(|a| a.is_object()) {
            return Some(a);
        }
        if let Some(items) = s.get("items") {
            if seg.parse::<usize>().is_ok() {
                return Some(items);
            }
        }
        self.variants(s)?
            .into_iter()
            .find(|v| v.name == seg)
            .and_then(|v| v.content)
    }

    /// The schema at a path from the root, when the schema knows it.
    pub(crate) fn at(&self, path: &[String]) -> Option<&'a Value> {
        let mut s = self.root;
        for seg in path {
            s = self.child(s, seg)?;
        }
        Some(s)
    }

    /// What a value of schema `s` must be, in words.
    pub(crate) fn describe(&self, s: &'a Value) -> String {
        let s = self.resolve(s);
        if let Some(vs) = self.variants(s) {
            return describe_variants(&vs);
        }
        if let Some(fields) = self.fields(s) {
            return format!(
                "an object ({{...}}) with the options {}",
                quote_list(&fields, "and")
            );
        }
        if self.is_map(s) {
            let inner = s
                .get("additionalProperties")
                .map_or_else(|| "values".to_owned(), |a| self.describe(a));
            return format!("an object ({{\"KEY\": ...}}) whose values are {inner}");
        }
        let ty = match s.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ => "",
        };
        match ty {
            "integer" => {
                let min = s.get("minimum").and_then(Value::as_i64);
                let max = s.get("maximum").and_then(Value::as_u64);
                match (min, max) {
                    (Some(a), Some(b)) => format!("a whole number from {a} to {b}"),
                    (Some(a), None) => format!("a whole number of at least {a}"),
                    _ => "a whole number".to_owned(),
                }
            }
            "number" => "a number".to_owned(),
            "boolean" => "true or false".to_owned(),
            "string" => match s.get("enum").and_then(Value::as_array) {
                Some(e) => {
                    let names: Vec<&str> = e.iter().filter_map(Value::as_str).collect();
                    format!("one of {}", quote_list(&names, "or"))
                }
                None => "a string in quotes".to_owned(),
            },
            "array" => match s.get("items") {
                Some(i) => format!("a list ([...]) whose items are each {}", self.describe(i)),
                None => "a list ([...])".to_owned(),
            },
            "object" => "an object ({...})".to_owned(),
            _ => "a value of the type the schema gives (see `tfsynth schema`)".to_owned(),
        }
    }
}

/// "one of `ipv4` or `ipv6`", or for variants that hold a value "one variant as the only key:
/// {"acm": ...} or {"self_signed": {...}}".
pub(crate) fn describe_variants(vs: &[Variant<'_>]) -> String {
    if vs.iter().all(|v| v.content.is_none()) {
        let names: Vec<&str> = vs.iter().map(|v| v.name).collect();
        return format!("one of {}", quote_list(&names, "or"));
    }
    let forms: Vec<String> = vs
        .iter()
        .map(|v| match v.content {
            None => format!("\"{}\"", v.name),
            Some(_) => format!("{{\"{}\": ...}}", v.name),
        })
        .collect();
    format!(
        "exactly one of the variants, as the only key: {}",
        forms.join(" or ")
    )
}

/// "`a`, `b` and `c`".
pub(crate) fn quote_list(names: &[&str], last: &str) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match q.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

/// The name in `candidates` closest to `name` (at most a third of its letters off).
pub(crate) fn closest<'c>(name: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (distance(&name.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance in characters, a swap of two neighbours counting as one edit (`prot` is one
/// edit from `port`): strsim's optimal string alignment distance.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        assert_eq!(closest("cidrr", &["cidr", "azs"]), Some("cidr"));
        assert_eq!(closest("regoin", &["region", "tags"]), Some("region"));
        assert_eq!(closest("zzz", &["region", "tags"]), None);
        assert_eq!(closest("prot", &["port", "tags"]), Some("port"));
    }

    #[test]
    fn descriptions() {
        let root = serde_json::json!({
            "type": "object",
            "properties": {
                "port": {"type": "integer", "format": "uint16", "minimum": 0, "maximum": 65535},
                "mode": {"$ref": "#/$defs/Mode"},
                "list": {"type": "array", "items": {"type": "string"}},
                "opt": {"anyOf": [{"$ref": "#/$defs/Mode"}, {"type": "null"}]}
            },
            "$defs": {"Mode": {"oneOf": [
                {"type": "object", "properties": {"acm": {"type": "string"}}, "required": ["acm"]},
                {"type": "string", "const": "none"}
            ]}}
        });
        let s = Shape::new(&root);
        let d = |p: &str| s.describe(s.at(&[p.to_owned()]).expect("known"));
        assert_eq!(d("port"), "a whole number from 0 to 65535");
        assert_eq!(
            d("mode"),
            "exactly one of the variants, as the only key: {\"acm\": ...} or \"none\""
        );
        assert_eq!(d("opt"), d("mode"));
        assert_eq!(
            d("list"),
            "a list ([...]) whose items are each a string in quotes"
        );
        assert_eq!(
            s.describe(&root),
            "an object ({...}) with the options `port`, `mode`, `list` and `opt`"
        );
    }
}

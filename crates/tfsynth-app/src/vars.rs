//! Applying `--var KEY=VALUE` to a config, guided by its JSON Schema:
//!
//! - a segment that names an enum variant switches to it: `service.alb.certificate.acm=ARN`
//!   replaces `{"self_signed": {...}}` with `{"acm": "ARN"}`, and
//!   `service.app.targets.nginx.instance_count=3` switches to `nginx` and sets its count;
//!   `--var service.alb.certificate=self_signed` picks a variant whose options all have
//!   defaults;
//! - an object value is merged into the object that is there (RFC 7386 JSON Merge Patch):
//!   `--var 'common.tags={"Team":"net"}'` adds a tag to the defaults, and a `null` removes a
//!   key of a map (`{"Project":null}`); to replace a whole map, write it in a config file;
//! - an unknown option is refused at once, with the options that exist and the closest one.

use serde_json::{Map, Value};

use crate::config::{ConfigError, VarOverride};
use crate::messages::{humanize, short};
use crate::shape::{closest, quote_list, Shape};

/// Sets `v` in `root`.
///
/// # Errors
/// An option the schema does not know, a variant that does not exist, a path through a value
/// that is not an object.
pub(crate) fn apply(
    root: &mut Value,
    shape: &Shape<'_>,
    v: &VarOverride,
) -> Result<(), ConfigError> {
    let flag = format!("--var {}", short(&v.text));
    let mut cur = root;
    let mut schema = Some(shape.root());
    let (last, parents) = v
        .path
        .split_last()
        .ok_or_else(|| ConfigError(format!("{flag}: the key is empty")))?;
    for (i, seg) in parents.iter().enumerate() {
        let here = &v.path[..i];
        if let Some(vs) = schema.and_then(|s| shape.variants(s)) {
            let Some(var) = vs.iter().find(|x| x.name == seg) else {
                return Err(no_such_variant(&flag, here, seg, &vs));
            };
            let same =
                matches!(&*cur, Value::Object(m) if m.len() == 1 && m.contains_key(seg.as_str()));
            if !same {
                let mut m = Map::new();
                m.insert(seg.clone(), Value::Object(Map::new()));
                *cur = Value::Object(m);
            }
            schema = var.content;
        } else {
            check_field(&flag, shape, schema, v, i)?;
            schema = schema.and_then(|s| shape.child(s, seg));
        }
        if cur.is_null() {
            *cur = Value::Object(Map::new());
        }
        let Value::Object(map) = cur else {
            return Err(ConfigError(format!(
                "{flag}: `{}` is not an object, so it has no option `{seg}`",
                here.join(".")
            )));
        };
        cur = map
            .entry(seg.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if cur.is_null() {
            *cur = Value::Object(Map::new());
        }
    }
    let here = parents;
    if let Some(vs) = schema.and_then(|s| shape.variants(s)) {
        // `certificate.acm=ARN`: the last segment picks the variant.
        if let Some(var) = vs.iter().find(|x| x.name == last && x.content.is_some()) {
            malformed_json(&flag, v, shape, var.content)?;
            let mut m = Map::new();
            m.insert(last.clone(), v.value.clone());
            *cur = Value::Object(m);
            return Ok(());
        }
        return Err(no_such_variant(&flag, here, last, &vs));
    }
    check_field(&flag, shape, schema, v, parents.len())?;
    let child = schema.and_then(|s| shape.child(s, last));
    if cur.is_null() {
        *cur = Value::Object(Map::new());
    }
    let Value::Object(map) = cur else {
        return Err(ConfigError(format!(
            "{flag}: `{}` is not an object, so it has no option `{last}`",
            here.join(".")
        )));
    };
    malformed_json(&flag, v, shape, child)?;
    let value = picked_variant(
        &flag,
        &v.path,
        shape,
        child,
        &as_text_if_string(shape, child, v),
    )?;
    match map.get_mut(last.as_str()) {
        Some(existing @ Value::Object(_)) if value.is_object() => {
            merge(existing, value, shape, child);
        }
        _ => {
            map.insert(last.clone(), value);
        }
    }
    Ok(())
}

/// Whether the option is text (a string, or a string or null).
fn is_text(shape: &Shape<'_>, schema: Option<&Value>) -> bool {
    match schema.map(|s| shape.resolve(s)).and_then(|s| s.get("type")) {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// A VALUE that starts like JSON (`{` or `[`) but does not parse, for an option that is not
/// text, is an error rather than text: it is half written, or a shell took its double quotes
/// (`--var common.tags={"Team":"net"}` unquoted reaches tfsynth as `{Team:net}`).
fn malformed_json(
    flag: &str,
    v: &VarOverride,
    shape: &Shape<'_>,
    schema: Option<&Value>,
) -> Result<(), ConfigError> {
    let raw = v.text.split_once('=').map_or("", |(_, r)| r);
    let Some(open) = raw
        .trim_start()
        .chars()
        .next()
        .filter(|c| matches!(c, '{' | '['))
    else {
        return Ok(());
    };
    if is_text(shape, schema) {
        return Ok(());
    }
    let Err(e) = serde_json::from_str::<Value>(raw) else {
        return Ok(());
    };
    let at = if e.line() > 1 {
        format!("line {}, character {}", e.line(), e.column())
    } else {
        format!("character {}", e.column())
    };
    let example = if open == '{' {
        r#"{"KEY":"VALUE"}"#
    } else {
        r#"["VALUE"]"#
    };
    Err(ConfigError(format!(
        "{flag}: the value starts like JSON but does not parse: {} (at {at} of the value); \
         write it whole, and quote the flag for the shell so that its double quotes reach \
         tfsynth, e.g. --var '{}={example}'",
        humanize(crate::config::strip_position(&e.to_string()), None),
        v.path.join(".")
    )))
}

/// `tags.Build=3` for a string option: the text `"3"`, not the number (VALUE is read as JSON
/// only where the option is not a string).
fn as_text_if_string(shape: &Shape<'_>, schema: Option<&Value>, v: &VarOverride) -> Value {
    let is_string = is_text(shape, schema);
    match (&v.value, v.text.split_once('=')) {
        (Value::Number(_) | Value::Bool(_), Some((_, raw))) if is_string => {
            Value::String(raw.to_owned())
        }
        _ => v.value.clone(),
    }
}

/// `certificate=self_signed` for a variant that holds options: `{"self_signed": {}}`; a
/// variant that needs a value (`certificate=acm`) says how to give it.
fn picked_variant(
    flag: &str,
    path: &[String],
    shape: &Shape<'_>,
    schema: Option<&Value>,
    value: &Value,
) -> Result<Value, ConfigError> {
    if let (Some(s), Value::String(name)) = (schema, value) {
        if let Some(vs) = shape.variants(s) {
            if let Some(content) = vs.iter().find(|x| x.name == name).and_then(|x| x.content) {
                if shape.fields(content).is_none() {
                    return Err(ConfigError(format!(
                        "{flag}: the variant `{name}` needs a value: write --var {}.{name}=VALUE \
                         (VALUE: {})",
                        path.join("."),
                        shape
                            .describe(content)
                            .replace("a string in quotes", "text")
                    )));
                }
                let mut m = Map::new();
                m.insert(name.clone(), Value::Object(Map::new()));
                return Ok(Value::Object(m));
            }
        }
    }
    Ok(value.clone())
}

/// JSON Merge Patch, except that a `null` removes a key only in a map (in an object of
/// options it is a value: "none").
fn merge(target: &mut Value, patch: Value, shape: &Shape<'_>, schema: Option<&Value>) {
    let (Value::Object(t), Value::Object(p)) = (&mut *target, &patch) else {
        *target = patch;
        return;
    };
    if let Some(vs) = schema.and_then(|s| shape.variants(s)) {
        // Another variant replaces the one there.
        let other = p.len() == 1
            && p.keys()
                .all(|k| !t.contains_key(k) && vs.iter().any(|x| x.name == k));
        if other {
            *target = patch;
            return;
        }
    }
    let is_map = schema.is_some_and(|s| shape.is_map(s));
    let Value::Object(p) = patch else { return };
    for (k, pv) in p {
        let child = schema.and_then(|s| shape.child(s, &k));
        if pv.is_null() && is_map {
            t.remove(&k);
        } else if let Some(tv) = t.get_mut(&k) {
            merge(tv, pv, shape, child);
        } else {
            t.insert(k, pv);
        }
    }
}

/// The `i`-th segment of the `--var`'s key must be an option of `schema`.
fn check_field(
    flag: &str,
    shape: &Shape<'_>,
    schema: Option<&Value>,
    v: &VarOverride,
    i: usize,
) -> Result<(), ConfigError> {
    let (here, seg) = (&v.path[..i], v.path[i].as_str());
    let Some(fields) = schema.and_then(|s| shape.fields(s)) else {
        return Ok(());
    };
    if fields.contains(&seg) {
        return Ok(());
    }
    let at = if here.is_empty() {
        "the config".to_owned()
    } else {
        format!("`{}`", here.join("."))
    };
    // The --var with the closest option in place of the unknown one.
    let hint = match closest(seg, &fields) {
        Some(c) => {
            let mut key = v.path.clone();
            key[i] = c.to_owned();
            let raw = v.text.split_once('=').map_or("", |(_, r)| r);
            format!(
                "; did you mean --var {}?",
                short(&format!("{}={raw}", key.join(".")))
            )
        }
        None => String::new(),
    };
    Err(ConfigError(format!(
        "{flag}: {at} has no option `{}`; its options are {}{hint}",
        short(seg),
        quote_list(&fields, "and")
    )))
}

fn no_such_variant(
    flag: &str,
    here: &[String],
    seg: &str,
    vs: &[crate::shape::Variant<'_>],
) -> ConfigError {
    let at = here.join(".");
    let with_value: Vec<&str> = vs
        .iter()
        .filter(|x| x.content.is_some())
        .map(|x| x.name)
        .collect();
    let example = match with_value.first() {
        Some(first) => format!("; switch variants with --var {at}.{first}=VALUE"),
        None => String::new(),
    };
    let names: Vec<&str> = vs.iter().map(|x| x.name).collect();
    let hint = match closest(seg, &names) {
        Some(c) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    };
    ConfigError(format!(
        "{flag}: `{}` is not a variant of `{at}`, which is {}{hint}{example}",
        short(seg),
        quote_list(&names, "or")
    ))
}

/// The first option path of `defaults` that holds a plain value, with that value: a `--var`
/// that works, for hints (`common.region=us-east-1`). When `want` is the last segment of some
/// path (`region`), that path.
pub(crate) fn example(defaults: &Value, want: Option<&str>) -> Option<String> {
    fn walk(v: &Value, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    path.push(k.clone());
                    walk(x, path, out);
                    path.pop();
                }
            }
            Value::String(s) => out.push((path.join("."), s.clone())),
            Value::Number(n) => out.push((path.join("."), n.to_string())),
            Value::Bool(b) => out.push((path.join("."), b.to_string())),
            _ => {}
        }
    }
    let mut leaves = Vec::new();
    walk(defaults, &mut Vec::new(), &mut leaves);
    let pick = want
        .and_then(|w| {
            leaves
                .iter()
                .find(|(p, _)| p == w || p.rsplit('.').next() == Some(w))
        })
        .or_else(|| leaves.first())?;
    Some(format!("{}={}", pick.0, pick.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                "cert": {"$ref": "#/$defs/Cert"},
                "port": {"type": "integer"}
            },
            "additionalProperties": false,
            "$defs": {
                "Cert": {"oneOf": [
                    {"type": "object", "properties": {"acm": {"type": "string"}}, "required": ["acm"]},
                    {"type": "object", "properties": {"self_signed": {"type": "object", "properties": {"days": {"type": "integer"}}}}, "required": ["self_signed"]}
                ]}
            }
        })
    }

    fn set(root: &mut Value, text: &str) -> Result<(), ConfigError> {
        let s = schema();
        apply(
            root,
            &Shape::new(&s),
            &VarOverride::parse(text).expect("parses"),
        )
    }

    #[test]
    fn variants_switch_and_maps_merge() {
        let mut v = json!({"tags": {"A": "1"}, "cert": {"self_signed": {"days": 1}}, "port": 1});
        set(&mut v, "cert.acm=arn:x").expect("switches");
        assert_eq!(v["cert"], json!({"acm": "arn:x"}));
        set(&mut v, "cert.self_signed.days=5").expect("switches back");
        assert_eq!(v["cert"], json!({"self_signed": {"days": 5}}));
        set(&mut v, "cert=self_signed").expect("by name: the variant there keeps its options");
        assert_eq!(v["cert"], json!({"self_signed": {"days": 5}}));
        set(&mut v, "cert.acm=arn:x").expect("switches");
        set(&mut v, "cert=self_signed").expect("by name: switches, options at their defaults");
        assert_eq!(v["cert"], json!({"self_signed": {}}));
        set(&mut v, r#"cert={"acm":"arn:y"}"#).expect("an object of another variant");
        assert_eq!(v["cert"], json!({"acm": "arn:y"}));
        set(&mut v, r#"tags={"B":"2"}"#).expect("merges");
        assert_eq!(v["tags"], json!({"A": "1", "B": "2"}));
        set(&mut v, r#"tags={"A":null}"#).expect("removes");
        assert_eq!(v["tags"], json!({"B": "2"}));
        set(&mut v, "tags.C=3").expect("one key");
        assert_eq!(v["tags"], json!({"B": "2", "C": "3"}));
    }

    #[test]
    fn unknown_options_and_variants_say_what_exists() {
        let mut v = json!({});
        let e = set(&mut v, "prot=1").expect_err("unknown");
        assert_eq!(
            e.0,
            "--var prot=1: the config has no option `prot`; its options are `tags`, `cert` and \
             `port`; did you mean --var port=1?"
        );
        let e = set(&mut v, "cert.amc=x").expect_err("unknown variant");
        assert_eq!(
            e.0,
            "--var cert.amc=x: `amc` is not a variant of `cert`, which is `acm` or \
             `self_signed` (did you mean `acm`?); switch variants with --var cert.acm=VALUE"
        );
        let e = set(&mut v, "cert=acm").expect_err("needs a value");
        assert_eq!(
            e.0,
            "--var cert=acm: the variant `acm` needs a value: write --var cert.acm=VALUE \
             (VALUE: text)"
        );
    }

    #[test]
    fn examples_are_real_paths() {
        let d = json!({"common": {"region": "us-east-1", "tags": {}}, "port": 443});
        assert_eq!(
            example(&d, None).as_deref(),
            Some("common.region=us-east-1")
        );
        assert_eq!(example(&d, Some("port")).as_deref(), Some("port=443"));
        assert_eq!(
            example(&d, Some("region")).as_deref(),
            Some("common.region=us-east-1")
        );
    }
}

//! A test kit for your own stacks, like CDKTF's `Testing` and AWS CDK's
//! `assertions.Template`: assertions over the synthesized Terraform JSON, the real
//! `terraform validate`, and (with the `testing` feature) insta snapshots of every stack.
//!
//! ```
//! use tfsynth::{prelude::*, RawResource};
//! use tfsynth_app::testing::{json, Match, Template};
//!
//! let mut stack = Stack::new();
//! let bucket = stack.resource("site", RawResource::new("aws_s3_bucket").attr("bucket", "acme-site"));
//! stack.resource(
//!     "site",
//!     RawResource::new("aws_s3_bucket_versioning")
//!         .attr("bucket", bucket.get::<String>("id"))
//!         .block("versioning_configuration", tfsynth::Body::new().attr("status", "Enabled")),
//! );
//! let t = Template::from_stack(&stack).unwrap();
//! t.has_resource("aws_s3_bucket");
//! t.has_resource_with(
//!     "aws_s3_bucket_versioning",
//!     json!({ "bucket": Match::string_containing("aws_s3_bucket.site"),
//!             "versioning_configuration": { "status": "Enabled" },
//!             "mfa": Match::absent() }),
//! );
//! t.assert_resource_count("aws_s3_bucket", 1);
//! ```
//!
//! # Matching
//!
//! `has_resource_with(type, props)` passes when at least one resource of the type matches
//! `props`:
//! - an object matches an object that has every key given, each matching (a subset, checked
//!   recursively); the construct-path comments (`"//"` keys) are ignored on both sides;
//! - an array matches an array of the same length, element by element;
//! - a number matches an equal number (`1` matches `1.0`); anything else must be equal;
//! - a [`Match`] value stands for a matcher: [`Match::any`], [`Match::absent`],
//!   [`Match::string_containing`], [`Match::array_containing`], [`Match::object_like`] and
//!   [`Match::exact`].
//!
//! Every assertion panics with a message that shows the nearest candidates (the closest type
//! or output names, or each resource of the type with the first key path that differs and
//! what it holds); each has a `try_` form that returns the message as an `Err` instead.

use serde_json::Map;
/// Re-exported, so tests can write the expected JSON without a serde_json dependency.
pub use serde_json::{json, Value};

/// The key that marks a matcher object built by [`Match`].
const MATCH_KEY: &str = "$tfsynth_match";

/// Matchers to use inside the expected JSON of [`Template::has_resource_with`] and
/// [`Template::has_data_source_with`].
///
/// Each returns a `serde_json::Value` (an object marked by a `"$tfsynth_match"` key), so it
/// fits in `serde_json::json!`:
/// `json!({ "tags": Match::object_like(json!({"Team": "net"})), "policy": Match::any() })`.
#[derive(Debug)]
pub struct Match;

impl Match {
    fn make(kind: &str, value: Option<Value>) -> Value {
        let mut m = Map::new();
        m.insert(MATCH_KEY.to_owned(), Value::String(kind.to_owned()));
        if let Some(v) = value {
            m.insert("value".to_owned(), v);
        }
        Value::Object(m)
    }

    /// Anything that is present and not null.
    pub fn any() -> Value {
        Self::make("any", None)
    }

    /// The key is missing (or null). Only meaningful as the value of an object key.
    pub fn absent() -> Value {
        Self::make("absent", None)
    }

    /// A string that contains `part` (such as a reference: `"aws_s3_bucket.site"`).
    pub fn string_containing(part: impl Into<String>) -> Value {
        Self::make("string_containing", Some(Value::String(part.into())))
    }

    /// An array of any length in which each of `patterns` matches at least one element, in
    /// any order (two patterns may match the same element).
    pub fn array_containing(patterns: Vec<Value>) -> Value {
        Self::make("array_containing", Some(Value::Array(patterns)))
    }

    /// An object that has every key of `pattern`, each matching: the default for objects,
    /// spelled out (for instance inside [`Match::exact`]).
    pub fn object_like(pattern: Value) -> Value {
        Self::make("object_like", Some(pattern))
    }

    /// Exactly `value`: objects must have the same keys (`"//"` comments aside), at every
    /// level. Matchers inside it still apply.
    pub fn exact(value: Value) -> Value {
        Self::make("exact", Some(value))
    }
}

/// A matcher read back from its JSON form.
enum Matcher<'a> {
    Any,
    Absent,
    StringContaining(&'a str),
    ArrayContaining(&'a [Value]),
    ObjectLike(&'a Value),
    Exact(&'a Value),
}

/// The matcher `v` stands for: `Ok(None)` when it is a plain value.
fn matcher(v: &Value) -> Result<Option<Matcher<'_>>, String> {
    let Some(obj) = v.as_object() else {
        return Ok(None);
    };
    let Some(kind) = obj.get(MATCH_KEY) else {
        return Ok(None);
    };
    let value = obj.get("value");
    let bad = || {
        format!(
            "invalid matcher {v}: build matchers with Match::any, Match::absent, \
             Match::string_containing, Match::array_containing, Match::object_like or \
             Match::exact"
        )
    };
    let m = match (kind.as_str().unwrap_or_default(), value) {
        ("any", None) => Matcher::Any,
        ("absent", None) => Matcher::Absent,
        ("string_containing", Some(Value::String(s))) => Matcher::StringContaining(s),
        ("array_containing", Some(Value::Array(a))) => Matcher::ArrayContaining(a),
        ("object_like", Some(p)) => Matcher::ObjectLike(p),
        ("exact", Some(p)) => Matcher::Exact(p),
        _ => return Err(bad()),
    };
    if obj.len() > 1 + usize::from(value.is_some()) {
        return Err(bad());
    }
    Ok(Some(m))
}

/// Where and how a value differs from what was expected.
#[derive(Debug)]
struct Mismatch {
    /// The key path (`versioning_configuration.status`, `rule[0].id`), empty at the top.
    path: String,
    expected: String,
    /// What is there, or `None` when the key is missing.
    actual: Option<Value>,
}

impl Mismatch {
    fn describe(&self) -> String {
        let at = if self.path.is_empty() {
            String::new()
        } else {
            format!("at {}, ", self.path)
        };
        let found = match &self.actual {
            None => "nothing (the key is absent)".to_owned(),
            Some(v) => short(v),
        };
        format!("{at}expected {}, found {found}", self.expected)
    }
}

/// A value as compact JSON, cut at 200 characters.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 200 {
        let cut: String = text.chars().take(200).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first difference between `expected` (a pattern) and `actual`, or `None` when it
/// matches. `exact` makes objects match only with the same keys.
fn first_mismatch(
    expected: &Value,
    actual: Option<&Value>,
    path: &str,
    exact: bool,
) -> Result<Option<Mismatch>, String> {
    let miss = |what: String| {
        Ok(Some(Mismatch {
            path: path.to_owned(),
            expected: what,
            actual: actual.cloned(),
        }))
    };
    let present = actual.filter(|v| !v.is_null());
    if let Some(m) = matcher(expected)? {
        return match m {
            Matcher::Any => match present {
                Some(_) => Ok(None),
                None => miss("any value".to_owned()),
            },
            Matcher::Absent => match present {
                None => Ok(None),
                Some(_) => miss("the key to be absent".to_owned()),
            },
            Matcher::StringContaining(part) => match present.and_then(Value::as_str) {
                Some(s) if s.contains(part) => Ok(None),
                _ => miss(format!("a string containing {}", Value::from(part))),
            },
            Matcher::ArrayContaining(patterns) => {
                let Some(items) = present.and_then(Value::as_array) else {
                    return miss(format!("an array containing {}", short(&patterns.into())));
                };
                for p in patterns {
                    let mut found = false;
                    for (i, item) in items.iter().enumerate() {
                        let at = format!("{path}[{i}]");
                        if first_mismatch(p, Some(item), &at, exact)?.is_none() {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return miss(format!("an array with an element matching {}", short(p)));
                    }
                }
                Ok(None)
            }
            Matcher::ObjectLike(p) => first_mismatch(p, actual, path, false),
            Matcher::Exact(p) => first_mismatch(p, actual, path, true),
        };
    }
    match expected {
        Value::Object(want) => {
            let Some(have) = present.and_then(Value::as_object) else {
                return miss("an object".to_owned());
            };
            for (k, w) in want {
                if k == "//" {
                    continue;
                }
                if let Some(m) = first_mismatch(w, have.get(k), &join(path, k), exact)? {
                    return Ok(Some(m));
                }
            }
            if exact {
                if let Some(extra) = have.keys().find(|k| *k != "//" && !want.contains_key(*k)) {
                    return Ok(Some(Mismatch {
                        path: join(path, extra),
                        expected: "no such key (exact match)".to_owned(),
                        actual: have.get(extra).cloned(),
                    }));
                }
            }
            Ok(None)
        }
        Value::Array(want) => {
            let Some(have) = present.and_then(Value::as_array) else {
                return miss(format!("an array of {} elements", want.len()));
            };
            if have.len() != want.len() {
                return miss(format!(
                    "an array of {} elements (Match::array_containing for some of them)",
                    want.len()
                ));
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                if let Some(m) = first_mismatch(w, Some(h), &format!("{path}[{i}]"), exact)? {
                    return Ok(Some(m));
                }
            }
            Ok(None)
        }
        Value::Number(n) => match actual {
            Some(Value::Number(a)) if a == n || a.as_f64() == n.as_f64() => Ok(None),
            _ => miss(n.to_string()),
        },
        Value::Null => match actual {
            Some(Value::Null) => Ok(None),
            _ => miss("null".to_owned()),
        },
        other => {
            if actual == Some(other) {
                Ok(None)
            } else {
                miss(short(other))
            }
        }
    }
}

/// What the `terraform validate` check did (see [`assert_valid_terraform`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerraformCheck {
    /// `terraform validate` passed.
    Passed,
    /// The check did not run: why (no `terraform` on PATH, or `terraform init` could not
    /// install the providers).
    Skipped(String),
}

/// A synthesized Terraform JSON configuration to make assertions on.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    json: Value,
}

/// Which top-level section a lookup is about.
#[derive(Debug, Clone, Copy)]
enum Section {
    Resource,
    Data,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Self::Resource => "resource",
            Self::Data => "data",
        }
    }
    fn what(self) -> &'static str {
        match self {
            Self::Resource => "resource",
            Self::Data => "data source",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Self::Resource => "",
            Self::Data => "data.",
        }
    }
}

/// The objects of a JSON block section, which Terraform allows as an object or an array of
/// objects.
fn objects(v: Option<&Value>) -> Vec<&Map<String, Value>> {
    match v {
        Some(Value::Object(m)) => vec![m],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// Up to three of `names` closest to `wanted`, closest first.
fn closest<'a>(wanted: &str, names: &[&'a str]) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .map(|n| (strsim::jaro_winkler(wanted, n), *n))
        .filter(|(s, _)| *s >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// "; did you mean a, b? the template has: x, y, z" for an unknown name.
fn suggestions(wanted: &str, what: &str, names: &[&str]) -> String {
    if names.is_empty() {
        return format!("; the template has no {what} at all");
    }
    let near = closest(wanted, names);
    let mut text = if near.is_empty() {
        ";".to_owned()
    } else {
        format!("; did you mean {}?", near.join(", "))
    };
    const SHOWN: usize = 30;
    let mut all: Vec<&str> = names.to_vec();
    all.sort_unstable();
    all.dedup();
    let more = all.len().saturating_sub(SHOWN);
    all.truncate(SHOWN);
    text.push_str(&format!(" the template has {what}: {}", all.join(", ")));
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

fn or_panic<T>(r: Result<T, String>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

impl Template {
    /// The template of a stack, as [`tfsynth::Stack::synth`] writes it.
    ///
    /// # Errors
    /// The stack's errors, when it is invalid.
    pub fn from_stack(stack: &tfsynth::Stack) -> Result<Self, String> {
        let text = stack
            .synth()
            .map_err(|e| format!("the stack is invalid:\n{e}"))?;
        Self::from_json(&text)
    }

    /// A template from Terraform JSON text.
    ///
    /// # Errors
    /// When the text is not a JSON object.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let json: Value = serde_json::from_str(text)
            .map_err(|e| format!("the template is not valid JSON: {e}"))?;
        if !json.is_object() {
            return Err(format!(
                "the template is {}, not a JSON object: give the text of a .tf.json file",
                type_name(&json)
            ));
        }
        Ok(Self { json })
    }

    /// The whole JSON.
    pub fn json(&self) -> &Value {
        &self.json
    }

    fn blocks_of(&self, section: Section, type_: &str) -> Vec<(&str, &Value)> {
        let mut out = Vec::new();
        for types in objects(self.json.get(section.key())) {
            for named in objects(types.get(type_)) {
                for (name, body) in named {
                    out.push((name.as_str(), body));
                }
            }
        }
        out
    }

    fn types(&self, section: Section) -> Vec<&str> {
        let mut out: Vec<&str> = objects(self.json.get(section.key()))
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The resource types declared, sorted.
    pub fn resource_types(&self) -> Vec<&str> {
        self.types(Section::Resource)
    }

    /// The data source types declared, sorted.
    pub fn data_source_types(&self) -> Vec<&str> {
        self.types(Section::Data)
    }

    /// Every resource of a type: its name and its body, in the template's order.
    pub fn resources_of(&self, type_: &str) -> Vec<(&str, &Value)> {
        self.blocks_of(Section::Resource, type_)
    }

    /// Every data source of a type: its name and its body, in the template's order.
    pub fn data_sources_of(&self, type_: &str) -> Vec<(&str, &Value)> {
        self.blocks_of(Section::Data, type_)
    }

    /// How many resource blocks of a type the template declares (a block with `count` or
    /// `for_each` counts once).
    pub fn resource_count(&self, type_: &str) -> usize {
        self.resources_of(type_).len()
    }

    /// The output names, sorted.
    pub fn output_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = objects(self.json.get("output"))
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The `value` of an output, as written (a reference is a `"${...}"` string).
    pub fn output_value(&self, name: &str) -> Option<&Value> {
        objects(self.json.get("output"))
            .into_iter()
            .find_map(|m| m.get(name))
            .and_then(|o| o.get("value"))
    }

    fn try_has(&self, section: Section, type_: &str) -> Result<(), String> {
        if self.blocks_of(section, type_).is_empty() {
            return Err(format!(
                "no {} of type {type_}{}",
                section.what(),
                suggestions(
                    type_,
                    &format!("{} types", section.what()),
                    &self.types(section)
                )
            ));
        }
        Ok(())
    }

    fn try_has_with(&self, section: Section, type_: &str, props: &Value) -> Result<(), String> {
        self.try_has(section, type_)?;
        let candidates = self.blocks_of(section, type_);
        let mut report = Vec::new();
        for (name, body) in &candidates {
            match first_mismatch(props, Some(body), "", false)? {
                None => return Ok(()),
                Some(m) => report.push(format!(
                    "  {}{type_}.{name}: {}",
                    section.prefix(),
                    m.describe()
                )),
            }
        }
        Err(format!(
            "no {} of type {type_} matches {}; {}:\n{}",
            section.what(),
            short(props),
            if candidates.len() == 1 {
                "the only one".to_owned()
            } else {
                format!("the {} of that type", candidates.len())
            },
            report.join("\n")
        ))
    }

    /// [`Template::has_resource`], returning the failure.
    ///
    /// # Errors
    /// The message, with the closest resource types.
    pub fn try_has_resource(&self, type_: &str) -> Result<(), String> {
        self.try_has(Section::Resource, type_)
    }

    /// Asserts that the template declares a resource of the type.
    ///
    /// # Panics
    /// When it does not, naming the closest resource types.
    pub fn has_resource(&self, type_: &str) {
        or_panic(self.try_has_resource(type_));
    }

    /// [`Template::has_resource_with`], returning the failure.
    ///
    /// # Errors
    /// The message, with each resource of the type and where it differs.
    pub fn try_has_resource_with(&self, type_: &str, props: Value) -> Result<(), String> {
        self.try_has_with(Section::Resource, type_, &props)
    }

    /// Asserts that some resource of the type matches `props` (see the module docs).
    ///
    /// # Panics
    /// When none does, showing each resource of the type with the first key path that differs
    /// and what it holds (or the closest types when there is none of that type).
    pub fn has_resource_with(&self, type_: &str, props: Value) {
        or_panic(self.try_has_resource_with(type_, props));
    }

    /// [`Template::assert_resource_count`], returning the failure.
    ///
    /// # Errors
    /// The message, with the names found (or the closest types when there are none).
    pub fn try_assert_resource_count(&self, type_: &str, n: usize) -> Result<(), String> {
        let found = self.resources_of(type_);
        if found.len() == n {
            return Ok(());
        }
        if found.is_empty() {
            let hint = suggestions(type_, "resource types", &self.resource_types());
            return Err(format!(
                "expected {n} resources of type {type_}, found none{hint}"
            ));
        }
        let names: Vec<&str> = found.iter().map(|(name, _)| *name).collect();
        Err(format!(
            "expected {n} resources of type {type_}, found {}: {}",
            found.len(),
            names.join(", ")
        ))
    }

    /// Asserts that the template declares exactly `n` resource blocks of the type.
    ///
    /// # Panics
    /// When it declares another number, naming them.
    pub fn assert_resource_count(&self, type_: &str, n: usize) {
        or_panic(self.try_assert_resource_count(type_, n));
    }

    /// [`Template::has_data_source`], returning the failure.
    ///
    /// # Errors
    /// The message, with the closest data source types.
    pub fn try_has_data_source(&self, type_: &str) -> Result<(), String> {
        self.try_has(Section::Data, type_)
    }

    /// Asserts that the template declares a data source of the type.
    ///
    /// # Panics
    /// When it does not, naming the closest data source types.
    pub fn has_data_source(&self, type_: &str) {
        or_panic(self.try_has_data_source(type_));
    }

    /// [`Template::has_data_source_with`], returning the failure.
    ///
    /// # Errors
    /// The message, with each data source of the type and where it differs.
    pub fn try_has_data_source_with(&self, type_: &str, props: Value) -> Result<(), String> {
        self.try_has_with(Section::Data, type_, &props)
    }

    /// Asserts that some data source of the type matches `props` (see the module docs).
    ///
    /// # Panics
    /// When none does, showing each data source of the type and where it differs.
    pub fn has_data_source_with(&self, type_: &str, props: Value) {
        or_panic(self.try_has_data_source_with(type_, props));
    }

    /// [`Template::has_output`], returning the failure.
    ///
    /// # Errors
    /// The message, with the closest output names.
    pub fn try_has_output(&self, name: &str) -> Result<(), String> {
        let names = self.output_names();
        if names.contains(&name) {
            return Ok(());
        }
        Err(format!(
            "no output {name}{}",
            suggestions(name, "outputs", &names)
        ))
    }

    /// Asserts that the template declares the output.
    ///
    /// # Panics
    /// When it does not, naming the closest outputs.
    pub fn has_output(&self, name: &str) {
        or_panic(self.try_has_output(name));
    }
}

/// [`assert_valid_terraform`], returning a failure instead of panicking.
///
/// # Errors
/// Terraform's report when `terraform validate` fails, or when `terraform init` refuses the
/// configuration (not when it only cannot download the providers: that is a skip).
pub fn try_valid_terraform(stack: &tfsynth::Stack) -> Result<TerraformCheck, String> {
    use crate::terraform::Outcome;
    match crate::terraform::validate(stack) {
        Outcome::Passed => Ok(TerraformCheck::Passed),
        Outcome::Failed(report) => Err(format!("terraform validate failed:\n{report}")),
        Outcome::InitFailed(report) => Err(format!(
            "terraform init refused the configuration:\n{report}"
        )),
        Outcome::Skipped(why) => Ok(TerraformCheck::Skipped(why)),
    }
}

/// Runs the real `terraform validate` on the stack (after `terraform init -backend=false` in
/// a temporary directory) when `terraform` is on PATH.
///
/// When Terraform is missing, or `terraform init` cannot install the providers (offline, no
/// provider mirror), it prints `assert_valid_terraform: skipped: WHY` on stderr and returns
/// [`TerraformCheck::Skipped`]: a test that must not pass silently can assert on that.
///
/// # Panics
/// With Terraform's report when validation fails or `terraform init` refuses the
/// configuration, and with the stack's errors when it is invalid.
pub fn assert_valid_terraform(stack: &tfsynth::Stack) -> TerraformCheck {
    let check = or_panic(try_valid_terraform(stack));
    if let TerraformCheck::Skipped(why) = &check {
        eprintln!("assert_valid_terraform: skipped: {why}");
    }
    check
}

/// The insta snapshot name of a stack of an app: `APP__STACK`, with every character that is
/// not a letter, digit, `-` or `_` replaced by `_` (snapshot names become file names).
pub fn snapshot_name(app: &str, stack: &str) -> String {
    format!("{}__{}", clean_name(app), clean_name(stack))
}

/// `s` with every character but ASCII letters, digits, `-` and `_` replaced by `_` (`_` for
/// an empty name).
fn clean_name(s: &str) -> String {
    if s.is_empty() {
        return "_".to_owned();
    }
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Snapshots every stack's `main.tf.json` with insta: one snapshot per stack, named after the
/// stack (see [`snapshot_name`] for the characters replaced), in `tests/snapshots/STACK.snap`
/// of the package whose tests call it. Takes the output of `App::synth_all`; review changes
/// with `cargo insta review` (or `INSTA_UPDATE=always cargo test` to accept them all).
///
/// The directory follows insta's settings: bind a [`insta::Settings`] with another
/// `snapshot_path` (relative to the package's `tests/` directory, or absolute) to move it.
///
/// ```no_run
/// # fn app() -> Vec<(String, String)> { Vec::new() }
/// // tests/snapshots.rs of your project, with `tfsynth-app = { features = ["testing"] }`
/// // in [dev-dependencies]:
/// #[test]
/// fn stacks_are_unchanged() {
///     tfsynth_app::testing::assert_stacks_snapshot(&app() /* app().synth_all().unwrap() */);
/// }
/// ```
///
/// # Panics
/// After checking every stack, naming those whose snapshot is missing or differs (insta
/// writes each new one as `.snap.new` for review and prints its diff); and, before checking
/// any, when two stacks get the same snapshot name.
#[cfg(feature = "testing")]
pub fn assert_stacks_snapshot(stacks: &[(String, String)]) {
    // The macro would place snapshots beside this file, in tfsynth-app's own sources: point
    // it at the calling package (cargo sets CARGO_MANIFEST_DIR when it runs tests).
    let package = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let mut settings = insta::Settings::clone_current();
    let dir = package.join("tests").join(settings.snapshot_path());
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let named: Vec<(String, &String)> = stacks
        .iter()
        .map(|(stack, text)| (clean_name(stack), text))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in &named {
        assert!(
            seen.insert(name),
            "two stacks snapshot as {name}: give the stacks distinct names"
        );
    }
    settings.bind(|| {
        // Every stack is checked, so one run writes every new snapshot for review.
        let mut failed = Vec::new();
        for (name, text) in named {
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                insta::assert_snapshot!(name.as_str(), text.as_str());
            }));
            if checked.is_err() {
                failed.push(name);
            }
        }
        assert!(
            failed.is_empty(),
            "the snapshots of {} do not match: review them with `cargo insta review` (or accept \
             them all with INSTA_UPDATE=always cargo test)",
            failed.join(", ")
        );
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use serde_json::json;

    fn mismatch(expected: Value, actual: Value) -> Option<String> {
        first_mismatch(&expected, Some(&actual), "", false)
            .unwrap()
            .map(|m| m.describe())
    }

    #[test]
    fn objects_match_by_subset_recursively_and_ignore_comments() {
        let actual = json!({"//": "site", "a": 1, "b": {"//": "x", "c": "d", "e": [1, 2]}});
        assert_eq!(mismatch(json!({"b": {"c": "d"}}), actual.clone()), None);
        assert_eq!(
            mismatch(json!({"//": "other", "a": 1.0}), actual.clone()),
            None
        );
        assert_eq!(
            mismatch(json!({"b": {"c": "x"}}), actual.clone()).unwrap(),
            r#"at b.c, expected "x", found "d""#
        );
        assert_eq!(
            mismatch(json!({"b": {"e": [1]}}), actual.clone()).unwrap(),
            "at b.e, expected an array of 1 elements (Match::array_containing for some of \
             them), found [1,2]"
        );
        assert_eq!(
            mismatch(json!({"b": {"e": [1, 3]}}), actual.clone()).unwrap(),
            "at b.e[1], expected 3, found 2"
        );
        assert_eq!(
            mismatch(json!({"z": null}), actual).unwrap(),
            "at z, expected null, found nothing (the key is absent)"
        );
    }

    #[test]
    fn matchers_match() {
        let actual = json!({"s": "${aws_s3_bucket.site.id}", "l": [{"k": 1}, {"k": 2}], "n": null});
        assert_eq!(mismatch(json!({"s": Match::any()}), actual.clone()), None);
        assert_eq!(
            mismatch(json!({"n": Match::any()}), actual.clone()).unwrap(),
            "at n, expected any value, found null"
        );
        assert_eq!(
            mismatch(
                json!({"n": Match::absent(), "q": Match::absent()}),
                actual.clone()
            ),
            None
        );
        assert_eq!(
            mismatch(json!({"s": Match::absent()}), actual.clone()).unwrap(),
            r#"at s, expected the key to be absent, found "${aws_s3_bucket.site.id}""#
        );
        assert_eq!(
            mismatch(
                json!({"s": Match::string_containing("site.id")}),
                actual.clone()
            ),
            None
        );
        assert_eq!(
            mismatch(
                json!({"s": Match::string_containing("logs")}),
                actual.clone()
            )
            .unwrap(),
            r#"at s, expected a string containing "logs", found "${aws_s3_bucket.site.id}""#
        );
        assert_eq!(
            mismatch(
                json!({"l": Match::array_containing(vec![json!({"k": 2})])}),
                actual.clone()
            ),
            None
        );
        assert_eq!(
            mismatch(
                json!({"l": Match::array_containing(vec![json!({"k": 3})])}),
                actual.clone()
            )
            .unwrap(),
            r#"at l, expected an array with an element matching {"k":3}, found [{"k":1},{"k":2}]"#
        );
        assert_eq!(
            mismatch(
                json!({"l": [{"k": 1}, Match::object_like(json!({}))]}),
                actual.clone()
            ),
            None
        );
        assert_eq!(
            mismatch(
                Match::exact(json!({"s": Match::any(), "l": Match::any(), "n": null})),
                actual.clone()
            ),
            None
        );
        assert_eq!(
            mismatch(Match::exact(json!({"s": Match::any()})), actual.clone()).unwrap(),
            "at l, expected no such key (exact match), found [{\"k\":1},{\"k\":2}]"
        );
        let bad = json!({ MATCH_KEY: "regex", "value": "x" });
        let e = first_mismatch(&json!({"s": bad}), Some(&actual), "", false).unwrap_err();
        assert!(
            e.starts_with("invalid matcher {\"$tfsynth_match\":\"regex\""),
            "{e}"
        );
    }

    #[test]
    fn closest_names_come_first() {
        let names = ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_iam_role"];
        assert_eq!(
            closest("aws_s3_bukcet", &names),
            ["aws_s3_bucket", "aws_s3_bucket_versioning"]
        );
        assert!(closest("zzz", &names).is_empty());
    }

    #[test]
    fn snapshot_names_are_file_names() {
        assert_eq!(snapshot_name("infra", "network"), "infra__network");
        assert_eq!(snapshot_name("my app", "a/b.c"), "my_app__a_b_c");
    }
}

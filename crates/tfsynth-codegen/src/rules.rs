//! Provider facts beyond the schema: the validation rules of `data/aws-rules.json` (extracted
//! from the provider's source by `scripts/provider-data`), matched against the pinned schema.
//!
//! - An `enum` rule on a string argument makes the argument's setter take a generated Rust
//!   enum (one per SDK enum type per service, in `<service>::enums`) or an expression
//!   ([`ENUM_VALUE`]); the values also go into the type's rule table (`Check::OneOf`).
//! - Every other rule, and the `enum` rules on elements (`x.*`), go into the type's rule table
//!   (`tfsynth::provider_rules::TypeRules`), returned by `Block::rules`.
//! - A rule whose path the schema lacks is skipped; a pattern `regex-lite` (the engine the
//!   core checks patterns with) cannot compile, such as one with Unicode classes, a format the core does not know, and a rule the
//!   extraction marked `plan_only` are left to the provider's plan. All of them are counted in
//!   [`RulesStats`].

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::model::{FieldKind, Ty, TypeModel};
use crate::Error;

/// The committed rules of the aws provider.
pub const AWS_RULES: &str = "crates/tfsynth-codegen/data/aws-rules.json";

/// The rules document (`format` 1).
#[derive(Debug, Clone, Deserialize)]
pub struct RulesDoc {
    /// The format version: 1.
    pub format: u32,
    /// Where the rules come from (versions, commit), as the extraction wrote it.
    #[serde(default)]
    pub source: serde_json::Value,
    /// SDK enum types by `<go package>.<TypeName>`.
    #[serde(default)]
    pub enums: BTreeMap<String, EnumDef>,
    /// Rules of resource types.
    #[serde(default)]
    pub resources: BTreeMap<String, TypeRulesIn>,
    /// Rules of data source types.
    #[serde(default)]
    pub data_sources: BTreeMap<String, TypeRulesIn>,
}

/// An SDK enum type.
#[derive(Debug, Clone, Deserialize)]
pub struct EnumDef {
    /// Its values, in the provider's order.
    pub values: Vec<String>,
    /// Where the values come from.
    #[serde(default)]
    pub from: String,
}

/// The rules of one type.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TypeRulesIn {
    /// Rules by argument path.
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<Rule>>,
    /// Rules on groups of arguments.
    #[serde(default)]
    pub constraints: Vec<Constraint>,
}

/// One rule on one argument.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Rule {
    Enum {
        #[serde(rename = "enum")]
        key: String,
        #[serde(default)]
        ignore_case: bool,
    },
    OneOf {
        values: Vec<String>,
        #[serde(default)]
        ignore_case: bool,
    },
    IntOneOf {
        values: Vec<i64>,
    },
    IntRange {
        min: Option<i64>,
        max: Option<i64>,
    },
    FloatRange {
        min: Option<f64>,
        max: Option<f64>,
    },
    Length {
        min: Option<u64>,
        max: Option<u64>,
        #[serde(default)]
        unit: String,
    },
    Pattern {
        regex: String,
        #[serde(default)]
        message: Option<String>,
        #[serde(default)]
        negate: bool,
        #[serde(default)]
        plan_only: bool,
    },
    Format {
        format: String,
    },
    Items {
        min: Option<u64>,
        max: Option<u64>,
    },
    /// A kind this generator does not know: skipped and reported.
    #[serde(other)]
    Unknown,
}

/// A rule on a group of arguments.
#[derive(Debug, Clone, Deserialize)]
pub struct Constraint {
    /// `conflicts_with`, `exactly_one_of`, `at_least_one_of`, `required_with`.
    pub kind: String,
    /// The argument it is declared on.
    pub path: String,
    /// The others.
    pub others: Vec<String>,
}

impl RulesDoc {
    /// Parses a rules document.
    ///
    /// # Errors
    /// When it is not JSON of format 1.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let doc: Self = serde_json::from_str(text)
            .map_err(|e| Error::Schema(format!("not a rules document: {e}")))?;
        if doc.format != 1 {
            return Err(Error::Schema(format!(
                "rules format {} (this generator reads format 1)",
                doc.format
            )));
        }
        Ok(doc)
    }

    /// A one-line description of the source, for the docs.
    pub fn source_line(&self) -> String {
        match &self.source {
            serde_json::Value::Object(m) => m
                .iter()
                .filter(|(k, _)| k.as_str() != "note")
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k} {s}"),
                    v => format!("{k} {v}"),
                })
                .collect::<Vec<_>>()
                .join(", "),
            serde_json::Value::Null => String::new(),
            v => v.to_string(),
        }
    }
}

/// What the rules made of the bindings, and what they left out.
#[derive(Debug, Clone, Default)]
pub struct RulesStats {
    /// Generated Rust enums (one per SDK enum type per service).
    pub enums: usize,
    /// Arguments typed with an enum.
    pub enum_args: usize,
    /// Types with a rule table.
    pub tables: usize,
    /// Table entries by kind (`one_of`, `int_range`, ..., `conflicts_with`, `sensitive`).
    pub by_kind: BTreeMap<String, usize>,
    /// Per service: (enums, enum arguments, table entries).
    pub by_service: BTreeMap<String, (usize, usize, usize)>,
    /// Descriptions taken from the docs file.
    pub described: usize,
    /// Arguments and blocks the docs file marks deprecated.
    pub deprecated: usize,
    /// `items` rules with at most one on a block the builder already takes at most one of.
    pub typed_items: usize,
    /// Rules whose path the pinned schema lacks: `type path (kind)`.
    pub skipped: Vec<String>,
    /// Rules left to the provider's plan: `type path: why`.
    pub plan_only: Vec<String>,
}

/// The `EnumValue` type every enum setter takes (`tfsynth::provider_rules`), re-exported into
/// the crate's `common` module.
pub const ENUM_VALUE: &str = "
#[doc(no_inline)]
pub use tfsynth::provider_rules::{EnumValue, ProviderEnum};
";

/// An enum argument: the generated enum it takes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnumRef {
    /// The service module it is defined in.
    pub service: String,
    /// Its Rust name.
    pub name: String,
    /// The argument is a list or set of the enum's values (`architectures`), not one value.
    pub list: bool,
}

impl EnumRef {
    /// Its path from inside the crate.
    pub fn path(&self) -> String {
        format!("crate::{}::enums::{}", self.service, self.name)
    }

    /// The type of the argument's value: `EnumValue<E>`, or `EnumValues<E>` for a list.
    pub fn value_ty(&self) -> String {
        let kind = if self.list { "EnumValues" } else { "EnumValue" };
        format!("tfsynth::provider_rules::{kind}<{}>", self.path())
    }
}

/// One generated enum.
#[derive(Debug, Clone)]
pub struct EnumOut {
    /// Its Rust name.
    pub name: String,
    /// The SDK key (`lambda.Runtime`); empty for a `one_of` list.
    pub key: String,
    /// Where the values come from (for a `one_of` list: the arguments that take it).
    pub from: String,
    /// `(variant, value)` in the provider's order.
    pub variants: Vec<(String, String)>,
}

/// The variant names of an enum's values, by one rule:
///
/// 1. the value is cut into words at every character that is not an ASCII letter or digit
///    (`nodejs20.x` -> `nodejs20`, `x`);
/// 2. each word gets its first letter upper-cased, an all-upper-case word of two or more
///    letters the rest lower-cased (`ALL_TRAFFIC` -> `AllTraffic`), any other word keeps its
///    case (`PassThrough`);
/// 3. the words are joined, with `_` between two digits (`python3.12` -> `Python3_12`,
///    `x86_64` -> `X86_64`); a name that starts with a digit gets a leading `V`
///    (`1.0` -> `V1_0`); no letter or digit at all gives `Value`; `Self` gets the suffix
///    `Value`;
/// 4. when two values give the same name (`gp2` and `GP2`), the first in the provider's list
///    keeps it and each next one gets `_2`, `_3`, ... in list order (the first
///    number whose name is not taken).
pub fn variant_names(values: &[String]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    values
        .iter()
        .map(|v| {
            let base = variant_name(v);
            let mut name = base.clone();
            let mut n = 1;
            while taken.contains(&name) {
                n += 1;
                name = format!("{base}_{n}");
            }
            taken.insert(name.clone());
            name
        })
        .collect()
}

fn variant_name(value: &str) -> String {
    let mut out = String::new();
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let letters: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).collect();
        let all_upper = letters.len() >= 2 && letters.iter().all(char::is_ascii_uppercase);
        let mut chars = word.chars();
        let first = chars.next().unwrap_or_default();
        if out.ends_with(|c: char| c.is_ascii_digit()) && first.is_ascii_digit() {
            out.push('_');
        }
        out.push(first.to_ascii_uppercase());
        let rest: String = chars.collect();
        if all_upper {
            out.push_str(&rest.to_ascii_lowercase());
        } else {
            out.push_str(&rest);
        }
    }
    if out.is_empty() {
        return "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push_str("Value");
    }
    out
}

/// The Rust source of one service's `enums` module.
///
/// Each enum is fieldless (`Copy`; its derives compare discriminants, with no code per value):
/// `as_str` indexes `VALUES` by the discriminant, and `unlisted` makes an argument's
/// `EnumValue` directly.
pub fn enums_file(enums: &[EnumOut], provider: &str) -> String {
    let mut out = String::new();
    for e in enums {
        let n = &e.name;
        let what = if e.key.is_empty() {
            format!(
                "The values {provider} accepts for {} (the provider's `one_of` list).",
                e.from
            )
        } else {
            format!(
                "`{}`: the values {provider} accepts (from `{}`).",
                e.key, e.from
            )
        };
        let d = format!(
            "{what}\n\n\
             An argument of this type takes a variant or an `Expr<String>` (a variable, another \
             resource's attribute), never a string literal. A value newer than the pinned \
             provider: [`{n}::unlisted`]`(\"...\")`, written as given and not checked by \
             tfsynth. `Display` and [`{n}::as_str`] give the provider's exact string."
        );
        crate::emit::doc(&mut out, "", &d);
        out.push_str("#[derive(Clone, Copy, PartialEq, Eq, Hash)]\n");
        out.push_str("#[non_exhaustive]\n");
        out.push_str(&format!("pub enum {n} {{\n"));
        for (v, _) in &e.variants {
            out.push_str(&format!("    {v},\n"));
        }
        out.push_str("}\n\n");
        out.push_str(&format!("impl {n} {{\n"));
        out.push_str(
            "    /// The values the pinned provider lists, in the order of the variants.\n",
        );
        out.push_str("    pub const VALUES: &'static [&'static str] = &[");
        for (_, s) in &e.variants {
            out.push_str(&format!("{s:?}, "));
        }
        out.push_str("];\n\n");
        out.push_str("    /// The provider's exact string.\n");
        out.push_str("    #[inline]\n");
        out.push_str("    pub fn as_str(self) -> &'static str {\n");
        out.push_str("        Self::VALUES[self as usize]\n    }\n\n");
        out.push_str(
            "    /// A value the pinned provider does not list yet, for an argument of this type: \
             written as given, not checked by tfsynth (the provider checks it at plan).\n",
        );
        out.push_str(&format!(
            "    pub fn unlisted(value: impl Into<String>) -> tfsynth::provider_rules::EnumValue<{n}> {{\n"
        ));
        out.push_str("        tfsynth::provider_rules::EnumValue::unlisted(value)\n    }\n}\n\n");
        out.push_str(&format!(
            "impl std::fmt::Display for {n} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n\n"
        ));
        out.push_str(&format!(
            "impl std::fmt::Debug for {n} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.debug_tuple(\"{n}\").field(&self.as_str()).finish()\n    }}\n}}\n\n"
        ));
        out.push_str(&format!(
            "impl tfsynth::provider_rules::ProviderEnum for {n} {{\n    #[inline]\n    fn as_str(self) -> &'static str {{\n        {n}::as_str(self)\n    }}\n}}\n\n"
        ));
    }
    out
}

/// One type's model fields by path from its root (`tracing_config.mode`): (def, field).
fn field_index(model: &TypeModel) -> BTreeMap<String, (usize, usize)> {
    let mut idx = BTreeMap::new();
    for (di, def) in model.defs.iter().enumerate() {
        let prefix = if di == 0 {
            String::new()
        } else {
            match def.path.strip_prefix(&format!("{}.", model.defs[0].path)) {
                Some(p) => format!("{p}."),
                None => continue,
            }
        };
        for (fi, f) in def.fields.iter().enumerate() {
            idx.insert(format!("{prefix}{}", f.name), (di, fi));
        }
    }
    idx
}

fn opt<T: std::fmt::Debug>(v: Option<T>) -> String {
    match v {
        Some(v) => format!("Some({v:?})"),
        None => "None".into(),
    }
}

fn format_variant(f: &str) -> Option<&'static str> {
    Some(match f {
        "arn" => "Arn",
        "cidr" => "Cidr",
        "ipv4_cidr" => "Ipv4Cidr",
        "ipv6_cidr" => "Ipv6Cidr",
        "ipv4" => "Ipv4",
        "ipv6" => "Ipv6",
        "json" => "Json",
        "base64" => "Base64",
        "rfc3339" => "Rfc3339",
        _ => return None,
    })
}

/// A type's rules as the Rust expression of its `TypeRules`, or `None` when it has none.
struct Table {
    args: Vec<String>,
    groups: Vec<String>,
    sensitive: Vec<String>,
}

/// One item to apply rules to.
#[derive(Debug)]
pub struct Target<'a> {
    /// The type's model (fields get their enums, the model its table).
    pub model: &'a mut TypeModel,
    /// Its service.
    pub service: &'a str,
    /// A data source.
    pub is_data: bool,
}

/// Applies the rules to the models: sets the enum of each enum argument and the rule table of
/// each type with rules or sensitive attributes. Returns the enums of each service and what
/// was done.
///
/// `enum_services`, when given, limits the typed enum arguments to those services (the build
/// budget); the others keep strings and their values stay in the tables.
pub fn apply(
    doc: &RulesDoc,
    targets: &mut [Target<'_>],
    enum_services: Option<&[String]>,
) -> (BTreeMap<String, Vec<EnumOut>>, RulesStats) {
    let typed = |svc: &str| enum_services.is_none_or(|l| l.iter().any(|s| s == svc));
    let mut stats = RulesStats::default();
    // Pass 1: which SDK enums each service types arguments with, and the value lists of
    // `one_of` rules (`StringInSlice`, `stringvalidator.OneOf`) on arguments it types.
    let mut wanted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut one_ofs: BTreeMap<String, OneOfLists> = BTreeMap::new();
    for t in targets.iter() {
        let Some(tr) = rules_of(doc, t) else { continue };
        let index = field_index(t.model);
        for (path, rules) in &tr.attributes {
            if !typed(t.service) || enum_target(t.model, &index, path).is_none() {
                continue;
            }
            for r in rules {
                match r {
                    Rule::Enum { key, .. }
                        if doc.enums.get(key).is_some_and(|d| !d.values.is_empty()) =>
                    {
                        wanted
                            .entry(t.service.to_owned())
                            .or_default()
                            .insert(key.clone());
                    }
                    Rule::OneOf { values, .. } if !values.is_empty() => {
                        let arg = path.strip_suffix(".*").unwrap_or(path).to_owned();
                        one_ofs
                            .entry(t.service.to_owned())
                            .or_default()
                            .entry(values.clone())
                            .or_default()
                            .insert((arg, t.model.type_name.clone()));
                    }
                    _ => {}
                }
            }
        }
    }
    // Names: the SDK type's name (see `short`); two of one service named alike are prefixed
    // with their package (`Ec2Tenancy`).
    let mut names: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut enums: BTreeMap<String, Vec<EnumOut>> = BTreeMap::new();
    let no_keys = BTreeSet::new();
    let services: BTreeSet<&String> = wanted.keys().chain(one_ofs.keys()).collect();
    for svc in services {
        let keys = wanted.get(svc).unwrap_or(&no_keys);
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for k in keys {
            *count.entry(short(k)).or_default() += 1;
        }
        let mut taken = BTreeSet::new();
        for k in keys {
            let s = short(k);
            let mut n = if count[&s] > 1 {
                let pkg = k.rsplit_once('.').map_or("", |(p, _)| p);
                format!(
                    "{}{s}",
                    crate::names::type_name(&pkg.replace(['/', '.'], "_"))
                )
            } else {
                s
            };
            if crate::names::RESERVED_TYPES.contains(&n.as_str())
                || ["EnumValue", "ProviderEnum", "fmt"].contains(&n.as_str())
            {
                n.push_str("Enum");
            }
            while !taken.insert(n.clone()) {
                n.push('_');
            }
            let def = &doc.enums[k];
            let vn = variant_names(&def.values);
            enums.entry(svc.clone()).or_default().push(EnumOut {
                name: n.clone(),
                key: k.clone(),
                from: def.from.clone(),
                variants: vn.into_iter().zip(def.values.iter().cloned()).collect(),
            });
            names.insert((svc.clone(), k.clone()), n);
        }
        let mut n_enums = keys.len();
        // A `one_of` list: the SDK enum of the service with the same values in the same
        // order, else an enum of its own, named after the argument (the first by name when
        // several arguments take the list: `CpuCredits`), or when that name is taken after its
        // block and the argument (`HealthCheckProtocol`), or after the type and the argument
        // (`Ec2ManagedPrefixListAddressFamily`); `_` is appended while the name is taken.
        for (values, args) in one_ofs.get(svc).into_iter().flatten() {
            let key = one_of_key(values);
            let same = enums.get(svc).and_then(|list| {
                list.iter()
                    .find(|e| e.variants.iter().map(|(_, v)| v).eq(values.iter()))
                    .map(|e| e.name.clone())
            });
            if let Some(n) = same {
                names.insert((svc.clone(), key), n);
                continue;
            }
            // The first argument by its last name, then by path and type.
            let Some((path, ty)) = args
                .iter()
                .min_by_key(|(p, t)| (p.rsplit('.').next().unwrap_or(p), p.len(), p, t))
            else {
                continue;
            };
            let segs: Vec<&str> = path.split('.').collect();
            let last = crate::names::type_name(segs[segs.len() - 1]);
            let mut candidates = vec![last.clone()];
            if segs.len() > 1 {
                candidates.push(format!(
                    "{}{last}",
                    crate::names::type_name(segs[segs.len() - 2])
                ));
            }
            let short_ty = ty.strip_prefix("aws_").unwrap_or(ty);
            candidates.push(format!("{}{last}", crate::names::type_name(short_ty)));
            let free = |n: &String| {
                !taken.contains(n)
                    && !crate::names::RESERVED_TYPES.contains(&n.as_str())
                    && !["EnumValue", "EnumValues", "ProviderEnum", "fmt"].contains(&n.as_str())
            };
            let mut n = candidates
                .iter()
                .find(|n| free(n))
                .unwrap_or(&candidates[candidates.len() - 1])
                .clone();
            while !taken.insert(n.clone()) {
                n.push('_');
            }
            let used: Vec<String> = args.iter().map(|(a, t)| format!("`{t}.{a}`")).collect();
            enums.entry(svc.clone()).or_default().push(EnumOut {
                name: n.clone(),
                key: String::new(),
                from: used.join(", "),
                variants: variant_names(values)
                    .into_iter()
                    .zip(values.iter().cloned())
                    .collect(),
            });
            names.insert((svc.clone(), key), n);
            n_enums += 1;
        }
        stats.by_service.entry(svc.clone()).or_default().0 = n_enums;
        stats.enums += n_enums;
    }
    // Pass 2: the enum arguments and the tables.
    for t in targets.iter_mut() {
        let mut table = Table {
            args: Vec::new(),
            groups: Vec::new(),
            sensitive: sensitive_paths(t.model),
        };
        let tn = t.model.type_name.clone();
        let mut entries = 0;
        let mut enum_args = 0;
        if let Some(tr) = rules_of(doc, t) {
            let index = field_index(t.model);
            for (path, rules) in &tr.attributes {
                let base = path.strip_suffix(".*").unwrap_or(path);
                if !index.contains_key(base) {
                    for r in rules {
                        stats
                            .skipped
                            .push(format!("{tn} {path} ({})", kind_name(r)));
                    }
                    continue;
                }
                for r in rules {
                    let check = match r {
                        Rule::Enum { key, ignore_case } => {
                            let Some(def) = doc.enums.get(key).filter(|d| !d.values.is_empty())
                            else {
                                stats.skipped.push(format!(
                                    "{tn} {path} (enum `{key}` not in the file, or empty)"
                                ));
                                continue;
                            };
                            // The values: the enum's `VALUES` when the argument takes one.
                            let mut values = format!("&{:?}", def.values);
                            let name = names.get(&(t.service.to_owned(), key.clone()));
                            if let Some(e) = type_arg(t, &index, path, name, &mut enum_args) {
                                values = format!("{}::VALUES", e.path());
                            }
                            *stats.by_kind.entry("one_of (enum)".into()).or_default() += 1;
                            format!("C::OneOf {{ values: {values}, ignore_case: {ignore_case} }}")
                        }
                        Rule::OneOf {
                            values,
                            ignore_case,
                        } => {
                            let name = names.get(&(t.service.to_owned(), one_of_key(values)));
                            let values = match type_arg(t, &index, path, name, &mut enum_args) {
                                Some(e) => format!("{}::VALUES", e.path()),
                                None => format!("&{values:?}"),
                            };
                            format!("C::OneOf {{ values: {values}, ignore_case: {ignore_case} }}")
                        }
                        Rule::IntOneOf { values } => {
                            format!("C::IntOneOf {{ values: &{values:?} }}")
                        }
                        Rule::IntRange { min, max } => {
                            format!("C::IntRange {{ min: {}, max: {} }}", opt(*min), opt(*max))
                        }
                        Rule::FloatRange { min, max } => {
                            format!("C::FloatRange {{ min: {}, max: {} }}", opt(*min), opt(*max))
                        }
                        Rule::Length { min, max, unit } => format!(
                            "C::Length {{ min: {}, max: {}, chars: {} }}",
                            opt(*min),
                            opt(*max),
                            unit == "chars"
                        ),
                        Rule::Pattern {
                            regex,
                            message,
                            negate,
                            plan_only,
                        } => {
                            if *plan_only {
                                stats
                                    .plan_only
                                    .push(format!("{tn} {path}: pattern marked plan-only"));
                                continue;
                            }
                            if let Err(e) = regex_lite::Regex::new(regex) {
                                let why = e.to_string();
                                let why = why.lines().last().unwrap_or("").trim().to_owned();
                                stats.plan_only.push(format!(
                                    "{tn} {path}: pattern `{regex}` does not compile in regex-lite ({why})"
                                ));
                                continue;
                            }
                            format!(
                                "C::Pattern {{ regex: {regex:?}, message: {}, negate: {negate} }}",
                                opt(message.as_deref())
                            )
                        }
                        Rule::Format { format } => match format_variant(format) {
                            Some(v) => format!("C::Format(F::{v})"),
                            None => {
                                stats
                                    .plan_only
                                    .push(format!("{tn} {path}: format `{format}`"));
                                continue;
                            }
                        },
                        // A block of at most one is already at most one in its builder.
                        Rule::Items { min, max }
                            if *max == Some(1)
                                && min.unwrap_or(0) == 0
                                && is_single_block(t.model, &index, base) =>
                        {
                            stats.typed_items += 1;
                            continue;
                        }
                        Rule::Items { min, max } => {
                            format!("C::Items {{ min: {}, max: {} }}", opt(*min), opt(*max))
                        }
                        Rule::Unknown => {
                            stats.skipped.push(format!("{tn} {path} (unknown kind)"));
                            continue;
                        }
                    };
                    if !matches!(r, Rule::Enum { .. }) {
                        *stats.by_kind.entry(kind_name(r).into()).or_default() += 1;
                    }
                    table
                        .args
                        .push(format!("A {{ path: {path:?}, check: {check} }}"));
                    entries += 1;
                }
            }
            for c in &tr.constraints {
                let kind = match c.kind.as_str() {
                    "conflicts_with" => "ConflictsWith",
                    "exactly_one_of" => "ExactlyOneOf",
                    "at_least_one_of" => "AtLeastOneOf",
                    "required_with" => "RequiredWith",
                    other => {
                        stats
                            .skipped
                            .push(format!("{tn} {} (constraint `{other}`)", c.path));
                        continue;
                    }
                };
                if let Some(missing) = std::iter::once(&c.path)
                    .chain(&c.others)
                    .find(|p| !index.contains_key(p.as_str()))
                {
                    stats
                        .skipped
                        .push(format!("{tn} {} ({} naming `{missing}`)", c.path, c.kind));
                    continue;
                }
                *stats.by_kind.entry(c.kind.clone()).or_default() += 1;
                table.groups.push(format!(
                    "G {{ kind: K::{kind}, path: {:?}, others: &{:?} }}",
                    c.path, c.others
                ));
                entries += 1;
            }
        }
        if !table.sensitive.is_empty() {
            *stats.by_kind.entry("sensitive".into()).or_default() += table.sensitive.len();
        }
        if table.args.is_empty() && table.groups.is_empty() && table.sensitive.is_empty() {
            continue;
        }
        stats.tables += 1;
        stats.enum_args += enum_args;
        let s = stats.by_service.entry(t.service.to_owned()).or_default();
        s.1 += enum_args;
        s.2 += entries;
        t.model.rules = Some(format!(
            "TypeRules {{ args: &[{}], groups: &[{}], sensitive: &{:?} }}",
            table.args.join(", "),
            table.groups.join(", "),
            table.sensitive
        ));
    }
    (enums, stats)
}

fn rules_of<'d>(doc: &'d RulesDoc, t: &Target<'_>) -> Option<&'d TypeRulesIn> {
    if t.is_data {
        doc.data_sources.get(&t.model.type_name)
    } else {
        doc.resources.get(&t.model.type_name)
    }
}

/// An enum's Rust name: the SDK type's name, without a trailing `Enum`
/// (`LoadBalancerTypeEnum` -> `LoadBalancerType`).
fn short(key: &str) -> String {
    let s = key.rsplit_once('.').map_or(key, |(_, s)| s);
    let s = s
        .strip_suffix("Enum")
        .filter(|s| !s.is_empty())
        .unwrap_or(s);
    crate::names::type_name(s)
}

/// The field an `enum` or `one_of` rule types: a settable string argument, or (a rule on the
/// elements, `x.*`) a settable list or set of strings. The last: whether it is the list.
fn enum_target(
    model: &TypeModel,
    index: &BTreeMap<String, (usize, usize)>,
    path: &str,
) -> Option<(usize, usize, bool)> {
    let (base, list) = match path.strip_suffix(".*") {
        Some(base) => (base, true),
        None => (path, false),
    };
    let &(di, fi) = index.get(base)?;
    match &model.defs[di].fields[fi].kind {
        FieldKind::Attr {
            ty,
            settable,
            required,
            ..
        } if *settable || *required => {
            let fits = match ty {
                Ty::String => !list,
                Ty::List(e) | Ty::Set(e) => list && **e == Ty::String,
                _ => false,
            };
            fits.then_some((di, fi, list))
        }
        _ => None,
    }
}

/// A service's `one_of` value lists, each with the `(argument path, type)`s that take it.
type OneOfLists = BTreeMap<Vec<String>, BTreeSet<(String, String)>>;

/// The key of a `one_of` value list in the names of a service's enums.
fn one_of_key(values: &[String]) -> String {
    format!("one_of\u{0}{}", values.join("\u{0}"))
}

/// Types the argument at `path` with the enum `name` (when it has one and the argument can
/// take it); returns the enum.
fn type_arg(
    t: &mut Target<'_>,
    index: &BTreeMap<String, (usize, usize)>,
    path: &str,
    name: Option<&String>,
    enum_args: &mut usize,
) -> Option<EnumRef> {
    let name = name?;
    let (di, fi, list) = enum_target(t.model, index, path)?;
    let e = EnumRef {
        service: t.service.to_owned(),
        name: name.clone(),
        list,
    };
    t.model.defs[di].fields[fi].enum_ty = Some(e.clone());
    *enum_args += 1;
    Some(e)
}

fn is_single_block(
    model: &TypeModel,
    index: &BTreeMap<String, (usize, usize)>,
    path: &str,
) -> bool {
    index.get(path).is_some_and(|&(di, fi)| {
        matches!(
            model.defs[di].fields[fi].kind,
            FieldKind::Block {
                multiplicity: crate::model::Multiplicity::One,
                ..
            }
        )
    })
}

fn sensitive_paths(model: &TypeModel) -> Vec<String> {
    let root = &model.defs[0].path;
    let mut out = Vec::new();
    for (di, def) in model.defs.iter().enumerate() {
        let prefix = if di == 0 {
            String::new()
        } else {
            match def.path.strip_prefix(&format!("{root}.")) {
                Some(p) => format!("{p}."),
                None => continue,
            }
        };
        for f in &def.fields {
            if f.sensitive {
                out.push(format!("{prefix}{}", f.name));
            }
        }
    }
    out.sort();
    out
}

fn kind_name(r: &Rule) -> &'static str {
    match r {
        Rule::Enum { .. } => "enum",
        Rule::OneOf { .. } => "one_of",
        Rule::IntOneOf { .. } => "int_one_of",
        Rule::IntRange { .. } => "int_range",
        Rule::FloatRange { .. } => "float_range",
        Rule::Length { .. } => "length",
        Rule::Pattern { .. } => "pattern",
        Rule::Format { .. } => "format",
        Rule::Items { .. } => "items",
        Rule::Unknown => "unknown",
    }
}

/// The committed docs of the aws provider: descriptions, sensitive, deprecated and item counts
/// from the provider's real schema, by the pinned schema's paths.
pub const AWS_DOCS: &str = "crates/tfsynth-codegen/data/aws-docs.json";

/// The docs document (`format` 1).
#[derive(Debug, Clone, Deserialize)]
pub struct DocsDoc {
    /// The format version: 1.
    pub format: u32,
    /// Where the docs come from.
    #[serde(default)]
    pub source: serde_json::Value,
    /// Resource types.
    #[serde(default)]
    pub resources: BTreeMap<String, TypeDocs>,
    /// Data source types.
    #[serde(default)]
    pub data_sources: BTreeMap<String, TypeDocs>,
}

/// The docs of one type.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TypeDocs {
    /// The type's description.
    #[serde(default)]
    pub description: Option<String>,
    /// The type is deprecated (`true`, or the message).
    #[serde(default)]
    pub deprecated: Option<serde_json::Value>,
    /// By argument or block path.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrDocs>,
}

/// The docs of one argument or block.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AttrDocs {
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Sensitive.
    #[serde(default)]
    pub sensitive: bool,
    /// Deprecated (`true`, or the message).
    #[serde(default)]
    pub deprecated: Option<serde_json::Value>,
    /// `min_items`
    #[serde(default)]
    pub min_items: Option<u64>,
    /// `max_items`
    #[serde(default)]
    pub max_items: Option<u64>,
}

impl DocsDoc {
    /// Parses a docs document.
    ///
    /// # Errors
    /// When it is not JSON of format 1.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let doc: Self = serde_json::from_str(text)
            .map_err(|e| Error::Schema(format!("not a docs document: {e}")))?;
        if doc.format != 1 {
            return Err(Error::Schema(format!(
                "docs format {} (this generator reads format 1)",
                doc.format
            )));
        }
        Ok(doc)
    }
}

fn deprecation(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Bool(true) => Some(String::new()),
        serde_json::Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Applies the docs to the models: descriptions where the schema has none, sensitive and
/// deprecated flags, item counts the schema lost, and each type's registry page
/// (`https://registry.terraform.io/providers/<source>/<version>/docs/resources/<name>`).
/// Returns the number of (descriptions, deprecated arguments) applied.
pub fn apply_docs(
    docs: &DocsDoc,
    targets: &mut [Target<'_>],
    source: &str,
    version: &str,
    local_name: &str,
) -> (usize, usize) {
    let (mut described, mut deprecated) = (0, 0);
    for t in targets.iter_mut() {
        let tn = t.model.type_name.clone();
        let short = tn
            .strip_prefix(&format!("{local_name}_"))
            .unwrap_or(&tn)
            .to_owned();
        let kind = if t.is_data {
            "data-sources"
        } else {
            "resources"
        };
        let mut more = Vec::new();
        let td = if t.is_data {
            docs.data_sources.get(&tn)
        } else {
            docs.resources.get(&tn)
        };
        if let Some(td) = td {
            if let Some(d) = td.description.as_deref().filter(|d| !d.trim().is_empty()) {
                more.push(d.trim().to_owned());
            }
            if let Some(d) = td.deprecated.as_ref().and_then(deprecation) {
                more.push(if d.is_empty() {
                    "Deprecated by the provider.".to_owned()
                } else {
                    format!("Deprecated by the provider: {d}")
                });
            }
            let index = field_index(t.model);
            for (path, ad) in &td.attributes {
                let Some(&(di, fi)) = index.get(path.as_str()) else {
                    continue;
                };
                let f = &mut t.model.defs[di].fields[fi];
                let mut desc = f.description.clone().unwrap_or_default();
                if desc.trim().is_empty() {
                    if let Some(d) = ad.description.as_deref().filter(|d| !d.trim().is_empty()) {
                        desc = d.trim().to_owned();
                        described += 1;
                    }
                }
                // Item counts the schema does not carry (the pinned schema lost some).
                let schema_counts = match &f.kind {
                    FieldKind::Block {
                        min_items,
                        max_items,
                        ..
                    } => (min_items.filter(|m| *m > 0), *max_items),
                    FieldKind::Attr { .. } => (None, None),
                };
                let counts = (ad.min_items.filter(|m| *m > 0), ad.max_items);
                if counts != (None, None) && counts != schema_counts {
                    let mut c = Vec::new();
                    if let Some(m) = counts.0 {
                        c.push(format!("at least {m}"));
                    }
                    if let Some(m) = counts.1 {
                        c.push(format!("at most {m}"));
                    }
                    if !desc.is_empty() {
                        desc.push_str("\n\n");
                    }
                    desc.push_str(&format!("The provider takes {} items.", c.join(" and ")));
                }
                if !desc.is_empty() {
                    f.description = Some(desc);
                }
                if ad.sensitive {
                    f.sensitive = true;
                }
                if let Some(d) = ad.deprecated.as_ref().and_then(deprecation) {
                    f.deprecated = Some(d);
                    deprecated += 1;
                }
            }
        }
        more.push(format!(
            "Registry: <https://registry.terraform.io/providers/{source}/{version}/docs/{kind}/{short}>"
        ));
        t.model.doc = Some(more.join("\n\n"));
    }
    (described, deprecated)
}

#[cfg(test)]
mod tests {
    use super::variant_names;

    fn names(vs: &[&str]) -> Vec<String> {
        variant_names(&vs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn variant_names_follow_one_rule() {
        assert_eq!(
            names(&[
                "nodejs20.x",
                "python3.12",
                "x86_64",
                "provided.al2023",
                "PassThrough"
            ]),
            [
                "Nodejs20X",
                "Python3_12",
                "X86_64",
                "ProvidedAl2023",
                "PassThrough"
            ]
        );
        assert_eq!(
            names(&["ALL_TRAFFIC", "1.0", "*", "dualstack-without-public-ipv4"]),
            ["AllTraffic", "V1_0", "Value", "DualstackWithoutPublicIpv4"]
        );
        assert_eq!(names(&["self", "Unlisted"]), ["SelfValue", "Unlisted"]);
    }

    #[test]
    fn colliding_values_are_numbered_in_list_order() {
        assert_eq!(names(&["gp2", "GP2", "Gp2"]), ["Gp2", "Gp2_2", "Gp2_3"]);
        assert_eq!(names(&["a-2", "a", "A"]), ["A2", "A", "A_2"]);
    }
}

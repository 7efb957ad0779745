//! The provider rule corpus (`crates/tfsynth/tests/provider_rules_corpus/cases.json`: mistakes
//! the aws provider refuses at plan, each with a good value beside it) through the typed
//! bindings of `tfsynth-aws`, whose rule tables the code generator made from the provider's
//! rules: every bad value is refused at synth, every good one synthesizes (`tests/corpus.rs`), and
//! the good ones are written as one configuration (`src/bin/write-good.rs`) that
//! `scripts/provider-rules-corpus` runs through tf-validate and tf-plan.
//!
//! A case's values reach the typed binding through [`MetaArgs::set_override`]: a typed enum
//! setter does not even take a misspelt value (it takes the enum or an expression), so the
//! mistakes of the corpus are literals written past the typed setters, which is where the
//! rule tables still refuse them.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use tfsynth::prelude::*;
use tfsynth::{RawExpr, Resource};

mod typed;

/// The corpus: `{ provider, version, index, rules_from, cases: [...] }`.
///
/// # Panics
/// Never: the corpus is compiled in and parsed by the tests.
pub fn corpus() -> Json {
    serde_json::from_str(include_str!(
        "../../tfsynth/tests/provider_rules_corpus/cases.json"
    ))
    .unwrap_or(Json::Null)
}

/// Declares `case`'s type through its typed binding as `name`, with `value` (the case's
/// `good` or `bad` body); false for a type without a binding here.
pub fn declare(stack: &mut Stack, name: &str, case: &Json, value: &Json) -> bool {
    let blocks: BTreeSet<String> = case["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b.as_str().map(str::to_owned))
        .collect();
    let lists: BTreeSet<String> = case["lists"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b.as_str().map(str::to_owned))
        .collect();
    let shape = Shape {
        blocks: &blocks,
        lists: &lists,
    };
    typed::declare(
        stack,
        name,
        case["type"].as_str().unwrap_or_default(),
        value,
        &shape,
    )
}

/// Which paths of a case's body are blocks, and which of those the typed constructor makes as
/// a list of blocks (required, more than one allowed): their first is `path.0`.
pub(crate) struct Shape<'a> {
    blocks: &'a BTreeSet<String>,
    lists: &'a BTreeSet<String>,
}

/// `value` declared as `name`, with every leaf of `body` set over it by dotted path: single
/// blocks are entered, repeated blocks and arguments are set whole.
fn apply<R: Resource>(stack: &mut Stack, name: &str, value: R, body: &Json, shape: &Shape<'_>) {
    let mut value = value;
    let mut leaves = Vec::new();
    leaves_of(body, "", "", shape, &mut leaves);
    for (path, v) in leaves {
        value = value.set_override(&path, v);
    }
    stack.resource(name, value);
}

/// The leaves of `body` by override path; `schema` is the path without the `.0` of lists.
fn leaves_of(
    body: &Json,
    prefix: &str,
    schema: &str,
    shape: &Shape<'_>,
    out: &mut Vec<(String, RawExpr)>,
) {
    let Some(map) = body.as_object() else {
        return;
    };
    for (k, v) in map {
        let join = |p: &str| {
            if p.is_empty() {
                k.clone()
            } else {
                format!("{p}.{k}")
            }
        };
        let (mut path, schema_path) = (join(prefix), join(schema));
        if shape.blocks.contains(&schema_path) && v.is_object() {
            if shape.lists.contains(&schema_path) {
                path.push_str(".0");
            }
            if v.as_object().is_some_and(serde_json::Map::is_empty) {
                out.push((path.clone(), RawExpr::Object(tfsynth::ObjectMap::new())));
            }
            leaves_of(v, &path, &schema_path, shape, out);
        } else {
            out.push((path, literal(v)));
        }
    }
}

fn literal(v: &Json) -> RawExpr {
    match v {
        Json::Null => RawExpr::Null,
        Json::Bool(b) => RawExpr::Bool(*b),
        Json::Number(n) => RawExpr::Number(n.clone()),
        Json::String(s) => RawExpr::String(s.clone()),
        Json::Array(items) => RawExpr::Tuple(items.iter().map(literal).collect()),
        Json::Object(m) => {
            let mut map = tfsynth::ObjectMap::new();
            for (k, v) in m {
                map.insert(k.clone(), literal(v));
            }
            RawExpr::Object(map)
        }
    }
}

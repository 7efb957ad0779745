//! The corpus of provider rule mistakes (`cases.json`, see `generate.py`) as untyped blocks
//! given the case's rules: the `provider_rules_corpus` test. (`tfsynth-rules-corpus` runs the
//! same cases through the typed aws bindings.)
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeSet;

use serde_json::Value as Json;
use tfsynth::prelude::*;
use tfsynth::provider_rules::{ArgRule, Check, Format, GroupKind, GroupRule, TypeRules};
use tfsynth::{Body, RawData, RawExpr, RawResource};

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_all<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn strs(v: &Json) -> &'static [&'static str] {
    leak_all(
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| leak(s.as_str().unwrap()))
            .collect(),
    )
}

fn int(v: &Json) -> Option<i64> {
    v.as_i64()
}

fn uint(v: &Json) -> Option<u64> {
    v.as_u64()
}

fn check(v: &Json) -> Check {
    let (kind, c) = v.as_object().unwrap().iter().next().unwrap();
    match kind.as_str() {
        "OneOf" => Check::OneOf {
            values: strs(&c["values"]),
            ignore_case: c["ignore_case"].as_bool().unwrap(),
        },
        "IntOneOf" => Check::IntOneOf {
            values: leak_all(
                c["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_i64().unwrap())
                    .collect(),
            ),
        },
        "IntRange" => Check::IntRange {
            min: int(&c["min"]),
            max: int(&c["max"]),
        },
        "FloatRange" => Check::FloatRange {
            min: c["min"].as_f64(),
            max: c["max"].as_f64(),
        },
        "Length" => Check::Length {
            min: uint(&c["min"]),
            max: uint(&c["max"]),
            chars: c["chars"].as_bool().unwrap(),
        },
        "Pattern" => Check::Pattern {
            regex: leak(c["regex"].as_str().unwrap()),
            message: c["message"].as_str().map(leak),
            negate: c["negate"].as_bool().unwrap(),
        },
        "Items" => Check::Items {
            min: uint(&c["min"]),
            max: uint(&c["max"]),
        },
        "Format" => Check::Format(match c.as_str().unwrap() {
            "Arn" => Format::Arn,
            "Cidr" => Format::Cidr,
            "Ipv4Cidr" => Format::Ipv4Cidr,
            "Ipv6Cidr" => Format::Ipv6Cidr,
            "Ipv4" => Format::Ipv4,
            "Ipv6" => Format::Ipv6,
            "Json" => Format::Json,
            "Base64" => Format::Base64,
            "Rfc3339" => Format::Rfc3339,
            other => panic!("unknown format {other}"),
        }),
        other => panic!("unknown check {other}"),
    }
}

fn rules(v: &Json) -> &'static TypeRules {
    let args = v["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| ArgRule {
            path: leak(a["path"].as_str().unwrap()),
            check: check(&a["check"]),
        })
        .collect();
    let groups = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| GroupRule {
            kind: match g["kind"].as_str().unwrap() {
                "ConflictsWith" => GroupKind::ConflictsWith,
                "ExactlyOneOf" => GroupKind::ExactlyOneOf,
                "AtLeastOneOf" => GroupKind::AtLeastOneOf,
                "RequiredWith" => GroupKind::RequiredWith,
                other => panic!("unknown group {other}"),
            },
            path: leak(g["path"].as_str().unwrap()),
            others: strs(&g["others"]),
        })
        .collect();
    Box::leak(Box::new(TypeRules {
        args: leak_all(args),
        groups: leak_all(groups),
        sensitive: &[],
    }))
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

/// A body from the case's JSON: the keys at `blocks` paths are blocks (an object for one, an
/// array for several), the others arguments.
fn body(v: &Json, blocks: &BTreeSet<String>, prefix: &str) -> Body {
    let mut b = Body::new();
    for (k, v) in v.as_object().unwrap() {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        if blocks.contains(&path) {
            match v {
                Json::Array(items) => {
                    for item in items {
                        b = b.push_block(k.clone(), body(item, blocks, &path));
                    }
                }
                _ => b = b.block(k.clone(), body(v, blocks, &path)),
            }
        } else {
            b.set(k.clone(), literal(v));
        }
    }
    b
}

/// Declares the case's type as `name` in `stack`, with `value` as its body and the case's rules.
pub fn declare(stack: &mut Stack, name: &str, case: &Json, value: &Json) {
    let blocks: BTreeSet<String> = case["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_owned())
        .collect();
    let ty = case["type"].as_str().unwrap();
    let table = rules(&case["rules"]);
    let b = body(value, &blocks, "");
    if case["kind"] == "data" {
        let mut d = RawData::new(ty).with_rules(table);
        for (n, entry) in b.entries() {
            d = add(d, n, entry);
        }
        stack.data(name, d);
    } else {
        let mut r = RawResource::new(ty).with_rules(table);
        for (n, entry) in b.entries() {
            r = add(r, n, entry);
        }
        stack.resource(name, r);
    }
}

trait Add: Sized {
    fn attr_raw(self, name: &str, v: RawExpr) -> Self;
    fn block_raw(self, name: &str, b: Body) -> Self;
    fn push_raw(self, name: &str, b: Body) -> Self;
}

macro_rules! add_impl {
    ($t:ty) => {
        impl Add for $t {
            fn attr_raw(self, name: &str, v: RawExpr) -> Self {
                self.attr(name.to_owned(), v)
            }
            fn block_raw(self, name: &str, b: Body) -> Self {
                self.block(name.to_owned(), b)
            }
            fn push_raw(self, name: &str, b: Body) -> Self {
                self.push_block(name.to_owned(), b)
            }
        }
    };
}
add_impl!(RawResource);
add_impl!(RawData);

fn add<T: Add>(r: T, name: &str, entry: &tfsynth::Entry) -> T {
    match entry {
        tfsynth::Entry::Attr(v) => r.attr_raw(name, v.clone()),
        tfsynth::Entry::Block(b) => r.block_raw(name, b.clone()),
        tfsynth::Entry::Blocks(bs) => bs.iter().fold(r, |r, b| r.push_raw(name, b.clone())),
        _ => panic!("no map blocks in the corpus"),
    }
}

/// The corpus: `{ provider, version, index, rules_from, cases: [...] }`.
pub fn corpus() -> Json {
    let text = include_str!("cases.json");
    serde_json::from_str(text).unwrap()
}

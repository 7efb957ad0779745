//! The corpus through the typed aws bindings and their generated rule tables: every bad literal
//! is refused with a message naming the type, the argument and what is allowed; every good one
//! (with the type's required arguments) synthesizes.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use serde_json::Value as Json;
use tfsynth::prelude::*;
use tfsynth::Error;

fn cases() -> Vec<Json> {
    tfsynth_rules_corpus::corpus()["cases"]
        .as_array()
        .unwrap()
        .clone()
}

fn synth(case: &Json, value: &Json) -> Result<String, Vec<Error>> {
    let mut stack = Stack::new();
    assert!(
        tfsynth_rules_corpus::declare(&mut stack, "case", case, value),
        "no typed binding for {}",
        case["type"]
    );
    stack.synth().map_err(|e| e.iter().cloned().collect())
}

#[test]
fn every_case_has_a_typed_binding_and_the_corpus_spans_twenty_services() {
    let cases = cases();
    let services: BTreeSet<&str> = cases
        .iter()
        .map(|c| c["service"].as_str().unwrap())
        .collect();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    assert!(services.len() >= 20, "{services:?}");
    for case in &cases {
        let mut stack = Stack::new();
        assert!(
            tfsynth_rules_corpus::declare(&mut stack, "case", case, &case["good"]),
            "{}",
            case["type"]
        );
    }
}

#[test]
fn every_bad_literal_is_refused_by_the_generated_rules() {
    let mut failures = Vec::new();
    for case in cases() {
        let ty = case["type"].as_str().unwrap();
        let argument = case["argument"].as_str().unwrap();
        let leaf = argument.rsplit('.').next().unwrap();
        let expect = case["expect"].as_str().unwrap();
        let Err(errors) = synth(&case, &case["bad"]) else {
            failures.push(format!("{ty} {argument}: not refused"));
            continue;
        };
        let hit = errors.iter().any(|e| {
            let text = e.to_string();
            matches!(e, Error::ProviderRule { .. })
                && text.starts_with(&format!("{ty}.case"))
                && text.contains(leaf)
                && text.contains(expect)
        });
        if !hit {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            failures.push(format!("{ty} {argument}: expected {expect:?}, got {all:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_good_literal_synthesizes_through_the_typed_bindings() {
    let mut failures = Vec::new();
    for case in cases() {
        if let Err(errors) = synth(&case, &case["good"]) {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            failures.push(format!("{} {}: {all:?}", case["type"], case["argument"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! The corpus of mistakes the aws provider refuses at plan (`provider_rules_corpus/cases.json`,
//! written by `provider_rules_corpus/generate.py` from the provider's rules and source): each
//! bad literal is refused at synth with a message naming the type, the argument and what is
//! allowed, and each good literal synthesizes.
//!
//! The rules here are the provider's, given as data to an untyped block
//! ([`RawResource::with_rules`]); the generated bindings carry the same tables.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use serde_json::Value as Json;
use tfsynth::prelude::*;
use tfsynth::Error;

#[path = "provider_rules_corpus/load.rs"]
mod load;
use load::corpus;

/// The errors of a stack of the case's type with `value` as its body.
fn synth(case: &Json, value: &Json) -> Result<String, Vec<Error>> {
    let mut stack = Stack::new();
    load::declare(&mut stack, "case", case, value);
    stack.synth().map_err(|e| e.iter().cloned().collect())
}

#[test]
fn the_corpus_covers_a_hundred_mistakes_across_twenty_services() {
    let corpus = corpus();
    let cases = corpus["cases"].as_array().unwrap();
    let services: BTreeSet<&str> = cases
        .iter()
        .map(|c| c["service"].as_str().unwrap())
        .collect();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    assert!(
        services.len() >= 20,
        "{} services: {services:?}",
        services.len()
    );
    for c in cases {
        assert!(
            c["source"]
                .as_str()
                .unwrap()
                .starts_with("internal/service/"),
            "{c}"
        );
    }
}

#[test]
fn every_bad_literal_is_refused_naming_the_type_argument_and_what_is_allowed() {
    let mut failures = Vec::new();
    for case in corpus()["cases"].as_array().unwrap() {
        let ty = case["type"].as_str().unwrap();
        let argument = case["argument"].as_str().unwrap();
        let leaf = argument.rsplit('.').next().unwrap();
        let expect = case["expect"].as_str().unwrap();
        let errors = match synth(case, &case["bad"]) {
            Ok(_) => {
                failures.push(format!("{ty} {argument}: not refused"));
                continue;
            }
            Err(errors) => errors,
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
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_good_literal_synthesizes() {
    let mut failures = Vec::new();
    for case in corpus()["cases"].as_array().unwrap() {
        if let Err(errors) = synth(case, &case["good"]) {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            failures.push(format!("{} {}: {all:?}", case["type"], case["argument"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_enum_messages_list_every_allowed_value() {
    let corpus = corpus();
    let case = corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "aws_lambda_function" && c["argument"] == "runtime")
        .unwrap();
    let errors = synth(case, &case["bad"]).unwrap_err();
    let text = errors[0].to_string();
    assert!(
        text.starts_with(
            "aws_lambda_function.case (at case): runtime: expected runtime to be one of [\"nodejs\", "
        ),
        "{text}"
    );
    assert!(
        text.contains("\"python3.12\"") && text.ends_with("], got python3.99"),
        "{text}"
    );
}

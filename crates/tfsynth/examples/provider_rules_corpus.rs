//! Writes the good cases of the provider rule corpus (`tests/provider_rules_corpus`) as one
//! Terraform configuration, for `scripts/provider-rules-corpus` to validate and plan with real
//! Terraform: `cargo run -p tfsynth --example provider_rules_corpus -- OUT_DIR`.
#![allow(clippy::unwrap_used)]

#[path = "../tests/provider_rules_corpus/load.rs"]
mod load;

use tfsynth::prelude::*;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/provider-rules-corpus".into());
    let corpus = load::corpus();
    let mut stack = Stack::new();
    for (i, case) in corpus["cases"].as_array().unwrap().iter().enumerate() {
        load::declare(&mut stack, &format!("case{i}"), case, &case["good"]);
    }
    let json = match stack.synth() {
        Ok(json) => json,
        Err(errors) => {
            eprintln!("{errors}");
            std::process::exit(1);
        }
    };
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(format!("{out}/main.tf.json"), json).unwrap();
    println!(
        "{} good cases written to {out}/main.tf.json",
        corpus["cases"].as_array().unwrap().len()
    );
}

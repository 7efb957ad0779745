//! Writes the corpus's good cases, through the typed bindings, as one Terraform configuration:
//! `cargo run -p tfsynth-rules-corpus --bin write-good -- OUT_DIR` (`OUT_DIR/main.tf.json`).

use tfsynth::prelude::*;

fn main() -> std::process::ExitCode {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/provider-rules-corpus".into());
    let corpus = tfsynth_rules_corpus::corpus();
    let cases = corpus["cases"].as_array().cloned().unwrap_or_default();
    let mut stack = Stack::new();
    for (i, case) in cases.iter().enumerate() {
        if !tfsynth_rules_corpus::declare(&mut stack, &format!("case{i}"), case, &case["good"]) {
            eprintln!("no typed binding for {}", case["type"]);
            return std::process::ExitCode::FAILURE;
        }
    }
    let json = match stack.synth() {
        Ok(json) => json,
        Err(errors) => {
            eprintln!("{errors}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(format!("{out}/main.tf.json"), json))
    {
        eprintln!("cannot write {out}/main.tf.json: {e}");
        return std::process::ExitCode::FAILURE;
    }
    println!("{} good cases written to {out}/main.tf.json", cases.len());
    std::process::ExitCode::SUCCESS
}

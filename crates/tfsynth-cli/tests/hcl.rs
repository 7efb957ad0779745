//! `--format hcl` on a stack using every feature of the model: the HCL is pinned as
//! `hcl-kitchen-sink` (checked by real Terraform through `scripts/tf-validate-snapshots`),
//! accepted by `terraform fmt -check` (when terraform is on PATH), and parsed back by hcl-rs
//! with the same blocks as the JSON. The stack is the core crate's kitchen sink
//! (`crates/tfsynth/tests/fixtures/kitchen_sink.rs`), shared so that both syntaxes pin the
//! same model.

use std::process::Command;

use tfsynth::SynthOptions;

#[path = "../../tfsynth/tests/fixtures/kitchen_sink.rs"]
mod fixture;

use fixture::kitchen_sink;

fn hcl(comments: bool) -> String {
    match tfsynth::hcl::synth_hcl(&kitchen_sink(), SynthOptions { comments }) {
        Ok(text) => text,
        Err(e) => panic!("the kitchen sink is valid: {e}"),
    }
}

#[test]
fn kitchen_sink_hcl() {
    let text = hcl(true);
    assert_eq!(text, hcl(true), "deterministic");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("hcl-kitchen-sink", text));
}

#[test]
fn kitchen_sink_hcl_keeps_literals_escaped() {
    let text = hcl(false);
    // literal template sequences in strings stay text
    assert!(text.contains("$${not-a-ref}"), "{text}");
    assert!(text.contains("literal $${text} stays text"), "{text}");
    assert!(text.contains("%%{literal}"), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with('#')),
        "no comments: {text}"
    );
}

#[test]
fn kitchen_sink_hcl_has_the_json_blocks() {
    let json: serde_json::Value = serde_json::from_str(
        &kitchen_sink()
            .synth_with(SynthOptions { comments: false })
            .unwrap_or_default(),
    )
    .expect("json");
    let body = hcl::parse(&hcl(false)).expect("hcl-rs parses the HCL");
    let mut top: Vec<&str> = Vec::new();
    for b in body.blocks() {
        if top.last() != Some(&b.identifier()) {
            top.push(b.identifier());
        }
    }
    let json_top: Vec<&str> = json
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(top, json_top);
    for kind in ["resource", "data"] {
        let mut from_hcl: Vec<String> = body
            .blocks()
            .filter(|b| b.identifier() == kind)
            .map(|b| {
                let l: Vec<&str> = b.labels().iter().map(hcl::BlockLabel::as_str).collect();
                l.join(".")
            })
            .collect();
        let mut from_json: Vec<String> = json[kind]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(ty, m)| {
                m.as_object()
                    .into_iter()
                    .flatten()
                    .map(move |(n, _)| format!("{ty}.{n}"))
            })
            .collect();
        from_hcl.sort();
        from_json.sort();
        assert_eq!(from_hcl, from_json, "{kind}");
    }
}

#[test]
fn kitchen_sink_hcl_is_terraform_fmt_clean() {
    if !Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: no terraform on PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("main.tf");
    std::fs::write(&file, hcl(true)).expect("write");
    let fmt = Command::new("terraform")
        .args(["fmt", "-check", "-diff", "-no-color"])
        .arg(&file)
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform fmt runs");
    assert!(
        fmt.status.success(),
        "terraform fmt would change the HCL:\n{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}

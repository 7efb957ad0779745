//! One stack using every feature of the model that Terraform validates offline (module calls
//! need their source on disk, so they live in `module.rs`). Pinned as `stack-kitchen-sink`
//! and checked by `scripts/tf-validate-snapshots` against the aws 6.66 / tls 4.1 schemas.

mod common;
#[path = "fixtures/kitchen_sink.rs"]
mod fixture;

use fixture::kitchen_sink;

#[test]
fn kitchen_sink_stack() {
    let json = common::synth(&kitchen_sink());
    common::snapshot_stack("stack-kitchen-sink", &json);
}

#[test]
fn kitchen_sink_is_deterministic_and_valid_json() {
    let a = common::synth(&kitchen_sink());
    let b = common::synth(&kitchen_sink());
    assert_eq!(a, b);
    assert!(a.ends_with("}\n"));
    let v = common::parse(&a);
    let top: Vec<&str> = v
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        top,
        [
            "terraform",
            "provider",
            "variable",
            "locals",
            "data",
            "resource",
            "output",
            "moved",
            "import",
            "removed",
            "check"
        ]
    );
}

#[test]
fn kitchen_sink_without_comments_has_no_comment_keys() {
    let json = kitchen_sink()
        .synth_with(tfsynth::SynthOptions { comments: false })
        .unwrap_or_default();
    assert!(!json.is_empty());
    assert!(!json.contains("\"//\""));
    let with = common::synth(&kitchen_sink());
    assert!(with.contains(r#""//": "Network/private-subnet""#));
}

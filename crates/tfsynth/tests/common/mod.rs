//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// Snapshots a whole synthesized stack in the top-level `snapshots/` folder, byte for byte.
pub fn snapshot_stack(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    // `../../snapshots` from the crate: the workspace's top-level snapshot folder.
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// Parses synthesized Terraform JSON.
pub fn parse(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("synth produced invalid JSON: {e}\n{text}"),
    }
}

/// Synthesizes or fails the test with every error listed.
pub fn synth(stack: &tfsynth::Stack) -> String {
    match stack.synth() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

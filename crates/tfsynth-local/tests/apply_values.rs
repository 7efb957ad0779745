//! Every type of the local provider once, with values it can apply: the generated
//! `every_type.rs` reads and writes a file named `x`, which does not exist (the real data
//! sources fail on a missing file). Here the data sources read a file written beside the stack,
//! the resources write into `out/` inside the configuration, and the command is `echo`.
//!
//! The stack goes to `CARGO_TARGET_TMPDIR/apply-values/tfsynth-local/` (`main.tf.json` and
//! `settings.json`), which `just codegen-acceptance` puts through tf-validate and tf-plan (plan
//! + apply).

use tfsynth::prelude::*;
use tfsynth_local::{data, File, LocalProvider, SensitiveFile};

#[test]
fn every_type_with_values_that_apply() {
    let mut stack = Stack::new();
    stack.provider(LocalProvider::new());
    let settings = template!(path_module(), "/settings.json");
    let read = stack.data("settings", data::File::new(settings.clone()));
    let secret = stack.data("settings", data::SensitiveFile::new(settings));
    let echo = stack.data(
        "echo",
        data::Command::new("echo").arguments(["hello", "world"]),
    );
    let copy = stack.resource(
        "settings",
        File::new(template!(path_module(), "/out/settings.json"))
            .content(read.content())
            .file_permission("0644"),
    );
    let _ = stack.resource(
        "secret",
        SensitiveFile::new(template!(path_module(), "/out/secret.json"))
            .content(secret.content())
            .file_permission("0600"),
    );
    stack.output("copy_sha256", Output::new(copy.content_sha256()));
    stack.output("echo", Output::new(echo.stdout()));
    let json = stack.synth().expect("a valid stack");

    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let types = |kind: &str| {
        doc[kind]
            .as_object()
            .map(|o| o.keys().cloned().collect::<std::collections::BTreeSet<_>>())
            .unwrap_or_default()
    };
    // Every type of the provider, once.
    assert_eq!(
        types("resource"),
        ["local_file", "local_sensitive_file"]
            .map(String::from)
            .into()
    );
    assert_eq!(
        types("data"),
        ["local_command", "local_file", "local_sensitive_file"]
            .map(String::from)
            .into()
    );

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("apply-values")
        .join(env!("CARGO_PKG_NAME"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("target dir");
    std::fs::write(dir.join("settings.json"), "{\"env\": \"dev\"}\n").expect("write the input");
    std::fs::write(dir.join("main.tf.json"), json).expect("write the stack");
}

//! Every type of the archive provider once, with values it can apply: the generated
//! `every_type.rs` gives placeholders (`type = "x"`, a `source_file` that does not exist), from
//! which no archive can be built. Here the archives are zips of a source file and a source
//! directory written beside the stack, into `out/` inside the configuration.
//!
//! The stack goes to `CARGO_TARGET_TMPDIR/apply-values/tfsynth-archive/` (`main.tf.json` and
//! `src/`), which `just codegen-acceptance` puts through tf-validate and tf-plan (plan + apply:
//! tf-plan builds the archives from the real files).

use tfsynth::prelude::*;
use tfsynth_archive::{data, ArchiveProvider, File, FileArgs};

/// The files the archives are built from, relative to the configuration.
const SOURCES: &[(&str, &str)] = &[
    (
        "src/handler.py",
        "def handler(event, context):\n    return {\"ok\": True}\n",
    ),
    ("src/README.txt", "not packaged\n"),
];

#[test]
fn every_type_with_values_that_apply() {
    let mut stack = Stack::new();
    stack.provider(ArchiveProvider::new());
    // At plan time, from one file.
    let planned = stack.data(
        "handler",
        data::File::new(data::FileArgs {
            output_path: template!(path_module(), "/out/handler.zip").into(),
            type_: "zip".into(),
        })
        .source_file(template!(path_module(), "/src/handler.py")),
    );
    // At apply time, from a directory, leaving a file out.
    let applied = stack.resource(
        "bundle",
        File::new(FileArgs {
            output_path: template!(path_module(), "/out/bundle.zip").into(),
            type_: "zip".into(),
        })
        .source_dir(template!(path_module(), "/src"))
        .excludes(["README.txt"]),
    );
    stack.output("handler_hash", Output::new(planned.output_base64sha256()));
    stack.output("bundle_size", Output::new(applied.output_size()));
    let json = stack.synth().expect("a valid stack");

    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    for kind in ["resource", "data"] {
        assert_eq!(
            doc[kind]
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec!["archive_file".to_owned()]),
            "every {kind} type of the provider, once"
        );
    }

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("apply-values")
        .join(env!("CARGO_PKG_NAME"));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in SOURCES {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("source dir");
        std::fs::write(p, text).expect("write a source file");
    }
    std::fs::write(dir.join("main.tf.json"), json).expect("write the stack");
}

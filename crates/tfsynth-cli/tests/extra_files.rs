//! A stack's extra files (`Stack::file`) through `tfsynth_cli::run`: written next to the main
//! output all or none, and a bad name is a synth error before anything is written. (No shipped
//! stack has extra files, so this uses a registry of its own; one test per process, because it
//! sets the debug-build fault hook in the environment.)

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{prelude::*, RawResource};
use tfsynth_cli::{run, Built, Registry, StackEntry};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
struct FilesConfig {
    /// The script's file name.
    name: Option<String>,
}

fn build(c: &FilesConfig) -> Result<Built, String> {
    let mut stack = Stack::new();
    let script = stack.file(
        c.name.as_deref().unwrap_or("scripts/init.sh"),
        "#!/bin/sh\n",
    );
    stack.resource(
        "i",
        RawResource::new("aws_instance")
            .attr("ami", "ami-123")
            .attr("user_data", script),
    );
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

fn tfsynth(args: &[&str]) -> (i32, String) {
    let registry = Registry::new().with(StackEntry::new::<FilesConfig, _, _>(
        "files",
        "An instance with a script.",
        build,
    ));
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["tfsynth"];
    argv.extend_from_slice(args);
    let code = run(argv, &registry, &mut out, &mut err);
    (code, String::from_utf8(err).expect("utf-8"))
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

#[test]
fn extra_files_are_written_all_or_none_and_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let main = dir.path().join("main.tf.json");
    let script = dir.path().join("scripts/init.sh");

    let (code, err) = tfsynth(&["synth", "--out", p(&main)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&script).expect("script"),
        "#!/bin/sh\n"
    );
    std::fs::write(&main, "old main\n").expect("write");
    std::fs::write(&script, "old script\n").expect("write");

    if cfg!(debug_assertions) {
        // the second rename (the script) fails: main.tf.json is put back
        std::env::set_var("TFSYNTH_TEST_FAULT", "fail-rename=2");
        let (code, err) = tfsynth(&["synth", "--out", p(&main)]);
        std::env::remove_var("TFSYNTH_TEST_FAULT");
        assert_eq!(code, 1, "{err}");
        assert!(err.ends_with("; no file was changed\n"), "{err}");
        assert_eq!(std::fs::read_to_string(&main).expect("main"), "old main\n");
        assert_eq!(
            std::fs::read_to_string(&script).expect("script"),
            "old script\n"
        );
    }

    // through a symlinked main.tf.json, the files go next to the link: the directory
    // Terraform runs in
    #[cfg(unix)]
    {
        let work = dir.path().join("work");
        let store = dir.path().join("store");
        std::fs::create_dir_all(&work).expect("mkdir");
        std::fs::create_dir_all(&store).expect("mkdir");
        std::fs::write(store.join("main.tf.json"), "old\n").expect("write");
        std::os::unix::fs::symlink(store.join("main.tf.json"), work.join("main.tf.json"))
            .expect("symlink");
        let (code, err) = tfsynth(&["synth", "--out", p(&work.join("main.tf.json"))]);
        assert_eq!(code, 0, "{err}");
        assert!(work.join("scripts/init.sh").is_file());
        assert!(!store.join("scripts").exists());
        assert!(std::fs::read_to_string(store.join("main.tf.json"))
            .expect("target")
            .contains("aws_instance"));
    }

    // a name that leaves the output directory: refused before anything is written
    for (name, why) in [
        ("../escape.sh", "`..` would leave the output directory"),
        ("/tmp/abs.sh", "an absolute path would be written outside"),
        ("main.tf.json", "the stack's own output file"),
    ] {
        let (code, err) = tfsynth(&["synth", "--var", &format!("name={name}"), "--out", p(&main)]);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(
            err.starts_with(&format!(
                "error: stack files is invalid, 1 error:\n  - invalid file name {name:?} in \
                 stack.file(...): "
            )),
            "{name}: {err}"
        );
        assert!(err.contains(why), "{name}: {err}");
        assert_eq!(std::fs::read_to_string(&main).expect("main"), "old main\n");
    }
    assert!(!dir
        .path()
        .parent()
        .expect("parent")
        .join("escape.sh")
        .exists());
}

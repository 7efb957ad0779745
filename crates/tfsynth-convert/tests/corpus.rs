//! The Rust converted from every corpus configuration, pinned as insta snapshots (before
//! rustfmt, so the snapshots do not depend on the installed rustfmt). That the code compiles,
//! synthesizes and plans like its HCL is `scripts/convert-check`'s job (it needs Terraform).
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn corpus() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_corpus_configuration_converts_as_pinned() {
    let names = corpus();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        let dir = Path::new("corpus").join(&name);
        let c = tfsynth_convert::convert_dir(&dir, &name).unwrap();
        assert!(c.diagnostics.is_empty(), "{name}: {:?}", c.diagnostics);
        assert!(c.unconverted.is_empty(), "{name}: {}", c.unconverted);
        insta::assert_snapshot!(name.clone(), c.lib_rs);
    }
}

#[test]
fn conversion_is_deterministic() {
    let dir = Path::new("corpus").join("serverless");
    let a = tfsynth_convert::convert_dir(&dir, "x").unwrap().lib_rs;
    let b = tfsynth_convert::convert_dir(&dir, "x").unwrap().lib_rs;
    assert_eq!(a, b);
}

#[test]
fn the_local_module_is_found_and_kept_as_a_module_call() {
    let c = tfsynth_convert::convert_dir(&Path::new("corpus").join("local-module"), "m").unwrap();
    assert_eq!(
        c.local_modules,
        vec![Path::new("modules/bucket").to_path_buf()]
    );
    assert!(
        c.lib_rs.contains("Module::new(\"./modules/bucket\")"),
        "{}",
        c.lib_rs
    );
}

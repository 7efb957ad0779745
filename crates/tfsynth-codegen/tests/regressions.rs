//! Regressions of the any-provider tool found by review: it must never touch files it did not
//! write, never write a crate that does not build, bound what it reads, blame bad input (not
//! itself), and handle deeply nested schemas.

use std::path::{Path, PathBuf};

use tfsynth_codegen::provider::DefaultFeatures;
use tfsynth_codegen::user_crate::{generate_crate, write_crate, Request, MANIFEST};
use tfsynth_codegen::GenFile;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tfsynth-regressions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn request(schema: PathBuf, out: PathBuf) -> Request {
    Request {
        schema,
        out,
        provider: None,
        provider_version: Some("1.0.0".into()),
        name: None,
        default_features: DefaultFeatures::All,
        tfsynth_dep: "path = \"../tfsynth\"".into(),
        standalone: true,
    }
}

/// A schema document of provider `acme/x` with these resources (name -> attributes JSON).
fn doc(resources: &[(&str, &str)]) -> String {
    let res: Vec<String> = resources
        .iter()
        .map(|(n, attrs)| format!("\"{n}\": {{\"block\": {{\"attributes\": {attrs}}}}}"))
        .collect();
    format!(
        r#"{{"format_version": "1.0", "provider_schemas": {{"registry.terraform.io/acme/x": {{
            "provider": {{"block": {{}}}},
            "resource_schemas": {{{}}}}}}}}}"#,
        res.join(",")
    )
}

const A: &str = r#"{"a": {"type": "string", "optional": true}}"#;

/// Generates the crate of `schema_text` (written to `dir/schema.json`) into `out`.
fn generate(dir: &Path, schema_text: &str, out: &Path) -> Result<Vec<String>, String> {
    let files = files_of(dir, schema_text)?;
    write_crate(out, &files).map_err(|e| e.to_string())
}

fn files_of(dir: &Path, schema_text: &str) -> Result<Vec<GenFile>, String> {
    let schema = dir.join("schema.json");
    std::fs::write(&schema, schema_text).expect("write the schema");
    generate_crate(&request(schema, dir.join("unused"))).map_err(|e| e.to_string())
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
    std::fs::write(p, text).expect("write");
}

// 1. Files it did not write.

#[test]
fn a_non_empty_directory_without_a_manifest_is_refused_and_left_alone() {
    let dir = temp("foreign");
    let out = dir.join("crate");
    // No Cargo.toml: this used to count as an empty directory.
    write(&out.join("README.md"), "mine\n");
    write(&out.join("src/lib.rs"), "// mine\n");
    write(&out.join("src/gen/keep.rs"), "// mine\n");
    let e = generate(&dir, &doc(&[("x_thing", A)]), &out).expect_err("refused");
    assert!(
        e.contains(&out.display().to_string())
            && e.contains("not written by tfsynth-codegen")
            && e.contains("choose an empty or new directory"),
        "{e}"
    );
    assert_eq!(read(&out.join("README.md")), "mine\n");
    assert_eq!(read(&out.join("src/lib.rs")), "// mine\n");
    assert_eq!(read(&out.join("src/gen/keep.rs")), "// mine\n");
    assert!(!out.join("Cargo.toml").exists() && !out.join(MANIFEST).exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_out_of_the_output_directory() {
    let dir = temp("symlink");
    let out = dir.join("crate");
    let two = doc(&[("x_one", A), ("x_two", A)]);
    generate(&dir, &two, &out).expect("first run");
    // `src/gen` becomes a link to a directory outside --out holding a file named like a stale
    // generated one and one of its own.
    let linked = dir.join("linked/src/gen");
    write(&linked.join("keep.rs"), "// not generated\n");
    write(&linked.join("two_service/two.rs"), "// not generated\n");
    std::fs::remove_dir_all(out.join("src/gen")).expect("rm");
    std::os::unix::fs::symlink(&linked, out.join("src/gen")).expect("symlink");
    let e = generate(&dir, &doc(&[("x_one", A)]), &out).expect_err("refused");
    let gen = out.join("src/gen").display().to_string();
    assert!(
        e.contains(&gen) && e.contains("symbolic link"),
        "names {gen}: {e}"
    );
    assert_eq!(read(&linked.join("keep.rs")), "// not generated\n");
    assert_eq!(
        read(&linked.join("two_service/two.rs")),
        "// not generated\n"
    );

    // A linked `src`, and a linked --out, are refused the same way.
    let other = dir.join("other");
    generate(&dir, &two, &other).expect("first run");
    std::fs::remove_dir_all(other.join("src")).expect("rm");
    std::os::unix::fs::symlink(dir.join("linked"), other.join("src")).expect("symlink");
    let e = generate(&dir, &two, &other).expect_err("refused");
    assert!(
        e.contains(&other.join("src").display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    let link = dir.join("link-out");
    std::os::unix::fs::symlink(dir.join("linked"), &link).expect("symlink");
    let e = generate(&dir, &two, &link).expect_err("refused");
    assert!(
        e.contains(&link.display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    assert_eq!(read(&linked.join("keep.rs")), "// not generated\n");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn regenerating_replaces_and_removes_only_the_files_it_wrote() {
    let dir = temp("regenerate");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect("first run");
    let manifest = read(&out.join(MANIFEST));
    assert!(
        manifest.contains("\nsrc/gen/two_service/two.rs\n"),
        "{manifest}"
    );
    assert!(manifest.contains("\nCargo.toml\n") && manifest.contains("\nREADME.md\n"));
    // Files of the user's beside the generated ones (and a lock file cargo wrote).
    write(&out.join("src/gen/two_service/notes.rs"), "// mine\n");
    write(&out.join("Cargo.lock"), "# cargo's\n");
    write(&out.join("docs/extra.md"), "mine\n");
    let changed = generate(&dir, &doc(&[("x_one", A)]), &out).expect("second run");
    assert!(
        !out.join("src/gen/two_service/two.rs").exists(),
        "stale file removed"
    );
    assert!(
        changed.iter().any(|c| c.ends_with("two.rs (removed)")),
        "{changed:?}"
    );
    assert_eq!(read(&out.join("src/gen/two_service/notes.rs")), "// mine\n");
    assert_eq!(read(&out.join("Cargo.lock")), "# cargo's\n");
    assert_eq!(read(&out.join("docs/extra.md")), "mine\n");
    assert!(!read(&out.join(MANIFEST)).contains("two.rs"));

    // A file of the user's where a new generated file would go is refused, not replaced.
    write(&out.join("src/gen/two_service/two.rs"), "// mine now\n");
    let e = generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect_err("refused");
    assert!(
        e.contains(&out.join("src/gen/two_service/two.rs").display().to_string())
            && e.contains("not written by tfsynth-codegen"),
        "{e}"
    );
    assert_eq!(
        read(&out.join("src/gen/two_service/two.rs")),
        "// mine now\n"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A crate generated before the manifest existed: the files that carry the `@generated` header
/// are the ones it wrote.
#[test]
fn a_crate_generated_without_a_manifest_is_updated_by_its_headers() {
    let dir = temp("legacy");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect("first run");
    std::fs::remove_file(out.join(MANIFEST)).expect("rm manifest");
    write(&out.join("src/gen/two_service/notes.rs"), "// mine\n");
    generate(&dir, &doc(&[("x_one", A)]), &out).expect("second run");
    assert!(
        !out.join("src/gen/two_service/two.rs").exists(),
        "stale file removed"
    );
    assert_eq!(read(&out.join("src/gen/two_service/notes.rs")), "// mine\n");
    assert!(out.join(MANIFEST).exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_manifest_naming_paths_outside_the_directory_is_refused() {
    let dir = temp("bad-manifest");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A)]), &out).expect("first run");
    write(&dir.join("victim.rs"), "// mine\n");
    let mut m = read(&out.join(MANIFEST));
    m.push_str("../victim.rs\n");
    write(&out.join(MANIFEST), &m);
    let e = generate(&dir, &doc(&[("x_one", A)]), &out).expect_err("refused");
    assert!(e.contains("../victim.rs") && e.contains(MANIFEST), "{e}");
    assert_eq!(read(&dir.join("victim.rs")), "// mine\n");
    let _ = std::fs::remove_dir_all(dir);
}

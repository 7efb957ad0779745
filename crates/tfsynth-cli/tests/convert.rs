//! `tfsynth convert` on bad input: each refused with where and why, never a panic, nothing
//! written where it should not be.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

/// Runs `tfsynth convert DIR --out OUT` and returns (exit code, stdout, stderr).
fn convert(dir: &Path, out: &Path) -> (i32, String, String) {
    let o = Command::new(BIN)
        .arg("convert")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn config(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(d.path().join(name), text).unwrap();
    }
    d
}

fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_syntax_error_names_file_line_and_column_and_what_was_expected() {
    let d = config(&[(
        "main.tf",
        b"resource \"aws_vpc\" \"a\" {\n  cidr_block = \n}\n",
    )]);
    let out = d.path().join("crate");
    let (code, _, err) = convert(d.path(), &out);
    assert_eq!(code, 1, "{err}");
    no_panic(&err);
    assert!(
        err.contains("main.tf:2:16: syntax error: invalid expression"),
        "{err}"
    );
    assert!(err.contains("expected"), "{err}");
    assert!(!out.exists());
}

#[test]
fn unknown_types_and_providers_are_kept_verbatim_and_reported() {
    let d = config(&[(
        "main.tf",
        b"resource \"aws_no_such_thing\" \"a\" {}\n\nresource \"google_storage_bucket\" \"b\" {\n  name = \"x\"\n}\n\nresource \"aws_vpc\" \"v\" {\n  provisioner \"local-exec\" {\n    command = \"true\"\n  }\n}\n",
    )]);
    let out = d.path().join("crate");
    let (code, _, err) = convert(d.path(), &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("main.tf:1: kept verbatim"), "{err}");
    assert!(err.contains("unknown type `aws_no_such_thing`"), "{err}");
    assert!(err.contains("main.tf:3: kept verbatim"), "{err}");
    assert!(err.contains("no bindings for provider `google`"), "{err}");
    assert!(
        err.contains(
            "main.tf:7: kept verbatim in unconverted/unconverted.tf: a `provisioner` block"
        ),
        "{err}"
    );
    let kept = fs::read_to_string(out.join("unconverted/unconverted.tf")).unwrap();
    assert!(
        kept.contains("resource \"google_storage_bucket\" \"b\" {\n  name = \"x\"\n}"),
        "{kept}"
    );
    assert!(kept.contains("command = \"true\""), "{kept}");
}

#[test]
fn references_to_undeclared_things_are_reported_with_file_and_line() {
    let d = config(&[(
        "main.tf",
        b"resource \"aws_vpc\" \"v\" {\n  cidr_block = var.cidr\n}\n\noutput \"x\" {\n  value = aws_subnet.gone.id\n}\n",
    )]);
    let out = d.path().join("crate");
    let (code, _, err) = convert(d.path(), &out);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("main.tf:2: reference to undeclared `var.cidr`"),
        "{err}"
    );
    assert!(
        err.contains("main.tf:6: reference to undeclared `aws_subnet.gone`"),
        "{err}"
    );
}

#[test]
fn deeply_nested_input_is_refused_at_a_clear_limit() {
    let text = format!(
        "locals {{\n  x = {}{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let d = config(&[("main.tf", text.as_bytes())]);
    let (code, _, err) = convert(d.path(), &d.path().join("crate"));
    assert_eq!(code, 1, "{err}");
    no_panic(&err);
    assert!(err.contains("main.tf:2:"), "{err}");
    assert!(err.contains("nested deeper than 64 levels"), "{err}");
}

#[test]
fn a_huge_file_is_refused_at_a_clear_limit() {
    let big = vec![b'#'; 9 * 1024 * 1024];
    let d = config(&[("main.tf", &big)]);
    let (code, _, err) = convert(d.path(), &d.path().join("crate"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("more than the 8388608 bytes convert reads"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_line() {
    let d = config(&[("main.tf", b"locals {\n  a = \"\xff\xfe\"\n}\n")]);
    let (code, _, err) = convert(d.path(), &d.path().join("crate"));
    assert_eq!(code, 1, "{err}");
    no_panic(&err);
    assert!(
        err.contains("main.tf:2: the file is not UTF-8 text"),
        "{err}"
    );
}

#[test]
fn an_output_directory_that_holds_something_is_refused_and_left_alone() {
    let d = config(&[("main.tf", b"resource \"aws_vpc\" \"v\" {}\n")]);
    let out = d.path().join("crate");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let (code, _, err) = convert(d.path(), &out);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the output directory exists and is not empty"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    // Nothing left beside it either (the temporary directory is only made after the check).
    let left: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tfsynth-convert"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_directory_without_configuration_is_refused() {
    let d = config(&[("README.md", b"nothing here")]);
    let (code, _, err) = convert(d.path(), &d.path().join("crate"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no `*.tf` file"), "{err}");
}

#[test]
fn a_good_configuration_writes_an_app_crate() {
    let d = config(&[(
        "main.tf",
        b"# The VPC.\nresource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
    )]);
    let out = d.path().join("net");
    let (code, stdout, err) = convert(d.path(), &out);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("wrote "), "{stdout}");
    let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("// The VPC.\n"), "{lib}");
    assert!(
        lib.contains("Vpc::new().cidr_block(\"10.0.0.0/16\")"),
        "{lib}"
    );
    let toml = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(toml.contains("features = [\"ec2\"]"), "{toml}");
    assert!(out.join("src/main.rs").is_file());
}

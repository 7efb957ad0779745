//! `assert_valid_terraform` against the real Terraform when it is on PATH, then against a
//! stand-in `terraform` script for the outcomes that need a network or a broken install.
//! One test, alone in its binary: it changes PATH.

#![allow(clippy::unwrap_used)]

use tfsynth::prelude::*;
use tfsynth::RawResource;
use tfsynth_app::testing::{assert_valid_terraform, try_valid_terraform, TerraformCheck};

/// A configuration `terraform init` accepts offline: no provider to install.
fn offline_ok() -> Stack {
    let mut s = Stack::new();
    s.resource(
        "marker",
        RawResource::new("terraform_data").attr("input", "x"),
    );
    s.output("greeting", Output::new("hello"));
    s
}

/// Valid for tfsynth, refused by `terraform validate`: terraform_data has no such argument.
fn offline_bad() -> Stack {
    let mut s = Stack::new();
    s.resource(
        "marker",
        RawResource::new("terraform_data").attr("bogus", "x"),
    );
    s
}

fn real_terraform_works() -> bool {
    std::process::Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn terraform_check_passes_fails_and_skips() {
    if real_terraform_works() {
        assert_eq!(
            assert_valid_terraform(&offline_ok()),
            TerraformCheck::Passed
        );
        let e = try_valid_terraform(&offline_bad()).unwrap_err();
        assert!(e.starts_with("terraform validate failed:\n"), "{e}");
        assert!(
            e.contains("No argument or block type is named \"bogus\""),
            "{e}"
        );
        let panic =
            std::panic::catch_unwind(|| assert_valid_terraform(&offline_bad())).unwrap_err();
        let text = panic.downcast_ref::<String>().unwrap();
        assert!(text.contains("\"bogus\""), "{text}");
    } else {
        eprintln!("terraform_check: no terraform on PATH: the real-Terraform cases are not run");
    }

    #[cfg(unix)]
    stand_in();
}

/// A `terraform` script that answers as its `mode` file says.
#[cfg(unix)]
fn stand_in() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("terraform");
    std::fs::write(
        &script,
        r#"#!/bin/sh
mode=$(cat "$(dirname "$0")/mode")
case "$1:$mode" in
  version:broken) echo "segfault" >&2; exit 139 ;;
  version:*) echo "Terraform v1.11.4"; exit 0 ;;
  init:offline)
    printf '\nError: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws\n' >&2
    exit 1 ;;
  init:refused)
    printf '\nError: Invalid version constraint\n\nThis string does not use correct version constraint syntax.\n' >&2
    exit 1 ;;
  init:*) exit 0 ;;
  validate:*) echo "Success! The configuration is valid."; exit 0 ;;
esac
exit 2
"#,
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mode = |m: &str| std::fs::write(dir.path().join("mode"), m).unwrap();
    let old = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![dir.path().to_owned()];
    paths.extend(std::env::split_paths(&old));
    // The only test of this binary: nothing else reads the environment meanwhile.
    std::env::set_var("PATH", std::env::join_paths(paths).unwrap());

    mode("broken");
    let TerraformCheck::Skipped(why) = assert_valid_terraform(&offline_ok()) else {
        panic!("a terraform that does not run must skip the check");
    };
    assert!(why.starts_with("no working `terraform` on PATH"), "{why}");

    mode("offline");
    let TerraformCheck::Skipped(why) = assert_valid_terraform(&offline_ok()) else {
        panic!("an init that cannot download providers must skip the check");
    };
    assert!(why.contains("could not install the providers"), "{why}");
    assert!(
        why.contains("Failed to query available provider packages"),
        "{why}"
    );

    mode("refused");
    let e = try_valid_terraform(&offline_ok()).unwrap_err();
    assert!(
        e.starts_with("terraform init refused the configuration:\n"),
        "{e}"
    );
    assert!(e.contains("Invalid version constraint"), "{e}");

    mode("fine");
    assert_eq!(
        assert_valid_terraform(&offline_ok()),
        TerraformCheck::Passed
    );

    std::env::set_var("PATH", old);
}

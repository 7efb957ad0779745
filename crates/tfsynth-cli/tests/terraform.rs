//! `validate --terraform` with a stand-in `terraform` on PATH (a shell script answering as
//! Terraform 1.11 does), so the test needs no network and downloads nothing: a configuration
//! `terraform init` refuses is a failure with Terraform's message, a provider download that
//! fails offline is a skip.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

/// A `terraform` whose `version` works and whose `init` prints `init_output` and fails.
fn fake_terraform(dir: &Path, init_output: &str) {
    let script = format!(
        "#!/bin/sh\ncase \"$1\" in\n  version) echo 'Terraform v1.11.4'; exit 0 ;;\n  init) cat >&2 <<'EOF'\n{init_output}EOF\n    exit 1 ;;\n  *) echo \"unexpected: $*\" >&2; exit 3 ;;\nesac\n"
    );
    let path = dir.join("terraform");
    std::fs::write(&path, script).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

fn validate_with(init_output: &str) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    fake_terraform(dir.path(), init_output);
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(BIN)
        .args(["validate", "--stack", "consumer", "--terraform"])
        .env("PATH", path)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("utf-8")
}

#[test]
fn a_configuration_terraform_init_refuses_fails_with_its_message() {
    let o = validate_with(
        "\nError: Terraform encountered problems during initialisation, including problems\nwith the configuration, described below.\n\nError: Invalid version constraint\n\n  on main.tf.json line 4, in terraform:\n   4:     \"required_version\": \">= banana\",\n\nThis string does not use correct version constraint syntax.\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    insta::assert_snapshot!(text(&o.stdout), @r#"
    consumer: ok (24 resources, 4 data sources, 4 outputs)
    consumer: terraform init refused the configuration (not a download problem), so terraform validate did not run:
    Error: Terraform encountered problems during initialisation, including problems
    with the configuration, described below.

    Error: Invalid version constraint

      on main.tf.json line 4, in terraform:
       4:     "required_version": ">= banana",

    This string does not use correct version constraint syntax.
    "#);
    assert_eq!(text(&o.stderr), "error: 1 of 1 stack failed validation\n");
}

#[test]
fn a_provider_download_that_fails_offline_is_a_skip() {
    let o = validate_with(
        "Initializing provider plugins...\n- Finding latest version of hashicorp/aws...\n\nError: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\ncould not connect to registry.terraform.io\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stderr),
        "note: consumer: terraform validate skipped: `terraform init` could not install the \
         providers (offline, or no provider mirror configured), so `terraform validate` did not \
         run: Error: Failed to query available provider packages: Could not retrieve the list of \
         available versions for provider hashicorp/aws\n"
    );
}

//! The `terraform` block: required version and providers, every backend helper, `cloud`.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Backend, Cloud};

fn with_backend(b: Backend) -> serde_json::Value {
    let mut stack = Stack::new();
    stack.settings_mut().backend = Some(b);
    common::parse(&common::synth(&stack))["terraform"].clone()
}

#[test]
fn s3_backend_with_lockfile_and_providers() {
    let mut stack = Stack::new();
    stack
        .required_version(">= 1.10, < 2.0")
        .require_provider("aws", "hashicorp/aws", "~> 6.0");
    stack.settings_mut().backend = Some(
        Backend::s3("state", "app/terraform.tfstate", "eu-west-1")
            .use_lockfile(true)
            .dynamodb_table("locks"),
    );
    common::snapshot_stack("stack-block-terraform", &common::synth(&stack));
}

#[test]
fn local_remote_and_any_backend() {
    let local = with_backend(Backend::local("state/${env}.tfstate"));
    // Backend settings are read verbatim by Terraform: no template escapes.
    assert_eq!(local["backend"]["local"]["path"], "state/${env}.tfstate");
    let remote = with_backend(Backend::remote("app.terraform.io", "acme", "prod"));
    assert_eq!(
        remote["backend"]["remote"],
        serde_json::json!({"hostname": "app.terraform.io", "organization": "acme", "workspaces": {"name": "prod"}})
    );
    let gcs = with_backend(Backend::new("gcs").attr("bucket", "b").attr("prefix", "p"));
    assert_eq!(
        gcs["backend"],
        serde_json::json!({"gcs": {"bucket": "b", "prefix": "p"}})
    );
}

#[test]
fn cloud_block() {
    let mut stack = Stack::new();
    stack.settings_mut().cloud =
        Some(Cloud::with_tags("acme", &["app", "prod"]).attr("hostname", "app.terraform.io"));
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["terraform"]["cloud"],
        serde_json::json!({"organization": "acme", "workspaces": {"tags": ["app", "prod"]}, "hostname": "app.terraform.io"})
    );
    let mut one = Stack::new();
    one.settings_mut().cloud = Some(Cloud::new("acme", "prod"));
    let v = common::parse(&common::synth(&one));
    assert_eq!(v["terraform"]["cloud"]["workspaces"]["name"], "prod");
}

#[test]
fn empty_stack_is_an_empty_object() {
    assert_eq!(common::synth(&Stack::new()), "{}\n");
}

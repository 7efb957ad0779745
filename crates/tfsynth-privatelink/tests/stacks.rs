//! The shipped stacks, synthesized and pinned in the top-level `snapshots/` folder.

use tfsynth_privatelink::stacks::{Consumer, Demo, Endpoint, Service, ShippedStack};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../../../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

fn synth<S: ShippedStack>() -> (String, Vec<String>) {
    let built = S::build(&S::Config::default()).expect("default config builds");
    let json = built.stack.synth().expect("default stack synthesizes");
    (json, built.warnings)
}

#[test]
fn demo_snapshot() {
    let (json, warnings) = synth::<Demo>();
    assert!(warnings.is_empty(), "{warnings:?}");
    settings().bind(|| insta::assert_snapshot!("stack-demo", json));
}

#[test]
fn service_snapshot() {
    let (json, _) = synth::<Service>();
    settings().bind(|| insta::assert_snapshot!("stack-service", json));
}

#[test]
fn consumer_snapshot() {
    let (json, _) = synth::<Consumer>();
    settings().bind(|| insta::assert_snapshot!("stack-consumer", json));
}

#[test]
fn endpoint_snapshot() {
    let (json, _) = synth::<Endpoint>();
    settings().bind(|| insta::assert_snapshot!("stack-endpoint", json));
}

#[test]
fn synth_is_deterministic() {
    assert_eq!(synth::<Demo>().0, synth::<Demo>().0);
}

/// Only the region changed (the README's `--var common.region=eu-west-1`): the zones follow it.
/// Pinned so that `just plan` runs Terraform's plan on a region other than the default.
#[test]
fn demo_in_another_region_snapshot() {
    let mut config = tfsynth_privatelink::stacks::DemoConfig::default();
    config.common.region = tfsynth_privatelink::Region::new("eu-west-1").expect("a region");
    let built = Demo::build(&config).expect("the defaults fit any region");
    let json = built.stack.synth().expect("synthesizes");
    assert!(json.contains(r#""availability_zone_id": "euw1-az1""#));
    assert!(!json.contains("use1-"));
    settings().bind(|| insta::assert_snapshot!("stack-demo-eu-west-1", json));
}

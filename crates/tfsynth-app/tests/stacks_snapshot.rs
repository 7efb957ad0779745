//! `assert_stacks_snapshot` (feature `testing`): one insta snapshot per stack, in the calling
//! package's tests/snapshots.

#![cfg(feature = "testing")]
#![allow(clippy::unwrap_used)]

use tfsynth::prelude::*;
use tfsynth::RawResource;
use tfsynth_app::testing::assert_stacks_snapshot;

fn stacks() -> Vec<(String, String)> {
    let mut a = Stack::new();
    a.resource(
        "site",
        RawResource::new("aws_s3_bucket").attr("bucket", "acme-site"),
    );
    let mut b = Stack::new();
    b.output("greeting", Output::new("hello"));
    vec![
        ("kit-site".to_owned(), a.synth().unwrap()),
        ("kit greeting".to_owned(), b.synth().unwrap()),
    ]
}

fn message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// tests/snapshots/kit-site.snap and kit_greeting.snap are committed.
#[test]
fn every_stack_matches_its_snapshot() {
    assert_stacks_snapshot(&stacks());
}

#[test]
fn a_missing_or_changed_snapshot_fails_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir.path());
    settings.bind(|| {
        // Missing snapshots fail (insta writes them as .snap.new for review, outside CI), and
        // every stack is checked, not only the first.
        let missing = std::panic::catch_unwind(|| assert_stacks_snapshot(&stacks())).unwrap_err();
        assert_eq!(
            message(&*missing),
            "the snapshots of kit-site, kit_greeting do not match: review them with `cargo \
             insta review` (or accept them all with INSTA_UPDATE=always cargo test)"
        );
        std::fs::write(
            dir.path().join("kit-site.snap"),
            "---\nsource: x\n---\n{\"resource\": {}}\n",
        )
        .unwrap();
        let changed =
            std::panic::catch_unwind(|| assert_stacks_snapshot(&stacks()[..1])).unwrap_err();
        assert_eq!(
            message(&*changed),
            "the snapshots of kit-site do not match: review them with `cargo insta review` (or \
             accept them all with INSTA_UPDATE=always cargo test)"
        );
    });
}

#[test]
fn two_stacks_with_one_snapshot_name_are_refused() {
    let text = std::panic::catch_unwind(|| {
        assert_stacks_snapshot(&[
            ("a.b".to_owned(), String::new()),
            ("a_b".to_owned(), String::new()),
        ]);
    })
    .unwrap_err();
    assert_eq!(
        message(&*text),
        "two stacks snapshot as a_b: give the stacks distinct names"
    );
}

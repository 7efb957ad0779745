//! Example programs using tfsynth; see `examples/`. Run one with
//! `cargo run -p tfsynth-examples --example minimal`.
//!
//! | example            | what it shows                                                     |
//! |--------------------|-------------------------------------------------------------------|
//! | `minimal`          | one VPC and a subnet: the smallest typed program                  |
//! | `privatelink_demo` | the PrivateLink demo, written against the constructs              |
//! | `cross_account`    | the service and consumer stacks for two accounts                  |
//! | `compose`          | the constructs with your own certificate, zone, topic and VPC     |
//! | `custom_construct` | writing your own construct on the scope API, with input checks   |
//! | `scale`            | one stack with N copies of the demo (used by the benchmarks)      |
//!
//! Every example is synthesized in `tests/examples.rs` and pinned as
//! `snapshots/stack-example-<name>.snap`.

/// The repository README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

// The README's example declares ec2 types: its doctest runs where the `ec2` feature is on
// (`cargo test -p tfsynth-aws --features ec2`, and in the workspace, which enables it).
#![cfg_attr(feature = "ec2", doc = include_str!("../README.md"))]
#![cfg_attr(
    not(feature = "ec2"),
    doc = "Typed bindings of the hashicorp/aws provider for tfsynth, one cargo feature per \
           service (none by default). The README, with its example, is these docs when the \
           `ec2` feature is on."
)]

// The generated crate root: the provider block, the shared nested types and one module per
// service (each behind its cargo feature), re-exported from the part crates that define them.
include!("gen/root.rs");

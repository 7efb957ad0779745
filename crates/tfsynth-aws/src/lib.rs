#![doc = include_str!("../README.md")]

// The generated crate root: the provider block, the shared nested types and one module per
// service (each behind its cargo feature), re-exported from the part crates that define them.
include!("gen/root.rs");

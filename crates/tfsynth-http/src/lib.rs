#![doc = include_str!("../README.md")]

// The generated crate root: the provider block and one module per service (each behind its
// cargo feature).
include!("gen/root.rs");

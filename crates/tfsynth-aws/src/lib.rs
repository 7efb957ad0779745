//! Typed bindings of the aws provider.

//! Example programs; see `examples/`.

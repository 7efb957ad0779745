//! Provider schema JSON -> Rust bindings for tfsynth.

#![doc = include_str!("../README.md")]

mod ext;
mod gen;

pub use gen::*;

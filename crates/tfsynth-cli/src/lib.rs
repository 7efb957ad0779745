//! The `tfsynth` command: the App of the shipped PrivateLink stacks.
//!
//! Everything the command line does lives in [`tfsynth_app`], the same code a user's own App
//! runs; this crate adds the shipped stacks ([`shipped_app`]) and the binary.

pub use tfsynth_app::*;

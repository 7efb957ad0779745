//! The non-resource parts of a configuration.

pub mod module;
pub mod provider;
pub mod settings;
pub mod variable;

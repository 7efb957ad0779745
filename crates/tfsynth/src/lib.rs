#![doc = include_str!("../README.md")]

pub mod block;
pub mod body;
pub mod config;
mod decl;
mod error;
pub mod expr;
pub mod functions;
#[rustfmt::skip]
mod gen;
pub mod graph;
pub mod handle;
#[cfg(feature = "hcl")]
pub mod hcl;
pub mod link;
pub mod module_docs;
mod module_form;
pub mod provider_rules;
mod stack;
mod synth;
mod tags;
pub mod types;
mod validate;

pub use block::{
    Attrs, Block, Condition, DataSource, EphemeralResource, IgnoreChanges, Lifecycle, Meta,
    MetaArgs, RawAttrs, RawData, RawEphemeral, RawResource, Repetition, Resource, Tags,
};
pub use body::{AtLeastOne, Body, DynamicBlock, DynamicIterator, Entry, Join, Node, ToBody};
pub use config::module::{Check, Import, Module, Moved, Removed};
pub use config::provider::{ProviderBlock, RawProvider};
pub use config::settings::{Backend, Cloud, ProviderRequirement, Settings};
pub use config::variable::{Output, Variable, VariableSpec};
pub use error::{Error, Errors, Warning};
pub use expr::render::to_json_string;
pub use expr::IntoName;
pub use expr::{
    cond, count_index, each_key, each_value, escape_template, null, path_cwd, path_module,
    path_root, render_hcl, terraform_workspace, unescape_template, AnyArgs, Args, BinOp, Expr, For,
    ForEachArg, ForExpr, IntoAny, Null, ObjectMap, ObjectType, ObjectValue, RawExpr, RefRoot,
    TemplatePart, UnOp, Value, ValueOf,
};
pub use handle::{Dependable, Dependencies, Instancing, ModuleRef, ProviderRef, Ref};
pub use module_form::ModuleStack;
pub use stack::{Declare, Forward, ForwardModule, Scope, Stack, SynthError, SynthOptions};
pub use types::{Any, List, Map, Number, Set, TfType, TypeExpr};

/// The names most programs need: `use tfsynth::prelude::*;`.
pub mod prelude {
    pub use crate::{
        cond, count_index, each_key, each_value, functions, list, null, obj, path_module, template,
        terraform_workspace, tuple, Any, Declare, Expr, For, List, Map, MetaArgs, Number, Output,
        Set, Stack, Value, Variable,
    };
}

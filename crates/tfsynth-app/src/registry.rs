//! The stacks a `tfsynth` binary ships, behind one object-safe interface.

use std::any::Any;
use std::path::Path;
use std::rc::Rc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::config::{self, ConfigError, VarOverride};
use crate::ctx::{Ctx, Exports};

/// A built stack and the warnings building it produced.
#[derive(Debug)]
pub struct Built {
    /// The stack.
    pub stack: tfsynth::Stack,
    /// Things the user should know (printed on stderr).
    pub warnings: Vec<String>,
}

/// Why a stack could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The config file or a `--var` does not fit the config type.
    Config(ConfigError),
    /// The constructs refused the config (a CIDR, a port, an ARN ...).
    Stack(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Config(e) => write!(f, "{e}"),
            Self::Stack(e) => write!(f, "{e}"),
        }
    }
}

type BuildFn = Box<
    dyn Fn(
        Option<(&Path, &str)>,
        &[VarOverride],
        &mut Ctx<'_>,
    ) -> Result<(Built, Exports), BuildError>,
>;

/// One shipped stack: its name, a one-line description, its config type's schema and defaults,
/// and how to build it from a config file and overrides.
pub struct StackEntry {
    name: &'static str,
    description: &'static str,
    schema: fn() -> Value,
    defaults: fn() -> Result<Value, String>,
    build: BuildFn,
    /// The module form's builder ([`StackEntry::with_module`]); `None`: `build`.
    build_module: Option<BuildFn>,
}

impl std::fmt::Debug for StackEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StackEntry")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn schema_of<C: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(C)).unwrap_or(Value::Null)
}

fn defaults_of<C: Default + Serialize>() -> Result<Value, String> {
    serde_json::to_value(C::default()).map_err(|e| e.to_string())
}

impl StackEntry {
    /// A stack whose options are a `C`, built by `build`.
    pub fn new<C, E, F>(name: &'static str, description: &'static str, build: F) -> Self
    where
        C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
        E: std::fmt::Display,
        F: Fn(&C) -> Result<Built, E> + 'static,
    {
        Self::with_builder::<C>(name, description, boxed(build))
    }

    /// An entry of config type `C` built by `build`.
    fn with_builder<C>(name: &'static str, description: &'static str, build: BuildFn) -> Self
    where
        C: Default + Serialize + JsonSchema + 'static,
    {
        Self {
            name,
            description,
            schema: schema_of::<C>,
            defaults: defaults_of::<C>,
            build,
            build_module: None,
        }
    }

    /// A stack with a module form of its own: `build` makes the root configuration
    /// (`tfsynth synth`), `build_module` the body of a reusable module
    /// (`tfsynth synth --as-module`, which then strips provider configuration and state with
    /// [`tfsynth::Stack::into_module`]). Both read the same config type `C`.
    pub fn with_module<C, E, F, G>(
        name: &'static str,
        description: &'static str,
        build: F,
        build_module: G,
    ) -> Self
    where
        C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
        E: std::fmt::Display,
        F: Fn(&C) -> Result<Built, E> + 'static,
        G: Fn(&C) -> Result<Built, E> + 'static,
    {
        let mut entry = Self::new(name, description, build);
        entry.build_module = Some(boxed(build_module));
        entry
    }

    /// A stack of an app, built by `build` from its config `C` (`()` for none) into an empty
    /// [`tfsynth::Stack`]; what `build` returns is what other stacks get from
    /// [`Ctx::stack`].
    pub fn app<C, T, E, F>(name: &'static str, description: &'static str, build: F) -> Self
    where
        C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
        T: 'static,
        E: std::fmt::Display,
        F: Fn(&mut tfsynth::Stack, &C, &mut Ctx<'_>) -> Result<T, E> + 'static,
    {
        Self::with_builder::<C>(name, description, app_builder(build))
    }

    /// Sets the one-line description.
    pub(crate) fn set_description(&mut self, text: &'static str) {
        self.description = text;
    }

    /// The name `--stack` takes.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// One line.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// The JSON Schema of the config file.
    pub fn schema(&self) -> Value {
        (self.schema)()
    }

    /// The default config, as JSON.
    ///
    /// # Errors
    /// When the config type cannot be written as JSON (a bug in the stack).
    pub fn defaults(&self) -> Result<Value, String> {
        (self.defaults)()
    }

    /// Builds the stack from a config file (path and text) and overrides.
    ///
    /// # Errors
    /// See [`BuildError`].
    pub fn build(
        &self,
        file: Option<(&Path, &str)>,
        vars: &[VarOverride],
    ) -> Result<Built, BuildError> {
        self.build_alone(file, vars, false)
    }

    /// Builds the stack (or its module form) on its own, outside an app: asking for another
    /// stack is an error naming the fix.
    fn build_alone(
        &self,
        file: Option<(&Path, &str)>,
        vars: &[VarOverride],
        as_module: bool,
    ) -> Result<Built, BuildError> {
        let mut alone = crate::ctx::Alone;
        let mut ctx = Ctx::new(self.name, &mut alone);
        self.build_in(file, vars, as_module, &mut ctx)
            .map(|(b, _)| b)
    }

    /// Builds the stack (its module form with `as_module`) through an app's context, which
    /// builds the stacks it uses.
    pub(crate) fn build_in(
        &self,
        file: Option<(&Path, &str)>,
        vars: &[VarOverride],
        as_module: bool,
        ctx: &mut Ctx<'_>,
    ) -> Result<(Built, Exports), BuildError> {
        match (&self.build_module, as_module) {
            (Some(b), true) => b(file, vars, ctx),
            _ => (self.build)(file, vars, ctx),
        }
    }

    /// Builds the stack's module form (before [`tfsynth::Stack::into_module`]): its module
    /// builder, or [`StackEntry::build`] for a stack without one.
    ///
    /// # Errors
    /// See [`BuildError`].
    pub fn build_module(
        &self,
        file: Option<(&Path, &str)>,
        vars: &[VarOverride],
    ) -> Result<Built, BuildError> {
        self.build_alone(file, vars, true)
    }
}

/// A builder of `C` as a [`BuildFn`]: loads the config, then builds.
fn boxed<C, E, F>(build: F) -> BuildFn
where
    C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
    E: std::fmt::Display,
    F: Fn(&C) -> Result<Built, E> + 'static,
{
    Box::new(move |file, vars, _ctx| {
        let c: C = config::load(file, vars).map_err(BuildError::Config)?;
        let built = build(&c).map_err(|e| BuildError::Stack(e.to_string()))?;
        let exports: Exports = (Rc::new(()) as Rc<dyn Any>, "()");
        Ok((built, exports))
    })
}

/// An app stack's builder as a [`BuildFn`]: loads the config, makes an empty stack, builds
/// it with the context, and keeps what the builder returned for the stacks that use it.
pub(crate) fn app_builder<C, T, E, F>(build: F) -> BuildFn
where
    C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
    T: 'static,
    E: std::fmt::Display,
    F: Fn(&mut tfsynth::Stack, &C, &mut Ctx<'_>) -> Result<T, E> + 'static,
{
    Box::new(move |file, vars, ctx| {
        let c: C = config::load(file, vars).map_err(BuildError::Config)?;
        let mut stack = tfsynth::Stack::new();
        let value = build(&mut stack, &c, ctx).map_err(|e| BuildError::Stack(e.to_string()))?;
        let built = Built {
            stack,
            warnings: ctx.take_warnings(),
        };
        let exports: Exports = (Rc::new(value) as Rc<dyn Any>, std::any::type_name::<T>());
        Ok((built, exports))
    })
}

/// The stacks a binary offers, in the order `tfsynth stacks` lists them.
#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<StackEntry>,
    default: Option<&'static str>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a stack.
    #[must_use]
    pub fn with(mut self, entry: StackEntry) -> Self {
        self.entries.push(entry);
        self
    }

    /// Sets the description of the stack added last.
    pub(crate) fn describe_last(&mut self, text: &'static str) {
        if let Some(e) = self.entries.last_mut() {
            e.set_description(text);
        }
    }

    /// The stack used when no `--stack` is given. Default: the first one added.
    #[must_use]
    pub fn default_stack(mut self, name: &'static str) -> Self {
        self.default = Some(name);
        self
    }

    /// Every stack.
    pub fn entries(&self) -> &[StackEntry] {
        &self.entries
    }

    /// The stack called `name`.
    pub fn get(&self, name: &str) -> Option<&StackEntry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The default stack.
    pub fn default_entry(&self) -> Option<&StackEntry> {
        self.default
            .and_then(|n| self.get(n))
            .or_else(|| self.entries.first())
    }

    /// The names, comma-separated (for messages).
    pub fn names(&self) -> String {
        let v: Vec<&str> = self.entries.iter().map(|e| e.name).collect();
        v.join(", ")
    }
}

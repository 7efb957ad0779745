//! [`App`]: a binary of stacks with the whole `tfsynth` command line, and the build of an
//! app's stacks, with the references between them resolved.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::config::VarOverride;
use crate::ctx::{Ctx, Exports, Resolver, StackError};
use crate::registry::{BuildError, Built, Registry, StackEntry};

/// Your own infrastructure project: named stacks, each built by a function, and the whole
/// `tfsynth` command line over them (`synth`, `validate`, `graph`, `stacks`, `schema`,
/// `init`), with every guarantee the `tfsynth` binary gives: atomic and all-or-nothing
/// writes, exit codes (0 ok, 1 invalid, 2 usage), signals, messages.
///
/// A stack's builder gets an empty [`tfsynth::Stack`] and a [`Ctx`]; what it returns (its
/// handles) is what other stacks get from [`Ctx::stack`]. A handle of one stack used in
/// another becomes an output and a `terraform_remote_state` read at synth, and `stacks`
/// prints the order to deploy them in.
///
/// # Example
/// ```no_run
/// use tfsynth::{prelude::*, RawResource};
/// use tfsynth_app::{App, Ctx, Error};
///
/// fn site(stack: &mut Stack, _: &mut Ctx) -> Result<(), Error> {
///     stack.resource("site", RawResource::new("aws_s3_bucket").attr("bucket", "my-site"));
///     Ok(())
/// }
///
/// fn main() {
///     App::new("infra").stack("site", site).run()
/// }
/// ```
#[derive(Debug)]
pub struct App {
    pub(crate) name: String,
    pub(crate) about: Option<String>,
    pub(crate) registry: Registry,
    pub(crate) root: Option<PathBuf>,
    pub(crate) new_command: bool,
    problems: Vec<String>,
}

impl App {
    /// An app called `name` (the command's name in `--help` and messages).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            about: None,
            registry: Registry::new(),
            root: None,
            new_command: false,
            problems: Vec::new(),
        }
    }

    /// The app's one-line description, shown by `--help`.
    #[must_use]
    pub fn about(mut self, text: impl Into<String>) -> Self {
        self.about = Some(text.into());
        self
    }

    /// Where asset paths are read from. Default: the directory of the crate's `Cargo.toml`
    /// when run by `cargo run` or `cargo test` (`CARGO_MANIFEST_DIR`), else the current
    /// directory.
    #[must_use]
    pub fn root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.root = Some(dir.into());
        self
    }

    /// Adds a stack without options, built by `build`.
    ///
    /// The name is the stack's `--stack` name and its directory under `synth --out-dir`:
    /// lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    #[must_use]
    pub fn stack<T, E, F>(self, name: &'static str, build: F) -> Self
    where
        T: 'static,
        E: std::fmt::Display,
        F: Fn(&mut tfsynth::Stack, &mut Ctx<'_>) -> Result<T, E> + 'static,
    {
        self.configured_stack(name, move |stack, _: &NoConfig, ctx| build(stack, ctx))
    }

    /// Adds a stack with options of type `C`: read from `--config FILE` and `--var KEY=VALUE`
    /// (unknown fields and wrong types are errors), documented by `schema`, started by `init`.
    #[must_use]
    pub fn configured_stack<C, T, E, F>(mut self, name: &'static str, build: F) -> Self
    where
        C: Default + Serialize + DeserializeOwned + JsonSchema + 'static,
        T: 'static,
        E: std::fmt::Display,
        F: Fn(&mut tfsynth::Stack, &C, &mut Ctx<'_>) -> Result<T, E> + 'static,
    {
        if let Some(problem) = name_problem(name) {
            self.problems.push(problem);
        } else if self.registry.get(name).is_some() {
            self.problems.push(format!(
                "two stacks are called {name}: give each stack its own name"
            ));
        }
        self.registry = std::mem::take(&mut self.registry).with(StackEntry::app(name, "", build));
        self
    }

    /// Adds a stack made by hand (the shipped stacks, or one with a module form).
    #[must_use]
    pub fn entry(mut self, entry: StackEntry) -> Self {
        if self.registry.get(entry.name()).is_some() {
            self.problems.push(format!(
                "two stacks are called {}: give each stack its own name",
                entry.name()
            ));
        }
        self.registry = std::mem::take(&mut self.registry).with(entry);
        self
    }

    /// Describes the stack added last, in one line (`stacks` lists it).
    #[must_use]
    pub fn description(mut self, text: &'static str) -> Self {
        self.registry.describe_last(text);
        self
    }

    /// The stack commands use without `--stack`. Default: the first one.
    #[must_use]
    pub fn default_stack(mut self, name: &'static str) -> Self {
        self.registry = std::mem::take(&mut self.registry).default_stack(name);
        self
    }

    /// Adds the `new` command (`tfsynth new DIR` writes a new project). The `tfsynth`
    /// binary has it; a project's own app does not need it.
    #[must_use]
    pub fn with_new_command(mut self) -> Self {
        self.new_command = true;
        self
    }

    /// The stacks.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Runs the command line of this process and exits with its code.
    pub fn run(self) -> ! {
        self.run_from(std::env::args_os())
    }

    /// Runs the command line `args` (the program name first) and exits with its code: for a
    /// `main` that takes arguments of its own before the app's.
    pub fn run_from<I, T>(self, args: I) -> !
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let code = self.run_inner(
            args,
            &mut crate::stdio::stdout(),
            &mut std::io::stderr().lock(),
            true,
        );
        std::process::exit(code)
    }

    /// Runs the command line `args` (the program name first) and returns the exit code.
    pub fn run_with<I, T>(&self, args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        self.run_inner(args, out, err, false)
    }

    fn run_inner<I, T>(
        &self,
        args: I,
        out: &mut dyn Write,
        err: &mut dyn Write,
        exiting: bool,
    ) -> i32
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        if !self.problems.is_empty() {
            for p in &self.problems {
                let _ = writeln!(err, "error: app {}: {p}", self.name);
            }
            return crate::EXIT_INVALID;
        }
        crate::run_app(self, args, out, err, exiting)
    }

    pub(crate) fn root_dir(&self) -> PathBuf {
        if let Some(r) = &self.root {
            return r.clone();
        }
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Builds every stack with its default options, resolves the references between them,
    /// and synthesizes each (Terraform JSON), in deploy order: what `synth --stack all
    /// --out-dir DIR` writes as `DIR/<stack>/main.tf.json`. For tests and snapshots.
    ///
    /// # Errors
    /// Every build, reference or validation problem, one per line.
    pub fn synth_all(&self) -> Result<Vec<(String, String)>, String> {
        let built = self.build_linked()?;
        let mut out = Vec::new();
        let mut failures = Vec::new();
        for name in &built.order {
            if let Some(stack) = built.stacks.get(name.as_str()) {
                match stack.synth() {
                    Ok(json) => out.push((name.clone(), json)),
                    Err(e) => failures.push(format!("stack {name} is invalid, {e}")),
                }
            }
        }
        if failures.is_empty() {
            Ok(out)
        } else {
            Err(failures.join("\n"))
        }
    }

    /// Builds the app's stacks with their default options and returns stack `name`, with
    /// the references to other stacks resolved. For tests.
    ///
    /// # Errors
    /// An unknown name, and every build or reference problem.
    pub fn build_stack(&self, name: &str) -> Result<tfsynth::Stack, String> {
        let mut built = self.build_linked()?;
        built.stacks.shift_remove(name).ok_or_else(|| {
            format!(
                "app {} has no stack {name}: the stacks are {}",
                self.name,
                self.registry.names()
            )
        })
    }

    fn build_linked(&self) -> Result<AppBuild, String> {
        if !self.problems.is_empty() {
            return Err(self.problems.join("\n"));
        }
        let picked: Vec<&StackEntry> = self.registry.entries().iter().collect();
        build_app(
            &self.registry,
            &self.root_dir(),
            &picked,
            &Options::default(),
        )
        .map_err(|e| e.join("\n"))
    }
}

/// A stack without options.
#[derive(Debug, Clone, Copy, Default, Serialize, serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}

/// Why a stack name cannot be used.
fn name_problem(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        return Some(format!(
            "stack name {name:?} is not a valid directory name: use 1 to 64 lowercase letters, \
             digits, `-` and `_`, starting with a letter or digit (e.g. \"network\")"
        ));
    }
    if name == "all" {
        return Some(
            "a stack cannot be called \"all\": `--stack all` picks every stack; choose another \
             name"
                .to_owned(),
        );
    }
    None
}

/// A config file (its path and text) and `--var` overrides.
pub(crate) type StackConfig = (Option<(PathBuf, String)>, Vec<VarOverride>);

/// How the picked stacks are built.
#[derive(Debug, Default)]
pub(crate) struct Options {
    /// The config file and overrides of the one picked stack.
    pub(crate) config: Option<StackConfig>,
    /// Build the picked stacks' module forms.
    pub(crate) as_module: bool,
}

/// The stacks of an app, built and linked.
#[derive(Debug)]
pub(crate) struct AppBuild {
    /// Every stack built, by name, in the registry's order.
    pub(crate) stacks: IndexMap<&'static str, tfsynth::Stack>,
    /// The warnings of each stack.
    pub(crate) warnings: HashMap<&'static str, Vec<String>>,
    /// The deploy order.
    pub(crate) order: Vec<String>,
    /// What linking did.
    pub(crate) linked: tfsynth::link::Linked,
}

enum Slot {
    Building,
    Done(Box<(Built, Exports)>),
    Failed,
}

struct Linker<'r> {
    registry: &'r Registry,
    root: PathBuf,
    options: &'r Options,
    picked: Vec<&'static str>,
    slots: IndexMap<&'static str, Slot>,
    uses: HashMap<&'static str, Vec<String>>,
    /// The stacks being built, outermost first (for cycle messages).
    chain: Vec<&'static str>,
    errors: Vec<String>,
}

impl Linker<'_> {
    fn ensure(&mut self, entry: &StackEntry) {
        let name = entry.name();
        if self.slots.contains_key(name) {
            return;
        }
        self.slots.insert(name, Slot::Building);
        self.chain.push(name);
        let picked = self.picked.contains(&name);
        let (file, vars) = match (&self.options.config, picked) {
            (Some((f, v)), true) => (f.clone(), v.clone()),
            _ => (None, Vec::new()),
        };
        let as_module = picked && self.options.as_module;
        let result = {
            let mut ctx = Ctx::new(name, self);
            entry.build_in(
                file.as_ref().map(|(p, t)| (p.as_path(), t.as_str())),
                &vars,
                as_module,
                &mut ctx,
            )
        };
        self.chain.pop();
        match result {
            Ok((built, exports)) => {
                self.slots
                    .insert(name, Slot::Done(Box::new((built, exports))));
            }
            Err(e) => {
                self.slots.insert(name, Slot::Failed);
                self.errors.push(match (&e, &file) {
                    (BuildError::Config(c), _) => c.to_string(),
                    (BuildError::Stack(s), Some((p, _))) => {
                        format!("stack {name}: {s} (config {})", p.display())
                    }
                    (BuildError::Stack(s), None) => format!("stack {name}: {s}"),
                });
            }
        }
    }
}

impl Resolver for Linker<'_> {
    fn get(&mut self, from: &'static str, name: &str) -> Result<Exports, StackError> {
        let Some(entry) = self.registry.get(name) else {
            return Err(StackError::Unknown {
                from: from.to_owned(),
                name: name.to_owned(),
                known: self
                    .registry
                    .entries()
                    .iter()
                    .map(|e| e.name().to_owned())
                    .collect(),
            });
        };
        let uses = self.uses.entry(from).or_default();
        if !uses.iter().any(|u| u == name) {
            uses.push(name.to_owned());
        }
        if let Some(Slot::Building) = self.slots.get(entry.name()) {
            let start = self
                .chain
                .iter()
                .position(|c| *c == entry.name())
                .unwrap_or(0);
            let mut chain: Vec<String> = self.chain[start..]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            chain.push(entry.name().to_owned());
            return Err(StackError::Cycle { chain });
        }
        self.ensure(entry);
        match self.slots.get(entry.name()) {
            Some(Slot::Done(done)) => Ok(done.1.clone()),
            _ => Err(StackError::Failed {
                from: from.to_owned(),
                name: name.to_owned(),
            }),
        }
    }

    fn root(&self) -> &Path {
        &self.root
    }
}

/// Builds the picked stacks (with the options), then every other stack of the registry with
/// its defaults (a stack that is not written may still read the picked ones, which then
/// export what it reads), and resolves the references between them.
pub(crate) fn build_app(
    registry: &Registry,
    root: &Path,
    picked: &[&StackEntry],
    options: &Options,
) -> Result<AppBuild, Vec<String>> {
    let mut linker = Linker {
        registry,
        root: root.to_path_buf(),
        options,
        picked: picked.iter().map(|e| e.name()).collect(),
        slots: IndexMap::new(),
        uses: HashMap::new(),
        chain: Vec::new(),
        errors: Vec::new(),
    };
    for entry in picked {
        linker.ensure(entry);
    }
    for entry in registry.entries() {
        linker.ensure(entry);
    }
    if !linker.errors.is_empty() {
        return Err(linker.errors);
    }
    let uses = std::mem::take(&mut linker.uses);
    let mut stacks: IndexMap<&'static str, tfsynth::Stack> = IndexMap::new();
    let mut warnings = HashMap::new();
    for entry in registry.entries() {
        if let Some(Slot::Done(done)) = linker.slots.shift_remove(entry.name()) {
            let (built, _) = *done;
            stacks.insert(entry.name(), built.stack);
            warnings.insert(entry.name(), built.warnings);
        }
    }
    let linked = {
        let mut inputs: Vec<tfsynth::link::LinkStack<'_>> = stacks
            .iter_mut()
            .map(|(name, stack)| tfsynth::link::LinkStack {
                name,
                stack,
                uses: uses.get(name).cloned().unwrap_or_default(),
            })
            .collect();
        tfsynth::link::link(&mut inputs)?
    };
    Ok(AppBuild {
        stacks,
        warnings,
        order: linked.order.clone(),
        linked,
    })
}

#![doc = include_str!("../README.md")]

//! Your own tfsynth project as an [`App`]: the whole `tfsynth` command line (synthesize,
//! validate, graph and configure stacks) over your stacks, with references between stacks.
//!
//! `App::run` is the `main` of a project; [`App::run_with`] (and [`run`], for a bare
//! [`Registry`]) take the arguments and the two output streams and return the exit code: 0
//! success, 1 an invalid stack or config (or an output that could not be written), 2 a usage
//! error. The `tfsynth` binary is one such App, of the shipped PrivateLink stacks.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

mod app;
pub mod asset;
pub mod config;
mod ctx;
pub mod limits;
mod messages;
mod output;
pub mod registry;
pub mod scaffold;
mod shape;
mod stdio;
mod terraform;
pub mod testing;
mod vars;

pub use app::{App, NoConfig};
pub use asset::{Asset, AssetError};
pub use config::{ConfigError, VarOverride};
pub use ctx::{AssetRef, Ctx, Error, StackError};
pub use registry::{BuildError, Built, Registry, StackEntry};

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the stack, its config or an output failed.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: the command line was not understood.
pub const EXIT_USAGE: i32 = 2;

/// Typed Terraform stacks, synthesized to Terraform JSON (or HCL).
///
/// Without a command, `tfsynth` runs `synth` on the default stack (demo) and writes its
/// Terraform JSON to stdout.
#[derive(Debug, Parser)]
#[command(name = "tfsynth", version, propagate_version = true)]
pub struct Cli {
    /// What to do (default: synth).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a stack as Terraform JSON (or HCL): to stdout, a file or a directory per stack.
    Synth(SynthArgs),
    /// Run every check on a stack and print all findings.
    Validate(ValidateArgs),
    /// Print the dependency graph of a stack, grouped by construct.
    Graph(GraphArgs),
    /// Print the JSON Schema of a stack's config file.
    Schema(SchemaArgs),
    /// Write a starter config file (and its schema) for a stack.
    Init(InitArgs),
    /// List the stacks, in the order to deploy them (a stack after the stacks it reads).
    Stacks,
    /// Write a new project: a crate with an App of one stack, a test and a README.
    New(NewArgs),
    /// Convert a Terraform configuration (HCL) into a tfsynth crate: an App with its stack.
    #[cfg(feature = "convert")]
    Convert(ConvertArgs),
}

/// `tfsynth convert`
#[cfg(feature = "convert")]
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The root module: a directory of `*.tf` files (local modules it calls are copied).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The crate to write (it must not exist, or be empty). Default: DIR's name with
    /// `-tfsynth` in the current directory.
    #[arg(long, value_name = "CRATE_DIR")]
    pub out: Option<PathBuf>,
}

/// `tfsynth new`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The directory to create (it must not exist, or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The package name. Default: DIR's name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Which stacks, and their options.
#[derive(Debug, Args, Default)]
pub struct StackArgs {
    /// A shipped stack (see `tfsynth stacks`); repeat it, or say `all`, for several.
    /// Default: demo.
    #[arg(long = "stack", value_name = "NAME")]
    pub stacks: Vec<String>,
    /// The stack's options as JSON (see `tfsynth schema` and `tfsynth init`). Unknown fields
    /// and wrong types are errors.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Set one option, after the config file: KEY is an option's dotted path
    /// (common.region, service.alb.certificate.acm to switch a variant); VALUE is read as JSON
    /// when it parses as JSON (443, true, ["a"], {"Team":"net"}: objects are merged into what
    /// is there), otherwise as a string (eu-west-1). Repeatable.
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub vars: Vec<String>,
}

/// Output syntax of `synth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Terraform JSON (`main.tf.json`).
    #[default]
    Json,
    /// Terraform's native syntax (`main.tf`), formatted as `terraform fmt` leaves it.
    Hcl,
}

/// `tfsynth synth`
#[derive(Debug, Args)]
pub struct SynthArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub stack: StackArgs,
    /// Write to FILE atomically (a temporary file in the same directory, then a rename): a
    /// failed synth leaves an existing FILE untouched. Files the stack references (such as
    /// user data scripts) are written next to it.
    #[arg(long, value_name = "FILE", conflicts_with = "out_dir")]
    pub out: Option<PathBuf>,
    /// Write DIR/STACK/main.tf.json (or main.tf) for each stack, with the files it references
    /// (with --as-module and one stack: DIR/main.tf.json and DIR/README.md).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Output syntax.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Leave out the construct-path comments ("//" keys in JSON, # lines in HCL).
    #[arg(long)]
    pub no_comments: bool,
    /// Write the stack as a reusable Terraform module: its module form, without provider
    /// blocks (aliased ones become configuration_aliases), backend or cloud, which the calling
    /// configuration provides (notes on stderr say what moved). With --out-dir DIR and one
    /// stack: DIR/main.tf.json (or main.tf) and DIR/README.md; with several stacks:
    /// DIR/STACK/ for each.
    #[arg(long)]
    pub as_module: bool,
}

/// `tfsynth validate`
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub stack: StackArgs,
    /// Also run `terraform validate` on the synthesized JSON in a temporary directory (needs
    /// `terraform` on PATH and `terraform init` able to install the providers; otherwise says
    /// so and skips it). A configuration `terraform init` refuses is a failure (exit 1).
    #[arg(long)]
    pub terraform: bool,
    /// Check the stack's module form, as `synth --as-module` writes it. With --terraform, a
    /// module with configuration_aliases is not given to `terraform validate` (alone, Terraform
    /// reports the aliased configurations missing; validate a root that calls it).
    #[arg(long)]
    pub as_module: bool,
}

/// Output syntax of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    #[default]
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

/// `tfsynth graph`
#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub stack: StackArgs,
    /// Output syntax.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `tfsynth schema`
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The stack (default: demo).
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
}

/// `tfsynth init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The stack (default: demo).
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// Where to write tfsynth.STACK.json and tfsynth.STACK.schema.json.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// A failed command: the exit code and what to print on stderr.
#[derive(Debug)]
struct Failure {
    code: i32,
    message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_USAGE,
        message: message.into(),
    }
}

fn invalid(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_INVALID,
        message: message.into(),
    }
}

/// Runs the command line `args` (including the program name) against `registry`, as the
/// `tfsynth` command. Returns the exit code.
pub fn run<I, T>(args: I, registry: &Registry, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let view = View {
        name: "tfsynth",
        about: None,
        registry,
        root: std::path::PathBuf::from("."),
        new_command: false,
        exiting: false,
    };
    run_view(&view, args, out, err)
}

/// What the commands need of an app.
struct View<'a> {
    name: &'a str,
    about: Option<&'a str>,
    registry: &'a Registry,
    root: PathBuf,
    new_command: bool,
    /// The process exits when the command is done ([`App::run`]): the built stacks are not
    /// taken apart piece by piece first.
    exiting: bool,
}

/// A value that is dropped, or left to the process's exit (which frees all memory at once),
/// when `leak` is set.
struct Keep<T> {
    value: Option<T>,
    leak: bool,
}

impl<T> Keep<T> {
    fn new(value: T, leak: bool) -> Self {
        Self {
            value: Some(value),
            leak,
        }
    }
}

impl<T> std::ops::Deref for Keep<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match &self.value {
            Some(v) => v,
            None => unreachable!("a Keep holds its value until dropped"),
        }
    }
}

impl<T> std::ops::DerefMut for Keep<T> {
    fn deref_mut(&mut self) -> &mut T {
        match &mut self.value {
            Some(v) => v,
            None => unreachable!("a Keep holds its value until dropped"),
        }
    }
}

impl<T> Drop for Keep<T> {
    fn drop(&mut self) {
        if self.leak {
            std::mem::forget(self.value.take());
        }
    }
}

pub(crate) fn run_app<I, T>(
    app: &App,
    args: I,
    out: &mut dyn Write,
    err: &mut dyn Write,
    exiting: bool,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let view = View {
        name: &app.name,
        about: app.about.as_deref(),
        registry: &app.registry,
        root: app.root_dir(),
        new_command: app.new_command,
        exiting,
    };
    run_view(&view, args, out, err)
}

fn parse<I, T>(view: &View<'_>, args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    let mut cmd = Cli::command().name(view.name.to_owned());
    match view.about {
        Some(about) => cmd = cmd.about(about.to_owned()).long_about(about.to_owned()),
        None if view.name != "tfsynth" => {
            let about = format!(
                "The stacks of {}, synthesized to Terraform JSON (or HCL). Without a command: \
                 synth of the default stack to stdout.",
                view.name
            );
            cmd = cmd.about(about).long_about(None);
        }
        None => {}
    }
    if !view.new_command {
        cmd = cmd.mut_subcommand("new", |c| c.hide(true));
    }
    let matches = cmd.try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

fn run_view<I, T>(view: &View<'_>, args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let registry = view.registry;
    let cli = match parse(view, args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    match write!(out, "{}", e.render()).and_then(|()| out.flush()) {
                        Ok(()) => EXIT_OK,
                        Err(e) => {
                            let _ = writeln!(err, "error: cannot write to stdout: {e}");
                            EXIT_INVALID
                        }
                    }
                }
                _ => {
                    let _ = write!(err, "{}", e.render());
                    EXIT_USAGE
                }
            };
        }
    };
    let result = match cli.command {
        None => synth(
            view,
            &SynthArgs {
                stack: StackArgs::default(),
                out: None,
                out_dir: None,
                format: Format::Json,
                no_comments: false,
                as_module: false,
            },
            out,
            err,
        ),
        Some(Command::Synth(a)) => synth(view, &a, out, err),
        Some(Command::Validate(a)) => validate(view, &a, out, err),
        Some(Command::Graph(a)) => graph(view, &a, out, err),
        Some(Command::Schema(a)) => schema(registry, a.stack.as_deref(), out),
        Some(Command::Init(a)) => init(registry, &a, out),
        Some(Command::Stacks) => stacks(view, out, err),
        Some(Command::New(a)) if view.new_command => new_project(&a, out),
        #[cfg(feature = "convert")]
        Some(Command::Convert(a)) if view.new_command => convert(&a, out, err),
        #[cfg(feature = "convert")]
        Some(Command::Convert(_)) => Err(usage(format!(
            "`convert` writes a new crate: run it with the tfsynth command, not with {}",
            view.name
        ))),
        Some(Command::New(_)) => Err(usage(format!(
            "`new` writes a new project: run it with the tfsynth command (`tfsynth new DIR`), \
             not with {}",
            view.name
        ))),
    };
    // Output that cannot be written (a full disk, a closed stdout) is a failure. Flushed on
    // failure too: `validate` prints its findings and then fails.
    let flushed = out.flush().map_err(stdout_failed);
    let result = result.and(flushed);
    // What the writes found and removed: leftovers of a killed run.
    for note in output::take_notes() {
        let _ = writeln!(err, "note: {note}");
    }
    match result {
        Ok(()) => EXIT_OK,
        Err(f) => {
            let _ = writeln!(err, "error: {}", f.message);
            f.code
        }
    }
}

fn stdout_failed(e: std::io::Error) -> Failure {
    invalid(format!("cannot write to stdout: {e}"))
}

/// Writes `text` to stdout; a failure (a full disk, a closed stdout) fails the command.
fn emit(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes()).map_err(stdout_failed)
}

fn pick_one<'r>(registry: &'r Registry, name: Option<&str>) -> Result<&'r StackEntry, Failure> {
    match name {
        None => registry
            .default_entry()
            .ok_or_else(|| usage("this binary ships no stacks")),
        Some(n) => registry.get(n).ok_or_else(|| {
            usage(format!(
                "unknown stack `{n}`: the stacks are {} (see `tfsynth stacks`)",
                registry.names()
            ))
        }),
    }
}

fn pick<'r>(registry: &'r Registry, args: &StackArgs) -> Result<Vec<&'r StackEntry>, Failure> {
    let mut picked: Vec<&StackEntry> = Vec::new();
    if args.stacks.is_empty() {
        picked.push(pick_one(registry, None)?);
    }
    for name in &args.stacks {
        if name == "all" {
            picked.extend(registry.entries());
        } else {
            picked.push(pick_one(registry, Some(name))?);
        }
    }
    let mut seen = std::collections::HashSet::new();
    picked.retain(|e| seen.insert(e.name()));
    if picked.len() > 1 && (args.config.is_some() || !args.vars.is_empty()) {
        return Err(usage(
            "--config and --var apply to one stack, and several were picked: run tfsynth once \
             per stack that needs options",
        ));
    }
    Ok(picked)
}

/// Parses the `--var`s; one without `=` is a usage error whose hint is a `--var` that works
/// for the stack (an option path with its default).
fn parse_vars(picked: &[&StackEntry], vars: &[String]) -> Result<Vec<VarOverride>, Failure> {
    vars.iter()
        .map(|text| {
            VarOverride::parse(text).map_err(|e| {
                let key = text.split('=').next().unwrap_or_default();
                let example = picked
                    .first()
                    .and_then(|entry| entry.defaults().ok())
                    .and_then(|d| vars::example(&d, Some(key.trim())));
                usage(match example {
                    Some(x) if !text.contains('=') => format!("{e}, e.g. --var {x}"),
                    _ => e,
                })
            })
        })
        .collect()
}

/// Builds every picked stack (as a module with `as_module`: its module form, then
/// [`tfsynth::Stack::into_module`], whose notes go to stderr) and every other stack of the
/// app with its defaults, resolves the references between them, and returns the picked ones;
/// reports all failures together.
fn build_all<'r>(
    view: &View<'r>,
    picked: &[&'r StackEntry],
    args: &StackArgs,
    as_module: bool,
    err: &mut dyn Write,
) -> Result<Vec<(&'r StackEntry, tfsynth::Stack)>, Failure> {
    let vars = parse_vars(picked, &args.vars)?;
    let file = match &args.config {
        None => None,
        Some(p) => Some((p.clone(), limits::read_config(p).map_err(invalid)?)),
    };
    let options = app::Options {
        config: Some((file, vars)),
        as_module,
    };
    let mut build = Keep::new(
        app::build_app(view.registry, &view.root, picked, &options)
            .map_err(|e| invalid(e.join("\nerror: ")))?,
        view.exiting,
    );
    let names: Vec<&str> = picked.iter().map(|e| e.name()).collect();
    for note in &build.linked.notes {
        if names
            .iter()
            .any(|n| note.starts_with(&format!("stack {n}:")))
        {
            let _ = writeln!(err, "note: {note}");
        }
    }
    let mut built = Vec::new();
    let mut failures = Vec::new();
    for entry in picked.iter().copied() {
        for w in build.warnings.get(entry.name()).into_iter().flatten() {
            let _ = writeln!(err, "warning: {}: {w}", entry.name());
        }
        let Some(stack) = build.stacks.shift_remove(entry.name()) else {
            continue;
        };
        if !as_module {
            built.push((entry, stack));
            continue;
        }
        match stack.into_module() {
            Ok(m) => {
                for note in &m.moved_to_caller {
                    let _ = writeln!(err, "note: {}: {note}", entry.name());
                }
                built.push((entry, m.stack));
            }
            Err(e) => failures.push(format!("stack {} cannot be a module, {e}", entry.name())),
        }
    }
    if failures.is_empty() {
        Ok(built)
    } else {
        Err(invalid(failures.join("\nerror: ")))
    }
}

fn synth(
    view: &View<'_>,
    args: &SynthArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    check_out_name(args)?;
    let picked = pick(view.registry, &args.stack)?;
    if picked.len() > 1 && args.out_dir.is_none() {
        return Err(usage(
            "several stacks need --out-dir DIR (each goes to DIR/<stack>/main.tf.json)",
        ));
    }
    let built = Keep::new(
        build_all(view, &picked, &args.stack, args.as_module, err)?,
        view.exiting,
    );
    let options = tfsynth::SynthOptions {
        comments: !args.no_comments,
    };
    // Synthesize everything before writing anything.
    let mut texts = Vec::new();
    let mut failures = Vec::new();
    for (entry, stack) in built.iter() {
        let name = &entry.name();
        let text = match args.format {
            Format::Json => synth_json(stack, options),
            Format::Hcl => tfsynth::hcl::synth_hcl(stack, options),
        };
        match text {
            Ok(t) => texts.push((*entry, t, stack)),
            Err(e) => failures.push(format!("stack {name} is invalid, {e}")),
        }
    }
    if !failures.is_empty() {
        return Err(invalid(failures.join("\nerror: ")));
    }
    let main_name = match args.format {
        Format::Json => "main.tf.json",
        Format::Hcl => "main.tf",
    };
    if let Some(dir) = &args.out_dir {
        let mut plan = Vec::new();
        // One module goes into DIR itself (the module's directory); several stacks, and
        // root configurations, into DIR/STACK.
        let module_dir = args.as_module && texts.len() == 1;
        for (entry, text, stack) in texts {
            let d = if module_dir {
                dir.clone()
            } else {
                dir.join(entry.name())
            };
            plan.push((d.join(main_name), text.into_bytes()));
            for (f, contents) in stack.files() {
                plan.push((d.join(f), contents.clone().into_bytes()));
            }
            for (f, contents) in stack.binary_files() {
                plan.push((d.join(f), contents.clone()));
            }
            if args.as_module {
                plan.push((
                    d.join("README.md"),
                    module_readme(entry, stack, &d).into_bytes(),
                ));
            }
            warn_other_syntax(&d.join(main_name), args.format, err);
        }
        refuse_config_as_output(&plan, args.stack.config.as_deref())?;
        output::write_all(&plan).map_err(invalid)?;
        for (path, _) in &plan {
            let _ = writeln!(err, "wrote {}", path.display());
        }
        return Ok(());
    }
    let (_, text, stack) = texts
        .into_iter()
        .next()
        .ok_or_else(|| invalid("no stack to write"))?;
    let files: Vec<(&String, Vec<u8>)> = stack
        .files()
        .iter()
        .map(|(k, v)| (k, v.clone().into_bytes()))
        .chain(stack.binary_files().iter().map(|(k, v)| (k, v.clone())))
        .collect();
    let Some(path) = &args.out else {
        warn_files_not_written(
            files.iter().map(|(k, _)| *k),
            "stdout cannot carry them: use --out or --out-dir",
            err,
        );
        return emit(out, &text);
    };
    match output::out_target(path, main_name)? {
        output::Target::Stream(kind) => {
            // A device, fifo or descriptor link: written through; the files the stack
            // references have no directory to go to.
            warn_files_not_written(
                files.iter().map(|(k, _)| *k),
                &format!(
                    "{} is a {kind}: use --out FILE or --out-dir DIR",
                    path.display()
                ),
                err,
            );
            output::write_one(path, &text).map_err(invalid)?;
        }
        output::Target::File { .. } => {
            // The referenced files go next to FILE as given, even when it is a symlink: that
            // is the directory Terraform runs in (`path.module`).
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            let mut plan = vec![(path.clone(), text.into_bytes())];
            for (f, contents) in files {
                plan.push((dir.join(f), contents));
            }
            refuse_config_as_output(&plan, args.stack.config.as_deref())?;
            warn_other_syntax(path, args.format, err);
            output::write_all(&plan).map_err(invalid)?;
        }
    }
    Ok(())
}

/// The stack's Terraform JSON, into a buffer sized for it up front (about 512 bytes a block:
/// growing a 40 MB text by doubling copies it twice over).
fn synth_json(
    stack: &tfsynth::Stack,
    options: tfsynth::SynthOptions,
) -> Result<String, tfsynth::Errors> {
    let (r, d, o) = stack.counts();
    let mut buf = Vec::with_capacity((r + d + o + 8) * 512);
    match stack.synth_to(&mut buf, options) {
        Ok(()) => Ok(String::from_utf8(buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
        Err(tfsynth::SynthError::Invalid(e)) => Err(e),
        // Writing into memory does not fail; should it, synth_with says why.
        Err(_) => stack.synth_with(options),
    }
}

/// The README of a module written to `dir`: titled with the directory's name, described by
/// the stack's description, with a usage snippet whose `source` is `dir` as given (relative
/// to where tfsynth ran) or `./NAME` for an absolute `dir`, so the text does not depend on
/// the machine.
fn module_readme(entry: &StackEntry, stack: &tfsynth::Stack, dir: &Path) -> String {
    let title = dir.file_name().map_or_else(
        || entry.name().to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let relative = dir.is_relative() && !dir.as_os_str().is_empty();
    let source = if relative {
        let parts: Vec<String> = dir
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let joined = parts.join("/");
        if joined.starts_with("..") {
            joined
        } else {
            format!("./{joined}")
        }
    } else {
        format!("./{title}")
    };
    let mut md = tfsynth::module_docs::readme(
        stack,
        &tfsynth::module_docs::ReadmeOptions {
            title,
            description: Some(sentence(entry.description())),
            source_hint: Some(source),
        },
    );
    md.push_str(&format!(
        "\n---\n\nGenerated by `tfsynth synth --stack {} --as-module`: edit the stack, not this \
         file.\n",
        entry.name()
    ));
    md
}

/// A one-line description as a sentence: capitalized, with a final period.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut s: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !s.is_empty() && !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// `--format hcl --out x.tf.json` (or json into `x.tf`) would give Terraform a file it
/// cannot parse: Terraform picks the syntax by the file name.
fn check_out_name(args: &SynthArgs) -> Result<(), Failure> {
    let Some(name) = args
        .out
        .as_deref()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
    else {
        return Ok(());
    };
    match args.format {
        Format::Hcl if name.ends_with(".tf.json") => Err(usage(format!(
            "--format hcl writes HCL, but Terraform reads {name} as JSON: name the file {}.tf, \
             or drop --format hcl",
            name.trim_end_matches(".tf.json")
        ))),
        Format::Json if name.ends_with(".tf") => Err(usage(format!(
            "tfsynth writes Terraform JSON, but Terraform reads {name} as HCL: name the file \
             {name}.json, or add --format hcl"
        ))),
        _ => Ok(()),
    }
}

/// Refuses to write over the config file the stack was read from.
fn refuse_config_as_output<C>(plan: &[(PathBuf, C)], config: Option<&Path>) -> Result<(), Failure> {
    let Some(config) = config else {
        return Ok(());
    };
    for (path, _) in plan {
        if output::same_file(path, config) {
            return Err(usage(format!(
                "{} is the config file (--config): writing the stack there would destroy it; \
                 write to another file, e.g. --out main.tf.json",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Terraform reads every `*.tf` and `*.tf.json` of a directory: `main.tf` next to
/// `main.tf.json` declares everything twice.
fn warn_other_syntax(main: &Path, format: Format, err: &mut dyn Write) {
    let other = match format {
        Format::Json => main.with_extension(""),
        Format::Hcl => main.with_extension("tf.json"),
    };
    let other_is_main = other.file_name() != main.file_name()
        && other
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".tf") || n.ends_with(".tf.json"));
    if other_is_main && other.is_file() {
        let _ = writeln!(
            err,
            "warning: {} is in the same directory: Terraform reads both files and would see \
             every block twice; delete one of them",
            other.display()
        );
    }
}

fn warn_files_not_written<'a>(
    files: impl Iterator<Item = &'a String>,
    why: &str,
    err: &mut dyn Write,
) {
    let names: Vec<&str> = files.map(String::as_str).collect();
    if names.is_empty() {
        return;
    }
    let _ = writeln!(
        err,
        "warning: the stack references files that were not written ({}): {why}",
        names.join(", ")
    );
}

fn validate(
    view: &View<'_>,
    args: &ValidateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let picked = pick(view.registry, &args.stack)?;
    let built = build_all(view, &picked, &args.stack, args.as_module, err)?;
    let mut failed = 0usize;
    for (entry, stack) in &built {
        let name = entry.name();
        match stack.validate() {
            Ok(()) => {
                let (r, d, o) = stack.counts();
                writeln!(
                    out,
                    "{name}: ok ({r} resources, {d} data sources, {o} outputs)"
                )
                .map_err(stdout_failed)?;
                let aliased = stack
                    .settings()
                    .required_providers
                    .values()
                    .any(|r| !r.configuration_aliases.is_empty());
                if args.terraform && args.as_module && aliased {
                    // Terraform validates such a module only through a caller: alone, it
                    // reports each aliased configuration as missing.
                    let _ = writeln!(
                        err,
                        "note: {name}: terraform validate skipped: a module with \
                         configuration_aliases is validated through a root configuration that \
                         calls it"
                    );
                } else if args.terraform {
                    match terraform::validate(stack) {
                        terraform::Outcome::Passed => {
                            writeln!(out, "{name}: terraform validate: ok")
                                .map_err(stdout_failed)?;
                        }
                        terraform::Outcome::Failed(report) => {
                            failed += 1;
                            writeln!(out, "{name}: terraform validate failed:\n{report}")
                                .map_err(stdout_failed)?;
                        }
                        terraform::Outcome::InitFailed(report) => {
                            failed += 1;
                            let _ = writeln!(
                                out,
                                "{name}: terraform init refused the configuration (not a \
                                 download problem), so terraform validate did not run:\n{report}"
                            );
                        }
                        terraform::Outcome::Skipped(why) => {
                            let _ =
                                writeln!(err, "note: {name}: terraform validate skipped: {why}");
                        }
                    }
                }
            }
            Err(errors) => {
                failed += 1;
                writeln!(out, "{name}: {errors}").map_err(stdout_failed)?;
            }
        }
    }
    if failed > 0 {
        Err(invalid(format!(
            "{failed} of {} stack{} failed validation",
            built.len(),
            if built.len() == 1 { "" } else { "s" }
        )))
    } else {
        Ok(())
    }
}

fn graph(
    view: &View<'_>,
    args: &GraphArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let picked = pick(view.registry, &args.stack)?;
    if picked.len() > 1 {
        return Err(usage("graph draws one stack: pick it with --stack NAME"));
    }
    let built = build_all(view, &picked, &args.stack, false, err)?;
    let Some((entry, stack)) = built.first() else {
        return Err(invalid("no stack to draw"));
    };
    let name = entry.name();
    stack
        .validate()
        .map_err(|e| invalid(format!("stack {name} is invalid, {e}")))?;
    let g = tfsynth::graph::Graph::of(stack);
    let text = match args.format {
        GraphFormat::Dot => g.to_dot(),
        GraphFormat::Mermaid => g.to_mermaid(),
    };
    match &args.out {
        Some(p) => {
            refuse_config_as_output(&[(p.clone(), String::new())], args.stack.config.as_deref())?;
            output::write_one(p, &text).map(|_| ()).map_err(invalid)
        }
        None => emit(out, &text),
    }
}

fn pretty(v: &serde_json::Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| invalid(format!("cannot write JSON: {e}")))
}

fn schema(registry: &Registry, stack: Option<&str>, out: &mut dyn Write) -> Result<(), Failure> {
    let entry = pick_one(registry, stack)?;
    emit(out, &pretty(&entry.schema())?)
}

/// The starter config of `init`: `$schema` pointing at the schema file written beside it, a
/// `$comment` saying how to use it, then every option at its default.
fn starter(entry: &StackEntry, schema_file: &str, config_file: &str) -> Result<String, Failure> {
    let defaults = entry.defaults().map_err(invalid)?;
    let mut m = serde_json::Map::new();
    m.insert("$schema".into(), format!("./{schema_file}").into());
    m.insert(
        "$comment".into(),
        format!(
            "Options of the {name} stack ({desc}). Every option is shown at its default; \
             {schema_file} documents each one (editors show it on hover). Delete what you do \
             not change. Use: tfsynth synth --stack {name} --config {config_file} --out \
             main.tf.json",
            name = entry.name(),
            desc = entry.description().trim_end_matches('.'),
        )
        .into(),
    );
    if let serde_json::Value::Object(fields) = defaults {
        m.extend(fields);
    }
    pretty(&serde_json::Value::Object(m))
}

fn init(registry: &Registry, args: &InitArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let entry = pick_one(registry, args.stack.as_deref())?;
    let config_file = format!("tfsynth.{}.json", entry.name());
    let schema_file = format!("tfsynth.{}.schema.json", entry.name());
    let config_path = args.dir.join(&config_file);
    let schema_path = args.dir.join(&schema_file);
    if !args.force {
        for p in [&config_path, &schema_path] {
            // symlink_metadata: a dangling link is something that exists too.
            if std::fs::symlink_metadata(p).is_ok() {
                return Err(invalid(format!(
                    "{} exists: pass --force to overwrite it",
                    p.display()
                )));
            }
        }
    }
    let plan = vec![
        (schema_path, pretty(&entry.schema())?),
        (
            config_path.clone(),
            starter(entry, &schema_file, &config_file)?,
        ),
    ];
    output::write_all(&plan).map_err(invalid)?;
    for (p, _) in &plan {
        writeln!(out, "wrote {}", p.display()).map_err(stdout_failed)?;
    }
    writeln!(
        out,
        "next: tfsynth synth --stack {} --config {} --out main.tf.json",
        entry.name(),
        messages::shell_quote(&config_path.display().to_string())
    )
    .map_err(stdout_failed)
}

/// Lists the stacks in deploy order (a stack after the stacks it reads), each with the
/// stacks it reads. The stacks are built with their defaults to find that out.
fn stacks(view: &View<'_>, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let registry = view.registry;
    let all: Vec<&StackEntry> = registry.entries().iter().collect();
    let built = app::build_app(registry, &view.root, &all, &app::Options::default());
    let (order, linked) = match built {
        Ok(b) => (b.order, Some(b.linked)),
        Err(errors) => {
            for e in errors {
                let _ = writeln!(err, "warning: {e}");
            }
            let _ = writeln!(
                err,
                "warning: the deploy order is unknown until every stack builds; listed in the \
                 order they were added"
            );
            (all.iter().map(|e| e.name().to_owned()).collect(), None)
        }
    };
    let width = registry
        .entries()
        .iter()
        .map(|e| e.name().len())
        .max()
        .unwrap_or(0);
    for name in &order {
        let Some(e) = registry.get(name) else {
            continue;
        };
        let reads = linked
            .as_ref()
            .map(|l| l.dependencies(name))
            .unwrap_or_default();
        let after = if reads.is_empty() {
            String::new()
        } else {
            format!(" (after {})", reads.join(", "))
        };
        writeln!(out, "{:width$}  {}{after}", e.name(), e.description()).map_err(stdout_failed)?;
    }
    Ok(())
}

/// `new DIR`: a new project, depending on this checkout's crates by path when the binary
/// was built from a checkout that is still there, else on the repository by git.
fn new_project(args: &NewArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .filter(|root| root.join("crates/tfsynth/Cargo.toml").is_file())
        .map(Path::to_path_buf);
    let deps = match checkout {
        Some(root) => scaffold::DepSource::Path(root),
        None => scaffold::DepSource::Git(env!("CARGO_PKG_REPOSITORY").to_owned()),
    };
    let written =
        scaffold::write_project(&args.dir, args.name.as_deref(), &deps).map_err(invalid)?;
    for p in &written {
        writeln!(out, "wrote {}", p.display()).map_err(stdout_failed)?;
    }
    let dir = shell_quote(&args.dir.display().to_string());
    writeln!(
        out,
        "next: cd {dir} && cargo run -- synth --out main.tf.json && cargo test"
    )
    .map_err(stdout_failed)
}

/// `convert DIR`: the crate, written all or none, and what was not converted on stderr.
#[cfg(feature = "convert")]
fn convert(args: &ConvertArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let dir_name = args
        .dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "converted".to_owned());
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{dir_name}-tfsynth")));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(dir_name);
    let name = tfsynth_convert::package_name(&name);
    let converted =
        tfsynth_convert::convert_dir(&args.dir, &name).map_err(|e| invalid(e.to_string()))?;
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .filter(|root| root.join("crates/tfsynth/Cargo.toml").is_file())
        .map(Path::to_path_buf);
    let deps = match checkout {
        Some(root) => tfsynth_convert::DepSource::Path(root),
        None => tfsynth_convert::DepSource::Git(env!("CARGO_PKG_REPOSITORY").to_owned()),
    };
    tfsynth_convert::write_crate(&converted, &args.dir, &target, &deps)
        .map_err(|e| invalid(e.to_string()))?;
    for d in &converted.diagnostics {
        let _ = writeln!(err, "warning: {}: {}", d.at, d.message);
    }
    writeln!(
        out,
        "wrote {} ({} escapes, {} HCL lines)",
        target.display(),
        converted.escapes,
        converted.hcl_lines
    )
    .map_err(stdout_failed)?;
    let dir = shell_quote(&target.display().to_string());
    writeln!(
        out,
        "next: cd {dir} && cargo run -- synth --out main.tf.json"
    )
    .map_err(stdout_failed)
}

/// `s` as one shell word.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@+,".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}

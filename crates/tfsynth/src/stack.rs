//! The [`Stack`] (one root module) and the construct tree of [`Scope`]s that names its blocks.

use heck::ToSnakeCase;
use indexmap::IndexMap;

use crate::block::Repetition;
use crate::block::{DataSource, Meta, Resource};
use crate::body::Body;
use crate::config::module::{Check, Import, Module, Moved, Removed};
use crate::config::provider::ProviderBlock;
use crate::config::settings::{ProviderRequirement, Settings};
use crate::config::variable::{Output, Variable, VariableSpec};
use crate::error::{Error, Errors};
use crate::expr::render::is_identifier;
use crate::expr::{Expr, RawExpr, RefRoot, Value};
use crate::handle::{Instancing, ModuleRef, ProviderRef, Ref};
use crate::provider_rules::TypeRules;
use crate::validate::depth::Guard;

/// Something declared, with the construct path it was declared at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item<T> {
    pub(crate) path: String,
    pub(crate) value: T,
}

/// A declared resource or data source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BlockItem {
    pub(crate) body: Body,
    /// `None` when every meta-argument is at its default (most blocks): keeps the model small.
    meta: Option<Box<Meta>>,
    /// The provider's rules for the block's type ([`crate::Block::rules`]).
    pub(crate) rules: Option<&'static TypeRules>,
}

impl BlockItem {
    pub(crate) fn new(mut body: Body, meta: Meta, rules: Option<&'static TypeRules>) -> Self {
        body.shrink_to_fit();
        let meta = (meta != Meta::default()).then(|| Box::new(meta));
        Self { body, meta, rules }
    }

    /// The meta-arguments, mutably, when any is set.
    pub(crate) fn meta_mut(&mut self) -> Option<&mut Meta> {
        self.meta.as_deref_mut()
    }

    /// The meta-arguments.
    pub(crate) fn meta(&self) -> &Meta {
        static DEFAULT: std::sync::OnceLock<Meta> = std::sync::OnceLock::new();
        self.meta
            .as_deref()
            .unwrap_or_else(|| DEFAULT.get_or_init(Meta::default))
    }
}

/// A declared provider configuration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProviderItem {
    pub(crate) alias: Option<String>,
    pub(crate) body: Body,
}

/// One Terraform root module: everything declared in it, in declaration order.
///
/// Declaring never fails: problems (invalid names, duplicates, dangling references, cycles)
/// are collected and reported together by [`Stack::validate`] and [`Stack::synth`].
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, RawResource};
/// let mut stack = Stack::new();
/// let mut service = stack.scope("service");
/// let vpc = service.resource("vpc", RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"));
/// assert_eq!(vpc.get::<String>("id").to_string(), "aws_vpc.service_vpc.id");
/// let json = stack.synth().unwrap();
/// assert!(json.contains(r#""//": "service/vpc""#));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stack {
    pub(crate) settings: Settings,
    pub(crate) providers: IndexMap<String, Vec<Item<ProviderItem>>>,
    pub(crate) variables: IndexMap<String, Item<VariableSpec>>,
    pub(crate) locals: IndexMap<String, Item<RawExpr>>,
    pub(crate) data: IndexMap<String, IndexMap<String, Item<BlockItem>>>,
    pub(crate) resources: IndexMap<String, IndexMap<String, Item<BlockItem>>>,
    pub(crate) ephemeral: IndexMap<String, IndexMap<String, Item<BlockItem>>>,
    pub(crate) modules: IndexMap<String, Item<Module>>,
    pub(crate) outputs: IndexMap<String, Item<Output>>,
    pub(crate) moved: Vec<Item<Moved>>,
    pub(crate) imports: Vec<Item<Import>>,
    pub(crate) removed: Vec<Item<Removed>>,
    pub(crate) checks: IndexMap<String, Item<Check>>,
    pub(crate) files: IndexMap<String, String>,
    /// Files of bytes written next to the stack ([`Stack::file_bytes`]): assets.
    pub(crate) binary_files: IndexMap<String, Vec<u8>>,
    pub(crate) errors: Vec<Error>,
    /// Addresses reserved by [`Declare::forward`] and not declared yet, with their paths.
    pub(crate) forwards: IndexMap<String, String>,
    /// The default provider configurations of the root scope ([`Declare::use_provider`]).
    pub(crate) default_providers: Vec<ProviderRef>,
    /// Warn about literal strings that look like interpolations ([`Stack::warn_literal_interpolations`]).
    pub(crate) lint_literals: bool,
}

/// What can go wrong in [`Stack::synth_to`].
#[derive(Debug)]
#[non_exhaustive]
pub enum SynthError {
    /// The stack is invalid; nothing was written.
    Invalid(Errors),
    /// Writing the output failed.
    Io(std::io::Error),
}

impl std::fmt::Display for SynthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(e) => e.fmt(f),
            Self::Io(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for SynthError {}

/// Options of [`Stack::synth_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// Write a `"//"` comment with the construct path in every block. Default: on.
    pub comments: bool,
}

impl Default for SynthOptions {
    fn default() -> Self {
        Self { comments: true }
    }
}

impl Stack {
    /// An empty stack.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `terraform` block, to set `required_version`, providers, backend or cloud.
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The `terraform` block.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// `terraform { required_version = ... }`
    pub fn required_version(&mut self, constraint: impl Into<String>) -> &mut Self {
        self.settings.required_version = Some(constraint.into());
        self
    }

    /// `terraform { required_providers { NAME = { source, version } } }`
    pub fn require_provider(&mut self, name: &str, source: &str, version: &str) -> &mut Self {
        self.settings.required_providers.insert(
            name.to_owned(),
            ProviderRequirement {
                source: source.to_owned(),
                version: Some(version.to_owned()),
                configuration_aliases: Vec::new(),
            },
        );
        self
    }

    /// A file written next to `main.tf.json` (such as a user-data script); returns
    /// `file("${path.module}/NAME")` to use where its contents are needed.
    ///
    /// `name` is a relative path inside the output directory, with `/` between directories
    /// (`scripts/init.sh`). Adding the same name again with the same contents is allowed;
    /// everything else is reported by [`Stack::validate`] and [`Stack::synth`].
    ///
    /// # Errors
    /// Reported at synth time ([`Error::InvalidFileName`]): an empty or absolute name, a `..`,
    /// `.` or empty component, a backslash or NUL, `main.tf.json` or `main.tf` (the stack's own
    /// output), a name added twice with different contents, and a name with a component that
    /// Terraform reads or owns, in any case: `*.tf`, `*.tf.json` (override files included),
    /// `override.*`, `*.tfvars`, `*.tfvars.json`, `*.tftest.hcl`, `*.tftest.json`,
    /// `*.tfmock.hcl`, `*.tfmock.json`, `terraform.tfstate*` and `.terraform*`.
    ///
    /// # Example
    /// ```
    /// use tfsynth::prelude::*;
    /// let mut stack = Stack::new();
    /// stack.file("../etc/passwd", "x");
    /// let e = stack.synth().unwrap_err();
    /// assert!(e.to_string().contains("invalid file name \"../etc/passwd\""));
    /// ```
    pub fn file(&mut self, name: &str, contents: impl Into<String>) -> Expr<String> {
        let contents = contents.into();
        if let Some(reason) = file_name_problem(name) {
            self.errors.push(Error::InvalidFileName {
                name: name.to_owned(),
                reason,
            });
        } else if self.files.get(name).is_some_and(|c| *c != contents) {
            self.errors.push(Error::InvalidFileName {
                name: name.to_owned(),
                reason: "it was added twice with different contents; give each file its own \
                         name"
                    .to_owned(),
            });
        } else {
            self.files.insert(name.to_owned(), contents);
        }
        crate::functions::file(crate::template!(crate::path_module(), "/", name))
    }

    /// The files added with [`Stack::file`], by name.
    pub fn files(&self) -> &IndexMap<String, String> {
        &self.files
    }

    /// Adds a file of bytes (an asset: a zip, an image) written next to the stack's output
    /// file by `tfsynth synth --out`/`--out-dir`, and returns its path as Terraform sees it,
    /// `"${path.module}/NAME"` (for a Lambda function's `filename`, an S3 object's `source`).
    /// Names are checked as [`Stack::file`] checks them; a name added twice with other bytes
    /// is an error.
    ///
    /// # Example
    /// ```
    /// use tfsynth::prelude::*;
    /// let mut stack = Stack::new();
    /// let path = stack.file_bytes("assets/code.zip", vec![0x50, 0x4b]);
    /// assert_eq!(path.to_string(), r#""${path.module}/assets/code.zip""#);
    /// assert_eq!(stack.binary_files()["assets/code.zip"], [0x50, 0x4b]);
    /// ```
    pub fn file_bytes(&mut self, name: &str, contents: Vec<u8>) -> Expr<String> {
        if let Some(reason) = file_name_problem(name) {
            self.errors.push(Error::InvalidFileName {
                name: name.to_owned(),
                reason,
            });
        } else if self.files.contains_key(name)
            || self.binary_files.get(name).is_some_and(|c| *c != contents)
        {
            self.errors.push(Error::InvalidFileName {
                name: name.to_owned(),
                reason: "it was added twice with different contents; give each file its own \
                         name"
                    .to_owned(),
            });
        } else {
            self.binary_files.insert(name.to_owned(), contents);
        }
        crate::template!(crate::path_module(), "/", name)
    }

    /// The files added with [`Stack::file_bytes`], by name.
    pub fn binary_files(&self) -> &IndexMap<String, Vec<u8>> {
        &self.binary_files
    }

    /// Runs every check and returns all problems found.
    ///
    /// # Errors
    /// Every invalid identifier, duplicate address, undeclared reference, misuse of
    /// `count.index`/`each`/`self`, unknown provider, non-literal default and cycle, and
    /// whatever Terraform itself would refuse that the model can see: reserved and
    /// meta-argument names, module sources, version constraints, provider sources, function
    /// names, conditions that check nothing, literal `count`/`for_each` values, and nesting past
    /// [`crate::expr::MAX_DEPTH`] levels (see the crate documentation); and, for blocks whose
    /// type has provider rules ([`crate::Block::rules`], [`crate::provider_rules`]), every
    /// literal value the provider refuses at plan ([`Error::ProviderRule`], reported after the
    /// other errors, sorted by address, argument and message) and every output of an attribute
    /// the provider marks sensitive that is not itself sensitive.
    pub fn validate(&self) -> Result<(), Errors> {
        let errors = crate::validate::validate(self);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    /// Validates, then writes the Terraform JSON syntax: 2-space indented, with a trailing
    /// newline, byte-for-byte deterministic.
    ///
    /// # Errors
    /// See [`Stack::validate`]; nothing is produced when any check fails.
    pub fn synth(&self) -> Result<String, Errors> {
        self.synth_with(SynthOptions::default())
    }

    /// [`Stack::synth`] with options.
    ///
    /// # Errors
    /// See [`Stack::validate`].
    pub fn synth_with(&self, options: SynthOptions) -> Result<String, Errors> {
        self.validate()?;
        Ok(crate::synth::to_json(self, options))
    }

    /// Validates, then streams the Terraform JSON syntax to `w` (the same bytes as
    /// [`Stack::synth_with`], without holding them in memory). Nothing is written when
    /// validation fails.
    ///
    /// # Errors
    /// [`SynthError::Invalid`] with every problem [`Stack::validate`] finds, or
    /// [`SynthError::Io`] when writing fails (then `w` may hold part of the output: write to a
    /// temporary file and rename it for an atomic result).
    pub fn synth_to<W: std::io::Write>(
        &self,
        w: W,
        options: SynthOptions,
    ) -> Result<(), SynthError> {
        self.validate().map_err(SynthError::Invalid)?;
        crate::synth::write_json(self, options, w).map_err(SynthError::Io)
    }

    /// What Terraform accepts but is probably a mistake: a block that falls back to an
    /// unconfigured default provider while only aliased configurations of its provider exist,
    /// and (opt-in, [`Stack::warn_literal_interpolations`]) literal strings that look like
    /// interpolations. Warnings never stop [`Stack::synth`]; print them, or fail on them.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, RawProvider, RawResource};
    /// let mut stack = Stack::new();
    /// stack.provider(RawProvider::new("aws").alias("east").attr("region", "us-east-1"));
    /// stack.resource("logs", RawResource::new("aws_s3_bucket"));
    /// let w = stack.warnings();
    /// assert!(w[0].to_string().starts_with("aws_s3_bucket.logs (at logs) sets no provider"));
    /// ```
    pub fn warnings(&self) -> Vec<crate::Warning> {
        crate::validate::warnings::warnings(self)
    }

    /// Opt-in: [`Stack::warnings`] also lists every literal string that contains `${` or `%{`
    /// (written as text, `$${`), for people porting HCL, where `"Workloads in ${var.name}"`
    /// is an interpolation: pasted into Rust it silently becomes a literal.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, RawResource};
    /// let mut stack = Stack::new();
    /// stack.warn_literal_interpolations(true);
    /// stack.resource("vpc", RawResource::new("aws_vpc").attr("tags", Value::<Map<String>>::from([("Name", "Workloads in ${var.name}")])));
    /// assert_eq!(stack.warnings().len(), 1);
    /// ```
    pub fn warn_literal_interpolations(&mut self, on: bool) -> &mut Self {
        self.lint_literals = on;
        self
    }

    /// The number of resources, data sources and outputs declared.
    pub fn counts(&self) -> (usize, usize, usize) {
        (
            self.resources.values().map(IndexMap::len).sum(),
            self.data.values().map(IndexMap::len).sum(),
            self.outputs.len(),
        )
    }

    fn check_name(&mut self, kind: &'static str, name: &str, path: &str) {
        if !is_identifier(name) {
            self.errors.push(Error::InvalidIdentifier {
                kind,
                name: name.to_owned(),
                path: path.to_owned(),
            });
        }
    }
}

/// Why `name` cannot be the name of a file written next to the stack's output
/// ([`Stack::file`]), if it cannot: it must stay inside the output directory, not collide with
/// the stack's own output, and no component may be a name Terraform reads or owns
/// (`terraform_name_problem`).
pub(crate) fn file_name_problem(name: &str) -> Option<String> {
    const FIX: &str = "use a relative path inside the output directory, such as \
                       `scripts/init.sh`";
    if name.is_empty() {
        return Some(format!("the name is empty; {FIX}"));
    }
    let drive =
        name.len() >= 2 && name.as_bytes()[0].is_ascii_alphabetic() && name.as_bytes()[1] == b':';
    if name.starts_with('/') || drive {
        return Some(format!(
            "an absolute path would be written outside the output directory; {FIX}"
        ));
    }
    if name.contains('\\') {
        return Some(
            "a backslash is a directory separator on Windows only; separate directories with \
             `/`, as in `scripts/init.sh`"
                .to_owned(),
        );
    }
    if name.contains('\0') {
        return Some(format!("a file name cannot contain a NUL character; {FIX}"));
    }
    for part in name.split('/') {
        match part {
            ".." => {
                return Some(format!("`..` would leave the output directory; {FIX}"));
            }
            "." | "" => {
                return Some(
                    "it has an empty or `.` component; write it without `//` or `./`, such as \
                     `scripts/init.sh`"
                        .to_owned(),
                );
            }
            _ => {}
        }
    }
    let lower = name.to_ascii_lowercase();
    if lower == "main.tf.json" || lower == "main.tf" {
        return Some(
            "it is the stack's own output file; give it another name, such as `scripts/init.sh`"
                .to_owned(),
        );
    }
    name.split('/').find_map(|component| {
        let what = terraform_name_problem(component)?;
        let fix = "give it another name, such as `scripts/init.sh`";
        Some(if component == name {
            format!("{what}; {fix}")
        } else {
            format!("it has the component `{component}`: {what}; {fix}")
        })
    })
}

/// Why Terraform reads or owns a path component (compared case-insensitively: the output may
/// land on a case-insensitive file system), if it does:
///
/// - `*.tf`, `*.tf.json`: configuration, override files (`override.tf`, `*_override.tf.json`)
///   included;
/// - `override.*` with any other extension, so that no name is one extension away from an
///   override file;
/// - `*.tfvars`, `*.tfvars.json`: variable values;
/// - `*.tftest.hcl`, `*.tftest.json`, `*.tfmock.hcl`, `*.tfmock.json`: tests and mocks;
/// - `terraform.tfstate*`: state, its backup and the workspaces' state directory;
/// - `.terraform*`: the working directory (`.terraform/`), the lock file
///   (`.terraform.lock.hcl`) and the CLI's other files.
fn terraform_name_problem(component: &str) -> Option<&'static str> {
    let c = component.to_ascii_lowercase();
    let config = c.strip_suffix(".tf").or_else(|| c.strip_suffix(".tf.json"));
    Some(if let Some(stem) = config {
        if stem == "override" || stem.ends_with("_override") {
            "Terraform reads it as an override file, which overrides the stack's own blocks"
        } else {
            "Terraform reads every *.tf and *.tf.json file as configuration, so it would add \
             blocks to the stack's own"
        }
    } else if c.starts_with("override.") {
        "override.* names are kept for Terraform's override files, which override the stack's \
         own blocks"
    } else if c.ends_with(".tfvars") || c.ends_with(".tfvars.json") {
        "Terraform reads *.tfvars files as variable values (terraform.tfvars and *.auto.tfvars \
         on every run)"
    } else if [".tftest.hcl", ".tftest.json", ".tfmock.hcl", ".tfmock.json"]
        .iter()
        .any(|ext| c.ends_with(ext))
    {
        "terraform test reads it as a test or mock file"
    } else if c.starts_with("terraform.tfstate") {
        "Terraform keeps state under terraform.tfstate* names, so it would replace a state"
    } else if c.starts_with(".terraform") {
        "Terraform owns .terraform* names (the .terraform directory, .terraform.lock.hcl)"
    } else {
        return None;
    })
}

/// A node of the construct tree: blocks declared through it are named after its path
/// (`service` / `alb` / `lb` -> `service_alb_lb`).
#[derive(Debug)]
pub struct Scope<'s> {
    stack: &'s mut Stack,
    path: Vec<String>,
    providers: Vec<ProviderRef>,
}

impl Scope<'_> {
    /// The path of this scope (`["service", "alb"]`).
    pub fn path(&self) -> &[String] {
        &self.path
    }
}

/// Declaring things in a stack, at its root ([`Stack`]) or in a [`Scope`].
///
/// Names given here are snake-cased and prefixed with the scope path, so a construct can be
/// instantiated twice under different scopes without clashes. Names are API: renaming one
/// replaces real infrastructure.
pub trait Declare {
    /// The stack and the current scope path.
    #[doc(hidden)]
    fn parts(&mut self) -> (&mut Stack, &[String]);

    /// The provider configurations blocks declared here use by default
    /// ([`Declare::use_provider`]), inherited from the parent scope.
    #[doc(hidden)]
    fn default_providers(&mut self) -> &mut Vec<ProviderRef>;

    /// A child scope. It inherits this scope's default providers.
    fn scope(&mut self, name: &str) -> Scope<'_> {
        let providers = self.default_providers().clone();
        let (stack, path) = self.parts();
        let mut path = path.to_vec();
        stack.check_name("scope", name, &path.join("/"));
        path.push(name.to_owned());
        Scope {
            stack,
            path,
            providers,
        }
    }

    /// Makes `provider` the default configuration of its provider in this scope and the
    /// scopes made from it afterwards: the Rust equivalent of a module's
    /// `providers = { aws = aws.east }`. Every resource and data source of that provider
    /// declared here without its own `provider` gets `provider = aws.east`, and every module
    /// call gets it in its `providers` map (Terraform passes a module nothing else once the
    /// map is set: list any other provider the module needs with [`Module::provider`]).
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, RawProvider, RawResource};
    /// let mut stack = Stack::new();
    /// let east = stack.provider(RawProvider::new("aws").alias("east").attr("region", "us-east-1"));
    /// let mut edge = stack.scope("edge");
    /// edge.use_provider(&east);
    /// let mut certs = edge.scope("certs");
    /// certs.resource("cert", RawResource::new("aws_acm_certificate").attr("domain_name", "x.example.com"));
    /// assert!(stack.synth().unwrap().contains(r#""provider": "aws.east""#));
    /// ```
    fn use_provider(&mut self, provider: &ProviderRef) -> &mut Self
    where
        Self: Sized,
    {
        let defaults = self.default_providers();
        defaults.retain(|p| p.name != provider.name);
        defaults.push(provider.clone());
        self
    }

    /// The default configuration for blocks of `type_name` here, if one was set.
    #[doc(hidden)]
    fn provider_for(&mut self, type_name: &str) -> Option<ProviderRef> {
        self.default_providers()
            .iter()
            .find(|p| type_name == p.name || type_name.starts_with(&format!("{}_", p.name)))
            .cloned()
    }

    /// The logical name a child called `name` gets here (`service_alb`).
    fn logical_name(&mut self, name: &str) -> String {
        let (_, path) = self.parts();
        join_name(path, name)
    }

    /// The construct path of a child called `name` (`service/alb`).
    fn construct_path(&mut self, name: &str) -> String {
        let (_, path) = self.parts();
        join(path, name, "/")
    }

    /// Declares a managed resource and returns its handle.
    fn resource<R: Resource>(&mut self, name: &str, mut resource: R) -> Ref<R> {
        default_provider(self, &mut resource);
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "resource", path, name);
        declare_resource(stack, logical, cpath, resource)
    }

    /// Reserves the handle of a resource declared later with [`Declare::fill`]: for code that
    /// needs a reference before it can build the resource (two security groups whose rules
    /// name each other, a construct that wires its parts in any order). The name is taken
    /// here, under this scope; `type_name` and `instancing` must match what is filled in.
    /// A handle never filled is a validation error, as is filling it with another type or
    /// another `count` / `for_each` shape.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Instancing, RawResource};
    /// let mut stack = Stack::new();
    /// let db = stack.forward::<RawResource>("aws_security_group", "db", Instancing::Single);
    /// let app = stack.resource(
    ///     "app",
    ///     RawResource::new("aws_security_group").attr("description", template!("talks to ", db.get::<String>("id"))),
    /// );
    /// stack.fill(db, RawResource::new("aws_security_group").attr("description", "database"));
    /// let _ = app;
    /// assert!(stack.synth().unwrap().contains("talks to ${aws_security_group.db.id}"));
    /// ```
    fn forward<R: Resource>(
        &mut self,
        type_name: &str,
        name: &str,
        instancing: Instancing,
    ) -> Forward<R> {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "resource", path, name);
        stack.check_name("resource type", type_name, &cpath);
        stack
            .forwards
            .insert(format!("{type_name}.{logical}"), cpath.clone());
        Forward {
            handle: Ref::new(
                RefRoot::Resource {
                    type_name: type_name.into(),
                    name: logical.into(),
                },
                instancing,
            ),
            path: cpath,
        }
    }

    /// Declares the resource a [`Declare::forward`] handle reserved, under the name and
    /// scope it was reserved with, and returns its handle.
    fn fill<R: Resource>(&mut self, forward: Forward<R>, mut resource: R) -> Ref<R> {
        default_provider(self, &mut resource);
        let (stack, _) = self.parts();
        let reserved = Ref::address(&forward.handle);
        let (logical, expected) = match Ref::root(&forward.handle) {
            RefRoot::Resource { type_name, name } => (name.to_string(), type_name.to_string()),
            _ => (String::new(), String::new()),
        };
        let type_name = resource.type_name().to_owned();
        check_filled_type(stack, &reserved, &expected, &type_name, &forward.path);
        stack.forwards.shift_remove(&reserved);
        let wanted = Ref::instancing(&forward.handle);
        let handle = declare_resource(stack, logical, forward.path.clone(), resource);
        let got = Ref::instancing(&handle);
        check_filled_instancing(stack, reserved, wanted, got, forward.path);
        handle
    }

    /// Declares a data source and returns its handle.
    fn data<D: DataSource>(&mut self, name: &str, mut data: D) -> Ref<D> {
        default_provider(self, &mut data);
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "data source", path, name);
        declare_data(stack, logical, cpath, data)
    }

    /// Reserves the handle of a data source declared later with [`Declare::fill_data`], as
    /// [`Declare::forward`] does for a resource: the name is taken here, under this scope;
    /// `type_name` and `instancing` must match what is filled in, and a handle never filled
    /// is a validation error.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Instancing, RawData, RawResource};
    /// let mut stack = Stack::new();
    /// let ami = stack.forward_data::<RawData>("aws_ami", "base", Instancing::Single);
    /// stack.resource("web", RawResource::new("aws_instance").attr("ami", ami.get::<String>("id")));
    /// stack.fill_data(ami, RawData::new("aws_ami").attr("most_recent", true));
    /// assert!(stack.synth().unwrap().contains("${data.aws_ami.base.id}"));
    /// ```
    fn forward_data<D: DataSource>(
        &mut self,
        type_name: &str,
        name: &str,
        instancing: Instancing,
    ) -> Forward<D> {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "data source", path, name);
        stack.check_name("data source type", type_name, &cpath);
        stack
            .forwards
            .insert(format!("data.{type_name}.{logical}"), cpath.clone());
        Forward {
            handle: Ref::new(
                RefRoot::Data {
                    type_name: type_name.into(),
                    name: logical.into(),
                },
                instancing,
            ),
            path: cpath,
        }
    }

    /// Declares the data source a [`Declare::forward_data`] handle reserved, under the name
    /// and scope it was reserved with, and returns its handle.
    fn fill_data<D: DataSource>(&mut self, forward: Forward<D>, mut data: D) -> Ref<D> {
        default_provider(self, &mut data);
        let (stack, _) = self.parts();
        let reserved = Ref::address(&forward.handle);
        let (logical, expected) = match Ref::root(&forward.handle) {
            RefRoot::Data { type_name, name } => (name.to_string(), type_name.to_string()),
            _ => (String::new(), String::new()),
        };
        check_filled_type(stack, &reserved, &expected, data.type_name(), &forward.path);
        stack.forwards.shift_remove(&reserved);
        let wanted = Ref::instancing(&forward.handle);
        let handle = declare_data(stack, logical, forward.path.clone(), data);
        let got = Ref::instancing(&handle);
        check_filled_instancing(stack, reserved, wanted, got, forward.path);
        handle
    }

    /// Declares an ephemeral resource (Terraform 1.10) and returns its handle
    /// (`ephemeral.TYPE.NAME`). Validation refuses it when `required_version` allows an older
    /// Terraform.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, RawEphemeral, RawResource};
    /// let mut stack = Stack::new();
    /// let secret = stack.ephemeral("db", RawEphemeral::new("aws_secretsmanager_secret_version").attr("secret_id", "db"));
    /// stack.resource(
    ///     "db",
    ///     RawResource::new("aws_db_instance").attr("password_wo", secret.get::<String>("secret_string")),
    /// );
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains(r#""password_wo": "${ephemeral.aws_secretsmanager_secret_version.db.secret_string}""#));
    /// ```
    fn ephemeral<E: crate::block::EphemeralResource>(
        &mut self,
        name: &str,
        mut block: E,
    ) -> Ref<E> {
        default_provider(self, &mut block);
        let type_name = block.type_name().to_owned();
        let rules = block.rules();
        let (mut body, mut meta) = block.into_parts();
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "ephemeral resource", path, name);
        let address = || format!("ephemeral.{type_name}.{logical}");
        guard_block(&mut stack.errors, address, &cpath, &mut body, &mut meta);
        let instancing = instancing(&meta.repetition);
        let by_name = stack.ephemeral.entry(type_name.clone()).or_default();
        if let Some(first) = by_name.get(&logical) {
            let first = first.path.clone();
            duplicate(
                stack,
                format!("ephemeral.{type_name}.{logical}"),
                &first,
                cpath,
            );
        } else {
            by_name.insert(
                logical.clone(),
                Item {
                    path: cpath,
                    value: BlockItem::new(body, meta, rules),
                },
            );
        }
        Ref::new(
            RefRoot::Ephemeral {
                type_name: type_name.into(),
                name: logical.into(),
            },
            instancing,
        )
    }

    /// Declares an input variable and returns `var.NAME`.
    fn variable<T>(&mut self, name: &str, variable: Variable<T>) -> Expr<T> {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "variable", path, name);
        let mut spec = variable.spec;
        let mut guard = Guard::new(&mut stack.errors, || format!("var.{logical}"), &cpath);
        if let Some(t) = &mut spec.ty {
            guard.ty(t);
        }
        if let Some(d) = &mut spec.default {
            guard.expr(d);
        }
        for v in &mut spec.validations {
            guard.expr(&mut v.condition);
            guard.expr(&mut v.error_message);
        }
        // Point the validation conditions at the variable's final name.
        for v in &mut spec.validations {
            rename_self_var(&mut v.condition, &logical);
            rename_self_var(&mut v.error_message, &logical);
        }
        if let Some(first) = stack.variables.get(&logical) {
            let first = first.path.clone();
            duplicate(stack, format!("var.{logical}"), &first, cpath);
        } else {
            stack.variables.insert(
                logical.clone(),
                Item {
                    path: cpath,
                    value: spec,
                },
            );
        }
        Expr::from_raw(RawExpr::Ref(RefRoot::Var(logical)))
    }

    /// Declares a local value and returns `local.NAME`.
    fn local<T, V: Into<Value<T>>>(&mut self, name: &str, value: V) -> Expr<T> {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "local", path, name);
        if let Some(first) = stack.locals.get(&logical) {
            let first = first.path.clone();
            duplicate(stack, format!("local.{logical}"), &first, cpath);
        } else {
            let mut value = value.into().into_raw();
            Guard::new(&mut stack.errors, || format!("local.{logical}"), &cpath).expr(&mut value);
            stack
                .locals
                .insert(logical.clone(), Item { path: cpath, value });
        }
        Expr::from_raw(RawExpr::Ref(RefRoot::Local(logical)))
    }

    /// Declares an output.
    fn output(&mut self, name: &str, mut output: Output) {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "output", path, name);
        let mut guard = Guard::new(&mut stack.errors, || format!("output.{logical}"), &cpath);
        guard.expr(&mut output.value);
        for p in &mut output.preconditions {
            guard.expr(&mut p.condition);
            guard.expr(&mut p.error_message);
        }
        if let Some(first) = stack.outputs.get(&logical) {
            let first = first.path.clone();
            duplicate(stack, format!("output.{logical}"), &first, cpath);
        } else {
            stack.outputs.insert(
                logical,
                Item {
                    path: cpath,
                    value: output,
                },
            );
        }
    }

    /// Declares a module call and returns its handle.
    fn module(&mut self, name: &str, mut module: Module) -> ModuleRef {
        for p in self.default_providers().iter() {
            if p.alias.is_some() && !module.providers.contains_key(&p.name) {
                module.providers.insert(p.name.clone(), p.clone());
            }
        }
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "module", path, name);
        declare_module(stack, logical, cpath, module)
    }

    /// Reserves the handle of a module call declared later with [`Declare::fill_module`]: for
    /// modules whose inputs read each other's outputs, or a resource and a module that refer
    /// to each other, with no raw `RefRoot::Module`. The name is taken here, under this scope;
    /// a handle never filled is a validation error.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Module};
    /// let mut stack = Stack::new();
    /// let dns = stack.forward_module("dns");
    /// let net = stack.module(
    ///     "net",
    ///     Module::new("./net").input("zone_id", dns.output::<String>("zone_id")),
    /// );
    /// stack.fill_module(dns, Module::new("./dns").input("vpc_id", net.output::<String>("vpc_id")));
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains("${module.dns.zone_id}") && json.contains("${module.net.vpc_id}"));
    /// ```
    fn forward_module(&mut self, name: &str) -> ForwardModule {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "module", path, name);
        stack
            .forwards
            .insert(format!("module.{logical}"), cpath.clone());
        ForwardModule {
            handle: ModuleRef::new(logical),
            path: cpath,
        }
    }

    /// Declares the module call a [`Declare::forward_module`] handle reserved, under the name
    /// and scope it was reserved with, and returns its handle.
    fn fill_module(&mut self, forward: ForwardModule, mut module: Module) -> ModuleRef {
        for p in self.default_providers().iter() {
            if p.alias.is_some() && !module.providers.contains_key(&p.name) {
                module.providers.insert(p.name.clone(), p.clone());
            }
        }
        let (stack, _) = self.parts();
        stack.forwards.shift_remove(&forward.handle.address());
        declare_module(stack, forward.handle.name, forward.path, module)
    }

    /// Declares a provider configuration and returns its handle for the `provider`
    /// meta-argument. Its `required_providers` entry is added when the block names a source.
    fn provider<P: ProviderBlock>(&mut self, provider: P) -> ProviderRef {
        let (stack, path) = self.parts();
        let cpath = path.join("/");
        let name = provider.provider_name().to_owned();
        let alias = provider.alias().map(str::to_owned);
        stack.check_name("provider", &name, &cpath);
        if let Some(a) = &alias {
            stack.check_name("provider alias", a, &cpath);
        }
        if let Some(source) = provider.source() {
            stack
                .settings
                .required_providers
                .entry(name.clone())
                .or_insert_with(|| ProviderRequirement {
                    source: source.to_owned(),
                    version: provider.version_constraint().map(str::to_owned),
                    configuration_aliases: Vec::new(),
                });
        }
        let mut body = provider.into_body();
        let r = ProviderRef {
            name: name.clone(),
            alias: alias.clone(),
        };
        Guard::new(&mut stack.errors, || format!("provider {r}"), &cpath).body(&mut body);
        let configs = stack.providers.entry(name).or_default();
        if let Some(first) = configs.iter().find(|c| c.value.alias == alias) {
            let first = first.path.clone();
            duplicate(stack, format!("provider {r}"), &first, cpath);
        } else {
            configs.push(Item {
                path: cpath,
                value: ProviderItem { alias, body },
            });
        }
        r
    }

    /// Declares a `moved` block.
    fn moved(&mut self, moved: Moved) {
        let (stack, path) = self.parts();
        let path = path.join("/");
        stack.moved.push(Item { path, value: moved });
    }

    /// Declares an `import` block.
    fn import(&mut self, mut import: Import) {
        let (stack, path) = self.parts();
        let path = path.join("/");
        let to = &import.to;
        let used_in = || format!("import to {to}");
        let mut guard = Guard::new(&mut stack.errors, used_in, &path);
        guard.expr(&mut import.id);
        if let Some((collection, key)) = &mut import.for_each {
            guard.expr(collection);
            guard.expr(key);
        }
        stack.imports.push(Item {
            path,
            value: import,
        });
    }

    /// Declares a `removed` block.
    fn removed(&mut self, removed: Removed) {
        let (stack, path) = self.parts();
        let path = path.join("/");
        stack.removed.push(Item {
            path,
            value: removed,
        });
    }

    /// Declares a `check` block.
    fn check(&mut self, name: &str, mut check: Check) {
        let (stack, path) = self.parts();
        let (logical, cpath) = declare_names(stack, "check", path, name);
        let mut guard = Guard::new(&mut stack.errors, || format!("check.{logical}"), &cpath);
        if let Some((_, _, body)) = &mut check.data {
            guard.body(body);
        }
        for a in &mut check.asserts {
            guard.expr(&mut a.condition);
            guard.expr(&mut a.error_message);
        }
        if let Some(first) = stack.checks.get(&logical) {
            let first = first.path.clone();
            duplicate(stack, format!("check.{logical}"), &first, cpath);
        } else {
            stack.checks.insert(
                logical,
                Item {
                    path: cpath,
                    value: check,
                },
            );
        }
    }
}

impl Declare for Stack {
    fn parts(&mut self) -> (&mut Stack, &[String]) {
        (self, &[])
    }
    fn default_providers(&mut self) -> &mut Vec<ProviderRef> {
        &mut self.default_providers
    }
}

impl Declare for Scope<'_> {
    fn parts(&mut self) -> (&mut Stack, &[String]) {
        (self.stack, &self.path)
    }
    fn default_providers(&mut self) -> &mut Vec<ProviderRef> {
        &mut self.providers
    }
}

/// Sets the scope's default provider on a block that names none.
fn default_provider<D: Declare + ?Sized, B: crate::block::Block>(scope: &mut D, block: &mut B) {
    if block.meta_mut().provider.is_none() {
        if let Some(p) = scope.provider_for(block.type_name()) {
            block.meta_mut().provider = Some(p);
        }
    }
}

/// A resource or data source handle reserved by [`Declare::forward`] or
/// [`Declare::forward_data`], to be declared with [`Declare::fill`] or [`Declare::fill_data`].
/// It dereferences to the [`Ref`] the declaration will return, so it is used like one
/// (`sg.id()`, `Ref::at(&sg, 0)`, `depends_on(&sg)`).
#[derive(Debug)]
#[must_use = "a forward handle must be declared with Declare::fill or Declare::fill_data"]
pub struct Forward<R: crate::block::Block> {
    handle: Ref<R>,
    path: String,
}

impl<R: crate::block::Block> std::ops::Deref for Forward<R> {
    type Target = Ref<R>;
    fn deref(&self) -> &Ref<R> {
        &self.handle
    }
}

impl<R: crate::block::Block> crate::handle::Dependable for Forward<R> {
    fn dependency_address(&self) -> String {
        Ref::address(&self.handle)
    }
}

/// A module call handle reserved by [`Declare::forward_module`], to be declared with
/// [`Declare::fill_module`]. It dereferences to the [`ModuleRef`] the declaration will return
/// (`dns.output::<String>("zone_id")`, `depends_on(&dns)`).
#[derive(Debug)]
#[must_use = "a forward handle must be declared with Declare::fill_module"]
pub struct ForwardModule {
    handle: ModuleRef,
    path: String,
}

impl std::ops::Deref for ForwardModule {
    type Target = ModuleRef;
    fn deref(&self) -> &ModuleRef {
        &self.handle
    }
}

impl crate::handle::Dependable for ForwardModule {
    fn dependency_address(&self) -> String {
        self.handle.address()
    }
}

/// Refuses a forward handle filled with a block of another type.
fn check_filled_type(stack: &mut Stack, reserved: &str, expected: &str, got: &str, path: &str) {
    if got != expected {
        stack.errors.push(Error::InvalidValue {
            message: format!(
                "{reserved} was reserved as a {expected} but filled with a {got}: reserve it \
                 with the type it is declared with"
            ),
            used_in: reserved.to_owned(),
            path: path.to_owned(),
        });
    }
}

/// Refuses a forward handle filled with another `count` / `for_each` shape.
fn check_filled_instancing(
    stack: &mut Stack,
    reserved: String,
    wanted: Instancing,
    got: Instancing,
    path: String,
) {
    if got != wanted {
        stack.errors.push(Error::InvalidValue {
            message: format!(
                "{reserved} was reserved with {wanted:?} instancing but declared with {got:?}: \
                 reserve it with the instancing (count, for_each or single) it is declared with"
            ),
            used_in: reserved,
            path,
        });
    }
}

/// Declares a data source under the names given.
fn declare_data<D: DataSource>(
    stack: &mut Stack,
    logical: String,
    cpath: String,
    data: D,
) -> Ref<D> {
    let type_name = data.type_name().to_owned();
    let rules = data.rules();
    let (mut body, mut meta) = data.into_parts();
    let address = || format!("data.{type_name}.{logical}");
    guard_block(&mut stack.errors, address, &cpath, &mut body, &mut meta);
    let instancing = instancing(&meta.repetition);
    insert_block(
        stack,
        true,
        &type_name,
        &logical,
        cpath,
        BlockItem::new(body, meta, rules),
    );
    Ref::new(
        RefRoot::Data {
            type_name: type_name.into(),
            name: logical.into(),
        },
        instancing,
    )
}

/// Declares a module call under the names given.
fn declare_module(
    stack: &mut Stack,
    logical: String,
    cpath: String,
    mut module: Module,
) -> ModuleRef {
    let mut guard = Guard::new(&mut stack.errors, || format!("module.{logical}"), &cpath);
    module.inputs.values_mut().for_each(|v| guard.expr(v));
    if let Repetition::Count(e) | Repetition::ForEach(e) = &mut module.repetition {
        guard.expr(e);
    }
    if let Some(first) = stack.modules.get(&logical) {
        let first = first.path.clone();
        duplicate(stack, format!("module.{logical}"), &first, cpath);
    } else {
        stack.modules.insert(
            logical.clone(),
            Item {
                path: cpath,
                value: module,
            },
        );
    }
    ModuleRef::new(logical)
}

fn declare_resource<R: Resource>(
    stack: &mut Stack,
    logical: String,
    cpath: String,
    resource: R,
) -> Ref<R> {
    let type_name = resource.type_name().to_owned();
    let rules = resource.rules();
    let (mut body, mut meta) = resource.into_parts();
    let address = || format!("{type_name}.{logical}");
    guard_block(&mut stack.errors, address, &cpath, &mut body, &mut meta);
    let instancing = instancing(&meta.repetition);
    insert_block(
        stack,
        false,
        &type_name,
        &logical,
        cpath,
        BlockItem::new(body, meta, rules),
    );
    Ref::new(
        RefRoot::Resource {
            type_name: type_name.into(),
            name: logical.into(),
        },
        instancing,
    )
}

/// `path` and `name` joined by `sep`, leaving out an empty name.
fn join(path: &[String], name: &str, sep: &str) -> String {
    let mut joined = path.join(sep);
    if !joined.is_empty() && !name.is_empty() {
        joined.push_str(sep);
    }
    joined.push_str(name);
    joined
}

fn join_name(path: &[String], name: &str) -> String {
    let joined = join(path, name, "_");
    if is_snake_case(&joined) {
        // Already what heck would make of it (checked by `snake_case_fast_path_agrees_with_heck`):
        // skip the conversion, which is a large share of declaring a block.
        joined
    } else {
        joined.to_snake_case()
    }
}

/// Lowercase letters and digits in words joined by single underscores, starting with a letter.
fn is_snake_case(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.first(), Some(c) if c.is_ascii_lowercase())
        && b.last() != Some(&b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
        && !s.contains("__")
}

fn declare_names(
    stack: &mut Stack,
    kind: &'static str,
    path: &[String],
    name: &str,
) -> (String, String) {
    let cpath = join(path, name, "/");
    // An empty name stands for the scope itself (its path names it).
    let named_ok = is_identifier(name);
    if !name.is_empty() || path.is_empty() {
        stack.check_name(kind, name, &cpath);
    }
    let logical = join_name(path, name);
    // A valid name can still snake-case into an invalid one (`_` under a scope `_`).
    if (named_ok || (name.is_empty() && !path.is_empty())) && !is_identifier(&logical) {
        stack.check_name(kind, &logical, &cpath);
    }
    (logical, cpath)
}

fn duplicate(stack: &mut Stack, address: String, first: &str, second: String) {
    stack.errors.push(Error::Duplicate {
        address,
        first: first.to_owned(),
        second,
    });
}

/// Takes out of a resource or data source whatever is nested too deep (see [`Guard`]).
fn guard_block(
    errors: &mut Vec<Error>,
    address: impl Fn() -> String,
    path: &str,
    body: &mut Body,
    meta: &mut Meta,
) {
    for (at, value) in std::mem::take(&mut meta.overrides) {
        if let Err(message) = body.set_path(&at, value) {
            errors.push(Error::InvalidValue {
                message: format!("cannot apply the override: {message}"),
                used_in: address(),
                path: path.to_owned(),
            });
        }
    }
    let mut guard = Guard::new(errors, address, path);
    guard.body(body);
    if let Repetition::Count(e) | Repetition::ForEach(e) = &mut meta.repetition {
        guard.expr(e);
    }
    let lc = &mut meta.lifecycle;
    if let crate::block::IgnoreChanges::Paths(paths) = &mut lc.ignore_changes {
        paths.iter_mut().for_each(|p| guard.expr(p));
    }
    lc.replace_triggered_by
        .iter_mut()
        .for_each(|r| guard.expr(r));
    for c in lc.precondition.iter_mut().chain(&mut lc.postcondition) {
        guard.expr(&mut c.condition);
        guard.expr(&mut c.error_message);
    }
}

fn instancing(r: &Repetition) -> Instancing {
    match r {
        Repetition::Single => Instancing::Single,
        Repetition::Count(_) => Instancing::Count,
        Repetition::ForEach(_) => Instancing::ForEach,
    }
}

fn insert_block(
    stack: &mut Stack,
    data: bool,
    type_name: &str,
    name: &str,
    path: String,
    item: BlockItem,
) {
    let map = if data {
        &mut stack.data
    } else {
        &mut stack.resources
    };
    let by_name = map.entry(type_name.to_owned()).or_default();
    if let Some(first) = by_name.get(name) {
        let first = first.path.clone();
        let prefix = if data { "data." } else { "" };
        duplicate(stack, format!("{prefix}{type_name}.{name}"), &first, path);
    } else {
        by_name.insert(name.to_owned(), Item { path, value: item });
    }
}

/// Points the placeholder `var.` (an empty name, from `Variable::validation`) at `name`.
fn rename_self_var(e: &mut RawExpr, name: &str) {
    e.walk_mut(&mut |node| {
        if let RawExpr::Ref(RefRoot::Var(n)) = node {
            if n.is_empty() {
                name.clone_into(n);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_fast_path_agrees_with_heck() {
        // Every string of up to 6 characters over an alphabet that covers each case.
        let alphabet = ['a', 'b', '1', '_', 'A', '-'];
        let mut words = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for w in &words {
                for c in alphabet {
                    next.push(format!("{w}{c}"));
                }
            }
            for w in &next {
                if is_snake_case(w) {
                    assert_eq!(&w.to_snake_case(), w, "fast path disagrees on {w:?}");
                }
            }
            words = next;
        }
    }
}

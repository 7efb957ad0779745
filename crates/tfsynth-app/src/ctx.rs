//! What a stack's builder gets besides its stack: the other stacks of the app, the project
//! root (for assets), and a place for warnings.

use std::any::Any;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What a builder returned, kept for the stacks that use it, with its type's name.
pub(crate) type Exports = (Rc<dyn Any>, &'static str);

/// Builds (once) the stacks a builder asks for.
pub(crate) trait Resolver {
    /// What stack `name` returned, built now if it was not yet; `from` asks.
    fn get(&mut self, from: &'static str, name: &str) -> Result<Exports, StackError>;
    /// The project root.
    fn root(&self) -> &Path;
}

/// The resolver of a stack built on its own, outside an app: it has no other stacks.
pub(crate) struct Alone;

impl Resolver for Alone {
    fn get(&mut self, from: &'static str, name: &str) -> Result<Exports, StackError> {
        Err(StackError::NoApp {
            from: from.to_owned(),
            name: name.to_owned(),
        })
    }
    fn root(&self) -> &Path {
        Path::new(".")
    }
}

/// Why [`Ctx::stack`] could not give another stack's handles.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StackError {
    /// No stack of that name in the app.
    Unknown {
        /// The stack that asked.
        from: String,
        /// The name asked for.
        name: String,
        /// The app's stacks.
        known: Vec<String>,
    },
    /// The stacks ask for each other.
    Cycle {
        /// The chain of stacks, first and last the same.
        chain: Vec<String>,
    },
    /// The stack asked for failed to build (its error is reported on its own).
    Failed {
        /// The stack that asked.
        from: String,
        /// The stack that failed.
        name: String,
    },
    /// The stack returned another type than the one asked for.
    Type {
        /// The stack that asked.
        from: String,
        /// The stack asked for.
        name: String,
        /// What it returns.
        returns: &'static str,
        /// What was asked for.
        asked: &'static str,
    },
    /// A stack asked for itself.
    Itself {
        /// The stack.
        name: String,
    },
    /// The stack was built alone, not through its app.
    NoApp {
        /// The stack that asked.
        from: String,
        /// The stack asked for.
        name: String,
    },
}

impl std::fmt::Display for StackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unknown { from, name, known } => write!(
                f,
                "stack {from} uses stack `{name}`, which is not in the app: the stacks are {} \
                 (add it with App::stack(\"{name}\", ...) or fix the name)",
                known.join(", ")
            ),
            Self::Cycle { chain } => write!(
                f,
                "the stacks use each other in a cycle: {}; a stack can only use stacks \
                 deployed before it, so move what both need into one of them",
                chain.join(" uses ")
            ),
            Self::Failed { from, name } => write!(
                f,
                "stack {from} uses stack {name}, which failed to build (see its error)"
            ),
            Self::Type {
                from,
                name,
                returns,
                asked,
            } => write!(
                f,
                "stack {from} asks stack {name} for a `{asked}`, but its builder returns a \
                 `{returns}`: ask for that type"
            ),
            Self::Itself { name } => write!(
                f,
                "stack {name} uses itself: use the handles it declared directly"
            ),
            Self::NoApp { from, name } => write!(
                f,
                "stack {from} uses stack {name}, but it was built on its own: build it \
                 through its App (App::run, App::synth_all or App::build_stack)"
            ),
        }
    }
}

impl std::error::Error for StackError {}

/// The error type a stack's builder can return: every error type converts into it with `?`
/// (a [`StackError`], tfsynth's and the constructs' errors); [`Error::new`] makes one from a
/// message. Like `anyhow::Error`, it does not implement `std::error::Error` itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for Error {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

/// An asset written next to a stack ([`Ctx::asset`]).
#[derive(Debug, Clone)]
pub struct AssetRef {
    /// Its path as Terraform sees it: `${path.module}/assets/NAME.zip` (a Lambda function's
    /// `filename`, an S3 object's `source`).
    pub path: tfsynth::Expr<String>,
    /// Base64 SHA-256 of the file or zip (a Lambda function's `source_code_hash`).
    pub hash: tfsynth::Expr<String>,
    /// Hex MD5 of the file or zip (an S3 object's `etag`).
    pub md5: tfsynth::Expr<String>,
}

/// A builder's view of its app.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, RawResource};
/// use tfsynth_app::{App, Ctx, Error};
///
/// #[derive(Clone)]
/// struct Network {
///     vpc_id: Expr<String>,
/// }
///
/// fn network(stack: &mut Stack, _: &mut Ctx) -> Result<Network, Error> {
///     let vpc = stack.resource("main", RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"));
///     Ok(Network { vpc_id: vpc.get("id") })
/// }
///
/// fn service(stack: &mut Stack, ctx: &mut Ctx) -> Result<(), Error> {
///     let net: Network = ctx.stack("network")?;
///     stack.resource("web", RawResource::new("aws_security_group").attr("vpc_id", net.vpc_id));
///     Ok(())
/// }
///
/// let app = App::new("infra").stack("network", network).stack("service", service);
/// let stacks = app.synth_all().unwrap();
/// assert!(stacks[1].1.contains("data.terraform_remote_state.network.outputs.aws_vpc_main_id"));
/// ```
pub struct Ctx<'a> {
    name: &'static str,
    resolver: &'a mut dyn Resolver,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("name", &self.name).finish()
    }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(name: &'static str, resolver: &'a mut dyn Resolver) -> Self {
        Self {
            name,
            resolver,
            warnings: Vec::new(),
        }
    }

    /// The name of the stack being built.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What the builder of stack `name` returned (its handles), building it first if it was
    /// not built yet. Use them in this stack as if they were its own: at synth, each
    /// reference becomes an output of `name` and a `terraform_remote_state` read here, and
    /// `name` is deployed first.
    ///
    /// # Errors
    /// A stack that is not in the app, a cycle, a stack that failed, another type.
    pub fn stack<T: Clone + 'static>(&mut self, name: &str) -> Result<T, StackError> {
        if name == self.name {
            return Err(StackError::Itself {
                name: name.to_owned(),
            });
        }
        let (value, returns) = self.resolver.get(self.name, name)?;
        value
            .downcast_ref::<T>()
            .cloned()
            .ok_or_else(|| StackError::Type {
                from: self.name.to_owned(),
                name: name.to_owned(),
                returns,
                asked: std::any::type_name::<T>(),
            })
    }

    /// The project root: where asset paths are read from ([`App::root`](crate::App::root)).
    pub fn root(&self) -> PathBuf {
        self.resolver.root().to_path_buf()
    }

    /// Packs `asset` (a file, a directory, or a zip of either, read under the project
    /// root) into this stack's output directory as `assets/<name>...`, and returns its path
    /// and content hashes as Terraform expressions (literals: the same files give the same
    /// bytes and hashes, so synth stays deterministic).
    ///
    /// # Errors
    /// Every [`AssetError`](crate::asset::AssetError): a path that does not exist or leaves
    /// the project, a symlinked directory, a loop, more than the size limit, a bad name.
    pub fn asset(
        &mut self,
        stack: &mut tfsynth::Stack,
        name: &str,
        asset: &crate::asset::Asset,
    ) -> Result<AssetRef, crate::asset::AssetError> {
        let root = self.resolver.root().to_path_buf();
        let packed = crate::asset::pack(asset, &root, name)?;
        for (file, bytes) in &packed.files {
            stack.file_bytes(file, bytes.clone());
        }
        Ok(AssetRef {
            path: tfsynth::template!(tfsynth::path_module(), "/", packed.path.as_str()),
            hash: tfsynth::Value::from(packed.hash).into_expr(),
            md5: tfsynth::Value::from(packed.md5_hex).into_expr(),
        })
    }

    /// Tells the user something (printed as a warning when the stack is synthesized).
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub(crate) fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

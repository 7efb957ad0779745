//! Generates tfsynth bindings from Terraform provider schemas (`terraform providers schema
//! -json`) and the built-in function wrappers from `terraform metadata functions -json`.
//!
//! Output is deterministic: types and names are sorted, names are allocated breadth first,
//! files are formatted in-process (prettyplease, so the output does not depend on the
//! installed rustfmt) and written only when their bytes change.
//! `cargo run -p tfsynth-codegen -- all` (`just codegen`) regenerates everything offline.

pub mod emit;
pub mod functions;
pub mod model;
pub mod names;
pub mod output;
pub mod pinned;
pub mod provider;
pub mod rules;
pub mod schema;
pub mod user_crate;
pub mod validate;
pub mod write;

use std::fmt;

/// The stack of the threads that parse deep schema documents and generate a user's crate:
/// parsing, checking and formatting recurse as deep as the schema nests (bounded by
/// `schema::MAX_JSON_DEPTH` and `validate::MAX_NESTING`); only the part used takes memory.
pub const STACK_BYTES: usize = 256 << 20;

/// Runs `f` on a new thread with a stack of [`STACK_BYTES`] and returns its result (a panic in
/// it is resumed here).
///
/// # Errors
/// `f`'s error, or an I/O error when the thread cannot be started.
pub fn on_large_stack<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("tfsynth-codegen".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, f)
            .map_err(|e| Error::Io("a thread with a large stack".into(), e))?;
        worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    /// Its path, relative to the output directory.
    pub path: String,
    /// Its contents.
    pub contents: String,
}

/// What can go wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input is not what the generator expects.
    Schema(String),
    /// Two generated names would be the same.
    Collision(String),
    /// Reading or writing a file.
    Io(String, std::io::Error),
    /// Generated code did not parse (a generator bug).
    Format(String),
    /// A command-line value or the output directory is refused (the message names it and the
    /// fix).
    Usage(String),
}

impl Error {
    /// The same error, naming the file it comes from.
    #[must_use]
    pub fn in_file(self, file: &str) -> Self {
        match self {
            Self::Schema(m) => Self::Schema(format!("{file}: {m}")),
            Self::Collision(m) => Self::Collision(format!("{file}: {m}")),
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Schema(m) => write!(f, "schema: {m}"),
            Self::Collision(m) => write!(f, "name collision: {m}"),
            Self::Io(p, e) => write!(f, "{p}: {e}"),
            Self::Format(m) => write!(f, "generated code does not parse: {m}"),
            Self::Usage(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

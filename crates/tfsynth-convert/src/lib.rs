#![doc = include_str!("../README.md")]

mod bindings;
mod convert;
mod expr;
mod load;
mod write;

use std::path::{Path, PathBuf};

pub use expr::Diagnostic;
pub use load::{MAX_DEPTH, MAX_FILES, MAX_FILE_BYTES};
pub use write::{write_crate, DepSource};

/// What went wrong, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// An HCL syntax error.
    Syntax {
        /// `file:line:column`
        at: String,
        /// What the parser expected.
        message: String,
    },
    /// A file that is not UTF-8 text.
    NotUtf8 {
        /// `file:line` of the first invalid byte.
        at: String,
    },
    /// A file larger than the limit.
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Brackets nested deeper than the limit.
    TooDeep {
        /// `file:line:column`
        at: String,
        /// The limit.
        limit: usize,
    },
    /// More configuration files than the limit.
    TooMany {
        /// The directory.
        path: String,
        /// The limit.
        limit: usize,
    },
    /// A directory without any `*.tf` file.
    NoConfig {
        /// The directory.
        path: String,
    },
    /// The output directory exists and holds something.
    OutputNotEmpty {
        /// The directory.
        path: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { path, message } => write!(f, "{path}: {message}"),
            Self::Syntax { at, message } => write!(f, "{at}: syntax error: {message}"),
            Self::NotUtf8 { at } => write!(
                f,
                "{at}: the file is not UTF-8 text: save it as UTF-8 (Terraform reads only UTF-8)"
            ),
            Self::TooLarge { path, bytes, limit } => write!(
                f,
                "{path}: the file has {bytes} bytes, more than the {limit} bytes convert reads: \
                 split it into several files"
            ),
            Self::TooDeep { at, limit } => write!(
                f,
                "{at}: brackets nested deeper than {limit} levels: convert refuses deeper input"
            ),
            Self::TooMany { path, limit } => write!(
                f,
                "{path}: more than {limit} configuration files: convert reads at most {limit}"
            ),
            Self::NoConfig { path } => {
                write!(
                    f,
                    "{path}: no `*.tf` file: give the directory of a root module"
                )
            }
            Self::OutputNotEmpty { path } => write!(
                f,
                "{path}: the output directory exists and is not empty: nothing was written; \
                 give a new directory with --out"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The Rust crate converted from a configuration, in memory.
#[derive(Debug)]
pub struct Converted {
    /// The crate's package name.
    pub name: String,
    /// `src/lib.rs`, unformatted.
    pub lib_rs: String,
    /// Cargo features by package (`tfsynth-aws` -> `ec2`, `lambda`).
    pub features: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    /// HCL kept verbatim (`unconverted/unconverted.tf`), empty when everything converted.
    pub unconverted: String,
    /// `*.tf.json` files, not converted, copied into `unconverted/`.
    pub json_files: Vec<PathBuf>,
    /// Local module directories, relative to the configuration (`modules/net`).
    pub local_modules: Vec<PathBuf>,
    /// What the user should know: each with `file:line`.
    pub diagnostics: Vec<Diagnostic>,
    /// Escapes (`hcl::<T>(...)`) written.
    pub escapes: usize,
    /// Non-blank, non-comment lines of the HCL read.
    pub hcl_lines: usize,
}

/// Converts the root module in `dir`.
///
/// # Errors
/// A file that cannot be read, is not UTF-8, is too large or too deep, or has a syntax error;
/// a directory without `*.tf` files.
pub fn convert_dir(dir: &Path, name: &str) -> Result<Converted, Error> {
    let (tf, json) = load::config_files(dir)?;
    if tf.is_empty() {
        return Err(Error::NoConfig {
            path: dir.display().to_string(),
        });
    }
    let mut files = Vec::new();
    for p in &tf {
        let shown = p.display().to_string();
        let text = load::read_text(p, &shown)?;
        files.push(load::SourceFile::parse(&shown, text)?);
    }
    let mut c = convert_files(&files, name);
    c.json_files = json;
    for f in &json_diags(&c.json_files) {
        c.diagnostics.push(f.clone());
    }
    // The local modules it calls: parsed, so a syntax error there is found now.
    let mut kept = Vec::new();
    for m in std::mem::take(&mut c.local_modules) {
        let rel = m.strip_prefix("./").unwrap_or(&m).to_path_buf();
        if rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            c.diagnostics.push(Diagnostic {
                at: dir.display().to_string(),
                message: format!(
                    "module source `{}` leaves the configuration's directory: not copied",
                    m.display()
                ),
            });
            continue;
        }
        let (mtf, _) = load::config_files(&dir.join(&rel))?;
        for p in &mtf {
            let shown = p.display().to_string();
            let text = load::read_text(p, &shown)?;
            load::SourceFile::parse(&shown, text)?;
        }
        kept.push(rel);
    }
    c.local_modules = kept;
    Ok(c)
}

fn json_diags(json: &[PathBuf]) -> Vec<Diagnostic> {
    json.iter()
        .map(|p| Diagnostic {
            at: format!("{}:1", p.display()),
            message: "JSON configuration files are not converted: copied to unconverted/".into(),
        })
        .collect()
}

/// Converts HCL text (one file, shown as `shown`) into the crate's `src/lib.rs`.
///
/// # Errors
/// As [`convert_dir`] for one file.
pub fn convert_str(shown: &str, text: &str, name: &str) -> Result<Converted, Error> {
    let f = load::SourceFile::parse(shown, text.to_owned())?;
    Ok(convert_files(std::slice::from_ref(&f), name))
}

fn convert_files(files: &[load::SourceFile], name: &str) -> Converted {
    let bindings = bindings::Bindings::default();
    let out = convert::Converter::new(files, &bindings).run();
    let hcl_lines = files.iter().map(|f| code_lines(&f.text, "#")).sum();
    let lib_rs = write::lib_rs(name, &out, files);
    Converted {
        name: name.to_owned(),
        lib_rs,
        features: out.features,
        unconverted: out.verbatim,
        json_files: Vec::new(),
        local_modules: out.local_modules.iter().map(PathBuf::from).collect(),
        diagnostics: out.diagnostics,
        escapes: out.escapes,
        hcl_lines,
    }
}

/// Non-blank lines that are not comment lines (`#`, `//` and, for Rust, `//!`/`///`).
pub fn code_lines(text: &str, comment: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(comment) && !l.starts_with("//"))
        .count()
}

/// A cargo package name from a directory name: lowercase ASCII letters, digits and `-`,
/// starting with a letter, never one of this workspace's crates.
pub fn package_name(dir_name: &str) -> String {
    let mut s: String = dir_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s = s.trim_matches('-').to_owned();
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s.insert_str(0, "tf-");
    }
    if s.starts_with("tfsynth") || s == "tf-" {
        s.insert_str(0, "my-");
    }
    s
}

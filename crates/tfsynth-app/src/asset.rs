//! Assets: files of the project that a stack ships next to its Terraform (a Lambda's code, a
//! site's pages), like CDK's `TerraformAsset`.
//!
//! [`pack`] reads an [`Asset`] under the project root and returns the bytes to write into the
//! stack's output directory, the path to give Terraform, and hashes for change detection:
//!
//! | kind | written | `path` for Terraform |
//! |---|---|---|
//! | [`Asset::file`] | `assets/NAME/FILE` | `assets/NAME/FILE` |
//! | [`Asset::dir`] | `assets/NAME/REL` for every file | `assets/NAME` |
//! | [`Asset::zip`] | `assets/NAME.zip` | `assets/NAME.zip` |
//!
//! Output is deterministic: a zip holds its files sorted by path with `/` separators, dated
//! 1980-01-01 00:00, with mode 0644 (0755 for a file with an execute bit, so a Lambda custom
//! runtime's `bootstrap` stays runnable), deflated, and no directory entries (an empty
//! directory is left out). The same files give the same bytes whatever their mtimes or the
//! order they were created in. The compressed bytes come from flate2's pure-Rust deflate; a
//! new version of it could compress differently, which changes the hash once (a redeploy of
//! the same code), never between two runs of one build.
//!
//! What is refused, each with an [`AssetError`] naming the path and the fix: a path that does
//! not exist or leaves the project (after `..` and symlinks), a symlinked directory inside a
//! directory (it could loop: copy it or remove it), a symlink cycle, a file symlink to a file
//! outside the project, a broken symlink, a device, pipe or socket, a file name that is not
//! UTF-8 or holds a backslash, more than [`MAX_ASSET_BYTES`] of input or more than
//! [`MAX_ASSET_FILES`] files, an asset name that is not a simple file name, and a file where
//! a directory is expected (or the reverse).

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use md5::Md5;
use sha2::{Digest, Sha256};

/// The most input bytes one asset may hold (256 MiB: Lambda's limit for unzipped code is 250
/// MB). The bytes are held in memory while packing.
pub const MAX_ASSET_BYTES: u64 = 256 * 1024 * 1024;

/// The most files one asset may hold.
pub const MAX_ASSET_FILES: usize = 100_000;

/// The longest asset name, in bytes (with `.zip` it stays a valid file name everywhere).
pub const MAX_ASSET_NAME_LEN: usize = 200;

/// What an [`Asset`] ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssetKind {
    /// One file, copied as it is.
    File,
    /// A directory, copied file by file.
    Dir,
    /// A zip archive of a directory or of a single file.
    Zip,
}

/// A file or directory of the project to ship with a stack.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Asset {
    kind: AssetKind,
    path: PathBuf,
}

impl Asset {
    /// One file, relative to the project root.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self {
            kind: AssetKind::File,
            path: path.into(),
        }
    }

    /// A directory, relative to the project root, copied with every file under it.
    pub fn dir(path: impl Into<PathBuf>) -> Self {
        Self {
            kind: AssetKind::Dir,
            path: path.into(),
        }
    }

    /// A zip archive of a directory (its contents at the archive's top level) or of a single
    /// file, relative to the project root.
    pub fn zip(path: impl Into<PathBuf>) -> Self {
        Self {
            kind: AssetKind::Zip,
            path: path.into(),
        }
    }

    /// What it ships.
    pub fn kind(&self) -> AssetKind {
        self.kind
    }

    /// Its path as given (relative to the project root).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A packed asset, ready to be written into a stack's output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// The files to write, relative to the stack's output directory, with `/` separators, in
    /// sorted order: `assets/NAME.zip`, `assets/NAME/FILE`, or `assets/NAME/REL` for each file
    /// of a directory.
    pub files: Vec<(String, Vec<u8>)>,
    /// The path to give Terraform, relative to the stack's directory (prefix it with
    /// `${path.module}/`): `assets/NAME.zip`, `assets/NAME/FILE` or `assets/NAME`.
    pub path: String,
    /// Base64 of the SHA-256 of the zip's or the file's bytes: what Terraform's
    /// `filebase64sha256` gives for the written file, so it fits a Lambda's
    /// `source_code_hash`. For a directory, of its canonical listing: for each file in path
    /// order, its relative path, a NUL byte, its length as 8 big-endian bytes, and its bytes
    /// (a change detector: no Terraform function computes it).
    pub hash: String,
    /// Hex MD5 of the zip's or the file's bytes, for an S3 object's `etag` (a single-part
    /// upload without KMS). For a directory, of the same canonical listing.
    pub md5_hex: String,
}

/// Why an asset could not be packed.
#[derive(Debug)]
#[non_exhaustive]
pub enum AssetError {
    /// The asset name is not a simple file name.
    InvalidName {
        /// The name given.
        name: String,
    },
    /// The project root cannot be read.
    Root {
        /// The root given.
        root: PathBuf,
        /// The system's message.
        error: String,
    },
    /// The path does not exist.
    NotFound {
        /// The path, joined to the root.
        path: PathBuf,
    },
    /// After `..` and symlinks, the path is outside the project root.
    OutsideProject {
        /// The path, joined to the root.
        path: PathBuf,
        /// Where it leads.
        resolved: PathBuf,
        /// The project root.
        root: PathBuf,
    },
    /// `Asset::file` of a directory.
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// `Asset::dir` of a file.
    NotADir {
        /// The path.
        path: PathBuf,
    },
    /// A symlink to a directory inside a directory asset.
    SymlinkedDir {
        /// The symlink.
        link: PathBuf,
    },
    /// A symlink that leads back to itself.
    SymlinkCycle {
        /// The symlink.
        link: PathBuf,
    },
    /// A symlink whose target does not exist.
    BrokenSymlink {
        /// The symlink.
        link: PathBuf,
    },
    /// A file symlink inside a directory asset that points outside the project.
    SymlinkOutside {
        /// The symlink.
        link: PathBuf,
        /// Where it leads.
        target: PathBuf,
        /// The project root.
        root: PathBuf,
    },
    /// A device, pipe or socket.
    SpecialFile {
        /// The path.
        path: PathBuf,
    },
    /// A file name that is not UTF-8.
    NonUtf8Name {
        /// The path.
        path: PathBuf,
    },
    /// A file name with a backslash (a directory separator in zip archives and on Windows).
    BackslashInName {
        /// The path.
        path: PathBuf,
    },
    /// More than [`MAX_ASSET_BYTES`] of input.
    TooLarge {
        /// The asset's path.
        path: PathBuf,
        /// The bytes counted before stopping (more than the limit).
        bytes: u64,
    },
    /// More than [`MAX_ASSET_FILES`] files.
    TooManyFiles {
        /// The asset's path.
        path: PathBuf,
    },
    /// Reading failed.
    Io {
        /// What was being read.
        path: PathBuf,
        /// The system's message.
        error: String,
    },
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidName { name } => write!(
                f,
                "invalid asset name {name:?}: use 1 to {MAX_ASSET_NAME_LEN} letters, digits, \
                 '.', '_' or '-' (not \".\" or \"..\"), such as \"lambda-code\""
            ),
            Self::Root { root, error } => write!(
                f,
                "cannot read the project root {}: {error}; give the directory that holds the \
                 project",
                root.display()
            ),
            Self::NotFound { path } => write!(
                f,
                "asset {} does not exist: give a path relative to the project root",
                path.display()
            ),
            Self::OutsideProject {
                path,
                resolved,
                root,
            } => write!(
                f,
                "asset {} leads to {}, outside the project {}: move or copy it into the project",
                path.display(),
                resolved.display(),
                root.display()
            ),
            Self::NotAFile { path } => write!(
                f,
                "asset {} is a directory, not a file: use Asset::dir or Asset::zip for a \
                 directory",
                path.display()
            ),
            Self::NotADir { path } => write!(
                f,
                "asset {} is a file, not a directory: use Asset::file or Asset::zip for a file",
                path.display()
            ),
            Self::SymlinkedDir { link } => write!(
                f,
                "{} is a symlink to a directory inside a directory asset, which could loop: \
                 copy the directory in its place or remove the link",
                link.display()
            ),
            Self::SymlinkCycle { link } => write!(
                f,
                "{} is a symlink cycle: remove the link or point it at a file",
                link.display()
            ),
            Self::BrokenSymlink { link } => write!(
                f,
                "{} is a symlink to nothing: remove it or point it at a file of the project",
                link.display()
            ),
            Self::SymlinkOutside { link, target, root } => write!(
                f,
                "{} is a symlink to {}, outside the project {}: copy the file into the project",
                link.display(),
                target.display(),
                root.display()
            ),
            Self::SpecialFile { path } => write!(
                f,
                "{} is not a regular file (a device, pipe or socket): remove it from the asset",
                path.display()
            ),
            Self::NonUtf8Name { path } => {
                write!(f, "the name of {} is not UTF-8: rename it", path.display())
            }
            Self::BackslashInName { path } => write!(
                f,
                "the name of {} holds a backslash, a directory separator in zip archives: \
                 rename it",
                path.display()
            ),
            Self::TooLarge { path, bytes } => write!(
                f,
                "asset {} holds more than {} MiB ({bytes} bytes read before stopping; the \
                 limit is {MAX_ASSET_BYTES} bytes): ship less, or upload it outside Terraform",
                path.display(),
                MAX_ASSET_BYTES / (1024 * 1024)
            ),
            Self::TooManyFiles { path } => write!(
                f,
                "asset {} holds more than {MAX_ASSET_FILES} files: ship a smaller directory, \
                 or build an archive of it first and ship that file",
                path.display()
            ),
            Self::Io { path, error } => write!(
                f,
                "cannot read {}: {error}; check that it is readable",
                path.display()
            ),
        }
    }
}

impl std::error::Error for AssetError {}

/// True for `[A-Za-z0-9._-]{1,MAX_ASSET_NAME_LEN}` other than `.` and `..`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_ASSET_NAME_LEN
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// True when the error is "too many levels of symbolic links".
fn is_loop(e: &std::io::Error) -> bool {
    // `ErrorKind::FilesystemLoop` is not nameable on stable Rust; its Debug name is.
    if format!("{:?}", e.kind()) == "FilesystemLoop" {
        return true;
    }
    #[cfg(target_os = "linux")]
    const ELOOP: Option<i32> = Some(40);
    #[cfg(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    ))]
    const ELOOP: Option<i32> = Some(62);
    #[cfg(not(any(
        target_os = "linux",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )))]
    const ELOOP: Option<i32> = None;
    ELOOP.is_some() && e.raw_os_error() == ELOOP
}

fn io_error(path: &Path, e: &std::io::Error) -> AssetError {
    AssetError::Io {
        path: path.to_owned(),
        error: e.to_string(),
    }
}

/// Resolves `path` (which exists as a directory entry) through every symlink; `link` names it
/// in errors.
fn resolve(path: &Path, link: &Path) -> Result<PathBuf, AssetError> {
    std::fs::canonicalize(path).map_err(|e| {
        if is_loop(&e) {
            AssetError::SymlinkCycle {
                link: link.to_owned(),
            }
        } else if e.kind() == std::io::ErrorKind::NotFound {
            AssetError::BrokenSymlink {
                link: link.to_owned(),
            }
        } else {
            io_error(link, &e)
        }
    })
}

/// A file to read: where it is shown, where it really is, its relative path in the asset.
struct Entry {
    shown: PathBuf,
    real: PathBuf,
    rel: String,
    executable: bool,
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    false
}

/// The UTF-8 name of a directory entry, refused when not UTF-8 or holding a backslash.
fn entry_name(shown: &Path, name: &std::ffi::OsStr) -> Result<String, AssetError> {
    let name = name.to_str().ok_or_else(|| AssetError::NonUtf8Name {
        path: shown.to_owned(),
    })?;
    if name.contains('\\') {
        return Err(AssetError::BackslashInName {
            path: shown.to_owned(),
        });
    }
    Ok(name.to_owned())
}

/// Every file under `dir` (real path), in no particular order; `asset` is how `dir` is named
/// in errors.
fn walk(
    dir: &Path,
    asset: &Path,
    root: &Path,
    limits: Limits,
    out: &mut Vec<Entry>,
) -> Result<(), AssetError> {
    // (real directory, shown directory, relative prefix)
    let mut pending = vec![(dir.to_owned(), asset.to_owned(), String::new())];
    while let Some((real_dir, shown_dir, prefix)) = pending.pop() {
        let entries = std::fs::read_dir(&real_dir).map_err(|e| io_error(&shown_dir, &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&shown_dir, &e))?;
            let shown = shown_dir.join(entry.file_name());
            let real = entry.path();
            let name = entry_name(&shown, &entry.file_name())?;
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let meta = std::fs::symlink_metadata(&real).map_err(|e| io_error(&shown, &e))?;
            let kind = meta.file_type();
            if kind.is_dir() {
                pending.push((real, shown, rel));
            } else if kind.is_file() {
                out.push(Entry {
                    executable: is_executable(&meta),
                    shown,
                    real,
                    rel,
                });
            } else if kind.is_symlink() {
                let target = resolve(&real, &shown)?;
                let meta = std::fs::metadata(&target).map_err(|e| io_error(&shown, &e))?;
                if meta.is_dir() {
                    return Err(AssetError::SymlinkedDir { link: shown });
                }
                if !target.starts_with(root) {
                    return Err(AssetError::SymlinkOutside {
                        link: shown,
                        target,
                        root: root.to_owned(),
                    });
                }
                if !meta.is_file() {
                    return Err(AssetError::SpecialFile { path: shown });
                }
                out.push(Entry {
                    executable: is_executable(&meta),
                    shown,
                    real: target,
                    rel,
                });
            } else {
                return Err(AssetError::SpecialFile { path: shown });
            }
            if out.len() > limits.files {
                return Err(AssetError::TooManyFiles {
                    path: asset.to_owned(),
                });
            }
        }
    }
    Ok(())
}

/// Reads every entry, stopping past [`MAX_ASSET_BYTES`] in all.
fn read_all(entries: &[Entry], asset: &Path, limits: Limits) -> Result<Vec<Vec<u8>>, AssetError> {
    let mut total: u64 = 0;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let file = std::fs::File::open(&e.real).map_err(|err| io_error(&e.shown, &err))?;
        let mut bytes = Vec::new();
        // One byte past what is left, to see the limit crossed without reading on.
        let left = limits.bytes - total + 1;
        file.take(left)
            .read_to_end(&mut bytes)
            .map_err(|err| io_error(&e.shown, &err))?;
        total += bytes.len() as u64;
        if total > limits.bytes {
            return Err(AssetError::TooLarge {
                path: asset.to_owned(),
                bytes: total,
            });
        }
        out.push(bytes);
    }
    Ok(out)
}

fn base64_sha256(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The canonical listing of a directory's files, which its hashes are of.
fn listing(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (rel, bytes) in files {
        out.extend_from_slice(rel.as_bytes());
        out.push(0);
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// A zip of `(name, bytes, executable)` entries, which are sorted by name.
fn zip_bytes(entries: &[(String, Vec<u8>, bool)], asset: &Path) -> Result<Vec<u8>, AssetError> {
    let fail = |e: zip::result::ZipError| AssetError::Io {
        path: asset.to_owned(),
        error: format!("cannot build the zip archive: {e}"),
    };
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, executable) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(if *executable { 0o755 } else { 0o644 });
        w.start_file(name.as_str(), options).map_err(fail)?;
        w.write_all(bytes).map_err(|e| AssetError::Io {
            path: asset.to_owned(),
            error: format!("cannot build the zip archive: {e}"),
        })?;
    }
    Ok(w.finish().map_err(fail)?.into_inner())
}

/// Reads `asset` under the project `root` and packs it under the name `name`.
///
/// # Errors
/// See [`AssetError`]: every refusal names the path and the fix. Never panics.
///
/// # Example
/// ```no_run
/// use tfsynth_app::asset::{pack, Asset};
/// let packed = pack(&Asset::zip("lambda/src"), std::path::Path::new("."), "handler")?;
/// assert_eq!(packed.path, "assets/handler.zip");
/// # Ok::<(), tfsynth_app::asset::AssetError>(())
/// ```
pub fn pack(asset: &Asset, root: &Path, name: &str) -> Result<Packed, AssetError> {
    pack_within(
        asset,
        root,
        name,
        Limits {
            bytes: MAX_ASSET_BYTES,
            files: MAX_ASSET_FILES,
        },
    )
}

/// The size limits (smaller in tests).
#[derive(Debug, Clone, Copy)]
struct Limits {
    bytes: u64,
    files: usize,
}

fn pack_within(
    asset: &Asset,
    root: &Path,
    name: &str,
    limits: Limits,
) -> Result<Packed, AssetError> {
    if !valid_name(name) {
        return Err(AssetError::InvalidName {
            name: name.to_owned(),
        });
    }
    let root_real = std::fs::canonicalize(root).map_err(|e| AssetError::Root {
        root: root.to_owned(),
        error: e.to_string(),
    })?;
    if !root_real.is_dir() {
        return Err(AssetError::Root {
            root: root.to_owned(),
            error: "not a directory".to_owned(),
        });
    }
    let shown = root.join(&asset.path);
    match std::fs::symlink_metadata(&shown) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(AssetError::NotFound { path: shown })
        }
        Err(e) => return Err(io_error(&shown, &e)),
        Ok(_) => {}
    }
    let real = resolve(&shown, &shown)?;
    if !real.starts_with(&root_real) {
        return Err(AssetError::OutsideProject {
            path: shown,
            resolved: real,
            root: root_real,
        });
    }
    let meta = std::fs::metadata(&real).map_err(|e| io_error(&shown, &e))?;
    let entries = if meta.is_dir() {
        if asset.kind == AssetKind::File {
            return Err(AssetError::NotAFile { path: shown });
        }
        let mut entries = Vec::new();
        walk(&real, &shown, &root_real, limits, &mut entries)?;
        entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        entries
    } else if meta.is_file() {
        if asset.kind == AssetKind::Dir {
            return Err(AssetError::NotADir { path: shown });
        }
        // The name as given: a symlink's own name, not its target's.
        let file_name = match shown.file_name().or(real.file_name()) {
            Some(n) => entry_name(&shown, n)?,
            None => return Err(AssetError::NotAFile { path: shown }),
        };
        vec![Entry {
            executable: is_executable(&meta),
            shown: shown.clone(),
            real,
            rel: file_name,
        }]
    } else {
        return Err(AssetError::SpecialFile { path: shown });
    };
    let contents = read_all(&entries, &shown, limits)?;
    match asset.kind {
        AssetKind::File => {
            let (Some(entry), Some(bytes)) = (entries.first(), contents.into_iter().next()) else {
                return Err(AssetError::NotAFile { path: shown });
            };
            let path = format!("assets/{name}/{}", entry.rel);
            Ok(Packed {
                hash: base64_sha256(&bytes),
                md5_hex: md5_hex(&bytes),
                files: vec![(path.clone(), bytes)],
                path,
            })
        }
        AssetKind::Dir => {
            let files: Vec<(String, Vec<u8>)> = entries
                .iter()
                .zip(contents)
                .map(|(e, bytes)| (e.rel.clone(), bytes))
                .collect();
            let list = listing(&files);
            Ok(Packed {
                hash: base64_sha256(&list),
                md5_hex: md5_hex(&list),
                files: files
                    .into_iter()
                    .map(|(rel, bytes)| (format!("assets/{name}/{rel}"), bytes))
                    .collect(),
                path: format!("assets/{name}"),
            })
        }
        AssetKind::Zip => {
            let zipped: Vec<(String, Vec<u8>, bool)> = entries
                .iter()
                .zip(contents)
                .map(|(e, bytes)| (e.rel.clone(), bytes, e.executable))
                .collect();
            let bytes = zip_bytes(&zipped, &shown)?;
            let path = format!("assets/{name}.zip");
            Ok(Packed {
                hash: base64_sha256(&bytes),
                md5_hex: md5_hex(&bytes),
                files: vec![(path.clone(), bytes)],
                path,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::fs;
    use std::time::{Duration, SystemTime};

    fn write(root: &Path, rel: &str, contents: &[u8]) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn set_mtime(path: &Path, secs: u64) {
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
            .unwrap();
    }

    /// The same three files, created in the given order with the given mtime.
    fn project(order: &[&str], mtime: u64) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for rel in order {
            write(dir.path(), &format!("code/{rel}"), rel.as_bytes());
            set_mtime(&dir.path().join("code").join(rel), mtime);
        }
        dir
    }

    fn err(asset: &Asset, root: &Path, name: &str) -> AssetError {
        pack(asset, root, name).unwrap_err()
    }

    #[test]
    fn a_zip_is_byte_identical_whatever_the_creation_order_and_mtimes() {
        let a = project(&["index.js", "lib/util.js", "package.json"], 1_000_000);
        let b = project(&["package.json", "lib/util.js", "index.js"], 1_700_000_000);
        let first = pack(&Asset::zip("code"), a.path(), "fn").unwrap();
        let again = pack(&Asset::zip("code"), a.path(), "fn").unwrap();
        let other = pack(&Asset::zip("code"), b.path(), "fn").unwrap();
        assert_eq!(first, again);
        assert_eq!(first, other);
        assert_eq!(first.path, "assets/fn.zip");
        assert_eq!(first.files.len(), 1);
        assert_eq!(first.files[0].0, "assets/fn.zip");
        let bytes = &first.files[0].1;
        assert_eq!(first.hash, base64_sha256(bytes));
        assert_eq!(first.md5_hex, md5_hex(bytes));
        assert_eq!(first.md5_hex.len(), 32);

        // A changed byte changes the hash.
        write(b.path(), "code/index.js", b"index.jz");
        let changed = pack(&Asset::zip("code"), b.path(), "fn").unwrap();
        assert_ne!(changed.hash, first.hash);
    }

    #[test]
    fn a_zip_reads_back_sorted_dated_1980_with_fixed_modes() {
        let dir = project(&["b.txt", "a/z.txt", "a/b/c.txt", "A.txt"], 42);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let boot = dir.path().join("code/bootstrap");
            fs::write(&boot, "#!/bin/sh\n").unwrap();
            fs::set_permissions(&boot, fs::Permissions::from_mode(0o700)).unwrap();
            // Group-writable: still 0644 in the archive.
            let b = dir.path().join("code/b.txt");
            fs::set_permissions(&b, fs::Permissions::from_mode(0o664)).unwrap();
        }
        let packed = pack(&Asset::zip("code"), dir.path(), "fn").unwrap();
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(packed.files[0].1.clone())).unwrap();
        let mut names = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().to_owned();
            assert_eq!(f.compression(), zip::CompressionMethod::Deflated, "{name}");
            let t = f.last_modified().unwrap();
            assert_eq!(
                (t.year(), t.month(), t.day(), t.hour(), t.minute()),
                (1980, 1, 1, 0, 0)
            );
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            if name == "bootstrap" {
                assert_eq!(text, "#!/bin/sh\n");
                #[cfg(unix)]
                assert_eq!(f.unix_mode(), Some(0o100755));
            } else {
                // Each file holds its own relative path.
                assert_eq!(text, name);
                assert_eq!(f.unix_mode(), Some(0o100644), "{name}");
            }
            names.push(name);
        }
        let mut expected = vec!["A.txt", "a/b/c.txt", "a/z.txt", "b.txt"];
        if cfg!(unix) {
            expected.push("bootstrap");
            expected.sort_unstable();
        }
        assert_eq!(names, expected, "sorted by path, no directory entries");
    }

    #[test]
    fn a_zip_of_one_file_holds_it_at_the_top() {
        let dir = project(&["lib/handler.py"], 7);
        let packed = pack(&Asset::zip("code/lib/handler.py"), dir.path(), "h").unwrap();
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(packed.files[0].1.clone())).unwrap();
        assert_eq!(archive.len(), 1);
        let mut text = String::new();
        archive
            .by_name("handler.py")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "lib/handler.py");
    }

    #[test]
    fn a_file_keeps_its_bytes_and_gets_terraform_s_hashes() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "site/index.html", b"hello\n");
        let packed = pack(&Asset::file("site/index.html"), dir.path(), "page").unwrap();
        assert_eq!(
            packed,
            Packed {
                files: vec![("assets/page/index.html".to_owned(), b"hello\n".to_vec())],
                path: "assets/page/index.html".to_owned(),
                // printf 'hello\n' | sha256sum | xxd -r -p | base64
                hash: "WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=".to_owned(),
                // printf 'hello\n' | md5sum
                md5_hex: "b1946ac92492d2347c6235b4d2611184".to_owned(),
            }
        );
    }

    #[test]
    fn a_dir_is_copied_file_by_file_with_a_stable_listing_hash() {
        let a = project(&["x.txt", "sub/y.txt"], 5);
        let b = project(&["sub/y.txt", "x.txt"], 9_999_999);
        let pa = pack(&Asset::dir("code"), a.path(), "web").unwrap();
        let pb = pack(&Asset::dir("code/"), b.path(), "web").unwrap();
        assert_eq!(pa, pb);
        assert_eq!(pa.path, "assets/web");
        let names: Vec<&str> = pa.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["assets/web/sub/y.txt", "assets/web/x.txt"]);
        assert_eq!(pa.files[1].1, b"x.txt");
        let mut list = Vec::new();
        for (rel, body) in [("sub/y.txt", "sub/y.txt"), ("x.txt", "x.txt")] {
            list.extend_from_slice(rel.as_bytes());
            list.push(0);
            list.extend_from_slice(&(body.len() as u64).to_be_bytes());
            list.extend_from_slice(body.as_bytes());
        }
        assert_eq!(pa.hash, base64_sha256(&list));
        // Moving content from one file to another changes the listing.
        write(b.path(), "code/x.txt", b"");
        write(b.path(), "code/sub/y.txt", b"sub/y.txtx.txt");
        assert_ne!(
            pack(&Asset::dir("code"), b.path(), "web").unwrap().hash,
            pa.hash
        );
    }

    #[test]
    fn a_symlinked_file_inside_the_project_is_packed_under_its_own_name() {
        let dir = project(&["real.txt"], 1);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real.txt", dir.path().join("code/alias.txt")).unwrap();
            let packed = pack(&Asset::file("code/alias.txt"), dir.path(), "a").unwrap();
            assert_eq!(packed.path, "assets/a/alias.txt");
            assert_eq!(packed.files[0].1, b"real.txt");
            let packed = pack(&Asset::dir("code"), dir.path(), "d").unwrap();
            let names: Vec<&str> = packed.files.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["assets/d/alias.txt", "assets/d/real.txt"]);
        }
        #[cfg(not(unix))]
        assert!(pack(&Asset::file("code/real.txt"), dir.path(), "a").is_ok());
    }

    #[test]
    fn names_must_be_simple_file_names() {
        let dir = project(&["a.txt"], 1);
        for bad in ["", ".", "..", "a/b", "a b", "ü", "x\\y", &"n".repeat(201)] {
            let e = err(&Asset::dir("code"), dir.path(), bad);
            assert!(matches!(e, AssetError::InvalidName { .. }), "{bad:?}: {e}");
            assert!(e
                .to_string()
                .starts_with(&format!("invalid asset name {bad:?}: use")));
        }
        for good in ["lambda-code", "v1.2_final", "...", &"n".repeat(200)] {
            assert!(
                pack(&Asset::dir("code"), dir.path(), good).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn a_missing_path_is_named() {
        let dir = project(&["a.txt"], 1);
        let e = err(&Asset::zip("code/nope"), dir.path(), "n");
        assert!(matches!(e, AssetError::NotFound { .. }));
        let text = e.to_string();
        assert!(text.starts_with("asset "), "{text}");
        assert!(
            text.ends_with("code/nope does not exist: give a path relative to the project root"),
            "{text}"
        );
        let e = err(&Asset::zip("code"), &dir.path().join("gone"), "n");
        assert!(matches!(e, AssetError::Root { .. }), "{e}");
        assert!(e.to_string().starts_with("cannot read the project root "));
    }

    #[test]
    fn a_path_that_leaves_the_project_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        write(outer.path(), "secret.txt", b"s");
        write(outer.path(), "proj/code/a.txt", b"a");
        let root = outer.path().join("proj");
        let e = err(&Asset::file("../secret.txt"), &root, "n");
        assert!(matches!(e, AssetError::OutsideProject { .. }), "{e}");
        assert!(e.to_string().contains("outside the project"), "{e}");
        assert!(e.to_string().ends_with("move or copy it into the project"));
        // An absolute path outside the root too.
        let e = err(&Asset::file(outer.path().join("secret.txt")), &root, "n");
        assert!(matches!(e, AssetError::OutsideProject { .. }), "{e}");
        // `..` that comes back inside is fine.
        assert!(pack(&Asset::file("code/../code/a.txt"), &root, "n").is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../secret.txt", root.join("link.txt")).unwrap();
            let e = err(&Asset::file("link.txt"), &root, "n");
            assert!(matches!(e, AssetError::OutsideProject { .. }), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_a_dir_that_could_loop_or_escape_are_refused() {
        use std::os::unix::fs::symlink;
        let outer = tempfile::tempdir().unwrap();
        write(outer.path(), "secret.txt", b"s");
        let root = outer.path().join("proj");
        write(&root, "code/a.txt", b"a");
        write(&root, "other/b.txt", b"b");

        symlink("../other", root.join("code/loop")).unwrap();
        for asset in [Asset::dir("code"), Asset::zip("code")] {
            let e = err(&asset, &root, "n");
            assert!(matches!(e, AssetError::SymlinkedDir { .. }), "{e}");
            let text = e.to_string();
            assert!(
                text.contains("code/loop is a symlink to a directory"),
                "{text}"
            );
            assert!(text.ends_with("copy the directory in its place or remove the link"));
        }
        fs::remove_file(root.join("code/loop")).unwrap();

        symlink("../../secret.txt", root.join("code/s.txt")).unwrap();
        let e = err(&Asset::zip("code"), &root, "n");
        assert!(matches!(e, AssetError::SymlinkOutside { .. }), "{e}");
        assert!(e.to_string().contains("code/s.txt is a symlink to "), "{e}");
        assert!(
            e.to_string().ends_with("copy the file into the project"),
            "{e}"
        );
        fs::remove_file(root.join("code/s.txt")).unwrap();

        symlink("c2", root.join("code/c1")).unwrap();
        symlink("c1", root.join("code/c2")).unwrap();
        let e = err(&Asset::dir("code"), &root, "n");
        assert!(matches!(e, AssetError::SymlinkCycle { .. }), "{e}");
        assert!(e.to_string().contains("is a symlink cycle"), "{e}");
        let e = err(&Asset::file("code/c1"), &root, "n");
        assert!(matches!(e, AssetError::SymlinkCycle { .. }), "{e}");
        fs::remove_file(root.join("code/c1")).unwrap();
        fs::remove_file(root.join("code/c2")).unwrap();

        symlink("missing.txt", root.join("code/dangling")).unwrap();
        let e = err(&Asset::dir("code"), &root, "n");
        assert!(matches!(e, AssetError::BrokenSymlink { .. }), "{e}");
        assert!(e
            .to_string()
            .contains("code/dangling is a symlink to nothing"));
        fs::remove_file(root.join("code/dangling")).unwrap();

        assert!(pack(&Asset::dir("code"), &root, "n").is_ok());
    }

    #[test]
    fn a_file_for_dir_and_a_dir_for_file_are_refused() {
        let dir = project(&["a.txt"], 1);
        let e = err(&Asset::dir("code/a.txt"), dir.path(), "n");
        assert!(matches!(e, AssetError::NotADir { .. }), "{e}");
        assert!(e.to_string().ends_with(
            "code/a.txt is a file, not a directory: use Asset::file or Asset::zip for a file"
        ));
        let e = err(&Asset::file("code"), dir.path(), "n");
        assert!(matches!(e, AssetError::NotAFile { .. }), "{e}");
        assert!(e.to_string().contains("use Asset::dir or Asset::zip"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_non_utf8_or_backslashed_name_is_named() {
        use std::os::unix::ffi::OsStrExt;
        let dir = project(&["a.txt"], 1);
        let bad = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(dir.path().join("code").join(bad), "x").unwrap();
        let e = err(&Asset::zip("code"), dir.path(), "n");
        assert!(matches!(e, AssetError::NonUtf8Name { .. }), "{e}");
        assert!(
            e.to_string()
                .contains("caf\u{fffd}.txt is not UTF-8: rename it"),
            "{e}"
        );
        fs::remove_file(dir.path().join("code").join(bad)).unwrap();

        fs::write(dir.path().join("code/a\\b.txt"), "x").unwrap();
        let e = err(&Asset::dir("code"), dir.path(), "n");
        assert!(matches!(e, AssetError::BackslashInName { .. }), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_not_a_file() {
        let dir = project(&["a.txt"], 1);
        let _listener =
            std::os::unix::net::UnixListener::bind(dir.path().join("code/sock")).unwrap();
        let e = err(&Asset::zip("code"), dir.path(), "n");
        assert!(matches!(e, AssetError::SpecialFile { .. }), "{e}");
        assert!(
            e.to_string().contains("code/sock is not a regular file"),
            "{e}"
        );
        let e = err(&Asset::zip("code/sock"), dir.path(), "n");
        assert!(matches!(e, AssetError::SpecialFile { .. }), "{e}");
    }

    #[test]
    fn the_size_and_file_limits_hold() {
        let dir = project(&["a.txt", "b.txt", "c.txt"], 1);
        let small = |bytes, files| Limits { bytes, files };
        // 15 bytes in 3 files.
        assert!(pack_within(&Asset::zip("code"), dir.path(), "n", small(15, 3)).is_ok());
        let e = pack_within(&Asset::zip("code"), dir.path(), "n", small(14, 3)).unwrap_err();
        assert!(matches!(e, AssetError::TooLarge { bytes: 15, .. }), "{e}");
        assert!(e.to_string().contains("upload it outside Terraform"), "{e}");
        let e = pack_within(&Asset::dir("code"), dir.path(), "n", small(100, 2)).unwrap_err();
        assert!(matches!(e, AssetError::TooManyFiles { .. }), "{e}");
        assert!(e.to_string().contains("more than 100000 files"), "{e}");
        let e = pack_within(&Asset::file("code/a.txt"), dir.path(), "n", small(4, 1)).unwrap_err();
        assert!(matches!(e, AssetError::TooLarge { bytes: 5, .. }), "{e}");
    }
}

//! Formatting in-process and writing files only when their bytes change.

use std::path::Path;

use crate::{Error, GenFile};

/// Formats generated Rust source in-process with prettyplease, so the output is the same
/// whichever rustfmt is installed (the generated modules are `#[rustfmt::skip]`).
///
/// # Errors
/// When the code does not parse (a generator bug), naming the file.
pub fn format_rust(path: &str, code: &str) -> Result<String, Error> {
    let file = syn::parse_file(code).map_err(|e| Error::Format(format!("{path}: {e}")))?;
    let mut out = String::with_capacity(code.len() + code.len() / 4);
    // Keep the `// @generated` header line: prettyplease drops plain comments.
    if let Some(first) = code.lines().next().filter(|l| l.starts_with("// ")) {
        out.push_str(first);
        out.push('\n');
    }
    out.push_str(&prettyplease::unparse(&file));
    Ok(out)
}

/// Writes `files` under `dir`, each only when its bytes differ, and removes `.rs` files under
/// `dir` that are not among them. Returns the paths written or removed.
///
/// # Errors
/// On an I/O error.
pub fn sync_dir(dir: &Path, files: &[GenFile]) -> Result<Vec<String>, Error> {
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |e| Error::Io(p, e)
    };
    let mut changed = Vec::new();
    for f in files {
        let p = dir.join(&f.path);
        if std::fs::read(&p).ok().as_deref() != Some(f.contents.as_bytes()) {
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&p, &f.contents).map_err(io(&p))?;
            changed.push(p.display().to_string());
        }
    }
    let keep: std::collections::BTreeSet<std::path::PathBuf> =
        files.iter().map(|f| dir.join(&f.path)).collect();
    remove_stale(dir, &keep, &mut changed)?;
    Ok(changed)
}

/// Removes the `.rs` files under `dir` that are not in `keep`, then the directories left empty;
/// true when `dir` itself is left empty.
///
/// # Errors
/// On an I/O error.
pub fn remove_stale(
    dir: &Path,
    keep: &std::collections::BTreeSet<std::path::PathBuf>,
    changed: &mut Vec<String>,
) -> Result<bool, Error> {
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |e| Error::Io(p, e)
    };
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Ok(false);
    };
    let mut empty = true;
    for e in rd {
        let p = e.map_err(io(dir))?.path();
        if p.is_dir() {
            if remove_stale(&p, keep, changed)? {
                std::fs::remove_dir(&p).map_err(io(&p))?;
            } else {
                empty = false;
            }
        } else if p.extension().is_some_and(|x| x == "rs") && !keep.contains(&p) {
            std::fs::remove_file(&p).map_err(io(&p))?;
            changed.push(format!("{} (removed)", p.display()));
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

/// Replaces everything from the line `marker` to the end of `path` with `marker` + `tail`.
///
/// # Errors
/// When the file cannot be read or written, or has no marker line.
pub fn replace_tail(path: &Path, marker: &str, tail: &str) -> Result<bool, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::Io(path.display().to_string(), e))?;
    let Some(pos) = text.find(marker) else {
        return Err(Error::Schema(format!(
            "{}: no `{marker}` line",
            path.display()
        )));
    };
    let new = format!("{}{marker}\n{tail}", &text[..pos]);
    if new == text {
        return Ok(false);
    }
    std::fs::write(path, new).map_err(|e| Error::Io(path.display().to_string(), e))?;
    Ok(true)
}

/// Writes `contents` to `path` when its bytes differ (creating the directory). Returns whether
/// it wrote.
///
/// # Errors
/// On an I/O error.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool, Error> {
    if std::fs::read(path).ok().as_deref() == Some(contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io(parent.display().to_string(), e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::Io(path.display().to_string(), e))?;
    Ok(true)
}

/// Replaces the lines between the lines `start` and `end` of `path` with `body`.
///
/// # Errors
/// When the file cannot be read or written, or lacks a marker line.
pub fn replace_between(path: &Path, start: &str, end: &str, body: &str) -> Result<bool, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::Io(path.display().to_string(), e))?;
    let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
        return Err(Error::Schema(format!(
            "{}: needs the lines `{start}` and `{end}`",
            path.display()
        )));
    };
    if b < a {
        return Err(Error::Schema(format!(
            "{}: `{end}` comes before `{start}`",
            path.display()
        )));
    }
    let new = format!("{}{start}\n{body}{}", &text[..a], &text[b..]);
    write_if_changed(path, &new)
}

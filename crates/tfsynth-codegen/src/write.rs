//! Formatting with `rustfmt` and writing files only when their bytes change.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{Error, GenFile};

/// Formats Rust source with `rustfmt --edition 2021`, using the configuration found from
/// `config_dir` (the workspace root, as `cargo fmt` does).
///
/// # Errors
/// When `rustfmt` cannot run or rejects the code.
pub fn rustfmt(code: &str, config_dir: &Path) -> Result<String, Error> {
    let mut child = Command::new(std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2021", "--emit", "stdout"])
        .current_dir(config_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Rustfmt(format!(
                "cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"
            ))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::Rustfmt("no stdin".into()))?;
    let input = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Rustfmt(e.to_string()))?;
    writer
        .join()
        .map_err(|_| Error::Rustfmt("writer thread panicked".into()))?
        .map_err(|e| Error::Rustfmt(e.to_string()))?;
    if !out.status.success() {
        return Err(Error::Rustfmt(
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| Error::Rustfmt(e.to_string()))
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
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd {
            let e = e.map_err(io(&d))?;
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
                if std::fs::read_dir(&p)
                    .map(|mut r| r.next().is_none())
                    .unwrap_or(false)
                {
                    std::fs::remove_dir(&p).map_err(io(&p))?;
                }
            } else if p.extension().is_some_and(|x| x == "rs") && !keep.contains(&p) {
                std::fs::remove_file(&p).map_err(io(&p))?;
                changed.push(format!("{} (removed)", p.display()));
            }
        }
    }
    Ok(changed)
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

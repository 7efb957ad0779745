//! Writing outputs atomically: every file goes to a temporary file in its own directory, and
//! only when all are written are they renamed into place. A failure leaves existing files as
//! they were.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes every `(path, contents)`, creating directories as needed.
///
/// # Errors
/// A message naming the path that could not be written.
pub(crate) fn write_all(plan: &[(PathBuf, String)]) -> Result<(), String> {
    let mut staged = Vec::with_capacity(plan.len());
    for (path, contents) in plan {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the directory {}: {e}", dir.display()))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".tfsynth-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
        tmp.write_all(contents.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        set_mode(tmp.path(), path);
        staged.push((tmp, path));
    }
    for (tmp, path) in staged {
        tmp.persist(path)
            .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    }
    Ok(())
}

/// Gives the new file the permissions of the file it replaces, or 0644 (a temporary file is
/// created 0600).
fn set_mode(tmp: &Path, target: &Path) {
    let perms = match std::fs::metadata(target) {
        Ok(m) => m.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return;
            }
        }
    };
    // Best effort: the contents are what matters.
    let _ = std::fs::set_permissions(tmp, perms);
}

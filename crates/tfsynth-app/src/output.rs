//! Writing outputs without damaging what is there.
//!
//! - A regular file is replaced atomically: the text goes to a temporary file in the same
//!   directory, which is renamed over it. Its permissions (and, as root, its owner) are kept.
//! - A symlink is followed: its final target is replaced that way, in the target's directory,
//!   and the link stays a link.
//! - A character device or a fifo (`/dev/null`, `/dev/stdout`, `/proc/self/fd/1`, a named
//!   pipe) is written through, since renaming over it would replace the device with a file.
//!   This is only done for a single file ([`write_one`]): a write-through cannot be undone.
//! - Directories, block devices and sockets are refused.
//!
//! Several files ([`write_all`]) are written all or none: every temporary file is staged
//! first, every existing target gets a backup (a hard link) next to it, then all are renamed
//! into place; when a rename fails, the ones already renamed are put back from their backups.
//! When even that fails, the error lists exactly which files hold the new text.
//!
//! SIGINT and SIGTERM remove the temporary files and backups (and any directory this write
//! created) before the process exits; a signal that arrives while the files are being renamed
//! waits until the renames are done, so it never leaves half of them.
//!
//! A process killed outright (`kill -9`, a crash, a power cut) leaves its temporary files and
//! backups: `.tfsynth-PID-XXXXXX.tmp` and `.bak`, PID being its process id. The next write
//! into their directory removes those whose process is gone (or, without a pid in the name or
//! a `/proc` to ask, that are more than an hour old), never those of a running process, and
//! says so ([`take_notes`]).

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// What is at a path we are asked to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A regular file (or nothing yet) at `real`, which is the path itself or, through
    /// symlinks, the file they point to.
    File {
        /// Where the temporary file goes and what it is renamed over.
        real: PathBuf,
        /// Whether a file is there now.
        exists: bool,
    },
    /// A character device, fifo or `/proc/self/fd` link: written through, never replaced.
    Stream(&'static str),
}

/// Finds out what `path` is, following symlinks.
///
/// # Errors
/// A directory, block device or socket, or a symlink chain that cannot be followed.
pub(crate) fn target(path: &Path) -> Result<Target, String> {
    let shown = path.display();
    if ends_with_slash(path) {
        return Err(format!(
            "{shown} ends with /, so it names a directory: give a file name, e.g. {}",
            path.join("NAME").display()
        ));
    }
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target::File {
                real: path.to_path_buf(),
                exists: false,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            // A file where a directory of the path should be.
            let file = path
                .ancestors()
                .skip(1)
                .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
            return Err(match file {
                Some(f) => format!(
                    "cannot write {shown}: {} is a file, not a directory: remove it, or write \
                     somewhere else",
                    f.display()
                ),
                None => format!("cannot write {shown}: {e}"),
            });
        }
        Err(e) => return Err(format!("cannot write {shown}: {e}")),
    };
    let meta = if link.file_type().is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => m,
            // A dangling link: create the file it points to.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let real = resolve_dangling(path)?;
                return Ok(Target::File {
                    real,
                    exists: false,
                });
            }
            Err(e) => return Err(format!("cannot follow the symlink {shown}: {e}")),
        }
    } else {
        link.clone()
    };
    let ft = meta.file_type();
    if ft.is_file() {
        let real = if link.file_type().is_symlink() {
            std::fs::canonicalize(path)
                .map_err(|e| format!("cannot follow the symlink {shown}: {e}"))?
        } else {
            path.to_path_buf()
        };
        return Ok(Target::File { real, exists: true });
    }
    if ft.is_dir() {
        // Named like a file (`main.tf.json`): a directory in the way, not one to write into.
        return Err(if path.extension().is_some() {
            format!(
                "{shown} is a directory, where tfsynth writes a file: remove or rename that \
                 directory"
            )
        } else {
            format!(
                "{shown} is a directory: give a file name, e.g. {}",
                path.join("main.tf.json").display()
            )
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() {
            return Ok(Target::Stream("character device"));
        }
        if ft.is_fifo() {
            return Ok(Target::Stream("fifo"));
        }
        if ft.is_block_device() {
            return Err(format!(
                "{shown} is a block device: tfsynth does not write a stack onto a disk; give a \
                 file name"
            ));
        }
        if ft.is_socket() {
            return Err(format!("{shown} is a socket: give a file name"));
        }
    }
    Err(format!("{shown} is not a regular file: give a file name"))
}

/// Whether `path` ends with `/` (`out/`): it can only name a directory.
fn ends_with_slash(path: &Path) -> bool {
    path.as_os_str()
        .to_str()
        .is_some_and(|p| p.len() > 1 && p.ends_with('/'))
}

/// What is at the path of `synth --out FILE` ([`target`]), said as a flag that takes a file:
/// a path ending with `/` is a usage error, a directory is refused with `--out-dir` for it.
/// `main` is the file name `--out-dir` would write (`main.tf.json`, `main.tf`).
pub(crate) fn out_target(path: &Path, main: &str) -> Result<Target, crate::Failure> {
    let shown = path.display();
    if ends_with_slash(path) {
        let dir = path.to_string_lossy();
        let dir = dir.trim_end_matches('/');
        return Err(crate::usage(format!(
            "--out {shown} ends with /, so it names a directory, and --out takes a file: write \
             --out {dir}/{main}, or use --out-dir {dir}"
        )));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(crate::invalid(if path.extension().is_some() {
            format!(
                "--out {shown} is a directory, and --out takes a file: remove or rename the \
                 directory, or write to another file"
            )
        } else {
            format!(
                "--out {shown} is a directory, and --out takes a file: write --out {}, or use \
                 --out-dir {shown}",
                path.join(main).display()
            )
        }));
    }
    target(path).map_err(crate::invalid)
}

/// The file a dangling symlink (chain) points to.
fn resolve_dangling(path: &Path) -> Result<PathBuf, String> {
    let mut cur = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&cur) {
            Ok(next) => {
                cur = match cur.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => return Ok(cur),
        }
    }
    Err(format!(
        "cannot follow the symlink {}: too many levels of links",
        path.display()
    ))
}

/// True when `a` and `b` name the same existing file (through symlinks).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// What a single write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrote {
    /// Replaced (or created) a regular file atomically.
    File,
    /// Wrote through a device, fifo or descriptor link.
    Stream,
}

/// Writes one file: atomically when it is (or will be) a regular file, through it when it is a
/// device, fifo or descriptor link.
///
/// # Errors
/// A message naming the path and the reason; an existing regular file is left as it was.
pub(crate) fn write_one(path: &Path, contents: &str) -> Result<Wrote, String> {
    match target(path)? {
        Target::Stream(_) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| format!("cannot open {} for writing: {e}", path.display()))?;
            f.write_all(contents.as_bytes())
                .and_then(|()| f.flush())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Wrote::Stream)
        }
        Target::File { .. } => {
            write_all(&[(path.to_path_buf(), contents.to_owned())])?;
            Ok(Wrote::File)
        }
    }
}

/// Paths to remove when a signal arrives, and whether the renames are done.
#[derive(Debug, Default)]
struct Pending {
    paths: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    committed: bool,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    paths: Vec::new(),
    dirs: Vec::new(),
    committed: false,
});

fn pending() -> MutexGuard<'static, Pending> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// On SIGINT or SIGTERM: remove what [`PENDING`] lists and exit 128 + signal. Holding the
/// lock while renaming makes a signal wait until the renames (or their rollback) are over.
fn install_signal_cleanup() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("tfsynth-signals".into())
                .spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        let mut p = pending();
                        let committed = p.committed;
                        remove_pending(&mut p);
                        say(if committed {
                            "tfsynth: interrupted after the files were written\n"
                        } else {
                            "tfsynth: interrupted: removed the temporary files, no output was \
                             changed\n"
                        });
                        std::process::exit(128 + sig);
                    }
                });
        }
    });
}

/// Writes to stderr without its lock, which the command holds while it runs (`eprintln!`
/// would wait for it forever).
#[cfg(unix)]
fn say(text: &str) {
    use std::os::fd::AsFd;
    if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
        let _ = std::fs::File::from(fd).write_all(text.as_bytes());
    }
}

fn remove_pending(p: &mut Pending) {
    for path in p.paths.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    for dir in p.dirs.drain(..).rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

thread_local! {
    /// What the writes of this thread did besides writing: leftovers removed.
    static NOTES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Takes the notes of the writes done so far on this thread (for stderr, as `note: ...`).
pub(crate) fn take_notes() -> Vec<String> {
    NOTES.with(|n| std::mem::take(&mut *n.borrow_mut()))
}

fn note(text: String) {
    NOTES.with(|n| n.borrow_mut().push(text));
}

/// The start of this process's temporary files and backups: `.tfsynth-PID-`.
fn own_prefix() -> String {
    format!(".tfsynth-{}-", std::process::id())
}

/// How long a temporary file or backup with no process to ask about may stay: no write of
/// tfsynth takes that long.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// When `name` is a temporary file or backup of tfsynth's naming, the pid in it:
/// `.tfsynth-PID-XXXXXX.tmp` (or `.bak`) gives `Some(Some(PID))`, and the names of versions
/// before the pid was added, `.tfsynth-XXXXXX.tmp`, give `Some(None)`. `XXXXXX` is tempfile's
/// six random letters and digits.
fn leftover_pid(name: &str) -> Option<Option<u32>> {
    let stem = name.strip_prefix(".tfsynth-")?;
    let stem = stem
        .strip_suffix(".tmp")
        .or_else(|| stem.strip_suffix(".bak"))?;
    let random = |r: &str| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric());
    match stem.split_once('-') {
        Some((pid, r))
            if random(r) && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) =>
        {
            pid.parse().ok().map(Some)
        }
        None if random(stem) => Some(None),
        _ => None,
    }
}

/// Whether process `pid` is running, when that can be known (`/proc`).
fn running(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    if !cfg!(target_os = "linux") || !Path::new("/proc/self").exists() {
        return None;
    }
    match std::fs::symlink_metadata(format!("/proc/{pid}")) {
        Ok(_) => Some(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(false),
        Err(_) => None,
    }
}

/// How long ago the file's inode last changed (a backup is a hard link: its modification time
/// is the original's, its change time when the link was made).
fn age(meta: &std::fs::Metadata) -> Option<std::time::Duration> {
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        u64::try_from(meta.ctime())
            .ok()
            .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
    };
    #[cfg(not(unix))]
    let changed = meta.modified().ok();
    changed.and_then(|t| t.elapsed().ok())
}

/// Removes, from `dir`, the temporary files and backups that a tfsynth process which is gone
/// left there, and notes what it removed.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let (mut gone, mut old, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(leftover_pid) else {
            continue;
        };
        // Regular files only: never a directory, never through a link.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let is_old = age(&meta).is_some_and(|a| a > STALE_AFTER);
        let list = match pid.and_then(running) {
            Some(false) => &mut gone,
            _ if is_old => &mut old,
            _ => continue,
        };
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => list.push(path.display().to_string()),
            Err(e) => failed.push(format!("{} ({e})", path.display())),
        }
    }
    for (list, why) in [
        (gone, "its process is gone"),
        (old, "more than an hour old"),
    ] {
        if !list.is_empty() {
            note(format!(
                "removed what an interrupted tfsynth run left ({why}): {}",
                list.join(", ")
            ));
        }
    }
    if !failed.is_empty() {
        note(format!(
            "could not remove what an interrupted tfsynth run left: {}; remove it by hand",
            failed.join(", ")
        ));
    }
}

/// Keeps a backup that could not be put back under a name that says what it is
/// (`FILE.tfsynth-previous`, or `-2`, `-3`...), which the next run does not take for a
/// leftover; its own name when that fails.
fn keep_previous(backup: tempfile::TempPath, real: &Path) -> Option<PathBuf> {
    let mut backup = backup;
    let name = real.file_name()?.to_string_lossy().into_owned();
    for n in 1..=100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let kept = real.with_file_name(format!("{name}.tfsynth-previous{suffix}"));
        match backup.persist_noclobber(&kept) {
            Ok(()) => return Some(kept),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => backup = e.path,
            Err(e) => {
                backup = e.path;
                break;
            }
        }
    }
    backup.keep().ok()
}

/// A test hook, compiled only in debug builds: `TFSYNTH_TEST_FAULT=pause-before-commit` waits
/// 30 s after staging (so a test can send a signal while temporary files exist),
/// `fail-rename=N` makes the N-th rename (from 1) fail, `fail-restore` makes putting a file
/// back fail; several are separated by commas.
#[cfg(debug_assertions)]
fn fault() -> Option<String> {
    std::env::var("TFSYNTH_TEST_FAULT").ok()
}

#[cfg(not(debug_assertions))]
fn fault() -> Option<String> {
    None
}

/// One file ready to be renamed into place.
struct Staged<'a> {
    shown: &'a Path,
    real: PathBuf,
    tmp: tempfile::TempPath,
    backup: Option<tempfile::TempPath>,
}

/// Writes every `(path, contents)` all or none, creating directories as needed. Every path
/// must be a regular file, a symlink to one, or not exist yet.
///
/// # Errors
/// A message naming the path that could not be written; when the rollback of a failed rename
/// itself failed, the message lists which files hold the new text.
pub(crate) fn write_all<C: AsRef<[u8]>>(plan: &[(PathBuf, C)]) -> Result<(), String> {
    install_signal_cleanup();
    // Where each file really goes, and whether the plan is coherent.
    let mut targets: Vec<(PathBuf, bool)> = Vec::with_capacity(plan.len());
    for (path, _) in plan {
        match target(path)? {
            Target::File { real, exists } => {
                if let Some(i) = targets.iter().position(|(r, _)| *r == real) {
                    return Err(format!(
                        "{} and {} are the same file: give every output its own path",
                        plan[i].0.display(),
                        path.display()
                    ));
                }
                targets.push((real, exists));
            }
            Target::Stream(kind) => {
                return Err(format!(
                    "{} is a {kind}: it can only be written alone, and this command writes {} \
                     files together; give a directory of regular files",
                    path.display(),
                    plan.len()
                ))
            }
        }
    }
    let result = stage_and_commit(plan, &targets);
    let mut p = pending();
    if result.is_err() {
        // Created directories that stayed empty go too.
        for dir in p.dirs.drain(..).rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
    p.paths.clear();
    p.dirs.clear();
    result
}

fn stage_and_commit<C: AsRef<[u8]>>(
    plan: &[(PathBuf, C)],
    targets: &[(PathBuf, bool)],
) -> Result<(), String> {
    let mut staged: Vec<Staged<'_>> = Vec::with_capacity(plan.len());
    let mut cleaned: Vec<PathBuf> = Vec::new();
    for ((shown, contents), (real, exists)) in plan.iter().zip(targets) {
        let dir = match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_dirs(&dir)?;
        // Created and registered under the lock, so a signal either sees it or stops us first.
        if !cleaned.contains(&dir) && dir.is_dir() {
            remove_leftovers(&dir);
            cleaned.push(dir.clone());
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(&own_prefix())
            .suffix(".tmp")
            .make_in(&dir, |p| {
                let mut g = pending();
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(p)?;
                g.paths.push(p.to_path_buf());
                Ok(f)
            })
            .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
        tmp.write_all(contents.as_ref())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| format!("cannot write {}: {e}", shown.display()))?;
        copy_owner_and_mode(tmp.as_file(), real);
        let tmp = tmp.into_temp_path();
        let backup = if *exists {
            let b = tempfile::Builder::new()
                .prefix(&own_prefix())
                .suffix(".bak")
                .make_in(&dir, |p| {
                    let mut g = pending();
                    std::fs::hard_link(real, p).or_else(|_| std::fs::copy(real, p).map(|_| ()))?;
                    g.paths.push(p.to_path_buf());
                    Ok(())
                })
                .map_err(|e| {
                    format!(
                        "cannot keep a backup of {} while replacing it: {e}",
                        shown.display()
                    )
                })?;
            Some(b.into_temp_path())
        } else {
            None
        };
        staged.push(Staged {
            shown,
            real: real.clone(),
            tmp,
            backup,
        });
    }
    if fault().is_some_and(|f| f.split(',').any(|f| f == "pause-before-commit")) {
        eprintln!("tfsynth: test hook: staged, pausing");
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
    let fault = fault().unwrap_or_default();
    let fail_at: Option<usize> = fault
        .split(',')
        .find_map(|f| f.strip_prefix("fail-rename="))
        .and_then(|n| n.parse().ok());
    let fail_restore = fault.split(',').any(|f| f == "fail-restore");
    // The renames: a signal waits for them (and a rollback) to finish.
    let mut lock = pending();
    let mut done: Vec<(&Path, PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    let mut failure = None;
    for (i, s) in staged.into_iter().enumerate() {
        let r = if fail_at == Some(i + 1) {
            Err(std::io::Error::other("injected by TFSYNTH_TEST_FAULT"))
        } else {
            s.tmp.persist(&s.real).map_err(|e| e.error)
        };
        match r {
            Ok(()) => done.push((s.shown, s.real, s.backup)),
            Err(e) => {
                failure = Some(format!("cannot write {}: {e}", s.shown.display()));
                break;
            }
        }
    }
    let Some(failure) = failure else {
        lock.committed = true;
        for (_, real, _) in &done {
            sync_dir(real);
        }
        return Ok(());
    };
    // Put back what was replaced, remove what was created.
    let mut not_undone = Vec::new();
    for (shown, real, backup) in done.into_iter().rev() {
        let injected = || std::io::Error::other("injected by TFSYNTH_TEST_FAULT");
        let undone: Result<(), String> = match backup {
            Some(b) => {
                let failed = if fail_restore {
                    Some((injected(), b))
                } else {
                    b.persist(&real).err().map(|e| (e.error, e.path))
                };
                match failed {
                    None => Ok(()),
                    // Keep the backup, and say where the previous text is.
                    Some((e, b)) => Err(match keep_previous(b, &real) {
                        Some(kept) => format!("{e}; its previous text is in {}", kept.display()),
                        None => e.to_string(),
                    }),
                }
            }
            None if fail_restore => Err(injected().to_string()),
            None => std::fs::remove_file(&real).map_err(|e| e.to_string()),
        };
        if let Err(e) = undone {
            not_undone.push(format!("{} ({e})", shown.display()));
        }
    }
    drop(lock);
    if not_undone.is_empty() {
        Err(format!("{failure}; no file was changed"))
    } else {
        not_undone.reverse();
        Err(format!(
            "{failure}; these files were written and could not be put back: {}; the others \
             were not changed",
            not_undone.join(", ")
        ))
    }
}

/// `create_dir_all`, remembering the directories it created (to remove them on failure).
fn create_dirs(dir: &Path) -> Result<(), String> {
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.as_os_str().is_empty() || d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        cur = d.parent();
    }
    for d in missing.into_iter().rev() {
        let mut g = pending();
        match std::fs::create_dir(&d) {
            Ok(()) => g.dirs.push(d),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(format!("cannot create the directory {}: {e}", d.display())),
        }
    }
    Ok(())
}

/// Makes the directory entry of a rename durable (best effort).
fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Gives the new file the permissions (and, when allowed, the owner) of the file it replaces,
/// or 0644 for a new file (a temporary file is created 0600).
fn copy_owner_and_mode(tmp: &std::fs::File, target: &Path) {
    match std::fs::metadata(target) {
        Ok(m) => {
            // Best effort: the contents are what matters.
            let _ = tmp.set_permissions(m.permissions());
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                let _ = std::os::unix::fs::fchown(tmp, Some(m.uid()), Some(m.gid()));
            }
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = tmp.set_permissions(std::fs::Permissions::from_mode(0o644));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_files_and_keeps_no_temporary_file() {
        let d = tempfile::tempdir().expect("tempdir");
        let a = d.path().join("a");
        std::fs::write(&a, "old").expect("write");
        write_all(&[
            (a.clone(), String::from("new")),
            (d.path().join("sub/b"), String::from("b")),
        ])
        .expect("written");
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "new");
        assert_eq!(names(d.path()), ["a", "sub"]);
        assert_eq!(names(&d.path().join("sub")), ["b"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_stays_a_link() {
        let d = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(d.path().join("real")).expect("mkdir");
        std::fs::write(d.path().join("real/main.tf.json"), "old").expect("write");
        let link = d.path().join("main.tf.json");
        std::os::unix::fs::symlink("real/main.tf.json", &link).expect("symlink");
        assert_eq!(write_one(&link, "new"), Ok(Wrote::File));
        assert!(std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink());
        assert_eq!(
            std::fs::read_to_string(d.path().join("real/main.tf.json")).expect("read"),
            "new"
        );
        assert_eq!(names(&d.path().join("real")), ["main.tf.json"]);
        // a dangling link creates its target
        let dangling = d.path().join("dangling");
        std::os::unix::fs::symlink("real/new.json", &dangling).expect("symlink");
        assert_eq!(write_one(&dangling, "x"), Ok(Wrote::File));
        assert_eq!(
            std::fs::read_to_string(d.path().join("real/new.json")).expect("read"),
            "x"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_through_and_directories_refused() {
        assert_eq!(
            target(Path::new("/dev/null")),
            Ok(Target::Stream("character device"))
        );
        assert_eq!(write_one(Path::new("/dev/null"), "x"), Ok(Wrote::Stream));
        let e = write_one(Path::new("/dev/full"), "x").expect_err("full");
        assert!(e.starts_with("cannot write /dev/full: "), "{e}");
        let d = tempfile::tempdir().expect("tempdir");
        let e = write_one(d.path(), "x").expect_err("a directory");
        assert!(e.contains("is a directory: give a file name"), "{e}");
        let e = write_all(&[
            (PathBuf::from("/dev/null"), String::from("x")),
            (d.path().join("b"), String::from("b")),
        ])
        .expect_err("several files with a device");
        assert!(e.contains("/dev/null is a character device"), "{e}");
        assert!(names(d.path()).is_empty());
    }

    #[test]
    fn leftover_names_are_tfsynths_own_only() {
        assert_eq!(leftover_pid(".tfsynth-123-aB3dE9.tmp"), Some(Some(123)));
        assert_eq!(leftover_pid(".tfsynth-123-aB3dE9.bak"), Some(Some(123)));
        assert_eq!(leftover_pid(".tfsynth-aB3dE9.bak"), Some(None));
        for n in [
            ".tfsynth-notes.tmp",
            "x.bak",
            ".tfsynth-123-toolong.tmp",
            ".tfsynth--aB3dE9.tmp",
            ".tfsynth-123-aB3dE9.txt",
            ".tfsynth-1x-aB3dE9.tmp",
            "main.tf.json.tfsynth-previous",
        ] {
            assert_eq!(leftover_pid(n), None, "{n}");
        }
        let mine = format!("{}aB3dE9.tmp", own_prefix());
        assert_eq!(leftover_pid(&mine), Some(Some(std::process::id())));
        assert_eq!(running(std::process::id()), Some(true));
    }

    #[test]
    fn the_same_file_twice_is_refused() {
        let d = tempfile::tempdir().expect("tempdir");
        let a = d.path().join("a");
        let e = write_all(&[
            (a.clone(), String::from("1")),
            (a.clone(), String::from("2")),
        ])
        .expect_err("same file");
        assert!(e.contains("are the same file"), "{e}");
        assert!(names(d.path()).is_empty());
    }
}

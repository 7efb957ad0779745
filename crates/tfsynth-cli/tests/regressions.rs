//! Findings of an adversarial review of the command line, each pinned by the real binary:
//! stdout on `/dev/null` opened read-write, leftovers of a killed run, messages that name the
//! value and the fix, and the scripts' reading of `CARGO_TARGET_DIR`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

fn tfsynth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("TFSYNTH_TEST_FAULT")
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// --- 1. stdout opened read-write on /dev/null --------------------------------------------

/// `subprocess.DEVNULL` and `1<>/dev/null` give a stdout opened read-write on `/dev/null`:
/// a working stdout whose output is discarded, exactly like `>/dev/null`. So is `>&-`, which
/// Rust's runtime turns into the same descriptor before `main`.
#[cfg(target_os = "linux")]
#[test]
fn stdout_read_write_on_dev_null_is_a_working_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    for redirect in ["1<>/dev/null", ">&-"] {
        for args in [
            &["synth"][..],
            &["stacks"],
            &["validate"],
            &["--version"],
            &["schema"],
            &["init", "--dir", "starter"],
        ] {
            let _ = std::fs::remove_dir_all(dir.path().join("starter"));
            let o = Command::new("sh")
                .arg("-c")
                .arg(format!("exec \"$0\" \"$@\" {redirect}"))
                .arg(BIN)
                .args(args)
                .current_dir(dir.path())
                .output()
                .expect("sh runs");
            assert_eq!(
                o.status.code(),
                Some(0),
                "{redirect} {args:?}: {}",
                stderr(&o)
            );
            assert!(stderr(&o).is_empty(), "{redirect} {args:?}: {}", stderr(&o));
        }
        // init wrote its files before printing
        assert_eq!(
            names(&dir.path().join("starter")),
            ["tfsynth.demo.json", "tfsynth.demo.schema.json"]
        );
    }
    // a full disk still fails
    let full = std::fs::File::options()
        .read(true)
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let o = Command::new(BIN)
        .arg("synth")
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
}

// --- 2. leftovers of a killed run ---------------------------------------------------------

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("true runs");
    let pid = child.id();
    child.wait().expect("waits");
    pid
}

/// Temporary files and backups a killed tfsynth left (its pid is in their names) are removed
/// by the next write into their directory, and named on stderr; other files that only look
/// alike, and those of a running process, stay.
#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_a_dead_run_are_removed_and_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("main.tf.json"), "old\n").expect("write");
    let dead = dead_pid();
    let live = std::process::id();
    let stale = [
        format!(".tfsynth-{dead}-aB3dE9.tmp"),
        format!(".tfsynth-{dead}-Zz9yY8.bak"),
    ];
    let kept = [
        format!(".tfsynth-{live}-Qq1wW2.tmp"),
        ".tfsynth-notes.tmp".to_owned(),
        "keep.bak".to_owned(),
        format!(".tfsynth-{dead}-toolongname.tmp"),
    ];
    for f in stale.iter().chain(&kept) {
        std::fs::write(out.join(f), "x").expect("write");
    }
    let o = tfsynth_in(dir.path(), &["synth", "--out", "out/main.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    for f in &stale {
        assert!(!out.join(f).exists(), "{f} removed");
        assert!(err.contains(&format!("out/{f}")), "{f} reported: {err}");
    }
    assert!(
        err.starts_with(
            "note: removed what an interrupted tfsynth run left (its process is gone): "
        ),
        "{err}"
    );
    for f in &kept {
        assert!(out.join(f).exists(), "{f} kept");
        assert!(!err.contains(f.as_str()), "{f} not reported: {err}");
    }
}

/// `kill -9` while the files are staged leaves them; the next run removes them.
#[cfg(target_os = "linux")]
#[test]
fn a_run_after_kill_9_removes_what_it_left() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("main.tf.json"), "old\n").expect("write");
    let mut child = Command::new(BIN)
        .args(["synth", "--out", "out/main.tf.json"])
        .current_dir(dir.path())
        .env("TFSYNTH_TEST_FAULT", "pause-before-commit")
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    let leftovers = |d: &Path| -> Vec<String> {
        names(d)
            .into_iter()
            .filter(|n| n.starts_with(".tfsynth-"))
            .collect()
    };
    let start = std::time::Instant::now();
    while leftovers(&out).len() < 2 {
        assert!(start.elapsed().as_secs() < 20, "never staged");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Another run meanwhile leaves the live run's files alone.
    let o = tfsynth_in(dir.path(), &["synth", "--out", "out/other.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let staged = leftovers(&out);
    assert_eq!(staged.len(), 2, "{staged:?}");
    child.kill().expect("SIGKILL");
    child.wait().expect("waits");
    assert_eq!(leftovers(&out), staged, "kill -9 leaves them");
    assert_eq!(
        std::fs::read_to_string(out.join("main.tf.json")).expect("read"),
        "old\n"
    );
    let o = tfsynth_in(dir.path(), &["synth", "--out", "out/main.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(leftovers(&out).is_empty(), "{:?}", names(&out));
    for f in &staged {
        assert!(stderr(&o).contains(f.as_str()), "{f}: {}", stderr(&o));
    }
    assert_eq!(names(&out), ["main.tf.json", "other.tf.json"]);
}

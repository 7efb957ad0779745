//! The real `tfsynth` binary writing its outputs: what is at the output path is respected
//! (devices, fifos, symlinks, directories), several files are written all or none, a signal
//! leaves no temporary file, and every command fails when its output cannot be written.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

fn tfsynth_in(dir: &Path, args: &[&str]) -> Output {
    tfsynth_env(dir, args, None)
}

/// With `TFSYNTH_TEST_FAULT` set (a hook of debug builds, see `output.rs`).
fn tfsynth_env(dir: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.args(args).current_dir(dir).env("COLUMNS", "100");
    match fault {
        Some(f) => c.env("TFSYNTH_TEST_FAULT", f),
        None => c.env_remove("TFSYNTH_TEST_FAULT"),
    };
    c.output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every entry under `dir`, recursively, as sorted relative paths.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).expect("ls") {
            let p = e.expect("entry").path();
            let rel = p.strip_prefix(base).expect("under base");
            out.push(rel.to_string_lossy().into_owned());
            if std::fs::symlink_metadata(&p).expect("stat").is_dir() {
                walk(base, &p, out);
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

fn demo_json() -> Vec<u8> {
    let o = Command::new(BIN).arg("synth").output().expect("runs");
    assert_eq!(o.status.code(), Some(0));
    o.stdout
}

#[cfg(unix)]
#[test]
fn out_dev_null_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--out", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ft = std::fs::metadata("/dev/null").expect("stat").file_type();
    assert!(ft.is_char_device(), "/dev/null is still a character device");
    assert!(tree(dir.path()).is_empty(), "nothing written elsewhere");
}

#[cfg(unix)]
#[test]
fn out_through_a_symlink_updates_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("real")).expect("mkdir");
    std::fs::write(dir.path().join("real/main.tf.json"), "old\n").expect("write");
    std::os::unix::fs::symlink("real/main.tf.json", dir.path().join("main.tf.json"))
        .expect("symlink");
    let o = tfsynth_in(dir.path(), &["synth", "--out", "main.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(dir.path().join("main.tf.json")).expect("stat");
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read(dir.path().join("real/main.tf.json")).expect("read"),
        demo_json()
    );
    assert_eq!(
        tree(dir.path()),
        ["main.tf.json", "real", "real/main.tf.json"],
        "no temporary file left in either directory"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn out_proc_self_fd_1_prints_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--out", "/proc/self/fd/1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, demo_json());
    let o = tfsynth_in(dir.path(), &["synth", "--out", "/dev/stdout"]);
    assert_eq!(o.stdout, demo_json());
}

#[cfg(unix)]
#[test]
fn out_to_a_fifo_is_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let child = Command::new(BIN)
        .args(["synth", "--out"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let text = std::fs::read(&fifo).expect("read the fifo");
    let o = child.wait_with_output().expect("waits");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(text, demo_json());
    assert_eq!(tree(dir.path()), ["pipe"]);
}

#[test]
fn out_onto_a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("main.tf.json")).expect("mkdir");
    let o = tfsynth_in(dir.path(), &["synth", "--out", "main.tf.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: --out main.tf.json is a directory, and --out takes a file: remove or rename \
         the directory, or write to another file\n"
    );
    assert_eq!(tree(dir.path()), ["main.tf.json"]);
}

/// A stack's files and the old files, for the all-or-nothing checks.
fn seed_out_dir(dir: &Path) {
    for name in ["demo", "service", "consumer"] {
        std::fs::create_dir_all(dir.join("out").join(name)).expect("mkdir");
        std::fs::write(
            dir.join("out").join(name).join("main.tf.json"),
            format!("old {name}\n"),
        )
        .expect("write");
    }
}

fn assert_seed_intact(dir: &Path) {
    for name in ["demo", "service", "consumer"] {
        assert_eq!(
            read(&dir.join("out").join(name).join("main.tf.json")),
            format!("old {name}\n"),
            "{name} was not changed"
        );
    }
    assert_eq!(
        tree(&dir.join("out")),
        [
            "consumer",
            "consumer/main.tf.json",
            "demo",
            "demo/main.tf.json",
            "service",
            "service/main.tf.json"
        ],
        "no temporary file or backup left"
    );
}

#[test]
fn out_dir_is_all_or_nothing_when_a_rename_fails() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    seed_out_dir(dir.path());
    // the third rename fails: the first two are rolled back from their backups
    let o = tfsynth_env(
        dir.path(),
        &["synth", "--stack", "all", "--out-dir", "out"],
        Some("fail-rename=3"),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: cannot write out/consumer/main.tf.json: injected by TFSYNTH_TEST_FAULT; no file \
         was changed\n"
    );
    assert_seed_intact(dir.path());
    // when a file cannot be put back either, the error lists the files that hold new text
    let o = tfsynth_env(
        dir.path(),
        &["synth", "--stack", "all", "--out-dir", "out"],
        Some("fail-rename=3,fail-restore"),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "error: cannot write out/consumer/main.tf.json: injected by TFSYNTH_TEST_FAULT; \
             these files were written and could not be put back: out/demo/main.tf.json \
             (injected by TFSYNTH_TEST_FAULT; its previous text is in "
        ),
        "{err}"
    );
    assert!(err.ends_with("); the others were not changed\n"), "{err}");
    // the previous text is kept where the message says
    let kept = err
        .split("its previous text is in ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .expect("a path");
    assert_eq!(read(&dir.path().join(kept)), "old demo\n");
    std::fs::remove_file(dir.path().join(kept)).expect("rm");
    assert_eq!(
        read(&dir.path().join("out/consumer/main.tf.json")),
        "old consumer\n",
        "the file whose rename failed is unchanged"
    );
    assert_ne!(
        read(&dir.path().join("out/demo/main.tf.json")),
        "old demo\n"
    );
    for f in tree(&dir.path().join("out")) {
        if f.ends_with(".bak") {
            std::fs::remove_file(dir.path().join("out").join(f)).expect("rm");
        }
    }
    seed_out_dir(dir.path());
    // new files are removed again, and the directories created for them
    let o = tfsynth_env(
        dir.path(),
        &["synth", "--stack", "all", "--out-dir", "fresh"],
        Some("fail-rename=2"),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.path().join("fresh").exists(), "{:?}", tree(dir.path()));
}

#[test]
fn out_dir_refuses_a_directory_in_the_way_before_writing_anything() {
    let dir = tempfile::tempdir().expect("tempdir");
    seed_out_dir(dir.path());
    let consumer = dir.path().join("out/consumer/main.tf.json");
    std::fs::remove_file(&consumer).expect("rm");
    std::fs::create_dir(&consumer).expect("mkdir");
    let o = tfsynth_in(dir.path(), &["synth", "--stack", "all", "--out-dir", "out"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: out/consumer/main.tf.json is a directory"),
        "{}",
        stderr(&o)
    );
    for name in ["demo", "service"] {
        assert_eq!(
            read(&dir.path().join("out").join(name).join("main.tf.json")),
            format!("old {name}\n")
        );
    }
}

#[test]
fn init_force_is_all_or_nothing() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("tfsynth.demo.json"), "my config\n").expect("write");
    std::fs::write(dir.path().join("tfsynth.demo.schema.json"), "old schema\n").expect("write");
    let o = tfsynth_env(dir.path(), &["init", "--force"], Some("fail-rename=2"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no file was changed"), "{}", stderr(&o));
    assert_eq!(read(&dir.path().join("tfsynth.demo.json")), "my config\n");
    assert_eq!(
        read(&dir.path().join("tfsynth.demo.schema.json")),
        "old schema\n"
    );
    assert_eq!(
        tree(dir.path()),
        ["tfsynth.demo.json", "tfsynth.demo.schema.json"]
    );
    // without the fault both are replaced
    let o = tfsynth_in(dir.path(), &["init", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&dir.path().join("tfsynth.demo.json")).starts_with("{\n  \"$schema\""));
    // without --force nothing is touched
    let o = tfsynth_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("exists: pass --force"),
        "{}",
        stderr(&o)
    );
}

/// SIGTERM and SIGINT while the temporary files exist: they are removed, the old files stay,
/// the exit code says the process was interrupted.
#[cfg(unix)]
#[test]
fn a_signal_removes_the_temporary_files() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = tempfile::tempdir().expect("tempdir");
        seed_out_dir(dir.path());
        let mut child = Command::new(BIN)
            .args(["synth", "--stack", "all", "--out-dir", "out"])
            .current_dir(dir.path())
            .env("TFSYNTH_TEST_FAULT", "pause-before-commit")
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // wait until the three temporary files are staged
        let staged = |d: &Path| tree(d).iter().filter(|p| p.ends_with(".tmp")).count();
        let start = std::time::Instant::now();
        while staged(&dir.path().join("out")) < 3 {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "never staged"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let status = child.wait().expect("waits");
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert_seed_intact(dir.path());
    }
}

/// Every command fails when what it prints cannot be written (a full disk); a stdout closed
/// with `>&-` is, after Rust's runtime reopened it, `/dev/null` opened read-write, the same
/// as `1<>/dev/null`: a working stdout whose output is discarded.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_the_command_and_a_closed_stdout_discards_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["stacks"][..],
        &["validate"],
        &["--help"],
        &["--version"],
        &["synth"],
        &["schema"],
        &["graph"],
        &["init", "--dir", "d"],
    ] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let o = Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .stdout(full)
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("error: cannot write to stdout: No space left on device"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // stdout closed (`>&-`): like >/dev/null
    let o = Command::new("sh")
        .args(["-c", "exec \"$0\" synth >&-", BIN])
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    // a command that does not print to stdout succeeds too
    let o = Command::new("sh")
        .args(["-c", "exec \"$0\" synth --out main.tf.json >&-", BIN])
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read(&dir.path().join("main.tf.json")).as_bytes(),
        demo_json()
    );
    // and >/dev/null is a working stdout
    let o = Command::new(BIN)
        .arg("stacks")
        .stdout(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn out_names_that_contradict_the_format_or_the_config_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (args, msg) in [
        (
            &["synth", "--format", "hcl", "--out", "x.tf.json"][..],
            "error: --format hcl writes HCL, but Terraform reads x.tf.json as JSON: name the \
             file x.tf, or drop --format hcl\n",
        ),
        (
            &["synth", "--out", "x.tf"],
            "error: tfsynth writes Terraform JSON, but Terraform reads x.tf as HCL: name the \
             file x.tf.json, or add --format hcl\n",
        ),
    ] {
        let o = tfsynth_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), msg);
    }
    assert!(tree(dir.path()).is_empty());
    // --out onto the config file, directly or through a symlink
    std::fs::write(dir.path().join("c.json"), "{}\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("c.json", dir.path().join("link.json")).expect("symlink");
    for out in ["c.json", "./c.json", "link.json"] {
        if !dir.path().join(out).exists() {
            continue;
        }
        let o = tfsynth_in(dir.path(), &["synth", "--config", "c.json", "--out", out]);
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            stderr(&o).contains(
                "is the config file (--config): writing the stack there would \
                 destroy it"
            ),
            "{}",
            stderr(&o)
        );
        assert_eq!(read(&dir.path().join("c.json")), "{}\n");
    }
}

#[test]
fn hcl_next_to_json_is_warned_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--out", "main.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = tfsynth_in(
        dir.path(),
        &["synth", "--format", "hcl", "--out", "main.tf"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "warning: main.tf.json is in the same directory: Terraform reads both files and would \
         see every block twice; delete one of them\n"
    );
}

//! Findings of an adversarial review of the command line, each pinned by the real binary:
//! stdout on `/dev/null` opened read-write, leftovers of a killed run, messages that name the
//! value and the fix, and the scripts' reading of `CARGO_TARGET_DIR`.

use std::path::{Path, PathBuf};
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

// --- 3. messages that name the value and the fix ------------------------------------------

fn fails(dir: &Path, args: &[&str]) -> String {
    let o = tfsynth_in(dir, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    assert!(o.stdout.is_empty(), "{args:?}");
    stderr(&o)
}

#[test]
fn a_cidr_with_surrounding_whitespace_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = fails(
        dir.path(),
        &["synth", "--var", "service.network.cidr= 10.0.0.0/16"],
    );
    assert!(
        err.contains(
            "invalid cidr block \" 10.0.0.0/16\": it has whitespace around it; remove the spaces"
        ),
        "{err}"
    );
    assert!(!err.contains("leading zeros"), "{err}");
}

/// A value its type refuses after reading it (a port of 0) is reported at the value, not past
/// the `}` of the object around it.
#[test]
fn a_refused_port_is_reported_at_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (text, at) in [
        // the last field of the object
        (
            "{\n  \"service_port\": 0\n}\n",
            "c.json:2:19: port 0 is out of range",
        ),
        (
            "{\"service_port\": 70000}",
            "c.json:1:18: port 70000 is out of range",
        ),
        // followed by another field
        (
            "{\n  \"service_port\": 0 ,\n  \"service_azs\": []\n}\n",
            "c.json:2:19: port 0",
        ),
        (
            "{\"service_port\": 0,\"service_azs\": []}",
            "c.json:1:18: port 0",
        ),
    ] {
        std::fs::write(dir.path().join("c.json"), text).expect("write");
        let err = fails(
            dir.path(),
            &["synth", "--stack", "consumer", "--config", "c.json"],
        );
        assert!(err.starts_with(&format!("error: {at}")), "{text}: {err}");
    }
    // nested, in the demo stack
    std::fs::write(
        dir.path().join("c.json"),
        "{\"service\": {\"alb\": {\"listener_port\": 0}}}",
    )
    .expect("write");
    let err = fails(dir.path(), &["synth", "--config", "c.json"]);
    assert!(err.starts_with("error: c.json:1:39: port 0"), "{err}");
}

#[test]
fn a_bad_resource_id_names_its_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = fails(
        dir.path(),
        &[
            "synth",
            "--var",
            r#"service.app.targets.instances=["i-XYZ"]"#,
        ],
    );
    assert!(
        err.contains("\"i-XYZ\" is not an instance id; use the form i-0123456789abcdef0"),
        "{err}"
    );
    let err = fails(
        dir.path(),
        &[
            "synth",
            "--stack",
            "consumer",
            "--var",
            r#"consumer.vpc.existing={"vpc_id":"vpc-0123456789abcdef0","subnet_ids":["subnet-x"]}"#,
        ],
    );
    assert!(
        err.contains("\"subnet-x\" is not a subnet id; use the form subnet-0123456789abcdef0"),
        "{err}"
    );
}

/// A `--var` VALUE that starts like JSON but does not parse is not taken for text.
#[test]
fn a_var_that_starts_like_json_but_does_not_parse_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--var", r#"common.tags={"T":"#]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: --var common.tags={\"T\":: the value starts like JSON but does not parse: the \
         text ends where a value should be (at character 5 of the value); write it whole, and \
         quote the flag for the shell so that its double quotes reach tfsynth, e.g. --var \
         'common.tags={\"KEY\":\"VALUE\"}'\n"
    );
    // what a shell leaves of an unquoted --var common.tags={"Team":"net"}
    let err = fails(dir.path(), &["synth", "--var", "common.tags={Team:net}"]);
    assert!(
        err.contains("the value starts like JSON but does not parse: "),
        "{err}"
    );
    // a list
    let err = fails(
        dir.path(),
        &["synth", "--var", "service.app.ssh_cidrs=[10.0.0.0/8]"],
    );
    assert!(
        err.contains("e.g. --var 'service.app.ssh_cidrs=[\"VALUE\"]'"),
        "{err}"
    );
    // for a text option, such a value is text (which a tag then refuses for its `[`)
    let err = fails(dir.path(), &["synth", "--var", "common.tags.Note=[draft"]);
    assert!(!err.contains("starts like JSON"), "{err}");
    assert!(
        err.contains("tag \"Note\" has the character \"[\" in its key or value"),
        "{err}"
    );
}

#[test]
fn out_with_a_trailing_slash_says_out_takes_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (out, existing) in [("newdir/", false), ("olddir/", true)] {
        if existing {
            std::fs::create_dir(dir.path().join("olddir")).expect("mkdir");
        }
        let name = out.trim_end_matches('/');
        let o = tfsynth_in(dir.path(), &["synth", "--out", out]);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!(
                "error: --out {out} ends with /, so it names a directory, and --out takes a \
                 file: write --out {name}/main.tf.json, or use --out-dir {name}\n"
            )
        );
    }
    assert_eq!(names(dir.path()), ["olddir"]);
    assert!(names(&dir.path().join("olddir")).is_empty());
}

#[test]
fn a_directory_where_a_file_goes_gets_a_sensible_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("main.tf.json")).expect("mkdir");
    let err = fails(dir.path(), &["synth", "--out", "main.tf.json"]);
    assert_eq!(
        err,
        "error: --out main.tf.json is a directory, and --out takes a file: remove or rename \
         the directory, or write to another file\n"
    );
    std::fs::create_dir(dir.path().join("build")).expect("mkdir");
    let err = fails(dir.path(), &["synth", "--out", "build"]);
    assert_eq!(
        err,
        "error: --out build is a directory, and --out takes a file: write --out \
         build/main.tf.json, or use --out-dir build\n"
    );
    // --out-dir: a directory where the stack's main.tf.json goes
    std::fs::create_dir_all(dir.path().join("out/demo/main.tf.json")).expect("mkdir");
    let err = fails(dir.path(), &["synth", "--out-dir", "out"]);
    assert_eq!(
        err,
        "error: out/demo/main.tf.json is a directory, where tfsynth writes a file: remove or \
         rename that directory\n"
    );
    assert!(!err.contains("main.tf.json/main.tf.json"), "{err}");
    // --out-dir through a file
    std::fs::write(dir.path().join("f.tf.json"), "x").expect("write");
    let err = fails(dir.path(), &["synth", "--out-dir", "f.tf.json"]);
    assert_eq!(
        err,
        "error: cannot write f.tf.json/demo/main.tf.json: f.tf.json is a file, not a \
         directory: remove it, or write somewhere else\n"
    );
}

/// serde_json reads JSON nested at most 127 deep; the message says so, pointing at the 128th
/// level.
#[test]
fn a_config_nested_too_deep_names_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = format!(
        "{{\"$comment\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(dir.path().join("deep.json"), deep).expect("write");
    let err = fails(dir.path(), &["synth", "--config", "deep.json"]);
    assert!(
        err.starts_with(
            "error: deep.json:1:140: the config nests objects and lists more than 127 deep, \
             deeper than tfsynth reads (a stack's options nest a few levels): "
        ),
        "{err}"
    );
    assert!(!err.contains("recursion limit"), "{err}");
    // 127 levels, the top-level object counted, are read
    let deepest = format!("{{\"$comment\": {}{}}}", "[".repeat(126), "]".repeat(126));
    std::fs::write(dir.path().join("deep.json"), deepest).expect("write");
    let o = tfsynth_in(dir.path(), &["synth", "--config", "deep.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A UTF-8 byte order mark at the start of a config file is skipped (documented).
#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bom.json"),
        "\u{feff}{\"common\": {\"region\": \"eu-west-1\"}}",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("plain.json"),
        "{\"common\": {\"region\": \"eu-west-1\"}}",
    )
    .expect("write");
    let bom = tfsynth_in(dir.path(), &["synth", "--config", "bom.json"]);
    assert_eq!(bom.status.code(), Some(0), "{}", stderr(&bom));
    let plain = tfsynth_in(dir.path(), &["synth", "--config", "plain.json"]);
    assert_eq!(bom.stdout, plain.stdout);
    // positions are counted after it
    std::fs::write(
        dir.path().join("bom.json"),
        "\u{feff}{\"common\": {\"region\": 5}}",
    )
    .expect("write");
    let err = fails(dir.path(), &["synth", "--config", "bom.json"]);
    assert!(
        err.starts_with("error: bom.json:1:23: invalid value 5"),
        "{err}"
    );
    // one elsewhere is named
    std::fs::write(dir.path().join("bom.json"), "{\"common\": \u{feff}{}}").expect("write");
    let err = fails(dir.path(), &["synth", "--config", "bom.json"]);
    assert!(
        err.contains(
            "a byte order mark (U+FEFF), which JSON does not allow here: save the file without it"
        ),
        "{err}"
    );
}

/// A config read from a pipe that is larger than the limit: the limit and its size.
#[cfg(unix)]
#[test]
fn a_config_stream_over_the_limit_names_the_limit_and_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new("sh")
        .arg("-c")
        .arg("head -c 5000000 /dev/zero | tr '\\0' ' ' | \"$0\" synth --config /dev/stdin")
        .arg(BIN)
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: the config file /dev/stdin is 5000000 bytes; a config is at most 4194304 bytes \
         (4 MiB), and the options of a stack fit in a few kilobytes: check that --config names \
         the right file\n"
    );
    // a regular file says the same
    std::fs::write(dir.path().join("big.json"), " ".repeat(5_000_000)).expect("write");
    let err = fails(dir.path(), &["synth", "--config", "big.json"]);
    assert_eq!(
        err,
        "error: the config file big.json is 5000000 bytes; a config is at most 4194304 bytes \
         (4 MiB), and the options of a stack fit in a few kilobytes: check that --config names \
         the right file\n"
    );
}

#[test]
fn init_quotes_the_paths_of_its_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (d, shown) in [
        ("my dir", "'my dir/tfsynth.demo.json'"),
        ("it's $HOME", "'it'\\''s $HOME/tfsynth.demo.json'"),
        ("plain", "plain/tfsynth.demo.json"),
    ] {
        let o = tfsynth_in(dir.path(), &["init", "--dir", d]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let next = out.lines().last().expect("a hint");
        assert_eq!(
            next,
            format!("next: tfsynth synth --stack demo --config {shown} --out main.tf.json")
        );
        // the hint works, as a shell reads it
        let cmd = next.trim_start_matches("next: tfsynth ");
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" {cmd}"))
            .arg(BIN)
            .current_dir(dir.path())
            .output()
            .expect("sh runs");
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        std::fs::remove_file(dir.path().join("main.tf.json")).expect("written");
    }
}

// --- 4. the scripts read CARGO_TARGET_DIR as cargo does -----------------------------------

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("root")
}

/// `scripts/codegen-acceptance --print-paths` says where it looks for what cargo wrote; with
/// no usable cargo on PATH, so that a script without the option fails instead of building.
#[cfg(unix)]
#[test]
fn codegen_acceptance_honours_cargo_target_dir() {
    let root = workspace_root();
    let fake = tempfile::tempdir().expect("tempdir");
    let cargo = fake.path().join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\necho 'fake cargo: not to be run' >&2\nexit 99\n",
    )
    .expect("write");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = format!(
        "{}:{}",
        fake.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // cargo's own: where this test crate's CARGO_TARGET_TMPDIR is
    let tmpdir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let target = tmpdir.parent().expect("the target directory");
    let run = |value: Option<&str>, cwd: &Path| -> String {
        let mut c = Command::new("python3");
        c.arg(root.join("scripts/codegen-acceptance"))
            .arg("--print-paths")
            .current_dir(cwd)
            .env("PATH", &path)
            .env_remove("CARGO_BUILD_TARGET_DIR");
        match value {
            Some(v) => c.env("CARGO_TARGET_DIR", v),
            None => c.env_remove("CARGO_TARGET_DIR"),
        };
        let o = c.output().expect("python3 runs");
        assert_eq!(o.status.code(), Some(0), "{value:?}: {}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let expect = |t: &Path| {
        format!(
            "every-type: {}\napply-values: {}\ntfsynth-codegen: {}\n",
            t.join("tmp/every-type").display(),
            t.join("tmp/apply-values").display(),
            t.join("debug/tfsynth-codegen").display()
        )
    };
    let absolute = target.to_str().expect("utf-8");
    assert_eq!(run(Some(absolute), &root), expect(target));
    assert_eq!(
        expect(target).lines().next().map(str::to_owned),
        Some(format!(
            "every-type: {}",
            tmpdir.join("every-type").display()
        ))
    );
    // relative: to the workspace root, wherever the script is run from
    let elsewhere = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        run(Some("custom/tgt"), elsewhere.path()),
        expect(&root.join("custom/tgt"))
    );
    assert_eq!(run(None, elsewhere.path()), expect(&root.join("target")));
}

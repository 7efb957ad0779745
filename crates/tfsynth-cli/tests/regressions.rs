//! Findings of an adversarial review of the command line, each pinned by the real binary:
//! stdout on `/dev/null` opened read-write, leftovers of a killed run, messages that name the
//! value and the fix, and the scripts' reading of `CARGO_TARGET_DIR`.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

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

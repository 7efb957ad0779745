//! The reference modules shipped in `modules/`: each is what `just modules` writes (the same
//! command, run here), identical to the committed files (so a change to a construct shows up
//! as a reviewed diff of `modules/`, the one copy: no snapshot repeats them), and a module a
//! caller configures: no provider configuration, no backend, its providers required.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

/// The shipped modules: the stack and the directory `just modules` writes it to.
const MODULES: [(&str, &str); 3] = [
    ("service", "privatelink-service"),
    ("consumer", "privatelink-consumer"),
    ("endpoint", "privatelink-endpoint"),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Writes the module as the justfile's `modules` recipe does, into a scratch directory.
fn generate(stack: &str, dir: &str) -> (String, String) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let out = format!("modules/{dir}");
    let o = Command::new(BIN)
        .args([
            "synth",
            "--stack",
            stack,
            "--as-module",
            "--format",
            "hcl",
            "--out-dir",
            &out,
        ])
        .current_dir(scratch.path())
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let base = scratch.path().join(&out);
    (read(&base.join("main.tf")), read(&base.join("README.md")))
}

/// The first line where `have` and `want` differ, for the failure message.
fn first_difference(have: &str, want: &str) -> String {
    let line = have
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
    format!(
        "line {}:\n  committed: {}\n  made:      {}",
        line + 1,
        have.lines().nth(line).unwrap_or("(end of file)"),
        want.lines().nth(line).unwrap_or("(end of file)")
    )
}

#[test]
fn shipped_modules_are_committed() {
    let mut stale = Vec::new();
    for (stack, dir) in MODULES {
        let (main, readme) = generate(stack, dir);
        let committed = repo().join("modules").join(dir);
        for (file, made) in [("main.tf", &main), ("README.md", &readme)] {
            let have = read(&committed.join(file));
            if &have != made {
                stale.push(format!(
                    "modules/{dir}/{file} is not what the {stack} stack makes ({})",
                    first_difference(&have, made)
                ));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `just modules`, review the diff and commit",
        stale.join("\n")
    );
}

#[test]
fn shipped_modules_leave_providers_and_state_to_the_caller() {
    for (stack, dir) in MODULES {
        let (main, _) = generate(stack, dir);
        let body: hcl::Body = hcl::from_str(&main).expect("the module is HCL");
        let blocks: Vec<&str> = body.blocks().map(|b| b.identifier()).collect();
        assert!(!blocks.contains(&"provider"), "{dir}: a provider block");
        assert!(
            blocks.contains(&"variable") && blocks.contains(&"output"),
            "{dir}"
        );
        let terraform = body
            .blocks()
            .find(|b| b.identifier() == "terraform")
            .expect("a terraform block");
        let inner: Vec<&str> = terraform.body().blocks().map(|b| b.identifier()).collect();
        assert_eq!(inner, ["required_providers"], "{dir}: no backend, no cloud");
        assert!(main.contains("source  = \"hashicorp/aws\""), "{dir}");
        // The provider's region is the caller's: nothing pins one.
        assert!(!main.contains("us-east-1\""), "{dir}: a region literal");
        let _ = stack;
    }
}

//! Every `tfsynth` command in README.md and docs/cli.md (`cargo run -- ARGS` and `tfsynth ARGS`
//! in their ```sh blocks) runs against the real binary, in order, in one scratch directory, and
//! succeeds. `scripts/readme-commands` runs the whole lines (cargo, dot, ...) in a fresh clone.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

/// The lines of the ```sh blocks.
fn sh_lines(doc: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(doc);
    let text = std::fs::read_to_string(&path).expect("the doc exists");
    let mut out = Vec::new();
    let mut block = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            block = !block && t == "```sh";
            continue;
        }
        if block && !t.is_empty() && !t.starts_with('#') {
            out.push(line.to_owned());
        }
    }
    out
}

/// Shell words of `s` (quotes removed), up to a comment.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, '#') if cur.is_empty() => break,
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The tfsynth arguments of each command in `line`: after `cargo run [-q] --` or `tfsynth`,
/// up to a redirection, pipe or `&&`.
fn invocations(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for part in line.split("&&").flat_map(|p| p.split('|')) {
        let w = words(part);
        let args: Vec<String> = match w.first().map(String::as_str) {
            Some("tfsynth") => w[1..].to_vec(),
            Some("cargo") if w.get(1).map(String::as_str) == Some("run") => {
                // only the CLI (the default member), not `cargo run -p tfsynth-examples`
                if w.iter().any(|x| x == "-p") {
                    continue;
                }
                match w.iter().position(|x| x == "--") {
                    Some(i) => w[i + 1..].to_vec(),
                    None => Vec::new(),
                }
            }
            _ => continue,
        };
        let args = args
            .into_iter()
            .take_while(|a| !a.starts_with('>') && !a.starts_with("2>"))
            .collect();
        out.push(args);
    }
    out
}

#[test]
fn every_documented_tfsynth_command_runs() {
    // The commands run in DIR/work, so `tfsynth new ../infra` writes DIR/infra.
    let scratch = tempfile::tempdir().expect("tempdir");
    let dir = scratch.path().join("work");
    std::fs::create_dir(&dir).expect("work dir");
    let mut ran = 0;
    for doc in ["README.md", "docs/cli.md"] {
        for line in sh_lines(doc) {
            for args in invocations(&line) {
                let o = Command::new(BIN)
                    .args(&args)
                    .current_dir(&dir)
                    .output()
                    .expect("the binary runs");
                assert_eq!(
                    o.status.code(),
                    Some(0),
                    "{doc}: `{line}` failed:\n{}",
                    String::from_utf8_lossy(&o.stderr)
                );
                ran += 1;
            }
        }
    }
    // README: synth (3), validate, stacks, graph, init, synth --config, schema; cli.md: 3
    assert!(
        ran >= 12,
        "only {ran} commands found: did the docs lose their ```sh blocks?"
    );
}

#[test]
fn shell_words() {
    assert_eq!(
        words(r#"tfsynth synth --var 'common.tags={"Team":"net"}' --out x  # comment"#),
        [
            "tfsynth",
            "synth",
            "--var",
            r#"common.tags={"Team":"net"}"#,
            "--out",
            "x"
        ]
    );
    assert_eq!(
        invocations("cargo run -q -- graph --out demo.dot && dot -Tsvg demo.dot"),
        [vec![
            "graph".to_owned(),
            "--out".to_owned(),
            "demo.dot".to_owned()
        ]]
    );
    assert_eq!(
        invocations("cargo run -- synth > main.tf.json"),
        [vec!["synth".to_owned()]]
    );
    assert!(invocations("cargo run -p tfsynth-examples --example minimal").is_empty());
}

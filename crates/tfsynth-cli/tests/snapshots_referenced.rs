//! Every file of the top-level `snapshots/` is pinned by some test: what
//! `cargo insta test --unreferenced=reject` checks, without installing cargo-insta. A snapshot
//! is referenced when a test source names it whole (`"stack-demo"`), or names it through a
//! `format!` prefix (`"stack-example-{name}"`) and, in the same file, the rest as a literal
//! (`"minimal"`), itself possibly through a prefix (`"app-{name}"`, `"api"`).

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Rust files under `dir` (not `target/`), with their text.
fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" && name != "gen" && name != "schema" {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            // Only sources that pin snapshots.
            if let Ok(text) = std::fs::read_to_string(&path) {
                if text.contains("snapshot") {
                    out.push((path, text));
                }
            }
        }
    }
}

fn referenced(stem: &str, text: &str) -> bool {
    if text.contains(&format!("\"{stem}\"")) {
        return true;
    }
    // format!("PREFIX{name}") with REST named in the same file (whole, or by a prefix again:
    // "stack-example-{name}" and "app-{name}" and "api").
    (1..stem.len())
        .filter(|&i| stem.is_char_boundary(i))
        .any(|i| {
            let (prefix, rest) = stem.split_at(i);
            text.contains(&format!("\"{prefix}{{")) && referenced(rest, text)
        })
}

#[test]
fn every_snapshot_is_referenced_by_a_test() {
    let mut all = Vec::new();
    for dir in ["crates", "examples"] {
        sources(&repo().join(dir), &mut all);
    }
    assert!(!all.is_empty(), "no sources found");
    let mut snaps: Vec<String> = std::fs::read_dir(repo().join("snapshots"))
        .expect("snapshots/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    snaps.sort();
    assert!(!snaps.is_empty(), "no snapshots found");
    let unreferenced: Vec<&String> = snaps
        .iter()
        .filter(|f| {
            let Some(stem) = f.strip_suffix(".snap") else {
                return true; // not a snapshot: nothing writes it
            };
            !all.iter().any(|(_, text)| referenced(stem, text))
        })
        .collect();
    assert!(
        unreferenced.is_empty(),
        "snapshots/ files no test names (remove them, or the test that lost them): {unreferenced:?}"
    );
}

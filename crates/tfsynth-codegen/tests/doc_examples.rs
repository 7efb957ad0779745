//! The examples `tfsynth-aws`'s `tests/doc_examples.rs` compiles are exactly the examples its
//! types' docs show (the part crates mark them `ignore`: they use the facade crate).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// The code blocks of the `# Example` sections of every generated file under `dir`.
fn doc_examples(dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            doc_examples(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            let mut block: Option<String> = None;
            for l in text.lines() {
                let Some(d) = l.strip_prefix("///") else {
                    continue;
                };
                let d = d.strip_prefix(' ').unwrap_or(d);
                match (&mut block, d) {
                    (None, "```ignore" | "```") => block = Some(String::new()),
                    (Some(b), "```") => {
                        out.insert(std::mem::take(b));
                        block = None;
                    }
                    (Some(b), _) => {
                        b.push_str(d);
                        b.push('\n');
                    }
                    (None, _) => {}
                }
            }
        }
    }
}

#[test]
fn the_aws_doc_example_test_compiles_what_the_docs_show() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut shown = BTreeSet::new();
    doc_examples(&root.join("crates/tfsynth-aws-parts"), &mut shown);
    let test =
        std::fs::read_to_string(root.join("crates/tfsynth-aws/tests/gen/doc_examples.rs")).unwrap();
    let mut checked = 0;
    for f in test.split("\n#[test]\nfn ").skip(1) {
        let body: String = f
            .lines()
            .skip(1)
            .take_while(|l| *l != "}")
            .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
            .collect();
        assert!(
            shown.contains(&body),
            "not shown in any type's docs:\n{body}"
        );
        checked += 1;
    }
    assert!(checked >= 50, "{checked} examples");
}

//! `Stack::file` names: relative, inside the output directory, unique, never the stack's own
//! output; anything else is a synth error naming the file and the fix.

use tfsynth::prelude::*;
use tfsynth::Error;

fn synth_with_file(name: &str) -> Result<String, tfsynth::Errors> {
    let mut stack = Stack::new();
    stack.file(name, "#!/bin/sh\n");
    stack.synth()
}

#[test]
fn good_names_are_written_as_given() {
    for name in ["init.sh", "scripts/init.sh", "a/b/c.txt", ".hidden", "x..y"] {
        let mut stack = Stack::new();
        stack.file(name, "text");
        assert!(stack.synth().is_ok(), "{name}");
        assert_eq!(stack.files().get(name).map(String::as_str), Some("text"));
    }
}

#[test]
fn names_outside_the_output_directory_or_over_the_output_are_refused() {
    let cases = [
        ("", "the name is empty"),
        ("/etc/passwd", "an absolute path would be written outside"),
        ("C:\\x.sh", "an absolute path"),
        ("../x.sh", "`..` would leave the output directory"),
        ("a/../../x.sh", "`..` would leave"),
        ("./x.sh", "an empty or `.` component"),
        ("a//x.sh", "an empty or `.` component"),
        ("dir/", "an empty or `.` component"),
        ("a\\x.sh", "a backslash is a directory separator"),
        ("a\0b", "NUL"),
        ("main.tf.json", "the stack's own output file"),
        ("main.tf", "the stack's own output file"),
    ];
    for (name, why) in cases {
        let e = synth_with_file(name).expect_err(name);
        assert_eq!(e.len(), 1, "{name}: {e}");
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("invalid file name {name:?} in stack.file(...): ")),
            "{name}: {msg}"
        );
        assert!(msg.contains(why), "{name}: {msg}");
        assert!(
            matches!(&e.0[0], Error::InvalidFileName { name: n, .. } if n == name),
            "{name}"
        );
    }
}

#[test]
fn a_name_twice_with_other_contents_is_refused() {
    let mut stack = Stack::new();
    stack.file("init.sh", "one");
    stack.file("init.sh", "one"); // the same file again is fine
    assert!(stack.synth().is_ok());
    stack.file("init.sh", "two");
    let e = stack.synth().expect_err("a conflict");
    assert_eq!(
        e.to_string(),
        "1 error:\n  - invalid file name \"init.sh\" in stack.file(...): it was added twice with \
         different contents; give each file its own name"
    );
    assert_eq!(stack.files()["init.sh"], "one", "the first one is kept");
}

//! `tfsynth synth --as-module` (and `validate --as-module`) with the real binary: a module's
//! directory holds its Terraform and a README, with no provider or backend; what moved to the
//! caller is noted on stderr; a failure leaves nothing half written.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

fn tfsynth_env(dir: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.args(args).current_dir(dir).env("COLUMNS", "100");
    match fault {
        Some(f) => c.env("TFSYNTH_TEST_FAULT", f),
        None => c.env_remove("TFSYNTH_TEST_FAULT"),
    };
    c.output().expect("the binary runs")
}

fn tfsynth_in(dir: &Path, args: &[&str]) -> Output {
    tfsynth_env(dir, args, None)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn out_dir_writes_the_module_and_its_readme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "service",
            "--as-module",
            "--out-dir",
            "modules/privatelink-service",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "note: service: provider \"aws\" (default_tags, region): configure it in the calling \
         module\n\
         note: service: provider \"tls\": configure it in the calling module\n\
         wrote modules/privatelink-service/main.tf.json\n\
         wrote modules/privatelink-service/README.md\n"
    );
    let module = dir.path().join("modules/privatelink-service");
    assert_eq!(names(&module), ["README.md", "main.tf.json"]);
    let json: serde_json::Value =
        serde_json::from_str(&read(&module.join("main.tf.json"))).expect("JSON");
    assert!(json.get("provider").is_none());
    let settings = &json["terraform"];
    assert!(settings.get("backend").is_none() && settings.get("cloud").is_none());
    assert_eq!(
        settings["required_providers"]["aws"]["source"],
        "hashicorp/aws"
    );
    let readme = read(&module.join("README.md"));
    assert!(
        readme.starts_with("# privatelink-service\n\nProvider account: "),
        "{readme}"
    );
    assert!(
        readme.contains(
            "module \"privatelink_service\" {\n  source = \"./modules/privatelink-service\"\n"
        ),
        "{readme}"
    );
    assert!(
        readme.contains("| service_name | Endpoint service name"),
        "{readme}"
    );
    // The same command again changes nothing (the recipe `modules-check` relies on it).
    let before = read(&module.join("main.tf.json"));
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "service",
            "--as-module",
            "--out-dir",
            "modules/privatelink-service",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&module.join("main.tf.json")), before);
    assert_eq!(read(&module.join("README.md")), readme);
}

#[test]
fn hcl_modules_and_several_stacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "service",
            "--stack",
            "consumer",
            "--as-module",
            "--format",
            "hcl",
            "--out-dir",
            "modules",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for stack in ["service", "consumer"] {
        let d = dir.path().join("modules").join(stack);
        assert_eq!(names(&d), ["README.md", "main.tf"]);
        let hcl = read(&d.join("main.tf"));
        assert!(!hcl.contains("\nprovider \""), "{hcl}");
        assert!(!hcl.contains("backend"), "{hcl}");
        assert!(read(&d.join("README.md")).starts_with(&format!("# {stack}\n")));
    }
    assert!(stderr(&o).contains("note: consumer: provider \"aws\""));
}

#[test]
fn out_file_and_stdout_carry_only_the_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--stack", "consumer", "--as-module"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(json.get("provider").is_none());
    assert!(json["variable"].get("service_name").is_some());
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "consumer",
            "--as-module",
            "--format",
            "hcl",
            "--out",
            "main.tf",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(dir.path()), ["main.tf"]);
}

#[test]
fn a_failed_module_leaves_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A config value out of range: nothing is built, nothing is written.
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "consumer",
            "--var",
            "service_port=70000",
            "--as-module",
            "--out-dir",
            "m",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.path().join("m").exists());
    if !cfg!(debug_assertions) {
        eprintln!("skipped the rename fault: the hook exists in debug builds only");
        return;
    }
    // The README's rename fails after main.tf.json's: that one is rolled back too.
    std::fs::create_dir(dir.path().join("m")).expect("mkdir");
    std::fs::write(dir.path().join("m/main.tf.json"), "old\n").expect("seed");
    let o = tfsynth_env(
        dir.path(),
        &[
            "synth",
            "--stack",
            "service",
            "--as-module",
            "--out-dir",
            "m",
        ],
        Some("fail-rename=2"),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with(
            "error: cannot write m/README.md: injected by TFSYNTH_TEST_FAULT; no file was \
             changed\n"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(names(&dir.path().join("m")), ["main.tf.json"]);
    assert_eq!(read(&dir.path().join("m/main.tf.json")), "old\n");
}

#[test]
fn validate_checks_the_module_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(
        dir.path(),
        &[
            "validate",
            "--stack",
            "service",
            "--stack",
            "consumer",
            "--as-module",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("service: ok ("), "{out}");
    assert!(out.contains("\nconsumer: ok ("), "{out}");
    assert!(stderr(&o).contains("note: service: provider \"tls\""));
}

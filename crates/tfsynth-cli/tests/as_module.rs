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
    // Which providers the service's module form configures is the constructs' business (its
    // tls provider goes when the certificate becomes an input): the aws one is always there.
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "note: service: provider \"aws\" (default_tags, region): configure it in the \
             calling module\n"
        ),
        "{err}"
    );
    assert!(
        err.lines()
            .all(|l| l.starts_with("note: service: provider \"") || l.starts_with("wrote ")),
        "{err}"
    );
    assert!(
        err.ends_with(
            "wrote modules/privatelink-service/main.tf.json\n\
             wrote modules/privatelink-service/README.md\n"
        ),
        "{err}"
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
        readme.contains("module \"privatelink_service\" {\n  source ")
            && readme.contains(" = \"./modules/privatelink-service\"\n"),
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
    assert!(stderr(&o).contains("note: service: provider \"aws\""));
    assert!(stderr(&o).contains("note: consumer: provider \"aws\""));
}

/// In-process: a registry whose stacks show which builder `--as-module` uses and what it
/// refuses.
mod registry {
    use schemars::JsonSchema;
    use serde::{Deserialize, Serialize};
    use tfsynth::{prelude::*, Import, MetaArgs, RawProvider, RawResource};
    use tfsynth_cli::{run, Built, Registry, StackEntry};

    #[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct NoOptions {}

    fn root(_: &NoOptions) -> Result<Built, String> {
        let mut stack = Stack::new();
        stack.provider(
            RawProvider::new("aws")
                .requirement("hashicorp/aws", "~> 6.0")
                .attr("region", "eu-west-1"),
        );
        stack.resource(
            "vpc",
            RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
        );
        Ok(Built {
            stack,
            warnings: Vec::new(),
        })
    }

    /// The module form: the VPC on an aliased configuration the caller passes.
    fn module(_: &NoOptions) -> Result<Built, String> {
        let mut stack = Stack::new();
        stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
        let peer = stack.provider(RawProvider::new("aws").alias("peer"));
        stack.resource(
            "vpc",
            RawResource::new("aws_vpc")
                .provider(&peer)
                .attr("cidr_block", "10.0.0.0/16"),
        );
        Ok(Built {
            stack,
            warnings: Vec::new(),
        })
    }

    fn importer(_: &NoOptions) -> Result<Built, String> {
        let mut stack = Stack::new();
        let bucket = stack.resource("logs", RawResource::new("aws_s3_bucket"));
        stack.import(Import::new(&bucket, "logs-bucket"));
        Ok(Built {
            stack,
            warnings: Vec::new(),
        })
    }

    fn registry() -> Registry {
        Registry::new()
            .with(StackEntry::with_module("peered", "a VPC", root, module))
            .with(StackEntry::new("importer", "an import", importer))
    }

    fn tfsynth(args: &[&str]) -> (i32, String, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let mut argv = vec!["tfsynth"];
        argv.extend_from_slice(args);
        let code = run(argv, &registry(), &mut out, &mut err);
        (
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    #[test]
    fn as_module_uses_the_module_builder() {
        let (code, root_json, _) = tfsynth(&["synth", "--stack", "peered"]);
        assert_eq!(code, 0);
        assert!(root_json.contains("\"provider\": {"), "{root_json}");
        assert!(!root_json.contains("configuration_aliases"), "{root_json}");
        let (code, json, err) = tfsynth(&["synth", "--stack", "peered", "--as-module"]);
        assert_eq!(code, 0, "{err}");
        assert!(!json.contains("\"provider\": {"), "{json}");
        assert!(
            json.contains("\"configuration_aliases\": [\n          \"aws.peer\"\n        ]"),
            "{json}"
        );
        assert_eq!(
            err,
            "note: peered: provider \"aws\" alias \"peer\": configure it in the calling module \
             and pass it as providers = { aws.peer = ... }\n"
        );
    }

    #[test]
    fn terraform_validate_skips_a_module_with_configuration_aliases() {
        let (code, out, err) = tfsynth(&[
            "validate",
            "--stack",
            "peered",
            "--as-module",
            "--terraform",
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "peered: ok (1 resources, 0 data sources, 0 outputs)\n");
        assert!(
            err.ends_with(
                "note: peered: terraform validate skipped: a module with configuration_aliases \
                 is validated through a root configuration that calls it\n"
            ),
            "{err}"
        );
    }

    #[test]
    fn an_import_block_cannot_go_into_a_module() {
        let (code, out, err) = tfsynth(&["synth", "--stack", "importer", "--as-module"]);
        assert_eq!(code, 1);
        assert_eq!(out, "");
        assert_eq!(
            err,
            "error: stack importer cannot be a module, 1 error:\n  - import block for \
             aws_s3_bucket.logs cannot go into a module: Terraform allows import blocks only in \
             the root module; import in the root configuration that calls the module (to = \
             module.NAME.aws_s3_bucket.logs) and leave it out of the module\n"
        );
        // The root configuration keeps its import.
        let (code, json, _) = tfsynth(&["synth", "--stack", "importer"]);
        assert_eq!(code, 0);
        assert!(json.contains("\"import\": ["), "{json}");
    }
}

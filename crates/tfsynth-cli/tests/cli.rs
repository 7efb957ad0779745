//! The real `tfsynth` binary with the shipped stacks: exit codes, outputs, bad config files,
//! atomic `--out`, `--format hcl`.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

fn tfsynth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        // Help text wraps at the terminal's width: pin it so snapshots do not depend on it.
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs")
}

fn tfsynth(args: &[&str]) -> Output {
    tfsynth_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The body of a pinned snapshot (after insta's header).
fn pinned(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../snapshots")
        .join(format!("{name}.snap"));
    let text = std::fs::read_to_string(&path).expect("snapshot exists");
    text.splitn(3, "---\n")
        .nth(2)
        .expect("insta format")
        .to_owned()
}

#[test]
fn default_is_the_demo_as_json_on_stdout() {
    let o = tfsynth(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // byte for byte what the constructs' own snapshot pins
    assert_eq!(stdout(&o), pinned("stack-demo"));
    assert_eq!(stdout(&tfsynth(&["synth"])), stdout(&o));
    assert_eq!(stdout(&tfsynth(&["synth", "--stack", "demo"])), stdout(&o));
}

#[test]
fn every_shipped_stack_synthesizes() {
    for name in ["service", "consumer", "endpoint"] {
        let o = tfsynth(&["synth", "--stack", name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), pinned(&format!("stack-{name}")), "{name}");
    }
}

#[test]
fn stacks_and_help() {
    let o = tfsynth(&["stacks"]);
    assert_eq!(o.status.code(), Some(0));
    snapshot("cli-stacks", &stdout(&o));
    let o = tfsynth(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    snapshot("cli-help", &stdout(&o));
    let o = tfsynth(&["synth", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    snapshot("cli-synth-help", &stdout(&o));
    for cmd in ["validate", "graph", "schema", "init", "stacks"] {
        let o = tfsynth(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        assert!(stdout(&o).contains("Usage: tfsynth"), "{cmd}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["synth", "--stack", "nope"][..],
        &["synth", "--format", "yaml"],
        &["synth", "--stack", "all"],
        &["synth", "--var", "no-equals-sign"],
        &["nope"],
        &["graph", "--format", "png"],
    ] {
        let o = tfsynth(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

/// Each bad config: a clear message on stderr (file, line, column where it applies), nothing
/// on stdout, exit 1, no panic.
#[test]
fn bad_config_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let many_tags: String = (0..60)
        .map(|i| format!("\"k{i}\": \"v\""))
        .collect::<Vec<_>>()
        .join(", ");
    let long = "x".repeat(5000);
    let cases: Vec<(&str, String)> = [
        ("malformed.json", "{\n  \"common\": {\n    \"region\": \"us-east-1\",\n  }\n}\n"),
        ("unknown-field.json", "{\n  \"service\": {\n    \"network\": {\n      \"cidrr\": \"10.0.0.0/16\"\n    }\n  }\n}\n"),
        ("wrong-type.json", "{\n  \"service\": {\n    \"network\": {\n      \"subnet_newbits\": \"four\"\n    }\n  }\n}\n"),
        ("invalid-cidr.json", "{\n  \"service\": {\n    \"network\": {\n      \"cidr\": \"10.0.0.0/33\"\n    }\n  }\n}\n"),
        ("subnets-do-not-fit.json", "{\n  \"service\": {\n    \"network\": {\n      \"cidr\": \"10.0.0.0/26\"\n    }\n  }\n}\n"),
        ("bad-principal.json", "{\n  \"service\": {\n    \"endpoint_service\": {\n      \"allowed_principals\": [\"arn:aws:iam::12:root\"]\n    }\n  }\n}\n"),
        ("not-an-object.json", "[\"demo\"]\n"),
        ("empty.json", ""),
        ("not-a-word.json", "{\n  \"consumer\": {\"client_instance\": tru}\n}\n"),
        ("no-value.json", "{\"common\": {\"region\": }}\n"),
        ("out-of-range.json", "{\n  \"service\": {\"app\": {\"targets\": {\"nginx\": {\"instance_count\": 300}}}}\n}\n"),
        ("object-expected.json", "{\"common\": \"eu-west-1\"}\n"),
        ("variant-without-value.json", "{\"service\": {\"alb\": {\"certificate\": \"acm\"}}}\n"),
        ("two-variants.json", "{\"service\": {\"alb\": {\"certificate\": {\"acm\": \"arn:aws:acm:us-east-1:123456789012:certificate/x\", \"self_signed\": {}}}}}\n"),
        ("unknown-variant.json", "{\"service\": {\"alb\": {\"certificate\": {\"amc\": \"x\"}}}}\n"),
        ("non-ascii-position.json", "{\"common\": {\"tags\": {\"Équipe\": \"réseau\"}, \"region\": 5}}\n"),
        ("too-many-tags.json", "{\"common\": {\"tags\": {MANY}}}\n"),
        ("long-tag-value.json", "{\"common\": {\"tags\": {\"Owner\": \"LONG\"}}}\n"),
        ("long-wrong-value.json", "{\"service\": {\"network\": {\"subnet_newbits\": \"LONG\"}}}\n"),
    ]
    .into_iter()
    .map(|(f, t)| (f, t.replace("MANY", &many_tags).replace("LONG", &long)))
    .collect();
    let mut report = String::new();
    for (file, text) in cases {
        std::fs::write(dir.path().join(file), text).expect("write");
        let o = tfsynth_in(dir.path(), &["synth", "--config", file]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        assert!(o.stdout.is_empty(), "{file}: nothing on stdout");
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert!(
            err.contains(file),
            "{file}: the message names the file: {err}"
        );
        for word in [
            "u8",
            "u16",
            "u32",
            "struct ",
            "newtype",
            "map with a single key",
        ] {
            assert!(!err.contains(word), "{file}: a Rust type in {err}");
        }
        assert!(err.len() < 600, "{file}: long inputs are cut: {err}");
        report.push_str(&format!("$ tfsynth synth --config {file}\n{err}\n"));
    }
    snapshot("cli-config-errors", &report);
}

/// `--var` errors say what exists and how to switch a variant; no Rust type names.
#[test]
fn var_errors_and_variant_switching() {
    let mut report = String::new();
    for var in [
        "service.network.subnet_newbits=four",
        "service.netwrok.cidr=10.0.0.0/16",
        "service.alb.certificate.amc=x",
        "service.alb.certificate=acm",
        "common.region",
        "common=5",
    ] {
        let o = tfsynth(&["synth", "--var", var]);
        let err = stderr(&o);
        assert!(matches!(o.status.code(), Some(1 | 2)), "{var}: {err}");
        assert!(o.stdout.is_empty(), "{var}");
        for word in ["u8", "struct ", "newtype", "map with a single key"] {
            assert!(!err.contains(word), "{var}: a Rust type in {err}");
        }
        report.push_str(&format!("$ tfsynth synth --var {var}\n{err}\n"));
    }
    snapshot("cli-var-errors", &report);
    // switching variants with --var
    let arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    let o = tfsynth(&[
        "synth",
        "--var",
        &format!("service.alb.certificate.acm={arn}"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["resource"]["aws_lb_listener"]["service_alb_https"]["certificate_arn"],
        arn
    );
    assert!(v["resource"].get("tls_self_signed_cert").is_none());
    let o = tfsynth(&[
        "synth",
        "--var",
        "service.app.targets.instances=[\"i-0123456789abcdef0\"]",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains("\"service_app_instance_0\""),
        "no nginx instances"
    );
    // tags merge into the defaults
    let o = tfsynth(&["synth", "--var", "common.tags={\"Team\":\"net\"}"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["provider"]["aws"]["default_tags"]["tags"],
        serde_json::json!({"ManagedBy": "tfsynth", "Project": "privatelink", "Team": "net"})
    );
}

/// A config file larger than the cap is refused before it is read; a config with 200,000 tags
/// is refused by AWS's limits instead of making a 372 MB stack.
#[test]
fn input_that_amplifies_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = std::fs::File::create(dir.path().join("big.json")).expect("create");
    big.set_len(tfsynth_cli::limits::MAX_CONFIG_BYTES + 1)
        .expect("a sparse file");
    let o = tfsynth_in(dir.path(), &["synth", "--config", "big.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: the config file big.json is 4194305 bytes; a config is at most 4194304 bytes (4 \
         MiB), and the options of a stack fit in a few kilobytes: check that --config names the \
         right file\n"
    );
    let tags: String = (0..200_000)
        .map(|i| format!("\"k{i}\":\"v\""))
        .collect::<Vec<_>>()
        .join(",");
    std::fs::write(
        dir.path().join("tags.json"),
        format!("{{\"common\":{{\"tags\":{{{tags}}}}}}}"),
    )
    .expect("write");
    let o = tfsynth_in(
        dir.path(),
        &["synth", "--config", "tags.json", "--out", "main.tf.json"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: tags.json:1:12: `common.tags` has 200000 tags: AWS allows 50 on a resource, and \
         tfsynth adds a Name tag to each, so keep at most 49 others\n"
    );
    assert!(!dir.path().join("main.tf.json").exists());
    let o = tfsynth(&[
        "synth",
        "--var",
        &format!("common.tags.Owner={}", "x".repeat(257)),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the value of the tag \"Owner\" in `common.tags` has 257 characters"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn overlapping_vpcs_warn_on_stderr() {
    let o = tfsynth(&["synth", "--var", "consumer.vpc.new.cidr=10.0.0.0/16"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(
            "warning: demo: service vpc \"10.0.0.0/16\" and consumer vpc \"10.0.0.0/16\" overlap"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).starts_with('{'));
}

#[test]
fn init_then_synth_with_the_starter_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    for stack in ["demo", "service", "consumer", "endpoint"] {
        let o = tfsynth_in(dir.path(), &["init", "--stack", stack]);
        assert_eq!(o.status.code(), Some(0), "{stack}: {}", stderr(&o));
        let config = format!("tfsynth.{stack}.json");
        let o = tfsynth_in(
            dir.path(),
            &["synth", "--stack", stack, "--config", &config],
        );
        assert_eq!(o.status.code(), Some(0), "{stack}: {}", stderr(&o));
        assert_eq!(
            stdout(&o),
            pinned(&format!("stack-{stack}")),
            "{stack}: defaults"
        );
        let schema =
            std::fs::read_to_string(dir.path().join(format!("tfsynth.{stack}.schema.json")))
                .expect("schema written");
        assert_eq!(schema, stdout(&tfsynth(&["schema", "--stack", stack])));
    }
}

#[test]
fn config_and_var_change_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("c.json"),
        "{\"$schema\": \"./tfsynth.demo.schema.json\", \"common\": {\"region\": \"us-east-1\", \"tags\": {\"Team\": \"net\"}}}",
    )
    .expect("write");
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--config",
            "c.json",
            "--var",
            "consumer.client_instance=false",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["provider"]["aws"]["default_tags"]["tags"]["Team"], "net");
    assert!(v["resource"]["aws_instance"]
        .as_object()
        .is_some_and(|m| !m.keys().any(|k| k.starts_with("consumer_client"))));
}

#[test]
fn out_is_atomic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("main.tf.json");
    std::fs::write(&out, "{\"previous\": true}\n").expect("write");
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--var",
            "service.network.cidr=10.0.0.0/26",
            "--out",
            "main.tf.json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "{\"previous\": true}\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("ls").count(),
        1,
        "no temporary file left"
    );
    let o = tfsynth_in(dir.path(), &["synth", "--out", "main.tf.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        pinned("stack-demo")
    );
}

#[test]
fn out_dir_writes_every_stack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["synth", "--stack", "all", "--out-dir", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["demo", "service", "consumer", "endpoint"] {
        let text = std::fs::read_to_string(dir.path().join("out").join(name).join("main.tf.json"))
            .expect("written");
        assert_eq!(text, pinned(&format!("stack-{name}")));
    }
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--stack",
            "service",
            "--stack",
            "consumer",
            "--format",
            "hcl",
            "--out-dir",
            "hcl",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("hcl/service/main.tf").exists());
    assert!(dir.path().join("hcl/consumer/main.tf").exists());
    assert!(!dir.path().join("hcl/demo").exists());
}

#[test]
fn hcl_snapshots() {
    for name in ["demo", "service", "consumer"] {
        let o = tfsynth(&["synth", "--stack", name, "--format", "hcl"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        snapshot(&format!("hcl-{name}"), &stdout(&o));
    }
}

#[test]
fn hcl_has_the_structure_of_the_json() {
    for name in ["demo", "service", "consumer"] {
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&tfsynth(&["synth", "--stack", name]))).expect("json");
        let hcl_text = stdout(&tfsynth(&["synth", "--stack", name, "--format", "hcl"]));
        let body = hcl::parse(&hcl_text).expect("hcl-rs parses the HCL");
        let mut from_hcl = Vec::new();
        for b in body.blocks() {
            let labels: Vec<&str> = b.labels().iter().map(hcl::BlockLabel::as_str).collect();
            if matches!(b.identifier(), "resource" | "data" | "output" | "variable") {
                let mut keys: Vec<&str> = b.body().attributes().map(|a| a.key()).collect();
                keys.extend(b.body().blocks().map(|n| n.identifier()));
                keys.sort_unstable();
                keys.dedup();
                from_hcl.push(format!(
                    "{} {} {:?}",
                    b.identifier(),
                    labels.join("."),
                    keys
                ));
            }
        }
        let mut from_json = Vec::new();
        for kind in ["data", "resource"] {
            for (ty, by_name) in json[kind].as_object().into_iter().flatten() {
                for (n, block) in by_name.as_object().into_iter().flatten() {
                    let mut keys: Vec<&str> = block
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(k, _)| k.as_str())
                        .filter(|k| *k != "//")
                        .collect();
                    keys.sort_unstable();
                    from_json.push(format!("{kind} {ty}.{n} {keys:?}"));
                }
            }
        }
        for kind in ["output", "variable"] {
            for (n, block) in json[kind].as_object().into_iter().flatten() {
                let mut keys: Vec<&str> = block
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k.as_str())
                    .filter(|k| *k != "//")
                    .collect();
                keys.sort_unstable();
                from_json.push(format!("{kind} {n} {keys:?}"));
            }
        }
        from_hcl.sort();
        from_json.sort();
        assert_eq!(from_hcl, from_json, "{name}");
        assert!(
            from_json.len() > 10,
            "{name}: compared {} blocks",
            from_json.len()
        );
    }
}

/// `terraform fmt -check` accepts the HCL as written (skipped without terraform on PATH).
#[test]
fn hcl_is_terraform_fmt_clean() {
    let Ok(v) = Command::new("terraform").arg("version").output() else {
        eprintln!("skipped: no terraform on PATH");
        return;
    };
    if !v.status.success() {
        eprintln!("skipped: terraform does not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["demo", "service", "consumer"] {
        let file = dir.path().join(format!("{name}.tf"));
        let o = tfsynth(&[
            "synth",
            "--stack",
            name,
            "--format",
            "hcl",
            "--out",
            file.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let fmt = Command::new("terraform")
            .args(["fmt", "-check", "-diff", "-no-color"])
            .arg(&file)
            .env("CHECKPOINT_DISABLE", "1")
            .output()
            .expect("terraform fmt runs");
        assert!(
            fmt.status.success(),
            "{name}: terraform fmt would change the HCL:\n{}",
            String::from_utf8_lossy(&fmt.stdout)
        );
    }
}

#[test]
fn validate_and_graph() {
    let o = tfsynth(&["validate", "--stack", "all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("demo: ok ("), "{out}");
    assert_eq!(out.lines().count(), 4, "{out}");
    let o = tfsynth(&["validate", "--var", "service.network.cidr=10.0.0.0/26"]);
    assert_eq!(o.status.code(), Some(1));

    let o = tfsynth(&["graph"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dot = stdout(&o);
    assert!(
        dot.contains("subgraph \"cluster_service/alb\""),
        "grouped by construct"
    );
    assert!(
        dot.contains("[style = \"dashed\", label = \"depends_on\""),
        "depends_on edges"
    );
    let o = tfsynth(&["graph", "--format", "mermaid", "--stack", "consumer"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("flowchart LR\n"));
}

/// `validate --terraform` says clearly when it cannot run Terraform, and the exit code stays
/// that of the library's checks. (Run with an empty PATH: the test must not download providers.)
#[test]
fn validate_with_terraform_says_when_terraform_is_missing() {
    let empty = tempfile::tempdir().expect("tempdir");
    let o = Command::new(BIN)
        .args(["validate", "--stack", "consumer", "--terraform"])
        .env("PATH", empty.path())
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("consumer: ok ("), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "note: consumer: terraform validate skipped: no working `terraform` on PATH; install \
         Terraform to run this check\n"
    );
}

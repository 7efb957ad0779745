//! Configs that `terraform plan` or AWS would refuse are refused by `tfsynth` before Terraform
//! runs: exit 1, the offending value and the fix on stderr, nothing on stdout. The report of
//! every case is pinned as `snapshots/cli-refused-configs.snap`.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tfsynth");

fn tfsynth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// The README's flow: a starter config, then only the region changed. The zones follow the
/// region, so what synth and validate accept also plans.
#[test]
fn changing_only_the_region_gives_zones_of_that_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = tfsynth_in(dir.path(), &["init", "--stack", "demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = tfsynth_in(
        dir.path(),
        &[
            "synth",
            "--config",
            "tfsynth.demo.json",
            "--var",
            "common.region=eu-west-1",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["provider"]["aws"]["region"], "eu-west-1");
    assert_eq!(
        doc["output"]["service_availability_zones"]["value"],
        serde_json::json!(["euw1-az1", "euw1-az2"])
    );
    let subnets = doc["resource"]["aws_subnet"].as_object().expect("subnets");
    assert!(subnets.values().all(|s| s["availability_zone_id"]
        .as_str()
        .is_some_and(|z| z.starts_with("euw1-"))));
}

#[test]
fn refused_configs() {
    let dir = tempfile::tempdir().expect("tempdir");
    // (stack, config file name, its text or "" for none, --var flags)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "demo",
            "zones-of-another-region.json",
            "{\n  \"common\": { \"region\": \"eu-west-1\" },\n  \"service\": { \"network\": { \"azs\": [\"use1-az1\", \"use1-az2\"] } }\n}\n",
            &[],
        ),
        ("demo", "", "", &["common.region=ap-northeast-1", "consumer.vpc.new.azs=[\"us-east-1a\",\"us-east-1b\"]"]),
        ("consumer", "", "", &["service_azs=[\"euw1-az1\",\"euw1-az2\"]"]),
        ("demo", "", "", &["common.tags={\"aws:owner\":\"net\"}"]),
        ("demo", "", "", &["common.tags={\"\":\"empty key\"}"]),
        ("demo", "", "", &["service.app.ssh_cidrs=[\"10.9.0.0/16\",\"10.9.0.0/16\"]"]),
        ("service", "", "", &["service.endpoint_service.allowed_principals=[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::111122223333:root\"]"]),
        (
            "demo",
            "cloudwatch-flow-log.json",
            "{\n  \"service\": {\n    \"network\": {\n      \"flow_log_destination\": \"arn:aws:logs:us-east-1:123456789012:log-group:vpc\"\n    }\n  }\n}\n",
            &[],
        ),
        (
            "demo",
            "role-not-an-arn.json",
            "{\n  \"service\": {\n    \"network\": {\n      \"flow_log_destination\": \"arn:aws:logs:us-east-1:123456789012:log-group:vpc\",\n      \"flow_log_role_arn\": \"flow-logs\"\n    }\n  }\n}\n",
            &[],
        ),
        (
            "demo",
            "empty-bucket.json",
            "{\n  \"service\": {\n    \"alb\": { \"access_logs_bucket\": \"\" }\n  }\n}\n",
            &[],
        ),
        ("service", "", "", &["service.endpoint_service.route53_zone_id=\"\""]),
        ("demo", "", "", &["service.alb.name=shop", "service.nlb.name=shop"]),
        ("consumer", "", "", &["consumer.instance_type=t3micro"]),
        (
            "consumer",
            "existing-vpc.json",
            "{\n  \"consumer\": {\n    \"vpc\": {\n      \"existing\": {\n        \"vpc_id\": \"vpc-0123456789abcdef0\",\n        \"cidr\": \"172.16.0.0/16\",\n        \"subnet_ids\": [\"subnet-0123456789abcdef0\"]\n      }\n    }\n  }\n}\n",
            &[],
        ),
    ];
    let mut report = String::new();
    for (stack, file, body, vars) in cases {
        let mut args = vec!["synth", "--stack", stack];
        if !file.is_empty() {
            std::fs::write(dir.path().join(file), body).expect("write");
            args.extend(["--config", file]);
        }
        for v in *vars {
            args.extend(["--var", v]);
        }
        let o = tfsynth_in(dir.path(), &args);
        let err = text(&o.stderr);
        let shown: Vec<String> = args
            .iter()
            .map(|a| {
                if a.contains(['"', '{', '[']) {
                    format!("'{a}'")
                } else {
                    (*a).to_owned()
                }
            })
            .collect();
        assert_eq!(o.status.code(), Some(1), "{shown:?}: {err}");
        assert!(o.stdout.is_empty(), "{shown:?}: nothing on stdout");
        assert!(!err.contains("panicked"), "{shown:?}: {err}");
        report.push_str(&format!("$ tfsynth {}\n{err}\n", shown.join(" ")));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("cli-refused-configs", report));
}

/// Access from everywhere is allowed, and said on stderr.
#[test]
fn access_from_everywhere_warns() {
    let o = tfsynth_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "synth",
            "--stack",
            "service",
            "--var",
            "service.app.ssh_cidrs=[\"0.0.0.0/0\"]",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stderr),
        "warning: service: ssh_cidrs lets every ipv4 address (0.0.0.0/0) in; list the networks \
         that need access instead\n"
    );
}

//! The shipped modules refuse a Terraform user's mistakes in the words the Rust constructs use,
//! and accept what the constructs accept.
//!
//! The corpus is this file's table: each case is one module input set to one value (as JSON,
//! rendered to HCL for the module and read by the Rust side as a configuration file or a
//! construct's props). For a refusal, `modules/tests/refusals/<case>/` holds the root
//! configuration calling the module with the value and `expected.txt`, the message the Rust
//! side gives (with the module's names for the region and the zones, [`module_words`]), which
//! `terraform plan` must print (`scripts/module-roots` runs them with tf-plan). For an accepted
//! value, `modules/tests/accepted/<case>/` is a root that must plan, and the Rust side must
//! accept the value.
//!
//! Case names are `MODULE.VARIABLE.RULE` (`~VARIANT` for a second value of one rule): every
//! `validation` block of every variable of the committed modules has its rule here (checked
//! below by counting them).
//!
//! `TFSYNTH_BLESS=1 cargo test --test module_words` writes the directories instead of
//! comparing.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{modules, root, rust, PRINCIPAL};
use serde_json::{json, Value};

/// One case: the module, the input, the rule it is about (and a variant), the value.
struct Case {
    module: &'static str,
    var: &'static str,
    rule: &'static str,
    value: Value,
}

impl Case {
    fn name(&self) -> String {
        format!("{}.{}.{}", self.module, self.var, self.rule)
    }
}

fn case(module: &'static str, var: &'static str, rule: &'static str, value: Value) -> Case {
    Case {
        module,
        var,
        rule,
        value,
    }
}

/// The tag cases of one module: every rule refused once (the character rule twice: a symbol
/// and a combining mark), and the limits accepted.
fn tag_cases(module: &'static str, refused: &mut Vec<Case>, accepted: &mut Vec<Case>) {
    let many: serde_json::Map<String, Value> = (0..50)
        .map(|i| (format!("Key{i:02}"), json!("value")))
        .collect();
    let most: serde_json::Map<String, Value> = (0..49)
        .map(|i| (format!("Key{i:02}"), json!("value")))
        .collect();
    refused.extend([
        case(
            module,
            "tags",
            "null-value",
            json!({"Team": null, "Owner": "net"}),
        ),
        case(module, "tags", "empty-key", json!({"": "net"})),
        case(module, "tags", "aws-prefix", json!({"AWS:team": "net"})),
        case(module, "tags", "character", json!({"Team": "net#1"})),
        case(
            module,
            "tags",
            "character~combining-mark",
            json!({"Team": "हिंदी"}),
        ),
        case(
            module,
            "tags",
            "key-length",
            json!({ "k".repeat(129): "net" }),
        ),
        case(
            module,
            "tags",
            "value-length",
            json!({"Team": "v".repeat(257)}),
        ),
        case(module, "tags", "count", Value::Object(many)),
    ]);
    accepted.extend([
        case(
            module,
            "tags",
            "limits",
            json!({ "k".repeat(128): "v".repeat(256) }),
        ),
        case(
            module,
            "tags",
            "letters",
            json!({"Équipe": "日本語 ü +-=._:/@", "각": "٣"}),
        ),
        case(module, "tags", "count", Value::Object(most)),
    ]);
}

/// Every case: (refused, accepted).
fn cases() -> (Vec<Case>, Vec<Case>) {
    let mut refused = Vec::new();
    let mut accepted = Vec::new();
    let z =
        |n: usize| -> Value { json!((1..=n).map(|i| format!("use1-az{i}")).collect::<Vec<_>>()) };
    // service
    let s = "service";
    refused.extend([
        case(s, "availability_zones", "null", json!([null, "use1-az1"])),
        case(s, "availability_zones", "shape", json!(["nowhere", "use1-az1"])),
        case(s, "availability_zones", "twice", json!(["use1-az1", "use1-az1"])),
        case(s, "availability_zones", "mixed", json!(["use1-az1", "us-east-1b"])),
        case(s, "availability_zones", "too-few", json!(["use1-az1"])),
        case(s, "availability_zones", "too-many", z(7)),
        case(s, "availability_zones", "region", json!(["euw1-az1", "euw1-az2"])),
        case(s, "vpc_cidr", "shape", json!("10.0.0/16")),
        case(s, "vpc_cidr", "host-bits", json!("10.0.0.1/16")),
        case(s, "vpc_cidr", "size", json!("10.0.0.0/8")),
        case(s, "vpc_cidr", "fit", json!("10.0.0.0/26")),
        case(s, "allowed_principals", "none", json!([])),
        case(s, "allowed_principals", "null", json!([PRINCIPAL, null])),
        case(s, "allowed_principals", "shape", json!(["bob"])),
        case(s, "allowed_principals", "shape~trailing-slash", json!(["arn:aws:iam::111122223333:role/path/"])),
        case(s, "allowed_principals", "twice", json!([PRINCIPAL, PRINCIPAL])),
        case(s, "certificate_arn", "shape", json!("arn:aws:acm:us-east-1:1234:cert")),
        case(
            s,
            "certificate_arn",
            "region",
            json!("arn:aws:acm:eu-west-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab"),
        ),
        case(s, "instance_count", "none", json!(0)),
        case(s, "instance_count", "most", json!(21)),
        case(s, "instance_type", "shape", json!("micro")),
        case(s, "instance_type", "shape~hyphen-end", json!("t3-.micro")),
        case(s, "instance_type", "shape~too-long", json!(format!("m7g.{}", "a".repeat(29)))),
    ]);
    accepted.extend([
        case(s, "availability_zones", "default", json!([])),
        case(s, "availability_zones", "two", z(2)),
        case(s, "availability_zones", "six", z(6)),
        case(
            s,
            "availability_zones",
            "names",
            json!(["us-east-1a", "us-east-1b"]),
        ),
        case(s, "vpc_cidr", "smallest", json!("10.0.0.0/24")),
        case(s, "vpc_cidr", "largest", json!("172.16.0.0/16")),
        case(
            s,
            "allowed_principals",
            "role-and-user",
            json!([
                "arn:aws:iam::111122223333:role/path/deployer",
                "arn:aws:iam::444455556666:user/alice@example.com"
            ]),
        ),
        case(
            s,
            "certificate_arn",
            "region",
            json!("arn:aws:acm:us-east-1:111122223333:certificate/x"),
        ),
        case(s, "instance_count", "one", json!(1)),
        case(s, "instance_count", "twenty", json!(20)),
        case(
            s,
            "instance_type",
            "long",
            json!(format!("m7g.{}", "a".repeat(28))),
        ),
        case(s, "instance_type", "metal", json!("c7i.metal-24xl")),
    ]);
    tag_cases(s, &mut refused, &mut accepted);
    // consumer
    let c = "consumer";
    refused.extend([
        case(
            c,
            "service_name",
            "shape",
            json!("vpce-svc-0123456789abcdef0"),
        ),
        case(
            c,
            "service_availability_zones",
            "null",
            json!(["use1-az1", null]),
        ),
        case(c, "service_availability_zones", "shape", json!(["use1"])),
        case(
            c,
            "service_availability_zones",
            "twice",
            json!(["use1-az2", "use1-az2"]),
        ),
        case(
            c,
            "service_availability_zones",
            "mixed",
            json!(["us-east-1a", "use1-az2"]),
        ),
        case(c, "service_port", "range", json!(0)),
        case(c, "service_port", "range~above", json!(65536)),
        case(c, "availability_zones", "null", json!([null])),
        case(
            c,
            "availability_zones",
            "shape",
            json!(["use1-az1", "us-east-1"]),
        ),
        case(
            c,
            "availability_zones",
            "twice",
            json!(["use1-az1", "use1-az1"]),
        ),
        case(
            c,
            "availability_zones",
            "mixed",
            json!(["use1-az1", "us-east-1b"]),
        ),
        case(c, "availability_zones", "too-many", z(7)),
        case(c, "availability_zones", "region", json!(["euw1-az1"])),
        case(c, "vpc_cidr", "shape", json!("10.1.0.0/16/2")),
        case(c, "vpc_cidr", "host-bits", json!("10.1.0.1/16")),
        case(c, "vpc_cidr", "size", json!("10.1.0.0/29")),
        case(c, "vpc_cidr", "fit", json!("10.1.0.0/25")),
    ]);
    accepted.extend([
        case(
            c,
            "service_name",
            "short-id",
            json!("com.amazonaws.vpce.eu-west-1.vpce-svc-01234567"),
        ),
        case(
            c,
            "service_availability_zones",
            "names",
            json!(["us-east-1a", "us-east-1b"]),
        ),
        case(c, "service_port", "lowest", json!(1)),
        case(c, "service_port", "highest", json!(65535)),
        case(c, "availability_zones", "one", json!(["use1-az2"])),
        case(c, "vpc_cidr", "smallest", json!("10.1.0.0/24")),
    ]);
    tag_cases(c, &mut refused, &mut accepted);
    // endpoint
    let e = "endpoint";
    refused.extend([
        case(e, "vpc_id", "shape", json!("vpc-123")),
        case(e, "subnet_ids", "none", json!([])),
        case(
            e,
            "subnet_ids",
            "null",
            json!(["subnet-0123456789abcdef0", null]),
        ),
        case(e, "subnet_ids", "shape", json!(["subnet-xyz"])),
        case(
            e,
            "subnet_ids",
            "twice",
            json!(["subnet-01234567", "subnet-01234567"]),
        ),
        case(
            e,
            "service_name",
            "shape",
            json!("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789ABCDEF0"),
        ),
        case(e, "service_port", "range", json!(70000)),
        case(e, "client_security_group_ids", "null", json!([null])),
        case(e, "client_security_group_ids", "shape", json!(["sg-xyz"])),
        case(
            e,
            "client_security_group_ids",
            "twice",
            json!(["sg-01234567", "sg-01234567"]),
        ),
        case(e, "client_cidrs", "null", json!(["10.0.0.0/16", null])),
        case(e, "client_cidrs", "shape", json!(["10.0.0.0/33"])),
        case(
            e,
            "client_cidrs",
            "shape~leading-zero",
            json!(["10.0.0.01/32"]),
        ),
        case(e, "client_cidrs", "host-bits", json!(["10.0.0.1/16"])),
        case(
            e,
            "client_cidrs",
            "twice",
            json!(["10.2.0.0/16", "10.2.0.0/16"]),
        ),
    ]);
    accepted.extend([
        case(e, "vpc_id", "short", json!("vpc-01234567")),
        case(e, "subnet_ids", "one", json!(["subnet-01234567"])),
        case(e, "service_port", "highest", json!(65535)),
        case(
            e,
            "client_security_group_ids",
            "two",
            json!(["sg-01234567", "sg-0123456789abcdef0"]),
        ),
        case(
            e,
            "client_cidrs",
            "edges",
            json!(["0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/8"]),
        ),
    ]);
    tag_cases(e, &mut refused, &mut accepted);
    (refused, accepted)
}

/// Writes (bless) or compares `dir/name` with `want`; a difference is pushed to `wrong`.
fn file(path: &Path, want: &str, bless: bool, wrong: &mut Vec<String>) {
    if bless {
        std::fs::create_dir_all(path.parent().expect("a directory")).expect("writable");
        std::fs::write(path, want).expect("writable");
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have != want {
        wrong.push(format!(
            "{}:\n  file: {}\n  want: {}",
            path.display(),
            have.trim_end(),
            want.trim_end()
        ));
    }
}

/// The case directories of `dir`.
fn listed(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn module_refusals_say_what_the_constructs_say() {
    let bless = std::env::var_os("TFSYNTH_BLESS").is_some();
    let (refused, accepted) = cases();
    let mut wrong = Vec::new();
    let dir = modules().join("tests/refusals");
    if bless {
        let _ = std::fs::remove_dir_all(&dir);
    }
    for c in &refused {
        let what = format!(
            "A Terraform user's mistake the {} module refuses at plan time ({} rule of {}), in the words of the Rust construct (expected.txt).",
            c.module, c.rule, c.var
        );
        let path = dir.join(c.name());
        match rust(c.module, c.var, &c.value) {
            Ok(()) => wrong.push(format!("{}: the Rust side accepts {}", c.name(), c.value)),
            Err(words) => {
                file(
                    &path.join("expected.txt"),
                    &format!("{words}\n"),
                    bless,
                    &mut wrong,
                );
                file(
                    &path.join("main.tf"),
                    &root(&what, c.module, c.var, &c.value),
                    bless,
                    &mut wrong,
                );
            }
        }
    }
    let dir = modules().join("tests/accepted");
    if bless {
        let _ = std::fs::remove_dir_all(&dir);
    }
    for c in &accepted {
        let what = format!(
            "A value at the edge of what the {} module's {} accepts ({}): it must plan, and the Rust construct accepts it too.",
            c.module, c.var, c.rule
        );
        if let Err(e) = rust(c.module, c.var, &c.value) {
            wrong.push(format!(
                "{}: the Rust side refuses {}: {e}",
                c.name(),
                c.value
            ));
        }
        file(
            &dir.join(c.name()).join("main.tf"),
            &root(&what, c.module, c.var, &c.value),
            bless,
            &mut wrong,
        );
    }
    assert!(
        wrong.is_empty(),
        "the corpus differs from the constructs' words (TFSYNTH_BLESS=1 rewrites):\n{}",
        wrong.join("\n")
    );
    // Every directory is a case of the table.
    let names = |cases: &[Case]| cases.iter().map(Case::name).collect::<BTreeSet<_>>();
    assert_eq!(listed(&modules().join("tests/refusals")), names(&refused));
    assert_eq!(listed(&modules().join("tests/accepted")), names(&accepted));
}

/// The number of `validation` blocks of each variable of a module's `main.tf`.
fn validations(module: &str) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(modules().join(format!("privatelink-{module}/main.tf")))
        .expect("a module");
    let mut counts = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("variable \"") {
            current = rest.split('"').next().map(str::to_owned);
            counts
                .entry(current.clone().unwrap_or_default())
                .or_insert(0);
        } else if !line.starts_with(' ') && !line.is_empty() && line != "}" {
            current = None;
        } else if line.trim() == "validation {" {
            if let Some(v) = &current {
                *counts.entry(v.clone()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn every_validation_of_every_module_has_a_refusal_case() {
    let (refused, _) = cases();
    for module in ["service", "consumer", "endpoint"] {
        for (var, count) in validations(module) {
            let rules: BTreeSet<&str> = refused
                .iter()
                .filter(|c| c.module == module && c.var == var)
                .map(|c| c.rule.split('~').next().unwrap_or(c.rule))
                .collect();
            assert_eq!(
                rules.len(),
                count,
                "{module}.{var}: {count} validations, refusal cases for {rules:?}"
            );
        }
    }
}

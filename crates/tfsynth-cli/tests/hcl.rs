//! `--format hcl` on a stack using every feature of the model: the HCL is pinned as
//! `hcl-kitchen-sink` (checked by real Terraform through `scripts/tf-validate-snapshots`),
//! accepted by `terraform fmt -check` (when terraform is on PATH), and parsed back by hcl-rs
//! with the same blocks as the JSON. The stack is the core crate's kitchen sink
//! (`crates/tfsynth/tests/kitchen_sink.rs`), copied so that both syntaxes pin the same model.

use std::process::Command;

use tfsynth::prelude::*;
use tfsynth::{
    Backend, Body, Check, DynamicBlock, Import, Moved, RawData, RawProvider, RawResource, Removed,
    SynthOptions, TypeExpr,
};

fn kitchen_sink() -> Stack {
    let mut stack = Stack::new();
    stack
        .required_version(">= 1.7.0")
        .require_provider("aws", "hashicorp/aws", "~> 6.0")
        .require_provider("tls", "hashicorp/tls", "~> 4.0");
    stack.settings_mut().backend = Some(
        Backend::s3(
            "tf-state-${not-a-ref}",
            "kitchen/terraform.tfstate",
            "eu-west-1",
        )
        .use_lockfile(true)
        .dynamodb_table("tf-locks"),
    );

    // Variables: every option.
    let region: Expr<String> = stack.variable(
        "region",
        Variable::new()
            .default_value("eu-west-1")
            .description("Region of the default provider; literal ${text} stays text")
            .nullable(false)
            .validation(
                |r| functions::startswith(r, "eu-"),
                template!("Only EU regions are allowed, not %{literal}."),
            ),
    );
    let cidr: Expr<String> = stack.variable(
        "vpc_cidr",
        Variable::new().default_value("10.0.0.0/16").validation(
            |c| functions::can(functions::cidrhost(c, 0)),
            "vpc_cidr must be a CIDR block",
        ),
    );
    let subnet_count: Expr<Number> = stack.variable(
        "subnet_count",
        Variable::new().default_value(2).validation(
            |n| n.ge(1).and(n.le(4)),
            "subnet_count must be between 1 and 4",
        ),
    );
    let buckets: Expr<Set<String>> = stack.variable(
        "log_buckets",
        Variable::new().default_value(vec!["app", "audit"]),
    );
    let extra_tags: Expr<Map<String>> = stack.variable(
        "extra_tags",
        Variable::new().default_value([("Team", "platform")]),
    );
    let settings: Expr<Any> = stack.variable(
        "instance",
        Variable::of_type(
            TypeExpr::object([("type", TypeExpr::String)])
                .with_optional(
                    "volumes",
                    TypeExpr::list(TypeExpr::Number),
                    Some(serde_json::json!([8]).into()),
                )
                .with_optional("monitoring", TypeExpr::Bool, None),
        )
        .default_value(serde_json::json!({"type": "t3.micro"})),
    );
    let _pair: Expr<Any> = stack.variable(
        "pair",
        Variable::of_type(TypeExpr::tuple([TypeExpr::String, TypeExpr::Number]))
            .default_value(serde_json::json!(["a", 1])),
    );
    let _token: Expr<String> = stack.variable(
        "token",
        Variable::new()
            .sensitive(true)
            .ephemeral(true)
            .nullable(true)
            .default_value(Value::null()),
    );
    let enabled: Expr<bool> = stack.variable("monitoring", Variable::new().default_value(false));

    // Providers: the default configuration and an alias.
    stack.provider(RawProvider::new("aws").attr("region", region.clone()));
    let east = stack.provider(
        RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    stack.provider(RawProvider::new("tls"));

    // Locals: merge, templates, for expressions, conditionals.
    let tags: Expr<Map<String>> = stack.local(
        "tags",
        functions::merge(vec![
            Value::<Map<String>>::from([
                ("ManagedBy", Value::from("tfsynth")),
                ("Workspace", terraform_workspace().into()),
                ("Note", Value::from("literal ${x} and %{y}")),
            ]),
            extra_tags.into(),
        ]),
    );
    let upper_tags: Expr<Map<String>> = stack.local(
        "tag_keys_upper",
        For::entries("k", "v", &tags)
            .filter(|k, _| k.not_equals("Note"))
            .to_map::<String, _, _>(|k, _| k, |_, v| template!(v, "!")),
    );

    // Data sources, one with a dynamic block.
    let azs = stack.data(
        "azs",
        RawData::new("aws_availability_zones").attr("state", "available"),
    );
    let ami_filters: Expr<Map<List<String>>> = stack.local(
        "ami_filters",
        Value::<Map<List<String>>>::from([
            ("name", vec!["al2023-ami-*-x86_64"]),
            ("virtualization-type", vec!["hvm"]),
        ]),
    );
    let ami = stack.data(
        "ami",
        RawData::new("aws_ami")
            .attr("most_recent", true)
            .attr("owners", vec!["amazon"])
            .dynamic(
                "filter",
                DynamicBlock::new(&ami_filters, "f", |f| {
                    Body::new()
                        .attr("name", f.key::<String>())
                        .attr("values", f.value::<List<String>>())
                }),
            ),
    );

    // A scope: names come from the construct path, snake-cased.
    let mut net = stack.scope("Network");
    let vpc = net.resource(
        "vpc",
        RawResource::new("aws_vpc")
            .attr("cidr_block", cidr.clone())
            .attr("enable_dns_hostnames", true)
            .attr(
                "tags",
                functions::merge(vec![
                    tags.clone(),
                    Value::from([("Name", "main"), ("Cost ${Center}", "%{none}")]).into_expr(),
                ]),
            )
            .ignore_changes(|v| v.get::<Map<String>>("tags").get("LastScanned"))
            .prevent_destroy(false),
    );
    let azs_names: Expr<List<String>> = azs.get("names");
    let subnets = net.resource(
        "private-subnet",
        RawResource::new("aws_subnet")
            .count(subnet_count.clone())
            .attr("vpc_id", vpc.get::<String>("id"))
            .attr(
                "cidr_block",
                functions::cidrsubnet(cidr.clone(), 8, count_index() + 10),
            )
            .attr(
                "availability_zone",
                functions::element(azs_names, count_index()),
            )
            .attr(
                "tags",
                Value::<Map<String>>::from([(
                    "Name",
                    template!("private-", count_index().cast::<String>()),
                )]),
            ),
    );
    drop(net);

    let mut web = stack.scope("WebTier");
    let key = web.resource(
        "key",
        RawResource::new("tls_private_key").attr("algorithm", "ED25519"),
    );
    let pair = web.resource(
        "pair",
        RawResource::new("aws_key_pair")
            .attr("key_name", "web")
            .attr("public_key", key.get::<String>("public_key_openssh"))
            .create_before_destroy(true),
    );
    let user_data = web.local(
        "user_data",
        template!(
            "#!/bin/sh\necho \"${HOME} %{literal}\" > /tmp/",
            path_module(),
            "\n"
        ),
    );
    let volumes: Expr<List<Number>> = settings.attr("volumes");
    let server = web.resource(
        "server",
        RawResource::new("aws_instance")
            .attr("ami", ami.get::<String>("id"))
            .attr("instance_type", settings.attr::<String>("type"))
            .attr("subnet_id", subnets.at(0).get::<String>("id"))
            .attr("key_name", pair.get::<String>("key_name"))
            .attr(
                "monitoring",
                cond(
                    enabled.clone(),
                    true,
                    settings.attr::<bool>("monitoring").equals(true),
                ),
            )
            .attr("user_data_base64", functions::base64encode(user_data))
            .attr("tags", upper_tags.clone())
            .dynamic(
                "ebs_block_device",
                DynamicBlock::new(&volumes, "vol", |vol| {
                    Body::new()
                        .attr(
                            "device_name",
                            template!(
                                "/dev/sd",
                                functions::element(vec!["f", "g", "h"], vol.key::<Number>())
                            ),
                        )
                        .attr("volume_size", vol.value::<Number>())
                        .attr("encrypted", true)
                }),
            )
            .depends_on(&vpc)
            .replace_triggered_by(pair.get::<String>("id"))
            .precondition(
                ami.get::<String>("architecture").equals("x86_64"),
                "The AMI must be x86_64",
            )
            .postcondition(
                |s| s.get::<String>("private_ip").not_equals(""),
                "The instance needs a private IP",
            ),
    );
    drop(web);

    // for_each, provider alias, ignore_changes = all.
    let logs = stack.resource(
        "logs",
        RawResource::new("aws_s3_bucket")
            .for_each(buckets.clone())
            .attr(
                "bucket",
                template!("logs-", each_key(), "-", terraform_workspace()),
            )
            .attr("force_destroy", each_key().equals("app"))
            .provider(&east)
            .ignore_all_changes(),
    );
    let archive = stack.resource(
        "archive",
        RawResource::new("aws_s3_bucket")
            .attr("bucket", "kitchen-archive")
            .provider(&east),
    );
    // Built-in functions, typed.
    let names: Expr<List<String>> = stack.local(
        "names",
        functions::concat(vec![
            functions::split(",", "a,b"),
            functions::tolist(functions::toset(vec!["c", "c"])),
        ]),
    );
    stack.local(
        "summary",
        functions::jsonencode(Value::<Map<Any>>::from([
            ("joined", functions::join("-", names.clone()).any()),
            (
                "first",
                functions::coalesce(vec![Value::from(""), names.at(0).into()]).any(),
            ),
            (
                "team",
                functions::lookup(functions::tomap::<String>(tags.clone()), "Team", "none").any(),
            ),
            (
                "tried",
                functions::try_(vec![
                    Value::<String>::from(settings.attr::<String>("name")),
                    Value::from("unnamed"),
                ])
                .any(),
            ),
            (
                "fmt",
                functions::format(
                    "%s-%d",
                    vec![region.clone().any(), subnet_count.clone().any()],
                )
                .any(),
            ),
            ("arns", logs.each_value(|b| b.get::<String>("arn")).any()),
        ])),
    );

    // Outputs.
    stack.output(
        "subnet_ids",
        Output::new(subnets.splat(|s| s.get::<String>("id"))).description("Private subnets"),
    );
    stack.output(
        "first_subnet",
        Output::new(subnets.splat(|s| s.get::<String>("id")).at(0)),
    );
    stack.output(
        "log_bucket_arns",
        Output::new(
            For::entries("name", "b", &logs.expr::<Map<Any>>())
                .to_map::<String, _, _>(|name, _| name, |_, b| b.attr::<String>("arn")),
        ),
    );
    stack.output(
        "app_bucket",
        Output::new(logs.key("app").get::<String>("id")).depends_on(&archive),
    );
    stack.output(
        "private_key",
        Output::new(key.get::<String>("private_key_openssh"))
            .sensitive(true)
            .precondition(
                functions::length(key.get::<String>("private_key_openssh")).gt(0),
                "The key must not be empty",
            ),
    );
    stack.output(
        "server_ip",
        Output::new(server.get::<String>("private_ip"))
            .description("Private IP ${not interpolated}"),
    );

    // Refactoring blocks and a check.
    stack.moved(Moved::new("aws_vpc.main", &vpc));
    stack.import(Import::new(&archive, "kitchen-archive").provider(&east));
    stack.removed(Removed::forget("aws_s3_bucket.legacy"));
    stack.check(
        "account",
        Check::new()
            .data("me", RawData::new("aws_caller_identity"))
            .assert(
                Expr::<String>::from_raw(
                    RawExpr::Ref(tfsynth::RefRoot::Data {
                        type_name: "aws_caller_identity".into(),
                        name: "me".into(),
                    })
                    .attr("account_id"),
                )
                .not_equals(""),
                "No account id",
            ),
    );
    stack
}

use tfsynth::RawExpr;

fn hcl(comments: bool) -> String {
    match tfsynth::hcl::synth_hcl(&kitchen_sink(), SynthOptions { comments }) {
        Ok(text) => text,
        Err(e) => panic!("the kitchen sink is valid: {e}"),
    }
}

#[test]
fn kitchen_sink_hcl() {
    let text = hcl(true);
    assert_eq!(text, hcl(true), "deterministic");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("hcl-kitchen-sink", text));
}

#[test]
fn kitchen_sink_hcl_keeps_literals_escaped() {
    let text = hcl(false);
    // literal template sequences in strings stay text
    assert!(text.contains("$${not-a-ref}"), "{text}");
    assert!(text.contains("literal $${text} stays text"), "{text}");
    assert!(text.contains("%%{literal}"), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with('#')),
        "no comments: {text}"
    );
}

#[test]
fn kitchen_sink_hcl_has_the_json_blocks() {
    let json: serde_json::Value = serde_json::from_str(
        &kitchen_sink()
            .synth_with(SynthOptions { comments: false })
            .unwrap_or_default(),
    )
    .expect("json");
    let body = hcl::parse(&hcl(false)).expect("hcl-rs parses the HCL");
    let mut top: Vec<&str> = Vec::new();
    for b in body.blocks() {
        if top.last() != Some(&b.identifier()) {
            top.push(b.identifier());
        }
    }
    let json_top: Vec<&str> = json
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(top, json_top);
    for kind in ["resource", "data"] {
        let mut from_hcl: Vec<String> = body
            .blocks()
            .filter(|b| b.identifier() == kind)
            .map(|b| {
                let l: Vec<&str> = b.labels().iter().map(hcl::BlockLabel::as_str).collect();
                l.join(".")
            })
            .collect();
        let mut from_json: Vec<String> = json[kind]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(ty, m)| {
                m.as_object()
                    .into_iter()
                    .flatten()
                    .map(move |(n, _)| format!("{ty}.{n}"))
            })
            .collect();
        from_hcl.sort();
        from_json.sort();
        assert_eq!(from_hcl, from_json, "{kind}");
    }
}

#[test]
fn kitchen_sink_hcl_is_terraform_fmt_clean() {
    if !Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: no terraform on PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("main.tf");
    std::fs::write(&file, hcl(true)).expect("write");
    let fmt = Command::new("terraform")
        .args(["fmt", "-check", "-diff", "-no-color"])
        .arg(&file)
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform fmt runs");
    assert!(
        fmt.status.success(),
        "terraform fmt would change the HCL:\n{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}

//! Every example, synthesized and pinned as `snapshots/stack-example-<name>.snap`. The
//! snapshots are also run through real Terraform (validate, plan and apply) by `scripts/tf-validate-snapshots`.

#[path = "../examples/minimal.rs"]
#[allow(dead_code)]
mod minimal;

#[path = "../examples/privatelink_demo.rs"]
#[allow(dead_code)]
mod privatelink_demo;

#[path = "../examples/cross_account.rs"]
#[allow(dead_code)]
mod cross_account;

#[path = "../examples/custom_construct.rs"]
#[allow(dead_code)]
mod custom_construct;

#[path = "../examples/compose.rs"]
#[allow(dead_code)]
mod compose;

#[path = "../examples/service_in_vpc.rs"]
#[allow(dead_code)]
mod service_in_vpc;

#[path = "../examples/scale.rs"]
#[allow(dead_code)]
mod scale;

#[path = "../ported/hub-spoke-vpc/main.rs"]
#[allow(dead_code)]
mod ported_hub_spoke_vpc;

#[path = "../ported/ecs-alb-service/main.rs"]
#[allow(dead_code)]
mod ported_ecs_alb_service;

#[path = "../ported/static-site/main.rs"]
#[allow(dead_code)]
mod ported_static_site;

fn snapshot(name: &str, json: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("stack-example-{name}"), json));
}

fn synth(stack: &tfsynth::Stack) -> String {
    match stack.synth() {
        Ok(json) => json,
        Err(e) => panic!("example stack is invalid: {e}"),
    }
}

#[test]
fn minimal() {
    let json = synth(&minimal::build());
    assert!(json.contains(r#""vpc_id": "${aws_vpc.main.id}""#));
    snapshot("minimal", &json);
}

#[test]
fn privatelink_demo() {
    let (stack, warnings) = privatelink_demo::build().expect("the demo's options are valid");
    assert!(warnings.is_empty(), "{warnings:?}");
    let json = synth(&stack);
    snapshot("privatelink-demo", &json);
}

#[test]
fn cross_account() {
    let stacks = cross_account::app("210987654321")
        .synth_all()
        .expect("valid account id");
    let names: Vec<&str> = stacks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["service", "consumer"], "the deploy order");
    let (service, consumer) = (&stacks[0].1, &stacks[1].1);
    assert!(service.contains("arn:aws:iam::210987654321:root"));
    assert!(
        consumer.contains("${data.terraform_remote_state.service.outputs.service_name}"),
        "the consumer reads the name from the service stack's own output"
    );
    assert!(
        !consumer.contains(r#""variable""#),
        "nothing is passed by hand"
    );
    snapshot("cross-account-service", service);
    snapshot("cross-account-consumer", consumer);
    let e = cross_account::app("12345")
        .synth_all()
        .expect_err("not 12 digits");
    assert!(e.contains("12345"), "{e}");
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("under dir")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_synths_of_an_app_write_byte_identical_directories() {
    let dirs = [
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    ];
    for d in &dirs {
        let out_dir = d.path().to_str().expect("utf-8 path");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = tfsynth_examples::app::app().run_with(
            ["items", "synth", "--stack", "all", "--out-dir", out_dir],
            &mut out,
            &mut err,
        );
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    }
    let (a, b) = (tree(dirs[0].path()), tree(dirs[1].path()));
    let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "api/assets/handler.zip",
            "api/main.tf.json",
            "data/main.tf.json"
        ]
    );
    assert!(a == b, "two synths differ");
}

#[test]
fn app_of_two_stacks() {
    let app = tfsynth_examples::app::app();
    let stacks = app.synth_all().expect("the example app synthesizes");
    let again = tfsynth_examples::app::app().synth_all().expect("twice");
    assert_eq!(stacks, again, "byte-identical");
    let names: Vec<&str> = stacks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["data", "api"]);
    let api = &stacks[1].1;
    assert!(api.contains(
        "Resource = data.terraform_remote_state.data.outputs.aws_dynamodb_table_items_arn"
    ));
    assert!(api.contains(r#""filename": "${path.module}/assets/handler.zip""#));
    for (name, json) in &stacks {
        snapshot(&format!("app-{name}"), json);
    }
}

#[test]
fn custom_construct() {
    let json = synth(&custom_construct::build().expect("valid options"));
    assert!(json.contains(r#""//": "green/vpc""#));
    snapshot("custom-construct", &json);
}

#[test]
fn scale_copies_are_distinct_and_grow_linearly() {
    let one = scale::build(1).expect("valid");
    let two = scale::build(2).expect("valid");
    let (r1, d1, _) = one.counts();
    let (r2, d2, _) = two.counts();
    assert_eq!((r2, d2), (2 * r1, 2 * d1));
    let json = synth(&two);
    assert!(json.contains("\"demo0_service_network_vpc\""));
    assert!(json.contains("\"demo1_service_network_vpc\""));
    snapshot("scale-2", &json);
}

#[test]
fn compose_passes_your_own_resources_as_handles() {
    let (stack, warnings) = compose::build(compose::APP_ZONES).expect("the example is valid");
    assert!(warnings.is_empty(), "{warnings:?}");
    let json = synth(&stack);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let res = &doc["resource"];
    // The listener waits for the certificate's DNS validation.
    assert_eq!(
        res["aws_lb_listener"]["service_alb_https"]["certificate_arn"],
        "${aws_acm_certificate_validation.api_cert_validated.certificate_arn}"
    );
    // The private DNS name is verified in the user's zone; the topic hears connections.
    assert_eq!(
        res["aws_route53_record"]["service_endpoint_dns_verification_record"]["zone_id"],
        "${aws_route53_zone.zone.zone_id}"
    );
    assert_eq!(
        res["aws_vpc_endpoint_connection_notification"]["service_endpoint_notification"]
            ["connection_notification_arn"],
        "${aws_sns_topic.privatelink_events.arn}"
    );
    // The endpoint is in the user's VPC and subnets, reachable from the user's group.
    let endpoint = &res["aws_vpc_endpoint"]["consumer_endpoint_endpoint"];
    assert_eq!(endpoint["vpc_id"], "${aws_vpc.app.id}");
    assert_eq!(
        endpoint["subnet_ids"],
        serde_json::json!(["${aws_subnet.app_0.id}", "${aws_subnet.app_1.id}"])
    );
    assert_eq!(
        res["aws_vpc_security_group_ingress_rule"]["consumer_endpoint_from_group_0"]
            ["referenced_security_group_id"],
        "${aws_security_group.app.id}"
    );
    assert!(
        res["aws_vpc"].get("consumer_network_vpc").is_none(),
        "no VPC of its own"
    );
    snapshot("compose", &json);

    // A subnet of the user's VPC in a zone the service does not serve is refused at build time.
    let e = compose::build(["use1-az1", "use1-az3"]).expect_err("use1-az3 is not served");
    insta::assert_snapshot!(e, @r#"consumer subnet zone "use1-az3" is not served by the endpoint service (it serves use1-az1, use1-az2); place the endpoint's subnets in those zones"#);
}

/// The `resource "TYPE" "NAME"` and `module "NAME"` addresses an HCL file declares.
fn hcl_addresses(hcl: &str) -> Vec<String> {
    let mut out: Vec<String> = hcl
        .lines()
        .filter_map(|l| {
            let words: Vec<&str> = l.split('"').collect();
            match words.as_slice() {
                ["resource ", ty, " ", name, ..] => Some(format!("{ty}.{name}")),
                ["module ", name, ..] => Some(format!("module.{name}")),
                _ => None,
            }
        })
        .collect();
    out.sort();
    out
}

/// The same addresses in synthesized Terraform JSON.
fn json_addresses(json: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(types) = json["resource"].as_object() {
        for (ty, names) in types {
            for name in names.as_object().into_iter().flat_map(|m| m.keys()) {
                out.push(format!("{ty}.{name}"));
            }
        }
    }
    for name in json["module"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
    {
        out.push(format!("module.{name}"));
    }
    out.sort();
    out
}

/// Synthesizes a port, checks it declares the HCL original's addresses and no `RawExpr`, and
/// pins it as `snapshots/ported-<name>.snap`.
fn check_port(name: &str, stack: &tfsynth::Stack, hcl: &str) {
    let json = synth(stack);
    let parsed: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("invalid JSON: {e}"),
    };
    assert_eq!(json_addresses(&parsed), hcl_addresses(hcl));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("ported-{name}"), json));
}

#[test]
fn ported_hub_spoke_vpc() {
    let hcl = include_str!("../ported/hub-spoke-vpc/hcl/main.tf");
    check_port("hub-spoke-vpc", &ported_hub_spoke_vpc::build(), hcl);
    assert!(!include_str!("../ported/hub-spoke-vpc/main.rs").contains("RawExpr::"));
}

#[test]
fn ported_static_site() {
    let hcl = include_str!("../ported/static-site/hcl/main.tf");
    check_port("static-site", &ported_static_site::build(), hcl);
    assert!(!include_str!("../ported/static-site/main.rs").contains("RawExpr::"));
}

#[test]
fn ported_ecs_alb_service() {
    let hcl = include_str!("../ported/ecs-alb-service/hcl/main.tf");
    check_port("ecs-alb-service", &ported_ecs_alb_service::build(), hcl);
    assert!(!include_str!("../ported/ecs-alb-service/main.rs").contains("RawExpr::"));
}

#[test]
fn service_in_vpc_creates_no_network() {
    let (stack, warnings) = service_in_vpc::build().expect("the example is valid");
    assert!(warnings.is_empty(), "{warnings:?}");
    let json = synth(&stack);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let res = &doc["resource"];
    // Only the user's VPC and subnets: the service makes none, nor VPC endpoints.
    let vpcs: Vec<&String> = res["aws_vpc"].as_object().expect("vpcs").keys().collect();
    assert_eq!(vpcs, ["app"]);
    let subnets: Vec<&String> = res["aws_subnet"]
        .as_object()
        .expect("subnets")
        .keys()
        .collect();
    assert_eq!(subnets, ["app_0", "app_1"]);
    assert!(res.get("aws_vpc_endpoint").is_none());
    let app_subnets = serde_json::json!(["${aws_subnet.app_0.id}", "${aws_subnet.app_1.id}"]);
    assert_eq!(res["aws_lb"]["service_alb_lb"]["subnets"], app_subnets);
    assert_eq!(res["aws_lb"]["service_nlb_lb"]["subnets"], app_subnets);
    for sg in ["service_alb_sg", "service_nlb_sg"] {
        assert_eq!(res["aws_security_group"][sg]["vpc_id"], "${aws_vpc.app.id}");
    }
    // The ALB forwards to the user's instances; no instances of its own.
    let targets: Vec<&serde_json::Value> = res["aws_lb_target_group_attachment"]
        .as_object()
        .expect("attachments")
        .values()
        .map(|a| &a["target_id"])
        .collect();
    assert_eq!(
        targets[..2],
        ["${aws_instance.app_0.id}", "${aws_instance.app_1.id}"]
    );
    let instances: Vec<&String> = res["aws_instance"]
        .as_object()
        .expect("instances")
        .keys()
        .collect();
    assert_eq!(instances, ["app_0", "app_1"]);
    // Consumers get the subnets' zones.
    assert_eq!(
        doc["output"]["service_availability_zones"]["value"],
        serde_json::json!(["use1-az1", "use1-az2"])
    );
    snapshot("service-in-vpc", &json);
}

//! `resource` blocks with every meta-argument, and scope naming.

use tfsynth::Ref;
mod common;

use tfsynth::prelude::*;
use tfsynth::{RawProvider, RawResource};

#[test]
fn resources_with_every_meta_argument() {
    let mut stack = Stack::new();
    let west = stack.provider(
        RawProvider::new("aws")
            .alias("west")
            .attr("region", "us-west-2"),
    );
    let mut svc = stack.scope("PaymentService");
    let vpc = svc.resource(
        "vpc",
        RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
    );
    let subnets = svc.resource(
        "subnet",
        RawResource::new("aws_subnet")
            .count(2)
            .attr("vpc_id", vpc.get::<String>("id"))
            .attr(
                "cidr_block",
                functions::cidrsubnet("10.0.0.0/16", 8, count_index()),
            ),
    );
    let buckets = svc.resource(
        "bucket",
        RawResource::new("aws_s3_bucket")
            .for_each(Value::<Map<String>>::from([("logs", "l"), ("data", "d")]))
            .attr(
                "bucket",
                template!("pay-", each_key(), "-", each_value::<String>()),
            )
            .provider(&west)
            .create_before_destroy(true)
            .prevent_destroy(false)
            .ignore_changes(|b| b.get::<Map<String>>("tags"))
            .ignore_changes(|b| b.get::<Map<String>>("tags_all").get("Owner"))
            .replace_triggered_by(vpc.get::<String>("id"))
            .precondition(
                vpc.get::<String>("cidr_block").not_equals(""),
                "VPC needs a CIDR",
            )
            .postcondition(
                |b| b.get::<String>("bucket").not_equals(""),
                "bucket has a name",
            )
            .depends_on(&subnets),
    );
    drop(svc);
    stack.output(
        "subnet_ids",
        Output::new(Ref::splat(&subnets, |s| s.get::<String>("id"))),
    );
    stack.output(
        "logs",
        Output::new(Ref::key(&buckets, "logs").get::<String>("arn")),
    );
    let json = common::synth(&stack);
    let v = common::parse(&json);
    let b = &v["resource"]["aws_s3_bucket"]["payment_service_bucket"];
    assert_eq!(b["//"], "PaymentService/bucket");
    assert_eq!(b["provider"], "aws.west");
    assert_eq!(
        b["depends_on"],
        serde_json::json!(["aws_subnet.payment_service_subnet"])
    );
    assert_eq!(
        b["lifecycle"]["ignore_changes"],
        serde_json::json!(["tags", "tags_all[\"Owner\"]"])
    );
    assert_eq!(
        b["lifecycle"]["replace_triggered_by"],
        serde_json::json!(["aws_vpc.payment_service_vpc.id"])
    );
    common::snapshot_stack("stack-block-resource", &json);
}

#[test]
fn scope_names_are_snake_cased_paths() {
    let mut stack = Stack::new();
    let mut a = stack.scope("EdgeProxy");
    let mut b = a.scope("alb-v2");
    assert_eq!(
        b.logical_name("HttpsListener"),
        "edge_proxy_alb_v2_https_listener"
    );
    assert_eq!(
        b.construct_path("HttpsListener"),
        "EdgeProxy/alb-v2/HttpsListener"
    );
    let r = b.resource("", RawResource::new("aws_lb").attr("name", "edge"));
    assert_eq!(Ref::address(&r), "aws_lb.edge_proxy_alb_v2");
}

//! Behaviour of the generated bindings, type by type.

use tfsynth::prelude::*;
use tfsynth_aws::{
    data, route_table, vpc_endpoint, AwsProvider, RouteTable, Subnet, Vpc, VpcEndpoint,
};

fn synth_one(f: impl FnOnce(&mut Stack)) -> serde_json::Value {
    let mut stack = Stack::new();
    f(&mut stack);
    let json = stack.synth().expect("a valid stack");
    serde_json::from_str(&json).expect("JSON")
}

#[test]
fn output_does_not_depend_on_setter_order() {
    let a = synth_one(|s| {
        s.resource(
            "v",
            Vpc::new()
                .tags([("Name", "x")])
                .cidr_block("10.0.0.0/16")
                .enable_dns_support(true),
        );
    });
    let b = synth_one(|s| {
        s.resource(
            "v",
            Vpc::new()
                .enable_dns_support(true)
                .cidr_block("10.0.0.0/16")
                .tags([("Name", "x")]),
        );
    });
    assert_eq!(a, b);
    let keys: Vec<&String> = a["resource"]["aws_vpc"]["v"]
        .as_object()
        .expect("object")
        .keys()
        .filter(|k| !k.starts_with("//"))
        .collect();
    assert_eq!(
        keys,
        ["cidr_block", "enable_dns_support", "tags"],
        "schema (alphabetical) order"
    );
}

#[test]
fn handles_give_typed_references() {
    let mut stack = Stack::new();
    let vpc = stack.resource("main", Vpc::new().cidr_block("10.0.0.0/16"));
    let subnets = stack.resource("s", Subnet::new(vpc.id()).for_each(["a", "b"]));
    let endpoint = stack.resource(
        "e",
        VpcEndpoint::new(vpc.id()).service_name("com.amazonaws.vpce.x"),
    );
    let ami = stack.data("ami", data::Ami::new().most_recent(true));
    assert_eq!(vpc.id().to_string(), "aws_vpc.main.id");
    assert_eq!(subnets.key("a").id().to_string(), r#"aws_subnet.s["a"].id"#);
    assert_eq!(ami.id().to_string(), "data.aws_ami.ami.id");
    let first: Expr<vpc_endpoint::DnsEntry> = endpoint.dns_entry().at(0);
    assert_eq!(
        first.fields().dns_name().to_string(),
        "aws_vpc_endpoint.e.dns_entry[0].dns_name"
    );
    // A max-one list block is still a list when referenced.
    let ip_type: Expr<String> = endpoint.dns_options().at(0).fields().dns_record_ip_type();
    assert_eq!(
        ip_type.to_string(),
        "aws_vpc_endpoint.e.dns_options[0].dns_record_ip_type"
    );
}

#[test]
fn object_attributes_write_every_key_and_join_with_expressions() {
    let json = synth_one(|s| {
        let v = s.resource("v", Vpc::new().cidr_block("10.0.0.0/16"));
        let existing: Expr<Set<route_table::Route>> = Expr::raw_hcl("toset([])");
        s.resource(
            "rt",
            RouteTable::new(v.id()).route(existing).add_route(
                route_table::Route::new()
                    .cidr_block("0.0.0.0/0")
                    .gateway_id("igw-1"),
            ),
        );
    });
    let route = &json["resource"]["aws_route_table"]["rt"]["route"];
    let text = route.as_str().expect("an expression");
    assert!(text.starts_with("${setunion(toset([]), [{"), "{text}");
    assert!(text.contains("odb_network_arn = null"), "{text}");
}

#[test]
fn numbers_are_integers_and_strings_are_data() {
    let json = synth_one(|s| {
        let v = s.resource(
            "v",
            Vpc::new()
                .cidr_block("10.0.0.0/16")
                .tags([("Note", "${not_a_ref}")]),
        );
        s.resource("s", Subnet::new(v.id()).count(3_u8));
    });
    assert_eq!(
        json["resource"]["aws_subnet"]["s"]["count"],
        serde_json::json!(3)
    );
    assert_eq!(
        json["resource"]["aws_vpc"]["v"]["tags"]["Note"],
        "$${not_a_ref}"
    );
}

#[test]
fn provider_configurations_and_requirements() {
    let mut stack = Stack::new();
    stack.provider(AwsProvider::new().region("eu-west-1"));
    let east = stack.provider(AwsProvider::new().alias("east").region("us-east-1"));
    assert_eq!(east.to_string(), "aws.east");
    stack.resource("v", Vpc::new().cidr_block("10.0.0.0/16").provider(&east));
    let json: serde_json::Value =
        serde_json::from_str(&stack.synth().expect("valid")).expect("JSON");
    assert_eq!(
        json["terraform"]["required_providers"]["aws"]["version"],
        "~> 6.0"
    );
    assert_eq!(json["resource"]["aws_vpc"]["v"]["provider"], "aws.east");
}

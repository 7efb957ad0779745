//! Behaviour of the generated bindings, type by type.

use tfsynth::prelude::*;
use tfsynth::Ref;
use tfsynth_aws::{
    data, route_table, security_group, vpc_endpoint, AwsProvider, Eip, Route53Record,
    Route53RecordArgs, Route53Zone, RouteTable, SecurityGroup, Subnet, Vpc, VpcEndpoint,
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
    let subnets = stack.resource(
        "s",
        Subnet::new(vpc.id()).for_each(functions::toset(["a", "b"])),
    );
    let endpoint = stack.resource(
        "e",
        VpcEndpoint::new(vpc.id()).service_name("com.amazonaws.vpce.x"),
    );
    let ami = stack.data("ami", data::Ami::new().most_recent(true));
    assert_eq!(vpc.id().to_string(), "aws_vpc.main.id");
    assert_eq!(
        Ref::key(&subnets, "a").id().to_string(),
        r#"aws_subnet.s["a"].id"#
    );
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

/// The handle's own operations are associated functions, so an attribute named like one of
/// them (`address` of `aws_eip`, `key` of `aws_s3_object`) is always the attribute.
#[test]
fn handles_never_hide_attributes() {
    let mut stack = Stack::new();
    let eip = stack.resource("ip", Eip::new());
    let attr: Expr<String> = eip.address();
    assert_eq!(attr.to_string(), "aws_eip.ip.address");
    assert_eq!(Ref::address(&eip), "aws_eip.ip");
}

/// Two or more required arguments are named at the call site: `name` and `zone_id` (both
/// strings) cannot be swapped by position.
#[test]
fn required_arguments_are_named() {
    let json = synth_one(|s| {
        let zone = s.resource("z", Route53Zone::new("example.internal"));
        s.resource(
            "www",
            Route53Record::new(Route53RecordArgs {
                zone_id: zone.zone_id().into(),
                name: "www".into(),
                type_: "A".into(),
            })
            .ttl(60)
            .records(["10.0.0.1"]),
        );
    });
    let r = &json["resource"]["aws_route53_record"]["www"];
    assert_eq!(r["name"], "www");
    assert_eq!(r["type"], "A");
    assert_eq!(r["zone_id"], "${aws_route53_zone.z.zone_id}");
}

/// An attribute that is a list or set of objects (attributes as blocks) can be built from a
/// collection: the typed equivalent of a `dynamic` block, every key written.
#[test]
fn attributes_as_blocks_from_a_collection() {
    let json = synth_one(|s| {
        let ports: Expr<List<Number>> =
            s.variable("ports", Variable::new().default_value(vec![80, 443]));
        let v = s.resource("v", Vpc::new().cidr_block("10.0.0.0/16"));
        s.resource(
            "sg",
            SecurityGroup::new()
                .vpc_id(v.id())
                .add_ingress(
                    security_group::Ingress::new()
                        .from_port(22)
                        .to_port(22)
                        .protocol("tcp")
                        .cidr_blocks(["10.0.0.0/8"]),
                )
                .dynamic_ingress(&ports, |port| {
                    // The element is typed by the collection: an `Expr<Number>`.
                    security_group::Ingress::new()
                        .from_port(port.clone())
                        .to_port(port)
                        .protocol("tcp")
                        .cidr_blocks(["10.0.0.0/16"])
                }),
        );
    });
    let ingress = json["resource"]["aws_security_group"]["sg"]["ingress"]
        .as_str()
        .expect("an expression");
    assert!(
        ingress.starts_with("${setunion([{ cidr_blocks = [\"10.0.0.0/8\"]"),
        "{ingress}"
    );
    assert!(
        ingress.contains(
            "[for ingress in var.ports : { cidr_blocks = [\"10.0.0.0/16\"], description = null, from_port = ingress,"
        ),
        "{ingress}"
    );
    assert!(
        ingress.contains("self = null"),
        "every key is written: {ingress}"
    );
}

/// A `dynamic` block's element is typed by its collection: the values of a `map(string)` are
/// `Expr<String>`, literals give their own type, and an `any` value still gives `Expr<Any>`.
#[test]
fn dynamic_blocks_give_typed_elements() {
    let json = synth_one(|s| {
        let names: Expr<Map<String>> = s.variable("names", Variable::new());
        let extra: Expr<Any> = s.variable("extra", Variable::new());
        s.resource(
            "rt",
            RouteTable::new("vpc-1")
                .dynamic_route(&names, |cidr| {
                    let cidr: Expr<String> = cidr;
                    route_table::Route::new()
                        .cidr_block(cidr)
                        .gateway_id("igw-1")
                })
                .dynamic_route(vec!["10.1.0.0/16"], |cidr| {
                    let cidr: Expr<String> = cidr;
                    route_table::Route::new().cidr_block(cidr)
                })
                .dynamic_route(&extra, |r| {
                    let r: Expr<Any> = r;
                    route_table::Route::new().cidr_block(r.attr::<String>("cidr"))
                }),
        );
    });
    let route = json["resource"]["aws_route_table"]["rt"]["route"]
        .as_str()
        .expect("an expression");
    assert!(route.contains("[for route in var.names : {"), "{route}");
    assert!(route.contains("cidr_block = route,"), "{route}");
    assert!(
        route.contains("[for route in [\"10.1.0.0/16\"] : {"),
        "{route}"
    );
    assert!(route.contains("cidr_block = route.cidr,"), "{route}");
}

/// Nested types shared by several types are defined once and reachable from each type's module.
#[test]
fn shared_nested_types_are_reexported_where_they_are_used() {
    let a: tfsynth_aws::data::ami::Filter =
        tfsynth_aws::data::ami::Filter::new(tfsynth_aws::data::ami::FilterArgs {
            name: "name".into(),
            values: ["x"].into(),
        });
    // The same struct as the availability zones' filter.
    let b: tfsynth_aws::data::availability_zones::Filter = a;
    let _ = b;
}

#[test]
fn enum_arguments_take_a_variant_an_expression_or_an_unlisted_value() {
    use tfsynth::Block;
    use tfsynth_aws::elbv2::{IpAddressType, LoadBalancerType};
    use tfsynth_aws::Lb;

    assert_eq!(LoadBalancerType::Network.to_string(), "network");
    assert_eq!(
        IpAddressType::DualstackWithoutPublicIpv4.as_str(),
        "dualstack-without-public-ipv4"
    );
    let json = synth_one(|stack| {
        let kind = stack.variable("kind", Variable::<String>::new());
        let lb = || Lb::new().subnets(vec!["subnet-a"]);
        stack.resource("a", lb().load_balancer_type(LoadBalancerType::Network));
        stack.resource("b", lb().load_balancer_type(&kind));
        stack.resource(
            "c",
            lb().load_balancer_type(LoadBalancerType::unlisted("future")),
        );
    });
    let lb = &json["resource"]["aws_lb"];
    assert_eq!(lb["a"]["load_balancer_type"], "network");
    assert_eq!(lb["b"]["load_balancer_type"], "${var.kind}");
    // An unlisted value is written as given.
    assert_eq!(lb["c"]["load_balancer_type"], "future");

    // The enum's values are in the type's rule table too, for values given by other routes.
    let rules = Lb::new().rules().expect("aws_lb has rules");
    assert!(rules.args.iter().any(|r| r.path == "load_balancer_type"
        && r.check
            == tfsynth::provider_rules::Check::OneOf {
                values: LoadBalancerType::VALUES,
                ignore_case: false
            }));
}

//! The Terraform language as real configurations use it: whole-module handles and forward
//! references, providers per scope, `provider_meta`, mixed-type values, tidy output and the
//! escape hatch on typed blocks.

mod common;

fn errors(stack: &Stack) -> tfsynth::Errors {
    match stack.synth() {
        Ok(json) => panic!("expected errors, got\n{json}"),
        Err(e) => e,
    }
}

use tfsynth::prelude::*;
use tfsynth::{Instancing, Module, RawResource, Ref};

#[test]
fn a_whole_module_call_is_a_collection() {
    let mut stack = Stack::new();
    let spokes = stack.module(
        "spoke_vpcs",
        Module::new("./modules/vpc")
            .for_each(functions::toset(vec!["a", "b"]))
            .input("name", each_key())
            .outputs(["vpc_id", "cidr"]),
    );
    let all: Expr<Map<Any>> = spokes.expr();
    stack.resource(
        "peer",
        RawResource::new("aws_vpc_peering_connection")
            .for_each(&all)
            .attr("vpc_id", each_value::<Any>().attr::<String>("vpc_id")),
    );
    stack.output(
        "ids",
        Output::new(
            For::entries("k", "s", &all).to_map(|k, _| k, |_, s| s.attr::<String>("vpc_id")),
        ),
    );
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["resource"]["aws_vpc_peering_connection"]["peer"]["for_each"],
        "${module.spoke_vpcs}"
    );
    assert_eq!(
        v["output"]["ids"]["value"],
        "${{for k, s in module.spoke_vpcs : k => s.vpc_id}}"
    );
}

#[test]
fn an_output_the_module_does_not_declare_is_reported() {
    let mut stack = Stack::new();
    let net = stack.module("net", Module::new("./modules/net").outputs(["vpc_id"]));
    stack.output("a", Output::new(net.output::<String>("vpc_idd")));
    stack.output("b", Output::new(net.output::<String>("vpc_id")));
    let err = errors(&stack);
    assert_eq!(err.0.len(), 1, "{err}");
    insta::assert_snapshot!(err.to_string(), @r#"
    1 error:
      - module.net has no output "vpc_idd", used in output.a (at a): its outputs are vpc_id; fix the name or add the output to Module::outputs
    "#);
}

#[test]
fn forward_handles_are_used_before_they_are_declared() {
    let mut stack = Stack::new();
    let mut net = stack.scope("net");
    let db = net.forward::<RawResource>("aws_security_group", "db", Instancing::Count);
    let app = net.resource(
        "app",
        RawResource::new("aws_security_group")
            .attr(
                "description",
                template!("to ", Ref::at(&db, 0).get::<String>("id")),
            )
            .depends_on(&db),
    );
    net.fill(
        db,
        RawResource::new("aws_security_group")
            .count(2)
            .attr("description", "database"),
    );
    let _ = app;
    let v = common::parse(&common::synth(&stack));
    let sgs = &v["resource"]["aws_security_group"];
    assert_eq!(
        sgs["net_app"]["description"],
        "to ${aws_security_group.net_db[0].id}"
    );
    assert_eq!(sgs["net_app"]["depends_on"][0], "aws_security_group.net_db");
    assert_eq!(sgs["net_db"]["//"], "net/db");
}

#[test]
fn a_forward_handle_must_be_filled_with_what_it_reserved() {
    let mut stack = Stack::new();
    let never = stack.forward::<RawResource>("aws_vpc", "never", Instancing::Single);
    stack.output("id", Output::new(never.get::<String>("id")));
    let wrong = stack.forward::<RawResource>("aws_subnet", "wrong", Instancing::Single);
    stack.fill(wrong, RawResource::new("aws_vpc").count(1));
    let err = errors(&stack).to_string();
    assert!(
        err.contains(
            "aws_vpc.never was reserved with Declare::forward (at never) but never declared"
        ),
        "{err}"
    );
    assert!(
        err.contains("reference to undeclared aws_vpc.never in output.id"),
        "{err}"
    );
    assert!(
        err.contains("aws_subnet.wrong was reserved as a aws_subnet but filled with a aws_vpc"),
        "{err}"
    );
    assert!(
        err.contains("reserved with Single instancing but declared with Count"),
        "{err}"
    );
}

#[test]
fn any_values_iterate_without_a_cast() {
    let mut stack = Stack::new();
    let settings: Expr<Any> = stack.variable("settings", Variable::new());
    let names = For::entries("k", "v", &settings).to_list(|v| v.attr::<String>("name"));
    assert_eq!(names.to_string(), "[for k, v in var.settings : v.name]");
}

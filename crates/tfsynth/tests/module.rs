//! `module` calls. Terraform needs a module's source on disk to validate a call, so this
//! snapshot is `block-module` (not a `stack-*` one) and is checked by parsing the JSON.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Module, RawExpr, RawProvider, RawResource, RefRoot};

#[test]
fn module_calls() {
    let mut stack = Stack::new();
    let east = stack.provider(
        RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    let base = stack.resource(
        "base",
        RawResource::new("aws_s3_bucket").attr("bucket", "b"),
    );
    let net = stack.module(
        "net",
        Module::new("terraform-aws-modules/vpc/aws")
            .version("~> 6.0")
            .input("cidr", "10.0.0.0/16")
            .input("name", "net-${x}")
            .input("azs", vec!["a", "b"])
            .provider("aws", &east)
            .depends_on(&base),
    );
    let zones = stack.module(
        "zone",
        Module::new("./modules/zone")
            .count(2)
            .input("index", count_index()),
    );
    let apps = stack.module(
        "app",
        Module::new("./modules/app")
            .for_each(functions::toset(vec!["a", "b"]))
            .input("name", each_key()),
    );
    stack.output("vpc_id", Output::new(net.output::<String>("vpc_id")));
    stack.output("zone_ids", Output::new(zones.splat::<String>("id")));
    stack.output(
        "first_zone",
        Output::new(zones.at(0).output::<String>("id")),
    );
    stack.output("app_a", Output::new(apps.key("a").output::<String>("url")));
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(
        v["module"]["net"],
        serde_json::json!({
            "//": "net",
            "source": "terraform-aws-modules/vpc/aws",
            "version": "~> 6.0",
            "providers": {"aws": "aws.east"},
            "cidr": "10.0.0.0/16",
            "name": "net-$${x}",
            "azs": ["a", "b"],
            "depends_on": ["aws_s3_bucket.base"],
        })
    );
    assert_eq!(v["module"]["zone"]["count"], 2);
    assert_eq!(v["module"]["app"]["for_each"], "${toset([\"a\", \"b\"])}");
    assert_eq!(v["output"]["zone_ids"]["value"], "${module.zone[*].id}");
    assert_eq!(v["output"]["first_zone"]["value"], "${module.zone[0].id}");
    assert_eq!(v["output"]["app_a"]["value"], "${module.app[\"a\"].url}");
    common::snapshot_stack("block-module", &json);
}

/// Terraform resolves module calls input by input and output by output (checked with
/// Terraform 1.11: both stacks below apply).
#[test]
fn modules_reading_each_others_outputs_are_no_cycle() {
    let mut stack = Stack::new();
    let mut later = Stack::new();
    let b_later = later.module("b", Module::new("./m"));
    let a = stack.module(
        "a",
        Module::new("./m").input("x", b_later.output::<String>("y")),
    );
    let b = stack.module("b", Module::new("./m").input("x", a.output::<String>("y")));
    // A call may even read one of its own outputs that does not depend on that input.
    let mut me_later = Stack::new();
    let me = me_later.module("me", Module::new("./m"));
    stack.module(
        "me",
        Module::new("./m").input("x", me.output::<String>("y")),
    );
    stack.output("z", Output::new(b.output::<String>("z")));
    let v = common::parse(&common::synth(&stack));
    assert_eq!(v["module"]["a"]["x"], "${module.b.y}");
    assert_eq!(v["module"]["b"]["x"], "${module.a.y}");
    assert_eq!(v["module"]["me"]["x"], "${module.me.y}");
}

/// What Terraform reports as a cycle still is one: a call's count or for_each reading one of
/// its outputs (every output comes after the call's expansion), or an input reading the call
/// as a whole (which comes after every input).
#[test]
fn module_cycles_through_expansion_or_the_whole_call() {
    let mut stack = Stack::new();
    let mut later = Stack::new();
    let a_later = later.module("a", Module::new("./m"));
    let n: Expr<Number> = stack.local(
        "n",
        cond(a_later.at(0).output::<String>("y").equals("c"), 1, 2),
    );
    stack.module("a", Module::new("./m").count(n));
    stack.module(
        "whole",
        Module::new("./m").input(
            "x",
            functions::jsonencode(RawExpr::Ref(RefRoot::Module("whole".into()))),
        ),
    );
    let mut dep_later = Stack::new();
    let d_later = dep_later.module("d", Module::new("./m"));
    let r = stack.resource(
        "r",
        RawResource::new("aws_s3_bucket").attr("bucket", d_later.output::<String>("name")),
    );
    stack.module("d", Module::new("./m").depends_on(&r));
    let errors = stack.synth().expect_err("cycles");
    insta::assert_snapshot!(errors, @"
    3 errors:
      - dependency cycle: local.n -> module.a.output.y -> module.a (expand) -> local.n; break it by removing one of these references or depends_on
      - dependency cycle: aws_s3_bucket.r -> module.d.output.name -> module.d (expand) -> aws_s3_bucket.r; break it by removing one of these references or depends_on
      - dependency cycle: module.whole -> module.whole.var.x -> module.whole; break it by removing one of these references or depends_on
    ");
}

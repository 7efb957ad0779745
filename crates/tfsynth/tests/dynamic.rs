//! `dynamic` blocks: typed iterators, several of one name, nested dynamic blocks.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Body, DynamicBlock, RawResource};

#[test]
fn dynamic_blocks() {
    let mut stack = Stack::new();
    let volumes: Expr<Map<Number>> = stack.variable(
        "volumes",
        Variable::new().default_value([("/dev/sdf", 10), ("/dev/sdg", 20)]),
    );
    let json = {
        stack.resource(
            "web",
            RawResource::new("aws_instance")
                .attr("ami", "ami-123")
                .attr("instance_type", "t3.micro")
                .dynamic(
                    "ebs_block_device",
                    DynamicBlock::new(&volumes, "vol", |v| {
                        Body::new()
                            .attr("device_name", v.key::<String>())
                            .attr("volume_size", v.value::<Number>())
                    }),
                ),
        );
        common::synth(&stack)
    };
    let v = common::parse(&json);
    let d = &v["resource"]["aws_instance"]["web"]["dynamic"]["ebs_block_device"];
    assert_eq!(d["for_each"], "${var.volumes}");
    assert_eq!(d["iterator"], "vol");
    assert_eq!(d["content"]["device_name"], "${vol.key}");
    common::snapshot_stack("stack-block-dynamic", &json);
}

#[test]
fn nested_dynamic_blocks_see_outer_iterators() {
    let mut stack = Stack::new();
    let rules: Expr<List<Any>> = stack.variable("rules", Variable::new());
    let inner = |outer: &tfsynth::DynamicIterator| {
        let outer_value = outer.value::<Any>();
        Body::new().attr("id", outer.key::<Number>()).dynamic(
            "transition",
            DynamicBlock::new(outer_value.attr::<List<Number>>("days"), "t", |t| {
                Body::new().attr("days", t.value::<Number>())
            }),
        )
    };
    stack.resource(
        "lc",
        RawResource::new("aws_s3_bucket_lifecycle_configuration")
            .attr("bucket", "b")
            .dynamic("rule", DynamicBlock::new(&rules, "r", inner))
            .dynamic(
                "rule",
                DynamicBlock::new(&rules, "r2", |r| Body::new().attr("id", r.key::<Number>())),
            ),
    );
    let v = common::parse(&common::synth(&stack));
    let rule = &v["resource"]["aws_s3_bucket_lifecycle_configuration"]["lc"]["dynamic"]["rule"];
    // Two dynamic blocks of one name become an array.
    assert_eq!(
        rule[0]["content"]["dynamic"]["transition"]["for_each"],
        "${r.value.days}"
    );
    assert_eq!(rule[1]["iterator"], "r2");
}

//! `data` blocks, referenced from resources and outputs.

use tfsynth::Ref;
mod common;

use tfsynth::prelude::*;
use tfsynth::{Body, RawData, RawResource};

#[test]
fn data_sources() {
    let mut stack = Stack::new();
    let ami = stack.data(
        "al2023",
        RawData::new("aws_ami")
            .attr("most_recent", true)
            .attr("owners", vec!["amazon"])
            .push_block(
                "filter",
                Body::new()
                    .attr("name", "name")
                    .attr("values", vec!["al2023-ami-*"]),
            )
            .push_block(
                "filter",
                Body::new()
                    .attr("name", "architecture")
                    .attr("values", vec!["x86_64"]),
            ),
    );
    let zones = stack.data("zones", RawData::new("aws_availability_zones").count(1));
    stack.resource(
        "web",
        RawResource::new("aws_instance")
            .attr("ami", ami.get::<String>("id"))
            .attr("instance_type", "t3.micro")
            .attr(
                "availability_zone",
                Ref::at(&zones, 0).get::<List<String>>("names").at(0),
            ),
    );
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(
        v["resource"]["aws_instance"]["web"]["ami"],
        "${data.aws_ami.al2023.id}"
    );
    assert_eq!(
        v["data"]["aws_ami"]["al2023"]["filter"][1]["name"],
        "architecture"
    );
    common::snapshot_stack("stack-block-data", &json);
}

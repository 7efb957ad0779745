//! `provider` blocks, aliases, and the `provider` meta-argument.

mod common;

use tfsynth::prelude::*;
use tfsynth::{RawData, RawProvider, RawResource};

#[test]
fn default_and_aliased_providers() {
    let mut stack = Stack::new();
    stack.provider(
        RawProvider::new("aws")
            .requirement("hashicorp/aws", "~> 6.0")
            .attr("region", "eu-west-1")
            .block(
                "default_tags",
                tfsynth::Body::new().attr("tags", Value::<Map<String>>::from([("App", "x")])),
            ),
    );
    let east = stack.provider(
        RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    assert_eq!(east.to_string(), "aws.east");
    stack.resource(
        "b",
        RawResource::new("aws_s3_bucket")
            .attr("bucket", "b")
            .provider(&east),
    );
    stack.data("me", RawData::new("aws_caller_identity").provider(&east));
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(
        v["terraform"]["required_providers"]["aws"]["source"],
        "hashicorp/aws"
    );
    assert_eq!(v["resource"]["aws_s3_bucket"]["b"]["provider"], "aws.east");
    assert_eq!(
        v["data"]["aws_caller_identity"]["me"]["provider"],
        "aws.east"
    );
    assert_eq!(v["provider"]["aws"][1]["alias"], "east");
    common::snapshot_stack("stack-block-provider", &json);
}

//! `output` blocks: value, description, sensitive, depends_on, precondition.

mod common;

use tfsynth::prelude::*;
use tfsynth::RawResource;

#[test]
fn outputs_with_every_option() {
    let mut stack = Stack::new();
    let bucket = stack.resource("b", RawResource::new("aws_s3_bucket").attr("bucket", "b"));
    let arn: Expr<String> = bucket.get("arn");
    stack.output(
        "arn",
        Output::new(arn.clone())
            .description("ARN of ${bucket}")
            .sensitive(true)
            .depends_on(&bucket)
            .precondition(functions::startswith(arn, "arn:"), "not an ARN: %{x}"),
    );
    stack.output("literal", Output::new(vec![1, 2, 3]));
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(v["output"]["arn"]["description"], "ARN of ${bucket}");
    assert_eq!(
        v["output"]["arn"]["depends_on"],
        serde_json::json!(["aws_s3_bucket.b"])
    );
    assert_eq!(
        v["output"]["arn"]["precondition"][0]["error_message"],
        "not an ARN: %%{x}"
    );
    assert_eq!(
        v["output"]["literal"]["value"],
        serde_json::json!([1, 2, 3])
    );
    common::snapshot_stack("stack-block-output", &json);
}

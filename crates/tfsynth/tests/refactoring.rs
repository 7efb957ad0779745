//! `moved`, `import` and `removed` blocks.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Import, Moved, RawProvider, RawResource, Removed};

#[test]
fn moved_import_removed() {
    let mut stack = Stack::new();
    let east = stack.provider(
        RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    let id: Expr<String> =
        stack.variable("bucket_id", Variable::new().default_value("legacy-bucket"));
    let bucket = stack.resource(
        "logs",
        RawResource::new("aws_s3_bucket")
            .attr("bucket", "logs")
            .provider(&east),
    );
    stack.moved(Moved::new("aws_s3_bucket.old_logs", &bucket));
    stack.import(Import::new(&bucket, id).provider(&east));
    stack.removed(Removed::forget("aws_s3_bucket.scratch"));
    stack.removed(Removed::destroy("aws_s3_bucket.tmp"));
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(
        v["moved"],
        serde_json::json!([{"from": "aws_s3_bucket.old_logs", "to": "aws_s3_bucket.logs"}])
    );
    assert_eq!(v["import"][0]["id"], "${var.bucket_id}");
    assert_eq!(v["removed"][1]["lifecycle"]["destroy"], true);
    common::snapshot_stack("stack-block-refactoring", &json);
}

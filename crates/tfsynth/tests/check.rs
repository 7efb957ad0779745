//! `check` blocks with a scoped data source and assertions.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Check, RawData, RawExpr, RawResource, RefRoot};

#[test]
fn check_blocks() {
    let mut stack = Stack::new();
    let bucket = stack.resource(
        "site",
        RawResource::new("aws_s3_bucket").attr("bucket", "site"),
    );
    let scoped: Expr<String> = Expr::from_raw(
        RawExpr::Ref(RefRoot::Data {
            type_name: "aws_s3_bucket".into(),
            name: "probe".into(),
        })
        .attr("region"),
    );
    stack.check(
        "site_region",
        Check::new()
            .data(
                "probe",
                RawData::new("aws_s3_bucket").attr("bucket", bucket.get::<String>("id")),
            )
            .assert(
                scoped.equals("eu-west-1"),
                template!("bucket is in ", scoped.clone(), ", not ${region}"),
            ),
    );
    stack.check(
        "named",
        Check::new().assert(
            bucket.get::<String>("bucket").not_equals(""),
            "unnamed bucket",
        ),
    );
    let json = common::synth(&stack);
    let v = common::parse(&json);
    assert_eq!(
        v["check"]["site_region"]["assert"][0]["error_message"],
        "bucket is in ${data.aws_s3_bucket.probe.region}, not $${region}"
    );
    common::snapshot_stack("stack-block-check", &json);

    // The scoped data source is visible only inside its check.
    let mut outside = stack.clone();
    outside.output("leak", Output::new(scoped));
    assert!(outside.synth().is_err());
}

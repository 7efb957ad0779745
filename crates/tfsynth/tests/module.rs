//! `module` calls. Terraform needs a module's source on disk to validate a call, so this
//! snapshot is `block-module` (not a `stack-*` one) and is checked by parsing the JSON.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Module, RawProvider, RawResource};

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
            .for_each(vec!["a", "b"])
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
    assert_eq!(
        v["module"]["app"]["for_each"],
        serde_json::json!(["a", "b"])
    );
    assert_eq!(v["output"]["zone_ids"]["value"], "${module.zone[*].id}");
    assert_eq!(v["output"]["first_zone"]["value"], "${module.zone[0].id}");
    assert_eq!(v["output"]["app_a"]["value"], "${module.app[\"a\"].url}");
    common::snapshot_stack("block-module", &json);
}

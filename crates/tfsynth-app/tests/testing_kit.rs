//! The test kit on a small stack: each assertion passes on what is there and fails, with the
//! nearest candidates in its message, on what is not.

#![allow(clippy::unwrap_used)]

use serde_json::json;
use tfsynth::prelude::*;
use tfsynth::{Body, RawData, RawResource};
use tfsynth_app::testing::{Match, Template};

fn stack() -> Stack {
    let mut s = Stack::new();
    let site = s.resource(
        "site",
        RawResource::new("aws_s3_bucket")
            .attr("bucket", "acme-site")
            .attr(
                "tags",
                Value::<Map<String>>::from([("Team", "web"), ("Env", "dev")]),
            ),
    );
    s.resource(
        "logs",
        RawResource::new("aws_s3_bucket").attr("bucket", "acme-logs"),
    );
    s.resource(
        "site",
        RawResource::new("aws_s3_bucket_versioning")
            .attr("bucket", site.get::<String>("id"))
            .block(
                "versioning_configuration",
                Body::new().attr("status", "Enabled"),
            ),
    );
    s.resource(
        "site",
        RawResource::new("aws_s3_bucket_public_access_block")
            .attr("bucket", site.get::<String>("id"))
            .attr("block_public_acls", true)
            .attr("restrict_public_buckets", true),
    );
    s.data(
        "read",
        RawData::new("aws_iam_policy_document").push_block(
            "statement",
            Body::new()
                .attr("actions", Value::<List<String>>::from(vec!["s3:GetObject"]))
                .attr(
                    "resources",
                    Value::<List<String>>::from(vec!["arn:aws:s3:::acme-site/*"]),
                ),
        ),
    );
    s.output("bucket_arn", Output::new(site.get::<String>("arn")));
    s.output("bucket_name", Output::new("acme-site"));
    s
}

fn template() -> Template {
    Template::from_stack(&stack()).unwrap()
}

/// The panic message of `f`.
fn panic_of(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let p = std::panic::catch_unwind(f).unwrap_err();
    match p.downcast::<String>() {
        Ok(s) => *s,
        Err(p) => p.downcast_ref::<&str>().unwrap().to_string(),
    }
}

#[test]
fn an_invalid_stack_or_json_is_an_error() {
    let mut s = Stack::new();
    s.resource("bad name", RawResource::new("aws_s3_bucket"));
    let e = Template::from_stack(&s).unwrap_err();
    assert!(e.starts_with("the stack is invalid:\n"), "{e}");
    assert!(e.contains("bad name"), "{e}");
    let e = Template::from_json("[1]").unwrap_err();
    assert_eq!(
        e,
        "the template is an array, not a JSON object: give the text of a .tf.json file"
    );
    assert!(Template::from_json("{")
        .unwrap_err()
        .starts_with("the template is not valid JSON"));
}

#[test]
fn has_resource() {
    let t = template();
    t.has_resource("aws_s3_bucket");
    assert_eq!(
        t.try_has_resource("aws_s3_bukcet").unwrap_err(),
        "no resource of type aws_s3_bukcet; did you mean aws_s3_bucket, aws_s3_bucket_versioning, \
         aws_s3_bucket_public_access_block? the template has resource types: aws_s3_bucket, \
         aws_s3_bucket_public_access_block, aws_s3_bucket_versioning"
    );
    let text = panic_of(|| template().has_resource("aws_iam_role"));
    assert!(
        text.starts_with("no resource of type aws_iam_role; the template has"),
        "{text}"
    );
    // Data sources are not resources.
    assert!(t.try_has_resource("aws_iam_policy_document").is_err());
}

#[test]
fn has_resource_with_matches_by_subset() {
    let t = template();
    t.has_resource_with("aws_s3_bucket", json!({"bucket": "acme-logs"}));
    t.has_resource_with("aws_s3_bucket", json!({"tags": {"Team": "web"}}));
    t.has_resource_with(
        "aws_s3_bucket_versioning",
        json!({
            "bucket": Match::string_containing("aws_s3_bucket.site.id"),
            "versioning_configuration": {"status": "Enabled"},
            "mfa": Match::absent(),
        }),
    );
    t.has_resource_with(
        "aws_s3_bucket_public_access_block",
        json!({"block_public_acls": true, "restrict_public_buckets": Match::any()}),
    );
    t.has_resource_with(
        "aws_s3_bucket",
        Match::exact(json!({"bucket": "acme-logs"})),
    );
}

#[test]
fn has_resource_with_shows_each_candidate_and_where_it_differs() {
    let t = template();
    let e = t
        .try_has_resource_with("aws_s3_bucket", json!({"tags": {"Team": "data"}}))
        .unwrap_err();
    assert_eq!(
        e,
        r#"no resource of type aws_s3_bucket matches {"tags":{"Team":"data"}}; the 2 of that type:
  aws_s3_bucket.site: at tags.Team, expected "data", found "web"
  aws_s3_bucket.logs: at tags, expected an object, found nothing (the key is absent)"#
    );
    let e = t
        .try_has_resource_with(
            "aws_s3_bucket_versioning",
            json!({"versioning_configuration": {"status": "Suspended"}}),
        )
        .unwrap_err();
    assert!(
        e.ends_with(
            "the only one:\n  aws_s3_bucket_versioning.site: at versioning_configuration.status, \
             expected \"Suspended\", found \"Enabled\""
        ),
        "{e}"
    );
    let e = t
        .try_has_resource_with(
            "aws_s3_bucket",
            Match::exact(json!({"bucket": "acme-site"})),
        )
        .unwrap_err();
    assert!(
        e.contains("aws_s3_bucket.site: at tags, expected no such key (exact match), found"),
        "{e}"
    );
    // An unknown type: the closest types.
    let e = t
        .try_has_resource_with("aws_s3_bucket_versionin", json!({}))
        .unwrap_err();
    assert!(e.contains("did you mean aws_s3_bucket_versioning,"), "{e}");
    let text = panic_of(|| {
        template().has_resource_with("aws_s3_bucket", json!({"bucket": "nope"}));
    });
    assert!(text.contains(r#"aws_s3_bucket.logs: at bucket, expected "nope", found "acme-logs""#));
}

#[test]
fn resource_count() {
    let t = template();
    assert_eq!(t.resource_count("aws_s3_bucket"), 2);
    assert_eq!(t.resource_count("aws_iam_role"), 0);
    t.assert_resource_count("aws_s3_bucket", 2);
    t.assert_resource_count("aws_iam_role", 0);
    assert_eq!(
        t.try_assert_resource_count("aws_s3_bucket", 3).unwrap_err(),
        "expected 3 resources of type aws_s3_bucket, found 2: site, logs"
    );
    let text = panic_of(|| template().assert_resource_count("aws_s3_buckets", 1));
    assert!(
        text.starts_with(
            "expected 1 resources of type aws_s3_buckets, found none; did you mean aws_s3_bucket"
        ),
        "{text}"
    );
}

#[test]
fn resources_of() {
    let t = template();
    let found = t.resources_of("aws_s3_bucket");
    let names: Vec<&str> = found.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["site", "logs"]);
    assert_eq!(found[1].1["bucket"], "acme-logs");
    assert!(t.resources_of("aws_iam_role").is_empty());
    assert_eq!(
        t.resource_types(),
        [
            "aws_s3_bucket",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_versioning"
        ]
    );
}

#[test]
fn has_data_source_with() {
    let t = template();
    t.has_data_source("aws_iam_policy_document");
    t.has_data_source_with(
        "aws_iam_policy_document",
        json!({"statement": [{"actions": ["s3:GetObject"]}]}),
    );
    t.has_data_source_with(
        "aws_iam_policy_document",
        json!({"statement": Match::array_containing(vec![
            json!({"resources": Match::array_containing(vec![json!("arn:aws:s3:::acme-site/*")])})
        ])}),
    );
    let e = t
        .try_has_data_source_with(
            "aws_iam_policy_document",
            json!({"statement": [{"actions": ["s3:PutObject"]}]}),
        )
        .unwrap_err();
    assert!(
        e.ends_with(
            "the only one:\n  data.aws_iam_policy_document.read: at statement[0].actions[0], \
             expected \"s3:PutObject\", found \"s3:GetObject\""
        ),
        "{e}"
    );
    let text = panic_of(|| template().has_data_source_with("aws_iam_policy_doc", json!({})));
    assert!(
        text.starts_with(
            "no data source of type aws_iam_policy_doc; did you mean aws_iam_policy_document?"
        ),
        "{text}"
    );
    assert!(t.try_has_data_source("aws_s3_bucket").is_err());
}

#[test]
fn outputs() {
    let t = template();
    t.has_output("bucket_arn");
    assert_eq!(
        t.output_value("bucket_arn"),
        Some(&json!("${aws_s3_bucket.site.arn}"))
    );
    assert_eq!(t.output_value("bucket_name"), Some(&json!("acme-site")));
    assert_eq!(t.output_value("nope"), None);
    assert_eq!(t.output_names(), ["bucket_arn", "bucket_name"]);
    assert_eq!(
        t.try_has_output("bucket_ar").unwrap_err(),
        "no output bucket_ar; did you mean bucket_arn, bucket_name? the template has outputs: \
         bucket_arn, bucket_name"
    );
    let text = panic_of(|| template().has_output("zone_id"));
    assert_eq!(
        text,
        "no output zone_id; the template has outputs: bucket_arn, bucket_name"
    );
    let empty = Template::from_json("{}").unwrap();
    assert_eq!(
        empty.try_has_output("x").unwrap_err(),
        "no output x; the template has no outputs at all"
    );
}

#[test]
fn a_bad_matcher_is_reported() {
    let t = template();
    let e = t
        .try_has_resource_with(
            "aws_s3_bucket",
            json!({"bucket": {"$tfsynth_match": "regex"}}),
        )
        .unwrap_err();
    assert!(e.starts_with("invalid matcher"), "{e}");
    assert!(e.contains("build matchers with Match::any"), "{e}");
}

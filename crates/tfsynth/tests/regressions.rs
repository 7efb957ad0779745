//! One test per fixed bug.

use tfsynth::Ref;
mod common;

use tfsynth::prelude::*;
use tfsynth::{to_json_string, RawResource};

/// Variable defaults are read by Terraform without an evaluation context: escaping `${`
/// there changed the value (`"${x}"` reached Terraform as `"$${x}"`).
#[test]
fn variable_default_is_not_template_escaped() {
    let mut stack = Stack::new();
    let _: Expr<String> = stack.variable("v", Variable::new().default_value("${x}"));
    let v = common::parse(&common::synth(&stack));
    assert_eq!(v["variable"]["v"]["default"], "${x}");
}

/// Indexing the result of a splat indexed every element instead (`x[*].id[0]`).
#[test]
fn index_after_splat_is_grouped() {
    let mut stack = Stack::new();
    let s = stack.resource("s", RawResource::new("aws_subnet").count(2));
    let first = Ref::splat(&s, |s| s.get::<String>("id")).at(0);
    assert_eq!(
        to_json_string(first.raw()),
        r#""${(aws_subnet.s[*].id)[0]}""#
    );
}

/// `{ for = 1 }` starts a `for` expression in HCL: keyword keys must be quoted.
#[test]
fn keyword_object_keys_are_quoted() {
    let m = functions::jsonencode(serde_json::json!({"for": 1, "null": 2}));
    assert_eq!(m.to_string(), r#"jsonencode({ "for" = 1, "null" = 2 })"#);
}

/// An attribute name that is not an identifier rendered as `x.Cost Center`.
#[test]
fn non_identifier_attribute_is_an_index() {
    let mut stack = Stack::new();
    let tags: Expr<Map<String>> = stack.variable("tags", Variable::new());
    assert_eq!(
        tags.attr::<String>("Cost Center").to_string(),
        r#"var.tags["Cost Center"]"#
    );
}

//! `variable` blocks with every option.

mod common;

use tfsynth::prelude::*;
use tfsynth::TypeExpr;

#[test]
fn variables_with_every_option() {
    let mut stack = Stack::new();
    let _: Expr<String> = stack.variable(
        "env",
        Variable::new()
            .default_value("dev ${literal}")
            .description("Environment, %{ not a directive }")
            .sensitive(false)
            .nullable(false)
            .validation(
                |e| functions::contains(vec!["dev ${literal}", "prod"], e),
                "env must be dev or prod, got ${var.env}",
            ),
    );
    let _: Expr<Any> = stack.variable(
        "service",
        Variable::of_type(
            TypeExpr::object([
                ("name", TypeExpr::String),
                ("ports", TypeExpr::list(TypeExpr::Number)),
            ])
            .with_optional(
                "tags",
                TypeExpr::map(TypeExpr::String),
                Some(serde_json::json!({}).into()),
            )
            .with_optional("public", TypeExpr::Bool, None),
        ),
    );
    let _: Expr<Any> = stack.variable(
        "pair",
        Variable::of_type(TypeExpr::tuple([TypeExpr::String, TypeExpr::Any])),
    );
    let _: Expr<Set<String>> = stack.variable("zones", Variable::new().default_value(vec!["a"]));
    let _: Expr<String> = stack.variable("secret", Variable::new().sensitive(true).ephemeral(true));
    let json = common::synth(&stack);
    let v = common::parse(&json);
    // Defaults and descriptions are read verbatim by Terraform: no template escapes there.
    assert_eq!(v["variable"]["env"]["default"], "dev ${literal}");
    assert_eq!(
        v["variable"]["env"]["description"],
        "Environment, %{ not a directive }"
    );
    // The validation condition is an expression: its string literals are escaped.
    assert_eq!(
        v["variable"]["env"]["validation"][0]["condition"],
        "${contains([\"dev $${literal}\", \"prod\"], var.env)}"
    );
    common::snapshot_stack("stack-block-variable", &json);
}

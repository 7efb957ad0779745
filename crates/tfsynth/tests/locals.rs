//! `locals`: literals, expressions and references between locals.

mod common;

use tfsynth::prelude::*;

#[test]
fn locals_in_declaration_order() {
    let mut stack = Stack::new();
    let mut app = stack.scope("app");
    let name: Expr<String> = app.local("name", "web ${x}");
    let port: Expr<Number> = app.local("port", 8080);
    drop(app);
    let url: Expr<String> = stack.local(
        "url",
        template!("http://", &name, ":", port.cast::<String>()),
    );
    let _: Expr<List<String>> = stack.local("urls", vec![url.clone(), url]);
    let json = common::synth(&stack);
    assert_eq!(
        common::parse(&json)["locals"],
        serde_json::json!({
            "app_name": "web $${x}",
            "app_port": 8080,
            "url": "http://${local.app_name}:${local.app_port}",
            "urls": ["${local.url}", "${local.url}"],
        })
    );
    common::snapshot_stack("stack-block-locals", &json);
}

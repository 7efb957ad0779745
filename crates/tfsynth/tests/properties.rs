//! Properties: string literals round-trip through synth in every position, and synth is
//! deterministic.

mod common;

use proptest::prelude::*;
use tfsynth::prelude::*;
use tfsynth::{unescape_template, RawResource};

/// Strings rich in what needs escaping: template openers, quotes, backslashes, controls.
fn tricky_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("${".to_owned()),
        Just("%{".to_owned()),
        Just("$${".to_owned()),
        Just("%%{".to_owned()),
        Just("$".to_owned()),
        Just("%".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\n".to_owned()),
        Just("~}".to_owned()),
        any::<char>().prop_map(String::from),
        "[a-z ]{0,4}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

/// Reads back what Terraform would get from an HCL quoted string's body (the inside of
/// `"..."`): backslash escapes, then template escapes.
fn unescape_hcl_quoted(body: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(unescape_template(&out))
}

fn synth_with_attr(s: &str) -> serde_json::Value {
    let mut stack = Stack::new();
    let name: Expr<String> = stack.variable("name", Variable::new());
    stack.resource(
        "r",
        RawResource::new("aws_s3_bucket")
            .attr("bucket", s)
            .attr("tags", Value::<Map<String>>::from([(s, s)]))
            .attr("policy", functions::join(s, vec![name.clone()]))
            .attr("acl", template!(s, &name, s)),
    );
    let _: Expr<String> =
        stack.variable("literal", Variable::new().default_value(s).description(s));
    common::parse(&common::synth(&stack))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn string_literals_round_trip(s in tricky_string()) {
        let v = synth_with_attr(&s);
        let r = &v["resource"]["aws_s3_bucket"]["r"];

        // As an attribute: JSON string, template-escaped.
        prop_assert_eq!(unescape_template(r["bucket"].as_str().unwrap_or_default()), s.clone());

        // As an object key and value.
        let tags = r["tags"].as_object().cloned().unwrap_or_default();
        prop_assert_eq!(tags.len(), 1);
        let (k, val) = tags.iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap_or_default();
        prop_assert_eq!(unescape_template(&k), s.clone());
        prop_assert_eq!(unescape_template(val.as_str().unwrap_or_default()), s.clone());

        // Nested in an expression: `${join("<s>", [var.name])}`.
        let policy = r["policy"].as_str().unwrap_or_default().to_owned();
        let inner = policy
            .strip_prefix("${join(\"")
            .and_then(|p| p.strip_suffix("\", [var.name])}"));
        prop_assert!(inner.is_some(), "unexpected shape: {}", policy);
        prop_assert_eq!(unescape_hcl_quoted(inner.unwrap_or_default()), Some(s.clone()));

        // Literal parts of a template.
        let acl = r["acl"].as_str().unwrap_or_default();
        let parts: Vec<&str> = acl.split("${var.name}").collect();
        if !s.is_empty() {
            prop_assert_eq!(parts.len(), 2, "{}", acl);
            prop_assert_eq!(unescape_template(parts[0]), s.clone());
            prop_assert_eq!(unescape_template(parts[1]), s.clone());
        }

        // Where Terraform reads without context (defaults, descriptions): verbatim.
        let var = &v["variable"]["literal"];
        prop_assert_eq!(var["default"].as_str(), Some(s.as_str()));
        prop_assert_eq!(var["description"].as_str(), Some(s.as_str()));
    }

    #[test]
    fn synth_is_deterministic(
        names in prop::collection::btree_set("[a-z][a-z0-9]{0,8}", 1..8),
        value in tricky_string(),
    ) {
        let build = |rev: bool| {
            let mut stack = Stack::new();
            let mut order: Vec<&String> = names.iter().collect();
            if rev {
                // A different but equivalent construction: the map is built in another order
                // and the same blocks are declared through a scope handle.
                order.reverse();
            }
            let tags: std::collections::BTreeMap<&str, &str> =
                order.iter().map(|n| (n.as_str(), value.as_str())).collect();
            let mut scope = stack.scope("s");
            for n in &names {
                scope.resource(n, RawResource::new("aws_s3_bucket").attr("bucket", value.as_str()).attr("tags", Value::<Map<String>>::from(tags.clone())));
            }
            drop(scope);
            stack.output("o", Output::new(value.as_str()));
            common::synth(&stack)
        };
        let a = build(false);
        prop_assert_eq!(&a, &build(false));
        prop_assert_eq!(&a, &build(true));
    }
}

//! Properties: string literals round-trip through synth in every position, and synth is
//! deterministic.

mod common;

use common::{read_template, Piece};
use proptest::prelude::*;
use tfsynth::prelude::*;
use tfsynth::{
    render_hcl, to_json_string, unescape_template, RawExpr, RawResource, RefRoot, TemplatePart,
};

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

/// A part of a template under test: literal text or `var.name`.
#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Var,
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![tricky_string().prop_map(Part::Lit), Just(Part::Var)]
}

/// What Terraform must read from a template of `parts`: the literals joined, empty ones gone.
fn expected(parts: &[Part]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in parts {
        match (p, out.last_mut()) {
            (Part::Lit(s), _) if s.is_empty() => {}
            (Part::Lit(s), Some(Piece::Text(t))) => t.push_str(s),
            (Part::Lit(s), _) => out.push(Piece::Text(s.clone())),
            (Part::Var, _) => out.push(Piece::Interp("var.name".to_owned())),
        }
    }
    out
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

        // Literal parts of a template, read the way Terraform reads them.
        let acl = r["acl"].as_str().unwrap_or_default();
        prop_assert_eq!(read_template(acl, false), expected(&[Part::Lit(s.clone()), Part::Var, Part::Lit(s.clone())]));

        // Where Terraform reads without context (defaults, descriptions): verbatim.
        let var = &v["variable"]["literal"];
        prop_assert_eq!(var["default"].as_str(), Some(s.as_str()));
        prop_assert_eq!(var["description"].as_str(), Some(s.as_str()));
    }

    /// Any sequence of literal parts (split anywhere, `$` and `%` right before an
    /// interpolation included) and interpolations reads back, in JSON and in HCL, as the
    /// literal text around the interpolations.
    #[test]
    fn templates_read_back_as_built(parts in prop::collection::vec(part(), 0..6)) {
        let raw = RawExpr::Template(
            parts
                .iter()
                .map(|p| match p {
                    Part::Lit(s) => TemplatePart::Lit(s.clone()),
                    Part::Var => TemplatePart::Interp(RawExpr::Ref(RefRoot::Var("name".into()))),
                })
                .collect(),
        );
        let want = expected(&parts);
        let json: String = serde_json::from_str(&to_json_string(&raw)).unwrap_or_default();
        prop_assert_eq!(read_template(&json, false), want.clone(), "JSON {:?}", json);
        let mut hcl = String::new();
        render_hcl(&raw, &mut hcl);
        let body = hcl.strip_prefix('"').and_then(|h| h.strip_suffix('"'));
        prop_assert!(body.is_some(), "not a quoted template: {}", hcl);
        prop_assert_eq!(read_template(body.unwrap_or_default(), true), want, "HCL {}", hcl);
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

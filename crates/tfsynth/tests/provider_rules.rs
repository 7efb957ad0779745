//! The provider's rules ([`tfsynth::provider_rules`]) checked at synth: each check kind, each
//! group kind, where values are found (nested, repeated and `dynamic` blocks, object
//! literals), what is never refused (expressions), and how findings are reported.
#![allow(clippy::unwrap_used)]

use tfsynth::prelude::*;
use tfsynth::provider_rules::{ArgRule, Check, Format, GroupKind, GroupRule, TypeRules};
use tfsynth::{Body, DynamicBlock, Error, RawData, RawResource, Ref};

/// The messages of a synth's provider rule findings, as `argument: message`.
fn findings(stack: &Stack) -> Vec<String> {
    match stack.synth() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| match e {
                Error::ProviderRule {
                    argument, message, ..
                } => format!("{argument}: {message}"),
                other => panic!("not a provider rule finding: {other}"),
            })
            .collect(),
    }
}

/// One resource of type `t` with `rules` and `body`, synthesized.
fn one(rules: &'static TypeRules, body: Body) -> Vec<String> {
    let mut stack = Stack::new();
    let mut r = RawResource::new("t_x").with_rules(rules);
    for (name, entry) in body.entries() {
        r = match entry {
            tfsynth::Entry::Attr(v) => r.attr(name.to_string(), v.clone()),
            tfsynth::Entry::Block(b) => r.block(name.to_string(), b.clone()),
            tfsynth::Entry::Blocks(bs) => bs
                .iter()
                .fold(r, |r, b| r.push_block(name.to_string(), b.clone())),
            _ => r,
        };
    }
    for (name, d) in body.dynamic_blocks() {
        r = r.dynamic(name.clone(), d.clone());
    }
    stack.resource("x", r);
    findings(&stack)
}

fn rules_of(args: &'static [ArgRule]) -> &'static TypeRules {
    Box::leak(Box::new(TypeRules {
        args,
        groups: &[],
        sensitive: &[],
    }))
}

fn groups_of(groups: &'static [GroupRule]) -> &'static TypeRules {
    Box::leak(Box::new(TypeRules {
        args: &[],
        groups,
        sensitive: &[],
    }))
}

fn var<T: tfsynth::TfType>(stack: &mut Stack, name: &str) -> Expr<T> {
    stack.variable(name, Variable::new())
}

static ONE_OF: &[ArgRule] = &[
    ArgRule {
        path: "runtime",
        check: Check::OneOf {
            values: &["nodejs20.x", "python3.12"],
            ignore_case: false,
        },
    },
    ArgRule {
        path: "mode",
        check: Check::OneOf {
            values: &["Active", "PassThrough"],
            ignore_case: true,
        },
    },
];

#[test]
fn one_of_lists_what_is_allowed() {
    let rules = rules_of(ONE_OF);
    assert_eq!(
        one(rules, Body::new().attr("runtime", "python3.99")),
        ["runtime: expected runtime to be one of [\"nodejs20.x\", \"python3.12\"], got python3.99"]
    );
    assert!(one(rules, Body::new().attr("runtime", "python3.12")).is_empty());
    // Case matters unless the rule says otherwise.
    assert_eq!(
        one(rules, Body::new().attr("runtime", "Python3.12")).len(),
        1
    );
    assert!(one(rules, Body::new().attr("mode", "active")).is_empty());
    assert_eq!(
        one(rules, Body::new().attr("mode", "passive")),
        ["mode: expected mode to be one of [\"Active\", \"PassThrough\"] (in any case), got passive"]
    );
}

static NUMBERS: &[ArgRule] = &[
    ArgRule {
        path: "memory_size",
        check: Check::IntRange {
            min: Some(128),
            max: Some(10240),
        },
    },
    ArgRule {
        path: "retention",
        check: Check::IntOneOf {
            values: &[1, 3, 5, 7],
        },
    },
    ArgRule {
        path: "timeout",
        check: Check::IntRange {
            min: Some(1),
            max: None,
        },
    },
    ArgRule {
        path: "weight",
        check: Check::FloatRange {
            min: Some(0.0),
            max: Some(1.0),
        },
    },
    ArgRule {
        path: "port",
        check: Check::IntRange {
            min: None,
            max: Some(65535),
        },
    },
];

#[test]
fn numbers_in_ranges_and_sets() {
    let rules = rules_of(NUMBERS);
    assert_eq!(
        one(rules, Body::new().attr("memory_size", 64)),
        ["memory_size: expected memory_size to be in the range (128 - 10240), got 64"]
    );
    assert!(one(rules, Body::new().attr("memory_size", 10240)).is_empty());
    assert!(one(rules, Body::new().attr("memory_size", 128)).is_empty());
    // Terraform converts a string to a number.
    assert_eq!(
        one(rules, Body::new().attr("memory_size", "20000")).len(),
        1
    );
    assert_eq!(
        one(rules, Body::new().attr("retention", 2)),
        ["retention: expected retention to be one of [1, 3, 5, 7], got 2"]
    );
    assert!(one(rules, Body::new().attr("retention", 7)).is_empty());
    assert_eq!(
        one(rules, Body::new().attr("timeout", 0)),
        ["timeout: expected timeout to be at least (1), got 0"]
    );
    assert_eq!(
        one(rules, Body::new().attr("port", 70000)),
        ["port: expected port to be at most (65535), got 70000"]
    );
    assert_eq!(
        one(rules, Body::new().attr("weight", 1.5)),
        ["weight: expected weight to be in the range (0 - 1), got 1.5"]
    );
    assert!(one(rules, Body::new().attr("weight", 0.25)).is_empty());
}

static LENGTHS: &[ArgRule] = &[
    ArgRule {
        path: "name",
        check: Check::Length {
            min: Some(1),
            max: Some(4),
            chars: false,
        },
    },
    ArgRule {
        path: "title",
        check: Check::Length {
            min: Some(1),
            max: Some(4),
            chars: true,
        },
    },
];

#[test]
fn lengths_in_bytes_or_characters() {
    let rules = rules_of(LENGTHS);
    // "héé" is 3 characters and 5 bytes.
    assert_eq!(
        one(rules, Body::new().attr("name", "héé")),
        ["name: expected length of name to be in the range (1 - 4), got \"héé\" (5 bytes)"]
    );
    assert!(one(rules, Body::new().attr("title", "héé")).is_empty());
    assert!(one(rules, Body::new().attr("title", "日本語!")).is_empty());
    assert_eq!(
        one(rules, Body::new().attr("title", "日本語!!")),
        ["title: expected length of title to be in the range (1 - 4), got \"日本語!!\" (5 characters)"]
    );
    assert_eq!(
        one(rules, Body::new().attr("name", "")),
        ["name: expected length of name to be in the range (1 - 4), got \"\" (0 bytes)"]
    );
}

static PATTERNS: &[ArgRule] = &[
    ArgRule {
        path: "name",
        check: Check::Pattern {
            regex: r"^[\w-]+$",
            message: Some("only alphanumeric characters, underscores and hyphens allowed"),
            negate: false,
        },
    },
    ArgRule {
        path: "prefix",
        check: Check::Pattern {
            regex: r"^aws:",
            message: None,
            negate: true,
        },
    },
    ArgRule {
        path: "code",
        check: Check::Pattern {
            regex: r"^\d{3}$",
            message: None,
            negate: false,
        },
    },
    ArgRule {
        // Not RE2 that the regex crate reads: skipped, never an error of the stack.
        path: "quoted",
        check: Check::Pattern {
            regex: r"^\Q*\E$",
            message: None,
            negate: false,
        },
    },
    ArgRule {
        path: "broken",
        check: Check::Pattern {
            regex: r"^(a",
            message: None,
            negate: false,
        },
    },
];

#[test]
fn patterns_as_go_reads_them() {
    let rules = rules_of(PATTERNS);
    assert!(one(rules, Body::new().attr("name", "my-fn_1")).is_empty());
    assert_eq!(
        one(rules, Body::new().attr("name", "my fn")),
        ["name: invalid value for name (only alphanumeric characters, underscores and hyphens allowed), got \"my fn\""]
    );
    // Go's \w is ASCII.
    assert_eq!(one(rules, Body::new().attr("name", "café")).len(), 1);
    assert_eq!(
        one(rules, Body::new().attr("prefix", "aws:x")),
        ["prefix: expected value of prefix to not match regular expression \"^aws:\", got aws:x"]
    );
    assert!(one(rules, Body::new().attr("prefix", "app:x")).is_empty());
    assert_eq!(
        one(rules, Body::new().attr("code", 42)),
        ["code: expected value of code to match regular expression \"^\\\\d{3}$\", got 42"]
    );
    assert!(one(rules, Body::new().attr("code", 404)).is_empty());
}

#[test]
fn a_pattern_that_does_not_compile_is_skipped() {
    let rules = rules_of(PATTERNS);
    let body = Body::new().attr("quoted", "x").attr("broken", "b");
    assert!(one(rules, body).is_empty());
}

static FORMATS: &[ArgRule] = &[
    ArgRule {
        path: "role",
        check: Check::Format(Format::Arn),
    },
    ArgRule {
        path: "cidr",
        check: Check::Format(Format::Ipv4Cidr),
    },
    ArgRule {
        path: "any_cidr",
        check: Check::Format(Format::Cidr),
    },
    ArgRule {
        path: "v6",
        check: Check::Format(Format::Ipv6Cidr),
    },
    ArgRule {
        path: "ip",
        check: Check::Format(Format::Ipv4),
    },
    ArgRule {
        path: "ip6",
        check: Check::Format(Format::Ipv6),
    },
    ArgRule {
        path: "policy",
        check: Check::Format(Format::Json),
    },
    ArgRule {
        path: "data",
        check: Check::Format(Format::Base64),
    },
    ArgRule {
        path: "at",
        check: Check::Format(Format::Rfc3339),
    },
];

#[test]
fn formats() {
    let rules = rules_of(FORMATS);
    let good = Body::new()
        .attr("role", "arn:aws:iam::123456789012:role/app")
        .attr("cidr", "10.0.0.0/16")
        .attr("any_cidr", "2001:db8::/32")
        .attr("v6", "2001:db8::/56")
        .attr("ip", "10.0.0.1")
        .attr("ip6", "fe80::1")
        .attr("policy", r#"{"Version":"2012-10-17","Statement":[]}"#)
        .attr("data", "aGVsbG8=")
        .attr("at", "2030-01-01T00:00:00Z");
    assert!(one(rules, good).is_empty());
    let bad = Body::new()
        .attr("role", "role/app")
        .attr("cidr", "10.0.0.1/16")
        .attr("any_cidr", "10.0.0.0")
        .attr("v6", "10.0.0.0/8")
        .attr("ip", "10.0.0.300")
        .attr("ip6", "10.0.0.1")
        .attr("policy", "{")
        .attr("data", "hello!")
        .attr("at", "2030-01-01");
    let found = one(rules, bad);
    let args: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap()).collect();
    // Sorted by argument.
    assert_eq!(
        args,
        ["any_cidr", "at", "cidr", "data", "ip", "ip6", "policy", "role", "v6"]
    );
    assert!(found[7].starts_with(
        "role: \"role\" (role/app) is an invalid ARN: arn: invalid prefix; expected arn:"
    ));
}

static ITEMS: &[ArgRule] = &[
    ArgRule {
        path: "layers",
        check: Check::Items {
            min: None,
            max: Some(2),
        },
    },
    ArgRule {
        path: "subnet_ids",
        check: Check::Items {
            min: Some(1),
            max: None,
        },
    },
    ArgRule {
        path: "rule",
        check: Check::Items {
            min: Some(1),
            max: Some(2),
        },
    },
];

#[test]
fn item_counts_of_lists_and_repeated_blocks() {
    let rules = rules_of(ITEMS);
    assert_eq!(
        one(rules, Body::new().attr("layers", vec!["a", "b", "c"])),
        ["layers: attribute layers supports 2 item maximum, but config has 3 declared"]
    );
    assert_eq!(
        one(rules, Body::new().attr("subnet_ids", Vec::<String>::new())),
        ["subnet_ids: attribute subnet_ids requires 1 item minimum, but config has only 0 declared"]
    );
    let block = || Body::new().attr("x", 1);
    let three = Body::new()
        .push_block("rule", block())
        .push_block("rule", block())
        .push_block("rule", block());
    assert_eq!(
        one(rules, three),
        ["rule: too many \"rule\" blocks: no more than 2 are allowed, 3 declared"]
    );
    let two = Body::new()
        .push_block("rule", block())
        .push_block("rule", block());
    assert!(one(rules, two).is_empty());
    // Elements given as expressions still count: the list literal has three.
    let mut stack = Stack::new();
    let a: Expr<String> = var(&mut stack, "a");
    stack.resource(
        "x",
        RawResource::new("t_x")
            .with_rules(rules)
            .attr("layers", list![&a, &a, &a]),
    );
    assert_eq!(findings(&stack).len(), 1);
}

#[test]
fn a_dynamic_block_makes_the_count_unknown() {
    let rules = rules_of(ITEMS);
    let mut stack = Stack::new();
    let rules_var: Expr<List<String>> = var(&mut stack, "rules");
    stack.resource(
        "x",
        RawResource::new("t_x")
            .with_rules(rules)
            .push_block("rule", Body::new().attr("x", 1))
            .push_block("rule", Body::new().attr("x", 1))
            .push_block("rule", Body::new().attr("x", 1))
            .dynamic("rule", DynamicBlock::new(&rules_var, "r", |_| Body::new())),
    );
    assert!(findings(&stack).is_empty());
}

static NESTED: &[ArgRule] = &[
    ArgRule {
        path: "ingress.protocol",
        check: Check::OneOf {
            values: &["tcp", "udp", "icmp", "-1"],
            ignore_case: false,
        },
    },
    ArgRule {
        path: "ingress.cidr_blocks.*",
        check: Check::Format(Format::Ipv4Cidr),
    },
    ArgRule {
        path: "vpc_config.endpoint.port",
        check: Check::IntRange {
            min: Some(1),
            max: Some(65535),
        },
    },
    ArgRule {
        path: "tags.*",
        check: Check::Length {
            min: None,
            max: Some(3),
            chars: true,
        },
    },
];

#[test]
fn nested_and_repeated_blocks_each_element() {
    let rules = rules_of(NESTED);
    let body = Body::new()
        .push_block(
            "ingress",
            Body::new()
                .attr("protocol", "tcp")
                .attr("cidr_blocks", vec!["10.0.0.0/8", "10.0.0.1/8"]),
        )
        .push_block("ingress", Body::new().attr("protocol", "tcpp"))
        .block(
            "vpc_config",
            Body::new().block("endpoint", Body::new().attr("port", 0)),
        )
        .attr("tags", obj! { a = "long", b = "ok" });
    assert_eq!(
        one(rules, body),
        [
            "ingress[0].cidr_blocks: \"10.0.0.1/8\" is not a valid IPv4 CIDR network address for cidr_blocks: expected the network address and a prefix length, as 10.0.0.0/16",
            "ingress[1].protocol: expected protocol to be one of [\"tcp\", \"udp\", \"icmp\", \"-1\"], got tcpp",
            "tags: expected length of tags to be at most (3), got \"long\" (4 characters)",
            "vpc_config.endpoint.port: expected port to be in the range (1 - 65535), got 0",
        ]
    );
}

#[test]
fn blocks_written_as_object_literals_are_checked_like_blocks() {
    let rules = rules_of(NESTED);
    let body = Body::new().attr(
        "ingress",
        list![obj! { protocol = "tcp" }, obj! { protocol = "sctp" }],
    );
    assert_eq!(
        one(rules, body),
        ["ingress[1].protocol: expected protocol to be one of [\"tcp\", \"udp\", \"icmp\", \"-1\"], got sctp"]
    );
}

#[test]
fn dynamic_content_literals_are_checked_and_its_expressions_not() {
    let rules = rules_of(NESTED);
    let mut stack = Stack::new();
    let ports: Expr<List<Number>> = var(&mut stack, "ports");
    stack.resource(
        "x",
        RawResource::new("t_x").with_rules(rules).dynamic(
            "ingress",
            DynamicBlock::new(&ports, "p", |p| {
                Body::new()
                    .attr("protocol", "tcpp")
                    .attr("cidr_blocks", list![p.value::<String>()])
            }),
        ),
    );
    assert_eq!(
        findings(&stack),
        ["ingress[dynamic].protocol: expected protocol to be one of [\"tcp\", \"udp\", \"icmp\", \"-1\"], got tcpp"]
    );
    // Over a literal empty collection, no block is made: nothing to refuse.
    let mut stack = Stack::new();
    stack.resource(
        "x",
        RawResource::new("t_x").with_rules(rules).dynamic(
            "ingress",
            DynamicBlock::new(Vec::<String>::new(), "p", |_| {
                Body::new().attr("protocol", "tcpp")
            }),
        ),
    );
    assert!(findings(&stack).is_empty());
}

#[test]
fn expressions_are_never_refused() {
    let rules = rules_of(NUMBERS);
    let mut stack = Stack::new();
    let size: Expr<Number> = var(&mut stack, "size");
    let name: Expr<String> = var(&mut stack, "name");
    stack.resource(
        "x",
        RawResource::new("t_x")
            .with_rules(rules)
            .attr("memory_size", &size)
            .attr("retention", functions::max((size.clone(), 100)))
            .attr("timeout", cond(size.clone().gt(1), 0, 5)),
    );
    stack.resource(
        "y",
        RawResource::new("t_x")
            .with_rules(rules_of(ONE_OF))
            .attr("runtime", template!("python", &name))
            .attr("mode", null()),
    );
    assert!(findings(&stack).is_empty());
    // A template without interpolation is a literal.
    let mut stack = Stack::new();
    stack.resource(
        "y",
        RawResource::new("t_x")
            .with_rules(rules_of(ONE_OF))
            .attr("runtime", template!("python", "3.99")),
    );
    assert_eq!(findings(&stack).len(), 1);
}

static CONFLICTS: &[GroupRule] = &[
    GroupRule {
        kind: GroupKind::ConflictsWith,
        path: "filename",
        others: &["s3_bucket", "image_uri"],
    },
    GroupRule {
        kind: GroupKind::ConflictsWith,
        path: "s3_bucket",
        others: &["filename"],
    },
];

#[test]
fn conflicts_with() {
    let rules = groups_of(CONFLICTS);
    assert_eq!(
        one(
            rules,
            Body::new().attr("filename", "f.zip").attr("s3_bucket", "b")
        ),
        // Declared on both sides, reported once.
        ["filename: conflicts with s3_bucket: set only one of filename and s3_bucket"]
    );
    assert!(one(rules, Body::new().attr("filename", "f.zip")).is_empty());
    assert!(one(
        rules,
        Body::new()
            .attr("filename", "f.zip")
            .attr("s3_bucket", null())
    )
    .is_empty());
    let mut stack = Stack::new();
    let bucket: Expr<String> = var(&mut stack, "bucket");
    stack.resource(
        "x",
        RawResource::new("t_x")
            .with_rules(rules)
            .attr("filename", "f.zip")
            .attr("s3_bucket", &bucket),
    );
    // The variable may be null.
    assert!(findings(&stack).is_empty());
}

static EXACTLY: &[GroupRule] = &[
    GroupRule {
        kind: GroupKind::ExactlyOneOf,
        path: "filename",
        others: &["image_uri", "s3_bucket"],
    },
    GroupRule {
        kind: GroupKind::ExactlyOneOf,
        path: "image_uri",
        others: &["filename", "s3_bucket"],
    },
    GroupRule {
        kind: GroupKind::ExactlyOneOf,
        path: "s3_bucket",
        others: &["filename", "image_uri"],
    },
];

#[test]
fn exactly_one_of() {
    let rules = groups_of(EXACTLY);
    assert_eq!(
        one(
            rules,
            Body::new().attr("s3_bucket", "b").attr("filename", "f.zip")
        ),
        ["filename: only one of `filename,image_uri,s3_bucket` can be specified, but `filename,s3_bucket` were specified"]
    );
    assert_eq!(
        one(rules, Body::new().attr("handler", "h")),
        ["filename: one of `filename,image_uri,s3_bucket` must be specified"]
    );
    assert!(one(rules, Body::new().attr("image_uri", "i")).is_empty());
    // None set for sure, but one given as an expression that may be set: not refused.
    let mut stack = Stack::new();
    let image: Expr<String> = var(&mut stack, "image");
    stack.resource(
        "x",
        RawResource::new("t_x")
            .with_rules(rules)
            .attr("image_uri", &image),
    );
    assert!(findings(&stack).is_empty());
}

static AT_LEAST: &[GroupRule] = &[GroupRule {
    kind: GroupKind::AtLeastOneOf,
    path: "logging.s3_bucket",
    others: &["logging.cloudwatch_group"],
}];

#[test]
fn at_least_one_of_in_each_block_instance() {
    let rules = groups_of(AT_LEAST);
    let body = Body::new()
        .push_block("logging", Body::new().attr("s3_bucket", "b"))
        .push_block("logging", Body::new().attr("enabled", true));
    assert_eq!(
        one(rules, body),
        ["logging[1].cloudwatch_group: one of `cloudwatch_group,s3_bucket` must be specified"]
    );
    // No logging block at all: nothing to check inside one.
    assert!(one(rules, Body::new()).is_empty());
}

static REQUIRED_WITH: &[GroupRule] = &[GroupRule {
    kind: GroupKind::RequiredWith,
    path: "s3_key",
    others: &["s3_bucket"],
}];

#[test]
fn required_with() {
    let rules = groups_of(REQUIRED_WITH);
    assert_eq!(
        one(rules, Body::new().attr("s3_key", "k.zip")),
        ["s3_key: all of `s3_bucket,s3_key` must be specified; missing: s3_bucket"]
    );
    assert!(one(
        rules,
        Body::new().attr("s3_key", "k.zip").attr("s3_bucket", "b")
    )
    .is_empty());
    assert!(one(rules, Body::new().attr("s3_bucket", "b")).is_empty());
}

#[test]
fn all_findings_of_a_stack_together_sorted_after_other_errors() {
    let mut stack = Stack::new();
    // Declared in an order that is not the sorted one.
    stack.resource(
        "z",
        RawResource::new("t_x")
            .with_rules(rules_of(NUMBERS))
            .attr("timeout", 0)
            .attr("memory_size", 1),
    );
    stack.resource(
        "a",
        RawResource::new("t_x")
            .with_rules(rules_of(ONE_OF))
            .attr("runtime", "x"),
    );
    stack.data(
        "d",
        RawData::new("t_y")
            .with_rules(rules_of(NUMBERS))
            .attr("port", 70000)
            .attr("port2", "x"),
    );
    stack.resource("bad name", RawResource::new("t_x"));
    let err = stack.synth().unwrap_err();
    let text: Vec<String> = err.iter().map(ToString::to_string).collect();
    let provider: Vec<&String> = text.iter().filter(|t| t.contains(": expected")).collect();
    assert_eq!(
        provider,
        [
            "data.t_y.d (at d): port: expected port to be at most (65535), got 70000",
            "t_x.a (at a): runtime: expected runtime to be one of [\"nodejs20.x\", \"python3.12\"], got x",
            "t_x.z (at z): memory_size: expected memory_size to be in the range (128 - 10240), got 1",
            "t_x.z (at z): timeout: expected timeout to be at least (1), got 0",
        ]
    );
    // The other errors come first.
    assert!(text[0].contains("bad name"), "{text:?}");
    assert_eq!(text.len(), 5);
    // The same stack synthesized twice reports the same bytes.
    assert_eq!(err.to_string(), stack.synth().unwrap_err().to_string());
}

#[test]
fn a_check_scoped_data_source_is_checked_too() {
    let mut stack = Stack::new();
    stack.check(
        "c",
        tfsynth::Check::new()
            .data(
                "d",
                RawData::new("t_y")
                    .with_rules(rules_of(NUMBERS))
                    .attr("port", 70000),
            )
            .assert(true, "ok"),
    );
    let err = stack.synth().unwrap_err().to_string();
    assert!(
        err.contains(
            "check.c (data.t_y.d) (at c): port: expected port to be at most (65535), got 70000"
        ),
        "{err}"
    );
}

static DB: TypeRules = TypeRules {
    args: &[],
    groups: &[],
    sensitive: &["password", "master_user_secret.secret_arn"],
};

/// The sources of the sensitive output errors of a stack's synth.
fn sensitive_sources(stack: &Stack) -> Vec<String> {
    match stack.synth() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| match e {
                Error::SensitiveOutput { output, source, .. } => format!("{output}: {source}"),
                other => panic!("not a sensitive output error: {other}"),
            })
            .collect(),
    }
}

#[test]
fn outputs_of_attributes_the_provider_marks_sensitive_must_be_sensitive() {
    let mut stack = Stack::new();
    let db = stack.resource(
        "db",
        RawResource::new("aws_db_instance")
            .with_rules(&DB)
            .attr("password", "change-me")
            .count(2),
    );
    let data = stack.data("d", RawData::new("aws_db_instance").with_rules(&DB));
    stack.output(
        "password",
        Output::new(Ref::at(&db, 0).get::<String>("password")),
    );
    stack.output(
        "secret",
        Output::new(Ref::splat(&db, |d| d.get::<Any>("master_user_secret"))),
    );
    stack.output("whole", Output::new(data.base::<Any>()));
    stack.output(
        "in_template",
        Output::new(template!("pw=", data.get::<String>("password"))),
    );
    let local = stack.local::<String, _>("pw", functions::upper(data.get::<String>("password")));
    stack.output("via_local", Output::new(local));
    // Not sensitive: another attribute, a sensitive output, nonsensitive(...), an untyped block.
    stack.output("id", Output::new(Ref::at(&db, 1).get::<String>("id")));
    stack.output(
        "marked",
        Output::new(data.get::<String>("password")).sensitive(true),
    );
    stack.output(
        "shown",
        Output::new(functions::nonsensitive(data.get::<String>("password"))),
    );
    let raw = stack.resource("raw", RawResource::new("aws_db_instance"));
    stack.output("raw", Output::new(raw.get::<String>("password")));
    assert_eq!(
        sensitive_sources(&stack),
        [
            "output.password: aws_db_instance.db.password (the provider marks password sensitive)",
            "output.secret: aws_db_instance.db.master_user_secret (the provider marks master_user_secret.secret_arn sensitive)",
            "output.whole: data.aws_db_instance.d (the provider marks password sensitive)",
            "output.in_template: data.aws_db_instance.d.password (the provider marks password sensitive)",
            "output.via_local: local.pw (sensitive through data.aws_db_instance.d.password (the provider marks password sensitive))",
        ]
    );
}

#[test]
fn a_nested_sensitive_attribute_and_its_siblings() {
    let mut stack = Stack::new();
    let db = stack.resource("db", RawResource::new("aws_db_instance").with_rules(&DB));
    let secret = |attr: &str| {
        Expr::<String>::from_raw(
            db.get::<Any>("master_user_secret")
                .raw()
                .clone()
                .index(0.into())
                .attr(attr.to_owned()),
        )
    };
    stack.output("arn", Output::new(secret("secret_arn")));
    stack.output("kms", Output::new(secret("kms_key_id")));
    assert_eq!(
        sensitive_sources(&stack),
        ["output.arn: aws_db_instance.db.master_user_secret.secret_arn (the provider marks master_user_secret.secret_arn sensitive)"]
    );
}

//! One test per fixed bug.

use tfsynth::Ref;
mod common;

use common::{read_template, Piece};
use tfsynth::prelude::*;
use tfsynth::{to_json_string, Module, RawExpr, RawResource, TemplatePart};

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

/// `template!("cost: $", price)` was written `"cost: $${var.price}"`, which Terraform reads as
/// the text `cost: ${var.price}`.
#[test]
fn dollar_before_an_interpolation_is_a_dollar_sign() {
    let mut stack = Stack::new();
    let price: Expr<String> = stack.variable("price", Variable::new());
    let json = to_json_string(template!("cost: $", &price).raw());
    assert_eq!(json, r#""cost: ${\"$\"}${var.price}""#);
    let text: String = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(
        read_template(&text, false),
        [
            Piece::Text("cost: $".into()),
            Piece::Interp("var.price".into())
        ]
    );
}

/// Literal parts were escaped one by one: `"$"` then `"{path.cwd}"` made `${path.cwd}`, which
/// Terraform evaluated.
#[test]
fn split_literal_parts_never_form_an_interpolation() {
    let t = RawExpr::Template(vec![
        TemplatePart::Lit("$".into()),
        TemplatePart::Lit("{path.cwd}".into()),
    ]);
    assert_eq!(to_json_string(&t), r#""$${path.cwd}""#);
}

/// An attribute named like a meta-argument was written next to it: the JSON had `count` twice.
#[test]
fn meta_argument_attribute_is_refused_not_written_twice() {
    let mut stack = Stack::new();
    stack.resource("x", RawResource::new("aws_vpc").count(3).attr("count", 2));
    let e = stack.synth().expect_err("count twice");
    assert!(
        e.to_string().contains(r#"attribute "count" in aws_vpc.x"#),
        "{e}"
    );
}

/// A module call was one node: two calls reading each other's (different) outputs were
/// refused as a cycle, though Terraform applies them.
#[test]
fn modules_reading_each_others_outputs_synthesize() {
    let mut stack = Stack::new();
    let mut later = Stack::new();
    let b_later = later.module("b", Module::new("./m"));
    let a = stack.module(
        "a",
        Module::new("./m").input("x", b_later.output::<String>("y")),
    );
    stack.module("b", Module::new("./m").input("x", a.output::<String>("z")));
    common::synth(&stack);
}

/// An expression nested 100,000 deep overflowed the stack (the process aborted) in validation,
/// synth, clone and drop.
#[test]
fn a_deep_expression_is_an_error_not_a_stack_overflow() {
    let t = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut stack = Stack::new();
            let mut e: Expr<Number> = stack.variable("n", Variable::new());
            for _ in 0..100_000 {
                e = e + 1;
            }
            stack.local::<Number, _>("deep", e.clone());
            let errors = stack.synth().expect_err("too deep");
            drop(e);
            errors.to_string()
        })
        .expect("spawn");
    let message = t.join().unwrap_or_default();
    assert!(message.contains("more than 256 levels deep"), "{message}");
}

/// A `for_each` over a list literal was written as is; Terraform refuses a tuple.
#[test]
fn for_each_over_a_list_literal_is_refused() {
    let mut stack = Stack::new();
    stack.resource("x", RawResource::new("aws_vpc").for_each(vec!["a", "b"]));
    let e = stack.synth().expect_err("tuple");
    assert!(
        e.to_string().contains("for_each over a list literal"),
        "{e}"
    );
}

/// A variable named `count` was written; Terraform refuses it (a module call argument).
#[test]
fn variable_named_count_is_refused() {
    let mut stack = Stack::new();
    let _: Expr<Number> = stack.variable("count", Variable::new());
    let e = stack.synth().expect_err("reserved");
    assert!(e.to_string().contains(r#"variable name "count""#), "{e}");
}

/// A precondition of a literal `true` was written; Terraform refuses a condition that refers
/// to nothing.
#[test]
fn condition_referring_to_nothing_is_refused() {
    let mut stack = Stack::new();
    stack.resource(
        "x",
        RawResource::new("aws_vpc").precondition(true, "always"),
    );
    let e = stack.synth().expect_err("no reference");
    assert!(e.to_string().contains("refers to nothing"), "{e}");
}

/// `version` on a local module source was written; Terraform refuses it.
#[test]
fn version_on_a_local_module_is_refused() {
    let mut stack = Stack::new();
    stack.module("m", Module::new("./m").version("1.0"));
    let e = stack.synth().expect_err("local version");
    assert!(e.to_string().contains("it is a local path"), "{e}");
}

/// `Stack::file` accepted names Terraform reads or owns: `evil.tf.json` added blocks to the
/// configuration, `override.tf.json` overrode the stack's own output, `terraform.tfstate`
/// replaced a state. Each is refused, in any case and as any path component, with the fix.
#[test]
fn file_names_terraform_reads_or_owns_are_refused() {
    let refused = [
        ("evil.tf.json", "as configuration"),
        ("x.tf", "as configuration"),
        ("MAIN.TF.JSON", "the stack's own output file"),
        ("Main.Tf", "the stack's own output file"),
        ("sub/extra.TF", "it has the component `extra.TF`"),
        ("override.tf.json", "as an override file"),
        ("override.tf", "as an override file"),
        ("db_override.tf", "as an override file"),
        ("db_OVERRIDE.tf.json", "as an override file"),
        ("override.txt", "override.* names are kept"),
        ("terraform.tfvars", "as variable values"),
        ("prod.auto.tfvars.json", "as variable values"),
        ("terraform.tfstate", "would replace a state"),
        ("terraform.tfstate.backup", "would replace a state"),
        (
            "terraform.tfstate.d/dev/terraform.tfstate",
            "would replace a state",
        ),
        (".terraform/x", "it has the component `.terraform`"),
        (".terraform.lock.hcl", "Terraform owns .terraform* names"),
        ("tests/a.tftest.hcl", "as a test or mock file"),
        ("modules.tf/init.sh", "it has the component `modules.tf`"),
    ];
    for (name, why) in refused {
        let mut stack = Stack::new();
        let _ = stack.file(name, "x");
        let e = stack.synth().expect_err(name);
        assert_eq!(e.len(), 1, "{name}: {e}");
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("invalid file name {name:?} in stack.file(...): ")),
            "{name}: {msg}"
        );
        assert!(msg.contains(why), "{name}: {msg}");
        assert!(
            msg.contains("give it another name, such as `scripts/init.sh`"),
            "{name}: {msg}"
        );
        assert!(stack.files().is_empty(), "{name} was kept");
    }
    let mut stack = Stack::new();
    let e = {
        stack.file("evil.tf.json", "{}");
        stack.synth().expect_err("evil")
    };
    assert_eq!(
        e.to_string(),
        "1 error:\n  - invalid file name \"evil.tf.json\" in stack.file(...): Terraform reads \
         every *.tf and *.tf.json file as configuration, so it would add blocks to the \
         stack's own; give it another name, such as `scripts/init.sh`"
    );
    // Names that merely look alike stay allowed.
    for name in [
        "scripts/init.sh",
        "tf/init.sh",
        "notes.tf.txt",
        "x.tfx",
        "overrides/init.sh",
        "my_override.sh",
        "terraform/readme.md",
        ".hidden",
    ] {
        let mut stack = Stack::new();
        let _ = stack.file(name, "x");
        assert!(stack.synth().is_ok(), "{name}");
        assert_eq!(stack.files().get(name).map(String::as_str), Some("x"));
    }
}

/// The message of a cycle through 100,000 locals named every link: 1.6 MB on one line. It
/// names the first ten and counts the rest; the error still holds every address.
#[test]
fn a_long_cycle_message_is_capped() {
    let mut stack = Stack::new();
    let n = 100_000;
    for i in 0..n {
        let next: Expr<String> = Expr::from_raw(RawExpr::Ref(tfsynth::RefRoot::Local(format!(
            "l{}",
            (i + 1) % n
        ))));
        let _: Expr<String> = stack.local(&format!("l{i}"), next);
    }
    let e = stack.synth().expect_err("a cycle");
    assert_eq!(e.len(), 1);
    let tfsynth::Error::Cycle { cycle } = &e.0[0] else {
        panic!("not a cycle: {e}");
    };
    assert_eq!(cycle.len(), n + 1);
    assert_eq!(
        e.0[0].to_string(),
        "dependency cycle: local.l0 -> local.l1 -> local.l2 -> local.l3 -> local.l4 -> \
         local.l5 -> local.l6 -> local.l7 -> local.l8 -> local.l9 -> ... (99,990 more) -> \
         local.l0; break it by removing one of these references or depends_on"
    );
    // A short cycle is named in full.
    let mut stack = Stack::new();
    let a: Expr<String> = Expr::from_raw(RawExpr::Ref(tfsynth::RefRoot::Local("b".into())));
    let b: Expr<String> = stack.local("a", a);
    stack.local::<String, _>("b", b);
    assert_eq!(
        stack.synth().expect_err("a cycle").0[0].to_string(),
        "dependency cycle: local.a -> local.b -> local.a; break it by removing one of these \
         references or depends_on"
    );
}

/// An output of a sensitive variable synthesized, and `terraform validate` refused it ("Output
/// refers to sensitive values"). Sensitivity comes from sensitive variables and
/// `sensitive(...)`, follows locals (a cycle of them ends the search), and stops at
/// `nonsensitive(...)`; module outputs and resource attributes are not known.
#[test]
fn an_output_of_a_sensitive_value_must_be_marked_sensitive() {
    let mut stack = Stack::new();
    let password: Expr<String> = stack.variable("password", Variable::new().sensitive(true));
    let user: Expr<String> = stack.variable("user", Variable::new());
    let url = stack.local::<String, _>("url", template!("postgres://", &user, ":", &password));
    let conn = stack.local::<String, _>("conn", functions::upper(&url));
    let marked = stack.local::<String, _>("marked", functions::sensitive(&user));
    let net = stack.module("net", Module::new("./net"));
    let vpc = stack.resource("vpc", RawResource::new("aws_vpc"));
    // A cycle of locals that reaches nothing sensitive: the search ends.
    let a: Expr<String> = Expr::from_raw(RawExpr::Ref(tfsynth::RefRoot::Local("b".into())));
    let loop_a = stack.local::<String, _>("a", a);
    stack.local::<String, _>("b", functions::lower(&loop_a));

    stack.output("password", Output::new(&password));
    stack.output("conn", Output::new(&conn));
    stack.output("marked", Output::new(functions::length(&marked)));
    stack.output(
        "either",
        Output::new(cond(user.equals(""), &password, "none")),
    );
    // Marked sensitive, unmarked with nonsensitive, or not known to be sensitive: fine.
    stack.output("ok_marked", Output::new(&conn).sensitive(true));
    stack.output("ok_unmarked", Output::new(functions::nonsensitive(&conn)));
    stack.output(
        "ok_core",
        Output::new(functions::core::nonsensitive(&password)),
    );
    stack.output("ok_test", Output::new(functions::issensitive(&password)));
    stack.output("ok_module", Output::new(net.output::<String>("id")));
    stack.output("ok_resource", Output::new(vpc.get::<String>("id")));
    stack.output("ok_user", Output::new(&user));
    let e = stack.synth().expect_err("sensitive outputs");
    // The four outputs, and the cycle itself.
    assert_eq!(e.len(), 5, "{e}");
    assert!(matches!(e.0[4], tfsynth::Error::Cycle { .. }), "{e}");
    let sensitive: Vec<String> = e
        .iter()
        .filter(|e| matches!(e, tfsynth::Error::SensitiveOutput { .. }))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        sensitive,
        [
            "output.password (at password) is not marked sensitive but its value is, through \
             var.password, so Terraform refuses it (\"Output refers to sensitive values\"): \
             mark the output with Output::sensitive(true), or wrap the value in \
             functions::nonsensitive(...) if it may be shown",
            "output.conn (at conn) is not marked sensitive but its value is, through local.conn \
             (sensitive through var.password), so Terraform refuses it (\"Output refers to \
             sensitive values\"): mark the output with Output::sensitive(true), or wrap the \
             value in functions::nonsensitive(...) if it may be shown",
            "output.marked (at marked) is not marked sensitive but its value is, through \
             local.marked (sensitive through sensitive(...)), so Terraform refuses it \
             (\"Output refers to sensitive values\"): mark the output with \
             Output::sensitive(true), or wrap the value in functions::nonsensitive(...) if it \
             may be shown",
            "output.either (at either) is not marked sensitive but its value is, through \
             var.password, so Terraform refuses it (\"Output refers to sensitive values\"): \
             mark the output with Output::sensitive(true), or wrap the value in \
             functions::nonsensitive(...) if it may be shown",
        ]
    );
    // The same analysis, public.
    assert!(stack.is_sensitive(conn.raw()));
    assert!(stack.is_sensitive(functions::sensitive("x").raw()));
    assert!(!stack.is_sensitive(functions::nonsensitive(&conn).raw()));
    assert!(!stack.is_sensitive(loop_a.raw()));
    assert!(!stack.is_sensitive(net.output::<String>("id").raw()));
    assert!(!stack.is_sensitive(user.raw()));
}

/// Runs `f` on a thread with the default 2 MiB stack of a spawned thread, so that a test
/// is honest about stack use whatever the test harness gives its own threads.
fn on_a_2_mib_stack(f: impl FnOnce() + Send + 'static) {
    let t = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn a test thread");
    if let Err(e) = t.join() {
        std::panic::resume_unwind(e);
    }
}

const MILLION: usize = 1_000_000;

/// A `levels`-level expression mixing every kind of node, built without recursion, with
/// `var.secret` at the bottom.
fn deep_expression(levels: usize) -> RawExpr {
    use tfsynth::{BinOp, ForExpr, UnOp};
    let mut e = RawExpr::Ref(tfsynth::RefRoot::Var("secret".into()));
    for i in 1..levels {
        e = match i % 13 {
            0 => RawExpr::Binary(BinOp::Add, Box::new(e), Box::new(1.into())),
            1 => RawExpr::call("f", vec![e]),
            2 => RawExpr::Tuple(vec![e, RawExpr::Null]),
            3 => RawExpr::Template(vec!["a".into(), TemplatePart::Interp(e)]),
            4 => RawExpr::Object([("k".to_owned(), e)].into_iter().collect()),
            5 => RawExpr::For(Box::new(ForExpr {
                key_var: None,
                value_var: "v".into(),
                collection: e,
                key: None,
                value: RawExpr::Null,
                grouping: false,
                cond: None,
            })),
            6 => e.attr("x"),
            7 => RawExpr::Index(Box::new(e), Box::new(0.into())),
            8 => RawExpr::Splat(Box::new(e)),
            9 => RawExpr::Group(Box::new(e)),
            10 => RawExpr::Conditional(Box::new(true.into()), Box::new(e), Box::new(1.into())),
            11 => RawExpr::Unary(UnOp::Neg, Box::new(e)),
            _ => RawExpr::Template(vec![TemplatePart::Interp(e), "$".into()]),
        };
    }
    e
}

/// Templates interpolating templates, `levels` deep: rendered flattened.
fn nested_templates(levels: usize) -> RawExpr {
    let mut e = RawExpr::Ref(tfsynth::RefRoot::Var("secret".into()));
    for _ in 1..levels {
        e = RawExpr::Template(vec!["x".into(), TemplatePart::Interp(e)]);
    }
    e
}

/// `[[...["x"]...]]`: a literal, written as nested JSON arrays.
fn nested_literal(levels: usize) -> RawExpr {
    let mut e = RawExpr::from("x");
    for _ in 1..levels {
        e = RawExpr::Tuple(vec![e]);
    }
    e
}

/// `{ k = e }`
fn obj_of(e: RawExpr) -> RawExpr {
    RawExpr::Object([("k".to_owned(), e)].into_iter().collect())
}

/// Every public operation on a 1,000,000-level expression completes: clone, compare, walk,
/// Display, Debug, JSON, HCL text, drop, the typed wrappers, and declaring it in a stack (an
/// error). Display, Debug and `to_json_string` write what the writers support and mark where
/// they stop. `Display` aborted the process from 20,000 levels, `to_json_string` from 20,000,
/// dropping a `RawExpr` from 200,000, `Debug` from a few thousand.
#[test]
fn every_operation_on_a_1_000_000_level_expression_completes() {
    on_a_2_mib_stack(|| {
        let marker = "… (expression nested deeper than 512 levels)";
        let chains: [fn(usize) -> RawExpr; 3] = [deep_expression, nested_templates, nested_literal];
        for chain in chains {
            let raw = chain(MILLION);
            let literal = matches!(raw, RawExpr::Tuple(_));
            // Clone, compare, walk; a changed copy differs.
            let mut copy = raw.clone();
            assert!(copy == raw);
            let mut nodes = 0usize;
            raw.walk(&mut |_| nodes += 1);
            assert!(nodes >= MILLION);
            copy.walk_mut(&mut |n| match n {
                RawExpr::Ref(tfsynth::RefRoot::Var(v)) => "other".clone_into(v),
                RawExpr::String(s) => s.push('!'),
                _ => {}
            });
            assert!(copy != raw);
            drop(copy);
            assert_eq!(raw.is_literal(), literal);

            // The writers stop 512 levels down and say so.
            let mut hcl = String::new();
            tfsynth::render_hcl(&raw, &mut hcl);
            assert!(hcl.contains(marker), "{}", &hcl[..200]);
            assert!(hcl.len() < 100_000, "{}", hcl.len());
            let json = to_json_string(&raw);
            assert!(json.contains(marker), "{}", &json[..200]);
            if literal {
                // 512 nested arrays, past serde_json's parsing limit: balanced brackets.
                assert_eq!(json.matches('[').count(), json.matches(']').count());
                assert!(json.starts_with("[[") && json.ends_with("]]"), "{json}");
            } else {
                let text: String = serde_json::from_str(&json).expect("a JSON string");
                assert!(text.starts_with("${") || text.starts_with('x'), "{text}");
            }
            let debug = format!("{raw:?}");
            assert!(debug.contains(marker), "{}", &debug[..200]);
            let pretty = format!("{raw:#?}");
            assert!(pretty.contains("… (expression nested deeper than 128 levels)"));

            // The typed wrappers and a template part hold it in turn.
            let e: Expr<String> = Expr::from_raw(raw);
            assert!(e.to_string().contains(marker));
            assert!(format!("{e:?}").contains(marker));
            let v: Value<String> = e.into();
            assert!(format!("{v:?}").contains(marker));
            let part = TemplatePart::Interp(v.into_raw());
            assert!(format!("{part:?}").contains(marker));
            let TemplatePart::Interp(raw) = part else {
                unreachable!()
            };

            // A stack answers about it, and refuses it wherever it is declared.
            let mut stack = Stack::new();
            let _: Expr<String> = stack.variable("secret", Variable::new().sensitive(true));
            let _: Expr<String> = stack.variable("other", Variable::new());
            assert_eq!(stack.is_sensitive(&raw), !literal);
            let deep = || Expr::<String>::from_raw(raw.clone());
            stack.local::<String, _>("deep", deep());
            stack.output("deep", Output::new(functions::upper(deep())));
            stack.resource(
                "tagged",
                RawResource::new("aws_vpc").attr("tags", obj_of(deep().into_raw())),
            );
            assert_eq!(stack.merge_tags(Value::from_raw(raw)), 0);
            let errors = stack.synth().expect_err("too deep");
            assert_eq!(errors.len(), 4, "{errors}");
            assert!(errors.to_string().contains("more than 256 levels deep"));
            drop(stack.clone());
        }
    });
}

/// Every public operation on a 1,000,000-level type completes: `Display` aborted the process
/// from 10,000 levels, and clone, comparison, `Debug` and drop recursed too.
#[test]
fn every_operation_on_a_1_000_000_level_type_completes() {
    use tfsynth::TypeExpr;
    on_a_2_mib_stack(|| {
        // The innermost type holds a default too deep to write in full.
        let mut t = TypeExpr::object([("s", TypeExpr::String)]).with_optional(
            "d",
            TypeExpr::Any,
            Some(deep_expression(10_000)),
        );
        for i in 1..MILLION {
            t = match i % 5 {
                0 => TypeExpr::list(t),
                1 => TypeExpr::set(t),
                2 => TypeExpr::map(t),
                3 => TypeExpr::object([("a", t), ("b", TypeExpr::Bool)]).with_optional(
                    "c",
                    TypeExpr::Number,
                    Some(nested_literal(3)),
                ),
                _ => TypeExpr::tuple([TypeExpr::Any, t]),
            };
        }
        let marker = "… (type nested deeper than 512 levels)";
        let copy = t.clone();
        assert!(copy == t);
        let text = t.to_string();
        assert!(text.contains(marker), "{}", &text[..200]);
        assert!(format!("{t:?}").contains(marker));
        assert!(format!("{t:#?}").contains("… (type nested deeper than 128 levels)"));
        let mut stack = Stack::new();
        let _: Expr<Any> = stack.variable("deep", Variable::of_type(copy));
        let errors = stack.synth().expect_err("too deep");
        assert!(errors.to_string().contains("more than 256 levels deep"));
        drop(stack);
        drop(t);
    });
}

/// Every public operation on a body of 1,000,000 nested blocks completes: clone, comparison,
/// `Debug`, walking and shrinking it, setting a path through it, dropping it (outside a stack,
/// it aborted the process) and declaring it (an error).
#[test]
fn every_operation_on_a_1_000_000_level_body_completes() {
    use tfsynth::{Backend, Body, DynamicBlock};
    on_a_2_mib_stack(|| {
        // The innermost block holds an expression too deep to write in full.
        let mut b = Body::new().attr("x", deep_expression(10_000));
        for i in 1..MILLION {
            b = match i % 4 {
                0 => Body::new().block("inner", b),
                1 => Body::new()
                    .push_block("list", Body::new())
                    .push_block("list", b),
                2 => Body::new().attr("y", 1).dynamic(
                    "d",
                    DynamicBlock {
                        for_each: RawExpr::Null,
                        iterator: None,
                        content: b,
                    },
                ),
                _ => {
                    let mut outer = Body::new();
                    outer.put("m", tfsynth::Entry::MapBlocks(vec![("k".into(), b)]));
                    outer
                }
            };
        }
        let marker = "… (block nested deeper than 512 levels)";
        let mut copy = b.clone();
        assert!(copy == b);
        let mut exprs = 0usize;
        b.walk_exprs(&mut |_| exprs += 1);
        assert!(exprs >= MILLION / 2);
        let debug = format!("{b:?}");
        assert!(debug.contains(marker), "{}", &debug[..200]);
        assert!(format!("{b:#?}").contains("… (block nested deeper than 128 levels)"));
        copy.shrink_to_fit();
        copy.set("z", 1);
        assert!(copy != b);
        drop(b);
        // Declared, it is refused (and dropped).
        let mut stack = Stack::new();
        stack.resource("r", RawResource::new("aws_s3_bucket").block("deep", copy));

        // A path a million names long makes a million nested blocks.
        let path = vec!["a"; MILLION].join(".");
        let mut long = Body::new();
        long.set_path(&path, RawExpr::from(1))
            .expect("a path of new blocks");
        assert!(long.get_attr("a").is_none() && !long.is_empty());
        drop(long);
        stack.resource(
            "o",
            RawResource::new("aws_s3_bucket").set_override(&path, "x"),
        );
        let backend = Backend::new("local").attr("path", nested_literal(10_000));
        stack.settings_mut().backend = Some(backend);
        let errors = stack.synth().expect_err("too deep");
        assert_eq!(errors.len(), 3, "{errors}");
        assert!(stack.warnings().is_empty());
        #[cfg(feature = "hcl")]
        {
            let e = tfsynth::hcl::synth_hcl(&stack, tfsynth::SynthOptions::default());
            assert_eq!(e.map_err(|e| e.len()), Err(3));
        }
        drop(stack.clone());
    });
}

/// `Stack::merge_tags` wraps tags in `merge(...)` after declaration: tags at the nesting limit
/// became one level deeper than a stack accepts, and deep tags given to it reached the
/// writers. Both are refused.
#[test]
fn merge_tags_keeps_the_nesting_limit() {
    use tfsynth::expr::MAX_DEPTH;
    let mut stack = Stack::new();
    stack.resource(
        "at_limit",
        RawResource::new("aws_vpc").attr("tags", obj_of(nested_literal(MAX_DEPTH - 1))),
    );
    stack.resource(
        "shallow",
        RawResource::new("aws_vpc").attr("tags", obj_of("x".into())),
    );
    assert!(stack.validate().is_ok());
    let team = Value::<Map<String>>::from([("Team", "net")]);
    assert_eq!(stack.merge_tags(team), 1);
    assert_eq!(
        stack.merge_tags(Value::from_raw(obj_of(nested_literal(MAX_DEPTH)))),
        0
    );
    let e = stack.synth().expect_err("too deep");
    assert_eq!(
        e.to_string(),
        "2 errors:\n  - aws_vpc.at_limit with the tags of Stack::merge_tags (at at_limit) nests \
         expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build \
         the value in steps, through locals, instead of nesting it\n  - the tags value given \
         to Stack::merge_tags nests expressions, types or blocks more than 256 levels deep, which \
         tfsynth refuses: build the value in steps, through locals, instead of nesting it"
    );
}

/// Issue 21: a port needed annotations where the types were known. `try_((vec![..], ..))`
/// was "a list or a set?" (E0283), `obj! { .. }.cast()` and a `dynamic` element needed a cast
/// to a named type, and `cast` consumed its input (five borrow errors in one port). Each of
/// these now compiles as written here and renders the same HCL.
#[test]
fn typed_expressions_infer_without_annotations() {
    let mut stack = Stack::new();
    let names: Expr<List<String>> = stack.variable("names", Variable::new());
    let tags: Expr<Map<String>> = stack.variable("tags", Variable::new());
    let spokes: Expr<Any> = stack.variable("spokes", Variable::new());

    let fallback = functions::try_((vec!["a", "b"], list![]));
    let firsts = functions::try_((&names, list![]));
    let count = functions::try_((functions::length(&names), 0));
    let merged = functions::merge((&tags, obj!(Name = "web")));
    let local_tags: Expr<Map<String>> =
        stack.local("named", obj!(Team = "net", Name = &names.at(0)));
    let as_set: Expr<Set<String>> = names.cast();
    let again: Expr<List<Any>> = names.cast();
    let distinct = functions::distinct(&names);
    let flat =
        functions::flatten(For::values("s", &spokes).to_list(|s| s.attr::<List<String>>("cidrs")));
    let cidr: Expr<String> = functions::one(&flat);

    assert_eq!(fallback.to_string(), r#"try(["a", "b"], [])"#);
    assert_eq!(firsts.to_string(), "try(var.names, [])");
    assert_eq!(count.to_string(), "try(length(var.names), 0)");
    assert_eq!(merged.to_string(), r#"merge(var.tags, { Name = "web" })"#);
    assert_eq!(local_tags.to_string(), "local.named");
    assert_eq!(as_set.to_string(), again.to_string());
    let _: Expr<List<String>> = distinct;
    assert_eq!(
        cidr.to_string(),
        "one(flatten([for s in var.spokes : s.cidrs]))"
    );
    assert_eq!(names.to_string(), "var.names");
}

//! Every validation error: produced, its message pinned, and all of them reported together.

use insta::assert_snapshot;
use tfsynth::prelude::*;
use tfsynth::{
    Backend, Body, Cloud, DynamicBlock, Errors, Module, Moved, RawData, RawProvider, RawResource,
    Removed,
};

fn errors(stack: &Stack) -> Errors {
    match stack.synth() {
        Ok(json) => panic!("expected errors, got a stack:\n{json}"),
        Err(e) => e,
    }
}

fn vpc() -> RawResource {
    RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16")
}

#[test]
fn invalid_identifiers() {
    let mut stack = Stack::new();
    stack.resource("1vpc", vpc());
    let mut s = stack.scope("bad scope");
    s.resource("ok", vpc());
    drop(s);
    stack.resource(
        "x",
        RawResource::new("aws vpc").attr("cidr block", "10.0.0.0/16"),
    );
    assert_snapshot!(errors(&stack), @r#"
        4 errors:
          - invalid resource name "1vpc" (at 1vpc): a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
          - invalid scope name "bad scope": a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
          - invalid resource type name "aws vpc" (at x, aws vpc.x): a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
          - invalid attribute name "cidr block" (at x, aws vpc.x): a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
        "#);
}

#[test]
fn duplicates_name_both_construct_paths() {
    let mut stack = Stack::new();
    let mut a = stack.scope("team");
    a.resource("vpc", vpc());
    drop(a);
    // `team/vpc` and `team_vpc` both become aws_vpc.team_vpc.
    stack.resource("team_vpc", vpc());
    stack.output("x", Output::new("a"));
    stack.output("x", Output::new("b"));
    let _: Expr<String> = stack.variable("v", Variable::new());
    let _: Expr<String> = stack.variable("v", Variable::new());
    assert_snapshot!(errors(&stack), @r#"
        3 errors:
          - duplicate address aws_vpc.team_vpc: declared at team/vpc and again at team_vpc; give one of them another name
          - duplicate address output.x: declared at x and again at x; give one of them another name
          - duplicate address var.v: declared at v and again at v; give one of them another name
        "#);
}

#[test]
fn undeclared_references_of_every_kind() {
    let mut other = Stack::new();
    let vpc_elsewhere = other.resource("vpc", vpc());
    let ami_elsewhere = other.data("ami", RawData::new("aws_ami"));
    let var_elsewhere: Expr<String> = other.variable("name", Variable::new());
    let local_elsewhere: Expr<String> = other.local("prefix", "p");
    let module_elsewhere = other.module("net", Module::new("./net"));

    let mut stack = Stack::new();
    stack.resource(
        "subnet",
        RawResource::new("aws_subnet")
            .attr("vpc_id", vpc_elsewhere.get::<String>("id"))
            .attr("cidr_block", module_elsewhere.output::<String>("cidr")),
    );
    stack.output("ami", Output::new(ami_elsewhere.get::<String>("id")));
    stack.local("name", template!(local_elsewhere, "-", var_elsewhere));
    assert_snapshot!(errors(&stack), @r#"
        5 errors:
          - reference to undeclared local.prefix in local.name (at name): declare it in the stack or fix the reference
          - reference to undeclared var.name in local.name (at name): declare it in the stack or fix the reference
          - reference to undeclared aws_vpc.vpc in aws_subnet.subnet (at subnet): declare it in the stack or fix the reference
          - reference to undeclared module.net in aws_subnet.subnet (at subnet): declare it in the stack or fix the reference
          - reference to undeclared data.aws_ami.ami in output.ami (at ami): declare it in the stack or fix the reference
        "#);
}

#[test]
fn count_index_and_each_outside_their_blocks() {
    let mut stack = Stack::new();
    stack.resource(
        "a",
        vpc().attr(
            "tags",
            Value::<Map<String>>::from([("i", count_index().cast::<String>())]),
        ),
    );
    stack.resource(
        "b",
        vpc()
            .count(2)
            .attr("tags", Value::<Map<String>>::from([("k", each_key())])),
    );
    stack.output("o", Output::new(each_value::<String>()));
    assert_snapshot!(errors(&stack), @r#"
        3 errors:
          - count.index used in aws_vpc.a (at a), which does not set count: set count on the block or remove the reference
          - each.key/each.value used in aws_vpc.b (at b), which does not set for_each: set for_each on the block or remove the reference
          - each.key/each.value used in output.o (at o), which does not set for_each: set for_each on the block or remove the reference
        "#);
}

#[test]
fn cycles_print_the_cycle() {
    let mut stack = Stack::new();
    // Handles to blocks declared later, taken from a stack with the same names.
    let mut later = Stack::new();
    let b_later: Expr<String> = later.local("b", "");
    let sg_later = later.resource("sg", RawResource::new("aws_security_group"));

    let a: Expr<String> = stack.local("a", template!(b_later, "x"));
    stack.local("b", template!(a, "y"));
    let c: Expr<String> = stack.local("c", sg_later.get::<String>("name"));
    stack.resource(
        "sg",
        RawResource::new("aws_security_group").attr("description", c),
    );
    assert_snapshot!(errors(&stack), @r#"
        2 errors:
          - dependency cycle: local.a -> local.b -> local.a; break it by removing one of these references or depends_on
          - dependency cycle: local.c -> aws_security_group.sg -> local.c; break it by removing one of these references or depends_on
        "#);
}

#[test]
fn self_reference_is_a_cycle_of_one() {
    let mut stack = Stack::new();
    let mut probe = Stack::new();
    let me = probe.resource("sg", RawResource::new("aws_security_group"));
    stack.resource(
        "sg",
        RawResource::new("aws_security_group").attr("name", me.get::<String>("id")),
    );
    assert_snapshot!(errors(&stack), @r#"
        1 error:
          - dependency cycle: aws_security_group.sg -> aws_security_group.sg; break it by removing one of these references or depends_on
        "#);
}

#[test]
fn instance_keys_providers_self_and_symbols() {
    let mut stack = Stack::new();
    let subnets = stack.resource("subnet", RawResource::new("aws_subnet").count(2));
    let net = stack.module("net", Module::new("./net").for_each(vec!["a"]));
    stack.output("id", Output::new(subnets.get::<String>("id")));
    stack.output("net", Output::new(net.output::<String>("id")));
    let nowhere = tfsynth::ProviderRef::new("aws", Some("west"));
    stack.resource("v", vpc().provider(&nowhere));
    let tls = stack.provider(RawProvider::new("tls"));
    stack.resource("w", vpc().provider(&tls));
    stack.output(
        "me",
        Output::new(Expr::<String>::from_raw(tfsynth::RawExpr::Ref(
            tfsynth::RefRoot::SelfRef,
        ))),
    );
    let names: Expr<List<String>> = stack.variable("names", Variable::new());
    // The key of a values-only `for` is not bound.
    stack.output(
        "keys",
        Output::new(For::values("n", &names).to_list_kv::<Number, _>(|i, _| i)),
    );
    stack.resource(
        "sg",
        RawResource::new("aws_security_group").dynamic(
            "ingress",
            DynamicBlock::new(&names, "bad iterator", |_| Body::new()),
        ),
    );
    assert_snapshot!(errors(&stack), @r#"
        7 errors:
          - provider aws.west used by aws_vpc.v (at v) is not configured for this type: declare it with stack.provider(...) and pass that handle
          - provider tls used by aws_vpc.w (at w) is not configured for this type: declare it with stack.provider(...) and pass that handle
          - invalid dynamic block iterator name "bad iterator" (at sg, aws_security_group.sg): a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
          - missing instance key in aws_subnet.subnet.id (used in output.id (at id)): the block sets count or for_each, so pick an instance with .at(i)/.key(k) or all of them with .splat(...)
          - missing instance key in module.net.id (used in output.net (at net)): the block sets count or for_each, so pick an instance with .at(i)/.key(k) or all of them with .splat(...)
          - self used in output.me (at me) outside a postcondition: refer to the block by its handle instead
          - symbol "" used in output.keys (at keys) is not bound there: use it only inside the for expression or dynamic block that binds it (a for over values only, For::values, binds no key: use For::entries)
        "#);
}

#[test]
fn literals_only_where_terraform_reads_without_context() {
    let mut stack = Stack::new();
    let v: Expr<String> = stack.variable("bucket", Variable::new());
    let _: Expr<String> = stack.variable("copy", Variable::new().default_value(v.clone()));
    stack.settings_mut().backend = Some(Backend::new("s3").attr("bucket", v));
    stack.settings_mut().cloud = Some(Cloud::new("org", "ws"));
    stack.resource("x", vpc().attr("n", f64::INFINITY));
    stack.moved(Moved {
        from: "not an address".into(),
        to: "aws_vpc.x".into(),
    });
    stack.removed(Removed::forget("aws_vpc"));
    assert_snapshot!(errors(&stack), @r#"
        6 errors:
          - the terraform block sets both a backend and cloud, which Terraform rejects: keep only one of them (in terraform)
          - backend "s3" settings must be literals: Terraform reads them before evaluating anything, so references and function calls are not allowed (in terraform)
          - default of var.copy (at copy) is not a literal: Terraform evaluates variable defaults without references or function calls; use a literal or a local
          - number inf is not finite; Terraform numbers must be finite (in aws_vpc.x (at x))
          - invalid address "not an address" in a moved block: expected TYPE.NAME, data.TYPE.NAME or module.NAME
          - invalid address "aws_vpc" in a removed block: expected TYPE.NAME, data.TYPE.NAME or module.NAME
        "#);
}

#[test]
fn moved_and_removed_from_addresses_must_be_gone() {
    let mut stack = Stack::new();
    let x = stack.resource("x", vpc());
    stack.resource("y", vpc());
    stack.moved(Moved::new("aws_vpc.y", &x));
    stack.removed(Removed::forget("aws_vpc.x"));
    stack.moved(Moved::new("aws_vpc.old", &x));
    assert_snapshot!(errors(&stack), @"
        2 errors:
          - a moved block has from = aws_vpc.y, which the stack still declares: Terraform refuses it; remove the declaration, or the block if the address did not go away
          - a removed block has from = aws_vpc.x, which the stack still declares: Terraform refuses it; remove the declaration, or the block if the address did not go away
        ");
}

#[test]
fn all_errors_of_one_synth_are_reported_together() {
    let mut stack = Stack::new();
    stack.resource("bad name", vpc());
    stack.resource("dup", vpc());
    stack.resource("dup", vpc());
    stack.resource(
        "counted",
        vpc().attr(
            "tags",
            Value::<Map<String>>::from([("i", count_index().cast::<String>())]),
        ),
    );
    let mut other = Stack::new();
    let ghost: Expr<String> = other.variable("ghost", Variable::new());
    stack.output("ghost", Output::new(ghost));
    let e = errors(&stack);
    assert_eq!(e.len(), 4, "{e}");
    assert_snapshot!(e, @r#"
        4 errors:
          - invalid resource name "bad name" (at bad name): a Terraform identifier starts with a letter or underscore and continues with letters, digits, underscores or dashes (^[A-Za-z_][A-Za-z0-9_-]*$)
          - duplicate address aws_vpc.dup: declared at dup and again at dup; give one of them another name
          - count.index used in aws_vpc.counted (at counted), which does not set count: set count on the block or remove the reference
          - reference to undeclared var.ghost in output.ghost (at ghost): declare it in the stack or fix the reference
        "#);
}

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
    let net = stack.module(
        "net",
        Module::new("./net").for_each(functions::toset(vec!["a"])),
    );
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

#[test]
fn reserved_variable_names() {
    let mut stack = Stack::new();
    for name in [
        "count",
        "source",
        "version",
        "providers",
        "for_each",
        "lifecycle",
        "depends_on",
        "locals",
        "counts",
    ] {
        let _: Expr<String> = stack.variable(name, Variable::new());
    }
    assert_snapshot!(errors(&stack), @r#"
        8 errors:
          - variable name "count" (at count) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "source" (at source) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "version" (at version) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "providers" (at providers) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "for_each" (at for_each) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "lifecycle" (at lifecycle) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "depends_on" (at depends_on) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
          - variable name "locals" (at locals) is reserved by Terraform (count, depends_on, for_each, lifecycle, locals, providers, source and version are module call arguments): rename the variable
    "#);
}

#[test]
fn meta_argument_names_as_attributes_blocks_and_module_inputs() {
    let mut stack = Stack::new();
    let east = stack.provider(RawProvider::new("aws").alias("east").attr("alias", "west"));
    let a = stack.resource("a", vpc());
    stack.resource(
        "x",
        vpc()
            .count(3)
            .attr("count", 2)
            .attr("depends_on", vec!["aws_vpc.a"])
            .attr("provider", "aws.east")
            .attr("connection", "ssh")
            .block("for_each", Body::new())
            .block("lifecycle", Body::new().attr("prevent_destroy", true))
            .prevent_destroy(true)
            .dynamic(
                "provisioner",
                DynamicBlock::new(vec!["a"], "p", |_| Body::new()),
            ),
    );
    // Provisioners and connections are nested blocks; a lifecycle block alone is Terraform's.
    stack.resource(
        "ok",
        vpc()
            .provider(&east)
            .depends_on(&a)
            .block("connection", Body::new().attr("type", "ssh"))
            .block("lifecycle", Body::new().attr("prevent_destroy", true)),
    );
    stack.data(
        "d",
        RawData::new("aws_ami")
            .attr("lifecycle", 1)
            .attr("connection", 1),
    );
    stack.module(
        "m",
        Module::new("./m")
            .input("source", "./other")
            .input("version", "1.0")
            .input("count", 1)
            .input("providers", "x")
            .input("lifecycle", "x"),
    );
    assert_snapshot!(errors(&stack), @r#"
        14 errors:
          - attribute "alias" in provider aws.east is a name Terraform reserves for a meta-argument or block: set it with RawProvider::alias (or the binding's alias setter)
          - attribute "lifecycle" in data.aws_ami.d (at d) is a name Terraform reserves for a meta-argument or block: set it with the lifecycle setters (.prevent_destroy, .ignore_changes, .precondition, ...)
          - attribute "count" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: set it with .count(...)
          - attribute "depends_on" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: set it with .depends_on(&handle)
          - attribute "provider" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: set it with .provider(&handle), the handle stack.provider(...) returns
          - attribute "connection" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: Terraform reads it as a block, so write it as a nested block (.block(...) or .push_block(...))
          - nested block "for_each" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: set it with .for_each(...)
          - nested block "lifecycle" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: set it with the lifecycle setters (.prevent_destroy, .ignore_changes, .precondition, ...)
          - dynamic block "provisioner" in aws_vpc.x (at x) is a name Terraform reserves for a meta-argument or block: a dynamic block cannot generate meta-argument blocks; write them directly
          - module input "source" in module.m (at m) is a name Terraform reserves for a meta-argument or block: the source is Module::new's argument
          - module input "version" in module.m (at m) is a name Terraform reserves for a meta-argument or block: set it with Module::version
          - module input "count" in module.m (at m) is a name Terraform reserves for a meta-argument or block: set it with Module::count
          - module input "providers" in module.m (at m) is a name Terraform reserves for a meta-argument or block: set them with Module::provider
          - module input "lifecycle" in module.m (at m) is a name Terraform reserves for a meta-argument or block: no module can declare a variable of that name
    "#);
}

#[test]
fn module_sources_versions_and_provider_requirements() {
    let mut stack = Stack::new();
    stack.module("empty", Module::new(""));
    stack.module("local", Module::new("./modules/x").version("~> 1.0"));
    stack.module(
        "git",
        Module::new("git::https://example.com/x.git").version("1.0"),
    );
    stack.module("bare", Module::new("modules/x"));
    stack.module(
        "badver",
        Module::new("hashicorp/consul/aws").version("latest"),
    );
    stack.module(
        "ok",
        Module::new("hashicorp/consul/aws").version(">= 1.2, < 2.0.0"),
    );
    stack.required_version(">= 1.10-beta1");
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    stack.require_provider("bad", "hashi_corp/terraform-provider-x", "1.x");
    stack.require_provider("four", "a/b/c/d", ">= 1.2.3.4");
    assert_snapshot!(errors(&stack), @r#"
        10 errors:
          - invalid version constraint ">= 1.10-beta1" in required_version: "1.10-beta1" is a prerelease, which required_version does not accept; write comma-separated constraints such as ">= 1.2.0, < 2.0.0" or "~> 6.0" (operators =, !=, >, >=, <, <=, ~>)
          - invalid source "hashi_corp/terraform-provider-x" for provider bad: the type must not start with terraform-provider-; write [HOSTNAME/]NAMESPACE/TYPE, such as "hashicorp/aws"
          - invalid version constraint "1.x" in required_providers.bad: "1.x" is not a version (numbers separated by dots, such as 1.2.3); write comma-separated constraints such as ">= 1.2.0, < 2.0.0" or "~> 6.0" (operators =, !=, >, >=, <, <=, ~>)
          - invalid source "a/b/c/d" for provider four: it is not one to three non-empty parts separated by slashes; write [HOSTNAME/]NAMESPACE/TYPE, such as "hashicorp/aws"
          - invalid version constraint ">= 1.2.3.4" in required_providers.four: "1.2.3.4" has more than three parts (major.minor.patch); write comma-separated constraints such as ">= 1.2.0, < 2.0.0" or "~> 6.0" (operators =, !=, >, >=, <, <=, ~>)
          - module.empty (at empty) has source "": a module source must not be empty: give a local path such as "./modules/x", a registry address or a remote URL
          - module.local (at local) has source "./modules/x": it is a local path, and Terraform accepts a version only for registry modules (NAMESPACE/NAME/SYSTEM): remove the version or pin the source itself (a git ref)
          - module.git (at git) has source "git::https://example.com/x.git": it is not a registry address, and Terraform accepts a version only for registry modules (NAMESPACE/NAME/SYSTEM): remove the version or pin the source itself (a git ref)
          - module.bare (at bare) has source "modules/x": Terraform reads it as neither a local path nor a registry or remote address: a path in this configuration starts with ./ ("./modules/x")
          - invalid version constraint "latest" in module.badver: "latest" is not a version (numbers separated by dots, such as 1.2.3); write comma-separated constraints such as ">= 1.2.0, < 2.0.0" or "~> 6.0" (operators =, !=, >, >=, <, <=, ~>)
    "#);
}

#[test]
fn function_names_must_be_function_names() {
    let mut stack = Stack::new();
    let call = |name: &str| Expr::<String>::from_raw(tfsynth::RawExpr::call(name, vec![]));
    stack.output("a", Output::new(call("timestamp")));
    stack.output("b", Output::new(call("core::timestamp")));
    stack.output("c", Output::new(call("provider::aws::arn_parse")));
    stack.output("d", Output::new(call("file(\"/etc/passwd\")) + upper")));
    stack.output("e", Output::new(call("foo::bar")));
    stack.output("f", Output::new(call("")));
    assert_snapshot!(errors(&stack), @r#"
        3 errors:
          - call of "file(\"/etc/passwd\")) + upper" in output.d (at d): not a function name; use a Terraform function (an identifier such as "upper") or a provider function ("provider::NAME::FUNCTION")
          - call of "foo::bar" in output.e (at e): not a function name; use a Terraform function (an identifier such as "upper") or a provider function ("provider::NAME::FUNCTION")
          - call of "" in output.f (at f): not a function name; use a Terraform function (an identifier such as "upper") or a provider function ("provider::NAME::FUNCTION")
    "#);
}

#[test]
fn conditions_must_check_something() {
    let mut stack = Stack::new();
    let other: Expr<String> = stack.variable("other", Variable::new());
    let o2 = other.clone();
    let _: Expr<String> = stack.variable(
        "name",
        Variable::new()
            .validation(|_| o2.not_equals(""), "checks another variable only")
            .validation(|_| Expr::from_raw(true.into()), "checks nothing")
            .validation(|n| n.not_equals(""), "fine"),
    );
    stack.resource(
        "x",
        vpc()
            .precondition(true, "always")
            .precondition(other.not_equals(""), "fine")
            .postcondition(|_| Expr::from_raw(false.into()), "never"),
    );
    stack.output(
        "o",
        Output::new(1).precondition(functions::length(vec![1]).gt(0), "no ref"),
    );
    stack.output(
        "p",
        Output::new(1).precondition(path_module().not_equals(""), "path.module counts"),
    );
    stack.check("c", tfsynth::Check::new().assert(true, "nothing"));
    stack.check("empty", tfsynth::Check::new());
    assert_snapshot!(errors(&stack), @"
        7 errors:
          - the condition of a validation in var.name (at name) does not refer to var.name, so Terraform rejects it (a validation tests its variable): make it test var.name
          - the condition of a validation in var.name (at name) does not refer to var.name, so Terraform rejects it (a validation tests its variable): make it test var.name
          - the condition of a precondition in aws_vpc.x (at x) refers to nothing, so Terraform rejects it (it would check nothing): make it test a variable, local, resource, data source, module output, path, count, each or self
          - the condition of a postcondition in aws_vpc.x (at x) refers to nothing, so Terraform rejects it (it would check nothing): make it test a variable, local, resource, data source, module output, path, count, each or self
          - the condition of a precondition in output.o (at o) refers to nothing, so Terraform rejects it (it would check nothing): make it test a variable, local, resource, data source, module output, path, count, each or self
          - the condition of an assert in check.c (at c) refers to nothing, so Terraform rejects it (it would check nothing): make it test a variable, local, resource, data source, module output, path, count, each or self
          - a check needs at least one assert, or Terraform refuses it: add .assert(condition, message) (in check.empty (at empty))
    ");
}

#[test]
fn literal_count_and_for_each_terraform_refuses() {
    let mut stack = Stack::new();
    let n: Expr<Number> = stack.variable("n", Variable::new());
    stack.resource("neg", vpc().count(-1));
    stack.resource("neg_expr", vpc().count(-Expr::from_raw(2.into())));
    stack.resource("frac", vpc().count(1.5));
    stack.resource("ok", vpc().count(n - 1));
    stack.resource("list", vpc().for_each(vec!["a", "b"]));
    stack.resource("string", vpc().for_each("a"));
    stack.resource("set", vpc().for_each(functions::toset(vec!["a", "b"])));
    stack.resource("map", vpc().for_each(serde_json::json!({"a": 1})));
    stack.module("m", Module::new("./m").count(-2));
    assert_snapshot!(errors(&stack), @"
        6 errors:
          - count = -1 in aws_vpc.neg (at neg): Terraform needs a whole number of zero or more
          - count = -2 in aws_vpc.neg_expr (at neg_expr): Terraform needs a whole number of zero or more
          - count = 1.5 in aws_vpc.frac (at frac): Terraform needs a whole number of zero or more
          - for_each over a list literal (a tuple) in aws_vpc.list (at list): Terraform needs a map or a set of strings; wrap a list in functions::toset(...) or give a map
          - for_each over a string in aws_vpc.string (at string): Terraform needs a map or a set of strings; wrap a list in functions::toset(...) or give a map
          - count = -2 in module.m (at m): Terraform needs a whole number of zero or more
    ");
}

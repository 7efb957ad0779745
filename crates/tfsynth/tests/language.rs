//! The Terraform language as real configurations use it: whole-module handles and forward
//! references, providers per scope, `provider_meta`, mixed-type values, tidy output and the
//! escape hatch on typed blocks.

mod common;

fn errors(stack: &Stack) -> tfsynth::Errors {
    match stack.synth() {
        Ok(json) => panic!("expected errors, got\n{json}"),
        Err(e) => e,
    }
}

use tfsynth::prelude::*;
use tfsynth::{Instancing, Module, RawData, RawResource, Ref};

#[test]
fn a_whole_module_call_is_a_collection() {
    let mut stack = Stack::new();
    let spokes = stack.module(
        "spoke_vpcs",
        Module::new("./modules/vpc")
            .for_each(functions::toset(vec!["a", "b"]))
            .input("name", each_key())
            .outputs(["vpc_id", "cidr"]),
    );
    let all: Expr<Map<Any>> = spokes.expr();
    stack.resource(
        "peer",
        RawResource::new("aws_vpc_peering_connection")
            .for_each(&all)
            .attr("vpc_id", each_value::<Any>().attr::<String>("vpc_id")),
    );
    stack.output(
        "ids",
        Output::new(
            For::entries("k", "s", &all).to_map(|k, _| k, |_, s| s.attr::<String>("vpc_id")),
        ),
    );
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["resource"]["aws_vpc_peering_connection"]["peer"]["for_each"],
        "${module.spoke_vpcs}"
    );
    assert_eq!(
        v["output"]["ids"]["value"],
        "${{for k, s in module.spoke_vpcs : k => s.vpc_id}}"
    );
}

#[test]
fn an_output_the_module_does_not_declare_is_reported() {
    let mut stack = Stack::new();
    let net = stack.module("net", Module::new("./modules/net").outputs(["vpc_id"]));
    stack.output("a", Output::new(net.output::<String>("vpc_idd")));
    stack.output("b", Output::new(net.output::<String>("vpc_id")));
    let err = errors(&stack);
    assert_eq!(err.0.len(), 1, "{err}");
    insta::assert_snapshot!(err.to_string(), @r#"
    1 error:
      - module.net has no output "vpc_idd", used in output.a (at a): its outputs are vpc_id; fix the name or add the output to Module::outputs
    "#);
}

#[test]
fn forward_handles_are_used_before_they_are_declared() {
    let mut stack = Stack::new();
    let mut net = stack.scope("net");
    let db = net.forward::<RawResource>("aws_security_group", "db", Instancing::Count);
    let app = net.resource(
        "app",
        RawResource::new("aws_security_group")
            .attr(
                "description",
                template!("to ", Ref::at(&db, 0).get::<String>("id")),
            )
            .depends_on(&db),
    );
    net.fill(
        db,
        RawResource::new("aws_security_group")
            .count(2)
            .attr("description", "database"),
    );
    let _ = app;
    let v = common::parse(&common::synth(&stack));
    let sgs = &v["resource"]["aws_security_group"];
    assert_eq!(
        sgs["net_app"]["description"],
        "to ${aws_security_group.net_db[0].id}"
    );
    assert_eq!(sgs["net_app"]["depends_on"][0], "aws_security_group.net_db");
    assert_eq!(sgs["net_db"]["//"], "net/db");
}

#[test]
fn a_forward_handle_must_be_filled_with_what_it_reserved() {
    let mut stack = Stack::new();
    let never = stack.forward::<RawResource>("aws_vpc", "never", Instancing::Single);
    stack.output("id", Output::new(never.get::<String>("id")));
    let wrong = stack.forward::<RawResource>("aws_subnet", "wrong", Instancing::Single);
    stack.fill(wrong, RawResource::new("aws_vpc").count(1));
    let err = errors(&stack).to_string();
    assert!(
        err.contains(
            "aws_vpc.never was reserved with a forward handle (at never) but never declared"
        ),
        "{err}"
    );
    assert!(
        err.contains("reference to undeclared aws_vpc.never in output.id"),
        "{err}"
    );
    assert!(
        err.contains("aws_subnet.wrong was reserved as a aws_subnet but filled with a aws_vpc"),
        "{err}"
    );
    assert!(
        err.contains("reserved with Single instancing but declared with Count"),
        "{err}"
    );
}

#[test]
fn modules_and_data_sources_have_forward_handles() {
    let mut stack = Stack::new();
    let mut app = stack.scope("app");
    let dns = app.forward_module("dns");
    let ami = app.forward_data::<RawData>("aws_ami", "base", Instancing::Single);
    let net = app.module(
        "net",
        Module::new("./net")
            .input("zone_id", dns.output::<String>("zone_id"))
            .input("ami", ami.get::<String>("id")),
    );
    app.resource(
        "web",
        RawResource::new("aws_instance")
            .attr("ami", ami.get::<String>("id"))
            .depends_on([&*dns, &net])
            .depends_on(&ami),
    );
    app.fill_module(
        dns,
        Module::new("./dns").input("vpc_id", net.output::<String>("vpc_id")),
    );
    app.fill_data(ami, RawData::new("aws_ami").attr("most_recent", true));
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["module"]["app_net"]["zone_id"],
        "${module.app_dns.zone_id}"
    );
    assert_eq!(v["module"]["app_dns"]["vpc_id"], "${module.app_net.vpc_id}");
    assert_eq!(v["module"]["app_dns"]["//"], "app/dns");
    let web = &v["resource"]["aws_instance"]["app_web"];
    assert_eq!(web["ami"], "${data.aws_ami.app_base.id}");
    assert_eq!(
        web["depends_on"],
        serde_json::json!(["module.app_dns", "module.app_net", "data.aws_ami.app_base"])
    );
    assert_eq!(v["data"]["aws_ami"]["app_base"]["most_recent"], true);
}

#[test]
fn a_forward_module_or_data_source_must_be_filled() {
    let mut stack = Stack::new();
    let dns = stack.forward_module("dns");
    stack.output("zone", Output::new(dns.output::<String>("zone_id")));
    let ami = stack.forward_data::<RawData>("aws_ami", "base", Instancing::Single);
    stack.fill_data(ami, RawData::new("aws_vpc").count(1));
    let err = errors(&stack).to_string();
    assert!(
        err.contains("module.dns was reserved with a forward handle (at dns) but never declared"),
        "{err}"
    );
    assert!(
        err.contains("data.aws_ami.base was reserved as a aws_ami but filled with a aws_vpc"),
        "{err}"
    );
    assert!(
        err.contains("reserved with Single instancing but declared with Count"),
        "{err}"
    );
}

#[test]
fn any_values_iterate_without_a_cast() {
    let mut stack = Stack::new();
    let settings: Expr<Any> = stack.variable("settings", Variable::new());
    let names = For::entries("k", "v", &settings).to_list(|v| v.attr::<String>("name"));
    assert_eq!(names.to_string(), "[for k, v in var.settings : v.name]");
}

#[test]
fn a_scope_provider_reaches_every_block_and_module_below_it() {
    let mut stack = Stack::new();
    let east = stack.provider(
        tfsynth::RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    let west = stack.provider(
        tfsynth::RawProvider::new("aws")
            .alias("west")
            .attr("region", "us-west-2"),
    );
    stack.provider(tfsynth::RawProvider::new("tls"));
    let mut edge = stack.scope("edge");
    edge.use_provider(&east);
    let mut inner = edge.scope("inner");
    inner.resource("cert", RawResource::new("aws_acm_certificate"));
    inner.resource("pinned", RawResource::new("aws_s3_bucket").provider(&west));
    inner.resource("key", RawResource::new("tls_private_key"));
    inner.data("caller", tfsynth::RawData::new("aws_caller_identity"));
    inner.module("vpc", Module::new("./modules/vpc"));
    // A scope made before `use_provider` on its parent does not see it.
    stack.resource("root", RawResource::new("aws_s3_bucket").provider(&west));
    assert!(stack.warnings().is_empty(), "{:?}", stack.warnings());
    let v = common::parse(&common::synth(&stack));
    let r = &v["resource"];
    assert_eq!(
        r["aws_acm_certificate"]["edge_inner_cert"]["provider"],
        "aws.east"
    );
    assert_eq!(
        r["aws_s3_bucket"]["edge_inner_pinned"]["provider"],
        "aws.west"
    );
    assert_eq!(r["tls_private_key"]["edge_inner_key"].get("provider"), None);
    assert_eq!(
        v["data"]["aws_caller_identity"]["edge_inner_caller"]["provider"],
        "aws.east"
    );
    assert_eq!(
        v["module"]["edge_inner_vpc"]["providers"]["aws"],
        "aws.east"
    );
}

#[test]
fn falling_back_to_an_unconfigured_default_provider_is_a_warning() {
    let mut stack = Stack::new();
    stack.provider(
        tfsynth::RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    stack.resource("logs", RawResource::new("aws_s3_bucket"));
    stack.resource("key", RawResource::new("tls_private_key"));
    let warnings: Vec<String> = stack.warnings().iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(warnings, @r#"
    [
        "aws_s3_bucket.logs (at logs) sets no provider and aws has only aliased configurations (aws.east): Terraform gives it an empty default aws configuration; set .provider(..) on it, or Declare::use_provider on its scope",
    ]
    "#);
    // Still valid Terraform: a warning, not an error.
    common::synth(&stack);
}

#[test]
fn literal_interpolations_are_an_opt_in_warning() {
    let mut stack = Stack::new();
    let name: Expr<String> = stack.variable("name", Variable::new());
    stack.resource(
        "vpc",
        RawResource::new("aws_vpc")
            .attr("description", "Workloads in ${var.name}")
            .attr("name", template!("%{if x}", name, "%{endif}"))
            .attr("plain", "no interpolation, just $ and {}"),
    );
    assert!(stack.warnings().is_empty());
    stack.warn_literal_interpolations(true);
    let warnings: Vec<String> = stack.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert_eq!(
        warnings[0],
        "literal string \"Workloads in ${var.name}\" in aws_vpc.vpc (at vpc) contains an \
         interpolation sequence and is written as text; build the expression with template!(..) \
         and handles, or keep it as text and turn this warning off"
    );
    // The text still reaches Terraform as text.
    assert!(common::synth(&stack).contains("Workloads in $${var.name}"));
}

#[test]
fn provider_meta_is_written_in_the_terraform_block() {
    let mut stack = Stack::new();
    stack.require_provider("google", "hashicorp/google", "~> 6.0");
    stack.settings_mut().provider_meta(
        "google",
        tfsynth::Body::new().attr("module_name", "net ${x}"),
    );
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["terraform"]["provider_meta"],
        serde_json::json!({"google": {"module_name": "net ${x}"}})
    );
    let name: Expr<String> = stack.variable("name", Variable::new());
    stack
        .settings_mut()
        .provider_meta("google", tfsynth::Body::new().attr("module_name", name));
    stack
        .settings_mut()
        .provider_meta("a b", tfsynth::Body::new());
    let err = errors(&stack).to_string();
    assert!(
        err.contains("provider_meta \"google\" settings must be literals"),
        "{err}"
    );
    assert!(
        err.contains("invalid provider_meta provider name \"a b\""),
        "{err}"
    );
}

#[test]
fn mixed_objects_and_lists_read_like_hcl() {
    use tfsynth::{list, obj};
    let mut stack = Stack::new();
    let prefix: Expr<String> = stack.variable("name_prefix", Variable::new());
    let settings: Expr<Map<Any>> = stack.variable("settings", Variable::new());
    let services = stack.local::<Map<Any>, _>(
        "services",
        For::entries("k", "s", &settings).to_map(
            |k, _| k,
            |_, s| {
                obj! {
                    name = template!(&prefix, "-", s.attr::<String>("name")),
                    create = functions::try_((s.attr::<bool>("create"), true)),
                    port = functions::coalesce((s.attr::<Number>("port"), 80)),
                    owner = null(),
                    "Cost Center" = "${not evaluated}",
                    ports = list![80, s.attr::<Number>("port")],
                }
            },
        ),
    );
    stack.output("services", Output::new(&services));
    let v = common::parse(&common::synth(&stack));
    assert_eq!(
        v["locals"]["services"],
        "${{for k, s in var.settings : k => { name = \"${var.name_prefix}-${s.name}\", create = \
         try(s.create, true), port = coalesce(s.port, 80), owner = null, \"Cost Center\" = \
         \"$${not evaluated}\", ports = [80, s.port] }}}"
    );
    let literal = obj! { a = 1, b = "x", c = null(), d = tuple![true, obj! {}] };
    assert_eq!(
        tfsynth::to_json_string(literal.raw()),
        r#"{"a":1,"b":"x","c":null,"d":[true,{}]}"#,
        "a literal object stays a JSON object"
    );
}

#[test]
fn ordinary_code_needs_no_type_annotations() {
    let mut stack = Stack::new();
    let a: Expr<List<String>> = stack.variable("a", Variable::new());
    let b: Expr<Set<String>> = stack.variable("b", Variable::new());
    let on: Expr<bool> = stack.variable("on", Variable::new());
    // Lists in a conditional, a `for` building lists, and null: no `::<T>` anywhere.
    let ids = cond(&on, &a, b.to_list());
    let nested = For::values("x", &a).to_list(|x| vec![x]);
    let maybe = cond(&on, null(), &a);
    let chosen = a.clone().when(&on, null());
    // Names computed at run time.
    let names: Vec<String> = (0..2).map(|i| format!("attr_{i}")).collect();
    let mut r = RawResource::new("aws_thing")
        .attr("ids", ids)
        .attr("nested", nested)
        .attr("maybe", maybe)
        .attr("chosen", chosen);
    for n in &names {
        r = r.attr(n.as_str(), n);
    }
    let thing = stack.resource("t", r);
    let field = names[0].clone();
    let read = thing.get::<Any>("obj").attr::<String>(&field);
    assert_eq!(read.to_string(), "aws_thing.t.obj.attr_0");
    let v = common::parse(&common::synth(&stack));
    let t = &v["resource"]["aws_thing"]["t"];
    assert_eq!(t["ids"], "${var.on ? var.a : tolist(var.b)}");
    assert_eq!(t["nested"], "${[for x in var.a : [x]]}");
    assert_eq!(t["maybe"], "${var.on ? null : var.a}");
    assert_eq!(t["attr_1"], "attr_1");
}

#[test]
fn output_is_tidy_nested_templates_flattened_and_else_chains_bare() {
    let mut stack = Stack::new();
    let prefix: Expr<String> = stack.variable("name_prefix", Variable::new());
    let env: Expr<String> = stack.variable("env", Variable::new());
    let shared = template!(&prefix, "-shared");
    let app = template!(
        shared,
        "-app-",
        "${literal}",
        Expr::<String>::from_raw("$".into()),
        &env
    );
    let json = tfsynth::to_json_string(app.raw());
    assert_eq!(
        json,
        r#""${var.name_prefix}-shared-app-$${literal}${\"$\"}${var.env}""#
    );
    // Terraform reads the same text as before flattening.
    let pieces = common::read_template(
        &serde_json::from_str::<String>(&json).unwrap_or_default(),
        false,
    );
    assert_eq!(
        pieces,
        [
            common::Piece::Interp("var.name_prefix".into()),
            common::Piece::Text("-shared-app-${literal}$".into()),
            common::Piece::Interp("var.env".into()),
        ]
    );
    let size = cond(
        env.equals("prod"),
        "large",
        cond(
            env.equals("stage"),
            "medium",
            cond(env.equals("dev"), "small", "tiny"),
        ),
    );
    assert_eq!(
        size.to_string(),
        r#"var.env == "prod" ? "large" : var.env == "stage" ? "medium" : var.env == "dev" ? "small" : "tiny""#
    );
    let inner = cond(env.equals("a"), cond(env.equals("b"), 1, 2), 3);
    assert_eq!(
        inner.to_string(),
        r#"var.env == "a" ? (var.env == "b" ? 1 : 2) : 3"#
    );
}

#[test]
fn overrides_set_arguments_by_path_and_are_validated() {
    use tfsynth::Body;
    let mut stack = Stack::new();
    let size: Expr<Number> = stack.variable("size", Variable::new());
    stack.resource(
        "web",
        RawResource::new("aws_instance")
            .attr("tags", Value::<Map<String>>::from([("Name", "web")]))
            .block("root_block_device", Body::new().attr("volume_size", 8))
            .push_block(
                "ebs_block_device",
                Body::new().attr("device_name", "/dev/sdb"),
            )
            .set_override("root_block_device.volume_size", &size)
            .set_override("ebs_block_device.0.volume_size", 20)
            .set_override("tags.Team", "net")
            .set_override("metadata_options.http_tokens", "required"),
    );
    let v = common::parse(&common::synth(&stack));
    let web = &v["resource"]["aws_instance"]["web"];
    assert_eq!(web["root_block_device"]["volume_size"], "${var.size}");
    assert_eq!(web["ebs_block_device"][0]["volume_size"], 20);
    assert_eq!(
        web["tags"],
        serde_json::json!({"Name": "web", "Team": "net"})
    );
    assert_eq!(web["metadata_options"]["http_tokens"], "required");

    let mut bad = Stack::new();
    bad.resource(
        "web",
        RawResource::new("aws_instance")
            .attr("ami", "ami-1")
            .push_block("ebs_block_device", Body::new())
            .set_override("ebs_block_device.3.volume_size", 20)
            .set_override("ebs_block_device.volume_size", 20)
            .set_override("ami.id", "x")
            .set_override("a..b", 1)
            .set_override("count", 2)
            .set_override("bad name", 1)
            .set_override(
                "ref",
                Expr::<String>::from_raw(tfsynth::RawExpr::Ref(tfsynth::RefRoot::Var(
                    "nope".into(),
                ))),
            ),
    );
    let err = errors(&bad).to_string();
    for needle in [
        "ebs_block_device.3 in \"ebs_block_device.3.volume_size\" is past the end of the 1 ebs_block_device block(s)",
        "ebs_block_device in \"ebs_block_device.volume_size\" is a list of blocks: give an index",
        "ami in \"ami.id\" is an argument that is not an object literal",
        "the path \"a..b\" has an empty part",
        "count",
        "invalid attribute name \"bad name\"",
        "reference to undeclared var.nope",
    ] {
        assert!(err.contains(needle), "{needle:?} missing from\n{err}");
    }
    assert_eq!(errors(&bad).len(), 7, "{err}");
}

/// Import with `for_each` and, when `function` is set, a provider-defined function (the
/// stand-in providers of tf-validate and tf-plan serve no functions, so the pinned stack
/// leaves it out; the real hashicorp/aws 6.x has `arn_parse`).
fn current_terraform(required: &str, function: bool) -> Stack {
    let mut stack = Stack::new();
    stack.required_version(required);
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    let ids: Expr<Map<String>> = stack.variable(
        "bucket_names",
        Variable::new().default_value([("logs", "acme-logs"), ("web", "acme-web")]),
    );
    let buckets = stack.resource(
        "bucket",
        RawResource::new("aws_s3_bucket")
            .for_each(&ids)
            .attr("bucket", each_value::<String>()),
    );
    stack.import(tfsynth::Import::new(&buckets, each_value::<String>()).for_each(&ids, each_key()));
    let arn: Expr<String> = stack.variable(
        "role_arn",
        Variable::new().default_value("arn:aws:iam::123456789012:role/deploy"),
    );
    if function {
        stack.output(
            "account",
            Output::new(
                functions::provider_function::<Any>("aws", "arn_parse", (&arn,))
                    .attr::<String>("account_id"),
            ),
        );
    } else {
        stack.output("role", Output::new(&arn));
    }
    stack
}

#[test]
fn import_for_each_and_provider_functions() {
    let with_function = common::parse(&common::synth(&current_terraform(">= 1.8", true)));
    assert_eq!(
        with_function["output"]["account"]["value"],
        "${provider::aws::arn_parse(var.role_arn).account_id}"
    );
    let json = common::synth(&current_terraform(">= 1.7", false));
    let v = common::parse(&json);
    assert_eq!(
        v["import"][0],
        serde_json::json!({
            "for_each": "${var.bucket_names}",
            "to": "aws_s3_bucket.bucket[each.key]",
            "id": "${each.value}"
        })
    );
    common::snapshot_stack("stack-language-current-terraform", &json);
}

#[test]
fn features_newer_than_required_version_are_refused() {
    let err = errors(&current_terraform(">= 1.5, < 2.0", true)).to_string();
    insta::assert_snapshot!(err, @r#"
    2 errors:
      - provider-defined functions in output.account (at account) needs Terraform 1.8 or newer, but required_version ">= 1.5, < 2.0" allows older versions: raise it to ">= 1.8" or drop the feature
      - import with for_each in import to aws_s3_bucket.bucket[each.key] needs Terraform 1.7 or newer, but required_version ">= 1.5, < 2.0" allows older versions: raise it to ">= 1.7" or drop the feature
    "#);
}

/// Providers per scope, overrides, mixed values and tidy templates in one stack that real
/// Terraform validates and plans (pinned as `stack-language-scopes`).
#[test]
fn language_scopes_stack() {
    use tfsynth::{obj, Body, RawProvider};
    let mut stack = Stack::new();
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    let prefix: Expr<String> = stack.variable("name_prefix", Variable::new().default_value("acme"));
    let env: Expr<String> = stack.variable("env", Variable::new().default_value("dev"));
    let east = stack.provider(
        RawProvider::new("aws")
            .alias("east")
            .attr("region", "us-east-1"),
    );
    stack.provider(
        RawProvider::new("aws")
            .alias("west")
            .attr("region", "us-west-2"),
    );
    let tags: Expr<Map<String>> = stack.local(
        "tags",
        obj!(
            Name = template!(template!(&prefix, "-shared"), "-app-", &env),
            Owner = null()
        ),
    );
    let mut edge = stack.scope("edge");
    edge.use_provider(&east);
    let size = cond(
        env.equals("prod"),
        "large",
        cond(env.equals("stage"), "medium", "small"),
    );
    edge.resource(
        "logs",
        RawResource::new("aws_s3_bucket")
            .attr("bucket_prefix", template!(&prefix, "-logs-"))
            .attr("tags", functions::merge((&tags, obj!(Size = size))))
            .set_override("force_destroy", true),
    );
    edge.resource(
        "sg",
        RawResource::new("aws_security_group")
            .attr("name_prefix", template!(&prefix, "-edge-"))
            .block("timeouts", Body::new().attr("create", "10m"))
            .set_override("timeouts.delete", "20m"),
    );
    assert!(stack.warnings().is_empty(), "{:?}", stack.warnings());
    let json = common::synth(&stack);
    assert!(
        json.contains(r#""Name": "${var.name_prefix}-shared-app-${var.env}""#),
        "{json}"
    );
    common::snapshot_stack("stack-language-scopes", &json);
}

/// An ephemeral value reaching a write-only argument: from an ephemeral resource, or (with
/// `from_resource` false) from an ephemeral variable. The stand-in providers of tf-validate
/// and tf-plan serve no ephemeral resource schemas, so only the variable form is pinned and
/// run through them.
fn ephemeral_stack(required: &str, from_resource: bool) -> Stack {
    let mut stack = Stack::new();
    stack.required_version(required);
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    let password: Expr<String> = if from_resource {
        let random = tfsynth::RawEphemeral::new("aws_secretsmanager_random_password")
            .attr("password_length", 32);
        stack
            .ephemeral("db", random)
            .get::<String>("random_password")
    } else {
        stack.variable(
            "password",
            Variable::new()
                .ephemeral(true)
                .default_value("correct-horse-battery"),
        )
    };
    let secret = stack.resource(
        "db",
        RawResource::new("aws_secretsmanager_secret").attr("name_prefix", "db-"),
    );
    stack.resource(
        "db",
        RawResource::new("aws_secretsmanager_secret_version")
            .attr("secret_id", secret.get::<String>("id"))
            .attr("secret_string_wo", password)
            .attr("secret_string_wo_version", 1),
    );
    stack
}

#[test]
fn ephemeral_resources_and_write_only_arguments() {
    let v = common::parse(&common::synth(&ephemeral_stack(">= 1.11", true)));
    assert_eq!(
        v["ephemeral"]["aws_secretsmanager_random_password"]["db"]["password_length"],
        32
    );
    assert_eq!(
        v["resource"]["aws_secretsmanager_secret_version"]["db"]["secret_string_wo"],
        "${ephemeral.aws_secretsmanager_random_password.db.random_password}"
    );
    let json = common::synth(&ephemeral_stack(">= 1.11", false));
    common::snapshot_stack("stack-language-ephemeral", &json);
    let err = errors(&ephemeral_stack(">= 1.9", true)).to_string();
    assert!(
        err.contains("ephemeral resources in ephemeral.aws_secretsmanager_random_password.db (at db) needs Terraform 1.10 or newer"),
        "{err}"
    );
    let mut dangling = Stack::new();
    dangling.output(
        "x",
        Output::new(Expr::<String>::from_raw(tfsynth::RawExpr::Ref(
            tfsynth::RefRoot::Ephemeral {
                type_name: "aws_x".into(),
                name: "nope".into(),
            },
        )))
        .ephemeral(true),
    );
    assert!(errors(&dangling)
        .to_string()
        .contains("reference to undeclared ephemeral.aws_x.nope"));
}

#[cfg(feature = "hcl")]
#[test]
fn ephemeral_resources_are_written_in_hcl_too() {
    let hcl = match tfsynth::hcl::synth_hcl(&ephemeral_stack(">= 1.11", true), Default::default()) {
        Ok(text) => text,
        Err(e) => panic!("{e}"),
    };
    assert!(
        hcl.contains(r#"ephemeral "aws_secretsmanager_random_password" "db" {"#),
        "{hcl}"
    );
    assert!(
        hcl.contains("ephemeral.aws_secretsmanager_random_password.db.random_password"),
        "{hcl}"
    );
}

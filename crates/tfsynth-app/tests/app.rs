//! Apps of several stacks: references between stacks, the deploy order, and the command line
//! over a user's stacks.

#![allow(clippy::unwrap_used)]

use serde_json::Value as Json;
use tfsynth::{prelude::*, Backend, Cloud, Module, RawResource, Ref};
use tfsynth_app::{App, Ctx, Error};

/// What the network stack gives the others.
#[derive(Clone)]
struct Network {
    vpc: Ref<RawResource>,
    subnets: Ref<RawResource>,
    zones: Ref<RawResource>,
    secret: Expr<String>,
    module_out: Expr<String>,
}

fn network(stack: &mut Stack, _: &mut Ctx<'_>) -> Result<Network, Error> {
    let vpc = stack.resource(
        "main",
        RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
    );
    let subnets = stack.resource(
        "private",
        RawResource::new("aws_subnet")
            .attr("vpc_id", vpc.get::<String>("id"))
            .attr("cidr_block", "10.0.1.0/24")
            .count(2),
    );
    let zones = stack.resource(
        "zonal",
        RawResource::new("aws_subnet")
            .attr("vpc_id", vpc.get::<String>("id"))
            .attr("cidr_block", "10.0.9.0/24")
            .for_each(obj! { "a" = "x" }),
    );
    let secret: Expr<String> = stack.variable("db_password", Variable::new().sensitive(true));
    let m = stack.module("labels", Module::new("./labels"));
    stack.output("vpc_id", Output::new(vpc.get::<String>("id")));
    Ok(Network {
        vpc,
        subnets,
        zones,
        secret,
        module_out: m.output("name"),
    })
}

fn service(stack: &mut Stack, ctx: &mut Ctx<'_>) -> Result<(), Error> {
    let net: Network = ctx.stack("network")?;
    let sg = stack.resource(
        "web",
        RawResource::new("aws_security_group")
            .attr("vpc_id", net.vpc.get::<String>("id"))
            .attr(
                "description",
                template!("in ", net.vpc.get::<String>("cidr_block"), " only"),
            )
            .attr("name", functions::upper(net.module_out.clone()))
            .depends_on(&net.vpc),
    );
    stack.resource(
        "app",
        RawResource::new("aws_instance")
            .attr(
                "subnet_id",
                Ref::at(&net.subnets, count_index()).get::<String>("id"),
            )
            .attr("vpc_security_group_ids", list![sg.get::<String>("id")])
            .count(2),
    );
    stack.resource(
        "zonal",
        RawResource::new("aws_instance")
            .attr(
                "subnet_id",
                Ref::key(&net.zones, each_key()).get::<String>("id"),
            )
            .for_each(obj! { "a" = "x" }),
    );
    stack.resource(
        "db",
        RawResource::new("aws_db_instance").attr("password", net.secret.clone()),
    );
    Ok(())
}

fn alone(stack: &mut Stack, _: &mut Ctx<'_>) -> Result<(), Error> {
    stack.resource(
        "logs",
        RawResource::new("aws_s3_bucket").attr("bucket", "logs"),
    );
    Ok(())
}

fn app() -> App {
    App::new("infra")
        .stack("service", service)
        .description("the web tier")
        .stack("alone", alone)
        .stack("network", network)
        .description("the VPC")
}

fn stacks() -> Vec<(String, Json)> {
    app()
        .synth_all()
        .unwrap()
        .into_iter()
        .map(|(n, t)| (n, serde_json::from_str(&t).unwrap()))
        .collect()
}

fn get<'a>(stacks: &'a [(String, Json)], name: &str) -> &'a Json {
    &stacks.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn a_handle_of_another_stack_becomes_an_output_and_a_remote_state_read() {
    let stacks = stacks();
    let order: Vec<&str> = stacks.iter().map(|(n, _)| n.as_str()).collect();
    // network first; alone keeps its place among the unrelated stacks
    assert_eq!(order, ["alone", "network", "service"]);
    let net = get(&stacks, "network");
    let svc = get(&stacks, "service");
    let sg = &svc["resource"]["aws_security_group"]["web"];
    // an existing output with the same value is reused
    assert_eq!(
        sg["vpc_id"],
        "${data.terraform_remote_state.network.outputs.vpc_id}"
    );
    // inside a template: only the traversal crosses, the template stays here
    assert_eq!(
        sg["description"],
        "in ${data.terraform_remote_state.network.outputs.aws_vpc_main_cidr_block} only"
    );
    assert_eq!(
        net["output"]["aws_vpc_main_cidr_block"]["value"],
        "${aws_vpc.main.cidr_block}"
    );
    // a module's output, inside a function call
    assert_eq!(
        sg["name"],
        "${upper(data.terraform_remote_state.network.outputs.module_labels_name)}"
    );
    assert_eq!(
        net["output"]["module_labels_name"]["value"],
        "${module.labels.name}"
    );
    // depends_on another stack's block: dropped (the deploy order does it)
    assert!(sg.get("depends_on").is_none(), "{sg}");
    // counted instances picked by this stack's count.index: a map indexed here
    assert_eq!(
        svc["resource"]["aws_instance"]["app"]["subnet_id"],
        "${data.terraform_remote_state.network.outputs.aws_subnet_private_id_by_key[count.index]}"
    );
    assert_eq!(
        net["output"]["aws_subnet_private_id_by_key"]["value"],
        "${{for k, v in aws_subnet.private : k => v.id}}"
    );
    assert_eq!(
        svc["resource"]["aws_instance"]["zonal"]["subnet_id"],
        "${data.terraform_remote_state.network.outputs.aws_subnet_zonal_id_by_key[each.key]}"
    );
    // a sensitive variable crosses as a sensitive output
    assert_eq!(net["output"]["var_db_password"]["sensitive"], true);
    // the read
    assert_eq!(
        svc["data"]["terraform_remote_state"]["network"],
        serde_json::json!({
            "//": "network",
            "backend": "local",
            "config": { "path": "../network/terraform.tfstate" }
        })
    );
    // unrelated stacks get nothing
    let alone = get(&stacks, "alone");
    assert!(alone.get("data").is_none() && alone.get("output").is_none());
}

#[test]
fn synth_is_deterministic() {
    assert_eq!(app().synth_all().unwrap(), app().synth_all().unwrap());
}

#[test]
fn stacks_prints_the_deploy_order_and_synth_writes_every_stack() {
    let dir = tempfile::tempdir().unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = app().run_with(["infra", "stacks"], &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "alone    \nnetwork  the VPC\nservice  the web tier (after network)\n"
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let d = dir.path().to_str().unwrap();
    let code = app().run_with(
        ["infra", "synth", "--stack", "all", "--out-dir", d],
        &mut out,
        &mut err,
    );
    let err = String::from_utf8(err).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: stack service: depends_on aws_vpc.main dropped"),
        "{err}"
    );
    for s in ["network", "service", "alone"] {
        assert!(dir.path().join(s).join("main.tf.json").is_file());
    }
    // one stack alone still gets the outputs the others read
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = app().run_with(["infra", "synth", "--stack", "network"], &mut out, &mut err);
    assert_eq!(code, 0);
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("aws_subnet_private_id_by_key"));
}

#[test]
fn an_s3_backend_is_read_with_its_settings_and_a_cloud_block_is_refused() {
    fn s3(stack: &mut Stack, _: &mut Ctx<'_>) -> Result<Expr<String>, Error> {
        stack.settings_mut().backend = Some(Backend::s3("state", "net.tfstate", "eu-west-1"));
        let v = stack.resource(
            "v",
            RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
        );
        Ok(v.get("id"))
    }
    fn cloud(stack: &mut Stack, _: &mut Ctx<'_>) -> Result<Expr<String>, Error> {
        stack.settings_mut().cloud = Some(Cloud::new("org", "net"));
        let v = stack.resource(
            "v",
            RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
        );
        Ok(v.get("id"))
    }
    fn reader(from: &'static str) -> impl Fn(&mut Stack, &mut Ctx<'_>) -> Result<(), Error> {
        move |stack, ctx| {
            let id: Expr<String> = ctx.stack(from)?;
            stack.resource(
                "sg",
                RawResource::new("aws_security_group").attr("vpc_id", id),
            );
            Ok(())
        }
    }
    let stacks = App::new("x")
        .stack("net", s3)
        .stack("app", reader("net"))
        .synth_all()
        .unwrap();
    let app: Json = serde_json::from_str(&stacks[1].1).unwrap();
    assert_eq!(
        app["data"]["terraform_remote_state"]["net"],
        serde_json::json!({
            "//": "net",
            "backend": "s3",
            "config": { "bucket": "state", "key": "net.tfstate", "region": "eu-west-1", "encrypt": true }
        })
    );
    let e = App::new("x")
        .stack("net", cloud)
        .stack("app", reader("net"))
        .synth_all()
        .unwrap_err();
    assert!(
        e.contains("stack app reads stack net: stack net keeps its state in HCP Terraform"),
        "{e}"
    );
}

#[test]
fn bad_apps_are_refused_with_the_fix() {
    fn uses(name: &'static str) -> impl Fn(&mut Stack, &mut Ctx<'_>) -> Result<(), Error> {
        move |_, ctx| {
            let () = ctx.stack(name)?;
            Ok(())
        }
    }
    let e = App::new("x")
        .stack("a", uses("nope"))
        .synth_all()
        .unwrap_err();
    assert!(
        e.contains("stack a uses stack `nope`, which is not in the app: the stacks are a"),
        "{e}"
    );
    let e = App::new("x")
        .stack("a", uses("b"))
        .stack("b", uses("a"))
        .synth_all()
        .unwrap_err();
    assert!(
        e.contains("the stacks use each other in a cycle: a uses b uses a"),
        "{e}"
    );
    let e = App::new("x").stack("a", uses("a")).synth_all().unwrap_err();
    assert!(e.contains("stack a uses itself"), "{e}");
    let e = App::new("x")
        .stack("a", |_: &mut Stack, _: &mut Ctx<'_>| Ok::<u8, Error>(1))
        .stack("b", |_: &mut Stack, ctx: &mut Ctx<'_>| {
            let _: String = ctx.stack("a")?;
            Ok::<(), Error>(())
        })
        .synth_all()
        .unwrap_err();
    assert!(
        e.contains(
            "stack b asks stack a for a `alloc::string::String`, but its builder returns a `u8`"
        ),
        "{e}"
    );
    for (name, words) in [
        ("Net", "stack name \"Net\" is not a valid directory name"),
        ("../x", "is not a valid directory name"),
        ("all", "a stack cannot be called \"all\""),
    ] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code =
            App::new("x")
                .stack(name, uses("q"))
                .run_with(["x", "stacks"], &mut out, &mut err);
        assert_eq!(code, 1);
        assert!(String::from_utf8(err).unwrap().contains(words));
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = App::new("x").stack("a", alone).stack("a", alone).run_with(
        ["x", "synth"],
        &mut out,
        &mut err,
    );
    assert_eq!(code, 1);
    assert!(String::from_utf8(err)
        .unwrap()
        .contains("two stacks are called a"));
}

#[test]
fn a_cycle_of_references_names_them() {
    use tfsynth::link::{link, LinkStack};
    use tfsynth::{RawExpr, RefRoot};
    let r = |t: &str, n: &str| {
        RawExpr::Ref(RefRoot::Resource {
            type_name: t.into(),
            name: n.into(),
        })
        .attr("id")
    };
    let mut a = Stack::new();
    a.resource(
        "x",
        RawResource::new("aws_vpc").attr("tags", r("aws_subnet", "y")),
    );
    let mut b = Stack::new();
    b.resource(
        "y",
        RawResource::new("aws_subnet").attr("vpc_id", r("aws_vpc", "x")),
    );
    let e = link(&mut [
        LinkStack {
            name: "a",
            stack: &mut a,
            uses: vec!["b".into()],
        },
        LinkStack {
            name: "b",
            stack: &mut b,
            uses: vec!["a".into()],
        },
    ])
    .unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("the stacks a -> b form a cycle: a reads aws_subnet.y of b (output aws_subnet_y_id); b reads aws_vpc.x of a (output aws_vpc_x_id)"), "{}", e[0]);
}

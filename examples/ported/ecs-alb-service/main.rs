//! Port of `hcl/main.tf`: ECS Fargate services behind an Application Load Balancer, one per
//! entry of `var.services`, from the local module `hcl/modules/service`. No `RawExpr`.
//!
//! `cargo run -p tfsynth-examples --example ported_ecs_alb_service > main.tf.json` (beside a
//! copy of `hcl/modules`)

use tfsynth::prelude::*;
use tfsynth::{list, obj, Module, Ref, TypeExpr};
use tfsynth_aws::ecs_cluster::{Setting, SettingArgs};
use tfsynth_aws::elbv2::shared::{DefaultAction, FixedResponse};
use tfsynth_aws::route_table::Route as TableRoute;
use tfsynth_aws::security_group::{Egress, Ingress};
use tfsynth_aws::{
    AwsProvider, EcsCluster, IamRole, IamRolePolicyAttachment, InternetGateway, Lb, LbListener,
};
use tfsynth_aws::{IamRolePolicyAttachmentArgs, LbListenerArgs};
use tfsynth_aws::{RouteTable, RouteTableAssociation, SecurityGroup, Subnet, Vpc};

/// The stack.
pub fn build() -> Stack {
    let mut s = Stack::new();
    s.required_version(">= 1.7")
        .require_provider("aws", "hashicorp/aws", "~> 6.0");
    let region: Expr<String> = s.variable("region", Variable::new().default_value("eu-west-1"));
    s.provider(AwsProvider::new().region(&region));
    let name: Expr<String> = s.variable(
        "name",
        Variable::new().default_value("shop").validation(
            |v| functions::length(v).le(20),
            "The name must be at most 20 characters (it prefixes load balancer names).",
        ),
    );
    let cidr: Expr<String> = s.variable("vpc_cidr", Variable::new().default_value("10.20.0.0/16"));
    let n = |d: i32| Some(d.into());
    let service_type = TypeExpr::object([
        ("image", TypeExpr::String),
        ("port", TypeExpr::Number),
        ("path", TypeExpr::String),
        ("priority", TypeExpr::Number),
    ])
    .with_optional("cpu", TypeExpr::Number, n(256))
    .with_optional("memory", TypeExpr::Number, n(512))
    .with_optional("count", TypeExpr::Number, n(1));
    let image = "public.ecr.aws/nginx/nginx:1.27";
    let services: Expr<Map<Any>> = s.variable(
        "services",
        Variable::of_type(TypeExpr::map(service_type))
            .default_value(obj!(
                api = obj!(image = image, port = 8080, path = "/api/*", priority = 10),
                web = obj!(
                    image = image,
                    port = 80,
                    path = "/*",
                    priority = 20,
                    count = 2
                )
            ))
            .validation(
                |v| {
                    let port = |s: Expr<Any>| s.attr::<Number>("port");
                    functions::alltrue(
                        For::values("s", v)
                            .to_list(|s| port(s.clone()).gt(0).and(port(s).lt(65536))),
                    )
                },
                "Every service port must be between 1 and 65535.",
            ),
    );

    let azs: Expr<List<String>> = s.local(
        "azs",
        vec![template!(&region, "a"), template!(&region, "b")],
    );
    let tags: Expr<Map<String>> = s.local("tags", obj!(Application = &name));
    let named =
        |n: Expr<String>| -> Expr<Map<String>> { functions::merge((&tags, obj!(Name = n))) };

    let vpc = s.resource(
        "this",
        Vpc::new()
            .cidr_block(&cidr)
            .enable_dns_hostnames(true)
            .tags(named(name.clone())),
    );
    let igw = s.resource("this", InternetGateway::new().vpc_id(vpc.id()).tags(&tags));
    let public = s.resource(
        "public",
        Subnet::new(vpc.id())
            .count(functions::length(&azs))
            .cidr_block(functions::cidrsubnet(&cidr, 4, count_index()))
            .availability_zone(azs.at(count_index()))
            .map_public_ip_on_launch(true)
            .tags(named(template!(&name, "-public-", count_index()))),
    );
    let table = s.resource(
        "public",
        RouteTable::new(vpc.id())
            .add_route(
                TableRoute::new()
                    .cidr_block("0.0.0.0/0")
                    .gateway_id(igw.id()),
            )
            .tags(&tags),
    );
    s.resource(
        "public",
        RouteTableAssociation::new(table.id())
            .count(functions::length(&azs))
            .subnet_id(Ref::at(&public, count_index()).id()),
    );
    let alb_sg = s.resource(
        "alb",
        SecurityGroup::new()
            .name(template!(&name, "-alb"))
            .vpc_id(vpc.id())
            .add_ingress(
                Ingress::new()
                    .from_port(80)
                    .to_port(80)
                    .protocol("tcp")
                    .cidr_blocks(vec!["0.0.0.0/0"]),
            )
            .add_egress(
                Egress::new()
                    .from_port(0)
                    .to_port(0)
                    .protocol("-1")
                    .cidr_blocks(vec![cidr.clone()]),
            )
            .tags(&tags),
    );
    let subnet_ids = || Ref::splat(&public, |x| x.id());
    let alb = s.resource(
        "this",
        Lb::new()
            .name(&name)
            .load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Application)
            .security_groups(vec![alb_sg.id()])
            .subnets(subnet_ids())
            .tags(&tags),
    );
    let not_found = FixedResponse::new(tfsynth_aws::elbv2::ContentType::TextPlain)
        .message_body("not found")
        .status_code("404");
    let http = s.resource(
        "http",
        LbListener::new(LbListenerArgs {
            load_balancer_arn: alb.arn().into(),
            default_action: DefaultAction::new(
                tfsynth_aws::elbv2::enums::ActionType::FixedResponse,
            )
            .fixed_response(not_found)
            .into(),
        })
        .port(80)
        .protocol(tfsynth_aws::elbv2::enums::Protocol::Http),
    );
    let cluster = s.resource(
        "this",
        EcsCluster::new(&name)
            .add_setting(Setting::new(SettingArgs {
                name: tfsynth_aws::ecs::enums::ClusterSettingName::ContainerInsights.into(),
                value: "enabled".into(),
            }))
            .tags(&tags),
    );
    let assume = obj!(
        Version = "2012-10-17",
        Statement = list![obj!(
            Effect = "Allow",
            Action = "sts:AssumeRole",
            Principal = obj!(Service = "ecs-tasks.amazonaws.com")
        )]
    );
    let execution = s.resource(
        "execution",
        IamRole::new(functions::jsonencode(assume)).name(template!(&name, "-execution")),
    );
    s.resource(
        "execution",
        IamRolePolicyAttachment::new(IamRolePolicyAttachmentArgs {
            role: execution.name().into(),
            policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
                .into(),
        }),
    );
    let services_ref = s.module(
        "services",
        Module::new("./modules/service")
            .for_each(&services)
            .input("name", template!(&name, "-", each_key()))
            .input("region", &region)
            .input("settings", each_value::<Any>())
            .input("cluster_arn", cluster.arn())
            .input("execution_role_arn", execution.arn())
            .input("vpc_id", vpc.id())
            .input("subnet_ids", subnet_ids())
            .input("listener_arn", http.arn())
            .input("alb_security_group", alb_sg.id())
            .input("tags", &tags)
            .outputs(["service_name"]),
    );
    s.output("url", Output::new(template!("http://", alb.dns_name())));
    let all: Expr<Map<Any>> = services_ref.expr();
    let names =
        For::entries("k", "s", &all).to_map(|k, _| k, |_, s| s.attr::<String>("service_name"));
    s.output("services", Output::new(names));
    s
}

#[allow(dead_code)]
fn main() {
    tfsynth_examples::print_or_exit(&build());
}

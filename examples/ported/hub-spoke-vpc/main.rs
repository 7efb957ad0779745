//! Port of `hcl/main.tf`: a hub VPC with a transit gateway and one spoke VPC per entry of
//! `var.spokes`, from the local module `hcl/modules/spoke` (called as a module, so the
//! resource addresses are the HCL's). No `RawExpr`.
//!
//! `cargo run -p tfsynth-examples --example ported_hub_spoke_vpc > main.tf.json` (beside a
//! copy of `hcl/modules`)

use tfsynth::prelude::*;
use tfsynth::{obj, Module, Ref};
use tfsynth_aws::security_group::{Egress, Ingress};
use tfsynth_aws::{AwsProvider, Ec2TransitGateway, Route, SecurityGroup, Subnet, Vpc};
use tfsynth_aws::{
    Ec2TransitGatewayVpcAttachment as Attachment,
    Ec2TransitGatewayVpcAttachmentArgs as AttachmentArgs,
};

/// The stack.
pub fn build() -> Stack {
    let mut s = Stack::new();
    s.required_version(">= 1.7")
        .require_provider("aws", "hashicorp/aws", "~> 6.0");
    let region: Expr<String> = s.variable("region", Variable::new().default_value("eu-west-1"));
    s.provider(AwsProvider::new().region(&region));
    let prefix: Expr<String> = s.variable(
        "name_prefix",
        Variable::new().default_value("acme").validation(
            |v| functions::can(functions::regex("^[a-z][a-z0-9-]{1,20}$", v)),
            "The name_prefix must be 2 to 21 lowercase letters, digits or dashes.",
        ),
    );
    let hub_cidr: Expr<String> = s.variable(
        "hub_cidr",
        Variable::new().default_value("10.0.0.0/16").validation(
            |v| functions::can(functions::cidrhost(v, 0)),
            "The hub_cidr must be a CIDR block.",
        ),
    );
    let spokes_default = obj!(
        app = obj!(cidr = "10.1.0.0/16"),
        data = obj!(cidr = "10.2.0.0/16", dns_support = false)
    );
    let spokes: Expr<Any> = s.variable("spokes", Variable::new().default_value(spokes_default));
    let ports: Expr<List<Number>> = s.variable(
        "allowed_ports",
        Variable::new().default_value(vec![443, 5432]),
    );

    let azs: Expr<List<String>> = s.local(
        "azs",
        vec![template!(&region, "a"), template!(&region, "b")],
    );
    let tags: Expr<Map<String>> = s.local(
        "common_tags",
        obj!(Project = &prefix, ManagedBy = "terraform"),
    );
    let named =
        |name: Expr<String>| -> Expr<Map<String>> { functions::merge((&tags, obj!(Name = name))) };

    let hub = s.resource(
        "hub",
        Vpc::new()
            .cidr_block(&hub_cidr)
            .enable_dns_hostnames(true)
            .tags(named(template!(&prefix, "-hub"))),
    );
    let hub_subnets = s.resource(
        "hub",
        Subnet::new(hub.id())
            .count(functions::length(&azs))
            .cidr_block(functions::cidrsubnet(&hub_cidr, 8, count_index()))
            .availability_zone(azs.at(count_index()))
            .tags(named(template!(&prefix, "-hub-", azs.at(count_index())))),
    );
    let tgw = s.resource(
        "this",
        Ec2TransitGateway::new()
            .description(template!(&prefix, " transit"))
            .tags(&tags),
    );
    let hub_attachment = s.resource(
        "hub",
        Attachment::new(AttachmentArgs {
            subnet_ids: Ref::splat(&hub_subnets, |x| x.id()).into(),
            transit_gateway_id: tgw.id().into(),
            vpc_id: hub.id().into(),
        })
        .tags(&tags),
    );
    let spoke_cidrs = For::values("s", &spokes).to_list(|s| s.attr::<String>("cidr"));
    s.resource(
        "hub",
        SecurityGroup::new()
            .name(template!(&prefix, "-hub"))
            .vpc_id(hub.id())
            .dynamic_ingress(&ports, |port| {
                Ingress::new()
                    .from_port(port.clone())
                    .to_port(port)
                    .protocol("tcp")
                    .cidr_blocks(spoke_cidrs)
            })
            .add_egress(
                Egress::new()
                    .from_port(0)
                    .to_port(0)
                    .protocol("-1")
                    .cidr_blocks(vec!["0.0.0.0/0"]),
            ),
    );

    let spoke = each_value::<Any>;
    let spoke_vpcs = s.module(
        "spoke_vpcs",
        Module::new("./modules/spoke")
            .for_each(&spokes)
            .input("name", template!(&prefix, "-", each_key()))
            .input("cidr", spoke().attr::<String>("cidr"))
            .input("azs", &azs)
            .input(
                "dns_support",
                functions::try_((spoke().attr::<bool>("dns_support"), true)),
            )
            .input("transit_gateway_id", tgw.id())
            .input("tags", &tags)
            .outputs(["vpc_id", "cidr"]),
    );
    let all: Expr<Map<Any>> = spoke_vpcs.expr();
    s.resource(
        "hub_to_spokes",
        Route::new(hub.main_route_table_id())
            .for_each(&all)
            .destination_cidr_block(spoke().attr::<String>("cidr"))
            .transit_gateway_id(tgw.id())
            .depends_on(&hub_attachment),
    );
    let ids = For::entries("k", "s", &all).to_map(|k, _| k, |_, s| s.attr::<String>("vpc_id"));
    s.output("spoke_vpc_ids", Output::new(ids));
    s.output(
        "hub_subnet_ids",
        Output::new(Ref::splat(&hub_subnets, |x| x.id())),
    );
    s
}

#[allow(dead_code)]
fn main() {
    tfsynth_examples::print_or_exit(&build());
}

//! The module form of the `service`, `consumer` and `endpoint` stacks
//! ([`ShippedStack::build_module`]): what a caller sets is a typed `variable` whose
//! validations are the Terraform form of the rules the constructs check ([`crate::rules`]),
//! in the same words (with the variable's name), so a Terraform user who passes a bad CIDR,
//! zones of another region or no principals is stopped at `terraform plan`. The
//! configuration gives the variables' defaults; provider configuration is left to
//! [`Stack::into_module`](tfsynth::Stack), which strips it.
//!
//! - [`inputs`]: the variables and their validations;
//! - [`region`]: the provider's region, its zones and the `availability_zones` variable.
//!
//! [`ShippedStack::build_module`]: crate::stacks::ShippedStack::build_module

mod inputs;
mod region;

use tfsynth::functions::{length, split};
use tfsynth::{cond, Declare, List, Output, Stack, Variable};
use tfsynth_aws::data;

use crate::consumer::{
    ConsumerNetwork, InterfaceEndpoint, InterfaceEndpointProps, PrivateLinkConsumer, ServiceRef,
};
use crate::network::NetworkInputs;
use crate::rules::{self, HOLE, HOLE2, HOLE3};
use crate::service::{ListenerCertificate, PrivateLinkService};
use crate::sources::{CertificateSource, VpcSource};
use crate::stacks::{Built, ConsumerConfig, EndpointConfig, ServiceConfig};
use crate::{CertificateArn, Error, InstanceType, PrincipalArn, SecurityGroupId, SubnetId, VpcId};

use inputs::{
    client_cidrs_variable, instance_count_variable, list_of, string_of, tags_variable, v_ref,
    vpc_cidr_variable,
};
pub(crate) use inputs::{service_name_variable, service_port_variable};
use region::{zone_list_rules, zones_variable, RegionFacts};

/// Validations that refer to other objects (the provider's region) need Terraform 1.9.
const REQUIRED_VERSION: &str = ">= 1.9";

/// The `service_availability_zones` variable of the consumer: the service's zones, by the
/// rules of every zone list.
pub(crate) fn service_zones_variable(stack: &mut Stack) -> tfsynth::Expr<List<String>> {
    let var = Variable::new()
        .description("The service stack's service_availability_zones output")
        .example(vec!["use1-az1".to_owned(), "use1-az2".to_owned()])
        .nullable(false);
    stack.variable(
        "service_availability_zones",
        zone_list_rules(var, "service_availability_zones"),
    )
}

/// The `service` stack as a module.
pub(crate) fn service(config: &ServiceConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    stack.required_version(REQUIRED_VERSION);
    // The configuration's tags are the `tags` variable's default, merged in at the end.
    let tags = crate::Tags::new();
    let options = config.service.clone();
    let facts = RegionFacts::declare(&mut stack);
    let zones_in = zones_variable(
        &mut stack,
        &facts,
        2,
        "Zones of the provider's region for the service (ids such as use1-az1 are recommended: the same in every account), 2 to 6; empty means the region's default zones (use1-az1, use1-az2 in us-east-1)",
    );
    let zones = stack.local(
        "availability_zones",
        cond(
            length(zones_in.clone()).equals(0),
            facts.default_zones(),
            zones_in,
        ),
    );
    let cidr = vpc_cidr_variable(
        &mut stack,
        options.network.cidr,
        options.network.subnet_newbits,
        &zones,
        "service",
    );
    let principals = Variable::<List<String>>::new()
        .description("IAM principals allowed to connect to the endpoint service (arn:aws:iam::ACCOUNT:root, ...:role/NAME or ...:user/NAME); connections still need acceptance")
        .example(vec!["arn:aws:iam::222233334444:root".to_owned()])
        .nullable(false)
        .validation(|v| length(v.clone()).gt(0), Error::NoPrincipals.to_string());
    let principals = stack.variable(
        "allowed_principals",
        list_of(principals, "allowed_principals", &PrincipalArn::RULE),
    );
    let certificate = stack.variable(
        "certificate_arn",
        Variable::<String>::new()
            .description("ACM certificate of the internal ALB's HTTPS listener, in the provider's region")
            .example("arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab")
            .nullable(false)
            .validation(
                |v| CertificateArn::RULE.condition(v.clone()),
                CertificateArn::RULE.message(v_ref("certificate_arn")),
            )
            .validation(
                |v| {
                    // Of the right shape: the region is the fourth field.
                    let region = tfsynth::functions::try_((split(":", v.clone()).at(3), String::new()));
                    (!CertificateArn::RULE.condition(v.clone())).or(region.equals(facts.region.clone()))
                },
                rules::words(
                    rules::module_words(
                        &Error::CertificateRegion {
                            arn: HOLE.to_owned(),
                            certificate_region: HOLE2.to_owned(),
                            region: HOLE3.to_owned(),
                        }
                        .to_string(),
                    ),
                    &[
                        (HOLE, tfsynth::functions::jsonencode(v_ref::<String>("certificate_arn"))),
                        (
                            HOLE2,
                            tfsynth::functions::try_((
                                split(":", v_ref::<String>("certificate_arn")).at(3),
                                String::new(),
                            )),
                        ),
                        (HOLE3, facts.region.clone()),
                    ],
                ),
            ),
    );
    let instance_count = match &options.app.targets {
        crate::AppTargets::Nginx { instance_count, .. } => Some(instance_count_variable(
            &mut stack,
            u32::from(*instance_count),
        )),
        crate::AppTargets::Instances(_) => None,
    };
    let instance_type = match &options.app.targets {
        crate::AppTargets::Nginx { instance_type, .. } => Some(string_of(
            &mut stack,
            "instance_type",
            &InstanceType::RULE,
            Variable::<String>::new()
                .description(
                    "EC2 instance type of the nginx instances behind the ALB (family.size)",
                )
                .default_value(instance_type.as_str().to_owned()),
        )),
        crate::AppTargets::Instances(_) => None,
    };
    let deletion_protection = stack.variable(
        "deletion_protection",
        Variable::<bool>::new()
            .description("Deletion protection of the ALB and the NLB; switch it off before destroying the module")
            .default_value(true)
            .nullable(false),
    );
    let mut props = options.into_props(tags)?;
    // The configuration always makes a new network.
    if let crate::ServiceNetwork::New(network) = &mut props.network {
        network.inputs = Some(NetworkInputs { cidr, zones });
    }
    props.app.instance_type_input = instance_type;
    props.app.instance_count_input = instance_count;
    props.alb.deletion_protection = deletion_protection.clone().into();
    props.nlb.deletion_protection = deletion_protection.into();
    props.alb.certificate = ListenerCertificate::Acm(CertificateSource::Expression(certificate));
    props.endpoint_service.principals = Vec::new();
    props.endpoint_service.principal_list = Some(principals);
    let h = PrivateLinkService::new(&mut stack, "service", props)?;
    h.add_outputs(&mut stack);
    // What a caller builds next to the module: more targets, rules, alarms, DNS.
    let outputs = [
        ("vpc_id", h.placement.vpc_id.clone(), "The service VPC's id"),
        (
            "alb_arn",
            h.alb.lb.arn(),
            "The internal application load balancer (HTTPS listener, nginx targets)",
        ),
        (
            "alb_security_group_id",
            h.alb.security_group.id(),
            "The ALB's security group (HTTPS from the NLB only)",
        ),
        (
            "nlb_arn",
            h.nlb.lb.arn(),
            "The network load balancer behind the endpoint service",
        ),
    ];
    for (name, value, description) in outputs {
        stack.output(name, Output::new(value).description(description));
    }
    stack.output(
        "subnet_ids",
        Output::new(h.placement.subnet_ids())
            .description("The service VPC's private subnets, one per zone"),
    );
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
    Ok(Built {
        stack,
        warnings: h.warnings.iter().map(ToString::to_string).collect(),
    })
}

/// The `consumer` stack as a module.
pub(crate) fn consumer(config: &ConsumerConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    stack.required_version(REQUIRED_VERSION);
    // The configuration's tags are the `tags` variable's default, merged in at the end.
    let tags = crate::Tags::new();
    let facts = RegionFacts::declare(&mut stack);
    let (name, azs, port) = crate::stacks::service_variables(&mut stack, config);
    let service = ServiceRef::External {
        name,
        azs: Vec::new(),
        azs_expr: Some(azs.clone()),
        port: config.service_port,
        port_expr: Some(port),
    };
    let mut props = config.consumer.clone().into_props(service, tags)?;
    if let ConsumerNetwork::New {
        client_instance: Some(instance_type),
        ..
    } = &props.vpc
    {
        let description = format!(
            "Run a {} test instance in the consumer VPC (SSM Session Manager, no SSH) to reach the service from; false for none",
            instance_type.as_str()
        );
        props.client_instance_input = Some(
            stack.variable(
                "client_instance",
                Variable::<bool>::new()
                    .description(description)
                    .default_value(true)
                    .nullable(false),
            ),
        );
    }
    if let ConsumerNetwork::New { network, .. } = &mut props.vpc {
        let zones_in = zones_variable(
            &mut stack,
            &facts,
            1,
            "Zones of the consumer VPC's subnets, among the service's (ids recommended), 1 to 6; empty means the service's zones (service_availability_zones)",
        );
        let zones = stack.local(
            "availability_zones",
            cond(length(zones_in.clone()).equals(0), azs.clone(), zones_in),
        );
        let cidr = vpc_cidr_variable(
            &mut stack,
            network.cidr,
            network.subnet_newbits,
            &zones,
            "consumer",
        );
        network.inputs = Some(NetworkInputs { cidr, zones });
    }
    let h = PrivateLinkConsumer::new(&mut stack, "consumer", props)?;
    h.add_outputs(&mut stack, config.service_port);
    stack.output(
        "endpoint_security_group_id",
        Output::new(h.endpoint.security_group.id()).description(
            "The endpoint's security group: add ingress on the service port from your clients",
        ),
    );
    if let Some(net) = &h.network {
        stack.output(
            "vpc_id",
            Output::new(net.vpc.id()).description("The consumer VPC's id"),
        );
        stack.output(
            "subnet_ids",
            Output::new(net.subnet_ids())
                .description("The consumer VPC's private subnets, one per zone"),
        );
    }
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

/// The `endpoint` stack (and module): an interface endpoint in a VPC that exists.
pub(crate) fn endpoint(config: &EndpointConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    let vpc_id = string_of(
        &mut stack,
        "vpc_id",
        &VpcId::RULE,
        Variable::<String>::new()
            .description("The VPC the endpoint goes in")
            .example("vpc-0123456789abcdef0"),
    );
    let subnets = Variable::new()
        .description("The endpoint's subnets in that VPC, one per availability zone (zones the service serves)")
        .example(vec!["subnet-0123456789abcdef0".to_owned()])
        .nullable(false)
        .validation(|v| length(v.clone()).gt(0), Error::NoSubnets.to_string());
    let subnets = stack.variable(
        "subnet_ids",
        list_of(subnets, "subnet_ids", &SubnetId::RULE),
    );
    let name = service_name_variable(&mut stack);
    let port = service_port_variable(&mut stack, config.service_port);
    let groups = Variable::new()
        .description("Security groups whose members may reach the endpoint on the service port")
        .default_value(Vec::<String>::new())
        .nullable(false);
    let groups = stack.variable(
        "client_security_group_ids",
        list_of(groups, "client_security_group_ids", &SecurityGroupId::RULE),
    );
    let cidrs = client_cidrs_variable(
        &mut stack,
        Variable::<List<String>>::new()
            .description("IPv4 blocks that may reach the endpoint on the service port")
            .default_value(Vec::<String>::new())
            .nullable(false),
    );
    let private_dns = stack.variable(
        "private_dns_enabled",
        Variable::<bool>::new()
            .description("Resolve the service's private DNS name to the endpoint inside the VPC")
            .default_value(config.private_dns_enabled)
            .nullable(false),
    );
    let vpc = stack.data("vpc", data::Vpc::new().id(vpc_id.clone()));
    let mut props = InterfaceEndpointProps::new(
        // Read through the data source: a VPC that does not exist fails the plan there.
        VpcSource::Expression {
            id: vpc.id(),
            cidr: vpc.cidr_block(),
        },
        Vec::new(),
        name,
        config.service_port,
    );
    props.subnet_list = Some(subnets);
    props.port_expr = Some(port.clone());
    props.client_security_group_list = Some(groups);
    props.client_cidr_list = Some(cidrs);
    props.private_dns_enabled = private_dns.into();
    let ep = InterfaceEndpoint::new(&mut stack, "endpoint", props)?;
    stack.output(
        "endpoint_id",
        Output::new(ep.id()).description("Interface endpoint id: accept it in the service account"),
    );
    stack.output(
        "endpoint_dns_names",
        Output::new(ep.dns_names()).description("DNS names of the interface endpoint"),
    );
    stack.output(
        "endpoint_security_group_id",
        Output::new(ep.security_group.id())
            .description("The endpoint's security group (the service port from the clients only)"),
    );
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

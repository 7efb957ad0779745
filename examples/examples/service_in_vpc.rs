//! PrivateLink in front of an application that already runs: the service goes into your VPC
//! (two subnets, each with its zone) and its ALB forwards to your instances. Nothing of the
//! network is created; the security groups, load balancers and endpoint service are.
//!
//! `cargo run -p tfsynth-examples --example service_in_vpc > main.tf.json`

use tfsynth::{Declare, Ref, Stack};
use tfsynth_aws::{
    provider::DefaultTags, AwsProvider, Instance, SecurityGroup, Subnet, Vpc,
    VpcSecurityGroupIngressRule, VpcSecurityGroupIngressRuleArgs,
};
use tfsynth_privatelink::{
    AppProps, Az, EndpointServiceSettings, Error, ExistingSubnet, Principal, PrivateLinkService,
    PrivateLinkServiceProps, Region, ServiceNetwork, Tags, Targets,
};
use tfsynth_tls::TlsProvider;

/// The zones of your application's subnets, by id (the same in every account).
pub const APP_ZONES: [&str; 2] = ["use1-az1", "use1-az2"];

/// The stack and the construct warnings.
///
/// # Errors
/// The constructs' checks (here: a subnet without its zone, or one zone twice).
pub fn build() -> Result<(Stack, Vec<String>), Error> {
    let tags: Tags = [("Project", "privatelink-in-vpc"), ("ManagedBy", "tfsynth")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let region = Region::new("us-east-1")?;
    let mut stack = Stack::new();
    stack.required_version(">= 1.5");
    stack.provider(
        AwsProvider::new()
            .region(&region)
            .default_tags(DefaultTags::new().tags(tags.clone())),
    );
    stack.provider(TlsProvider::new());

    // Yours: the VPC, one subnet per zone, the application's instances and their group.
    let vpc = stack.resource("app", Vpc::new().cidr_block("172.20.0.0/16"));
    let app_sg = stack.resource(
        "app",
        SecurityGroup::new()
            .name("app")
            .description("Application servers")
            .vpc_id(vpc.id()),
    );
    let mut subnets = Vec::new();
    let mut instances = Vec::new();
    for (i, zone) in APP_ZONES.iter().enumerate() {
        let az: Az = zone.parse()?;
        let subnet: Ref<Subnet> = stack.resource(
            &format!("app_{i}"),
            Subnet::new(vpc.id())
                .cidr_block(format!("172.20.{i}.0/24"))
                .availability_zone_id(az.as_str().to_owned()),
        );
        instances.push(
            stack
                .resource(
                    &format!("app_{i}"),
                    Instance::new()
                        .ami("ami-0123456789abcdef0")
                        .instance_type("t3.micro")
                        .subnet_id(subnet.id())
                        .vpc_security_group_ids(vec![app_sg.id()]),
                )
                .into(),
        );
        subnets.push(ExistingSubnet::in_zone(&subnet, az));
    }

    // The service, in your VPC, forwarding to your instances.
    let service = PrivateLinkService::new(
        &mut stack,
        "service",
        PrivateLinkServiceProps {
            network: ServiceNetwork::Existing {
                vpc: (&vpc).into(),
                subnets,
            },
            app: AppProps {
                targets: Targets::Instances(instances),
                ..Default::default()
            },
            endpoint_service: EndpointServiceSettings {
                principals: vec![Principal::CurrentAccount],
                ..Default::default()
            },
            tags,
            ..Default::default()
        },
    )?;

    // Yours to allow: the ALB reaches your instances on port 80.
    stack.resource(
        "app_from_alb",
        VpcSecurityGroupIngressRule::new(VpcSecurityGroupIngressRuleArgs {
            ip_protocol: "tcp".into(),
            security_group_id: app_sg.id().into(),
        })
        .from_port(80)
        .to_port(80)
        .referenced_security_group_id(service.alb.security_group.id()),
    );
    service.add_outputs(&mut stack);
    let warnings = service.warnings.iter().map(ToString::to_string).collect();
    Ok((stack, warnings))
}

fn main() {
    tfsynth_examples::print_built_or_exit(build());
}

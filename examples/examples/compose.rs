//! The constructs composed with resources of your own, in one stack: a Route 53 public zone and
//! a DNS-validated ACM certificate for the service's listener and private DNS name, an SNS topic
//! for connection notifications, and the VPC your applications already run in (with their
//! security group) for the consumer's endpoint. Every handle goes straight into the props.
//!
//! `cargo run -p tfsynth-examples --example compose > main.tf.json`

use tfsynth::{each_value, Declare, Expr, For, MetaArgs, Ref, Set, Stack};
use tfsynth_aws::{
    common::DomainValidationOptions, provider::DefaultTags, AcmCertificate,
    AcmCertificateValidation, AwsProvider, Route53Record, Route53RecordArgs, Route53Zone,
    SecurityGroup, SnsTopic, Subnet, Vpc, VpcEndpointConnectionAccepter,
    VpcEndpointConnectionAccepterArgs,
};
use tfsynth_privatelink::{
    AlbProps, Az, ConsumerNetwork, DnsName, EndpointServiceSettings, Error, ExistingSubnet,
    NetworkProps, NlbProps, Principal, PrivateDns, PrivateLinkConsumer, PrivateLinkConsumerProps,
    PrivateLinkService, PrivateLinkServiceProps, Region, Tags,
};

/// The zones of the application VPC, by id (the same in every account).
pub const APP_ZONES: [&str; 2] = ["use1-az1", "use1-az2"];

/// The stack and the construct warnings; `app_zones` are the zone ids of the application
/// VPC's two subnets (checked against the service's zones when the consumer is built).
///
/// # Errors
/// The constructs' checks: here, an application subnet in a zone the service does not serve.
pub fn build(app_zones: [&str; 2]) -> Result<(Stack, Vec<String>), Error> {
    let tags: Tags = [("Project", "privatelink-compose"), ("ManagedBy", "tfsynth")]
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

    // Yours: the public zone of your domain, a certificate validated in it, a topic.
    let domain = DnsName::new("api.example.com")?;
    let zone = stack.resource("zone", Route53Zone::new("example.com"));
    let cert = stack.resource(
        "api_cert",
        AcmCertificate::new()
            .domain_name(&domain)
            .validation_method("DNS")
            .create_before_destroy(true),
    );
    let validation_options = For::values("dvo", &cert.domain_validation_options())
        .to_map(|_, dvo| dvo.fields().domain_name(), |_, dvo| dvo);
    let dvo = each_value::<DomainValidationOptions>();
    let records = stack.resource(
        "api_cert_validation",
        Route53Record::new(Route53RecordArgs {
            name: dvo.fields().resource_record_name().into(),
            type_: dvo.fields().resource_record_type().into(),
            zone_id: zone.zone_id().into(),
        })
        .records(vec![dvo.fields().resource_record_value()])
        .ttl(60)
        .allow_overwrite(true)
        .for_each(validation_options),
    );
    let validated = stack.resource(
        "api_cert_validated",
        AcmCertificateValidation::new(cert.arn())
            .validation_record_fqdns(Ref::each_value(&records, |r| r.fqdn()).cast::<Set<String>>()),
    );
    let topic = stack.resource(
        "privatelink_events",
        SnsTopic::new().name("privatelink-events"),
    );

    // Yours: the VPC your applications run in, their subnets and security group.
    let app_vpc = stack.resource(
        "app",
        Vpc::new()
            .cidr_block("172.16.0.0/16")
            .enable_dns_support(true)
            .enable_dns_hostnames(true),
    );
    let app_subnets: Vec<(Ref<Subnet>, Az)> = app_zones
        .iter()
        .enumerate()
        .map(|(i, zone)| {
            let az: Az = zone.parse()?;
            let subnet = stack.resource(
                &format!("app_{i}"),
                Subnet::new(app_vpc.id())
                    .cidr_block(format!("172.16.{i}.0/24"))
                    .availability_zone_id(az.as_str().to_owned()),
            );
            Ok((subnet, az))
        })
        .collect::<Result<_, Error>>()?;
    let app_sg = stack.resource(
        "app",
        SecurityGroup::new()
            .name("app")
            .description("Application servers that call the PrivateLink service")
            .vpc_id(app_vpc.id()),
    );

    // The service: your certificate on the listener, your zone verifies its private DNS name,
    // your topic hears about connections.
    let service = PrivateLinkService::new(
        &mut stack,
        "service",
        PrivateLinkServiceProps {
            network: NetworkProps::default().in_region(&region).into(),
            alb: AlbProps {
                certificate: validated.into(),
                deletion_protection: false.into(),
                ..Default::default()
            },
            nlb: NlbProps {
                deletion_protection: false.into(),
                ..Default::default()
            },
            endpoint_service: EndpointServiceSettings {
                principals: vec![Principal::CurrentAccount],
                private_dns: Some(PrivateDns {
                    name: domain,
                    verification_zone: Some(zone.into()),
                }),
                notification_topic: Some(topic.into()),
                ..Default::default()
            },
            tags: tags.clone(),
            ..Default::default()
        },
    )?;

    // The consumer: an endpoint in your VPC's subnets (their zones checked against the
    // service's now), reachable from your application's security group.
    let consumer = PrivateLinkConsumer::new(
        &mut stack,
        "consumer",
        PrivateLinkConsumerProps {
            vpc: ConsumerNetwork::Existing {
                vpc: (&app_vpc).into(),
                subnets: app_subnets
                    .into_iter()
                    .map(|(subnet, az)| ExistingSubnet::in_zone(subnet, az))
                    .collect(),
            },
            client_security_groups: vec![(&app_sg).into()],
            tags: tags.clone(),
            ..PrivateLinkConsumerProps::new(&service)
        },
    )?;

    // One account on both sides: the service owner accepts its own endpoint. Turn on
    // `private_dns_enabled` once the private DNS name is verified (AWS refuses it before).
    let endpoint_id: Expr<String> = consumer.endpoint.id();
    stack.resource(
        "accept",
        VpcEndpointConnectionAccepter::new(VpcEndpointConnectionAccepterArgs {
            vpc_endpoint_id: endpoint_id.into(),
            vpc_endpoint_service_id: service.service_id().into(),
        })
        .depends_on(&consumer.endpoint.endpoint),
    );
    service.add_outputs(&mut stack);
    consumer.add_outputs(&mut stack, service.endpoint_service.port);
    let warnings = service.warnings.iter().map(ToString::to_string).collect();
    Ok((stack, warnings))
}

fn main() {
    tfsynth_examples::print_built_or_exit(build(APP_ZONES));
}

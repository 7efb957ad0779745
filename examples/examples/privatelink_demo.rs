//! The PrivateLink demo written against the constructs, the way you would in your own crate:
//! a service (app instances behind an internal ALB, an NLB in front of it, an endpoint
//! service) and a consumer VPC with an interface endpoint and a client instance, in one
//! account.
//!
//! `cargo run -p tfsynth-examples --example privatelink_demo > main.tf.json`

use tfsynth::{Declare, MetaArgs, Stack};
use tfsynth_aws::{
    provider::DefaultTags, AwsProvider, VpcEndpointConnectionAccepter,
    VpcEndpointConnectionAccepterArgs,
};
use tfsynth_privatelink::{
    AlbProps, Cidr, ConsumerNetwork, EndpointServiceSettings, Error, InstanceType, NetworkProps,
    NlbProps, Principal, PrivateLinkConsumer, PrivateLinkConsumerProps, PrivateLinkService,
    PrivateLinkServiceProps, Region, Tags,
};
use tfsynth_tls::TlsProvider;

/// The stack and the construct warnings.
///
/// # Errors
/// The constructs check their options (CIDRs, ports, zones, principals, tags) when they are
/// added.
pub fn build() -> Result<(Stack, Vec<String>), Error> {
    let tags: Tags = [("Project", "privatelink-demo"), ("ManagedBy", "tfsynth")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();

    // The networks' zones are checked against the provider's region, and default to its first
    // two zone ids (use1-az1, use1-az2 here).
    let region = Region::new("us-east-1")?;
    let mut stack = Stack::new();
    stack.required_version(">= 1.5");
    stack.provider(
        AwsProvider::new()
            .region(&region)
            .default_tags(DefaultTags::new().tags(tags.clone())),
    );
    stack.provider(TlsProvider::new());

    // Secure defaults, loosened for a demo that is destroyed after use.
    let service = PrivateLinkService::new(
        &mut stack,
        "service",
        PrivateLinkServiceProps {
            network: NetworkProps::default().in_region(&region).into(),
            alb: AlbProps {
                deletion_protection: false.into(),
                ..Default::default()
            },
            nlb: NlbProps {
                deletion_protection: false.into(),
                ..Default::default()
            },
            endpoint_service: EndpointServiceSettings {
                principals: vec![Principal::CurrentAccount],
                ..Default::default()
            },
            tags: tags.clone(),
            ..Default::default()
        },
    )?;

    // The consumer takes the service's handle: its name, zones and port come from it.
    let consumer = PrivateLinkConsumer::new(
        &mut stack,
        "consumer",
        PrivateLinkConsumerProps {
            vpc: ConsumerNetwork::New {
                network: NetworkProps {
                    cidr: "10.1.0.0/16".parse::<Cidr>()?,
                    ..NetworkProps::default().in_region(&region)
                },
                client_instance: Some(InstanceType::t3_micro()),
            },
            tags: tags.clone(),
            ..PrivateLinkConsumerProps::new(&service)
        },
    )?;

    // One account on both sides: the service owner accepts its own endpoint.
    stack.resource(
        "accept",
        VpcEndpointConnectionAccepter::new(VpcEndpointConnectionAccepterArgs {
            vpc_endpoint_id: consumer.endpoint.id().into(),
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
    tfsynth_examples::print_built_or_exit(build());
}

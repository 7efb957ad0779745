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
    ConsumerOptions, Error, PrivateLinkConsumer, PrivateLinkService, Region, ServiceOptions,
    ServiceRef, Tags,
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
    let mut service = ServiceOptions::default().in_region(&region);
    service.alb.deletion_protection = false;
    service.nlb.deletion_protection = false;
    service.endpoint_service.allow_current_account = true;
    let service = PrivateLinkService::add(&mut stack.scope("service"), &service, &tags)?;

    let consumer = PrivateLinkConsumer::add(
        &mut stack.scope("consumer"),
        &ServiceRef::Handle(Box::new(service.clone())),
        &ConsumerOptions::default().in_region(&region),
        &tags,
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
    let result = build()
        .map_err(|e| e.to_string())
        .and_then(|(stack, warnings)| {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            stack.synth().map_err(|e| e.to_string())
        });
    match result {
        Ok(json) => print!("{json}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

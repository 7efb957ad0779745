//! The stacks this crate ships: `demo` (the post's single-account demo, fixed), and the
//! two-account split `service` + `consumer`.
//!
//! # The hand-off between `service` and `consumer`
//! Apply `service` in the provider account (with the consumer account's root in
//! `allowed_principals`), then pass its outputs to `consumer` in the consumer account:
//!
//! | service output               | consumer variable            |
//! |------------------------------|------------------------------|
//! | `service_name`               | `service_name`               |
//! | `service_availability_zones` | `service_availability_zones` |
//! | `service_port`               | `service_port`               |
//!
//! Then accept the connection request in the provider account (acceptance is required).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{Declare, Expr, List, MetaArgs, Number, Output, Stack};
use tfsynth_aws::{
    provider::DefaultTags, AwsProvider, VpcEndpointConnectionAccepter,
    VpcEndpointConnectionAccepterArgs,
};
use tfsynth_tls::TlsProvider;

use crate::config::{ConsumerOptions, ConsumerVpc, ServiceOptions};
use crate::consumer::{PrivateLinkConsumer, ServiceRef};
use crate::service::PrivateLinkService;
use crate::{Az, Error, Port, Region, Warning};

/// A stack and what is worth telling its user.
#[derive(Debug)]
pub struct Built {
    /// The stack.
    pub stack: Stack,
    /// Warnings (rendered).
    pub warnings: Vec<String>,
}

/// A stack this crate ships, built from a configuration.
pub trait ShippedStack {
    /// Its name (`demo`, `service`, `consumer`).
    const NAME: &'static str;
    /// One line.
    const DESCRIPTION: &'static str;
    /// Its configuration.
    type Config: Default + Serialize + serde::de::DeserializeOwned + JsonSchema;
    /// Builds it.
    ///
    /// # Errors
    /// Every validation error of the constructs.
    fn build(config: &Self::Config) -> Result<Built, Error>;
    /// Builds it as the body of a reusable Terraform module: the inputs a caller sets are
    /// `variable`s (typed, described, validated with the constructs' own words where Terraform
    /// can say it) and `config` gives their defaults. Provider configuration stays in the stack:
    /// [`Stack::into_module`](tfsynth::Stack) strips it.
    /// Default: [`ShippedStack::build`].
    ///
    /// # Errors
    /// Every validation error of the constructs.
    fn build_module(config: &Self::Config) -> Result<Built, Error> {
        Self::build(config)
    }
}

/// Settings every stack shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Common {
    /// The AWS region. Default: `us-east-1`.
    pub region: Region,
    /// Tags on every resource (provider `default_tags` and each resource's `tags`).
    /// Default: `Project = privatelink`, `ManagedBy = tfsynth`.
    #[serde(deserialize_with = "crate::rules::tags::without_nulls")]
    pub tags: BTreeMap<String, String>,
}

impl Default for Common {
    fn default() -> Self {
        Self {
            region: Region("us-east-1".into()),
            tags: BTreeMap::from([
                ("ManagedBy".to_owned(), "tfsynth".to_owned()),
                ("Project".to_owned(), "privatelink".to_owned()),
            ]),
        }
    }
}

/// The stacks' Terraform settings: `required_version`, the aws provider for `common`'s region
/// with its tags as `default_tags`.
pub fn provider_settings(stack: &mut Stack, common: &Common) {
    settings(stack, common, false);
}

pub(crate) fn settings(stack: &mut Stack, common: &Common, tls: bool) {
    stack.required_version(">= 1.5");
    stack.provider(
        AwsProvider::new()
            .region(&common.region)
            .default_tags(DefaultTags::new().tags(common.tags.clone())),
    );
    if tls {
        stack.provider(TlsProvider::new());
    }
}

/// The `demo` stack's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DemoConfig {
    /// Region and tags.
    pub common: Common,
    /// The service side. Default: the service defaults, with deletion protection off and the
    /// current account allowed (a demo is destroyed after use).
    pub service: ServiceOptions,
    /// The consumer side. Default: a `10.1.0.0/16` VPC with a client instance.
    pub consumer: ConsumerOptions,
}

impl Default for DemoConfig {
    fn default() -> Self {
        let mut service = ServiceOptions::default();
        service.alb.deletion_protection = false;
        service.nlb.deletion_protection = false;
        service.endpoint_service.allow_current_account = true;
        Self {
            common: Common::default(),
            service,
            consumer: ConsumerOptions::default(),
        }
    }
}

/// What [`add_demo`] built.
#[derive(Debug, Clone)]
pub struct DemoHandles {
    /// The service side.
    pub service: PrivateLinkService,
    /// The consumer side.
    pub consumer: PrivateLinkConsumer,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

/// One stack holding `n` copies of the demo, the i-th under the scope `demo{i}` (so every
/// name is distinct), with the `terraform` settings and providers once at the root: the
/// workload of the benchmarks (`examples/scale.rs`, `benches/`).
///
/// # Errors
/// What [`add_demo`] refuses in `config`.
pub fn scale(n: usize, config: &DemoConfig) -> Result<Stack, Error> {
    let mut stack = Stack::new();
    settings(&mut stack, &config.common, true);
    for i in 0..n {
        add_demo(&mut stack.scope(&format!("demo{i}")), config)?;
    }
    Ok(stack)
}

/// Puts one whole demo (service + consumer + the same-account accepter) into `scope`, without
/// providers or `terraform` settings, so several can share one stack. Its networks are in
/// `config.common.region`.
///
/// # Errors
/// Every validation error of the constructs.
pub fn add_demo(scope: &mut impl Declare, config: &DemoConfig) -> Result<DemoHandles, Error> {
    let tags = &config.common.tags;
    let region = &config.common.region;
    let service = PrivateLinkService::new(
        scope,
        "service",
        config
            .service
            .clone()
            .in_region(region)
            .into_props(tags.clone())?,
    )?;
    let mut warnings = service.warnings.clone();
    if let ConsumerVpc::New(n) = &config.consumer.vpc {
        if n.cidr.overlaps(&config.service.network.cidr) {
            warnings.push(Warning::CidrOverlap {
                service: config.service.network.cidr.to_string(),
                consumer: n.cidr.to_string(),
            });
        }
    }
    let consumer = PrivateLinkConsumer::new(
        scope,
        "consumer",
        config
            .consumer
            .clone()
            .in_region(region)
            .into_props((&service).into(), tags.clone())?,
    )?;
    // Same account: the service owner accepts its own endpoint.
    scope.resource(
        "accept",
        VpcEndpointConnectionAccepter::new(VpcEndpointConnectionAccepterArgs {
            vpc_endpoint_id: consumer.endpoint.id().into(),
            vpc_endpoint_service_id: service.service_id().into(),
        })
        .depends_on(&consumer.endpoint.endpoint),
    );
    Ok(DemoHandles {
        service,
        consumer,
        warnings,
    })
}

/// The post's single-account demo, bugs fixed.
#[derive(Debug, Clone, Copy)]
pub struct Demo;

impl ShippedStack for Demo {
    const NAME: &'static str = "demo";
    const DESCRIPTION: &'static str =
        "single-account PrivateLink demo: nginx behind ALB+NLB, endpoint service, consumer VPC with a client instance";
    type Config = DemoConfig;
    fn build(config: &DemoConfig) -> Result<Built, Error> {
        let mut stack = Stack::new();
        settings(&mut stack, &config.common, true);
        let h = add_demo(&mut stack, config)?;
        h.service.add_outputs(&mut stack);
        h.consumer
            .add_outputs(&mut stack, h.service.endpoint_service.port);
        if let Some(key) = &h.service.alb.private_key {
            stack.output(
                "demo_tls_private_key",
                Output::new(key.private_key_pem())
                    .description("The self-signed certificate's private key (demo only)")
                    .sensitive(true),
            );
        }
        Ok(Built {
            stack,
            warnings: h.warnings.iter().map(ToString::to_string).collect(),
        })
    }
}

/// The `service` stack's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceConfig {
    /// Region and tags.
    pub common: Common,
    /// The service. Default: the service defaults with the example consumer account
    /// `arn:aws:iam::111122223333:root` allowed; replace it with your consumers.
    pub service: ServiceOptions,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        let common = Common::default();
        let mut service = ServiceOptions::default();
        // The example account's root, in the default region's partition.
        service.endpoint_service.allowed_principals = vec![crate::PrincipalArn(format!(
            "arn:{}:iam::111122223333:root",
            common.region.partition()
        ))];
        Self { common, service }
    }
}

/// The provider account's half of the two-account split.
#[derive(Debug, Clone, Copy)]
pub struct Service;

impl ShippedStack for Service {
    const NAME: &'static str = "service";
    const DESCRIPTION: &'static str =
        "provider account: app tier, internal ALB (HTTPS) and NLB, endpoint service with acceptance required";
    type Config = ServiceConfig;
    fn build(config: &ServiceConfig) -> Result<Built, Error> {
        let mut stack = Stack::new();
        let (_, warnings) = service_stack(&mut stack, config)?;
        Ok(Built { stack, warnings })
    }
    fn build_module(config: &ServiceConfig) -> Result<Built, Error> {
        crate::modules::service(config)
    }
}

/// What the `service` stack gives the stacks that consume it: in an App, the consumer
/// stack uses these handles and the app wires them (an output here, a remote state read
/// there).
#[derive(Debug, Clone)]
pub struct ServiceExports {
    /// The endpoint service's name (known after apply): the `service_name` output.
    pub name: Expr<String>,
    /// The zones it serves.
    pub azs: Vec<Az>,
    /// The port consumers connect to.
    pub port: Port,
}

impl ServiceExports {
    /// The service as a consumer's [`ServiceRef`].
    pub fn service_ref(&self) -> ServiceRef {
        ServiceRef::External {
            name: self.name.clone(),
            azs: self.azs.clone(),
            azs_expr: None,
            port: self.port,
            port_expr: None,
        }
    }
}

/// Builds the `service` stack into `stack`: returns its handles and the warnings.
///
/// # Errors
/// Every validation error of the constructs.
pub fn service_stack(
    stack: &mut Stack,
    config: &ServiceConfig,
) -> Result<(ServiceExports, Vec<String>), Error> {
    {
        let tls = matches!(
            config.service.alb.certificate,
            crate::config::Certificate::SelfSigned(_)
        );
        settings(stack, &config.common, tls);
        let h = PrivateLinkService::new(
            stack,
            "service",
            config
                .service
                .clone()
                .in_region(&config.common.region)
                .into_props(config.common.tags.clone())?,
        )?;
        h.add_outputs(stack);
        let mut warnings: Vec<String> = h.warnings.iter().map(ToString::to_string).collect();
        if h.azs().iter().any(|a| !a.is_id()) {
            warnings.push(Warning::AzNamesAcrossAccounts.to_string());
        }
        let exports = ServiceExports {
            name: h.service_name(),
            azs: h.azs().to_vec(),
            port: h.endpoint_service.port,
        };
        Ok((exports, warnings))
    }
}

/// The `consumer` stack's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ConsumerConfig {
    /// Region and tags.
    pub common: Common,
    /// The consumer. Default: see [`ConsumerOptions`].
    pub consumer: ConsumerOptions,
    /// The service's zones when known now (checked at build time against the service's region:
    /// `consumer.service_region`, else `common.region`); the `service_availability_zones`
    /// variable is checked at plan time either way.
    /// Default: none.
    #[serde(deserialize_with = "crate::rules::nulls::service_azs")]
    pub service_azs: Vec<Az>,
    /// The default of the `service_port` variable. Default: 443.
    pub service_port: Port,
}

impl Default for ConsumerConfig {
    fn default() -> Self {
        Self {
            common: Common::default(),
            consumer: ConsumerOptions::default(),
            service_azs: Vec::new(),
            service_port: Port::HTTPS,
        }
    }
}

/// The consumer account's half: takes the service's outputs as variables.
#[derive(Debug, Clone, Copy)]
pub struct Consumer;

impl ShippedStack for Consumer {
    const NAME: &'static str = "consumer";
    const DESCRIPTION: &'static str =
        "consumer account: interface endpoint to a PrivateLink service (name as a variable), its security group, a client instance";
    type Config = ConsumerConfig;
    fn build(config: &ConsumerConfig) -> Result<Built, Error> {
        let service_region = config
            .consumer
            .service_region
            .as_ref()
            .unwrap_or(&config.common.region);
        crate::check_azs(&config.service_azs)?;
        crate::check_azs_in_region(service_region, &config.service_azs).map_err(|e| match e {
            Error::AzNotInRegion {
                az,
                az_region,
                region,
                ..
            } => Error::ServiceAzNotInRegion {
                az,
                az_region,
                region,
            },
            other => other,
        })?;
        let mut stack = Stack::new();
        settings(&mut stack, &config.common, false);
        let (name, azs, port) = service_variables(&mut stack, config);
        let service = ServiceRef::External {
            name,
            azs: config.service_azs.clone(),
            azs_expr: Some(azs),
            port: config.service_port,
            port_expr: Some(port),
        };
        consumer_stack(&mut stack, config, service)?;
        Ok(Built {
            stack,
            warnings: Vec::new(),
        })
    }
    fn build_module(config: &ConsumerConfig) -> Result<Built, Error> {
        crate::modules::consumer(config)
    }
}

/// Builds the consumer of `service` into `stack` (configure its provider first, e.g. with
/// [`provider_settings`]): the
/// `consumer` stack with the service given, for an App whose service stack is next to it.
/// `config.service_azs` and `config.service_port` are not read: `service` says them.
///
/// # Errors
/// Every validation error of the constructs.
pub fn consumer_stack(
    stack: &mut Stack,
    config: &ConsumerConfig,
    service: ServiceRef,
) -> Result<(), Error> {
    let port = match &service {
        ServiceRef::External { port, .. } => *port,
        ServiceRef::Handle(h) => h.endpoint_service.port,
    };
    let h = PrivateLinkConsumer::new(
        stack,
        "consumer",
        config
            .consumer
            .clone()
            .in_region(&config.common.region)
            .into_props(service, config.common.tags.clone())?,
    )?;
    h.add_outputs(stack, port);
    Ok(())
}

/// The variables the consumer takes from the service stack's outputs: `service_name`,
/// `service_availability_zones`, `service_port`.
pub(crate) fn service_variables(
    stack: &mut Stack,
    config: &ConsumerConfig,
) -> (Expr<String>, Expr<List<String>>, Expr<Number>) {
    let name = crate::modules::service_name_variable(stack);
    let azs = crate::modules::service_zones_variable(stack);
    let port = crate::modules::service_port_variable(stack, config.service_port);
    (name, azs, port)
}

/// The `endpoint` stack's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EndpointConfig {
    /// Region and tags.
    pub common: Common,
    /// The default of the `service_port` variable. Default: 443.
    pub service_port: Port,
    /// The default of the `private_dns_enabled` variable: resolve the service's private DNS
    /// name to the endpoint inside the VPC. Default: false.
    pub private_dns_enabled: bool,
}

impl Default for EndpointConfig {
    fn default() -> Self {
        Self {
            common: Common::default(),
            service_port: Port::HTTPS,
            private_dns_enabled: false,
        }
    }
}

/// The consumer side in a VPC that exists: the interface endpoint and its security group,
/// everything given as variables (the VPC, its subnets, the service, who may connect).
#[derive(Debug, Clone, Copy)]
pub struct Endpoint;

impl ShippedStack for Endpoint {
    const NAME: &'static str = "endpoint";
    const DESCRIPTION: &'static str =
        "consumer account, existing VPC: an interface endpoint to a PrivateLink service and its security group, clients by security group or CIDR";
    type Config = EndpointConfig;
    fn build(config: &EndpointConfig) -> Result<Built, Error> {
        crate::modules::endpoint(config)
    }
}

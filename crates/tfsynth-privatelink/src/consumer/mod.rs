//! The consumer side: an interface endpoint to a PrivateLink service ([`InterfaceEndpoint`]),
//! in a VPC of its own or an existing one, with its own security group and an optional client
//! instance ([`PrivateLinkConsumer`]).

mod endpoint;

pub use endpoint::{EndpointIpAddressType, InterfaceEndpoint, InterfaceEndpointProps};

use tfsynth::{functions, Declare, Expr, List, MetaArgs, Number, Output, Ref, Value};
use tfsynth_aws::SecurityGroup;

use crate::common::{check_tags, check_unique, egress, named, Peer, Tags};
pub use crate::ec2::ExistingSubnet;
use crate::ec2::{amazon_linux, hardened_instance, instance_profile};
use crate::network::{instance_aws_egress, Network, NetworkProps};
use crate::service::PrivateLinkService;
use crate::sources::{SecurityGroupSource, SubnetSource, VpcSource};
use crate::{Az, Cidr, Error, InstanceType, Port, Region, ServiceName};

/// The service an endpoint connects to.
#[derive(Debug, Clone)]
pub enum ServiceRef {
    /// A service in the same stack: its name, zones and port come from its handle, and the
    /// zones are checked when the consumer is built.
    Handle(Box<PrivateLinkService>),
    /// A service elsewhere (another account): its name as a literal or a variable, the zones it
    /// serves (checked now when literal ids/names, and by a precondition at plan time) and its
    /// port.
    External {
        /// `com.amazonaws.vpce.REGION.vpce-svc-ID`.
        name: Expr<String>,
        /// The zones it serves, as known now (empty when unknown).
        azs: Vec<Az>,
        /// The zones it serves, as an expression checked at plan time (e.g. a variable).
        azs_expr: Option<Expr<List<String>>>,
        /// The port it listens on.
        port: Port,
        /// The port as a Terraform expression known at plan time (the consumer stack's
        /// `service_port` variable), used instead of `port` in the rules and outputs.
        port_expr: Option<Expr<Number>>,
    },
}

impl ServiceRef {
    /// A service by its literal name.
    pub fn named(name: &ServiceName, azs: Vec<Az>, port: Port) -> Self {
        Self::External {
            name: Expr::from_raw(name.as_str().into()),
            azs,
            azs_expr: None,
            port,
            port_expr: None,
        }
    }
}

impl From<&PrivateLinkService> for ServiceRef {
    fn from(h: &PrivateLinkService) -> Self {
        Self::Handle(Box::new(h.clone()))
    }
}

/// Where the endpoint goes. A client instance is only offered in a VPC the consumer creates
/// (it is reached through that VPC's SSM endpoints).
// Props are built once per construct and moved a few times, never held in bulk: the new
// network's props are not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum ConsumerNetwork {
    /// A VPC the consumer creates ([`Network`]).
    New {
        /// The VPC.
        network: NetworkProps,
        /// Run a hardened client instance of this type (SSM access, no SSH) to test the
        /// service from; `None` for no instance.
        client_instance: Option<InstanceType>,
    },
    /// An existing VPC and the endpoint's subnets (one per zone).
    Existing {
        /// The VPC.
        vpc: VpcSource,
        /// The endpoint's subnets, each listed once.
        subnets: Vec<ExistingSubnet>,
    },
}

impl Default for ConsumerNetwork {
    /// A new `10.1.0.0/16` (zones: listed, or the region's defaults) with a `t3.micro` client.
    fn default() -> Self {
        Self::New {
            network: NetworkProps {
                cidr: Cidr::from_parts([10, 1, 0, 0], 16),
                ..NetworkProps::default()
            },
            client_instance: Some(InstanceType::t3_micro()),
        }
    }
}

/// Props of a [`PrivateLinkConsumer`].
#[derive(Debug, Clone)]
pub struct PrivateLinkConsumerProps {
    /// The service. Required.
    pub service: ServiceRef,
    /// The VPC.
    /// Default: a new `10.1.0.0/16` with a `t3.micro` client instance
    /// ([`ConsumerNetwork::default`]).
    pub vpc: ConsumerNetwork,
    /// CIDRs allowed to reach the endpoint on the service port, each listed once.
    /// Default: none.
    pub client_cidrs: Vec<Cidr>,
    /// Security groups (handles or ids) whose members may reach the endpoint on the service
    /// port, besides the client instance's.
    /// Default: none.
    pub client_security_groups: Vec<SecurityGroupSource>,
    /// The region of the service, for cross-region PrivateLink.
    /// Default: the consumer's own.
    pub service_region: Option<Region>,
    /// Turn on the service's private DNS name in the VPC.
    /// Default: false.
    pub private_dns_enabled: bool,
    /// The endpoint's IP address type: dual stack needs a dual-stack VPC.
    /// Default: [`EndpointIpAddressType::Ipv4`].
    pub ip_address_type: EndpointIpAddressType,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
    /// Whether the client instance runs, as a Terraform expression (a module's
    /// `client_instance` variable): the instance gets `count = enabled ? 1 : 0` and
    /// `client_instance_id` is null without it; its security group, role and instance profile
    /// stay (they cost nothing). Only read when [`ConsumerNetwork::New`] has a client instance.
    /// Default: none (the instance runs).
    pub client_instance_input: Option<Expr<bool>>,
}

impl PrivateLinkConsumerProps {
    /// Props for `service` with every default.
    pub fn new(service: impl Into<ServiceRef>) -> Self {
        Self {
            service: service.into(),
            vpc: ConsumerNetwork::default(),
            client_cidrs: Vec::new(),
            client_security_groups: Vec::new(),
            service_region: None,
            private_dns_enabled: false,
            ip_address_type: EndpointIpAddressType::default(),
            tags: Tags::new(),
            client_instance_input: None,
        }
    }
}

/// The consumer side of PrivateLink.
///
/// Adds under `scope/id`: `network` (for a new VPC), `endpoint` ([`InterfaceEndpoint`]) and
/// `client` (a hardened instance reached through SSM).
#[derive(Debug, Clone)]
pub struct PrivateLinkConsumer {
    /// The network, when the consumer created one.
    pub network: Option<Network>,
    /// The endpoint.
    pub endpoint: InterfaceEndpoint,
    /// The client instance's security group, when there is one.
    pub client_security_group: Option<Ref<SecurityGroup>>,
    /// The client instance's id, when there is one.
    pub client_instance_id: Option<Expr<String>>,
    /// The service port as an expression, when the service reference gave one.
    pub port_expr: Option<Expr<Number>>,
}

impl PrivateLinkConsumer {
    /// The endpoint's DNS names.
    pub fn dns_names(&self) -> Expr<List<String>> {
        self.endpoint.dns_names()
    }
    /// Adds outputs: `endpoint_id`, `endpoint_dns_names`, `endpoint_urls` and
    /// `client_instance_id` (connect with `aws ssm start-session --target`). `port` is the
    /// service's, unless the service reference gave it as an expression.
    pub fn add_outputs(&self, scope: &mut impl Declare, port: Port) {
        scope.output(
            "endpoint_id",
            Output::new(self.endpoint.id()).description("Interface endpoint id"),
        );
        scope.output(
            "endpoint_dns_names",
            Output::new(self.dns_names()).description("DNS names of the interface endpoint"),
        );
        let urls =
            tfsynth::For::values("name", &self.dns_names()).to_list(|n| match &self.port_expr {
                Some(p) => tfsynth::template!("https://", n, ":", p),
                None => tfsynth::template!("https://", n, ":", port.to_string()),
            });
        scope.output(
            "endpoint_urls",
            Output::new(urls).description(
                "URLs to curl from the client instance (self-signed certificate: curl -k)",
            ),
        );
        if let Some(id) = &self.client_instance_id {
            scope.output(
                "client_instance_id",
                Output::new(id).description("Client instance: aws ssm start-session --target <id>"),
            );
        }
    }
}

/// Refuses a zone the service does not serve, when both are of the same kind (ids are the
/// same in every account, names only within one).
fn check_served(azs: &[Az], served: &[Az]) -> Result<(), Error> {
    for az in azs {
        let comparable = served.first().is_some_and(|s| s.is_id() == az.is_id());
        if comparable && !served.contains(az) {
            return Err(Error::ConsumerAzNotServed {
                az: az.to_string(),
                served: served.iter().map(ToString::to_string).collect(),
            });
        }
    }
    Ok(())
}

impl PrivateLinkConsumer {
    /// Adds the consumer.
    ///
    /// # Errors
    /// [`Error::ConsumerAzNotServed`] for a zone of the new network or of an existing subnet
    /// the service does not serve, [`Error::NoSubnets`], [`Error::Duplicate`] for a subnet id
    /// or client block listed twice, [`Error::Ipv6WithoutDualStack`], the network's checks,
    /// tags AWS refuses.
    pub fn new(
        scope: &mut impl Declare,
        id: &str,
        props: PrivateLinkConsumerProps,
    ) -> Result<PrivateLinkConsumer, Error> {
        let scope = &mut scope.scope(id);
        let tags = &props.tags;
        check_tags(tags)?;
        check_unique("client_cidrs", &props.client_cidrs)?;
        let (service_name, served, served_expr, port, port_expr) = match &props.service {
            ServiceRef::Handle(h) => (
                h.service_name(),
                h.azs().to_vec(),
                None,
                h.endpoint_service.port,
                None,
            ),
            ServiceRef::External {
                name,
                azs,
                azs_expr,
                port,
                port_expr,
            } => (
                name.clone(),
                azs.clone(),
                azs_expr.clone(),
                *port,
                port_expr.clone(),
            ),
        };
        let port_value: Value<Number> = match &port_expr {
            Some(e) => e.clone().into(),
            None => port.get().into(),
        };
        if props.ip_address_type == EndpointIpAddressType::DualStack {
            if let ConsumerNetwork::New { network, .. } = &props.vpc {
                if !network.dual_stack {
                    return Err(Error::Ipv6WithoutDualStack {
                        what: "the consumer endpoint",
                    });
                }
            }
        }
        // Cross-region PrivateLink: the service's zones are in its own region, and the
        // endpoint's subnets may be in any zone of the consumer's.
        let cross_region = match (&props.service_region, &props.vpc) {
            (Some(service_region), ConsumerNetwork::New { network, .. }) => {
                network.region.as_ref() != Some(service_region)
            }
            (Some(_), ConsumerNetwork::Existing { .. }) => true,
            (None, _) => false,
        };
        let (network, vpc, subnets, client_type) = match &props.vpc {
            ConsumerNetwork::New {
                network,
                client_instance,
            } => {
                if !cross_region && network.inputs.is_none() {
                    check_served(&network.resolved_azs()?, &served)?;
                }
                let net = Network::new(
                    scope,
                    "network",
                    NetworkProps {
                        tags: tags.clone(),
                        ..network.clone()
                    },
                )?;
                let vpc = VpcSource::Handle(net.vpc.clone());
                let subnets = match &net.inputs {
                    Some(_) => Vec::new(),
                    None => net.subnets.iter().map(SubnetSource::from).collect(),
                };
                (Some(net), vpc, subnets, client_instance.clone())
            }
            ConsumerNetwork::Existing { vpc, subnets } => {
                if subnets.is_empty() {
                    return Err(Error::NoSubnets);
                }
                let zones: Vec<Az> = subnets.iter().filter_map(|s| s.az.clone()).collect();
                crate::check_azs(&zones)?;
                if !cross_region {
                    check_served(&zones, &served)?;
                }
                let subnets: Vec<SubnetSource> = subnets.iter().map(|s| s.subnet.clone()).collect();
                (None, vpc.clone(), subnets, None)
            }
        };
        let vpc_id = vpc.id();

        let mut client_sg = None;
        let mut client_instance_id = None;
        let mut from_groups = Vec::new();
        if client_type.is_some() {
            let mut s = scope.scope("client");
            let n = s.logical_name("sg");
            let sg = s.resource(
                "sg",
                SecurityGroup::new()
                    .name(n.clone())
                    .description("Client instance: no inbound; the service port to the endpoint")
                    .vpc_id(&vpc_id)
                    .tags(named(tags, &n)),
            );
            from_groups.push(SecurityGroupSource::from(&sg));
            client_sg = Some(sg);
        }
        from_groups.extend(props.client_security_groups.iter().cloned());
        let endpoint = InterfaceEndpoint::new(
            scope,
            "endpoint",
            InterfaceEndpointProps {
                vpc,
                subnets,
                service_name,
                port,
                port_expr: port_expr.clone(),
                client_security_groups: from_groups,
                client_cidrs: props.client_cidrs.clone(),
                service_region: props.service_region.clone(),
                private_dns_enabled: props.private_dns_enabled.into(),
                ip_address_type: props.ip_address_type,
                tags: tags.clone(),
                subnet_list: network
                    .as_ref()
                    .and_then(|n| n.inputs.as_ref())
                    .map(|i| i.subnet_ids.clone()),
                client_security_group_list: None,
                client_cidr_list: None,
            },
        )?;

        if let (Some(sg), Some(net), Some(instance_type)) = (&client_sg, &network, &client_type) {
            let mut s = scope.scope("client");
            egress(
                &mut s,
                "to_endpoint",
                &sg.id(),
                port_value.clone(),
                Peer::Group(endpoint.security_group.id()),
                "Service port to the PrivateLink endpoint",
                tags,
            );
            instance_aws_egress(&mut s, &net.placement(), &sg.id(), tags);
            let profile = instance_profile(&mut s, tags);
            let ami = amazon_linux(&mut s);
            let logical = s.logical_name("instance");
            let mut instance = hardened_instance(
                &ami,
                &Value::from(instance_type.as_str().to_owned()),
                &net.subnet_id_at(0),
                &sg.id(),
                &profile,
                None,
                tags,
                &logical,
            )
            .depends_on(&endpoint.endpoint);
            if let Some(enabled) = &props.client_instance_input {
                instance = instance.count(tfsynth::cond(enabled.clone(), 1, 0));
            }
            let inst = s.resource("instance", instance);
            client_instance_id = Some(match &props.client_instance_input {
                Some(_) => functions::one(Ref::splat(&inst, |i| i.id())).cast(),
                None => inst.id(),
            });
        }

        // The zones of the endpoint's subnets must be zones the service serves; with the
        // service in another account (or given as names), Terraform checks it at plan time.
        if let (Some(expr), Some(net), false) = (&served_expr, &network, cross_region) {
            let zones: Expr<List<String>> = match &net.inputs {
                Some(i) => i.zones.clone(),
                None => {
                    let by_id = net.azs.iter().all(Az::is_id);
                    let zones: Vec<Expr<String>> = net
                        .subnets
                        .iter()
                        .map(|s| {
                            if by_id {
                                s.availability_zone_id()
                            } else {
                                s.availability_zone()
                            }
                        })
                        .collect();
                    tfsynth::Value::from(zones).into_expr()
                }
            };
            let cond = functions::length(functions::setsubtract(zones, expr.clone())).equals(0);
            scope.check(
                "endpoint_zones",
                tfsynth::Check::new().assert(
                    cond,
                    "the endpoint's subnets are in zones the endpoint service does not serve: place the consumer subnets in the service's zones (service_availability_zones)",
                ),
            );
        }

        Ok(PrivateLinkConsumer {
            network,
            endpoint,
            client_security_group: client_sg,
            client_instance_id,
            port_expr,
        })
    }
}

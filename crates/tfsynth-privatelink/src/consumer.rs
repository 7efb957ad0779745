//! The consumer side: an interface endpoint to a PrivateLink service, in a VPC of its own or
//! an existing one, with its own security group and an optional client instance.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{functions, Declare, Expr, List, MetaArgs, Output, Ref};
use tfsynth_aws::{SecurityGroup, VpcEndpoint};

use crate::common::{check_tags, check_unique, egress, ingress, named, Peer, Tags};
use crate::network::{instance_aws_egress, Network, NetworkHandles, NetworkOptions};
use crate::service::{
    amazon_linux, hardened_instance, instance_profile, PrivateLinkServiceHandles,
};
use crate::{Az, Cidr, Error, InstanceType, Port, Region, ServiceName, SubnetId, VpcId};

/// The service an endpoint connects to.
#[derive(Debug, Clone)]
pub enum ServiceRef {
    /// A service in the same stack: its name, zones and port come from its handle, and the
    /// zones are checked when the consumer is built.
    Handle(Box<PrivateLinkServiceHandles>),
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
        }
    }
}

/// Where the endpoint goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum ConsumerVpc {
    /// A VPC the consumer creates.
    New(NetworkOptions),
    /// An existing VPC and the subnets for the endpoint (one per zone). The consumer adds no
    /// client instance there (`client_instance` must be false).
    Existing {
        /// The VPC.
        vpc_id: VpcId,
        /// Its IPv4 block (for the overlap warning and security group rules).
        cidr: Cidr,
        /// The endpoint's subnets, each listed once.
        subnet_ids: Vec<SubnetId>,
    },
}

impl Default for ConsumerVpc {
    fn default() -> Self {
        Self::New(NetworkOptions {
            cidr: Cidr::from_parts([10, 1, 0, 0], 16),
            ..NetworkOptions::default()
        })
    }
}

/// Options of a [`PrivateLinkConsumer`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ConsumerOptions {
    /// The VPC. Default: a new `10.1.0.0/16` across the region's default zones (`use1-az1`,
    /// `use1-az2` in us-east-1).
    pub vpc: ConsumerVpc,
    /// CIDRs (besides the client instance's group) allowed to reach the endpoint on the
    /// service port, each listed once. Default: none.
    pub client_cidrs: Vec<Cidr>,
    /// Run a client instance (SSM access, no SSH) to test the service from, in a VPC the
    /// consumer creates (refused with an existing VPC). Default: true.
    pub client_instance: bool,
    /// The client instance's type (`family.size`). Default: `t3.micro`.
    pub instance_type: InstanceType,
    /// The region of the service, for cross-region PrivateLink. Default: the consumer's own.
    pub service_region: Option<Region>,
    /// Turn on the service's private DNS name in the VPC. Default: false.
    pub private_dns_enabled: bool,
    /// Endpoint IP address type: dual stack needs a dual-stack VPC. Default: ipv4.
    pub dual_stack: bool,
}

impl Default for ConsumerOptions {
    fn default() -> Self {
        Self {
            vpc: ConsumerVpc::default(),
            client_cidrs: Vec::new(),
            client_instance: true,
            instance_type: InstanceType::t3_micro(),
            service_region: None,
            private_dns_enabled: false,
            dual_stack: false,
        }
    }
}

impl ConsumerOptions {
    /// The same options with a new VPC in `region` (the provider's region): see
    /// [`NetworkOptions::in_region`]. An existing VPC is left as it is.
    #[must_use]
    pub fn in_region(mut self, region: &Region) -> Self {
        if let ConsumerVpc::New(n) = self.vpc {
            self.vpc = ConsumerVpc::New(n.in_region(region));
        }
        self
    }
}

/// The interface endpoint's handle.
#[derive(Debug, Clone)]
pub struct InterfaceEndpointHandles {
    /// The endpoint.
    pub endpoint: Ref<VpcEndpoint>,
    /// Its security group.
    pub security_group: Ref<SecurityGroup>,
}

impl InterfaceEndpointHandles {
    /// The endpoint's DNS names (regional first, then one per zone).
    pub fn dns_names(&self) -> Expr<List<String>> {
        self.endpoint.dns_entry().splat(|e| e.fields().dns_name())
    }
    /// The endpoint's id.
    pub fn id(&self) -> Expr<String> {
        self.endpoint.id()
    }
}

/// The handle of a [`PrivateLinkConsumer`].
#[derive(Debug, Clone)]
pub struct PrivateLinkConsumerHandles {
    /// The network, when the consumer created one.
    pub network: Option<NetworkHandles>,
    /// The endpoint.
    pub endpoint: InterfaceEndpointHandles,
    /// The client instance's security group, when there is one.
    pub client_security_group: Option<Ref<SecurityGroup>>,
    /// The client instance's id, when there is one.
    pub client_instance_id: Option<Expr<String>>,
}

impl PrivateLinkConsumerHandles {
    /// The endpoint's DNS names.
    pub fn dns_names(&self) -> Expr<List<String>> {
        self.endpoint.dns_names()
    }
    /// Adds outputs: `endpoint_id`, `endpoint_dns_names`, `endpoint_urls` and
    /// `client_instance_id` (connect with `aws ssm start-session --target`).
    pub fn add_outputs(&self, scope: &mut impl Declare, port: Port) {
        scope.output(
            "endpoint_id",
            Output::new(self.endpoint.id()).description("Interface endpoint id"),
        );
        scope.output(
            "endpoint_dns_names",
            Output::new(self.dns_names()).description("DNS names of the interface endpoint"),
        );
        let urls = tfsynth::For::values("name", &self.dns_names())
            .to_list(|n| tfsynth::template!("https://", n, ":", port.to_string()));
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

/// An interface VPC endpoint and its security group (ingress only on the service port from the
/// given groups and CIDRs; no egress).
#[derive(Debug, Clone, Copy)]
pub struct InterfaceEndpoint;

impl InterfaceEndpoint {
    /// Adds the endpoint.
    ///
    /// # Errors
    /// [`Error::NoSubnets`], [`Error::Duplicate`] for a client block listed twice, tags AWS
    /// refuses.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        scope: &mut impl Declare,
        vpc_id: &Expr<String>,
        subnet_ids: Vec<Expr<String>>,
        service_name: &Expr<String>,
        port: Port,
        from_groups: &[Expr<String>],
        from_cidrs: &[Cidr],
        options: &ConsumerOptions,
        tags: &Tags,
    ) -> Result<InterfaceEndpointHandles, Error> {
        if subnet_ids.is_empty() {
            return Err(Error::NoSubnets);
        }
        check_tags(tags)?;
        check_unique("client_cidrs", from_cidrs)?;
        let sg_name = scope.logical_name("sg");
        let sg = scope.resource(
            "sg",
            SecurityGroup::new()
                .name(sg_name.clone())
                .description("PrivateLink endpoint: the service port from clients only")
                .vpc_id(vpc_id)
                .tags(named(tags, &sg_name)),
        );
        for (i, g) in from_groups.iter().enumerate() {
            ingress(
                scope,
                &format!("from_group_{i}"),
                &sg.id(),
                port.get(),
                Peer::Group(g.clone()),
                "Service port from the client group",
                tags,
            );
        }
        for (i, c) in from_cidrs.iter().enumerate() {
            ingress(
                scope,
                &format!("from_cidr_{i}"),
                &sg.id(),
                port.get(),
                Peer::Cidr(c.to_string().into()),
                "Service port from a client network",
                tags,
            );
        }
        let ep_name = scope.logical_name("endpoint");
        let mut ep = VpcEndpoint::new(vpc_id)
            .service_name(service_name)
            .vpc_endpoint_type("Interface")
            .subnet_ids(subnet_ids)
            .security_group_ids(vec![sg.id()])
            .private_dns_enabled(options.private_dns_enabled)
            .tags(named(tags, &ep_name));
        if let Some(r) = &options.service_region {
            ep = ep.service_region(r);
        }
        if options.dual_stack {
            ep = ep.ip_address_type("dualstack");
        }
        let endpoint = scope.resource("endpoint", ep);
        Ok(InterfaceEndpointHandles {
            endpoint,
            security_group: sg,
        })
    }
}

/// The consumer side of PrivateLink.
///
/// Adds under `scope`: `network` (unless an existing VPC is given), `endpoint`
/// ([`InterfaceEndpoint`]) and `client` (a hardened instance reached through SSM).
#[derive(Debug, Clone, Copy)]
pub struct PrivateLinkConsumer;

impl PrivateLinkConsumer {
    /// Adds the consumer.
    ///
    /// # Errors
    /// [`Error::ConsumerAzNotServed`], [`Error::NoSubnets`], [`Error::Duplicate`] for a subnet
    /// id or client block listed twice, [`Error::ClientInstanceInExistingVpc`], the network's
    /// checks, tags AWS refuses.
    pub fn add(
        scope: &mut impl Declare,
        service: &ServiceRef,
        options: &ConsumerOptions,
        tags: &Tags,
    ) -> Result<PrivateLinkConsumerHandles, Error> {
        check_tags(tags)?;
        check_unique("client_cidrs", &options.client_cidrs)?;
        let (service_name, served, served_expr, port) = match service {
            ServiceRef::Handle(h) => (
                h.service_name(),
                h.azs().to_vec(),
                None,
                h.endpoint_service.port,
            ),
            ServiceRef::External {
                name,
                azs,
                azs_expr,
                port,
            } => (name.clone(), azs.clone(), azs_expr.clone(), *port),
        };
        if options.dual_stack {
            if let ConsumerVpc::New(n) = &options.vpc {
                if !n.dual_stack {
                    return Err(Error::Ipv6WithoutDualStack {
                        what: "the consumer endpoint",
                    });
                }
            }
        }
        // Cross-region PrivateLink: the service's zones are in its own region, and the
        // endpoint's subnets may be in any zone of the consumer's.
        let cross_region = match (&options.service_region, &options.vpc) {
            (Some(service_region), ConsumerVpc::New(n)) => {
                n.region.as_ref() != Some(service_region)
            }
            (Some(_), ConsumerVpc::Existing { .. }) => true,
            (None, _) => false,
        };
        let (network, vpc_id, subnet_ids, vpc_cidr_expr) = match &options.vpc {
            ConsumerVpc::New(n) => {
                // Only zones of the same kind can be compared now (ids are the same in every
                // account, names only within one).
                let own = if cross_region {
                    Vec::new()
                } else {
                    n.resolved_azs()?
                };
                for az in &own {
                    let comparable = served.first().is_some_and(|s| s.is_id() == az.is_id());
                    if comparable && !served.contains(az) {
                        return Err(Error::ConsumerAzNotServed {
                            az: az.to_string(),
                            served: served.iter().map(ToString::to_string).collect(),
                        });
                    }
                }
                let net = Network::add(&mut scope.scope("network"), n, tags)?;
                let vpc_id = net.vpc.id();
                let subnets = net.subnet_ids();
                let cidr: tfsynth::Value<String> = net.vpc.cidr_block().into();
                (Some(net), vpc_id, subnets, cidr)
            }
            ConsumerVpc::Existing {
                vpc_id,
                cidr,
                subnet_ids,
            } => {
                if subnet_ids.is_empty() {
                    return Err(Error::NoSubnets);
                }
                check_unique("subnet_ids", subnet_ids)?;
                if options.client_instance {
                    return Err(Error::ClientInstanceInExistingVpc {
                        vpc_id: vpc_id.to_string(),
                    });
                }
                (
                    None,
                    Expr::from_raw(vpc_id.as_str().into()),
                    subnet_ids
                        .iter()
                        .map(|s| Expr::from_raw(s.as_str().into()))
                        .collect(),
                    cidr.to_string().into(),
                )
            }
        };

        let mut client_sg = None;
        let mut client_instance_id = None;
        let mut from_groups = Vec::new();
        if options.client_instance {
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
            from_groups.push(sg.id());
            client_sg = Some(sg);
        }
        let mut ep_scope = scope.scope("endpoint");
        let endpoint = InterfaceEndpoint::add(
            &mut ep_scope,
            &vpc_id,
            subnet_ids.clone(),
            &service_name,
            port,
            &from_groups,
            &options.client_cidrs,
            options,
            tags,
        )?;
        drop(ep_scope);
        let _ = vpc_cidr_expr;

        if let (Some(sg), Some(net)) = (&client_sg, &network) {
            let mut s = scope.scope("client");
            egress(
                &mut s,
                "to_endpoint",
                &sg.id(),
                port.get(),
                Peer::Group(endpoint.security_group.id()),
                "Service port to the PrivateLink endpoint",
                tags,
            );
            instance_aws_egress(&mut s, net, &sg.id(), tags);
            let profile = instance_profile(&mut s, tags);
            let ami = amazon_linux(&mut s);
            let logical = s.logical_name("instance");
            let inst = s.resource(
                "instance",
                hardened_instance(
                    &ami,
                    &options.instance_type,
                    &net.subnets[0].id(),
                    &sg.id(),
                    &profile,
                    None,
                    tags,
                    &logical,
                )
                .depends_on(&endpoint.endpoint),
            );
            client_instance_id = Some(inst.id());
        }

        // The zones of the endpoint's subnets must be zones the service serves; with the
        // service in another account (or given as names), Terraform checks it at plan time.
        if let (Some(expr), Some(net), false) = (&served_expr, &network, cross_region) {
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
            let zones: Expr<List<String>> = tfsynth::Value::from(zones).into_expr();
            let cond = functions::length(functions::setsubtract(zones, expr.clone())).equals(0);
            scope.check(
                "endpoint_zones",
                tfsynth::Check::new().assert(
                    cond,
                    "the endpoint's subnets are in zones the endpoint service does not serve: place the consumer subnets in the service's zones (service_availability_zones)",
                ),
            );
        }

        Ok(PrivateLinkConsumerHandles {
            network,
            endpoint,
            client_security_group: client_sg,
            client_instance_id,
        })
    }
}

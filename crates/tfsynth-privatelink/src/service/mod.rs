//! The provider side: app tier ([`AppTier`]), internal ALB with HTTPS ([`AlbTier`]), NLB
//! bridge ([`NlbBridge`]), endpoint service ([`EndpointService`]), and [`PrivateLinkService`]
//! which puts them together in a [`Network`] of its own or in a VPC that exists.

mod alb;
mod app;
mod endpoint;
mod nlb;

pub(crate) use app::INSTANCE_COUNT;

pub use alb::{AlbProps, AlbTier, AlbTierProps, ListenerCertificate};
pub use app::{AppProps, AppTier, AppTierProps, CountedTargets, Targets, NGINX_USER_DATA};
pub use endpoint::{
    EndpointService, EndpointServiceProps, EndpointServiceSettings, IpAddressType, LoadBalancers,
    Principal, PrincipalMode, PrivateDns,
};
pub use nlb::{NlbBridge, NlbBridgeProps, NlbProps};

use tfsynth::{Declare, Expr, Output};
use tfsynth_aws::SecurityGroup;

use crate::common::{check_tags, check_unique, named, open_to_world, Tags};
use crate::ec2::ExistingSubnet;
use crate::network::{Network, NetworkProps, Placement};
use crate::sources::VpcSource;
use crate::{Az, Error, Warning};

/// Where the service goes: a VPC it creates, or one that exists.
// Props are built once per construct and moved a few times, never held in bulk: the new
// network's props are not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum ServiceNetwork {
    /// A VPC the service creates ([`Network`]): private subnets, closed default security
    /// group, VPC endpoints for SSM and S3, optional flow logs.
    New(NetworkProps),
    /// A VPC that exists, and the service's subnets in it: one per zone, at least two (the
    /// ALB needs two zones), each with its zone (the NLB and the endpoint service are placed by
    /// zone, and consumers pick theirs from them). Routing and flow logs are the VPC's; the
    /// nginx instances ([`Targets::Nginx`]) get no egress rules here (there are no VPC endpoints
    /// to allow), so add the VPC's path to package repositories to their security group
    /// ([`AppTier::security_group`]), or pass your own instances ([`Targets::Instances`]).
    Existing {
        /// The VPC.
        vpc: VpcSource,
        /// The subnets, each in its zone ([`ExistingSubnet::in_zone`]).
        subnets: Vec<ExistingSubnet>,
    },
}

impl Default for ServiceNetwork {
    /// A new network with [`NetworkProps`]' defaults.
    fn default() -> Self {
        Self::New(NetworkProps::default())
    }
}

impl From<NetworkProps> for ServiceNetwork {
    fn from(p: NetworkProps) -> Self {
        Self::New(p)
    }
}

/// Props of a [`PrivateLinkService`]: every part has secure defaults; give at least one
/// principal.
#[derive(Debug, Clone, Default)]
pub struct PrivateLinkServiceProps {
    /// The service VPC: a new one ([`NetworkProps`], which converts with `.into()`) or one
    /// that exists.
    /// Default: a new one, see [`NetworkProps`] (`10.0.0.0/16`; zones must be listed or a
    /// region set).
    pub network: ServiceNetwork,
    /// The app tier.
    /// Default: see [`AppProps`] (two nginx instances).
    pub app: AppProps,
    /// The ALB.
    /// Default: see [`AlbProps`] (port 443, self-signed certificate, deletion protection).
    pub alb: AlbProps,
    /// The NLB.
    /// Default: see [`NlbProps`] (the ALB's zones, deletion protection).
    pub nlb: NlbProps,
    /// The endpoint service.
    /// Default: see [`EndpointServiceSettings`] (acceptance required, no principals).
    pub endpoint_service: EndpointServiceSettings,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
}

/// The whole provider side of PrivateLink, secure by default.
///
/// Adds under `scope/id`: `network` ([`Network`]), `app` ([`AppTier`]), `alb` ([`AlbTier`]),
/// `nlb` ([`NlbBridge`]) and `endpoint` ([`EndpointService`]).
#[derive(Debug, Clone)]
pub struct PrivateLinkService {
    /// The service VPC, when the service created it (`None` in a VPC that exists).
    pub network: Option<Network>,
    /// The VPC and subnets the tiers are in.
    pub placement: Placement,
    /// The app tier.
    pub app: AppTier,
    /// The ALB tier.
    pub alb: AlbTier,
    /// The NLB bridge.
    pub nlb: NlbBridge,
    /// The endpoint service.
    pub endpoint_service: EndpointService,
    /// What is worth knowing about the props that does not stop the build (SSH or NLB
    /// access from `0.0.0.0/0`).
    pub warnings: Vec<Warning>,
}

impl PrivateLinkService {
    /// The endpoint service name consumers use.
    pub fn service_name(&self) -> Expr<String> {
        self.endpoint_service.service_name()
    }
    /// The endpoint service id.
    pub fn service_id(&self) -> Expr<String> {
        self.endpoint_service.service_id()
    }
    /// The zones the service serves (the NLB's).
    pub fn azs(&self) -> &[Az] {
        &self.endpoint_service.azs
    }
    /// The zones the service serves, as a list (an expression when the network's zones are
    /// Terraform inputs).
    pub fn zone_list(&self) -> tfsynth::Value<tfsynth::List<String>> {
        match &self.placement.inputs {
            Some(i) => i.zones.clone().into(),
            None => self
                .azs()
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect::<Vec<_>>()
                .into(),
        }
    }
    /// The private DNS verification record.
    pub fn private_dns_verification(&self) -> Expr<tfsynth::Any> {
        self.endpoint_service.private_dns_verification()
    }
    /// Adds the outputs a consumer in another account needs: `service_name`,
    /// `service_availability_zones`, `service_port`, `service_id`, and
    /// `private_dns_verification` for whoever owns the DNS zone.
    pub fn add_outputs(&self, scope: &mut impl Declare) {
        scope.output(
            "service_name",
            Output::new(self.service_name())
                .description("Endpoint service name: the consumer's service_name variable"),
        );
        scope.output(
            "service_id",
            Output::new(self.service_id())
                .description("Endpoint service id, to accept connection requests"),
        );
        scope.output(
            "service_availability_zones",
            Output::new(self.zone_list()).description(
                "Zones the service serves: the consumer's service_availability_zones variable",
            ),
        );
        scope.output(
            "service_port",
            Output::new(self.endpoint_service.port.get())
                .description("TCP port consumers connect to: the consumer's service_port variable"),
        );
        scope.output(
            "private_dns_verification",
            Output::new(self.private_dns_verification()).description(
                "TXT record proving ownership of the private DNS name (null without one)",
            ),
        );
    }
}

impl PrivateLinkService {
    /// Adds the service.
    ///
    /// # Errors
    /// Every check of the pieces, plus [`Error::NoPrincipals`] / [`Error::WildcardPrincipal`],
    /// [`Error::Duplicate`] for a principal listed twice and
    /// [`Error::Ipv6WithoutDualStack`] for IPv6 on an IPv4-only network.
    pub fn new(
        scope: &mut impl Declare,
        id: &str,
        props: PrivateLinkServiceProps,
    ) -> Result<PrivateLinkService, Error> {
        let scope = &mut scope.scope(id);
        let PrivateLinkServiceProps {
            network,
            app,
            alb,
            nlb,
            endpoint_service: es,
            tags,
        } = props;
        check_tags(&tags)?;
        check_unique("allowed_principals", &es.principals)?;
        let mut warnings = open_to_world("ssh_cidrs", &app.ssh_cidrs);
        warnings.extend(open_to_world("nlb client_cidrs", &nlb.client_cidrs));
        if es.principals.contains(&Principal::AnyAccount) && !es.acceptance_required {
            return Err(Error::WildcardPrincipal);
        }
        let zone_count = match &network {
            ServiceNetwork::New(n) if n.inputs.is_some() => 2, // the caller checks the inputs
            ServiceNetwork::New(n) => n.resolved_azs()?.len(),
            ServiceNetwork::Existing { subnets, .. } => subnets.len(),
        };
        if zone_count < 2 {
            return Err(Error::TooFewAzs {
                what: "application load balancer",
                count: zone_count,
                min: 2,
            });
        }
        // A load balancer takes certificates of its own region only.
        if let (
            ServiceNetwork::New(NetworkProps {
                region: Some(region),
                ..
            }),
            crate::ListenerCertificate::Acm(crate::CertificateSource::Arn(arn)),
        ) = (&network, &alb.certificate)
        {
            if arn.region() != region.as_str() {
                return Err(Error::CertificateRegion {
                    arn: arn.to_string(),
                    certificate_region: arn.region().to_owned(),
                    region: region.to_string(),
                });
            }
        }
        let (net, placement) = match network {
            ServiceNetwork::New(network) => {
                let net = Network::new(
                    scope,
                    "network",
                    NetworkProps {
                        tags: tags.clone(),
                        ..network
                    },
                )?;
                let placement = net.placement();
                (Some(net), placement)
            }
            ServiceNetwork::Existing { vpc, subnets } => (None, existing(&vpc, &subnets)?),
        };
        if es.principals.is_empty() && es.principal_list.is_none() {
            return Err(Error::NoPrincipals);
        }
        if es.supported_ip_address_types.contains(&IpAddressType::Ipv6) && !placement.dual_stack {
            return Err(Error::Ipv6WithoutDualStack {
                what: "the endpoint service's supported_ip_address_types",
            });
        }
        // Both security groups first: each one's rules reference the other.
        let group = |scope: &mut tfsynth::Scope<'_>, tier: &str, description: &str| {
            let mut s = scope.scope(tier);
            let n = s.logical_name("sg");
            s.resource(
                "sg",
                SecurityGroup::new()
                    .name(n.clone())
                    .description(description.to_owned())
                    .vpc_id(&placement.vpc_id)
                    .tags(named(&tags, &n)),
            )
        };
        let alb_sg = group(scope, "alb", "Internal ALB: HTTPS from the NLB only");
        let nlb_sg = group(scope, "nlb", "Internal NLB behind the endpoint service");
        let app = AppTier::new(
            scope,
            "app",
            AppTierProps {
                network: placement.clone(),
                alb_security_group: alb_sg.id(),
                app,
                tags: tags.clone(),
            },
        )?;
        let alb = AlbTier::new(
            scope,
            "alb",
            AlbTierProps {
                network: placement.clone(),
                security_group: alb_sg,
                nlb_security_group: nlb_sg.id(),
                app: app.clone(),
                alb,
                tags: tags.clone(),
            },
        )?;
        let nlb = NlbBridge::new(
            scope,
            "nlb",
            NlbBridgeProps {
                network: placement.clone(),
                security_group: nlb_sg,
                alb: alb.clone(),
                nlb,
                tags: tags.clone(),
            },
        )?;
        let endpoint_service = EndpointService::new(
            scope,
            "endpoint",
            EndpointServiceProps {
                load_balancers: LoadBalancers::network([&nlb.lb]),
                zones: nlb.azs.clone(),
                port: nlb.port,
                settings: es,
                tags,
            },
        )?;
        Ok(PrivateLinkService {
            network: net,
            placement,
            app,
            alb,
            nlb,
            endpoint_service,
            warnings,
        })
    }
}

/// The placement in a VPC that exists: each subnet with its zone, the zones distinct and of one
/// kind.
fn existing(vpc: &VpcSource, subnets: &[ExistingSubnet]) -> Result<Placement, Error> {
    let mut azs = Vec::with_capacity(subnets.len());
    for s in subnets {
        match &s.az {
            Some(az) => azs.push(az.clone()),
            None => {
                return Err(Error::SubnetZoneUnknown {
                    subnet: s.subnet.id().to_string(),
                })
            }
        }
    }
    crate::check_azs(&azs)?;
    let literal: Vec<&str> = subnets.iter().filter_map(|s| s.subnet.literal()).collect();
    check_unique("subnets", &literal)?;
    Ok(Placement {
        vpc_id: vpc.id(),
        vpc_cidr: vpc.cidr_block(),
        azs,
        subnet_ids: subnets.iter().map(|s| s.subnet.id()).collect(),
        inputs: None,
        dual_stack: false,
        s3_prefix_list: None,
    })
}

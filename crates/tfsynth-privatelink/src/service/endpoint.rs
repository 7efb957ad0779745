//! The VPC endpoint service: the load balancers behind it (network xor gateway), who may
//! connect, connection notifications, and the private DNS name's verification.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{Declare, Expr, List, MetaArgs, Ref};
use tfsynth_aws::{
    data, Lb, Route53Record, Route53RecordArgs, VpcEndpointConnectionNotification,
    VpcEndpointConnectionNotificationArgs, VpcEndpointService, VpcEndpointServiceAllowedPrincipal,
    VpcEndpointServiceAllowedPrincipalArgs, VpcEndpointServicePrivateDnsVerification,
};

use crate::common::{check_tags, check_unique, named, Tags};
use crate::sources::{HostedZoneSource, TopicSource};
use crate::{Az, DnsName, Error, Port, PrincipalArn, Region};

/// The load balancers behind an endpoint service: network or gateway, never both (their ARNs,
/// e.g. `lb.arn()` of a `Ref<Lb>`).
#[derive(Debug, Clone)]
pub enum LoadBalancers {
    /// Network load balancers.
    Network(Vec<Expr<String>>),
    /// Gateway load balancers.
    Gateway(Vec<Expr<String>>),
}

impl LoadBalancers {
    /// Network load balancers declared in the same stack.
    pub fn network<'a>(lbs: impl IntoIterator<Item = &'a Ref<Lb>>) -> Self {
        Self::Network(lbs.into_iter().map(|lb| lb.arn()).collect())
    }
    /// Gateway load balancers declared in the same stack.
    pub fn gateway<'a>(lbs: impl IntoIterator<Item = &'a Ref<Lb>>) -> Self {
        Self::Gateway(lbs.into_iter().map(|lb| lb.arn()).collect())
    }
}

/// An IP address type an endpoint service supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IpAddressType {
    /// IPv4.
    Ipv4,
    /// IPv6 (needs a dual-stack network).
    Ipv6,
}

impl IpAddressType {
    /// The provider's value.
    fn connectivity(self) -> tfsynth_aws::ec2::ServiceConnectivityType {
        match self {
            Self::Ipv4 => tfsynth_aws::ec2::ServiceConnectivityType::Ipv4,
            Self::Ipv6 => tfsynth_aws::ec2::ServiceConnectivityType::Ipv6,
        }
    }
}

/// How allowed principals are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalMode {
    /// One `aws_vpc_endpoint_service_allowed_principal` per principal, so consumers can be
    /// added and removed one by one.
    #[default]
    Resources,
    /// The endpoint service's `allowed_principals` argument.
    Inline,
}

/// Who may create endpoints to the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An IAM principal (`arn:PARTITION:iam::ACCOUNT:root`, a role or a user).
    Arn(PrincipalArn),
    /// The account applying the configuration (its root, in its own partition).
    CurrentAccount,
    /// Every AWS account (`*`): only with acceptance required.
    AnyAccount,
}

impl From<PrincipalArn> for Principal {
    fn from(p: PrincipalArn) -> Self {
        Self::Arn(p)
    }
}

/// A private DNS name consumers can use instead of the endpoint's.
#[derive(Debug, Clone)]
pub struct PrivateDns {
    /// The name (a domain you own).
    pub name: DnsName,
    /// The public hosted zone of the domain, a handle or an id: the verification TXT record is
    /// created there and the verification started.
    /// Default: none (the record is only an output, for whoever owns the zone).
    pub verification_zone: Option<HostedZoneSource>,
}

impl PrivateDns {
    /// `name`, without a zone to verify it in.
    pub fn new(name: DnsName) -> Self {
        Self {
            name,
            verification_zone: None,
        }
    }
}

/// The endpoint service's settings: who may connect and how.
#[derive(Debug, Clone)]
pub struct EndpointServiceSettings {
    /// Connection requests must be accepted.
    /// Default: true.
    pub acceptance_required: bool,
    /// Who may create endpoints, each listed once.
    /// Default: none (give at least one).
    pub principals: Vec<Principal>,
    /// How principals are written.
    /// Default: separate resources ([`PrincipalMode::Resources`]).
    pub principal_mode: PrincipalMode,
    /// A private DNS name, verified through a TXT record.
    /// Default: none.
    pub private_dns: Option<PrivateDns>,
    /// SNS topic notified of connection events (connect, accept, reject, delete), a handle or
    /// an ARN.
    /// Default: none.
    pub notification_topic: Option<TopicSource>,
    /// IP address types.
    /// Default: `[Ipv4]`.
    pub supported_ip_address_types: Vec<IpAddressType>,
    /// Other regions consumers may connect from (cross-region PrivateLink).
    /// Default: none.
    pub supported_regions: Vec<Region>,
    /// More principals as a Terraform list known at plan time (a module's
    /// `allowed_principals` variable), allowed next to `principals`: one allowed-principal
    /// resource per ARN (`for_each`), or appended to the inline list. Their shape, count and
    /// uniqueness are the caller's to check (the shipped module's variable validations).
    /// Default: none.
    pub principal_list: Option<Expr<List<String>>>,
}

impl Default for EndpointServiceSettings {
    fn default() -> Self {
        Self {
            acceptance_required: true,
            principals: Vec::new(),
            principal_mode: PrincipalMode::default(),
            private_dns: None,
            notification_topic: None,
            supported_ip_address_types: vec![IpAddressType::Ipv4],
            supported_regions: Vec::new(),
            principal_list: None,
        }
    }
}

/// Props of an [`EndpointService`].
#[derive(Debug, Clone)]
pub struct EndpointServiceProps {
    /// The load balancers behind the service. Required.
    pub load_balancers: LoadBalancers,
    /// The zones the load balancers serve (reported by the handle, checked by consumers).
    /// Default: none.
    pub zones: Vec<Az>,
    /// The port consumers connect to (reported by the handle).
    /// Default: 443.
    pub port: Port,
    /// Who may connect and how.
    /// Default: see [`EndpointServiceSettings`].
    pub settings: EndpointServiceSettings,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
}

impl EndpointServiceProps {
    /// Props with `load_balancers` and every default.
    pub fn new(load_balancers: LoadBalancers) -> Self {
        Self {
            load_balancers,
            zones: Vec::new(),
            port: Port::HTTPS,
            settings: EndpointServiceSettings::default(),
            tags: Tags::new(),
        }
    }
}

/// The VPC endpoint service, its principals, notifications and private DNS verification.
///
/// Adds under `scope/id`: `service`, `principal_<i>` (resource mode), `notification`,
/// `dns_verification_record` and `dns_verification`, and the data source `caller` for
/// [`Principal::CurrentAccount`].
#[derive(Debug, Clone)]
pub struct EndpointService {
    /// The endpoint service.
    pub service: Ref<VpcEndpointService>,
    /// The zones it serves.
    pub azs: Vec<Az>,
    /// The port consumers connect to.
    pub port: Port,
    /// Its private DNS name, if any.
    pub private_dns_name: Option<DnsName>,
}

impl EndpointService {
    /// `com.amazonaws.vpce.REGION.vpce-svc-ID`: what consumers pass to their endpoint.
    pub fn service_name(&self) -> Expr<String> {
        self.service.service_name()
    }
    /// `vpce-svc-ID`.
    pub fn service_id(&self) -> Expr<String> {
        self.service.id()
    }
    /// The private DNS verification record as `{name, type, value}` (null without a private
    /// DNS name).
    pub fn private_dns_verification(&self) -> Expr<tfsynth::Any> {
        let c: Expr<List<tfsynth::Any>> = self.service.private_dns_name_configuration().cast();
        tfsynth::functions::try_([c.at(0), Expr::from_raw(tfsynth::RawExpr::Null)])
    }
}

impl EndpointService {
    /// Adds the service.
    ///
    /// # Errors
    /// [`Error::LoadBalancerKinds`] for an empty list of load balancers,
    /// [`Error::NoPrincipals`], [`Error::Duplicate`] for a principal listed twice,
    /// [`Error::WildcardPrincipal`], an empty list of IP address types, tags AWS refuses.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{Declare, Stack};
    /// use tfsynth_aws::Lb;
    /// use tfsynth_privatelink::{
    ///     EndpointService, EndpointServiceProps, EndpointServiceSettings, LoadBalancers,
    ///     PrincipalArn,
    /// };
    /// let mut stack = Stack::new();
    /// let nlb = stack.resource("nlb", Lb::new().load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Network));
    /// let service = EndpointService::new(&mut stack, "api", EndpointServiceProps {
    ///     settings: EndpointServiceSettings {
    ///         principals: vec!["arn:aws:iam::111122223333:root".parse::<PrincipalArn>()?.into()],
    ///         ..Default::default()
    ///     },
    ///     ..EndpointServiceProps::new(LoadBalancers::network([&nlb]))
    /// })?;
    /// assert_eq!(service.service_id().to_string(), "aws_vpc_endpoint_service.api_service.id");
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    pub fn new(
        scope: &mut impl Declare,
        id: &str,
        props: EndpointServiceProps,
    ) -> Result<EndpointService, Error> {
        let scope = &mut scope.scope(id);
        let EndpointServiceProps {
            load_balancers,
            zones,
            port,
            settings: options,
            tags,
        } = props;
        let tags = &tags;
        check_tags(tags)?;
        let (network, gateway) = match &load_balancers {
            LoadBalancers::Network(l) => (l.len(), 0),
            LoadBalancers::Gateway(l) => (0, l.len()),
        };
        if network + gateway == 0 {
            return Err(Error::LoadBalancerKinds {
                nlb: network,
                gwlb: gateway,
            });
        }
        check_unique("allowed_principals", &options.principals)?;
        if options.principals.is_empty() && options.principal_list.is_none() {
            return Err(Error::NoPrincipals);
        }
        if options.principals.contains(&Principal::AnyAccount) && !options.acceptance_required {
            return Err(Error::WildcardPrincipal);
        }
        if options.supported_ip_address_types.is_empty() {
            return Err(Error::Empty {
                what: "supported_ip_address_types",
            });
        }
        let principals: Vec<Expr<String>> = options
            .principals
            .iter()
            .map(|p| match p {
                Principal::Arn(arn) => Expr::from_raw(arn.as_str().into()),
                Principal::AnyAccount => Expr::from_raw("*".into()),
                Principal::CurrentAccount => {
                    let me = scope.data("caller", data::CallerIdentity::new());
                    // The caller's own ARN says its partition (aws, aws-cn, aws-us-gov).
                    tfsynth::template!(
                        "arn:",
                        tfsynth::functions::split(":", me.arn()).at(1),
                        ":iam::",
                        me.account_id(),
                        ":root"
                    )
                }
            })
            .collect();
        let logical = scope.logical_name("service");
        let mut s = VpcEndpointService::new(options.acceptance_required)
            .supported_ip_address_types(
                options
                    .supported_ip_address_types
                    .iter()
                    .map(|t| t.connectivity())
                    .collect::<Vec<_>>(),
            )
            .tags(named(tags, &logical));
        s = match load_balancers {
            LoadBalancers::Network(arns) => s.network_load_balancer_arns(arns),
            LoadBalancers::Gateway(arns) => s.gateway_load_balancer_arns(arns),
        };
        if options.principal_mode == PrincipalMode::Inline {
            s = match &options.principal_list {
                None => s.allowed_principals(principals.clone()),
                Some(list) if principals.is_empty() => {
                    s.allowed_principals(list.clone().cast::<tfsynth::Set<String>>())
                }
                Some(list) => s.allowed_principals(
                    tfsynth::functions::concat((principals.clone(), list.clone()))
                        .cast::<tfsynth::Set<String>>(),
                ),
            };
        }
        if let Some(dns) = &options.private_dns {
            s = s.private_dns_name(&dns.name);
        }
        if !options.supported_regions.is_empty() {
            s = s.supported_regions(
                options
                    .supported_regions
                    .iter()
                    .map(|r| r.as_str().to_owned())
                    .collect::<Vec<_>>(),
            );
        }
        let service = scope.resource("service", s);
        if options.principal_mode == PrincipalMode::Resources {
            for (i, p) in principals.iter().enumerate() {
                scope.resource(
                    &format!("principal_{i}"),
                    VpcEndpointServiceAllowedPrincipal::new(
                        VpcEndpointServiceAllowedPrincipalArgs {
                            principal_arn: p.into(),
                            vpc_endpoint_service_id: service.id().into(),
                        },
                    ),
                );
            }
        }
        if let (PrincipalMode::Resources, Some(list)) =
            (options.principal_mode, &options.principal_list)
        {
            scope.resource(
                "principal",
                VpcEndpointServiceAllowedPrincipal::new(VpcEndpointServiceAllowedPrincipalArgs {
                    principal_arn: tfsynth::each_key().into(),
                    vpc_endpoint_service_id: service.id().into(),
                })
                .for_each(tfsynth::functions::toset(list.clone())),
            );
        }
        if let Some(topic) = &options.notification_topic {
            scope.resource(
                "notification",
                VpcEndpointConnectionNotification::new(VpcEndpointConnectionNotificationArgs {
                    connection_events: ["Connect", "Accept", "Reject", "Delete"].into(),
                    connection_notification_arn: topic.arn().into(),
                })
                .vpc_endpoint_service_id(service.id()),
            );
        }
        let handles = EndpointService {
            service,
            azs: zones,
            port,
            private_dns_name: options.private_dns.as_ref().map(|d| d.name.clone()),
        };
        if let Some(zone) = options.private_dns.and_then(|d| d.verification_zone) {
            let cfg: Expr<List<tfsynth::Any>> =
                handles.service.private_dns_name_configuration().cast();
            let first = cfg.at(0);
            let record = scope.resource(
                "dns_verification_record",
                Route53Record::new(Route53RecordArgs {
                    name: first.attr::<String>("name").into(),
                    type_: first.attr::<String>("type").into(),
                    zone_id: zone.zone_id().into(),
                })
                .ttl(300)
                .records(vec![first.attr::<String>("value")]),
            );
            scope.resource(
                "dns_verification",
                VpcEndpointServicePrivateDnsVerification::new(handles.service.id())
                    .wait_for_verification(true)
                    .depends_on(&record),
            );
        }
        Ok(handles)
    }
}

impl std::fmt::Display for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Arn(a) => f.write_str(a.as_str()),
            Self::CurrentAccount => f.write_str("the current account"),
            Self::AnyAccount => f.write_str("*"),
        }
    }
}

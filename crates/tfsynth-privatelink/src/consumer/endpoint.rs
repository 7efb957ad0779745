//! An interface VPC endpoint and its own security group: ingress only on the service port from
//! the given groups and CIDRs, no egress.

use tfsynth::{functions, Declare, Expr, List, Number, Ref, Set, Value};
use tfsynth_aws::{SecurityGroup, VpcEndpoint};

use crate::common::{check_tags, check_unique, ingress, ingress_counted, named, Peer, Tags};
use crate::sources::{SecurityGroupSource, SubnetSource, VpcSource};
use crate::{Cidr, Error, Port, Region};

/// The IP address type of an interface endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndpointIpAddressType {
    /// IPv4 only.
    #[default]
    Ipv4,
    /// IPv4 and IPv6 (needs dual-stack subnets and a service that supports IPv6).
    DualStack,
}

/// Props of an [`InterfaceEndpoint`].
#[derive(Debug, Clone)]
pub struct InterfaceEndpointProps {
    /// The VPC. Required.
    pub vpc: VpcSource,
    /// The endpoint's subnets, one per zone, each listed once. Required.
    pub subnets: Vec<SubnetSource>,
    /// `com.amazonaws.vpce.REGION.vpce-svc-ID` (a literal, a variable or a service's handle).
    /// Required.
    pub service_name: Expr<String>,
    /// The port clients reach the service on. Required.
    pub port: Port,
    /// The port as a Terraform expression (a variable), used instead of `port`.
    /// Default: none.
    pub port_expr: Option<Expr<Number>>,
    /// Security groups whose members may reach the endpoint on `port` (handles or ids).
    /// Default: none.
    pub client_security_groups: Vec<SecurityGroupSource>,
    /// CIDRs that may reach the endpoint on `port`, each listed once.
    /// Default: none.
    pub client_cidrs: Vec<Cidr>,
    /// The service's region, for cross-region PrivateLink.
    /// Default: the endpoint's own region.
    pub service_region: Option<Region>,
    /// Turn on the service's private DNS name in the VPC.
    /// Default: false.
    /// A literal, or an expression (a module's `private_dns_enabled` variable).
    pub private_dns_enabled: Value<bool>,
    /// The endpoint's IP address type.
    /// Default: [`EndpointIpAddressType::Ipv4`].
    pub ip_address_type: EndpointIpAddressType,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
    /// More subnets as a Terraform list (a [`Network`](crate::Network) built from module
    /// inputs), used next to `subnets`.
    /// Default: none.
    pub subnet_list: Option<Expr<List<String>>>,
    /// More client security groups as a Terraform list (a module variable), next to
    /// `client_security_groups`: one rule each (`count`, so ids known only after apply work).
    /// Default: none.
    pub client_security_group_list: Option<Expr<List<String>>>,
    /// More client CIDRs as a Terraform list (a module variable), next to `client_cidrs`: one
    /// rule each (`count`).
    /// Default: none.
    pub client_cidr_list: Option<Expr<List<String>>>,
}

impl InterfaceEndpointProps {
    /// Props with the required values and every default.
    pub fn new(
        vpc: impl Into<VpcSource>,
        subnets: Vec<SubnetSource>,
        service_name: Expr<String>,
        port: Port,
    ) -> Self {
        Self {
            vpc: vpc.into(),
            subnets,
            service_name,
            port,
            port_expr: None,
            client_security_groups: Vec::new(),
            client_cidrs: Vec::new(),
            service_region: None,
            private_dns_enabled: false.into(),
            ip_address_type: EndpointIpAddressType::default(),
            tags: Tags::new(),
            subnet_list: None,
            client_security_group_list: None,
            client_cidr_list: None,
        }
    }
}

/// An interface VPC endpoint and its security group.
///
/// Adds under `scope/id`: `sg`, `from_group_<i>`, `from_cidr_<i>`, `endpoint`.
#[derive(Debug, Clone)]
pub struct InterfaceEndpoint {
    /// The endpoint.
    pub endpoint: Ref<VpcEndpoint>,
    /// Its security group.
    pub security_group: Ref<SecurityGroup>,
}

impl InterfaceEndpoint {
    /// The endpoint's DNS names (regional first, then one per zone).
    pub fn dns_names(&self) -> Expr<List<String>> {
        self.endpoint.dns_entry().splat(|e| e.fields().dns_name())
    }
    /// The endpoint's id.
    pub fn id(&self) -> Expr<String> {
        self.endpoint.id()
    }
}

impl InterfaceEndpoint {
    /// Adds the endpoint.
    ///
    /// # Errors
    /// [`Error::NoSubnets`], [`Error::Duplicate`] for a subnet id, client security group id or
    /// client block listed twice, tags AWS refuses.
    pub fn new(
        scope: &mut impl Declare,
        id: &str,
        props: InterfaceEndpointProps,
    ) -> Result<InterfaceEndpoint, Error> {
        let scope = &mut scope.scope(id);
        let tags = &props.tags;
        if props.subnets.is_empty() && props.subnet_list.is_none() {
            return Err(Error::NoSubnets);
        }
        check_tags(tags)?;
        let literal: Vec<&str> = props
            .subnets
            .iter()
            .filter_map(SubnetSource::literal)
            .collect();
        check_unique("subnet_ids", &literal)?;
        // A group listed twice would make the same ingress rule twice (the module refuses it
        // as well).
        let groups: Vec<&str> = props
            .client_security_groups
            .iter()
            .filter_map(|g| match g {
                SecurityGroupSource::Id(id) => Some(id.as_str()),
                SecurityGroupSource::Handle(_) => None,
            })
            .collect();
        check_unique("client_security_group_ids", &groups)?;
        check_unique("client_cidrs", &props.client_cidrs)?;
        let vpc_id = props.vpc.id();
        let port: Value<Number> = match &props.port_expr {
            Some(e) => e.clone().into(),
            None => props.port.get().into(),
        };
        let sg_name = scope.logical_name("sg");
        let sg = SecurityGroup::new()
            .description("PrivateLink endpoint: the service port from clients only")
            .vpc_id(&vpc_id)
            .tags(named(tags, &sg_name));
        // A VPC given as an expression (a module's input) may hold other copies of this
        // endpoint: group names are unique in a VPC, so the name is a prefix there.
        let sg = match &props.vpc {
            VpcSource::Expression { .. } => sg.name_prefix(format!("{sg_name}-")),
            _ => sg.name(sg_name.clone()),
        };
        let sg = scope.resource("sg", sg);
        for (i, g) in props.client_security_groups.iter().enumerate() {
            ingress(
                scope,
                &format!("from_group_{i}"),
                &sg.id(),
                port.clone(),
                Peer::Group(g.id()),
                "Service port from the client group",
                tags,
            );
        }
        for (i, c) in props.client_cidrs.iter().enumerate() {
            ingress(
                scope,
                &format!("from_cidr_{i}"),
                &sg.id(),
                port.clone(),
                Peer::Cidr(c.to_string().into()),
                "Service port from a client network",
                tags,
            );
        }
        // Lists known only at plan time: one rule per element, by position.
        let each =
            |list: &Expr<List<String>>| functions::element(list.clone(), tfsynth::count_index());
        if let Some(list) = &props.client_security_group_list {
            ingress_counted(
                scope,
                "from_groups",
                &sg.id(),
                port.clone(),
                Peer::Group(each(list)),
                "Service port from a client group",
                tags,
                functions::length(list.clone()),
            );
        }
        if let Some(list) = &props.client_cidr_list {
            ingress_counted(
                scope,
                "from_cidrs",
                &sg.id(),
                port.clone(),
                Peer::Cidr(each(list).into()),
                "Service port from a client network",
                tags,
                functions::length(list.clone()),
            );
        }
        let ep_name = scope.logical_name("endpoint");
        let mut ep = VpcEndpoint::new(vpc_id)
            .service_name(props.service_name)
            .vpc_endpoint_type(tfsynth_aws::ec2::enums::VpcEndpointType::Interface)
            .subnet_ids({
                let ids: Vec<Expr<String>> = props.subnets.iter().map(SubnetSource::id).collect();
                let ids: Value<Set<String>> = match (&props.subnet_list, ids.is_empty()) {
                    (None, _) => ids.into(),
                    (Some(list), true) => list.clone().cast::<Set<String>>().into(),
                    (Some(list), false) => functions::concat((ids, list.clone()))
                        .cast::<Set<String>>()
                        .into(),
                };
                ids
            })
            .security_group_ids(vec![sg.id()])
            .private_dns_enabled(props.private_dns_enabled.clone())
            .tags(named(tags, &ep_name));
        if let Some(r) = &props.service_region {
            ep = ep.service_region(r);
        }
        if props.ip_address_type == EndpointIpAddressType::DualStack {
            ep = ep.ip_address_type(tfsynth_aws::ec2::enums::IpAddressType::Dualstack);
        }
        let endpoint = scope.resource("endpoint", ep);
        Ok(InterfaceEndpoint {
            endpoint,
            security_group: sg,
        })
    }
}

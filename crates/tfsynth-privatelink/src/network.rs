//! The network: a VPC with one private subnet per availability zone, its routing, its default
//! security group closed, optional flow logs, and the VPC endpoints that let instances reach
//! SSM and the Amazon Linux package repositories without an internet path.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{
    cond, each_key, functions, Declare, Expr, For, List, MetaArgs, Number, Ref, Set, Value,
};
use tfsynth_aws::{
    data, DefaultSecurityGroup, FlowLog, RouteTable, RouteTableAssociation, SecurityGroup, Subnet,
    Vpc, VpcEndpoint,
};

use crate::common::{az_key, check_tags, egress, ingress, named, named_each, Peer, Tags};
use crate::sources::FlowLogs;
use crate::{
    check_azs, check_azs_in_region, check_subnets, Az, BucketArn, Cidr, Error, FlowLogDestination,
    LogGroupArn, Region, RoleArn,
};

/// A zone id (`use1-az1`), as opposed to a zone name (`us-east-1a`).
use crate::values::AZ_ID_PATTERN;

/// Whether the zones are ids (else names): known now, or tested at plan time.
enum ZoneKind {
    Known(bool),
    Test(Expr<bool>),
}

impl ZoneKind {
    /// `ids` for zone ids, `names` for zone names.
    fn pick<T>(&self, ids: Expr<T>, names: Expr<T>) -> Expr<T> {
        match self {
            Self::Known(true) => ids,
            Self::Known(false) => names,
            Self::Test(t) => cond(t.clone(), ids, names),
        }
    }
}

/// A literal string as an expression.
fn lit(s: &str) -> Expr<String> {
    Expr::from_raw(s.into())
}

/// How the subnets are laid out: zones and blocks known now, or expressions.
enum Plan<'a> {
    Literal {
        azs: Vec<Az>,
        subnet_cidrs: Vec<Cidr>,
    },
    Input(&'a NetworkInputs),
}

/// The VPC endpoints a network gets for instances without internet access.
const SSM_SERVICES: [&str; 3] = ["ssm", "ssmmessages", "ec2messages"];

/// Options of a [`Network`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkOptions {
    /// The VPC's IPv4 block, /16 to /28.
    /// Default: `10.0.0.0/16`.
    pub cidr: Cidr,
    /// The availability zones, one private subnet each; ids (`use1-az1`) are recommended. Zones
    /// of another region than the network's are refused.
    /// Default: empty, meaning the region's first two zone ids (`use1-az1`, `use1-az2` in
    /// us-east-1, `euw1-az1`, `euw1-az2` in eu-west-1; see [`Region::default_azs`]).
    #[serde(deserialize_with = "crate::rules::nulls::azs")]
    pub azs: Vec<Az>,
    /// Bits added to the VPC prefix for each subnet (`cidrsubnet(vpc, newbits, i)`).
    /// Default: 4 (a /20 per zone in a /16).
    pub subnet_newbits: u8,
    /// Give the VPC an Amazon-provided IPv6 block and each subnet a /64 (dual stack).
    /// Default: false.
    pub dual_stack: bool,
    /// Send VPC flow logs (all traffic) to this S3 bucket or CloudWatch Logs group.
    /// Default: none (no flow log).
    pub flow_log_destination: Option<FlowLogDestination>,
    /// IAM role that lets the flow log service write to CloudWatch Logs: required for a log
    /// group destination, refused for an S3 bucket (which takes none).
    /// Default: none.
    pub flow_log_role_arn: Option<RoleArn>,
    /// Interface endpoints for SSM (`ssm`, `ssmmessages`, `ec2messages`) and a gateway
    /// endpoint for S3, so instances are managed and install packages without internet access.
    /// Default: true.
    pub private_aws_access: bool,
    /// The region the network is in (the stacks set it from their `common.region`): its zones
    /// are checked against it, and an empty `azs` means its default zones. Not part of a
    /// config file.
    /// Default: none: listed zones are checked at plan time only, and `azs` must be listed.
    #[serde(skip)]
    #[schemars(skip)]
    pub region: Option<Region>,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        Self {
            cidr: Cidr::from_parts([10, 0, 0, 0], 16),
            azs: Vec::new(),
            subnet_newbits: 4,
            dual_stack: false,
            flow_log_destination: None,
            flow_log_role_arn: None,
            private_aws_access: true,
            region: None,
        }
    }
}

impl NetworkOptions {
    /// The zones the network uses: `azs`, or the region's default zones when `azs` is empty,
    /// checked against the region when it is known.
    ///
    /// # Errors
    /// [`Error::AzNotInRegion`], [`Error::NoDefaultAzs`], [`Error::NoRegionForAzs`].
    pub fn resolved_azs(&self) -> Result<Vec<Az>, Error> {
        resolve_azs(self.region.as_ref(), &self.azs)
    }

    /// The same options in `region` (what the stacks do with their `common.region`).
    #[must_use]
    pub fn in_region(mut self, region: &Region) -> Self {
        self.region = Some(region.clone());
        self
    }
}

/// The zones a network uses. The list's own rules come first (each once, ids and names not
/// mixed, at most 6), then its relation to the region, in the order the modules' validations
/// list them.
fn resolve_azs(region: Option<&Region>, azs: &[Az]) -> Result<Vec<Az>, Error> {
    check_azs(azs)?;
    if azs.len() > 6 {
        return Err(Error::TooManyAzs {
            count: azs.len(),
            max: 6,
        });
    }
    match (region, azs.is_empty()) {
        (Some(region), true) => region.default_azs(),
        (Some(region), false) => {
            check_azs_in_region(region, azs)?;
            Ok(azs.to_vec())
        }
        (None, true) => Err(Error::NoRegionForAzs),
        (None, false) => Ok(azs.to_vec()),
    }
}

/// Props of a [`Network`] (the construct's side of [`NetworkOptions`], which a configuration
/// file holds and which converts into these with `.into()`).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkProps {
    /// The VPC's IPv4 block, /16 to /28.
    /// Default: `10.0.0.0/16`.
    pub cidr: Cidr,
    /// The availability zones, one private subnet each; ids (`use1-az1`) are recommended.
    /// Zones of another region than `region` are refused.
    /// Default: empty, meaning the region's first two zone ids (see [`Region::default_azs`]).
    pub azs: Vec<Az>,
    /// The region the network is in (the provider's): its zones are checked against it, and
    /// an empty `azs` means its default zones.
    /// Default: none: listed zones are checked at plan time only, and `azs` must be listed.
    pub region: Option<Region>,
    /// Bits added to the VPC prefix for each subnet (`cidrsubnet(vpc, newbits, i)`).
    /// Default: 4 (a /20 per zone in a /16).
    pub subnet_newbits: u8,
    /// Give the VPC an Amazon-provided IPv6 block and each subnet a /64 (dual stack).
    /// Default: false.
    pub dual_stack: bool,
    /// VPC flow logs (all traffic) to an S3 bucket, or to a CloudWatch Logs group with the
    /// role that writes to it; handles from the same stack or ARNs.
    /// Default: none (no flow log).
    pub flow_logs: Option<FlowLogs>,
    /// Interface endpoints for SSM (`ssm`, `ssmmessages`, `ec2messages`) and a gateway
    /// endpoint for S3, so instances are managed and install packages without internet access.
    /// Default: true.
    pub private_aws_access: bool,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
    /// The VPC block and the zones as Terraform expressions (a module's variables) instead of
    /// `cidr` and `azs`: subnets are one `for_each` block keyed by zone, carved with
    /// `cidrsubnet` at plan time, and the checks `cidr` and `azs` get here become the
    /// caller's (the shipped modules' variable validations).
    /// Default: none (`cidr` and `azs`).
    pub inputs: Option<NetworkInputs>,
}

/// The VPC block and zones of a [`Network`] given as Terraform expressions (see
/// [`NetworkProps::inputs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkInputs {
    /// The VPC's IPv4 block (`var.vpc_cidr`).
    pub cidr: Expr<String>,
    /// The zones, ids or names, known at plan time (`var.availability_zones`).
    pub zones: Expr<List<String>>,
}

impl Default for NetworkProps {
    fn default() -> Self {
        Self::from_options(NetworkOptions::default(), None)
    }
}

impl TryFrom<NetworkOptions> for NetworkProps {
    type Error = Error;

    /// The options' flow log destination and role become a [`FlowLogs`] choice.
    ///
    /// # Errors
    /// [`Error::FlowLogRoleMissing`] for a log group without a role,
    /// [`Error::FlowLogRoleNotApplicable`] for a bucket with one.
    fn try_from(o: NetworkOptions) -> Result<Self, Error> {
        let flow_logs = match (&o.flow_log_destination, &o.flow_log_role_arn) {
            (None, _) => None,
            (Some(dest), role) => Some(flow_logs_of(dest, role.as_ref())?),
        };
        Ok(Self::from_options(o, flow_logs))
    }
}

/// The flow log choice a configuration's destination and role make.
fn flow_logs_of(dest: &FlowLogDestination, role: Option<&RoleArn>) -> Result<FlowLogs, Error> {
    let destination = dest.to_string();
    match (dest.destination_type(), role) {
        ("s3", None) => Ok(FlowLogs::S3(BucketArn::new(dest.as_str())?.into())),
        ("s3", Some(_)) => Err(Error::FlowLogRoleNotApplicable { destination }),
        (_, None) => Err(Error::FlowLogRoleMissing { destination }),
        (_, Some(role)) => Ok(FlowLogs::CloudWatch {
            group: LogGroupArn::new(dest.as_str())?.into(),
            role: role.clone().into(),
        }),
    }
}

impl NetworkProps {
    fn from_options(o: NetworkOptions, flow_logs: Option<FlowLogs>) -> Self {
        Self {
            cidr: o.cidr,
            azs: o.azs,
            region: o.region,
            subnet_newbits: o.subnet_newbits,
            dual_stack: o.dual_stack,
            flow_logs,
            private_aws_access: o.private_aws_access,
            tags: Tags::new(),
            inputs: None,
        }
    }
}

impl NetworkProps {
    /// The zones the network uses: see [`NetworkOptions::resolved_azs`].
    ///
    /// # Errors
    /// [`Error::AzNotInRegion`], [`Error::NoDefaultAzs`], [`Error::NoRegionForAzs`].
    pub fn resolved_azs(&self) -> Result<Vec<Az>, Error> {
        resolve_azs(self.region.as_ref(), &self.azs)
    }

    /// The same props in `region`.
    #[must_use]
    pub fn in_region(mut self, region: &Region) -> Self {
        self.region = Some(region.clone());
        self
    }
}

/// A VPC with one private subnet per availability zone. No internet gateway and no public
/// addresses: traffic arrives through PrivateLink and instances reach AWS through VPC
/// endpoints.
///
/// Adds: `aws_vpc` `vpc`, `aws_default_security_group` `default_sg` (no rules),
/// `aws_subnet` `subnet_<az>`, `aws_route_table` `private` + associations, optionally
/// `aws_flow_log` `flow_log`, `aws_vpc_endpoint` `s3` / `ssm` / `ssmmessages` / `ec2messages`
/// with the security group `endpoints_sg`, and the data source `azs` whose precondition fails
/// at plan time when a zone is not available to the account.
#[derive(Debug, Clone)]
pub struct Network {
    /// The VPC.
    pub vpc: Ref<Vpc>,
    /// One private subnet per zone, in the order of [`Network::azs`].
    pub subnets: Vec<Ref<Subnet>>,
    /// The zones served.
    pub azs: Vec<Az>,
    /// The VPC block.
    pub cidr: Cidr,
    /// The subnets' blocks.
    pub subnet_cidrs: Vec<Cidr>,
    /// The route table of the private subnets.
    pub route_table: Ref<RouteTable>,
    /// The S3 gateway endpoint's prefix list id, when private AWS access is on.
    pub s3_prefix_list: Option<Expr<String>>,
    /// Whether the network is dual stack.
    pub dual_stack: bool,
    /// The zones and subnet ids as expressions, when the network was built from
    /// [`NetworkProps::inputs`] (then `subnets` holds the one `for_each` block, and `azs`,
    /// `subnet_cidrs` are empty).
    pub inputs: Option<NetworkInputLists>,
}

/// The zones and subnets of a [`Network`] built from [`NetworkInputs`].
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkInputLists {
    /// The zones, in the order given.
    pub zones: Expr<List<String>>,
    /// The subnet ids, in the order of `zones`.
    pub subnet_ids: Expr<List<String>>,
}

impl Network {
    /// Where the service's tiers go in this network: its VPC and subnets as expressions.
    pub fn placement(&self) -> Placement {
        Placement {
            vpc_id: self.vpc.id(),
            vpc_cidr: self.vpc.cidr_block(),
            azs: self.azs.clone(),
            subnet_ids: match &self.inputs {
                Some(_) => Vec::new(),
                None => self.subnets.iter().map(|s| s.id()).collect(),
            },
            inputs: self.inputs.clone(),
            dual_stack: self.dual_stack,
            s3_prefix_list: self.s3_prefix_list.clone(),
        }
    }
    /// The subnet ids, as a list.
    pub fn subnet_ids(&self) -> Value<Set<String>> {
        self.placement().subnet_ids()
    }
    /// The subnet ids in the order of the zones, as a list (what `element` takes).
    pub fn subnet_id_list(&self) -> Value<List<String>> {
        self.placement().subnet_id_list()
    }
    /// The id of the `i`-th subnet, counting round the zones.
    pub fn subnet_id_at(&self, i: usize) -> Expr<String> {
        self.placement().subnet_id_at(i)
    }
    /// The ids of the subnets in `azs` (which must be among the network's).
    pub fn subnet_ids_in(&self, azs: &[Az]) -> Vec<Expr<String>> {
        self.placement().subnet_ids_in(azs)
    }
}

/// What the service's tiers need of a network: a VPC and one subnet per zone, as expressions.
/// Made from a [`Network`] ([`Network::placement`]) or from a VPC that exists.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The VPC's id.
    pub vpc_id: Expr<String>,
    /// The VPC's IPv4 block.
    pub vpc_cidr: Expr<String>,
    /// The zones, in the order of `subnet_ids` (empty when the zones are `inputs`).
    pub azs: Vec<Az>,
    /// One subnet per zone (empty when the zones are `inputs`).
    pub subnet_ids: Vec<Expr<String>>,
    /// The zones and subnet ids as expressions ([`NetworkProps::inputs`]).
    pub inputs: Option<NetworkInputLists>,
    /// Whether the network is dual stack.
    pub dual_stack: bool,
    /// The S3 gateway endpoint's prefix list id, when the network has private AWS access
    /// (then instances get egress to the SSM endpoints and to S3 only).
    pub s3_prefix_list: Option<Expr<String>>,
}

impl Placement {
    /// The subnet ids, as a set.
    pub fn subnet_ids(&self) -> Value<Set<String>> {
        match &self.inputs {
            Some(i) => i.subnet_ids.clone().cast::<Set<String>>().into(),
            None => self.subnet_ids.clone().into(),
        }
    }
    /// The subnet ids in the order of the zones, as a list (what `element` takes).
    pub fn subnet_id_list(&self) -> Value<List<String>> {
        match &self.inputs {
            Some(i) => i.subnet_ids.clone().into(),
            None => self.subnet_ids.clone().into(),
        }
    }
    /// The id of the `i`-th subnet, counting round the zones.
    pub fn subnet_id_at(&self, i: usize) -> Expr<String> {
        match &self.inputs {
            Some(l) => functions::element(l.subnet_ids.clone(), i),
            None => self.subnet_ids[i % self.subnet_ids.len()].clone(),
        }
    }
    /// The ids of the subnets in `azs` (which must be among the placement's).
    pub fn subnet_ids_in(&self, azs: &[Az]) -> Vec<Expr<String>> {
        self.azs
            .iter()
            .zip(&self.subnet_ids)
            .filter(|(a, _)| azs.contains(a))
            .map(|(_, s)| s.clone())
            .collect()
    }
}

impl Network {
    /// Adds the network under `scope/id`.
    ///
    /// # Errors
    /// Invalid or duplicate zones, zones of another region, fewer than one zone or more than
    /// six, a VPC block outside /16../28, subnets that do not fit, a CloudWatch Logs flow log
    /// destination without a role (or an S3 one with a role), tags AWS refuses.
    ///
    /// # Example
    /// ```
    /// use tfsynth::Stack;
    /// use tfsynth_privatelink::{Network, NetworkProps, Region};
    /// let mut stack = Stack::new();
    /// let net = Network::new(&mut stack, "shared", NetworkProps {
    ///     region: Some(Region::new("eu-west-1")?),
    ///     ..Default::default()
    /// })?;
    /// assert_eq!(net.subnets.len(), 2);
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    pub fn new(scope: &mut impl Declare, id: &str, props: NetworkProps) -> Result<Network, Error> {
        let scope = &mut scope.scope(id);
        let options = &props;
        let tags = &props.tags;
        check_tags(tags)?;
        let plan = match &options.inputs {
            Some(inputs) => Plan::Input(inputs),
            None => {
                let azs = options.resolved_azs()?;
                check_azs(&azs)?;
                if azs.is_empty() {
                    return Err(Error::TooFewAzs {
                        what: "network",
                        count: 0,
                        min: 1,
                    });
                }
                if azs.len() > 6 {
                    return Err(Error::TooManyAzs {
                        count: azs.len(),
                        max: 6,
                    });
                }
                options.cidr.check_vpc_size()?;
                let subnet_cidrs = options.cidr.carve(options.subnet_newbits, azs.len())?;
                check_subnets(&options.cidr, &subnet_cidrs)?;
                Plan::Literal { azs, subnet_cidrs }
            }
        };

        // The zones must exist and be available in this account and region: checked at plan time.
        let (zone_values, zone_count, zones_text, by_id) = match &plan {
            Plan::Literal { azs, .. } => {
                let values: Vec<String> = azs.iter().map(|a| a.as_str().to_owned()).collect();
                let text = values.join(", ");
                (
                    Value::<Set<String>>::from(values),
                    Value::<Number>::from(azs.len()),
                    tfsynth::template!(text),
                    ZoneKind::Known(azs.iter().all(Az::is_id)),
                )
            }
            Plan::Input(i) => (
                i.zones.clone().cast::<Set<String>>().into(),
                functions::length(i.zones.clone()).into(),
                tfsynth::template!(functions::join(", ", i.zones.clone())),
                ZoneKind::Test(functions::alltrue(
                    For::values("z", &i.zones)
                        .to_list(|z| functions::can(functions::regex(AZ_ID_PATTERN, z))),
                )),
            ),
        };
        let zones = scope.data(
            "azs",
            data::AvailabilityZones::new()
                .state(tfsynth_aws::ec2::enums::AvailabilityZoneState::Available)
                .add_filter(tfsynth_aws::data::availability_zones::Filter::new(
                    tfsynth_aws::data::availability_zones::FilterArgs {
                        name: by_id.pick(lit("zone-id"), lit("zone-name")).into(),
                        values: zone_values,
                    },
                )),
        );
        let listed = by_id.pick(zones.zone_ids(), zones.names());
        let vpc_name = scope.logical_name("vpc");
        let cidr: Value<String> = match &plan {
            Plan::Literal { .. } => options.cidr.to_string().into(),
            Plan::Input(i) => i.cidr.clone().into(),
        };
        let mut vpc = Vpc::new()
            .cidr_block(cidr)
            .enable_dns_support(true)
            .enable_dns_hostnames(true)
            .tags(named(tags, &vpc_name))
            .precondition(
                functions::length(listed).equals(zone_count),
                tfsynth::template!(
                    "availability zones ",
                    zones_text,
                    " are not all available in this region and account: list zones the region offers (aws ec2 describe-availability-zones)"
                ),
            );
        if options.dual_stack {
            vpc = vpc.assign_generated_ipv6_cidr_block(true);
        }
        let vpc = scope.resource("vpc", vpc);

        // The default security group of the VPC, with every rule removed.
        let dsg_name = scope.logical_name("default_sg");
        scope.resource(
            "default_sg",
            DefaultSecurityGroup::new()
                .vpc_id(vpc.id())
                .tags(named(tags, &dsg_name)),
        );

        let rt_name = scope.logical_name("private");
        let route_table = scope.resource(
            "private",
            RouteTable::new(vpc.id()).tags(named(tags, &rt_name)),
        );

        let mut subnets = Vec::new();
        let mut input_lists = None;
        match &plan {
            Plan::Literal { azs, subnet_cidrs } => {
                for (i, (az, cidr)) in azs.iter().zip(subnet_cidrs).enumerate() {
                    let key = az_key(az);
                    let name = format!("subnet_{key}");
                    let logical = scope.logical_name(&name);
                    let mut s = Subnet::new(vpc.id())
                        .cidr_block(cidr.to_string())
                        .map_public_ip_on_launch(false)
                        .tags(named(tags, &logical));
                    s = match az {
                        Az::Id(id) => s.availability_zone_id(id.clone()),
                        Az::Name(n) => s.availability_zone(n.clone()),
                    };
                    if options.dual_stack {
                        s = s
                            .ipv6_cidr_block(functions::cidrsubnet(vpc.ipv6_cidr_block(), 8, i))
                            .assign_ipv6_address_on_creation(true);
                    }
                    let subnet = scope.resource(&name, s);
                    scope.resource(
                        &format!("private_{key}"),
                        RouteTableAssociation::new(route_table.id()).subnet_id(subnet.id()),
                    );
                    subnets.push(subnet);
                }
            }
            Plan::Input(i) => {
                // One subnet per zone, keyed by the zone; its block is the zone's position in
                // the list, so adding a zone at the end moves no existing subnet.
                let logical = scope.logical_name("subnet");
                let index: Expr<Number> = functions::index(i.zones.clone(), each_key()).cast();
                let is_id = functions::can(functions::regex(AZ_ID_PATTERN, each_key()));
                let mut s = Subnet::new(vpc.id())
                    .cidr_block(functions::cidrsubnet(
                        i.cidr.clone(),
                        options.subnet_newbits,
                        index.clone(),
                    ))
                    .availability_zone_id(cond(is_id.clone(), each_key(), tfsynth::null()))
                    .availability_zone(cond(is_id, tfsynth::null(), each_key()))
                    .map_public_ip_on_launch(false)
                    .tags(named_each(tags, &logical))
                    .for_each(functions::toset(i.zones.clone()));
                if options.dual_stack {
                    s = s
                        .ipv6_cidr_block(functions::cidrsubnet(vpc.ipv6_cidr_block(), 8, index))
                        .assign_ipv6_address_on_creation(true);
                }
                let subnet = scope.resource("subnet", s);
                scope.resource(
                    "private",
                    RouteTableAssociation::new(route_table.id())
                        .subnet_id(Ref::key(&subnet, each_key()).id())
                        .for_each(functions::toset(i.zones.clone())),
                );
                let subnet_ids = For::values("z", &i.zones).to_list(|z| Ref::key(&subnet, z).id());
                subnets.push(subnet);
                input_lists = Some(NetworkInputLists {
                    zones: i.zones.clone(),
                    subnet_ids,
                });
            }
        }

        if let Some(flow_logs) = &options.flow_logs {
            let fl_name = scope.logical_name("flow_log");
            let fl = FlowLog::new()
                .vpc_id(vpc.id())
                .traffic_type(tfsynth_aws::ec2::enums::TrafficType::All)
                .max_aggregation_interval(60)
                .tags(named(tags, &fl_name));
            let fl = match flow_logs {
                FlowLogs::S3(bucket) => fl
                    .log_destination(bucket.arn())
                    .log_destination_type(tfsynth_aws::ec2::enums::LogDestinationType::S3),
                FlowLogs::CloudWatch { group, role } => fl
                    .log_destination(group.arn())
                    .log_destination_type(
                        tfsynth_aws::ec2::enums::LogDestinationType::CloudWatchLogs,
                    )
                    .iam_role_arn(role.arn()),
            };
            scope.resource("flow_log", fl);
        }

        let subnet_ids: Value<Set<String>> = match &input_lists {
            Some(l) => l.subnet_ids.clone().cast::<Set<String>>().into(),
            None => subnets.iter().map(|s| s.id()).collect::<Vec<_>>().into(),
        };
        let mut s3_prefix_list = None;
        if options.private_aws_access {
            let region = scope.data("region", data::Region::new());
            let s3_name = scope.logical_name("s3");
            let s3 = scope.resource(
                "s3",
                VpcEndpoint::new(vpc.id())
                    .service_name(tfsynth::template!("com.amazonaws.", region.region(), ".s3"))
                    .vpc_endpoint_type(tfsynth_aws::ec2::enums::VpcEndpointType::Gateway)
                    .route_table_ids(vec![route_table.id()])
                    .tags(named(tags, &s3_name)),
            );
            s3_prefix_list = Some(s3.prefix_list_id());

            let sg_name = scope.logical_name("endpoints_sg");
            let sg = scope.resource(
                "endpoints_sg",
                SecurityGroup::new()
                    .name(sg_name.clone())
                    .description("HTTPS to the SSM interface endpoints from inside the VPC")
                    .vpc_id(vpc.id())
                    .tags(named(tags, &sg_name)),
            );
            ingress(
                scope,
                "endpoints_https",
                &sg.id(),
                443,
                Peer::Cidr(vpc.cidr_block().into()),
                "HTTPS from the VPC to the SSM endpoints",
                tags,
            );
            for svc in SSM_SERVICES {
                let ep_name = scope.logical_name(svc);
                scope.resource(
                    svc,
                    VpcEndpoint::new(vpc.id())
                        .service_name(tfsynth::template!(
                            "com.amazonaws.",
                            region.region(),
                            ".",
                            svc
                        ))
                        .vpc_endpoint_type(tfsynth_aws::ec2::enums::VpcEndpointType::Interface)
                        .private_dns_enabled(true)
                        .subnet_ids(subnet_ids.clone())
                        .security_group_ids(vec![sg.id()])
                        .tags(named(tags, &ep_name)),
                );
            }
        }

        let (azs, subnet_cidrs) = match plan {
            Plan::Literal { azs, subnet_cidrs } => (azs, subnet_cidrs),
            Plan::Input(_) => (Vec::new(), Vec::new()),
        };
        Ok(Network {
            vpc,
            subnets,
            azs,
            cidr: options.cidr,
            subnet_cidrs,
            route_table,
            s3_prefix_list,
            dual_stack: options.dual_stack,
            inputs: input_lists,
        })
    }
}

/// Egress rules an instance needs to be managed through SSM and install packages: HTTPS to
/// the VPC (the SSM endpoints) and to the S3 prefix list.
pub(crate) fn instance_aws_egress(
    scope: &mut impl Declare,
    net: &Placement,
    group: &Expr<String>,
    tags: &Tags,
) {
    if let Some(pl) = &net.s3_prefix_list {
        egress(
            scope,
            "egress_ssm",
            group,
            443,
            Peer::Cidr(net.vpc_cidr.clone().into()),
            "HTTPS to the SSM endpoints in the VPC",
            tags,
        );
        egress(
            scope,
            "egress_s3",
            group,
            443,
            Peer::PrefixList(pl.clone()),
            "HTTPS to S3 (package repositories) through the gateway endpoint",
            tags,
        );
    }
}

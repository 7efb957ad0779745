//! Errors found when a construct is built, and warnings that do not stop it.

use std::fmt;

use crate::rules::Q;

/// A problem in the inputs of a construct or a stack configuration.
///
/// Every message names the value received and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Not an IPv4 CIDR block.
    InvalidCidr {
        /// The text received.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A CIDR block whose address has bits set past the prefix.
    CidrHostBits {
        /// The text received.
        value: String,
        /// The network it probably means.
        network: String,
    },
    /// A VPC CIDR block outside the sizes AWS accepts (/16 to /28).
    VpcCidrSize {
        /// The block.
        cidr: String,
    },
    /// A subnet that is not inside its VPC's CIDR block.
    SubnetOutsideVpc {
        /// The subnet.
        subnet: String,
        /// The VPC block.
        vpc: String,
    },
    /// Two subnets of one VPC that overlap.
    SubnetsOverlap {
        /// The first subnet.
        first: String,
        /// The second subnet.
        second: String,
    },
    /// Carving `count` subnets with `newbits` does not fit the VPC block.
    SubnetsDoNotFit {
        /// The VPC block.
        vpc: String,
        /// Bits added to the prefix.
        newbits: u8,
        /// Subnets asked for.
        count: usize,
    },
    /// A port outside 1-65535.
    InvalidPort {
        /// What the port is for.
        what: &'static str,
        /// The value received.
        value: u32,
    },
    /// Two ports that must be equal are not.
    PortMismatch {
        /// What must match.
        what: &'static str,
        /// The first port.
        expected: u16,
        /// The second port.
        found: u16,
    },
    /// A load balancer or target group name AWS refuses.
    InvalidLbName {
        /// The name received.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not an IAM principal ARN of the form `arn:<partition>:iam::<12 digits>:(root|role/..|user/..)`.
    InvalidPrincipalArn {
        /// The text received.
        value: String,
    },
    /// The `*` principal without the explicit opt-in.
    WildcardPrincipal,
    /// No principal may connect to the endpoint service.
    NoPrincipals,
    /// Not an availability zone id (`use1-az1`) nor name (`us-east-1a`).
    InvalidAz {
        /// The text received.
        value: String,
    },
    /// Availability zone ids and names mixed in one list.
    MixedAzKinds {
        /// The list received.
        azs: Vec<String>,
    },
    /// The same availability zone listed twice.
    DuplicateAz {
        /// The zone.
        az: String,
    },
    /// Fewer availability zones than a component needs.
    TooFewAzs {
        /// The component (`application load balancer`).
        what: &'static str,
        /// Zones given.
        count: usize,
        /// Zones needed.
        min: usize,
    },
    /// More availability zones than the construct supports.
    TooManyAzs {
        /// Zones given.
        count: usize,
        /// The most supported.
        max: usize,
    },
    /// A network load balancer zone the application load balancer does not serve.
    NlbAzNotInAlb {
        /// The zone.
        az: String,
    },
    /// A consumer subnet in a zone the service does not serve.
    ConsumerAzNotServed {
        /// The zone.
        az: String,
        /// The zones the service serves.
        served: Vec<String>,
    },
    /// A TLS policy that allows TLS 1.0/1.1 or is deprecated.
    InsecureTlsPolicy {
        /// The policy name.
        value: String,
    },
    /// A TLS policy name this crate does not know.
    UnknownTlsPolicy {
        /// The policy name.
        value: String,
    },
    /// A certificate common name over 64 characters.
    CommonNameTooLong {
        /// The name.
        value: String,
    },
    /// Not a DNS name.
    InvalidDnsName {
        /// What the name is for.
        what: &'static str,
        /// The text received.
        value: String,
    },
    /// IPv6 asked for without a dual-stack network.
    Ipv6WithoutDualStack {
        /// Where IPv6 was asked for.
        what: &'static str,
    },
    /// An endpoint service without load balancers (network and gateway are exclusive by type:
    /// [`LoadBalancers`](crate::LoadBalancers)).
    LoadBalancerKinds {
        /// Network load balancers given.
        nlb: usize,
        /// Gateway load balancers given.
        gwlb: usize,
    },
    /// Not an AWS region name.
    InvalidRegion {
        /// The text received.
        value: String,
    },
    /// Not an ARN of the expected service and resource.
    InvalidArn {
        /// What the ARN is for.
        what: &'static str,
        /// The text received.
        value: String,
        /// An example of the expected shape.
        expected: &'static str,
    },
    /// Not an AWS resource id of the expected kind (`vpc-0abc...`).
    InvalidResourceId {
        /// The kind, as the id starts (`vpc`, `subnet`, `sg`, `i`).
        kind: &'static str,
        /// The text received.
        value: String,
    },
    /// Not an endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-<id>`).
    InvalidServiceName {
        /// The text received.
        value: String,
    },
    /// An existing VPC given without subnets for the endpoint.
    NoSubnets,
    /// A subnet of an existing VPC given to the service without its zone.
    SubnetZoneUnknown {
        /// The subnet (its id, or the reference to it).
        subnet: String,
    },
    /// The application tier has neither instances nor targets.
    NoTargets,
    /// A required text value is empty.
    Empty {
        /// What is empty.
        what: &'static str,
    },
    /// A value out of its allowed range.
    OutOfRange {
        /// What the value is.
        what: &'static str,
        /// The value received.
        value: i64,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// An availability zone of another region than the stack's.
    AzNotInRegion {
        /// The zone.
        az: String,
        /// The region it belongs to, when known.
        az_region: Option<String>,
        /// The stack's region.
        region: String,
        /// Zones of the stack's region, for the message.
        suggestion: String,
    },
    /// A zone the consumer expects the service in that is not in the service's region.
    ServiceAzNotInRegion {
        /// The zone.
        az: String,
        /// The region it belongs to, when known.
        az_region: Option<String>,
        /// The service's region.
        region: String,
    },
    /// No zones listed, and none known for the region.
    NoDefaultAzs {
        /// The region.
        region: String,
    },
    /// No zones listed, and no region to derive them from.
    NoRegionForAzs,
    /// A tag AWS refuses.
    InvalidTag {
        /// The tag's key.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
    /// More tags than AWS allows on one resource.
    TooManyTags {
        /// Tags a resource would get (the given ones and the constructs' own `Name`).
        count: usize,
    },
    /// The same value listed twice where each one creates a rule or an attachment.
    Duplicate {
        /// The list (`ssh_cidrs`).
        what: &'static str,
        /// The value.
        value: String,
    },
    /// A CloudWatch Logs flow log destination without the role that lets flow logs write to it.
    FlowLogRoleMissing {
        /// The destination.
        destination: String,
    },
    /// A role given for an S3 flow log destination, which takes none.
    FlowLogRoleNotApplicable {
        /// The destination.
        destination: String,
    },
    /// Two load balancers with one name.
    DuplicateLbName {
        /// The name.
        name: String,
    },
    /// Not an EC2 instance type (`family.size`).
    InvalidInstanceType {
        /// The text received.
        value: String,
    },
    /// A name or id AWS refuses (bucket, hosted zone, key pair).
    InvalidName {
        /// What the name is for.
        what: &'static str,
        /// The text received.
        value: String,
        /// The rule, with an example.
        rule: &'static str,
    },
    /// A client instance asked for in an existing VPC.
    ClientInstanceInExistingVpc {
        /// The VPC.
        vpc_id: String,
    },
    /// A hosted zone to verify the private DNS name in, without a private DNS name.
    ZoneWithoutPrivateDnsName {
        /// The zone.
        zone: String,
    },
    /// Zones listed for an existing VPC's subnets, but not one per subnet.
    SubnetAzCount {
        /// Subnets listed.
        subnets: usize,
        /// Zones listed.
        azs: usize,
    },
    /// A subset of zones was listed for a part of a network whose zones are Terraform inputs.
    ZonesAreInputs {
        /// What listed them.
        what: &'static str,
    },
    /// A `null` element in a list of a configuration file or a module input.
    NullElement {
        /// The list (`client_cidrs`).
        what: &'static str,
        /// Where the first null is.
        index: usize,
    },
    /// A tag whose value is `null`.
    NullTag {
        /// The tag's key.
        key: String,
    },
    /// An ACM certificate of another region than the stack's: a load balancer takes
    /// certificates of its own region only.
    CertificateRegion {
        /// The certificate's ARN.
        arn: String,
        /// The certificate's region.
        certificate_region: String,
        /// The stack's region.
        region: String,
    },
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

impl fmt::Display for Error {
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidCidr { value, reason } => write!(
                f,
                "invalid cidr block {value_q}: {reason}; write it as A.B.C.D/N, e.g. 10.0.0.0/16", value_q = Q(value)),
            Self::CidrHostBits { value, network } => write!(
                f,
                "cidr block {value_q} has bits set past its prefix; use the network address {network_q}", value_q = Q(value), network_q = Q(network)),
            Self::VpcCidrSize { cidr } => write!(
                f,
                "vpc cidr block {cidr_q} is outside the sizes aws accepts; use a prefix between /16 and /28", cidr_q = Q(cidr)),
            Self::SubnetOutsideVpc { subnet, vpc } => write!(
                f,
                "subnet {subnet_q} is not inside the vpc cidr block {vpc_q}; carve it from the vpc's own block", subnet_q = Q(subnet), vpc_q = Q(vpc)),
            Self::SubnetsOverlap { first, second } => write!(
                f,
                "subnets {first_q} and {second_q} overlap; give each subnet its own range", first_q = Q(first), second_q = Q(second)),
            Self::SubnetsDoNotFit { vpc, newbits, count } => write!(
                f,
                "{count} subnets of {newbits} new bits do not fit in {vpc_q}; use a larger vpc block or fewer/more newbits (prefix + newbits must be at most 28)", vpc_q = Q(vpc)),
            Self::InvalidPort { what, value } => {
                let sep = if what.is_empty() { "" } else { " " };
                write!(f, "{what}{sep}port {value} is out of range; use a port between 1 and 65535")
            }
            Self::PortMismatch { what, expected, found } => write!(
                f,
                "{what}: port {found} does not match {expected}; use {expected}"
            ),
            Self::InvalidLbName { value, reason } => write!(
                f,
                "load balancer or target group name {value_q} {reason}; use at most 32 letters, digits and hyphens, not starting or ending with a hyphen", value_q = Q(value)),
            Self::InvalidPrincipalArn { value } => write!(
                f,
                "principal {value_q} is not an iam principal arn; use arn:aws:iam::123456789012:root, ...:role/NAME or ...:user/NAME", value_q = Q(value)),
            Self::WildcardPrincipal => f.write_str(
                "principal \"*\" lets every aws account request a connection; list account arns, or set allow_any_principal = true (acceptance stays required)",
            ),
            Self::NoPrincipals => f.write_str(
                "no allowed principals: nobody could connect to the endpoint service; list at least one iam principal arn",
            ),
            Self::InvalidAz { value } => write!(
                f,
                "{value_q} is not an availability zone; use a zone id such as \"use1-az1\" (the same in every account) or a zone name such as \"us-east-1a\"", value_q = Q(value)),
            Self::MixedAzKinds { azs } => write!(
                f,
                "availability zones [{}] mix zone ids and zone names; use zone ids only (recommended) or names only",
                list(azs)
            ),
            Self::DuplicateAz { az } => {
                write!(f, "availability zone {az_q} is listed twice; list each zone once", az_q = Q(az))
            }
            Self::TooFewAzs { what, count, min } => write!(
                f,
                "{what} needs at least {min} availability zones, got {count}; list {min} or more"
            ),
            Self::TooManyAzs { count, max } => write!(
                f,
                "{count} availability zones given, at most {max} are supported; list fewer"
            ),
            Self::NlbAzNotInAlb { az } => write!(
                f,
                "network load balancer zone {az_q} is not served by the application load balancer; use a subset of the alb's zones", az_q = Q(az)),
            Self::ConsumerAzNotServed { az, served } => write!(
                f,
                "consumer subnet zone {az_q} is not served by the endpoint service (it serves {}); place the endpoint's subnets in those zones",
                list(served), az_q = Q(az)),
            Self::InsecureTlsPolicy { value } => write!(
                f,
                "tls policy {value_q} allows tls 1.0/1.1 or is deprecated; use ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (the default) or another tls 1.2+ policy", value_q = Q(value)),
            Self::UnknownTlsPolicy { value } => write!(
                f,
                "tls policy {value_q} is not a known elb security policy; use one of {}",
                crate::values::TlsPolicy::ALLOWED.join(", "), value_q = Q(value)),
            Self::CommonNameTooLong { value } => write!(
                f,
                "certificate common name {value_q} has {} characters, the limit is 64; use a shorter name and put long names in the subject alternative names",
                value.chars().count(), value_q = Q(value)),
            Self::InvalidDnsName { what, value } => write!(
                f,
                "{what} {value_q} is not a dns name; use lowercase labels of letters, digits and hyphens separated by dots, e.g. api.example.com", value_q = Q(value)),
            Self::Ipv6WithoutDualStack { what } => write!(
                f,
                "{what} asks for ipv6 but the network is ipv4 only; set dual_stack = true on the network or use ipv4"
            ),
            Self::LoadBalancerKinds { nlb, gwlb } => write!(
                f,
                "an endpoint service needs load balancers, got {nlb} network and {gwlb} gateway load balancers; give one or more of one kind (LoadBalancers::Network or LoadBalancers::Gateway)"
            ),
            Self::InvalidRegion { value } => {
                write!(f, "{value_q} is not an aws region; use a name such as \"us-east-1\"", value_q = Q(value))
            }
            Self::InvalidArn { what, value, expected } => write!(
                f,
                "{what} {value_q} is not a valid arn; use the form {expected}", value_q = Q(value)),
            Self::InvalidResourceId { kind, value } => {
                let what = match *kind {
                    "i" => "an instance".to_owned(),
                    "sg" => "a security group".to_owned(),
                    other => format!("a {other}"),
                };
                write!(f, "{value_q} is not {what} id; use the form {kind}-0123456789abcdef0", value_q = Q(value))
            }
            Self::InvalidServiceName { value } => write!(
                f,
                "{value_q} is not an endpoint service name; use the service stack's service_name output, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", value_q = Q(value)),
            Self::NoSubnets => f.write_str(
                "an existing vpc was given without subnets; list the subnet ids (one per availability zone) for the endpoint",
            ),
            Self::SubnetZoneUnknown { subnet } => write!(
                f,
                "subnet {subnet} has no availability zone; the service places its load balancers and endpoint service by zone, so give each subnet its zone (ExistingSubnet::in_zone)"
            ),
            Self::NoTargets => f.write_str(
                "the application tier has no targets; set instance_count to 1 or more, or give target ids",
            ),
            Self::Empty { what } => write!(f, "{what} is empty; give a value"),
            Self::OutOfRange { what, value, min, max } => write!(
                f,
                "{what} {value} is out of range; use a value between {min} and {max}"
            ),
            Self::AzNotInRegion { az, az_region, region, suggestion } => {
                match az_region {
                    Some(r) => write!(f, "availability zone {az_q} is in {r}, not in the stack's region {region}", az_q = Q(az))?,
                    None => write!(f, "availability zone {az_q} is not a zone of the stack's region {region}", az_q = Q(az))?,
                }
                write!(
                    f,
                    "; list zones of {region} ({suggestion}), or leave azs empty for the region's default zones"
                )
            }
            Self::ServiceAzNotInRegion { az, az_region, region } => {
                write!(f, "service zone {az_q} ", az_q = Q(az))?;
                match az_region {
                    Some(r) => write!(f, "is in {r}, not in {region}")?,
                    None => write!(f, "is not a zone of {region}")?,
                }
                write!(
                    f,
                    ", the service's region (consumer.service_region, else common.region); list the service stack's service_availability_zones output in service_azs, or set consumer.service_region to the service's region"
                )
            }
            Self::NoDefaultAzs { region } => write!(
                f,
                "no default availability zones are known for region {region}; list its zone ids in azs (aws ec2 describe-availability-zones --region {region})"
            ),
            Self::NoRegionForAzs => f.write_str(
                "no availability zones listed and no region to pick them for; list zone ids in azs, or set the network's region",
            ),
            Self::InvalidTag { key, reason } => write!(f, "tag {key_q} {reason}", key_q = Q(key)),
            Self::TooManyTags { count } => write!(
                f,
                "each resource would get {count} tags (the ones given and the constructs' Name tag), aws allows at most 50; give at most 49 tags"
            ),
            Self::Duplicate { what, value } => write!(
                f,
                "{what} lists {value_q} twice, which would create the same rule or attachment twice and aws refuses the second; list it once", value_q = Q(value)),
            Self::FlowLogRoleMissing { destination } => write!(
                f,
                "flow log destination {destination_q} is a cloudwatch logs group, which needs flow_log_role_arn, the iam role that lets vpc flow logs write to it; set flow_log_role_arn to arn:aws:iam::ACCOUNT:role/NAME, or send the flow logs to an s3 bucket", destination_q = Q(destination)),
            Self::FlowLogRoleNotApplicable { destination } => write!(
                f,
                "flow log destination {destination_q} is an s3 bucket, which takes no flow_log_role_arn (aws refuses it); remove flow_log_role_arn and allow delivery in the bucket policy", destination_q = Q(destination)),
            Self::DuplicateLbName { name } => write!(
                f,
                "the application and the network load balancer are both named {name_q}, and aws needs a load balancer name unique in the account and region; give them different names", name_q = Q(name)),
            Self::InvalidInstanceType { value } => write!(
                f,
                "instance type {value_q} is not an ec2 instance type; write it as family.size, e.g. t3.micro or m7g.large", value_q = Q(value)),
            Self::InvalidName { what, value, rule } => {
                write!(f, "{what} {value_q} is not valid; {rule}", value_q = Q(value))
            }
            Self::ClientInstanceInExistingVpc { vpc_id } => write!(
                f,
                "client_instance = true needs a vpc the consumer creates: in the existing vpc {vpc_id_q} the instance would have no ssm endpoints to be reached through; set client_instance = false (and list your clients' networks in client_cidrs), or use vpc.new", vpc_id_q = Q(vpc_id)),
            Self::ZoneWithoutPrivateDnsName { zone } => write!(
                f,
                "route53_zone_id {zone_q} is set without private_dns_name, and the zone only serves to verify that name; set private_dns_name to a name in the zone, or remove route53_zone_id", zone_q = Q(zone)),
            Self::ZonesAreInputs { what } => write!(
                f,
                "{what} lists zones, but the network's zones are Terraform inputs (a module's availability_zones variable); leave {what} empty: it serves every zone of the network"
            ),
            Self::SubnetAzCount { subnets, azs } => write!(
                f,
                "subnet_azs lists {azs} zone(s) for {subnets} subnet id(s) in subnet_ids; list the zone of each subnet, in the same order, or leave subnet_azs empty"
            ),
            Self::NullElement { what, index } => write!(
                f,
                "{what}[{index}] is null; remove it from the list or give a value"
            ),
            Self::NullTag { key } => write!(
                f,
                "tag {} has a null value; give it a value or leave the tag out",
                Q(key)
            ),
            Self::CertificateRegion { arn, certificate_region, region } => write!(
                f,
                "acm certificate {} is in {certificate_region}, not in the stack's region {region}; use a certificate of {region} (a load balancer takes certificates of its own region only)",
                Q(arn)
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Something worth knowing that does not stop a build.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The service and consumer VPC blocks overlap: fine for PrivateLink, which does not
    /// route between them, but a later peering or transit gateway attachment would fail.
    CidrOverlap {
        /// The service VPC block.
        service: String,
        /// The consumer VPC block.
        consumer: String,
    },
    /// Access on a port from every IPv4 address.
    OpenToWorld {
        /// What is opened (`ssh_cidrs`).
        what: &'static str,
        /// The block.
        cidr: String,
    },
    /// The service's zones are given as names, which differ per account; the consumer's
    /// placement can only be checked at apply time.
    AzNamesAcrossAccounts,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CidrOverlap { service, consumer } => write!(
                f,
                "service vpc {service:?} and consumer vpc {consumer:?} overlap; privatelink works, but peering or a transit gateway between them later would not: pick disjoint blocks"
            ),
            Self::OpenToWorld { what, cidr } => write!(
                f,
                "{what} lets every ipv4 address ({cidr}) in; list the networks that need access instead"
            ),
            Self::AzNamesAcrossAccounts => f.write_str(
                "availability zones are given as names, which map to different zones in each account; use zone ids (use1-az1) so the consumer can match them",
            ),
        }
    }
}

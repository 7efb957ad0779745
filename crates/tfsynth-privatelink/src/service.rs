//! The provider side: app tier, internal ALB with HTTPS, NLB bridge, endpoint service.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{Declare, Expr, List, MetaArgs, Output, Ref};
use tfsynth_aws::{
    data, AcmCertificate, IamInstanceProfile, IamRole, IamRolePolicyAttachment,
    IamRolePolicyAttachmentArgs, Instance, Lb, LbListener, LbListenerArgs, LbTargetGroup,
    LbTargetGroupAttachment, LbTargetGroupAttachmentArgs, Route53Record, Route53RecordArgs,
    SecurityGroup, VpcEndpointConnectionNotification, VpcEndpointConnectionNotificationArgs,
    VpcEndpointService, VpcEndpointServiceAllowedPrincipal, VpcEndpointServiceAllowedPrincipalArgs,
    VpcEndpointServicePrivateDnsVerification,
};
use tfsynth_tls::{PrivateKey, SelfSignedCert, SelfSignedCertArgs};

use crate::common::{
    aws_name, check_tags, check_unique, egress, ingress, named, open_to_world, Peer, Tags,
};
use crate::network::{instance_aws_egress, Network, NetworkHandles, NetworkOptions};
use crate::{
    Az, BucketName, CertificateArn, Cidr, CommonName, DnsName, Error, HostedZoneId, InstanceId,
    InstanceType, LbName, Port, PrincipalArn, Region, SnsTopicArn, TlsPolicy, Warning,
};

/// The nginx install script the demo instances run (Amazon Linux 2023).
pub const NGINX_USER_DATA: &str =
    "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n";

/// What the application load balancer forwards to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum AppTargets {
    /// EC2 instances running nginx from user data, spread over the zones.
    Nginx {
        /// How many instances. Default: 2.
        #[serde(default = "two")]
        instance_count: u8,
        /// The instance type (`family.size`). Default: `t3.micro`.
        #[serde(default = "InstanceType::t3_micro")]
        instance_type: InstanceType,
    },
    /// Instances the caller runs, each listed once; allow the ALB security group to reach them
    /// on port 80.
    Instances(Vec<InstanceId>),
}

fn two() -> u8 {
    2
}

impl Default for AppTargets {
    fn default() -> Self {
        Self::Nginx {
            instance_count: two(),
            instance_type: InstanceType::t3_micro(),
        }
    }
}

/// Options of the EC2 app tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct AppOptions {
    /// The targets. Default: two nginx instances (`t3.micro`).
    pub targets: AppTargets,
    /// CIDRs allowed to SSH to the instances (port 22), each listed once; `0.0.0.0/0` is
    /// warned about. Instances are reached through SSM.
    /// Default: none (no SSH).
    pub ssh_cidrs: Vec<Cidr>,
    /// An EC2 key pair for SSH. Default: none.
    pub key_name: Option<String>,
}

/// Where the HTTPS listener's certificate comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Certificate {
    /// An ACM certificate you issued (recommended).
    Acm(CertificateArn),
    /// A self-signed certificate made by the tls provider and imported into ACM (demos only:
    /// the private key is kept in the Terraform state).
    SelfSigned(SelfSignedOptions),
}

impl Default for Certificate {
    fn default() -> Self {
        Self::SelfSigned(SelfSignedOptions::default())
    }
}

/// A self-signed certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SelfSignedOptions {
    /// Subject common name, at most 64 characters. Default: `service.privatelink.internal`.
    pub common_name: CommonName,
    /// More subject alternative names (the common name and the ALB's DNS name are always in).
    /// Default: none.
    pub dns_names: Vec<DnsName>,
    /// Subject organization. Default: `tfsynth PrivateLink demo`.
    pub organization: String,
    /// Validity in hours. Default: 8760 (a year).
    pub validity_hours: u32,
    /// Renew this many hours before expiry (on the next apply). Default: 720 (30 days).
    pub early_renewal_hours: u32,
}

impl Default for SelfSignedOptions {
    fn default() -> Self {
        Self {
            common_name: CommonName("service.privatelink.internal".into()),
            dns_names: Vec::new(),
            organization: "tfsynth PrivateLink demo".into(),
            validity_hours: 8760,
            early_renewal_hours: 720,
        }
    }
}

/// Options of the internal application load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AlbOptions {
    /// Load balancer name. Default: derived from the scope (`service-alb`).
    pub name: Option<LbName>,
    /// The HTTPS listener's port. Default: 443.
    pub listener_port: Port,
    /// TLS policy. Default: `ELBSecurityPolicy-TLS13-1-2-Res-2021-06`.
    pub tls_policy: TlsPolicy,
    /// The certificate. Default: self-signed (demo); give an ACM ARN in production.
    pub certificate: Certificate,
    /// Deletion protection. Default: true (switch off for demos you destroy).
    pub deletion_protection: bool,
    /// S3 bucket for access logs. Default: none.
    pub access_logs_bucket: Option<BucketName>,
}

impl Default for AlbOptions {
    fn default() -> Self {
        Self {
            name: None,
            listener_port: Port::HTTPS,
            tls_policy: TlsPolicy::default(),
            certificate: Certificate::default(),
            deletion_protection: true,
            access_logs_bucket: None,
        }
    }
}

/// Options of the internal network load balancer in front of the ALB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct NlbOptions {
    /// Load balancer name, not the ALB's. Default: derived from the scope (`service-nlb`).
    pub name: Option<LbName>,
    /// The zones of the NLB, a subset of the ALB's (each is a zone consumers can use).
    /// Default: all the ALB's zones.
    pub azs: Option<Vec<Az>>,
    /// Consumer CIDRs the NLB security group admits on the service port. When empty, the NLB
    /// does not evaluate its inbound rules for PrivateLink traffic and access is governed by
    /// allowed principals, acceptance and the consumers' endpoint security groups. Each block
    /// is listed once; `0.0.0.0/0` is warned about.
    /// Default: none.
    pub client_cidrs: Vec<Cidr>,
    /// Deletion protection. Default: true.
    pub deletion_protection: bool,
}

impl Default for NlbOptions {
    fn default() -> Self {
        Self {
            name: None,
            azs: None,
            client_cidrs: Vec::new(),
            deletion_protection: true,
        }
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
    fn as_str(self) -> &'static str {
        match self {
            Self::Ipv4 => "ipv4",
            Self::Ipv6 => "ipv6",
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

/// Options of the endpoint service and who may connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EndpointServiceOptions {
    /// Connection requests must be accepted. Default: true.
    pub acceptance_required: bool,
    /// IAM principals allowed to create endpoints, each listed once. Default: none (give at
    /// least one, or set `allow_current_account`).
    pub allowed_principals: Vec<PrincipalArn>,
    /// Also allow the account applying the configuration (its root). Default: false.
    pub allow_current_account: bool,
    /// Allow every AWS account (`*`); acceptance must stay required. Default: false.
    pub allow_any_principal: bool,
    /// How principals are written. Default: separate resources.
    pub principal_mode: PrincipalMode,
    /// A private DNS name consumers can use, verified through a TXT record. Default: none.
    pub private_dns_name: Option<DnsName>,
    /// Route 53 public hosted zone id where the verification TXT record is created (and the
    /// verification started). Default: none (the record is only an output).
    pub route53_zone_id: Option<HostedZoneId>,
    /// SNS topic notified of connection events. Default: none.
    pub notification_topic: Option<SnsTopicArn>,
    /// IP address types. Default: `["ipv4"]`.
    pub supported_ip_address_types: Vec<IpAddressType>,
    /// Other regions consumers may connect from (cross-region PrivateLink). Default: none.
    pub supported_regions: Vec<Region>,
}

impl Default for EndpointServiceOptions {
    fn default() -> Self {
        Self {
            acceptance_required: true,
            allowed_principals: Vec::new(),
            allow_current_account: false,
            allow_any_principal: false,
            principal_mode: PrincipalMode::default(),
            private_dns_name: None,
            route53_zone_id: None,
            notification_topic: None,
            supported_ip_address_types: vec![IpAddressType::Ipv4],
            supported_regions: Vec::new(),
        }
    }
}

/// Everything [`PrivateLinkService`] builds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceOptions {
    /// The service VPC. Default: see [`NetworkOptions`].
    pub network: NetworkOptions,
    /// The app tier. Default: see [`AppOptions`].
    pub app: AppOptions,
    /// The ALB. Default: see [`AlbOptions`].
    pub alb: AlbOptions,
    /// The NLB. Default: see [`NlbOptions`].
    pub nlb: NlbOptions,
    /// The endpoint service. Default: see [`EndpointServiceOptions`].
    pub endpoint_service: EndpointServiceOptions,
}

impl ServiceOptions {
    /// The same options with the service's network in `region` (the provider's region), so its
    /// zones are checked against it and an empty zone list means the region's default zones.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::{Region, ServiceOptions};
    /// let options = ServiceOptions::default().in_region(&Region::new("eu-west-1")?);
    /// assert_eq!(options.network.resolved_azs()?.len(), 2);
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    #[must_use]
    pub fn in_region(mut self, region: &Region) -> Self {
        self.network = self.network.in_region(region);
        self
    }
}

/// The app tier's handle.
#[derive(Debug, Clone)]
pub struct AppHandles {
    /// The instances' security group, when the tier runs instances.
    pub security_group: Option<Ref<SecurityGroup>>,
    /// The target ids.
    pub target_ids: Vec<Expr<String>>,
}

/// The ALB tier's handle.
#[derive(Debug, Clone)]
pub struct AlbHandles {
    /// The load balancer.
    pub lb: Ref<Lb>,
    /// Its security group.
    pub security_group: Ref<SecurityGroup>,
    /// The HTTPS listener.
    pub listener: Ref<LbListener>,
    /// The listener's port.
    pub listener_port: Port,
    /// The zones the ALB serves.
    pub azs: Vec<Az>,
    /// The self-signed certificate's private key, when one was made.
    pub private_key: Option<Ref<PrivateKey>>,
    /// The load balancer's name.
    pub name: LbName,
}

/// The NLB bridge's handle.
#[derive(Debug, Clone)]
pub struct NlbHandles {
    /// The load balancer.
    pub lb: Ref<Lb>,
    /// Its security group.
    pub security_group: Ref<SecurityGroup>,
    /// The zones the NLB serves.
    pub azs: Vec<Az>,
    /// The service port (the NLB listener's and the ALB listener's).
    pub port: Port,
}

/// The endpoint service's handle.
#[derive(Debug, Clone)]
pub struct EndpointServiceHandles {
    /// The endpoint service.
    pub service: Ref<VpcEndpointService>,
    /// The zones it serves.
    pub azs: Vec<Az>,
    /// The port consumers connect to.
    pub port: Port,
    /// Its private DNS name, if any.
    pub private_dns_name: Option<DnsName>,
}

impl EndpointServiceHandles {
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

/// The EC2 app tier: nginx instances (IMDSv2, encrypted root volume, detailed monitoring,
/// SSM instance profile), port 80 only from the ALB's security group.
#[derive(Debug, Clone, Copy)]
pub struct AppTier;

impl AppTier {
    /// Adds the tier; `alb_sg` is the ALB's security group id.
    ///
    /// # Errors
    /// [`Error::NoTargets`], [`Error::OutOfRange`] for an instance count over 20,
    /// [`Error::Duplicate`] for an instance id or SSH block listed twice, an empty key pair
    /// name, tags AWS refuses.
    pub fn add(
        scope: &mut impl Declare,
        net: &NetworkHandles,
        alb_sg: &Expr<String>,
        options: &AppOptions,
        tags: &Tags,
    ) -> Result<AppHandles, Error> {
        check_tags(tags)?;
        check_unique("ssh_cidrs", &options.ssh_cidrs)?;
        if options.key_name.as_deref() == Some("") {
            return Err(Error::Empty { what: "key_name" });
        }
        let (count, instance_type) = match &options.targets {
            AppTargets::Instances(ids) => {
                if ids.is_empty() {
                    return Err(Error::NoTargets);
                }
                check_unique("app targets", ids)?;
                return Ok(AppHandles {
                    security_group: None,
                    target_ids: ids
                        .iter()
                        .map(|i| Expr::from_raw(i.as_str().into()))
                        .collect(),
                });
            }
            AppTargets::Nginx {
                instance_count,
                instance_type,
            } => (*instance_count, instance_type),
        };
        if count == 0 {
            return Err(Error::NoTargets);
        }
        if count > 20 {
            return Err(Error::OutOfRange {
                what: "instance count",
                value: i64::from(count),
                min: 1,
                max: 20,
            });
        }
        let sg_name = scope.logical_name("sg");
        let sg = scope.resource(
            "sg",
            SecurityGroup::new()
                .name(sg_name.clone())
                .description("App instances: HTTP from the ALB only")
                .vpc_id(net.vpc.id())
                .tags(named(tags, &sg_name)),
        );
        ingress(
            scope,
            "http_from_alb",
            &sg.id(),
            80,
            Peer::Group(alb_sg.clone()),
            "HTTP from the ALB",
            tags,
        );
        for (i, c) in options.ssh_cidrs.iter().enumerate() {
            ingress(
                scope,
                &format!("ssh_{i}"),
                &sg.id(),
                22,
                Peer::Cidr(c.to_string().into()),
                "SSH from an operator network",
                tags,
            );
        }
        instance_aws_egress(scope, net, &sg.id(), tags);
        let profile = instance_profile(scope, tags);
        let ami = amazon_linux(scope);
        let mut target_ids = Vec::new();
        for i in 0..usize::from(count) {
            let name = format!("instance_{i}");
            let logical = scope.logical_name(&name);
            let subnet = &net.subnets[i % net.subnets.len()];
            let inst = scope.resource(
                &name,
                hardened_instance(
                    &ami,
                    instance_type,
                    &subnet.id(),
                    &sg.id(),
                    &profile,
                    options.key_name.as_deref(),
                    tags,
                    &logical,
                )
                .user_data(NGINX_USER_DATA)
                .user_data_replace_on_change(true),
            );
            target_ids.push(inst.id());
        }
        Ok(AppHandles {
            security_group: Some(sg),
            target_ids,
        })
    }
}

/// The Amazon Linux 2023 AMI (x86_64, HVM), as the post picks it.
pub(crate) fn amazon_linux(scope: &mut impl Declare) -> Ref<data::Ami> {
    use tfsynth_aws::data::ami::{Filter, FilterArgs};
    let filter = |name: &str, value: &str| {
        Filter::new(FilterArgs {
            name: name.into(),
            values: [value].into(),
        })
    };
    scope.data(
        "al2023",
        data::Ami::new()
            .owners(["amazon"])
            .most_recent(true)
            .add_filter(filter("name", "al2023-ami-2023.*-x86_64"))
            .add_filter(filter("architecture", "x86_64"))
            .add_filter(filter("virtualization-type", "hvm")),
    )
}

/// An IAM role with AmazonSSMManagedInstanceCore and its instance profile.
pub(crate) fn instance_profile(scope: &mut impl Declare, tags: &Tags) -> Ref<IamInstanceProfile> {
    let role_name = scope.logical_name("role");
    let assume = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "ec2.amazonaws.com" },
            "Action": "sts:AssumeRole"
        }]
    })
    .to_string();
    let role = scope.resource(
        "role",
        IamRole::new(assume)
            .name_prefix(truncate(&role_name, 38))
            .description("EC2 instances managed through SSM Session Manager")
            .tags(named(tags, &role_name)),
    );
    scope.resource(
        "ssm_core",
        IamRolePolicyAttachment::new(IamRolePolicyAttachmentArgs {
            policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore".into(),
            role: role.name().into(),
        }),
    );
    let p_name = scope.logical_name("profile");
    scope.resource(
        "profile",
        IamInstanceProfile::new()
            .name_prefix(truncate(&p_name, 38))
            .role(role.name())
            .tags(named(tags, &p_name)),
    )
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// An instance with the hardening every instance here gets.
#[allow(clippy::too_many_arguments)]
pub(crate) fn hardened_instance(
    ami: &Ref<data::Ami>,
    instance_type: &InstanceType,
    subnet: &Expr<String>,
    sg: &Expr<String>,
    profile: &Ref<IamInstanceProfile>,
    key_name: Option<&str>,
    tags: &Tags,
    logical: &str,
) -> Instance {
    use tfsynth_aws::instance::{MetadataOptions, RootBlockDevice};
    let mut i = Instance::new()
        .ami(ami.id())
        .instance_type(instance_type)
        .subnet_id(subnet)
        .vpc_security_group_ids(vec![sg.clone()])
        .associate_public_ip_address(false)
        .iam_instance_profile(profile.name())
        .monitoring(true)
        .ebs_optimized(true)
        .metadata_options(
            MetadataOptions::new()
                .http_endpoint("enabled")
                .http_tokens("required")
                .http_put_response_hop_limit(1),
        )
        .root_block_device(
            RootBlockDevice::new()
                .encrypted(true)
                .volume_type("gp3")
                .delete_on_termination(true),
        )
        .tags(named(tags, logical));
    if let Some(k) = key_name {
        i = i.key_name(k.to_owned());
    }
    i
}

/// The internal ALB: its security group (HTTPS only from the NLB's group), HTTP target group,
/// HTTPS listener with a current TLS policy, certificate.
#[derive(Debug, Clone, Copy)]
pub struct AlbTier;

impl AlbTier {
    /// Adds the ALB; `sg` is its security group (made first so the app tier and the NLB can
    /// reference it), `nlb_sg` the NLB's.
    ///
    /// # Errors
    /// Fewer than two zones; an invalid derived name; tags AWS refuses.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        scope: &mut impl Declare,
        net: &NetworkHandles,
        sg: Ref<SecurityGroup>,
        nlb_sg: &Expr<String>,
        app: &AppHandles,
        options: &AlbOptions,
        tags: &Tags,
    ) -> Result<AlbHandles, Error> {
        check_tags(tags)?;
        if net.azs.len() < 2 {
            return Err(Error::TooFewAzs {
                what: "application load balancer",
                count: net.azs.len(),
                min: 2,
            });
        }
        let port = options.listener_port;
        let logical = scope.logical_name("lb");
        let name = match &options.name {
            Some(n) => n.clone(),
            None => aws_name(&scope.logical_name(""), "")?,
        };
        ingress(
            scope,
            "https_from_nlb",
            &sg.id(),
            port.get(),
            Peer::Group(nlb_sg.clone()),
            "HTTPS from the NLB",
            tags,
        );
        if let Some(app_sg) = &app.security_group {
            egress(
                scope,
                "http_to_app",
                &sg.id(),
                80,
                Peer::Group(app_sg.id()),
                "HTTP to the app instances",
                tags,
            );
        } else {
            egress(
                scope,
                "http_to_app",
                &sg.id(),
                80,
                Peer::Cidr(net.vpc.cidr_block().into()),
                "HTTP to the targets in the VPC",
                tags,
            );
        }
        let mut lb = Lb::new()
            .name(name.as_str().to_owned())
            .internal(true)
            .load_balancer_type("application")
            .security_groups(vec![sg.id()])
            .subnets(net.subnet_ids())
            .drop_invalid_header_fields(true)
            .desync_mitigation_mode("strictest")
            .enable_deletion_protection(options.deletion_protection)
            .tags(named(tags, &logical));
        if net.dual_stack {
            lb = lb.ip_address_type("dualstack");
        }
        if let Some(bucket) = &options.access_logs_bucket {
            lb = lb.access_logs(tfsynth_aws::lb::AccessLogs::new(bucket).enabled(true));
        }
        let lb = scope.resource("lb", lb);
        let tg_name = scope.logical_name("targets");
        let app_tg_name = aws_name(&scope.logical_name(""), "tg")?;
        let tg = scope.resource(
            "targets",
            LbTargetGroup::new()
                .name(app_tg_name.as_str().to_owned())
                .port(80)
                .protocol("HTTP")
                .target_type("instance")
                .vpc_id(net.vpc.id())
                .health_check(
                    tfsynth_aws::lb_target_group::HealthCheck::new()
                        .path("/")
                        .protocol("HTTP")
                        .matcher("200-399"),
                )
                .tags(named(tags, &tg_name)),
        );
        for (i, id) in app.target_ids.iter().enumerate() {
            scope.resource(
                &format!("target_{i}"),
                LbTargetGroupAttachment::new(LbTargetGroupAttachmentArgs {
                    target_group_arn: tg.arn().into(),
                    target_id: id.into(),
                })
                .port(80),
            );
        }
        let (cert_arn, private_key) = match &options.certificate {
            Certificate::Acm(arn) => (Expr::from_raw(arn.as_str().into()), None),
            Certificate::SelfSigned(ss) => {
                let (arn, key) = self_signed(scope, &lb, ss, tags)?;
                (arn, Some(key))
            }
        };
        let listener_name = scope.logical_name("https");
        let listener = scope.resource(
            "https",
            LbListener::new(LbListenerArgs {
                default_action: tfsynth_aws::lb_listener::DefaultAction::new("forward")
                    .target_group_arn(tg.arn()),
                load_balancer_arn: lb.arn().into(),
            })
            .port(port)
            .protocol("HTTPS")
            .ssl_policy(&options.tls_policy)
            .certificate_arn(cert_arn)
            .tags(named(tags, &listener_name)),
        );
        Ok(AlbHandles {
            lb,
            security_group: sg,
            listener,
            listener_port: port,
            azs: net.azs.clone(),
            private_key,
            name,
        })
    }
}

fn self_signed(
    scope: &mut impl Declare,
    lb: &Ref<Lb>,
    ss: &SelfSignedOptions,
    tags: &Tags,
) -> Result<(Expr<String>, Ref<PrivateKey>), Error> {
    if ss.validity_hours == 0 || ss.validity_hours > 8760 * 2 {
        return Err(Error::OutOfRange {
            what: "certificate validity hours",
            value: i64::from(ss.validity_hours),
            min: 1,
            max: 8760 * 2,
        });
    }
    if ss.early_renewal_hours >= ss.validity_hours {
        return Err(Error::OutOfRange {
            what: "early renewal hours",
            value: i64::from(ss.early_renewal_hours),
            min: 0,
            max: i64::from(ss.validity_hours) - 1,
        });
    }
    let key = scope.resource(
        "tls_key",
        PrivateKey::new("RSA")
            .rsa_bits(2048)
            .create_before_destroy(true),
    );
    let mut sans: Vec<Expr<String>> = vec![Expr::from_raw(ss.common_name.as_str().into())];
    sans.extend(
        ss.dns_names
            .iter()
            .map(|d| Expr::from_raw(d.as_str().into())),
    );
    sans.push(lb.dns_name());
    let cert = scope.resource(
        "tls_cert",
        SelfSignedCert::new(SelfSignedCertArgs {
            allowed_uses: ["key_encipherment", "digital_signature", "server_auth"].into(),
            private_key_pem: key.private_key_pem().into(),
            validity_period_hours: ss.validity_hours.into(),
        })
        .early_renewal_hours(ss.early_renewal_hours)
        .dns_names(sans)
        .subject(
            tfsynth_tls::self_signed_cert::Subject::new()
                .common_name(ss.common_name.as_str().to_owned())
                .organization(ss.organization.clone()),
        )
        .create_before_destroy(true),
    );
    let acm_name = scope.logical_name("certificate");
    let acm = scope.resource(
        "certificate",
        AcmCertificate::new()
            .private_key(key.private_key_pem())
            .certificate_body(cert.cert_pem())
            .tags(named(tags, &acm_name))
            .create_before_destroy(true),
    );
    Ok((acm.arn(), key))
}

/// The internal NLB in front of the ALB: its own security group (it cannot be added later), a
/// TCP listener, a target group of type `alb` whose port is the ALB listener's, and the
/// attachment that waits for that listener.
#[derive(Debug, Clone, Copy)]
pub struct NlbBridge;

impl NlbBridge {
    /// Adds the NLB; `sg` is its security group.
    ///
    /// # Errors
    /// [`Error::NlbAzNotInAlb`], [`Error::TooFewAzs`], an invalid derived name,
    /// [`Error::DuplicateLbName`] for the ALB's name, [`Error::Duplicate`] for a client block
    /// listed twice, tags AWS refuses.
    pub fn add(
        scope: &mut impl Declare,
        net: &NetworkHandles,
        sg: Ref<SecurityGroup>,
        alb: &AlbHandles,
        options: &NlbOptions,
        tags: &Tags,
    ) -> Result<NlbHandles, Error> {
        check_tags(tags)?;
        check_unique("nlb client_cidrs", &options.client_cidrs)?;
        let azs = options.azs.clone().unwrap_or_else(|| alb.azs.clone());
        crate::check_azs(&azs)?;
        if azs.is_empty() {
            return Err(Error::TooFewAzs {
                what: "network load balancer",
                count: 0,
                min: 1,
            });
        }
        if let Some(az) = azs.iter().find(|a| !alb.azs.contains(a)) {
            return Err(Error::NlbAzNotInAlb { az: az.to_string() });
        }
        let port = alb.listener_port;
        let name = match &options.name {
            Some(n) => n.clone(),
            None => aws_name(&scope.logical_name(""), "")?,
        };
        if name.as_str().eq_ignore_ascii_case(alb.name.as_str()) {
            return Err(Error::DuplicateLbName {
                name: name.to_string(),
            });
        }
        for (i, c) in options.client_cidrs.iter().enumerate() {
            ingress(
                scope,
                &format!("from_client_{i}"),
                &sg.id(),
                port.get(),
                Peer::Cidr(c.to_string().into()),
                "Service port from a consumer network",
                tags,
            );
        }
        egress(
            scope,
            "to_alb",
            &sg.id(),
            port.get(),
            Peer::Group(alb.security_group.id()),
            "HTTPS to the ALB",
            tags,
        );
        let logical = scope.logical_name("lb");
        let mut lb = Lb::new()
            .name(name.as_str().to_owned())
            .internal(true)
            .load_balancer_type("network")
            .security_groups(vec![sg.id()])
            .subnets(net.subnet_ids_in(&azs))
            .enable_cross_zone_load_balancing(true)
            .enable_deletion_protection(options.deletion_protection)
            .enforce_security_group_inbound_rules_on_private_link_traffic(
                if options.client_cidrs.is_empty() {
                    "off"
                } else {
                    "on"
                },
            )
            .tags(named(tags, &logical));
        if net.dual_stack {
            lb = lb.ip_address_type("dualstack");
        }
        let lb = scope.resource("lb", lb);
        let tg_name = scope.logical_name("alb_target");
        let alb_tg_name = aws_name(&scope.logical_name(""), "tg")?;
        let tg = scope.resource(
            "alb_target",
            LbTargetGroup::new()
                .name(alb_tg_name.as_str().to_owned())
                .port(port)
                .protocol("TCP")
                .target_type("alb")
                .vpc_id(net.vpc.id())
                .health_check(
                    tfsynth_aws::lb_target_group::HealthCheck::new()
                        .path("/")
                        .port(port.to_string())
                        .protocol("HTTPS")
                        .matcher("200-399"),
                )
                .tags(named(tags, &tg_name)),
        );
        // The attachment's port is the ALB listener's, and it must wait for that listener:
        // an ALB target without a listener on the port is refused.
        scope.resource(
            "alb_attachment",
            LbTargetGroupAttachment::new(LbTargetGroupAttachmentArgs {
                target_group_arn: tg.arn().into(),
                target_id: alb.lb.arn().into(),
            })
            .port(alb.listener.port())
            .depends_on(&alb.listener),
        );
        let l_name = scope.logical_name("tcp");
        scope.resource(
            "tcp",
            LbListener::new(LbListenerArgs {
                default_action: tfsynth_aws::lb_listener::DefaultAction::new("forward")
                    .target_group_arn(tg.arn()),
                load_balancer_arn: lb.arn().into(),
            })
            .port(port)
            .protocol("TCP")
            .tags(named(tags, &l_name)),
        );
        Ok(NlbHandles {
            lb,
            security_group: sg,
            azs,
            port,
        })
    }
}

/// The load balancers behind an endpoint service: network xor gateway.
#[derive(Debug, Clone, Default)]
pub struct ServiceLoadBalancers {
    /// Network load balancer ARNs.
    pub network: Vec<Expr<String>>,
    /// Gateway load balancer ARNs.
    pub gateway: Vec<Expr<String>>,
}

/// Who may connect, as written: inline or as separate resources (not both).
#[derive(Debug, Clone, Default)]
pub struct ServicePrincipals {
    /// Written to the service's `allowed_principals`.
    pub inline: Vec<Expr<String>>,
    /// One `aws_vpc_endpoint_service_allowed_principal` each.
    pub resources: Vec<Expr<String>>,
}

/// The VPC endpoint service, its principals, notifications and private DNS verification.
#[derive(Debug, Clone, Copy)]
pub struct EndpointService;

impl EndpointService {
    /// Adds the service.
    ///
    /// # Errors
    /// [`Error::LoadBalancerKinds`], [`Error::PrincipalsConflict`], [`Error::NoPrincipals`],
    /// [`Error::WildcardPrincipal`], [`Error::Ipv6WithoutDualStack`], tags AWS refuses.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        scope: &mut impl Declare,
        lbs: &ServiceLoadBalancers,
        principals: &ServicePrincipals,
        options: &EndpointServiceOptions,
        dual_stack: bool,
        azs: &[Az],
        port: Port,
        tags: &Tags,
    ) -> Result<EndpointServiceHandles, Error> {
        check_tags(tags)?;
        if lbs.network.is_empty() == lbs.gateway.is_empty() {
            return Err(Error::LoadBalancerKinds {
                nlb: lbs.network.len(),
                gwlb: lbs.gateway.len(),
            });
        }
        if !principals.inline.is_empty() && !principals.resources.is_empty() {
            return Err(Error::PrincipalsConflict);
        }
        if principals.inline.is_empty() && principals.resources.is_empty() {
            return Err(Error::NoPrincipals);
        }
        if options.allow_any_principal && !options.acceptance_required {
            return Err(Error::WildcardPrincipal);
        }
        if options
            .supported_ip_address_types
            .contains(&IpAddressType::Ipv6)
            && !dual_stack
        {
            return Err(Error::Ipv6WithoutDualStack {
                what: "the endpoint service's supported_ip_address_types",
            });
        }
        if options.supported_ip_address_types.is_empty() {
            return Err(Error::Empty {
                what: "supported_ip_address_types",
            });
        }
        let logical = scope.logical_name("service");
        let mut s = VpcEndpointService::new(options.acceptance_required)
            .supported_ip_address_types(
                options
                    .supported_ip_address_types
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>(),
            )
            .tags(named(tags, &logical));
        s = if lbs.network.is_empty() {
            s.gateway_load_balancer_arns(lbs.gateway.clone())
        } else {
            s.network_load_balancer_arns(lbs.network.clone())
        };
        if !principals.inline.is_empty() {
            s = s.allowed_principals(principals.inline.clone());
        }
        if let Some(dns) = &options.private_dns_name {
            s = s.private_dns_name(dns);
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
        for (i, p) in principals.resources.iter().enumerate() {
            scope.resource(
                &format!("principal_{i}"),
                VpcEndpointServiceAllowedPrincipal::new(VpcEndpointServiceAllowedPrincipalArgs {
                    principal_arn: p.into(),
                    vpc_endpoint_service_id: service.id().into(),
                }),
            );
        }
        if let Some(topic) = &options.notification_topic {
            scope.resource(
                "notification",
                VpcEndpointConnectionNotification::new(VpcEndpointConnectionNotificationArgs {
                    connection_events: ["Connect", "Accept", "Reject", "Delete"].into(),
                    connection_notification_arn: topic.into(),
                })
                .vpc_endpoint_service_id(service.id()),
            );
        }
        let handles = EndpointServiceHandles {
            service,
            azs: azs.to_vec(),
            port,
            private_dns_name: options.private_dns_name.clone(),
        };
        if let (Some(dns), Some(zone)) = (&options.private_dns_name, &options.route53_zone_id) {
            let cfg: Expr<List<tfsynth::Any>> =
                handles.service.private_dns_name_configuration().cast();
            let first = cfg.at(0);
            let record = scope.resource(
                "dns_verification_record",
                Route53Record::new(Route53RecordArgs {
                    name: first.attr::<String>("name").into(),
                    type_: first.attr::<String>("type").into(),
                    zone_id: zone.into(),
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
            let _ = dns;
        }
        Ok(handles)
    }
}

/// The handle of a [`PrivateLinkService`].
#[derive(Debug, Clone)]
pub struct PrivateLinkServiceHandles {
    /// The service VPC.
    pub network: NetworkHandles,
    /// The app tier.
    pub app: AppHandles,
    /// The ALB tier.
    pub alb: AlbHandles,
    /// The NLB bridge.
    pub nlb: NlbHandles,
    /// The endpoint service.
    pub endpoint_service: EndpointServiceHandles,
    /// What is worth knowing about the options that does not stop the build (SSH or NLB
    /// access from `0.0.0.0/0`).
    pub warnings: Vec<Warning>,
}

impl PrivateLinkServiceHandles {
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
    /// The private DNS verification record.
    pub fn private_dns_verification(&self) -> Expr<tfsynth::Any> {
        self.endpoint_service.private_dns_verification()
    }
    /// Adds the outputs a consumer in another account needs: `service_name`,
    /// `service_availability_zone_ids` (or names), `service_port`, `service_private_dns_name`,
    /// and `private_dns_verification` for whoever owns the DNS zone.
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
        let azs: Vec<String> = self.azs().iter().map(|a| a.as_str().to_owned()).collect();
        scope.output(
            "service_availability_zones",
            Output::new(azs).description(
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

/// The whole provider side of PrivateLink, secure by default.
///
/// Adds under `scope`: `network` ([`Network`]), `app` ([`AppTier`]), `alb` ([`AlbTier`]), `nlb`
/// ([`NlbBridge`]) and `endpoint` ([`EndpointService`]).
#[derive(Debug, Clone, Copy)]
pub struct PrivateLinkService;

impl PrivateLinkService {
    /// Adds the service.
    ///
    /// # Errors
    /// Every check of the pieces, plus [`Error::NoPrincipals`] / [`Error::WildcardPrincipal`]
    /// and [`Error::Duplicate`] for a principal listed twice.
    pub fn add(
        scope: &mut impl Declare,
        options: &ServiceOptions,
        tags: &Tags,
    ) -> Result<PrivateLinkServiceHandles, Error> {
        check_tags(tags)?;
        let es = &options.endpoint_service;
        check_unique("allowed_principals", &es.allowed_principals)?;
        let mut warnings = open_to_world("ssh_cidrs", &options.app.ssh_cidrs);
        warnings.extend(open_to_world("nlb client_cidrs", &options.nlb.client_cidrs));
        let mut principal_exprs: Vec<Expr<String>> = es
            .allowed_principals
            .iter()
            .map(|p| Expr::from_raw(p.as_str().into()))
            .collect();
        if es.allow_any_principal {
            if !es.acceptance_required {
                return Err(Error::WildcardPrincipal);
            }
            principal_exprs.push(Expr::from_raw("*".into()));
        }
        let zone_count = options.network.resolved_azs()?.len();
        if zone_count < 2 {
            return Err(Error::TooFewAzs {
                what: "application load balancer",
                count: zone_count,
                min: 2,
            });
        }
        let mut s = scope.scope("network");
        let net = Network::add(&mut s, &options.network, tags)?;
        drop(s);
        if es.allow_current_account {
            let me = scope.data("caller", data::CallerIdentity::new());
            principal_exprs.push(tfsynth::template!(
                "arn:",
                tfsynth::functions::split(":", me.arn()).at(1),
                ":iam::",
                me.account_id(),
                ":root"
            ));
        }
        if principal_exprs.is_empty() {
            return Err(Error::NoPrincipals);
        }
        // Both security groups first: each one's rules reference the other.
        let alb_sg = {
            let mut s = scope.scope("alb");
            let n = s.logical_name("sg");
            s.resource(
                "sg",
                SecurityGroup::new()
                    .name(n.clone())
                    .description("Internal ALB: HTTPS from the NLB only")
                    .vpc_id(net.vpc.id())
                    .tags(named(tags, &n)),
            )
        };
        let nlb_sg = {
            let mut s = scope.scope("nlb");
            let n = s.logical_name("sg");
            s.resource(
                "sg",
                SecurityGroup::new()
                    .name(n.clone())
                    .description("Internal NLB behind the endpoint service")
                    .vpc_id(net.vpc.id())
                    .tags(named(tags, &n)),
            )
        };
        let app = AppTier::add(
            &mut scope.scope("app"),
            &net,
            &alb_sg.id(),
            &options.app,
            tags,
        )?;
        let alb = AlbTier::add(
            &mut scope.scope("alb"),
            &net,
            alb_sg,
            &nlb_sg.id(),
            &app,
            &options.alb,
            tags,
        )?;
        let nlb = NlbBridge::add(
            &mut scope.scope("nlb"),
            &net,
            nlb_sg,
            &alb,
            &options.nlb,
            tags,
        )?;
        let principals = match es.principal_mode {
            PrincipalMode::Inline => ServicePrincipals {
                inline: principal_exprs,
                resources: Vec::new(),
            },
            PrincipalMode::Resources => ServicePrincipals {
                inline: Vec::new(),
                resources: principal_exprs,
            },
        };
        let endpoint_service = EndpointService::add(
            &mut scope.scope("endpoint"),
            &ServiceLoadBalancers {
                network: vec![nlb.lb.arn()],
                gateway: Vec::new(),
            },
            &principals,
            es,
            net.dual_stack,
            &nlb.azs,
            nlb.port,
            tags,
        )?;
        Ok(PrivateLinkServiceHandles {
            network: net,
            app,
            alb,
            nlb,
            endpoint_service,
            warnings,
        })
    }
}

//! The configuration file's side of the constructs: plain data (serde + JSON Schema) that the
//! shipped stacks read, and how each maps onto a construct's props.
//!
//! A configuration names things that exist elsewhere (an ACM certificate ARN, a bucket name, a
//! hosted zone id); props also take handles to things declared in the same stack. Every
//! `*Options` here converts into its props with `into_props`, which refuses the combinations
//! the props' types exclude (a client instance in an existing VPC, a verification zone without
//! a private DNS name, a wildcard principal without acceptance).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::consumer::{
    ConsumerNetwork, EndpointIpAddressType, PrivateLinkConsumerProps, ServiceRef,
};
use crate::network::{NetworkOptions, NetworkProps};
use crate::service::{
    AlbProps, AppProps, EndpointServiceSettings, IpAddressType, ListenerCertificate, NlbProps,
    Principal, PrincipalMode, PrivateDns, PrivateLinkServiceProps, Targets,
};
use crate::{
    Az, BucketName, CertificateArn, Cidr, CommonName, DnsName, Error, ExistingSubnet, HostedZoneId,
    InstanceId, InstanceType, LbName, Port, PrincipalArn, Region, SnsTopicArn, SubnetId, Tags,
    TlsPolicy, VpcId,
};

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
    /// S3 bucket for the NLB's access logs (AWS logs TLS listeners only: this NLB's TCP
    /// listener writes none until a TLS listener is added; the ALB's logs record every
    /// request). Default: none.
    pub access_logs_bucket: Option<BucketName>,
}

impl Default for NlbOptions {
    fn default() -> Self {
        Self {
            name: None,
            azs: None,
            client_cidrs: Vec::new(),
            deletion_protection: true,
            access_logs_bucket: None,
        }
    }
}

/// Options of the endpoint service and who may connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EndpointServiceOptions {
    /// Connection requests must be accepted. Default: true.
    pub acceptance_required: bool,
    /// IAM principals allowed to create endpoints, each listed once. Default: none (give at
    /// least one, or set `allow_current_account`).
    #[serde(deserialize_with = "crate::rules::nulls::allowed_principals")]
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
    /// verification started); needs `private_dns_name`. Default: none (the record is only an
    /// output).
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

impl EndpointServiceOptions {
    /// The endpoint service's settings: the principals in the order listed, then `*`, then
    /// the current account.
    ///
    /// # Errors
    /// [`Error::ZoneWithoutPrivateDnsName`] for a `route53_zone_id` without a
    /// `private_dns_name`.
    pub fn into_settings(self) -> Result<EndpointServiceSettings, Error> {
        let mut principals: Vec<Principal> = self
            .allowed_principals
            .into_iter()
            .map(Principal::Arn)
            .collect();
        if self.allow_any_principal {
            principals.push(Principal::AnyAccount);
        }
        if self.allow_current_account {
            principals.push(Principal::CurrentAccount);
        }
        let private_dns = match (self.private_dns_name, self.route53_zone_id) {
            (Some(name), zone) => Some(PrivateDns {
                name,
                verification_zone: zone.map(Into::into),
            }),
            (None, Some(zone)) => {
                return Err(Error::ZoneWithoutPrivateDnsName {
                    zone: zone.to_string(),
                })
            }
            (None, None) => None,
        };
        Ok(EndpointServiceSettings {
            acceptance_required: self.acceptance_required,
            principals,
            principal_mode: self.principal_mode,
            private_dns,
            notification_topic: self.notification_topic.map(Into::into),
            supported_ip_address_types: self.supported_ip_address_types,
            supported_regions: self.supported_regions,
            principal_list: None,
        })
    }
}

/// Everything [`PrivateLinkService`](crate::PrivateLinkService) builds, as a configuration
/// file holds it.
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

    /// The props of a [`PrivateLinkService`](crate::PrivateLinkService) with `tags` on every
    /// resource.
    ///
    /// # Errors
    /// What [`EndpointServiceOptions::into_settings`] refuses.
    pub fn into_props(self, tags: Tags) -> Result<PrivateLinkServiceProps, Error> {
        Ok(PrivateLinkServiceProps {
            network: NetworkProps::try_from(self.network)?.into(),
            app: AppProps {
                targets: match self.app.targets {
                    AppTargets::Nginx {
                        instance_count,
                        instance_type,
                    } => Targets::Nginx {
                        instance_count,
                        instance_type,
                    },
                    AppTargets::Instances(ids) => {
                        Targets::Instances(ids.into_iter().map(Into::into).collect())
                    }
                },
                ssh_cidrs: self.app.ssh_cidrs,
                key_name: self.app.key_name,
                instance_type_input: None,
                instance_count_input: None,
            },
            alb: AlbProps {
                name: self.alb.name,
                listener_port: self.alb.listener_port,
                tls_policy: self.alb.tls_policy,
                certificate: match self.alb.certificate {
                    Certificate::Acm(arn) => arn.into(),
                    Certificate::SelfSigned(s) => ListenerCertificate::SelfSigned(s),
                },
                deletion_protection: self.alb.deletion_protection.into(),
                access_logs: self.alb.access_logs_bucket.map(Into::into),
            },
            nlb: NlbProps {
                name: self.nlb.name,
                azs: self.nlb.azs,
                client_cidrs: self.nlb.client_cidrs,
                deletion_protection: self.nlb.deletion_protection.into(),
                access_logs: self.nlb.access_logs_bucket.map(Into::into),
            },
            endpoint_service: self.endpoint_service.into_settings()?,
            tags,
        })
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
        /// The zone of each subnet, in the order of `subnet_ids` (ids recommended): checked
        /// against the service's zones when the stack is built. Default: none (checked by AWS
        /// when the endpoint is created).
        #[serde(default)]
        subnet_azs: Vec<Az>,
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

/// Options of a [`PrivateLinkConsumer`](crate::PrivateLinkConsumer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ConsumerOptions {
    /// The VPC. Default: a new `10.1.0.0/16` across the region's default zones (`use1-az1`,
    /// `use1-az2` in us-east-1).
    pub vpc: ConsumerVpc,
    /// CIDRs (besides the client instance's group) allowed to reach the endpoint on the
    /// service port, each listed once. Default: none.
    #[serde(deserialize_with = "crate::rules::nulls::client_cidrs")]
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

    /// The props of a [`PrivateLinkConsumer`](crate::PrivateLinkConsumer) of `service`, with
    /// `tags` on every resource.
    ///
    /// # Errors
    /// [`Error::ClientInstanceInExistingVpc`]; [`Error::SubnetAzCount`] when `subnet_azs` is
    /// given but not one per subnet.
    pub fn into_props(
        self,
        service: ServiceRef,
        tags: Tags,
    ) -> Result<PrivateLinkConsumerProps, Error> {
        let vpc = match self.vpc {
            ConsumerVpc::New(n) => ConsumerNetwork::New {
                network: NetworkProps::try_from(n)?,
                client_instance: self.client_instance.then_some(self.instance_type),
            },
            ConsumerVpc::Existing {
                vpc_id,
                cidr,
                subnet_ids,
                subnet_azs,
            } => {
                if self.client_instance {
                    return Err(Error::ClientInstanceInExistingVpc {
                        vpc_id: vpc_id.to_string(),
                    });
                }
                if !subnet_azs.is_empty() && subnet_azs.len() != subnet_ids.len() {
                    return Err(Error::SubnetAzCount {
                        subnets: subnet_ids.len(),
                        azs: subnet_azs.len(),
                    });
                }
                let mut azs = subnet_azs.into_iter().map(Some);
                ConsumerNetwork::Existing {
                    vpc: crate::VpcSource::Id { id: vpc_id, cidr },
                    subnets: subnet_ids
                        .into_iter()
                        .map(|id| ExistingSubnet {
                            subnet: id.into(),
                            az: azs.next().flatten(),
                        })
                        .collect(),
                }
            }
        };
        Ok(PrivateLinkConsumerProps {
            service,
            vpc,
            client_cidrs: self.client_cidrs,
            client_security_groups: Vec::new(),
            service_region: self.service_region,
            private_dns_enabled: self.private_dns_enabled,
            ip_address_type: if self.dual_stack {
                EndpointIpAddressType::DualStack
            } else {
                EndpointIpAddressType::Ipv4
            },
            tags,
            client_instance_input: None,
        })
    }
}

//! The internal application load balancer: HTTPS only from the NLB's security group, an HTTP
//! target group of the app tier's targets, a listener with a current TLS policy and a
//! certificate (yours, or a self-signed one for demos).

use tfsynth::{Declare, Expr, MetaArgs, Ref};
use tfsynth_aws::{
    AcmCertificate, Lb, LbListener, LbListenerArgs, LbTargetGroup, LbTargetGroupAttachment,
    LbTargetGroupAttachmentArgs, SecurityGroup,
};
use tfsynth_tls::{PrivateKey, SelfSignedCert, SelfSignedCertArgs};

use super::app::AppTier;
use crate::common::{aws_name, check_tags, egress, ingress, named, Peer, Tags};
use crate::network::Placement;
use crate::sources::{BucketSource, CertificateSource};
use crate::{Az, Error, LbName, Port, SelfSignedOptions, TlsPolicy};

/// Where the HTTPS listener's certificate comes from.
#[derive(Debug, Clone)]
pub enum ListenerCertificate {
    /// An ACM certificate (recommended): declared in the same stack (`Ref<AcmCertificate>`,
    /// or `Ref<AcmCertificateValidation>` to wait for its DNS validation) or an ARN.
    Acm(CertificateSource),
    /// A self-signed certificate made by the tls provider and imported into ACM (demos only:
    /// the private key is kept in the Terraform state).
    SelfSigned(SelfSignedOptions),
}

impl Default for ListenerCertificate {
    /// Self-signed with [`SelfSignedOptions::default`].
    fn default() -> Self {
        Self::SelfSigned(SelfSignedOptions::default())
    }
}

impl From<CertificateSource> for ListenerCertificate {
    fn from(c: CertificateSource) -> Self {
        Self::Acm(c)
    }
}

impl From<Ref<AcmCertificate>> for ListenerCertificate {
    fn from(c: Ref<AcmCertificate>) -> Self {
        Self::Acm(c.into())
    }
}

impl From<Ref<tfsynth_aws::AcmCertificateValidation>> for ListenerCertificate {
    fn from(c: Ref<tfsynth_aws::AcmCertificateValidation>) -> Self {
        Self::Acm(c.into())
    }
}

impl From<crate::CertificateArn> for ListenerCertificate {
    fn from(c: crate::CertificateArn) -> Self {
        Self::Acm(c.into())
    }
}

/// Props of the internal application load balancer.
#[derive(Debug, Clone)]
pub struct AlbProps {
    /// Load balancer name.
    /// Default: derived from the scope (`service-alb`).
    pub name: Option<LbName>,
    /// The HTTPS listener's port.
    /// Default: 443.
    pub listener_port: Port,
    /// TLS policy.
    /// Default: `ELBSecurityPolicy-TLS13-1-2-Res-2021-06`.
    pub tls_policy: TlsPolicy,
    /// The certificate.
    /// Default: self-signed (demo); give an ACM certificate in production.
    pub certificate: ListenerCertificate,
    /// Deletion protection.
    /// Default: true (switch off for demos you destroy).
    /// A literal, or an expression (a module's `deletion_protection` variable).
    pub deletion_protection: tfsynth::Value<bool>,
    /// S3 bucket for access logs (a handle or a name; its policy must let the region's load
    /// balancers write).
    /// Default: none (no access logs).
    pub access_logs: Option<BucketSource>,
}

impl Default for AlbProps {
    fn default() -> Self {
        Self {
            name: None,
            listener_port: Port::HTTPS,
            tls_policy: TlsPolicy::default(),
            certificate: ListenerCertificate::default(),
            deletion_protection: true.into(),
            access_logs: None,
        }
    }
}

/// What [`AlbTier::new`] needs from the rest of the service.
#[derive(Debug, Clone)]
pub struct AlbTierProps {
    /// The network. Required.
    pub network: Placement,
    /// The ALB's security group (made first so the app tier and the NLB can reference it).
    /// Required.
    pub security_group: Ref<SecurityGroup>,
    /// The NLB's security group id (the only source allowed on the listener port).
    /// Required.
    pub nlb_security_group: Expr<String>,
    /// The targets. Required.
    pub app: AppTier,
    /// The ALB's own props.
    /// Default: see [`AlbProps`].
    pub alb: AlbProps,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
}

/// The internal ALB.
#[derive(Debug, Clone)]
pub struct AlbTier {
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

impl AlbTier {
    /// Adds the ALB under `scope/id`.
    ///
    /// # Errors
    /// Fewer than two zones; an invalid derived name; certificate validity out of range; tags
    /// AWS refuses.
    pub fn new(scope: &mut impl Declare, id: &str, props: AlbTierProps) -> Result<AlbTier, Error> {
        let scope = &mut scope.scope(id);
        let AlbTierProps {
            network: net,
            security_group: sg,
            nlb_security_group: nlb_sg,
            app,
            alb: options,
            tags,
        } = props;
        let tags = &tags;
        check_tags(tags)?;
        if net.inputs.is_none() && net.azs.len() < 2 {
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
            Peer::Group(nlb_sg),
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
                Peer::Cidr(net.vpc_cidr.clone().into()),
                "HTTP to the targets in the VPC",
                tags,
            );
        }
        let mut lb = Lb::new()
            .name(name.as_str().to_owned())
            .internal(true)
            .load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Application)
            .security_groups(vec![sg.id()])
            .subnets(net.subnet_ids())
            .drop_invalid_header_fields(true)
            .desync_mitigation_mode(tfsynth_aws::elbv2::DesyncMitigationMode::Strictest)
            .enable_deletion_protection(options.deletion_protection.clone())
            .tags(named(tags, &logical));
        if net.dual_stack {
            lb = lb.ip_address_type(tfsynth_aws::elbv2::IpAddressType::Dualstack);
        }
        if let Some(bucket) = &options.access_logs {
            lb = lb.access_logs(tfsynth_aws::lb::AccessLogs::new(bucket.name()).enabled(true));
        }
        let lb = scope.resource("lb", lb);
        let tg_name = scope.logical_name("targets");
        let app_tg_name = aws_name(&scope.logical_name(""), "tg")?;
        let tg = scope.resource(
            "targets",
            LbTargetGroup::new()
                .name(app_tg_name.as_str().to_owned())
                .port(80)
                .protocol(tfsynth_aws::elbv2::enums::Protocol::Http)
                .target_type(tfsynth_aws::elbv2::enums::TargetType::Instance)
                .vpc_id(net.vpc_id.clone())
                .health_check(
                    tfsynth_aws::lb_target_group::HealthCheck::new()
                        .path("/")
                        .protocol(tfsynth_aws::elbv2::HealthCheckProtocol::Http)
                        .matcher("200-399"),
                )
                .tags(named(tags, &tg_name)),
        );
        if let Some(c) = &app.counted_targets {
            use tfsynth::MetaArgs;
            scope.resource(
                "target",
                LbTargetGroupAttachment::new(LbTargetGroupAttachmentArgs {
                    target_group_arn: tg.arn().into(),
                    target_id: tfsynth::functions::element(c.ids.clone(), tfsynth::count_index())
                        .into(),
                })
                .port(80)
                .count(c.count.clone()),
            );
        }
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
            ListenerCertificate::Acm(c) => (c.arn(), None),
            ListenerCertificate::SelfSigned(ss) => {
                let (arn, key) = self_signed(scope, &lb, ss, tags)?;
                (arn, Some(key))
            }
        };
        let listener_name = scope.logical_name("https");
        let listener = scope.resource(
            "https",
            LbListener::new(LbListenerArgs {
                default_action: tfsynth_aws::lb_listener::DefaultAction::new(
                    tfsynth_aws::elbv2::enums::ActionType::Forward,
                )
                .target_group_arn(tg.arn())
                .into(),
                load_balancer_arn: lb.arn().into(),
            })
            .port(port)
            .protocol(tfsynth_aws::elbv2::enums::Protocol::Https)
            .ssl_policy(&options.tls_policy)
            .certificate_arn(cert_arn)
            .tags(named(tags, &listener_name)),
        );
        Ok(AlbTier {
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

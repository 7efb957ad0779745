//! The internal network load balancer in front of the ALB: its own security group (it cannot be
//! added later), a TCP listener, a target group of type `alb` whose port is the ALB listener's,
//! the attachment that waits for that listener, and optional access logs.

use tfsynth::{Declare, MetaArgs, Ref};
use tfsynth_aws::{
    Lb, LbListener, LbListenerArgs, LbTargetGroup, LbTargetGroupAttachment,
    LbTargetGroupAttachmentArgs, SecurityGroup,
};

use super::alb::AlbTier;
use crate::common::{aws_name, check_tags, check_unique, egress, ingress, named, Peer, Tags};
use crate::network::Placement;
use crate::sources::BucketSource;
use crate::{Az, Cidr, Error, LbName, Port};

/// Props of the internal network load balancer.
#[derive(Debug, Clone)]
pub struct NlbProps {
    /// Load balancer name, not the ALB's.
    /// Default: derived from the scope (`service-nlb`).
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
    /// Deletion protection.
    /// Default: true.
    /// A literal, or an expression (a module's `deletion_protection` variable).
    pub deletion_protection: tfsynth::Value<bool>,
    /// S3 bucket for the NLB's access logs, a handle or a name; its policy must let the log
    /// delivery service write. AWS logs only requests to TLS listeners: this NLB's listener is
    /// TCP (TLS ends at the ALB, whose `access_logs` record every request), so the bucket
    /// stays empty until a TLS listener is added.
    /// Default: none (no access logs).
    pub access_logs: Option<BucketSource>,
}

impl Default for NlbProps {
    fn default() -> Self {
        Self {
            name: None,
            azs: None,
            client_cidrs: Vec::new(),
            deletion_protection: true.into(),
            access_logs: None,
        }
    }
}

/// What [`NlbBridge::new`] needs from the rest of the service.
#[derive(Debug, Clone)]
pub struct NlbBridgeProps {
    /// The network. Required.
    pub network: Placement,
    /// The NLB's security group. Required.
    pub security_group: Ref<SecurityGroup>,
    /// The ALB it forwards to. Required.
    pub alb: AlbTier,
    /// The NLB's own props.
    /// Default: see [`NlbProps`].
    pub nlb: NlbProps,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
}

/// The internal NLB in front of the ALB.
#[derive(Debug, Clone)]
pub struct NlbBridge {
    /// The load balancer.
    pub lb: Ref<Lb>,
    /// Its security group.
    pub security_group: Ref<SecurityGroup>,
    /// The zones the NLB serves.
    pub azs: Vec<Az>,
    /// The service port (the NLB listener's and the ALB listener's).
    pub port: Port,
}

impl NlbBridge {
    /// Adds the NLB under `scope/id`.
    ///
    /// # Errors
    /// [`Error::NlbAzNotInAlb`], [`Error::TooFewAzs`], an invalid derived name,
    /// [`Error::DuplicateLbName`] for the ALB's name, [`Error::Duplicate`] for a client block
    /// listed twice, tags AWS refuses.
    pub fn new(
        scope: &mut impl Declare,
        id: &str,
        props: NlbBridgeProps,
    ) -> Result<NlbBridge, Error> {
        let scope = &mut scope.scope(id);
        let NlbBridgeProps {
            network: net,
            security_group: sg,
            alb,
            nlb: options,
            tags,
        } = props;
        let tags = &tags;
        check_tags(tags)?;
        check_unique("nlb client_cidrs", &options.client_cidrs)?;
        if net.inputs.is_some() && options.azs.is_some() {
            return Err(Error::ZonesAreInputs { what: "nlb azs" });
        }
        let azs = options.azs.clone().unwrap_or_else(|| alb.azs.clone());
        crate::check_azs(&azs)?;
        if azs.is_empty() && net.inputs.is_none() {
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
            .load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Network)
            .security_groups(vec![sg.id()])
            .subnets(if net.inputs.is_some() {
                net.subnet_ids()
            } else {
                net.subnet_ids_in(&azs).into()
            })
            .enable_cross_zone_load_balancing(true)
            .enable_deletion_protection(options.deletion_protection.clone())
            .enforce_security_group_inbound_rules_on_private_link_traffic(
                if options.client_cidrs.is_empty() {
                    tfsynth_aws::elbv2::enums::EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic::Off
                } else {
                    tfsynth_aws::elbv2::enums::EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic::On
                },
            )
            .tags(named(tags, &logical));
        if net.dual_stack {
            lb = lb.ip_address_type(tfsynth_aws::elbv2::IpAddressType::Dualstack);
        }
        if let Some(bucket) = &options.access_logs {
            lb = lb.access_logs(tfsynth_aws::lb::AccessLogs::new(bucket.name()).enabled(true));
        }
        let lb = scope.resource("lb", lb);
        let tg_name = scope.logical_name("alb_target");
        let alb_tg_name = aws_name(&scope.logical_name(""), "tg")?;
        let tg = scope.resource(
            "alb_target",
            LbTargetGroup::new()
                .name(alb_tg_name.as_str().to_owned())
                .port(port)
                .protocol(tfsynth_aws::elbv2::enums::Protocol::Tcp)
                .target_type(tfsynth_aws::elbv2::enums::TargetType::Alb)
                .vpc_id(net.vpc_id.clone())
                .health_check(
                    tfsynth_aws::lb_target_group::HealthCheck::new()
                        .path("/")
                        .port(port.to_string())
                        .protocol(tfsynth_aws::elbv2::HealthCheckProtocol::Https)
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
                default_action: tfsynth_aws::lb_listener::DefaultAction::new(
                    tfsynth_aws::elbv2::enums::ActionType::Forward,
                )
                .target_group_arn(tg.arn())
                .into(),
                load_balancer_arn: lb.arn().into(),
            })
            .port(port)
            .protocol(tfsynth_aws::elbv2::enums::Protocol::Tcp)
            .tags(named(tags, &l_name)),
        );
        Ok(NlbBridge {
            lb,
            security_group: sg,
            azs,
            port,
        })
    }
}

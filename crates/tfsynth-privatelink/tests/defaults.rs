//! Every `Default:` line of the props, checked against the value the props actually get, and
//! the configuration types' defaults mapped onto the same props.
#![allow(clippy::unwrap_used)] // tests show the value a default gives

use tfsynth::Expr;
use tfsynth_privatelink::{
    AlbProps, AppProps, ConsumerNetwork, EndpointIpAddressType, EndpointServiceProps,
    EndpointServiceSettings, InstanceType, InterfaceEndpointProps, IpAddressType,
    ListenerCertificate, LoadBalancers, NetworkProps, NlbProps, Port, PrincipalMode,
    PrivateLinkConsumerProps, PrivateLinkServiceProps, SelfSignedOptions, ServiceNetwork,
    ServiceOptions, ServiceRef, Targets, TlsPolicy, VpcSource,
};

fn service_ref() -> ServiceRef {
    ServiceRef::named(
        &"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
            .parse()
            .unwrap(),
        Vec::new(),
        Port::HTTPS,
    )
}

#[test]
fn network_props() {
    let n = NetworkProps::default();
    assert_eq!(n.cidr.to_string(), "10.0.0.0/16");
    assert!(n.azs.is_empty());
    assert_eq!(n.region, None);
    assert_eq!(n.subnet_newbits, 4);
    assert!(!n.dual_stack);
    assert_eq!(n.flow_logs, None);
    assert!(n.private_aws_access);
    assert!(n.tags.is_empty());
}

#[test]
fn app_props() {
    let a = AppProps::default();
    assert!(matches!(
        a.targets,
        Targets::Nginx { instance_count: 2, ref instance_type } if *instance_type == InstanceType::t3_micro()
    ));
    assert!(a.ssh_cidrs.is_empty());
    assert_eq!(a.key_name, None);
}

#[test]
fn alb_props() {
    let a = AlbProps::default();
    assert_eq!(a.name, None);
    assert_eq!(a.listener_port, Port::HTTPS);
    assert_eq!(
        a.tls_policy.as_str(),
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
    );
    assert_eq!(a.tls_policy, TlsPolicy::default());
    assert!(
        matches!(a.certificate, ListenerCertificate::SelfSigned(ref s) if *s == SelfSignedOptions::default())
    );
    assert_eq!(a.deletion_protection, true.into());
    assert!(a.access_logs.is_none());
    let s = SelfSignedOptions::default();
    assert_eq!(s.common_name.as_str(), "service.privatelink.internal");
    assert!(s.dns_names.is_empty());
    assert_eq!(s.organization, "tfsynth PrivateLink demo");
    assert_eq!((s.validity_hours, s.early_renewal_hours), (8760, 720));
}

#[test]
fn nlb_props() {
    let n = NlbProps::default();
    assert_eq!(n.name, None);
    assert_eq!(n.azs, None);
    assert!(n.client_cidrs.is_empty());
    assert_eq!(n.deletion_protection, true.into());
    assert!(n.access_logs.is_none());
}

#[test]
fn endpoint_service_props() {
    let s = EndpointServiceSettings::default();
    assert!(s.acceptance_required);
    assert!(s.principals.is_empty());
    assert_eq!(s.principal_mode, PrincipalMode::Resources);
    assert!(s.private_dns.is_none());
    assert!(s.notification_topic.is_none());
    assert_eq!(s.supported_ip_address_types, [IpAddressType::Ipv4]);
    assert!(s.supported_regions.is_empty());
    let p = EndpointServiceProps::new(LoadBalancers::Network(Vec::new()));
    assert!(p.zones.is_empty());
    assert_eq!(p.port, Port::HTTPS);
    assert!(p.tags.is_empty());
}

#[test]
fn service_props() {
    let p = PrivateLinkServiceProps::default();
    assert!(matches!(&p.network, ServiceNetwork::New(n) if *n == NetworkProps::default()));
    assert!(p.endpoint_service.principals.is_empty());
    assert!(p.tags.is_empty());
}

#[test]
fn interface_endpoint_props() {
    let vpc = VpcSource::Id {
        id: "vpc-0123456789abcdef0".parse().unwrap(),
        cidr: "172.16.0.0/16".parse().unwrap(),
    };
    let p = InterfaceEndpointProps::new(vpc, Vec::new(), Expr::from_raw("x".into()), Port::HTTPS);
    assert!(p.client_security_groups.is_empty());
    assert!(p.client_cidrs.is_empty());
    assert_eq!(p.service_region, None);
    assert_eq!(p.private_dns_enabled, false.into());
    assert_eq!(p.ip_address_type, EndpointIpAddressType::Ipv4);
    assert!(p.tags.is_empty());
}

#[test]
fn consumer_props() {
    let p = PrivateLinkConsumerProps::new(service_ref());
    match &p.vpc {
        ConsumerNetwork::New {
            network,
            client_instance,
        } => {
            assert_eq!(network.cidr.to_string(), "10.1.0.0/16");
            assert_eq!(client_instance, &Some(InstanceType::t3_micro()));
        }
        ConsumerNetwork::Existing { .. } => panic!("the default is a new VPC"),
    }
    assert!(p.client_cidrs.is_empty());
    assert!(p.client_security_groups.is_empty());
    assert_eq!(p.service_region, None);
    assert!(!p.private_dns_enabled);
    assert_eq!(p.ip_address_type, EndpointIpAddressType::Ipv4);
    assert!(p.tags.is_empty());
}

/// The configuration file's defaults are the props' defaults: one documented behaviour.
#[test]
fn config_defaults_map_onto_props_defaults() {
    let p = ServiceOptions::default()
        .into_props(Default::default())
        .unwrap();
    let d = PrivateLinkServiceProps::default();
    match (&p.network, &d.network) {
        (ServiceNetwork::New(p), ServiceNetwork::New(d)) => assert_eq!(p, d),
        _ => panic!("both make a new network"),
    }
    assert!(matches!(
        p.app.targets,
        Targets::Nginx {
            instance_count: 2,
            ..
        }
    ));
    assert_eq!(
        (
            p.alb.name,
            p.alb.listener_port,
            p.alb.tls_policy,
            p.alb.deletion_protection
        ),
        (
            d.alb.name,
            d.alb.listener_port,
            d.alb.tls_policy,
            d.alb.deletion_protection
        )
    );
    assert!(matches!(
        p.alb.certificate,
        ListenerCertificate::SelfSigned(_)
    ));
    assert!(p.alb.access_logs.is_none() && p.nlb.access_logs.is_none());
    assert_eq!(
        (p.nlb.azs, p.nlb.client_cidrs, p.nlb.deletion_protection),
        (d.nlb.azs, d.nlb.client_cidrs, d.nlb.deletion_protection)
    );
    let (e, de) = (p.endpoint_service, d.endpoint_service);
    assert_eq!(e.acceptance_required, de.acceptance_required);
    assert_eq!(e.principals, de.principals);
    assert_eq!(e.principal_mode, de.principal_mode);
    assert_eq!(e.supported_ip_address_types, de.supported_ip_address_types);
    assert!(e.private_dns.is_none() && e.notification_topic.is_none());

    let c = tfsynth_privatelink::ConsumerOptions::default()
        .into_props(service_ref(), Default::default())
        .unwrap();
    let dc = PrivateLinkConsumerProps::new(service_ref());
    match (c.vpc, dc.vpc) {
        (
            ConsumerNetwork::New {
                network: a,
                client_instance: ca,
            },
            ConsumerNetwork::New {
                network: b,
                client_instance: cb,
            },
        ) => {
            assert_eq!(a, b);
            assert_eq!(ca, cb);
        }
        _ => panic!("both defaults are a new VPC"),
    }
    assert_eq!(c.ip_address_type, dc.ip_address_type);
    assert_eq!(c.private_dns_enabled, dc.private_dns_enabled);
}

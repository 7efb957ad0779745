//! A stack that declares every committed aws and tls type at least once, snapshotted as
//! `stack-aws-all-types` (checked by real Terraform through `scripts/tf-validate-snapshots`).

use tfsynth::prelude::*;
use tfsynth_aws::{
    data, default_security_group, instance, lb_listener, lb_target_group, route53_record,
    route_table, security_group, vpc_endpoint, AcmCertificate, AwsProvider, CloudwatchLogGroup,
    DefaultSecurityGroup, FlowLog, IamInstanceProfile, IamRole, IamRolePolicyAttachment, Instance,
    InternetGateway, Lb, LbListener, LbTargetGroup, LbTargetGroupAttachment, Route, Route53Record,
    Route53Zone, RouteTable, RouteTableAssociation, S3Bucket, SecurityGroup, Subnet, Vpc,
    VpcEndpoint, VpcEndpointConnectionAccepter, VpcEndpointConnectionNotification,
    VpcEndpointService, VpcEndpointServiceAllowedPrincipal,
    VpcEndpointServicePrivateDnsVerification, VpcSecurityGroupEgressRule,
    VpcSecurityGroupIngressRule,
};
use tfsynth_tls::{
    cert_request, data as tls_data, self_signed_cert, CertRequest, LocallySignedCert,
    LocallySignedCertArgs, PrivateKey, SelfSignedCert, TlsProvider,
};

fn all_types_stack() -> Stack {
    let mut stack = Stack::new();
    stack.provider(
        AwsProvider::new()
            .region("eu-west-1")
            .default_tags(tfsynth_aws::provider::DefaultTags::new().tags([("Project", "tfsynth")])),
    );
    let east = stack.provider(AwsProvider::new().alias("east").region("us-east-1"));
    stack.provider(TlsProvider::new());

    let mut net = stack.scope("network");
    let zones = net.data("zones", data::AvailabilityZones::new().state("available"));
    let region = net.data("region", data::Region::new());
    let me = net.data("me", data::CallerIdentity::new());
    let offerings = net.data(
        "offerings",
        data::Ec2InstanceTypeOfferings::new()
            .location_type("availability-zone")
            .add_filter(data::ec2_instance_type_offerings::Filter::new(
                "instance-type",
                ["t3.micro"],
            )),
    );
    let ami = net.data(
        "ami",
        data::Ami::new()
            .most_recent(true)
            .owners(["amazon"])
            .add_filter(data::ami::Filter::new("name", ["al2023-ami-*-x86_64"])),
    );
    let vpc = net.resource(
        "vpc",
        Vpc::new()
            .cidr_block("10.0.0.0/16")
            .enable_dns_hostnames(true)
            .enable_dns_support(true)
            .tags([("Name", "main")]),
    );
    let subnets = net.resource(
        "subnet",
        Subnet::new(vpc.id())
            .count(2)
            .cidr_block(functions::cidrsubnet(vpc.cidr_block(), 8, count_index()))
            .availability_zone(functions::element(zones.names(), count_index())),
    );
    let igw = net.resource("igw", InternetGateway::new().vpc_id(vpc.id()));
    let rt = net.resource(
        "public",
        RouteTable::new(vpc.id()).add_route(
            route_table::Route::new()
                .cidr_block("0.0.0.0/0")
                .gateway_id(igw.id()),
        ),
    );
    let private_rt = net.resource("private", RouteTable::new(vpc.id()));
    net.resource(
        "default_route",
        Route::new(private_rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw.id()),
    );
    net.resource(
        "public_assoc",
        RouteTableAssociation::new(rt.id())
            .subnet_id(subnets.at(0).id())
            .create_before_destroy(true),
    );
    net.resource(
        "default_sg",
        DefaultSecurityGroup::new().vpc_id(vpc.id()).add_egress(
            default_security_group::Egress::new()
                .protocol("-1")
                .from_port(0)
                .to_port(0)
                .cidr_blocks(["0.0.0.0/0"]),
        ),
    );
    let sg = net.resource(
        "web",
        SecurityGroup::new()
            .name("web")
            .description("HTTPS from the VPC; ${not} an expression")
            .vpc_id(vpc.id())
            .add_ingress(
                security_group::Ingress::new()
                    .protocol("tcp")
                    .from_port(443)
                    .to_port(443_u16)
                    .cidr_blocks(vec![vpc.cidr_block()]),
            )
            .ignore_changes(|s| s.tags()),
    );
    net.resource(
        "https_in",
        VpcSecurityGroupIngressRule::new("tcp", sg.id())
            .cidr_ipv4("10.0.0.0/16")
            .from_port(443)
            .to_port(443),
    );
    net.resource(
        "all_out",
        VpcSecurityGroupEgressRule::new("-1", sg.id()).cidr_ipv4("0.0.0.0/0"),
    );

    let logs = net.resource(
        "flow_logs",
        CloudwatchLogGroup::new()
            .name("/vpc/flow-logs")
            .retention_in_days(365),
    );
    let trust = net.data(
        "trust",
        data::IamPolicyDocument::new().add_statement(
            data::iam_policy_document::Statement::new()
                .actions(["sts:AssumeRole"])
                .add_principals(data::iam_policy_document::Principals::new(
                    ["vpc-flow-logs.amazonaws.com", "ec2.amazonaws.com"],
                    "Service",
                ))
                .add_condition(data::iam_policy_document::Condition::new(
                    "StringEquals",
                    vec![me.account_id()],
                    "aws:SourceAccount",
                )),
        ),
    );
    let role = net.resource("flow_logs", IamRole::new(trust.json()).name("flow-logs"));
    net.resource(
        "ssm",
        IamRolePolicyAttachment::new(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            role.name(),
        ),
    );
    let profile = net.resource("web", IamInstanceProfile::new().role(role.name()));
    net.resource(
        "vpc",
        FlowLog::new()
            .vpc_id(vpc.id())
            .traffic_type("ALL")
            .log_destination(logs.arn())
            .iam_role_arn(role.arn()),
    );
    let bucket = net.resource(
        "logs",
        S3Bucket::new()
            .bucket_prefix("flow-logs-")
            .force_destroy(false)
            .prevent_destroy(true),
    );

    let web = net.resource(
        "web",
        Instance::new()
            .ami(ami.id())
            .instance_type("t3.micro")
            .subnet_id(subnets.at(0).id())
            .vpc_security_group_ids([sg.id()])
            .iam_instance_profile(profile.name())
            .metadata_options(instance::MetadataOptions::new().http_tokens("required"))
            .root_block_device(
                instance::RootBlockDevice::new()
                    .encrypted(true)
                    .volume_size(20),
            )
            .depends_on(&bucket),
    );

    let mut svc = stack.scope("service");
    let nlb = svc.resource(
        "nlb",
        Lb::new()
            .name("svc")
            .internal(true)
            .load_balancer_type("network")
            .subnets(subnets.splat(|s| s.id())),
    );
    let tg = svc.resource(
        "tg",
        LbTargetGroup::new()
            .port(443)
            .protocol("TCP")
            .vpc_id(vpc.id())
            .health_check(
                lb_target_group::HealthCheck::new()
                    .protocol("TCP")
                    .healthy_threshold(3)
                    .interval(10),
            ),
    );
    svc.resource(
        "web",
        LbTargetGroupAttachment::new(tg.arn(), web.id()).port(443),
    );
    let cert = svc.resource(
        "cert",
        AcmCertificate::new()
            .domain_name("svc.example.com")
            .validation_method("DNS")
            .provider(&east),
    );
    let listener = svc.resource(
        "tls",
        LbListener::new(
            lb_listener::DefaultAction::new("forward").target_group_arn(tg.arn()),
            nlb.arn(),
        )
        .port(443)
        .protocol("TLS")
        .certificate_arn(cert.arn()),
    );
    let endpoint_service = svc.resource(
        "endpoint_service",
        VpcEndpointService::new(true)
            .network_load_balancer_arns([nlb.arn()])
            .private_dns_name("svc.example.com"),
    );
    svc.resource(
        "consumer_account",
        VpcEndpointServiceAllowedPrincipal::new(
            template!("arn:aws:iam::", me.account_id(), ":root"),
            endpoint_service.id(),
        ),
    );
    svc.resource(
        "dns_verification",
        VpcEndpointServicePrivateDnsVerification::new(endpoint_service.id())
            .wait_for_verification(false),
    );
    svc.resource(
        "notify",
        VpcEndpointConnectionNotification::new(
            ["Accept", "Reject"],
            "arn:aws:sns:eu-west-1:123456789012:endpoint-events",
        )
        .vpc_endpoint_service_id(endpoint_service.id()),
    );

    let mut consumer = stack.scope("consumer");
    let endpoint = consumer.resource(
        "endpoint",
        VpcEndpoint::new(vpc.id())
            .service_name(endpoint_service.service_name())
            .vpc_endpoint_type("Interface")
            .subnet_ids(subnets.splat(|s| s.id()))
            .security_group_ids([sg.id()])
            .private_dns_enabled(false)
            .dns_options(vpc_endpoint::DnsOptions::new().dns_record_ip_type("ipv4"))
            .dynamic_subnet_configuration(subnets.splat(|s| s.id()), |each| {
                vpc_endpoint::SubnetConfiguration::new().subnet_id(each.cast::<String>())
            }),
    );
    consumer.resource(
        "accept",
        VpcEndpointConnectionAccepter::new(endpoint.id(), endpoint_service.id()),
    );
    let zone = consumer.resource(
        "zone",
        Route53Zone::new("svc.example.com")
            .add_vpc(tfsynth_aws::route53_zone::Vpc::new(vpc.id()).vpc_region(region.region())),
    );
    consumer.resource(
        "svc",
        Route53Record::new("svc.example.com", "A", zone.zone_id()).alias(
            route53_record::Alias::new(
                false,
                endpoint.dns_entry().at(0).fields().dns_name(),
                endpoint.dns_entry().at(0).fields().hosted_zone_id(),
            ),
        ),
    );

    let mut pki = stack.scope("pki");
    let ca_key = pki.resource("ca", PrivateKey::new("ECDSA").ecdsa_curve("P384"));
    let ca = pki.resource(
        "ca",
        SelfSignedCert::new(
            ["cert_signing", "crl_signing"],
            ca_key.private_key_pem(),
            87_600,
        )
        .is_ca_certificate(true)
        .subject(self_signed_cert::Subject::new().common_name("tfsynth CA")),
    );
    let leaf_key = pki.resource("leaf", PrivateKey::new("RSA").rsa_bits(2048));
    let csr = pki.resource(
        "leaf",
        CertRequest::new(leaf_key.private_key_pem())
            .dns_names(["svc.example.com"])
            .subject(cert_request::Subject::new().common_name("svc.example.com")),
    );
    let leaf = pki.resource(
        "leaf",
        LocallySignedCert::new(LocallySignedCertArgs {
            allowed_uses: ["server_auth", "key_encipherment"].into(),
            ca_cert_pem: ca.cert_pem().into(),
            ca_private_key_pem: ca_key.private_key_pem().into(),
            cert_request_pem: csr.cert_request_pem().into(),
            validity_period_hours: 720.into(),
        }),
    );
    let pub_key = pki.data(
        "leaf",
        tls_data::PublicKey::new().private_key_pem(leaf_key.private_key_pem()),
    );
    let remote = pki.data(
        "remote",
        tls_data::Certificate::new().content(leaf.cert_pem()),
    );

    stack.output("vpc_id", Output::new(vpc.id()));
    stack.output("region", Output::new(region.region()));
    stack.output("listener_port", Output::new(listener.port()));
    stack.output("instance_types", Output::new(offerings.instance_types()));
    stack.output(
        "endpoint_dns",
        Output::new(endpoint.dns_entry().splat(|e| e.fields().dns_name())),
    );
    stack.output("leaf_public_key", Output::new(pub_key.public_key_openssh()));
    stack.output(
        "remote_sha1",
        Output::new(remote.certificates().at(0).fields().sha1_fingerprint()),
    );
    // Generated wrappers of Terraform's built-in functions.
    stack.output(
        "functions",
        Output::new(functions::all::format(
            "%s %s %s",
            [
                functions::all::upper(region.region()),
                functions::all::try_([endpoint.dns_entry().at(0).fields().dns_name(), vpc.id()])
                    .cast(),
                functions::all::core::lower(
                    functions::all::lookup(vpc.tags_all(), "Name", ["none"]).cast(),
                ),
            ],
        )),
    );
    stack
}

#[test]
fn every_committed_type_synthesizes() {
    let json = all_types_stack()
        .synth()
        .expect("the all-types stack is valid");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("stack-aws-all-types", json));
}

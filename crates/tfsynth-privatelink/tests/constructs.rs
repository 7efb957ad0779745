//! Defaults and validation errors of the constructs and stacks.
#![allow(clippy::unwrap_used)] // tests show the error a bad input gives

use serde_json::Value as Json;
use tfsynth::Stack;
use tfsynth_privatelink::stacks::{
    add_demo, Demo, DemoConfig, Service, ServiceConfig, ShippedStack,
};
use tfsynth_privatelink::{Az, Cidr, ConsumerVpc, Error, PrincipalArn};

fn demo_json(config: &DemoConfig) -> Json {
    let built = Demo::build(config).expect("builds");
    serde_json::from_str(&built.stack.synth().expect("synth")).expect("json")
}

fn res<'a>(doc: &'a Json, ty: &str, name: &str) -> &'a Json {
    &doc["resource"][ty][name]
}

fn err(config: &DemoConfig) -> Error {
    Demo::build(config).expect_err("must be refused")
}

fn azs(list: &[&str]) -> Vec<Az> {
    list.iter().filter_map(|s| s.parse().ok()).collect()
}

#[test]
fn demo_contains_every_resource_type_of_the_post() {
    let doc = demo_json(&DemoConfig::default());
    let post = [
        "aws_vpc",
        "aws_subnet",
        "aws_route_table",
        "aws_route_table_association",
        "aws_security_group",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_instance",
        "aws_lb",
        "aws_lb_target_group",
        "aws_lb_target_group_attachment",
        "tls_private_key",
        "tls_self_signed_cert",
        "aws_acm_certificate",
        "aws_lb_listener",
        "aws_vpc_endpoint_service",
        "aws_vpc_endpoint_service_allowed_principal",
        "aws_vpc_endpoint",
    ];
    for ty in post {
        assert!(doc["resource"][ty].is_object(), "demo lacks {ty}");
    }
    for ty in ["aws_ami", "aws_caller_identity", "aws_availability_zones"] {
        assert!(doc["data"][ty].is_object(), "demo lacks data.{ty}");
    }
    // Replaced on purpose (see the README): no internet path at all.
    assert!(doc["resource"]["aws_internet_gateway"].is_null());
}

#[test]
fn service_defaults_are_the_secure_choices() {
    let doc = demo_json(&DemoConfig::default());
    let es = res(&doc, "aws_vpc_endpoint_service", "service_endpoint_service");
    assert_eq!(es["acceptance_required"], true);
    assert_eq!(
        es["supported_ip_address_types"],
        serde_json::json!(["ipv4"])
    );
    let https = res(&doc, "aws_lb_listener", "service_alb_https");
    assert_eq!(
        https["ssl_policy"],
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
    );
    assert_eq!(https["protocol"], "HTTPS");
    assert_eq!(https["port"], 443);
    let alb = res(&doc, "aws_lb", "service_alb_lb");
    assert_eq!(alb["internal"], true);
    assert_eq!(alb["drop_invalid_header_fields"], true);
    assert_eq!(alb["desync_mitigation_mode"], "strictest");
    let nlb = res(&doc, "aws_lb", "service_nlb_lb");
    assert_eq!(
        nlb["security_groups"],
        serde_json::json!(["${aws_security_group.service_nlb_sg.id}"])
    );
    let att = res(
        &doc,
        "aws_lb_target_group_attachment",
        "service_nlb_alb_attachment",
    );
    assert_eq!(att["port"], "${aws_lb_listener.service_alb_https.port}");
    assert_eq!(
        att["depends_on"],
        serde_json::json!(["aws_lb_listener.service_alb_https"])
    );
    let tg = res(&doc, "aws_lb_target_group", "service_nlb_alb_target");
    assert_eq!(tg["target_type"], "alb");
    assert_eq!(tg["port"], 443);
    let inst = res(&doc, "aws_instance", "service_app_instance_0");
    assert_eq!(inst["metadata_options"]["http_tokens"], "required");
    assert_eq!(inst["root_block_device"]["encrypted"], true);
    assert_eq!(inst["monitoring"], true);
    assert_eq!(inst["associate_public_ip_address"], false);
    assert!(inst["user_data"]
        .as_str()
        .is_some_and(|u| u.contains("nginx")));
    assert!(inst.get("key_name").is_none());
    let http = res(
        &doc,
        "aws_vpc_security_group_ingress_rule",
        "service_app_http_from_alb",
    );
    assert_eq!(
        http["referenced_security_group_id"],
        "${aws_security_group.service_alb_sg.id}"
    );
    assert_eq!(http["from_port"], 80);
    let from_nlb = res(
        &doc,
        "aws_vpc_security_group_ingress_rule",
        "service_alb_https_from_nlb",
    );
    assert_eq!(
        from_nlb["referenced_security_group_id"],
        "${aws_security_group.service_nlb_sg.id}"
    );
    // No rule anywhere opens anything to the world, and there is no SSH.
    let text = doc.to_string();
    assert!(!text.contains("0.0.0.0/0"));
    for (_, rule) in doc["resource"]["aws_vpc_security_group_ingress_rule"]
        .as_object()
        .into_iter()
        .flatten()
    {
        assert_ne!(rule["from_port"], 22);
        assert!(rule["description"].is_string());
    }
    for (_, sg) in doc["resource"]["aws_security_group"]
        .as_object()
        .into_iter()
        .flatten()
    {
        assert!(sg["description"].is_string());
    }
    // Default security groups closed (no rules), one per VPC.
    let dsg = doc["resource"]["aws_default_security_group"]
        .as_object()
        .map(|m| m.len());
    assert_eq!(dsg, Some(2));
    assert!(res(
        &doc,
        "aws_default_security_group",
        "service_network_default_sg"
    )["ingress"]
        .is_null());
    // Self-signed: a year, early renewal, create_before_destroy, sensitive key output.
    let cert = res(&doc, "tls_self_signed_cert", "service_alb_tls_cert");
    assert_eq!(cert["validity_period_hours"], 8760);
    assert_eq!(cert["early_renewal_hours"], 720);
    assert_eq!(cert["lifecycle"]["create_before_destroy"], true);
    assert_eq!(doc["output"]["demo_tls_private_key"]["sensitive"], true);
    // Explicit zones, by id.
    assert_eq!(
        res(&doc, "aws_subnet", "service_network_subnet_use1_az1")["availability_zone_id"],
        "use1-az1"
    );
    // Consumer subnets from the consumer's own block.
    assert_eq!(
        res(&doc, "aws_subnet", "consumer_network_subnet_use1_az1")["cidr_block"],
        "10.1.0.0/20"
    );
    // Same-account accepter, and default tags on the provider.
    assert!(res(&doc, "aws_vpc_endpoint_connection_accepter", "accept").is_object());
    assert_eq!(
        doc["provider"]["aws"]["default_tags"]["tags"]["ManagedBy"],
        "tfsynth"
    );
    assert!(
        doc["resource"]["aws_flow_log"].is_null(),
        "no flow log without a destination"
    );
}

#[test]
fn deletion_protection_is_on_outside_the_demo() {
    let built = Service::build(&ServiceConfig::default()).expect("builds");
    let doc: Json = serde_json::from_str(&built.stack.synth().expect("synth")).expect("json");
    assert_eq!(
        res(&doc, "aws_lb", "service_alb_lb")["enable_deletion_protection"],
        true
    );
    assert_eq!(
        res(&doc, "aws_lb", "service_nlb_lb")["enable_deletion_protection"],
        true
    );
    for o in ["service_name", "service_availability_zones", "service_port"] {
        assert!(doc["output"][o].is_object(), "missing output {o}");
    }
}

#[test]
fn flow_log_when_a_destination_is_given() {
    let mut c = DemoConfig::default();
    c.service.network.flow_log_destination = "arn:aws:s3:::flow-logs".parse().ok();
    let doc = demo_json(&c);
    let fl = res(&doc, "aws_flow_log", "service_network_flow_log");
    assert_eq!(fl["log_destination_type"], "s3");
    assert_eq!(fl["traffic_type"], "ALL");
}

#[test]
fn overlapping_vpcs_warn() {
    let mut c = DemoConfig::default();
    if let ConsumerVpc::New(n) = &mut c.consumer.vpc {
        n.cidr = "10.0.0.0/16".parse::<Cidr>().expect("cidr");
    }
    let built = Demo::build(&c).expect("overlap is only a warning");
    insta::assert_snapshot!(built.warnings.join("\n"), @r#"service vpc "10.0.0.0/16" and consumer vpc "10.0.0.0/16" overlap; privatelink works, but peering or a transit gateway between them later would not: pick disjoint blocks"#);
}

#[test]
fn validation_errors() {
    let mut c = DemoConfig::default();
    c.service.network.azs = azs(&["use1-az1"]);
    insta::assert_snapshot!(err(&c), @"application load balancer needs at least 2 availability zones, got 1; list 2 or more");

    let mut c = DemoConfig::default();
    c.service.nlb.azs = Some(azs(&["use1-az4"]));
    insta::assert_snapshot!(err(&c), @r#"network load balancer zone "use1-az4" is not served by the application load balancer; use a subset of the alb's zones"#);

    let mut c = DemoConfig::default();
    c.service.nlb.azs = Some(azs(&["use1-az1"]));
    insta::assert_snapshot!(err(&c), @r#"consumer subnet zone "use1-az2" is not served by the endpoint service (it serves use1-az1); place the endpoint's subnets in those zones"#);

    let mut c = DemoConfig::default();
    c.service.endpoint_service.allow_current_account = false;
    insta::assert_snapshot!(err(&c), @"no allowed principals: nobody could connect to the endpoint service; list at least one iam principal arn");

    let mut c = DemoConfig::default();
    c.service.endpoint_service.allow_any_principal = true;
    c.service.endpoint_service.acceptance_required = false;
    insta::assert_snapshot!(err(&c), @r#"principal "*" lets every aws account request a connection; list account arns, or set allow_any_principal = true (acceptance stays required)"#);

    let mut c = DemoConfig::default();
    c.service
        .endpoint_service
        .supported_ip_address_types
        .push(tfsynth_privatelink::IpAddressType::Ipv6);
    insta::assert_snapshot!(err(&c), @"the endpoint service's supported_ip_address_types asks for ipv6 but the network is ipv4 only; set dual_stack = true on the network or use ipv4");

    let mut c = DemoConfig::default();
    c.service.network.subnet_newbits = 13;
    insta::assert_snapshot!(err(&c), @r#"2 subnets of 13 new bits do not fit in "10.0.0.0/16"; use a larger vpc block or fewer/more newbits (prefix + newbits must be at most 28)"#);

    let mut c = DemoConfig::default();
    c.service.app.targets = tfsynth_privatelink::AppTargets::Nginx {
        instance_count: 0,
        instance_type: tfsynth_privatelink::InstanceType::t3_micro(),
    };
    insta::assert_snapshot!(err(&c), @"the application tier has no targets; set instance_count to 1 or more, or give target ids");

    let mut c = DemoConfig::default();
    c.service.network.azs = azs(&["use1-az1", "use1-az1"]);
    insta::assert_snapshot!(err(&c), @r#"availability zone "use1-az1" is listed twice; list each zone once"#);
}

#[test]
fn endpoint_service_refuses_what_types_cannot_exclude() {
    use tfsynth::Expr;
    use tfsynth_privatelink::{
        EndpointService, EndpointServiceProps, EndpointServiceSettings, LoadBalancers, Principal,
    };
    let mut stack = Stack::new();
    let arn = || Expr::<String>::from_raw("arn:aws:elasticloadbalancing:x".into());
    let principal: Principal = "arn:aws:iam::111122223333:root"
        .parse::<PrincipalArn>()
        .unwrap()
        .into();
    let settings = EndpointServiceSettings {
        principals: vec![principal.clone()],
        ..Default::default()
    };
    let none = EndpointServiceProps {
        settings: settings.clone(),
        ..EndpointServiceProps::new(LoadBalancers::Gateway(Vec::new()))
    };
    let e = EndpointService::new(&mut stack, "x", none).unwrap_err();
    insta::assert_snapshot!(e, @"an endpoint service needs load balancers, got 0 network and 0 gateway load balancers; give one or more of one kind (LoadBalancers::Network or LoadBalancers::Gateway)");
    let twice = EndpointServiceProps {
        settings: EndpointServiceSettings {
            principals: vec![principal.clone(), principal],
            ..Default::default()
        },
        ..EndpointServiceProps::new(LoadBalancers::Network(vec![arn()]))
    };
    let e = EndpointService::new(&mut stack, "y", twice).unwrap_err();
    insta::assert_snapshot!(e, @r#"allowed_principals lists "arn:aws:iam::111122223333:root" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);
    let any = EndpointServiceProps {
        settings: EndpointServiceSettings {
            principals: vec![Principal::AnyAccount],
            acceptance_required: false,
            ..Default::default()
        },
        ..EndpointServiceProps::new(LoadBalancers::Network(vec![arn()]))
    };
    assert_eq!(
        EndpointService::new(&mut stack, "z", any).unwrap_err(),
        Error::WildcardPrincipal
    );
    let nobody = EndpointServiceProps::new(LoadBalancers::Network(vec![arn()]));
    assert_eq!(
        EndpointService::new(&mut stack, "w", nobody).unwrap_err(),
        Error::NoPrincipals
    );
}

#[test]
fn two_demos_fit_in_one_stack() {
    use tfsynth::Declare;
    let mut stack = Stack::new();
    for i in 0..2 {
        add_demo(
            &mut stack.scope(&format!("demo{i}")),
            &DemoConfig::default(),
        )
        .expect("builds");
    }
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    stack.require_provider("tls", "hashicorp/tls", "~> 4.0");
    assert!(stack.synth().is_ok());
}

#[test]
fn configs_reject_unknown_fields_and_bad_values() {
    let e = serde_json::from_str::<DemoConfig>(r#"{"sevice": {}}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `sevice`"), "{e}");
    let e = serde_json::from_str::<DemoConfig>(
        r#"{"service": {"alb": {"tls_policy": "ELBSecurityPolicy-2016-08"}}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("allows tls 1.0/1.1"), "{e}");
    let c: DemoConfig = serde_json::from_str("{}").expect("all defaults");
    assert_eq!(c, DemoConfig::default());
    let p: PrincipalArn = "arn:aws:iam::111122223333:root".parse().expect("arn");
    let mut s = ServiceConfig::default();
    assert_eq!(s.service.endpoint_service.allowed_principals, vec![p]);
    s.service.endpoint_service.allowed_principals.clear();
    insta::assert_snapshot!(Service::build(&s).unwrap_err(), @"no allowed principals: nobody could connect to the endpoint service; list at least one iam principal arn");
    let schema = schemars::schema_for!(DemoConfig);
    assert!(serde_json::to_string(&schema).is_ok_and(|s| s.contains("additionalProperties")));
}

/// ARNs come from the partition (aws-cn here), never from a literal `arn:aws:`.
#[test]
fn arns_follow_the_partition() {
    let mut c = ServiceConfig::default();
    c.common.region = tfsynth_privatelink::Region::new("cn-north-1").unwrap();
    c.service.endpoint_service.allowed_principals =
        vec![PrincipalArn::account_root(&c.common.region, "111122223333").unwrap()];
    c.service.endpoint_service.allow_current_account = true;
    let json = Service::build(&c).unwrap().stack.synth().unwrap();
    assert!(!json.contains("arn:aws:"), "a literal aws-partition arn");
    let doc: Json = serde_json::from_str(&json).unwrap();
    assert_eq!(
        res(&doc, "aws_iam_role_policy_attachment", "service_app_ssm_core")["policy_arn"],
        "arn:${data.aws_partition.service_app_partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
    );
    assert_eq!(
        res(
            &doc,
            "aws_vpc_endpoint_service_allowed_principal",
            "service_endpoint_principal_0"
        )["principal_arn"],
        "arn:aws-cn:iam::111122223333:root"
    );
    assert_eq!(
        res(&doc, "aws_vpc_endpoint_service_allowed_principal", "service_endpoint_principal_1")
            ["principal_arn"],
        "arn:${split(\":\", data.aws_caller_identity.service_endpoint_caller.arn)[1]}:iam::${data.aws_caller_identity.service_endpoint_caller.account_id}:root"
    );
}

#[test]
fn nlb_access_logs_go_to_the_bucket() {
    let mut c = ServiceConfig::default();
    c.service.nlb.access_logs_bucket = "nlb-logs".parse().ok();
    let doc: Json =
        serde_json::from_str(&Service::build(&c).unwrap().stack.synth().unwrap()).unwrap();
    assert_eq!(
        res(&doc, "aws_lb", "service_nlb_lb")["access_logs"],
        serde_json::json!({"bucket": "nlb-logs", "enabled": true})
    );
    assert!(res(&doc, "aws_lb", "service_alb_lb")
        .get("access_logs")
        .is_none());
}

#[test]
fn instance_count_as_an_expression_counts_instances_and_attachments() {
    use tfsynth::{Declare, Number, Variable};
    use tfsynth_privatelink::{
        AlbProps, AppProps, EndpointServiceSettings, NetworkProps, PrivateLinkService,
        PrivateLinkServiceProps, Region,
    };
    let region = Region::new("us-east-1").unwrap();
    let mut stack = Stack::new();
    let n = stack.variable("n", Variable::<Number>::new().default_value(3));
    let service = PrivateLinkService::new(
        &mut stack,
        "service",
        PrivateLinkServiceProps {
            network: NetworkProps::default().in_region(&region).into(),
            app: AppProps {
                instance_count_input: Some(n),
                ..Default::default()
            },
            alb: AlbProps::default(),
            endpoint_service: EndpointServiceSettings {
                principals: vec![PrincipalArn::new("arn:aws:iam::111122223333:root")
                    .unwrap()
                    .into()],
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    assert!(service.app.target_ids.is_empty());
    let doc: Json = serde_json::from_str(&stack.synth().unwrap()).unwrap();
    let instances = doc["resource"]["aws_instance"].as_object().unwrap();
    assert_eq!(
        instances.keys().collect::<Vec<_>>(),
        ["service_app_instance"]
    );
    let inst = &instances["service_app_instance"];
    assert_eq!(inst["count"], "${var.n}");
    assert_eq!(
        inst["subnet_id"],
        "${element([aws_subnet.service_network_subnet_use1_az1.id, aws_subnet.service_network_subnet_use1_az2.id], count.index)}"
    );
    assert_eq!(inst["tags"]["Name"], "service_app_instance_${count.index}");
    let attachments = doc["resource"]["aws_lb_target_group_attachment"]
        .as_object()
        .unwrap();
    let target = &attachments["service_alb_target"];
    assert_eq!(target["count"], "${var.n}");
    assert_eq!(
        target["target_id"],
        "${element(aws_instance.service_app_instance[*].id, count.index)}"
    );
    assert!(!attachments.contains_key("service_alb_target_0"));
}

#[test]
fn service_in_existing_vpc_needs_two_subnets_with_zones() {
    use tfsynth_privatelink::{
        ExistingSubnet, InstanceId, PrivateLinkService, PrivateLinkServiceProps, ServiceNetwork,
        SubnetId, Targets, VpcId, VpcSource,
    };
    let build = |subnets: Vec<ExistingSubnet>| {
        let mut stack = Stack::new();
        PrivateLinkService::new(
            &mut stack,
            "service",
            PrivateLinkServiceProps {
                network: ServiceNetwork::Existing {
                    vpc: VpcSource::Id {
                        id: VpcId::new("vpc-0123456789abcdef0").unwrap(),
                        cidr: "10.9.0.0/16".parse().unwrap(),
                    },
                    subnets,
                },
                app: tfsynth_privatelink::AppProps {
                    targets: Targets::Instances(vec![InstanceId::new("i-0123456789abcdef0")
                        .unwrap()
                        .into()]),
                    ..Default::default()
                },
                endpoint_service: tfsynth_privatelink::EndpointServiceSettings {
                    principals: vec![PrincipalArn::new("arn:aws:iam::111122223333:root")
                        .unwrap()
                        .into()],
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .map(|_| stack)
    };
    let subnet = |id: &str, az: Option<&str>| ExistingSubnet {
        subnet: SubnetId::new(id).unwrap().into(),
        az: az.map(|a| a.parse().unwrap()),
    };
    let a = "subnet-0a000000000000000";
    let b = "subnet-0b000000000000000";
    let ok = build(vec![
        subnet(a, Some("use1-az1")),
        subnet(b, Some("use1-az2")),
    ])
    .unwrap();
    let doc: Json = serde_json::from_str(&ok.synth().unwrap()).unwrap();
    assert_eq!(
        doc["resource"]["aws_lb"]["service_alb_lb"]["subnets"],
        serde_json::json!([a, b])
    );
    assert_eq!(
        doc["resource"]["aws_security_group"]["service_alb_sg"]["vpc_id"],
        "vpc-0123456789abcdef0"
    );
    assert!(doc["resource"].get("aws_vpc").is_none());

    let e = build(vec![subnet(a, Some("use1-az1"))]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "application load balancer needs at least 2 availability zones, got 1; list 2 or more"
    );
    let e = build(vec![subnet(a, Some("use1-az1")), subnet(b, None)]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("subnet \"{b}\" has no availability zone; the service places its load balancers and endpoint service by zone, so give each subnet its zone (ExistingSubnet::in_zone)")
    );
    let e = build(vec![
        subnet(a, Some("use1-az1")),
        subnet(b, Some("use1-az1")),
    ])
    .unwrap_err();
    assert!(matches!(e, Error::DuplicateAz { .. }), "{e}");
    let e = build(vec![
        subnet(a, Some("use1-az1")),
        subnet(a, Some("use1-az2")),
    ])
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Duplicate {
                what: "subnets",
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn flow_logs_take_handles_of_the_same_stack() {
    use tfsynth::{Declare, Stack};
    use tfsynth_aws::{CloudwatchLogGroup, IamRole, S3Bucket};
    use tfsynth_privatelink::{BucketArn, FlowLogs, LogGroupArn, Network, NetworkProps, Region};
    let region = Region::new("us-east-1").unwrap();
    let mut stack = Stack::new();
    let bucket = stack.resource("flow_logs", S3Bucket::new());
    let group = stack.resource("flow_logs", CloudwatchLogGroup::new().name("vpc-flow-logs"));
    let role = stack.resource("flow_logs", IamRole::new("{}"));
    for (name, flow_logs) in [
        ("to_s3", FlowLogs::S3((&bucket).into())),
        (
            "to_logs",
            FlowLogs::CloudWatch {
                group: (&group).into(),
                role: (&role).into(),
            },
        ),
    ] {
        Network::new(
            &mut stack,
            name,
            NetworkProps {
                flow_logs: Some(flow_logs),
                ..NetworkProps::default().in_region(&region)
            },
        )
        .unwrap();
    }
    let doc: Json = serde_json::from_str(&stack.synth().unwrap()).unwrap();
    let s3 = res(&doc, "aws_flow_log", "to_s3_flow_log");
    assert_eq!(s3["log_destination"], "${aws_s3_bucket.flow_logs.arn}");
    assert_eq!(s3["log_destination_type"], "s3");
    assert!(s3.get("iam_role_arn").is_none());
    let logs = res(&doc, "aws_flow_log", "to_logs_flow_log");
    assert_eq!(
        logs["log_destination"],
        "${aws_cloudwatch_log_group.flow_logs.arn}"
    );
    assert_eq!(logs["log_destination_type"], "cloud-watch-logs");
    assert_eq!(logs["iam_role_arn"], "${aws_iam_role.flow_logs.arn}");

    // The literal forms check their shape.
    assert!(BucketArn::new("arn:aws:s3:::flow-logs/vpc/").is_ok());
    insta::assert_snapshot!(
        BucketArn::new("arn:aws:s3:::Flow_Logs").unwrap_err(),
        @r#"s3 bucket "arn:aws:s3:::Flow_Logs" is not a valid arn; use the form arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/FOLDER"#
    );
    assert!(LogGroupArn::new("arn:aws:logs:us-east-1:123456789012:log-group:vpc").is_ok());
    assert!(LogGroupArn::new("arn:aws:logs:us-east-1:1234:log-group:vpc").is_err());
}

#[test]
fn the_client_instance_can_be_switched_by_an_expression() {
    use tfsynth::{Declare, Variable};
    use tfsynth_privatelink::{
        NetworkProps, Port, PrivateLinkConsumer, PrivateLinkConsumerProps, ServiceName, ServiceRef,
    };
    let region = tfsynth_privatelink::Region::new("us-east-1").unwrap();
    let mut stack = Stack::new();
    let on = stack.variable("client", Variable::<bool>::new().default_value(false));
    let service = ServiceRef::named(
        &ServiceName::new("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0").unwrap(),
        azs(&["use1-az1", "use1-az2"]),
        Port::new(443).unwrap(),
    );
    let consumer = PrivateLinkConsumer::new(
        &mut stack,
        "consumer",
        PrivateLinkConsumerProps {
            vpc: tfsynth_privatelink::ConsumerNetwork::New {
                network: NetworkProps {
                    cidr: "10.1.0.0/16".parse().unwrap(),
                    ..NetworkProps::default().in_region(&region)
                },
                client_instance: Some(tfsynth_privatelink::InstanceType::t3_micro()),
            },
            client_instance_input: Some(on),
            ..PrivateLinkConsumerProps::new(service)
        },
    )
    .unwrap();
    consumer.add_outputs(&mut stack, Port::new(443).unwrap());
    let doc: Json = serde_json::from_str(&stack.synth().unwrap()).unwrap();
    let inst = res(&doc, "aws_instance", "consumer_client_instance");
    assert_eq!(inst["count"], "${var.client ? 1 : 0}");
    assert_eq!(
        doc["output"]["client_instance_id"]["value"],
        "${one(aws_instance.consumer_client_instance[*].id)}"
    );
    // The group the endpoint admits stays, with or without the instance.
    assert!(!res(&doc, "aws_security_group", "consumer_client_sg").is_null());
}

//! What `terraform plan` or AWS would refuse is refused when the constructs are built, with a
//! message naming the value and the fix: one test per hole.
#![allow(clippy::unwrap_used)] // tests show the error a bad input gives

use serde_json::Value as Json;
use tfsynth::Stack;
use tfsynth_privatelink::stacks::{
    Consumer, ConsumerConfig, Demo, DemoConfig, Service, ServiceConfig, ShippedStack,
};
use tfsynth_privatelink::{
    AppTargets, Az, ConsumerVpc, Error, Network, NetworkProps, Region, MAX_TAGS,
};

fn azs(list: &[&str]) -> Vec<Az> {
    list.iter().map(|s| s.parse().unwrap()).collect()
}

fn err(config: &DemoConfig) -> Error {
    Demo::build(config).expect_err("must be refused")
}

fn in_region(region: &str) -> DemoConfig {
    let mut c = DemoConfig::default();
    c.common.region = Region::new(region).unwrap();
    c
}

fn json(stack: &Stack) -> Json {
    serde_json::from_str(&stack.synth().expect("synth")).expect("json")
}

#[test]
fn changing_only_the_region_moves_the_default_zones_with_it() {
    let built = Demo::build(&in_region("eu-west-1")).expect("the defaults fit any region");
    let doc = json(&built.stack);
    for side in ["service", "consumer"] {
        for az in ["euw1-az1", "euw1-az2"] {
            let name = format!("{side}_network_subnet_{}", az.replace('-', "_"));
            assert_eq!(
                doc["resource"]["aws_subnet"][&name]["availability_zone_id"], az,
                "{name}"
            );
        }
    }
    assert_eq!(
        doc["output"]["service_availability_zones"]["value"],
        serde_json::json!(["euw1-az1", "euw1-az2"])
    );
    // us-west-1 has no usw1-az2: its defaults skip it.
    let doc = json(&Demo::build(&in_region("us-west-1")).unwrap().stack);
    assert!(doc["resource"]["aws_subnet"]["service_network_subnet_usw1_az3"].is_object());
    let mut c = ConsumerConfig::default();
    c.common.region = Region::new("ap-northeast-1").unwrap();
    let doc = json(&Consumer::build(&c).unwrap().stack);
    assert!(doc["resource"]["aws_subnet"]["consumer_network_subnet_apne1_az2"].is_object());
}

#[test]
fn zones_of_another_region_are_refused() {
    let mut c = in_region("eu-west-1");
    c.service.network.azs = azs(&["use1-az1", "use1-az2"]);
    insta::assert_snapshot!(err(&c), @r#"availability zone "use1-az1" is in us-east-1, not in the stack's region eu-west-1; list zones of eu-west-1 ("euw1-az1", "euw1-az2"), or leave azs empty for the region's default zones"#);

    let mut c = in_region("ap-northeast-1");
    if let ConsumerVpc::New(n) = &mut c.consumer.vpc {
        n.azs = azs(&["eu-west-1a", "eu-west-1b"]);
    }
    insta::assert_snapshot!(err(&c), @r#"availability zone "eu-west-1a" is in eu-west-1, not in the stack's region ap-northeast-1; list zones of ap-northeast-1 ("ap-northeast-1a", "ap-northeast-1b"), or leave azs empty for the region's default zones"#);

    let mut c = ConsumerConfig {
        service_azs: azs(&["euw1-az1"]),
        ..ConsumerConfig::default()
    };
    insta::assert_snapshot!(Consumer::build(&c).unwrap_err(), @r#"service zone "euw1-az1" is in eu-west-1, not in us-east-1, the service's region (consumer.service_region, else common.region); list the service stack's service_availability_zones output in service_azs, or set consumer.service_region to the service's region"#);
    // Cross-region PrivateLink: the service's zones are checked against the service's region.
    c.consumer.service_region = Some(Region::new("eu-west-1").unwrap());
    assert!(Consumer::build(&c).is_ok());

    let c = in_region("eu-east-9");
    insta::assert_snapshot!(err(&c), @"no default availability zones are known for region eu-east-9; list its zone ids in azs (aws ec2 describe-availability-zones --region eu-east-9)");
}

#[test]
fn library_users_get_the_zone_checks_from_the_network() {
    let mut stack = Stack::new();
    let e = Network::new(&mut stack, "a", NetworkProps::default()).unwrap_err();
    insta::assert_snapshot!(e, @"no availability zones listed and no region to pick them for; list zone ids in azs, or set the network's region");
    let eu = Region::new("eu-west-1").unwrap();
    let net = Network::new(&mut stack, "b", NetworkProps::default().in_region(&eu)).unwrap();
    assert_eq!(net.azs, azs(&["euw1-az1", "euw1-az2"]));
    let wrong = NetworkProps {
        azs: azs(&["use1-az1"]),
        ..NetworkProps::default()
    }
    .in_region(&eu);
    assert!(matches!(
        Network::new(&mut stack, "c", wrong),
        Err(Error::AzNotInRegion { .. })
    ));
}

#[test]
fn tags_beyond_aws_limits_are_refused() {
    let with = |k: &str, v: &str| {
        let mut c = DemoConfig::default();
        c.common.tags.insert(k.to_owned(), v.to_owned());
        err(&c)
    };
    insta::assert_snapshot!(with("", "x"), @r#"tag "" has an empty key; give every tag a key"#);
    insta::assert_snapshot!(with("AWS:CostCenter", "x"), @r#"tag "AWS:CostCenter" starts with "aws:", which aws reserves for its own tags; use another prefix"#);
    let long = "k".repeat(129);
    insta::assert_snapshot!(with(&long, "x").to_string().replace(&long, "k…k"), @r#"tag "k…k" has a key of 129 characters, the limit is 128; use a shorter key"#);
    insta::assert_snapshot!(with("Owner", &"é".repeat(257)), @r#"tag "Owner" has a value of 257 characters, the limit is 256; use a shorter value"#);
    insta::assert_snapshot!(with("Owner", "net;ops"), @r#"tag "Owner" has the character ";" in its key or value; use letters, digits, spaces and + - = . _ : / @"#);
    assert!(Demo::build(&{
        let mut c = DemoConfig::default();
        c.common
            .tags
            .insert("team:owner/é".into(), "Équipe réseau + ops@x.io".into());
        c
    })
    .is_ok());
    assert!(Demo::build(&{
        let mut c = DemoConfig::default();
        c.common.tags.insert("k".repeat(128), "é".repeat(256));
        c
    })
    .is_ok());

    // 50 per resource, counting the Name tag every resource gets.
    let mut c = DemoConfig::default();
    c.common.tags = (0..MAX_TAGS - 1)
        .map(|i| (format!("t{i:02}"), String::new()))
        .collect();
    assert!(Demo::build(&c).is_ok(), "49 tags and Name");
    c.common.tags.insert("t49".into(), String::new());
    insta::assert_snapshot!(err(&c), @"each resource would get 51 tags (the ones given and the constructs' Name tag), aws allows at most 50; give at most 49 tags");
    c.common.tags.remove("t49");
    c.common.tags.insert("Name".into(), "mine".into());
    assert!(
        Demo::build(&c).is_ok(),
        "a Name tag of the user's is replaced, not added"
    );
}

#[test]
fn duplicates_that_would_create_the_same_rule_twice_are_refused() {
    let mut c = DemoConfig::default();
    c.service.app.ssh_cidrs = vec!["10.9.0.0/16".parse().unwrap(); 2];
    insta::assert_snapshot!(err(&c), @r#"ssh_cidrs lists "10.9.0.0/16" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);

    let mut c = DemoConfig::default();
    c.service.nlb.client_cidrs = vec!["10.1.0.0/16".parse().unwrap(); 2];
    insta::assert_snapshot!(err(&c), @r#"nlb client_cidrs lists "10.1.0.0/16" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);

    let mut c = DemoConfig::default();
    c.consumer.client_cidrs = vec!["10.8.0.0/24".parse().unwrap(); 2];
    insta::assert_snapshot!(err(&c), @r#"client_cidrs lists "10.8.0.0/24" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);

    let mut c = ServiceConfig::default();
    let p = c.service.endpoint_service.allowed_principals[0].clone();
    c.service.endpoint_service.allowed_principals.push(p);
    insta::assert_snapshot!(Service::build(&c).unwrap_err(), @r#"allowed_principals lists "arn:aws:iam::111122223333:root" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);

    let mut c = DemoConfig::default();
    let id: tfsynth_privatelink::InstanceId = "i-0123456789abcdef0".parse().unwrap();
    c.service.app.targets = AppTargets::Instances(vec![id.clone(), id]);
    insta::assert_snapshot!(err(&c), @r#"app targets lists "i-0123456789abcdef0" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);

    let mut c = DemoConfig::default();
    c.consumer.client_instance = false;
    let subnet: tfsynth_privatelink::SubnetId = "subnet-0123456789abcdef0".parse().unwrap();
    c.consumer.vpc = ConsumerVpc::Existing {
        vpc_id: "vpc-0123456789abcdef0".parse().unwrap(),
        cidr: "172.16.0.0/16".parse().unwrap(),
        subnet_ids: vec![subnet.clone(), subnet],
        subnet_azs: Vec::new(),
    };
    insta::assert_snapshot!(err(&c), @r#"subnet_ids lists "subnet-0123456789abcdef0" twice, which would create the same rule or attachment twice and aws refuses the second; list it once"#);
}

#[test]
fn flow_logs_need_the_role_their_destination_needs() {
    let mut c = DemoConfig::default();
    c.service.network.flow_log_destination = "arn:aws:logs:us-east-1:123456789012:log-group:vpc"
        .parse()
        .ok();
    insta::assert_snapshot!(err(&c), @r#"flow log destination "arn:aws:logs:us-east-1:123456789012:log-group:vpc" is a cloudwatch logs group, which needs flow_log_role_arn, the iam role that lets vpc flow logs write to it; set flow_log_role_arn to arn:aws:iam::ACCOUNT:role/NAME, or send the flow logs to an s3 bucket"#);
    c.service.network.flow_log_role_arn = "arn:aws:iam::123456789012:role/flow-logs".parse().ok();
    let doc = json(&Demo::build(&c).unwrap().stack);
    assert_eq!(
        doc["resource"]["aws_flow_log"]["service_network_flow_log"]["iam_role_arn"],
        "arn:aws:iam::123456789012:role/flow-logs"
    );

    c.service.network.flow_log_destination = "arn:aws:s3:::flow-logs".parse().ok();
    insta::assert_snapshot!(err(&c), @r#"flow log destination "arn:aws:s3:::flow-logs" is an s3 bucket, which takes no flow_log_role_arn (aws refuses it); remove flow_log_role_arn and allow delivery in the bucket policy"#);

    let e = serde_json::from_str::<DemoConfig>(
        r#"{"service": {"network": {"flow_log_role_arn": "flow-logs-role"}}}"#,
    )
    .unwrap_err();
    insta::assert_snapshot!(e, @r#"iam role "flow-logs-role" is not a valid arn; use the form arn:aws:iam::123456789012:role/NAME at line 1 column 63"#);
}

#[test]
fn empty_or_malformed_names_and_ids_are_refused() {
    let bad = |text: &str| {
        serde_json::from_str::<DemoConfig>(text)
            .unwrap_err()
            .to_string()
    };
    insta::assert_snapshot!(bad(r#"{"service": {"alb": {"access_logs_bucket": ""}}}"#), @r#"s3 bucket name "" is not valid; use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, e.g. my-alb-logs at line 1 column 46"#);
    insta::assert_snapshot!(bad(r#"{"service": {"endpoint_service": {"route53_zone_id": ""}}}"#), @r#"route 53 hosted zone id "" is not valid; use the zone's id as route 53 shows it, e.g. Z0123456789ABCDEFGHIJ at line 1 column 56"#);
    insta::assert_snapshot!(bad(r#"{"consumer": {"instance_type": "micro"}}"#), @r#"instance type "micro" is not an ec2 instance type; write it as family.size, e.g. t3.micro or m7g.large at line 1 column 39"#);
    insta::assert_snapshot!(bad(r#"{"service": {"app": {"targets": {"nginx": {"instance_type": ""}}}}}"#), @r#"instance type "" is not an ec2 instance type; write it as family.size, e.g. t3.micro or m7g.large at line 1 column 63"#);
    for ok in [
        "t3.micro",
        "m7i-flex.large",
        "c7i.metal-24xl",
        "u-6tb1.metal",
        "mac2-m2pro.metal",
    ] {
        assert!(tfsynth_privatelink::InstanceType::new(ok).is_ok(), "{ok}");
    }
    for no in ["t3", ".micro", "t3.", "T3.micro", "t3.micro.x", "micro.t"] {
        assert!(tfsynth_privatelink::InstanceType::new(no).is_err(), "{no}");
    }
    let mut c = DemoConfig::default();
    c.service.app.key_name = Some(String::new());
    insta::assert_snapshot!(err(&c), @"key_name is empty; give a value");
}

#[test]
fn an_alb_and_an_nlb_cannot_share_a_name() {
    let mut c = DemoConfig::default();
    c.service.alb.name = "shop".parse().ok();
    c.service.nlb.name = "Shop".parse().ok();
    insta::assert_snapshot!(err(&c), @r#"the application and the network load balancer are both named "Shop", and aws needs a load balancer name unique in the account and region; give them different names"#);
    // The NLB's derived name against an ALB named like it.
    let mut c = DemoConfig::default();
    c.service.alb.name = "service-nlb".parse().ok();
    assert!(matches!(err(&c), Error::DuplicateLbName { .. }));
}

#[test]
fn access_from_everywhere_is_a_warning() {
    let mut c = DemoConfig::default();
    c.service.app.ssh_cidrs = vec!["0.0.0.0/0".parse().unwrap()];
    c.service.nlb.client_cidrs = vec!["0.0.0.0/0".parse().unwrap()];
    let built = Demo::build(&c).expect("a warning, not an error");
    insta::assert_snapshot!(built.warnings.join("\n"), @r"
    ssh_cidrs lets every ipv4 address (0.0.0.0/0) in; list the networks that need access instead
    nlb client_cidrs lets every ipv4 address (0.0.0.0/0) in; list the networks that need access instead
    ");
    let mut s = ServiceConfig::default();
    s.service.app.ssh_cidrs = vec!["0.0.0.0/0".parse().unwrap()];
    assert_eq!(Service::build(&s).unwrap().warnings.len(), 1);
}

#[test]
fn a_client_instance_in_an_existing_vpc_is_refused_not_dropped() {
    let mut c = ConsumerConfig::default();
    c.consumer.vpc = ConsumerVpc::Existing {
        vpc_id: "vpc-0123456789abcdef0".parse().unwrap(),
        cidr: "172.16.0.0/16".parse().unwrap(),
        subnet_ids: vec!["subnet-0123456789abcdef0".parse().unwrap()],
        subnet_azs: Vec::new(),
    };
    insta::assert_snapshot!(Consumer::build(&c).unwrap_err(), @r#"client_instance = true needs a vpc the consumer creates: in the existing vpc "vpc-0123456789abcdef0" the instance would have no ssm endpoints to be reached through; set client_instance = false (and list your clients' networks in client_cidrs), or use vpc.new"#);
    c.consumer.client_instance = false;
    let doc = json(&Consumer::build(&c).unwrap().stack);
    let groups: Vec<&String> = doc["resource"]["aws_security_group"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(groups, ["consumer_endpoint_sg"], "no orphan client group");
}

#[test]
fn existing_vpc_subnets_are_checked_against_the_service_zones() {
    let mut c = ConsumerConfig::default();
    c.consumer.client_instance = false;
    c.service_azs = azs(&["use1-az1", "use1-az2"]);
    let existing = |zones: &[&str]| ConsumerVpc::Existing {
        vpc_id: "vpc-0123456789abcdef0".parse().unwrap(),
        cidr: "172.16.0.0/16".parse().unwrap(),
        subnet_ids: vec![
            "subnet-0123456789abcdef0".parse().unwrap(),
            "subnet-0123456789abcdef1".parse().unwrap(),
        ],
        subnet_azs: azs(zones),
    };
    c.consumer.vpc = existing(&["use1-az1", "use1-az3"]);
    insta::assert_snapshot!(Consumer::build(&c).unwrap_err(), @r#"consumer subnet zone "use1-az3" is not served by the endpoint service (it serves use1-az1, use1-az2); place the endpoint's subnets in those zones"#);
    c.consumer.vpc = existing(&["use1-az1"]);
    insta::assert_snapshot!(Consumer::build(&c).unwrap_err(), @"subnet_azs lists 1 zone(s) for 2 subnet id(s) in subnet_ids; list the zone of each subnet, in the same order, or leave subnet_azs empty");
    c.consumer.vpc = existing(&["use1-az2", "use1-az1"]);
    assert!(Consumer::build(&c).is_ok());
    // Without zones the subnets are left to AWS, as before.
    c.consumer.vpc = existing(&[]);
    assert!(Consumer::build(&c).is_ok());
}

#[test]
fn a_verification_zone_without_a_private_dns_name_is_refused_not_ignored() {
    let mut s = ServiceConfig::default();
    s.service.endpoint_service.route53_zone_id = "Z0123456789ABCDEFGHIJ".parse().ok();
    insta::assert_snapshot!(Service::build(&s).unwrap_err(), @r#"route53_zone_id "Z0123456789ABCDEFGHIJ" is set without private_dns_name, and the zone only serves to verify that name; set private_dns_name to a name in the zone, or remove route53_zone_id"#);
}

//! terrars peer of the tfsynth scale benchmark.
//!
//!     terrars-scale N > main.tf.json
//!
//! Writes ONE stack with N copies of the PrivateLink demo of the seed blog post, written with
//! terrars 0.1.13 and the pre-generated `terrars-hashicorp-aws` 0.1.9 / `terrars-hashicorp-tls`
//! 0.1.0 bindings (the newest bindings published for aws; they target terrars 0.1).
//!
//! Per copy: 36 resources, 3 data sources, 2 outputs, 1 variable, like tfsynth's `demo`.
//! Differences forced by what those bindings offer, none of which changes the amount of work:
//! - aws 4.x bindings have no `aws_vpc_security_group_{ingress,egress}_rule`: the 7 rules are
//!   `aws_security_group_rule`s with the same arguments;
//! - terrars has no `count`: the per-AZ subnets and route table associations use `for_each`
//!   (its `ListRef::map`), and the rest refers to them with raw expressions.

use std::io::Write;
use std::path::Path;

use terrars::*;
use terrars_hashicorp_aws::*;
use terrars_hashicorp_tls::*;

const USERDATA: &str = "#!/bin/sh\nsudo yum install -y nginx.x86_64\nsudo systemctl start nginx\n";

struct Net {
    vpc: Vpc,
    subnet_ids: String,
    first_subnet_id: String,
}

fn network(stack: &mut Stack, p: &str, name: &str, cidr: &str, azs: &DataAvailabilityZones) -> Net {
    let vpc = BuildVpc {
        tf_id: format!("{p}_{name}"),
    }
    .build(stack)
    .set_cidr_block(cidr);
    let subnet_addr = format!("aws_subnet.{p}_{name}");
    let names = azs.names();
    let vpc_id = vpc.id();
    let vpc_cidr = vpc.cidr_block();
    let names_raw = format!("data.aws_availability_zones.{p}_available.names");
    let st: &mut Stack = stack;
    let cidr_expr: PrimExpr<String> =
        st.expr(format!("cidrsubnet({}, 4, index({names_raw}, each.value))", vpc_cidr.raw()));
    names.map(|el| {
        BuildSubnet {
            tf_id: format!("{p}_{name}"),
            vpc_id: vpc_id.into(),
        }
        .build(st)
        .set_cidr_block(cidr_expr)
        .set_availability_zone(el.value())
        .set_map_public_ip_on_launch(true)
    });
    let igw = BuildInternetGateway {
        tf_id: format!("{p}_{name}"),
    }
    .build(stack)
    .set_vpc_id(vpc.id());
    let rt = BuildRouteTable {
        tf_id: format!("{p}_{name}"),
        vpc_id: vpc.id().into(),
    }
    .build(stack)
    .set_route(vec![BuildRouteTableRouteEl {}
        .build()
        .set_cidr_block("0.0.0.0/0")
        .set_gateway_id(igw.id())]);
    let rta_subnet: PrimExpr<String> = stack.expr(format!("{subnet_addr}[each.key].id"));
    let subnets: ListRef<PrimExpr<String>> = stack_list(stack, &format!("{subnet_addr}"));
    let st: &mut Stack = stack;
    subnets.map(|_el| {
        BuildRouteTableAssociation {
            tf_id: format!("{p}_{name}"),
            route_table_id: rt.id().into(),
        }
        .build(st)
        .set_subnet_id(rta_subnet)
    });
    Net {
        vpc,
        subnet_ids: format!("values({subnet_addr})[*].id"),
        first_subnet_id: format!("values({subnet_addr})[0].id"),
    }
}

/// A list expression from raw text (terrars exposes `Ref::new` for this).
fn stack_list(stack: &Stack, raw: &str) -> ListRef<PrimExpr<String>> {
    <ListRef<PrimExpr<String>> as Ref>::new(stack.shared.clone(), raw.to_owned())
}

/// A set argument from a list expression (terrars converts through a `for` expression).
fn to_set(stack: &Stack, raw: &str) -> MapListRef<PrimField<String>> {
    stack_list(stack, raw).map(|kv| kv.value())
}

fn rule(
    stack: &mut Stack,
    id: String,
    sg: &SecurityGroup,
    egress: bool,
    description: &str,
    cidr: PrimField<String>,
    port: Option<f64>,
) {
    let (from, to, proto) = match port {
        Some(p) => (p, p, "tcp"),
        None => (0., 0., "-1"),
    };
    BuildSecurityGroupRule {
        tf_id: id,
        from_port: from.into(),
        protocol: proto.into(),
        security_group_id: sg.id().into(),
        to_port: to.into(),
        type_: if egress { "egress" } else { "ingress" }.into(),
    }
    .build(stack)
    .set_description(description)
    .set_cidr_blocks(vec![cidr]);
}

fn demo(stack: &mut Stack, p: &str) {
    let key_name = BuildVariable {
        tf_id: format!("{p}_key_name"),
    }
    .build::<String>(stack);
    let azs = BuildDataAvailabilityZones {
        tf_id: format!("{p}_available"),
    }
    .build(stack)
    .set_state("available");
    let ami = BuildDataAmi {
        tf_id: format!("{p}_amazon_linux_2023"),
    }
    .build(stack)
    .set_owners(vec!["amazon".into()])
    .set_most_recent(true)
    .set_filter(vec![
        BuildDataAmiFilterEl {
            name: "name".into(),
            values: vec!["al2023-ami-2023.*-x86_64".into()].into(),
        }
        .build(),
        BuildDataAmiFilterEl {
            name: "architecture".into(),
            values: vec!["x86_64".into()].into(),
        }
        .build(),
        BuildDataAmiFilterEl {
            name: "virtualization-type".into(),
            values: vec!["hvm".into()].into(),
        }
        .build(),
    ]);
    let caller = BuildDataCallerIdentity {
        tf_id: format!("{p}_current"),
    }
    .build(stack);

    // Service side.
    let svc = network(stack, p, "service", "10.0.0.0/16", &azs);
    let sg = BuildSecurityGroup {
        tf_id: format!("{p}_service"),
    }
    .build(stack)
    .set_name(format!("{p}-service"))
    .set_vpc_id(svc.vpc.id());
    rule(stack, format!("{p}_service_https"), &sg, false, "HTTPS from Service VPC", svc.vpc.cidr_block().into(), Some(443.));
    rule(stack, format!("{p}_service_http"), &sg, false, "HTTP from Service VPC", svc.vpc.cidr_block().into(), Some(80.));
    rule(stack, format!("{p}_service_all"), &sg, true, "Allow all egress", "0.0.0.0/0".into(), None);
    let svc_subnet: PrimExpr<String> = stack.expr(&svc.first_subnet_id);
    let instance = BuildInstance {
        tf_id: format!("{p}_service"),
    }
    .build(stack)
    .set_ami(ami.id())
    .set_instance_type("t3.nano")
    .set_subnet_id(svc_subnet)
    .set_vpc_security_group_ids(vec![sg.id().into()])
    .set_user_data(USERDATA)
    .set_key_name(&key_name)
    .set_tags([("Name".to_owned(), "PrivateLink Demo Service".into())].into_iter().collect::<std::collections::HashMap<_, _>>());
    
    let alb = BuildLb {
        tf_id: format!("{p}_service_alb"),
    }
    .build(stack)
    .set_name(format!("{p}-alb"))
    .set_internal(true)
    .set_load_balancer_type("application")
    .set_security_groups(vec![sg.id().into()])
    .set_subnets(to_set(stack, &svc.subnet_ids));
    let alb_tg = BuildLbTargetGroup {
        tf_id: format!("{p}_service_alb"),
    }
    .build(stack)
    .set_name(format!("{p}-alb"))
    .set_port(80.)
    .set_protocol("HTTP")
    .set_vpc_id(svc.vpc.id());
    BuildLbTargetGroupAttachment {
        tf_id: format!("{p}_service_alb"),
        target_group_arn: alb_tg.arn().into(),
        target_id: instance.id().into(),
    }
    .build(stack)
    .set_port(80.);
    let key = BuildPrivateKey {
        tf_id: format!("{p}_service"),
        algorithm: "RSA".into(),
    }
    .build(stack);
    let cert = BuildSelfSignedCert {
        tf_id: format!("{p}_service"),
        allowed_uses: vec!["key_encipherment".into(), "digital_signature".into(), "server_auth".into()].into(),
        private_key_pem: key.private_key_pem().into(),
        validity_period_hours: 72f64.into(),
    }
    .build(stack)
    .set_subject(vec![BuildSelfSignedCertSubjectEl {}
        .build()
        .set_common_name(alb.dns_name())
        .set_organization("ACME Demos")]);
    let acm = BuildAcmCertificate {
        tf_id: format!("{p}_service"),
    }
    .build(stack)
    .set_private_key(key.private_key_pem())
    .set_certificate_body(cert.cert_pem());
    let alb_listener = BuildLbListener {
        tf_id: format!("{p}_service_alb"),
        load_balancer_arn: alb.arn().into(),
    }
    .build(stack)
    .set_port(443.)
    .set_protocol("HTTPS")
    .set_ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
    .set_certificate_arn(acm.arn())
    .set_default_action(vec![BuildLbListenerDefaultActionEl {
        type_: "forward".into(),
    }
    .build()
    .set_target_group_arn(alb_tg.arn())]);
    let nlb = BuildLb {
        tf_id: format!("{p}_service_nlb"),
    }
    .build(stack)
    .set_name(format!("{p}-nlb"))
    .set_load_balancer_type("network")
    .set_enable_cross_zone_load_balancing(false)
    .set_internal(true)
    .set_subnets(to_set(stack, &svc.subnet_ids));
    let nlb_tg = BuildLbTargetGroup {
        tf_id: format!("{p}_service_nlb"),
    }
    .build(stack)
    .set_name(format!("{p}-nlb"))
    .set_port(443.)
    .set_protocol("TCP")
    .set_target_type("alb")
    .set_vpc_id(svc.vpc.id())
    .set_health_check(vec![BuildLbTargetGroupHealthCheckEl {}
        .build()
        .set_matcher("200")
        .set_path("/")
        .set_port("443")
        .set_protocol("HTTPS")]);
    let nlb_listener = BuildLbListener {
        tf_id: format!("{p}_service_nlb"),
        load_balancer_arn: nlb.arn().into(),
    }
    .build(stack)
    .set_port(443.)
    .set_protocol("TCP")
    .set_default_action(vec![BuildLbListenerDefaultActionEl {
        type_: "forward".into(),
    }
    .build()
    .set_target_group_arn(nlb_tg.arn())]);
    BuildLbTargetGroupAttachment {
        tf_id: format!("{p}_service_nlb"),
        target_group_arn: nlb_tg.arn().into(),
        target_id: alb_listener.load_balancer_arn().into(),
    }
    .build(stack)
    .set_port(nlb_listener.port());
    let endpoint_service = BuildVpcEndpointService {
        tf_id: format!("{p}_service"),
        acceptance_required: false.into(),
    }
    .build(stack)
    .set_network_load_balancer_arns(vec![nlb.arn().into()]);
    BuildVpcEndpointServiceAllowedPrincipal {
        tf_id: format!("{p}_service"),
        principal_arn: format!("arn:aws:iam::{}:root", caller.account_id()).into(),
        vpc_endpoint_service_id: endpoint_service.id().into(),
    }
    .build(stack);

    // Consumer side.
    let con = network(stack, p, "consumer", "10.1.0.0/16", &azs);
    let con_sg = BuildSecurityGroup {
        tf_id: format!("{p}_consumer"),
    }
    .build(stack)
    .set_name(format!("{p}-consumer"))
    .set_vpc_id(con.vpc.id());
    rule(stack, format!("{p}_consumer_ssh"), &con_sg, false, "SSH from the internet", "0.0.0.0/0".into(), Some(22.));
    rule(stack, format!("{p}_consumer_all"), &con_sg, true, "Allow all egress", "0.0.0.0/0".into(), None);
    let con_subnet: PrimExpr<String> = stack.expr(&con.first_subnet_id);
    let con_instance = BuildInstance {
        tf_id: format!("{p}_consumer"),
    }
    .build(stack)
    .set_ami(ami.id())
    .set_instance_type("t3.nano")
    .set_subnet_id(con_subnet)
    .set_vpc_security_group_ids(vec![con_sg.id().into()])
    .set_key_name(&key_name)
    .set_tags([("Name".to_owned(), "PrivateLink Demo Consumer".into())].into_iter().collect::<std::collections::HashMap<_, _>>());
    let pl_sg = BuildSecurityGroup {
        tf_id: format!("{p}_consumer_privatelink"),
    }
    .build(stack)
    .set_name(format!("{p}-consumer-privatelink"))
    .set_vpc_id(con.vpc.id());
    rule(stack, format!("{p}_consumer_privatelink_https"), &pl_sg, false, "HTTPS from Consumer VPC", con.vpc.cidr_block().into(), Some(443.));
    rule(stack, format!("{p}_consumer_privatelink_all"), &pl_sg, true, "Allow all outbound", "0.0.0.0/0".into(), None);
    
    let endpoint = BuildVpcEndpoint {
        tf_id: format!("{p}_consumer_privatelink"),
        service_name: endpoint_service.service_name().into(),
        vpc_id: con.vpc.id().into(),
    }
    .build(stack)
    .set_security_group_ids(vec![pl_sg.id().into()])
    .set_subnet_ids(to_set(stack, &con.subnet_ids))
    .set_vpc_endpoint_type("Interface");
    BuildOutput {
        tf_id: format!("{p}_consumer_public_ip"),
        value: con_instance.public_ip().into(),
    }
    .build(stack);
    let dns_names: PrimExpr<String> = stack.expr(format!(
        "[for e in {}.dns_entry : \"https://${{e.dns_name}}\"]",
        endpoint.extract_ref()
    ));
    BuildOutput {
        tf_id: format!("{p}_consumer_endpoint_dns_names"),
        value: dns_names.into(),
    }
    .build(stack);
}

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) if n >= 1 => n,
        _ => {
            eprintln!("usage: terrars-scale N   (N >= 1)");
            std::process::exit(2);
        }
    };
    let stack = &mut BuildStack {}.build();
    BuildProviderAws {}.build(stack);
    BuildProviderTls {}.build(stack);
    for i in 0..n {
        demo(stack, &format!("demo{i}"));
    }
    let json = stack.serialize(Path::new("terraform.tfstate")).expect("a valid stack");
    std::io::stdout().lock().write_all(&json).expect("stdout");
}

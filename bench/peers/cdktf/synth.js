// CDKTF 0.21 peer of the tfsynth scale benchmark.
//
//   node synth.js N [OUTDIR]
//
// Synthesizes ONE stack holding N copies of the PrivateLink demo of the seed blog post
// (service VPC + ALB + NLB + endpoint service, consumer VPC + endpoint; 36 resources,
// 3 data sources, 2 outputs and 1 variable per copy, the same as tfsynth's `demo`),
// each copy in its own construct, with `app.synth()`. Written the way the CDKTF docs
// write programs: one import per resource module, typed props, tokens for references.
//
// OUTDIR defaults to a fresh temporary directory that is removed afterwards; the
// stack is written to OUTDIR/stacks/scale/cdk.tf.json.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const { App, TerraformStack, TerraformOutput, TerraformVariable, TerraformCount, TerraformIterator, Fn, Token, ref, propertyAccess } = require("cdktf");
const { Construct } = require("constructs");

const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { DataAwsAvailabilityZones } = require("@cdktf/provider-aws/lib/data-aws-availability-zones");
const { DataAwsAmi } = require("@cdktf/provider-aws/lib/data-aws-ami");
const { DataAwsCallerIdentity } = require("@cdktf/provider-aws/lib/data-aws-caller-identity");
const { Vpc } = require("@cdktf/provider-aws/lib/vpc");
const { Subnet } = require("@cdktf/provider-aws/lib/subnet");
const { InternetGateway } = require("@cdktf/provider-aws/lib/internet-gateway");
const { RouteTable } = require("@cdktf/provider-aws/lib/route-table");
const { RouteTableAssociation } = require("@cdktf/provider-aws/lib/route-table-association");
const { SecurityGroup } = require("@cdktf/provider-aws/lib/security-group");
const { VpcSecurityGroupIngressRule } = require("@cdktf/provider-aws/lib/vpc-security-group-ingress-rule");
const { VpcSecurityGroupEgressRule } = require("@cdktf/provider-aws/lib/vpc-security-group-egress-rule");
const { Instance } = require("@cdktf/provider-aws/lib/instance");
const { Lb } = require("@cdktf/provider-aws/lib/lb");
const { LbTargetGroup } = require("@cdktf/provider-aws/lib/lb-target-group");
const { LbTargetGroupAttachment } = require("@cdktf/provider-aws/lib/lb-target-group-attachment");
const { LbListener } = require("@cdktf/provider-aws/lib/lb-listener");
const { AcmCertificate } = require("@cdktf/provider-aws/lib/acm-certificate");
const { VpcEndpointService } = require("@cdktf/provider-aws/lib/vpc-endpoint-service");
const { VpcEndpointServiceAllowedPrincipal } = require("@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal");
const { VpcEndpoint } = require("@cdktf/provider-aws/lib/vpc-endpoint");
const { TlsProvider } = require("@cdktf/provider-tls/lib/provider");
const { PrivateKey } = require("@cdktf/provider-tls/lib/private-key");
const { SelfSignedCert } = require("@cdktf/provider-tls/lib/self-signed-cert");

const USERDATA = "#!/bin/sh\nsudo yum install -y nginx.x86_64\nsudo systemctl start nginx\n";

/** `aws_subnet.x[*].id` of a counted subnet. */
function splatIds(subnet) {
  return Token.asList(ref(`${subnet.terraformResourceType}.${subnet.friendlyUniqueId}[*].id`));
}

/** `aws_subnet.x[i].id` of a counted subnet. */
function subnetId(subnet, i) {
  return Token.asString(propertyAccess(ref(`${subnet.terraformResourceType}.${subnet.friendlyUniqueId}`), [i, "id"]));
}

/** A security group with its rules (`rules`: [name, description, cidr, port or null]). */
function securityGroup(scope, id, name, vpc, rules) {
  const sg = new SecurityGroup(scope, id, { name, vpcId: vpc.id });
  for (const [ruleId, description, cidr, port, egress] of rules) {
    const props = { securityGroupId: sg.id, description, cidrIpv4: cidr };
    if (port === null) {
      props.ipProtocol = "-1";
    } else {
      Object.assign(props, { fromPort: port, toPort: port, ipProtocol: "tcp" });
    }
    if (egress) {
      new VpcSecurityGroupEgressRule(scope, `${id}_${ruleId}`, props);
    } else {
      new VpcSecurityGroupIngressRule(scope, `${id}_${ruleId}`, props);
    }
  }
  return sg;
}

/** A VPC with one public subnet per AZ, an internet gateway and a default route. */
function network(scope, id, cidr, azs) {
  const vpc = new Vpc(scope, id, { cidrBlock: cidr });
  const count = TerraformCount.of(Fn.lengthOf(azs.names));
  const subnet = new Subnet(scope, `${id}_subnet`, {
    count,
    vpcId: vpc.id,
    cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 4, count.index),
    availabilityZone: Fn.element(azs.names, count.index),
    mapPublicIpOnLaunch: true,
  });
  const igw = new InternetGateway(scope, `${id}_igw`, { vpcId: vpc.id });
  const rt = new RouteTable(scope, `${id}_rt`, {
    vpcId: vpc.id,
    route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
  });
  // The bindings are generated from hashicorp/aws 6.25; `route` is an attribute-as-block,
  // and newer providers (the 6.66 schema tfsynth validates against) also require this key.
  rt.addOverride("route.0.odb_network_arn", null);
  const rtaCount = TerraformCount.of(Fn.lengthOf(splatIds(subnet)));
  new RouteTableAssociation(scope, `${id}_rta`, {
    count: rtaCount,
    subnetId: subnetId(subnet, rtaCount.index),
    routeTableId: rt.id,
  });
  return { vpc, subnet };
}

/** One copy of the blog's demo: the service side and the consumer side. */
class Demo extends Construct {
  constructor(scope, id) {
    super(scope, id);
    const keyName = new TerraformVariable(this, "key_name", {
      type: "string",
      description: "Name of the Key Pair to use for the EC2 instances",
    });
    const azs = new DataAwsAvailabilityZones(this, "available", { state: "available" });
    const ami = new DataAwsAmi(this, "amazon_linux_2023", {
      owners: ["amazon"],
      mostRecent: true,
      filter: [
        { name: "name", values: ["al2023-ami-2023.*-x86_64"] },
        { name: "architecture", values: ["x86_64"] },
        { name: "virtualization-type", values: ["hvm"] },
      ],
    });
    const caller = new DataAwsCallerIdentity(this, "current", {});

    // Service side.
    const svc = network(this, "service", "10.0.0.0/16", azs);
    const sg = securityGroup(this, "service_sg", `${id}-service`, svc.vpc, [
      ["https", "HTTPS from Service VPC", svc.vpc.cidrBlock, 443, false],
      ["http", "HTTP from Service VPC", svc.vpc.cidrBlock, 80, false],
      ["all", "Allow all egress", "0.0.0.0/0", null, true],
    ]);
    const instance = new Instance(this, "service_instance", {
      ami: ami.id,
      instanceType: "t3.nano",
      subnetId: subnetId(svc.subnet, 0),
      vpcSecurityGroupIds: [sg.id],
      userData: USERDATA,
      keyName: keyName.stringValue,
      tags: { Name: "PrivateLink Demo Service" },
    });
    const alb = new Lb(this, "service_alb", {
      name: `${id}-alb`,
      internal: true,
      loadBalancerType: "application",
      securityGroups: [sg.id],
      subnets: splatIds(svc.subnet),
    });
    const albTg = new LbTargetGroup(this, "service_alb_tg", {
      name: `${id}-alb`,
      port: 80,
      protocol: "HTTP",
      vpcId: svc.vpc.id,
    });
    new LbTargetGroupAttachment(this, "service_alb_attachment", {
      targetGroupArn: albTg.arn,
      targetId: instance.id,
      port: 80,
    });
    const key = new PrivateKey(this, "service_key", { algorithm: "RSA" });
    const cert = new SelfSignedCert(this, "service_cert", {
      privateKeyPem: key.privateKeyPem,
      subject: [{ commonName: alb.dnsName, organization: "ACME Demos" }],
      validityPeriodHours: 72,
      allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
    });
    const acm = new AcmCertificate(this, "service_acm", {
      privateKey: key.privateKeyPem,
      certificateBody: cert.certPem,
    });
    const albListener = new LbListener(this, "service_alb_listener", {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: acm.arn,
      defaultAction: [{ type: "forward", targetGroupArn: albTg.arn }],
    });
    const nlb = new Lb(this, "service_nlb", {
      name: `${id}-nlb`,
      loadBalancerType: "network",
      enableCrossZoneLoadBalancing: false,
      internal: true,
      subnets: splatIds(svc.subnet),
    });
    const nlbTg = new LbTargetGroup(this, "service_nlb_tg", {
      name: `${id}-nlb`,
      port: 443,
      protocol: "TCP",
      targetType: "alb",
      vpcId: svc.vpc.id,
      healthCheck: { matcher: "200", path: "/", port: "443", protocol: "HTTPS" },
    });
    const nlbListener = new LbListener(this, "service_nlb_listener", {
      loadBalancerArn: nlb.arn,
      port: 443,
      protocol: "TCP",
      defaultAction: [{ type: "forward", targetGroupArn: nlbTg.arn }],
    });
    new LbTargetGroupAttachment(this, "service_nlb_attachment", {
      port: nlbListener.port,
      targetGroupArn: nlbTg.arn,
      targetId: albListener.loadBalancerArn,
    });
    const endpointService = new VpcEndpointService(this, "service_endpoint_service", {
      acceptanceRequired: false,
      networkLoadBalancerArns: [nlb.arn],
    });
    new VpcEndpointServiceAllowedPrincipal(this, "service_allowed_principal", {
      vpcEndpointServiceId: endpointService.id,
      principalArn: `arn:aws:iam::${caller.accountId}:root`,
    });

    // Consumer side.
    const con = network(this, "consumer", "10.1.0.0/16", azs);
    const conSg = securityGroup(this, "consumer_sg", `${id}-consumer`, con.vpc, [
      ["ssh", "SSH from the internet", "0.0.0.0/0", 22, false],
      ["all", "Allow all egress", "0.0.0.0/0", null, true],
    ]);
    const conInstance = new Instance(this, "consumer_instance", {
      ami: ami.id,
      instanceType: "t3.nano",
      subnetId: subnetId(con.subnet, 0),
      vpcSecurityGroupIds: [conSg.id],
      keyName: keyName.stringValue,
      tags: { Name: "PrivateLink Demo Consumer" },
    });
    const plSg = securityGroup(this, "consumer_privatelink_sg", `${id}-consumer-privatelink`, con.vpc, [
      ["https", "HTTPS from Consumer VPC", con.vpc.cidrBlock, 443, false],
      ["all", "Allow all outbound", "0.0.0.0/0", null, true],
    ]);
    const endpoint = new VpcEndpoint(this, "consumer_endpoint", {
      serviceName: endpointService.serviceName,
      securityGroupIds: [plSg.id],
      subnetIds: splatIds(con.subnet),
      vpcEndpointType: "Interface",
      vpcId: con.vpc.id,
    });
    new TerraformOutput(this, "consumer_public_ip", {
      description: "Public IP address of the Consumer instance",
      value: conInstance.publicIp,
    });
    const entries = TerraformIterator.fromList(endpoint.dnsEntry);
    new TerraformOutput(this, "consumer_endpoint_dns_names", {
      description: "Domain names of the Consumer VPC Endpoint",
      value: entries.forExpressionForList(`"https://\${val.dns_name}"`),
    });
  }
}

function main() {
  const n = Number.parseInt(process.argv[2] ?? "1", 10);
  if (!Number.isInteger(n) || n < 1) {
    console.error("usage: node synth.js N [OUTDIR]   (N >= 1)");
    process.exit(2);
  }
  const given = process.argv[3];
  const outdir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-scale-"));
  const app = new App({ outdir, skipValidation: false });
  const stack = new TerraformStack(app, "scale");
  new AwsProvider(stack, "aws", {});
  new TlsProvider(stack, "tls", {});
  for (let i = 0; i < n; i++) {
    new Demo(stack, `demo${i}`);
  }
  app.synth();
  if (!given) {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();

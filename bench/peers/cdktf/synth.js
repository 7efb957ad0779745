// CDKTF 0.21 peer of the tfsynth scale benchmark.
//
//   node synth.js N [OUTDIR]
//
// Synthesizes ONE stack holding N copies of tfsynth's `demo` (the seed blog post's PrivateLink
// architecture as the tfsynth-privatelink constructs build it: service VPC with SSM endpoints,
// app instances behind an internal ALB with a self-signed certificate, an NLB in front, the
// endpoint service; consumer VPC with a client instance and the interface endpoint; the
// accepter), resource for resource: 66 resources and 7 data sources per copy, no outputs (as
// tfsynth's `scale` example). Each copy is a construct, written the way the CDKTF docs write programs: one import
// per resource module, typed props, tokens for references, `app.synth()`.
//
// OUTDIR defaults to a fresh temporary directory that is removed afterwards; the stack is
// written to OUTDIR/stacks/scale/cdk.tf.json.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const { App, TerraformStack, TerraformOutput, Fn, Token, propertyAccess } = require("cdktf");
const { Construct } = require("constructs");

const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { DataAwsAvailabilityZones } = require("@cdktf/provider-aws/lib/data-aws-availability-zones");
const { DataAwsRegion } = require("@cdktf/provider-aws/lib/data-aws-region");
const { DataAwsAmi } = require("@cdktf/provider-aws/lib/data-aws-ami");
const { DataAwsCallerIdentity } = require("@cdktf/provider-aws/lib/data-aws-caller-identity");
const { Vpc } = require("@cdktf/provider-aws/lib/vpc");
const { DefaultSecurityGroup } = require("@cdktf/provider-aws/lib/default-security-group");
const { Subnet } = require("@cdktf/provider-aws/lib/subnet");
const { RouteTable } = require("@cdktf/provider-aws/lib/route-table");
const { RouteTableAssociation } = require("@cdktf/provider-aws/lib/route-table-association");
const { SecurityGroup } = require("@cdktf/provider-aws/lib/security-group");
const { VpcSecurityGroupIngressRule } = require("@cdktf/provider-aws/lib/vpc-security-group-ingress-rule");
const { VpcSecurityGroupEgressRule } = require("@cdktf/provider-aws/lib/vpc-security-group-egress-rule");
const { VpcEndpoint } = require("@cdktf/provider-aws/lib/vpc-endpoint");
const { IamRole } = require("@cdktf/provider-aws/lib/iam-role");
const { IamRolePolicyAttachment } = require("@cdktf/provider-aws/lib/iam-role-policy-attachment");
const { IamInstanceProfile } = require("@cdktf/provider-aws/lib/iam-instance-profile");
const { Instance } = require("@cdktf/provider-aws/lib/instance");
const { Lb } = require("@cdktf/provider-aws/lib/lb");
const { LbTargetGroup } = require("@cdktf/provider-aws/lib/lb-target-group");
const { LbTargetGroupAttachment } = require("@cdktf/provider-aws/lib/lb-target-group-attachment");
const { LbListener } = require("@cdktf/provider-aws/lib/lb-listener");
const { AcmCertificate } = require("@cdktf/provider-aws/lib/acm-certificate");
const { VpcEndpointService } = require("@cdktf/provider-aws/lib/vpc-endpoint-service");
const { VpcEndpointServiceAllowedPrincipal } = require("@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal");
const { VpcEndpointConnectionAccepter } = require("@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter");
const { TlsProvider } = require("@cdktf/provider-tls/lib/provider");
const { PrivateKey } = require("@cdktf/provider-tls/lib/private-key");
const { SelfSignedCert } = require("@cdktf/provider-tls/lib/self-signed-cert");

const TAGS = { ManagedBy: "tfsynth", Project: "privatelink" };
const AZS = ["use1-az1", "use1-az2"];
const USERDATA = "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n";
const ASSUME_EC2 = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** The demo's tags on a resource called `name`. */
function tags(name) {
  return { ...TAGS, Name: name };
}

/** A security group rule (`aws_vpc_security_group_{ingress,egress}_rule`). */
function rule(scope, id, egress, sg, props) {
  const Rule = egress ? VpcSecurityGroupEgressRule : VpcSecurityGroupIngressRule;
  return new Rule(scope, id, { securityGroupId: sg.id, ipProtocol: "tcp", tags: tags(`${scope.node.id}_${id}`), ...props });
}

function securityGroup(scope, id, vpc, description) {
  const name = `${scope.node.id}_${id}`;
  return new SecurityGroup(scope, id, { name, description, vpcId: vpc.id, tags: tags(name) });
}

/** VPC, private subnets in two AZs, S3 gateway and SSM interface endpoints. */
class Network extends Construct {
  constructor(scope, id, cidr) {
    super(scope, id);
    const p = `${scope.node.id}_${id}`;
    const azs = new DataAwsAvailabilityZones(this, "azs", {
      state: "available",
      filter: [{ name: "zone-id", values: AZS }],
    });
    const region = new DataAwsRegion(this, "region", {});
    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tags(`${p}_vpc`),
      lifecycle: {
        precondition: [{
          condition: `\${length(${azs.fqn}.zone_ids) == 2}`,
          errorMessage: `availability zones ${AZS.join(", ")} are not all available in this region and account: list zones the region offers (aws ec2 describe-availability-zones)`,
        }],
      },
    });
    new DefaultSecurityGroup(this, "default_sg", { vpcId: this.vpc.id, tags: tags(`${p}_default_sg`) });
    const rt = new RouteTable(this, "private", { vpcId: this.vpc.id, tags: tags(`${p}_private`) });
    const base = cidr.split("/")[0].split(".");
    this.subnets = AZS.map((az, i) => {
      const sid = `subnet_${az.replace("-", "_")}`;
      const subnet = new Subnet(this, sid, {
        availabilityZoneId: az,
        cidrBlock: `${base[0]}.${base[1]}.${i * 16}.0/20`,
        mapPublicIpOnLaunch: false,
        vpcId: this.vpc.id,
        tags: tags(`${p}_${sid}`),
      });
      new RouteTableAssociation(this, `private_${az.replace("-", "_")}`, { routeTableId: rt.id, subnetId: subnet.id });
      return subnet;
    });
    this.s3 = new VpcEndpoint(this, "s3", {
      routeTableIds: [rt.id],
      serviceName: `com.amazonaws.${region.region}.s3`,
      vpcEndpointType: "Gateway",
      vpcId: this.vpc.id,
      tags: tags(`${p}_s3`),
    });
    const sg = securityGroup(this, "endpoints_sg", this.vpc, "HTTPS to the SSM interface endpoints from inside the VPC");
    rule(this, "endpoints_https", false, sg, {
      cidrIpv4: this.vpc.cidrBlock, description: "HTTPS from the VPC to the SSM endpoints", fromPort: 443, toPort: 443,
    });
    for (const svc of ["ssm", "ssmmessages", "ec2messages"]) {
      new VpcEndpoint(this, svc, {
        privateDnsEnabled: true,
        securityGroupIds: [sg.id],
        serviceName: `com.amazonaws.${region.region}.${svc}`,
        subnetIds: this.subnets.map((s) => s.id),
        vpcEndpointType: "Interface",
        vpcId: this.vpc.id,
        tags: tags(`${p}_${svc}`),
      });
    }
  }
}

/** The role, policy attachment and instance profile of SSM-managed instances. */
function ssmProfile(scope, p) {
  const role = new IamRole(scope, "role", {
    assumeRolePolicy: ASSUME_EC2,
    description: "EC2 instances managed through SSM Session Manager",
    namePrefix: `${p}_role`,
    tags: tags(`${p}_role`),
  });
  new IamRolePolicyAttachment(scope, "ssm_core", {
    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    role: role.name,
  });
  return new IamInstanceProfile(scope, "profile", { namePrefix: `${p}_profile`, role: role.name, tags: tags(`${p}_profile`) });
}

function al2023(scope) {
  return new DataAwsAmi(scope, "al2023", {
    owners: ["amazon"],
    mostRecent: true,
    filter: [
      { name: "name", values: ["al2023-ami-2023.*-x86_64"] },
      { name: "architecture", values: ["x86_64"] },
      { name: "virtualization-type", values: ["hvm"] },
    ],
  });
}

function instance(scope, id, p, ami, profile, subnet, sg, extra) {
  return new Instance(scope, id, {
    ami: ami.id,
    associatePublicIpAddress: false,
    ebsOptimized: true,
    iamInstanceProfile: profile.name,
    instanceType: "t3.micro",
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    monitoring: true,
    rootBlockDevice: { deleteOnTermination: true, encrypted: true, volumeType: "gp3" },
    subnetId: subnet.id,
    tags: tags(`${p}_${id}`),
    vpcSecurityGroupIds: [sg.id],
    ...extra,
  });
}

/** The service side: app instances, ALB with TLS, NLB, endpoint service. */
class Service extends Construct {
  constructor(scope, id) {
    super(scope, id);
    const d = scope.node.id;
    const net = new Network(this, "network", "10.0.0.0/16");
    const vpc = net.vpc;

    const app = new Construct(this, "app");
    const ap = `${d}_${id}_app`;
    const appSg = securityGroup(app, "sg", vpc, "App instances: HTTP from the ALB only");
    const appAmi = al2023(app);
    const appProfile = ssmProfile(app, ap);

    const alb = new Construct(this, "alb");
    const albSg = securityGroup(alb, "sg", vpc, "Internal ALB: HTTPS from the NLB only");
    const nlb = new Construct(this, "nlb");
    const nlbSg = securityGroup(nlb, "sg", vpc, "Internal NLB behind the endpoint service");

    rule(app, "http_from_alb", false, appSg, { description: "HTTP from the ALB", fromPort: 80, toPort: 80, referencedSecurityGroupId: albSg.id });
    rule(app, "egress_ssm", true, appSg, { cidrIpv4: vpc.cidrBlock, description: "HTTPS to the SSM endpoints in the VPC", fromPort: 443, toPort: 443 });
    rule(app, "egress_s3", true, appSg, { description: "HTTPS to S3 (package repositories) through the gateway endpoint", fromPort: 443, toPort: 443, prefixListId: net.s3.prefixListId });
    const instances = net.subnets.map((subnet, i) =>
      instance(app, `instance_${i}`, ap, appAmi, appProfile, subnet, appSg, { userData: USERDATA, userDataReplaceOnChange: true }));

    rule(alb, "https_from_nlb", false, albSg, { description: "HTTPS from the NLB", fromPort: 443, toPort: 443, referencedSecurityGroupId: nlbSg.id });
    rule(alb, "http_to_app", true, albSg, { description: "HTTP to the app instances", fromPort: 80, toPort: 80, referencedSecurityGroupId: appSg.id });
    const albLb = new Lb(alb, "lb", {
      desyncMitigationMode: "strictest",
      dropInvalidHeaderFields: true,
      enableDeletionProtection: false,
      internal: true,
      loadBalancerType: "application",
      name: `${d}-service-alb`,
      securityGroups: [albSg.id],
      subnets: net.subnets.map((s) => s.id),
      tags: tags(`${d}_${id}_alb_lb`),
    });
    const targets = new LbTargetGroup(alb, "targets", {
      healthCheck: { matcher: "200-399", path: "/", protocol: "HTTP" },
      name: `${d}-service-alb-tg`,
      port: 80,
      protocol: "HTTP",
      targetType: "instance",
      vpcId: vpc.id,
      tags: tags(`${d}_${id}_alb_targets`),
    });
    instances.forEach((inst, i) =>
      new LbTargetGroupAttachment(alb, `target_${i}`, { port: 80, targetGroupArn: targets.arn, targetId: inst.id }));
    const key = new PrivateKey(alb, "tls_key", { algorithm: "RSA", rsaBits: 2048, lifecycle: { createBeforeDestroy: true } });
    const cert = new SelfSignedCert(alb, "tls_cert", {
      allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
      dnsNames: ["service.privatelink.internal", albLb.dnsName],
      earlyRenewalHours: 720,
      privateKeyPem: key.privateKeyPem,
      subject: [{ commonName: "service.privatelink.internal", organization: "tfsynth PrivateLink demo" }],
      validityPeriodHours: 8760,
      lifecycle: { createBeforeDestroy: true },
    });
    const acm = new AcmCertificate(alb, "certificate", {
      certificateBody: cert.certPem,
      privateKey: key.privateKeyPem,
      tags: tags(`${d}_${id}_alb_certificate`),
      lifecycle: { createBeforeDestroy: true },
    });
    const https = new LbListener(alb, "https", {
      certificateArn: acm.arn,
      defaultAction: [{ targetGroupArn: targets.arn, type: "forward" }],
      loadBalancerArn: albLb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      tags: tags(`${d}_${id}_alb_https`),
    });

    rule(nlb, "to_alb", true, nlbSg, { description: "HTTPS to the ALB", fromPort: 443, toPort: 443, referencedSecurityGroupId: albSg.id });
    const nlbLb = new Lb(nlb, "lb", {
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: false,
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
      internal: true,
      loadBalancerType: "network",
      name: `${d}-service-nlb`,
      securityGroups: [nlbSg.id],
      subnets: net.subnets.map((s) => s.id),
      tags: tags(`${d}_${id}_nlb_lb`),
    });
    const albTarget = new LbTargetGroup(nlb, "alb_target", {
      healthCheck: { matcher: "200-399", path: "/", port: "443", protocol: "HTTPS" },
      name: `${d}-service-nlb-tg`,
      port: 443,
      protocol: "TCP",
      targetType: "alb",
      vpcId: vpc.id,
      tags: tags(`${d}_${id}_nlb_alb_target`),
    });
    new LbTargetGroupAttachment(nlb, "alb_attachment", {
      port: https.port,
      targetGroupArn: albTarget.arn,
      targetId: albLb.arn,
      dependsOn: [https],
    });
    new LbListener(nlb, "tcp", {
      defaultAction: [{ targetGroupArn: albTarget.arn, type: "forward" }],
      loadBalancerArn: nlbLb.arn,
      port: 443,
      protocol: "TCP",
      tags: tags(`${d}_${id}_nlb_tcp`),
    });

    const caller = new DataAwsCallerIdentity(this, "caller", {});
    this.endpointService = new VpcEndpointService(this, "endpoint_service", {
      acceptanceRequired: true,
      networkLoadBalancerArns: [nlbLb.arn],
      supportedIpAddressTypes: ["ipv4"],
      tags: tags(`${d}_${id}_endpoint_service`),
    });
    new VpcEndpointServiceAllowedPrincipal(this, "endpoint_principal_0", {
      principalArn: `arn:${Fn.element(Fn.split(":", caller.arn), 1)}:iam::${caller.accountId}:root`,
      vpcEndpointServiceId: this.endpointService.id,
    });
    this.tlsKey = key;
  }
}

/** The consumer side: its VPC, a client instance, the interface endpoint. */
class Consumer extends Construct {
  constructor(scope, id, service) {
    super(scope, id);
    const d = scope.node.id;
    const net = new Network(this, "network", "10.1.0.0/16");
    const vpc = net.vpc;
    const client = new Construct(this, "client");
    const cp = `${d}_${id}_client`;
    const clientSg = securityGroup(client, "sg", vpc, "Client instance: no inbound; the service port to the endpoint");
    const ami = al2023(client);
    const profile = ssmProfile(client, cp);
    const ep = new Construct(this, "endpoint");
    const epSg = securityGroup(ep, "sg", vpc, "PrivateLink endpoint: the service port from clients only");
    rule(ep, "from_group_0", false, epSg, { description: "Service port from the client group", fromPort: 443, toPort: 443, referencedSecurityGroupId: clientSg.id });
    this.endpoint = new VpcEndpoint(ep, "endpoint", {
      privateDnsEnabled: false,
      securityGroupIds: [epSg.id],
      serviceName: service.endpointService.serviceName,
      subnetIds: net.subnets.map((s) => s.id),
      vpcEndpointType: "Interface",
      vpcId: vpc.id,
      tags: tags(`${d}_${id}_endpoint_endpoint`),
    });
    rule(client, "to_endpoint", true, clientSg, { description: "Service port to the PrivateLink endpoint", fromPort: 443, toPort: 443, referencedSecurityGroupId: epSg.id });
    rule(client, "egress_ssm", true, clientSg, { cidrIpv4: vpc.cidrBlock, description: "HTTPS to the SSM endpoints in the VPC", fromPort: 443, toPort: 443 });
    rule(client, "egress_s3", true, clientSg, { description: "HTTPS to S3 (package repositories) through the gateway endpoint", fromPort: 443, toPort: 443, prefixListId: net.s3.prefixListId });
    this.instance = instance(client, "instance", cp, ami, profile, net.subnets[0], clientSg, { dependsOn: [this.endpoint] });
  }
}

/** One copy of the demo, and (with `outputs`) the demo stack's outputs, prefixed. */
class Demo extends Construct {
  constructor(scope, id, outputs) {
    super(scope, id);
    const service = new Service(this, "service");
    const consumer = new Consumer(this, "consumer", service);
    new VpcEndpointConnectionAccepter(this, "accept", {
      vpcEndpointId: consumer.endpoint.id,
      vpcEndpointServiceId: service.endpointService.id,
      dependsOn: [consumer.endpoint],
    });
    if (!outputs) {
      return;
    }
    const es = service.endpointService;
    const dnsNames = Token.asList(propertyAccess(consumer.endpoint.dnsEntry, ["*", "dns_name"]));
    const out = (name, value, description, extra) =>
      new TerraformOutput(this, name, { value, description, ...extra });
    out("service_name", es.serviceName, "Endpoint service name: the consumer's service_name variable");
    out("service_id", es.id, "Endpoint service id, to accept connection requests");
    out("service_availability_zones", AZS, "Zones the service serves: the consumer's service_availability_zones variable");
    out("service_port", 443, "TCP port consumers connect to: the consumer's service_port variable");
    out("private_dns_verification", Fn.one(es.privateDnsNameConfiguration),
      "TXT record proving ownership of the private DNS name (null without one)");
    out("endpoint_id", consumer.endpoint.id, "Interface endpoint id");
    out("endpoint_dns_names", dnsNames, "DNS names of the interface endpoint");
    out("endpoint_urls", Fn.formatlist("https://%s:443", [dnsNames]),
      "URLs to curl from the client instance (self-signed certificate: curl -k)");
    out("client_instance_id", consumer.instance.id, "Client instance: aws ssm start-session --target <id>");
    out("demo_tls_private_key", service.tlsKey.privateKeyPem, "The self-signed certificate's private key (demo only)", { sensitive: true });
  }
}

// The copies carry no outputs, as in tfsynth's `scale` example (the `demo` stack's 10 outputs
// are in Demo, for N = 1 comparisons with `tfsynth synth`).
const OUTPUTS = false;

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
  new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: TAGS }] });
  new TlsProvider(stack, "tls", {});
  for (let i = 0; i < n; i++) {
    new Demo(stack, `demo${i}`, OUTPUTS);
  }
  app.synth();
  if (!given) {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();

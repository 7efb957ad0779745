//! The module form of the `service` and `consumer` stacks ([`ShippedStack::build_module`]):
//! what a caller sets is a typed `variable` whose validations say what the constructs say
//! when they refuse a value (same words, with the variable's name), so a Terraform user who
//! passes a bad CIDR, zones of another region or no principals is stopped at `terraform
//! plan`. The configuration gives the variables' defaults; provider configuration is left to
//! [`Stack::into_module`](tfsynth::Stack), which strips it.
//!
//! [`ShippedStack::build_module`]: crate::stacks::ShippedStack::build_module

use tfsynth::functions::{
    alltrue, can, cidrhost, distinct, join, jsonencode, length, lookup, regex, split, startswith,
    tonumber, try_,
};
use tfsynth::{cond, template, Declare, Expr, For, List, Number, Stack, Variable};
use tfsynth_aws::data;

use crate::config::ConsumerVpc;
use crate::consumer::{ConsumerNetwork, PrivateLinkConsumer, ServiceRef};
use crate::network::{NetworkInputs, AZ_ID_PATTERN};
use crate::service::ListenerCertificate;
use crate::service::PrivateLinkService;
use crate::sources::CertificateSource;
use crate::stacks::{Built, ConsumerConfig, ServiceConfig};
use crate::{Cidr, Error};

/// Validations that refer to other objects (the provider's region) need Terraform 1.9.
const REQUIRED_VERSION: &str = ">= 1.9";
/// A zone name: the region's name and one letter (`us-east-1a`).
const AZ_NAME_PATTERN: &str = "^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$";
/// What [`crate::PrincipalArn`] accepts.
const PRINCIPAL_PATTERN: &str =
    r"^arn:aws(-[a-z-]+)?:iam::\d{12}:(root|role/[\w+=,.@/-]+|user/[\w+=,.@/-]+)$";
/// What [`crate::CertificateArn`] accepts.
const CERTIFICATE_PATTERN: &str = r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$";
/// An IPv4 block as [`Cidr`] parses it.
const CIDR_PATTERN: &str = r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})$";

/// The first element of `list` for which `bad` holds, quoted as the constructs quote values
/// (`"use1-az9"`); only read when a validation failed, so one exists.
fn first_bad(
    list: &Expr<List<String>>,
    bad: impl FnOnce(Expr<String>) -> Expr<bool>,
) -> Expr<String> {
    let matches = For::values("z", list).filter(|_, z| bad(z)).to_list(|z| z);
    try_((jsonencode(matches.at(0)), String::new()))
}

/// The first element of `list` listed a second time, quoted.
fn first_duplicate(list: &Expr<List<String>>) -> Expr<String> {
    let again = For::entries("i", "z", list)
        .filter(|i, z| {
            tfsynth::functions::index(list.clone(), z)
                .cast::<Number>()
                .not_equals(i)
        })
        .to_list(|z| z);
    try_((jsonencode(again.at(0)), String::new()))
}

/// `z` is a zone id or a zone name.
fn is_zone(z: Expr<String>) -> Expr<bool> {
    can(regex(AZ_ID_PATTERN, z.clone())).or(can(regex(AZ_NAME_PATTERN, z)))
}

fn is_zone_id(z: Expr<String>) -> Expr<bool> {
    can(regex(AZ_ID_PATTERN, z))
}

/// The prefix length of a block, or `-1` when it is not one.
fn prefix(cidr: &Expr<String>) -> Expr<Number> {
    try_((tonumber(split("/", cidr.clone()).at(1)), -1))
}

/// The zone-id code of every region tfsynth knows (`us-east-1` -> `use1`).
fn zone_codes(scope: &mut impl Declare) -> Expr<tfsynth::Map<String>> {
    let codes: Vec<(&str, &str)> = crate::regions::zone_id_codes().to_vec();
    scope.local("zone_id_codes", codes)
}

/// The `vpc_cidr` variable, with the checks [`Cidr`] and the network make.
fn vpc_cidr_variable(
    scope: &mut impl Declare,
    default: Cidr,
    newbits: u8,
    zones: &Expr<List<String>>,
    what: &str,
) -> Expr<String> {
    let count = length(zones.clone());
    scope.variable(
        "vpc_cidr",
        Variable::<String>::new()
            .description(format!(
                "The {what} VPC's IPv4 block, /16 to /28; one subnet per zone is carved from it ({newbits} new bits each)"
            ))
            .default_value(default.to_string())
            .nullable(false)
            .validation(
                |v| {
                    can(regex(CIDR_PATTERN, v.clone()))
                        .and(can(cidrhost(v.clone(), 0)))
                },
                template!(
                    "invalid cidr block ",
                    jsonencode(v_ref::<String>("vpc_cidr")),
                    ": not an IPv4 block; write it as A.B.C.D/N, e.g. 10.0.0.0/16"
                ),
            )
            .validation(
                |v| {
                    try_((
                        cidrhost(v.clone(), 0).equals(split("/", v.clone()).at(0)),
                        tfsynth::Value::from(true),
                    ))
                },
                template!(
                    "cidr block ",
                    jsonencode(v_ref::<String>("vpc_cidr")),
                    " has bits set past its prefix; use the network address \"",
                    try_((cidrhost(v_ref::<String>("vpc_cidr"), 0), String::new())),
                    "/",
                    try_((split("/", v_ref::<String>("vpc_cidr")).at(1), String::new())),
                    "\""
                ),
            )
            .validation(
                |v| {
                    let p = prefix(v);
                    p.equals(-1).or(p.ge(16).and(p.le(28)))
                },
                template!(
                    "vpc cidr block ",
                    jsonencode(v_ref::<String>("vpc_cidr")),
                    " is outside the sizes aws accepts; use a prefix between /16 and /28"
                ),
            )
            .validation(
                |v| {
                    let p = prefix(v);
                    p.clone().equals(-1).or((p + i64::from(newbits))
                        .le(28)
                        .and(count.clone().le(1_i64 << newbits.min(62))))
                },
                template!(
                    count.clone(),
                    " subnets of ",
                    newbits.to_string(),
                    " new bits do not fit in ",
                    jsonencode(v_ref::<String>("vpc_cidr")),
                    "; use a larger vpc block or fewer/more newbits (prefix + newbits must be at most 28)"
                ),
            ),
    )
}

/// A reference to the variable `name` (for error messages, which may name the value).
fn v_ref<T>(name: &str) -> Expr<T> {
    Expr::from_raw(tfsynth::RawExpr::Ref(tfsynth::RefRoot::Var(
        name.to_owned(),
    )))
}

/// The `availability_zones` variable: zone ids or names of the provider's region, each once,
/// 2 to 6 of them (`min` for the consumer: 1), or none for `fallback`.
fn zones_variable(
    scope: &mut impl Declare,
    region: &Expr<String>,
    region_zones: &Expr<List<String>>,
    codes: &Expr<tfsynth::Map<String>>,
    min: usize,
    description: &str,
) -> Expr<List<String>> {
    let name = "availability_zones";
    let me = || v_ref::<List<String>>(name);
    let code = lookup(codes.clone(), region.clone(), String::new());
    let in_region = {
        let region = region.clone();
        let code = code.clone();
        move |z: Expr<String>| {
            cond(
                is_zone_id(z.clone()),
                code.clone()
                    .equals("")
                    .or(startswith(z.clone(), template!(code.clone(), "-"))),
                startswith(z.clone(), region.clone())
                    .and(length(z).equals(length(region.clone()) + 1)),
            )
        }
    };
    let in_region_msg = in_region.clone();
    scope.variable(
        name,
        Variable::<List<String>>::new()
            .description(description.to_owned())
            .default_value(Vec::<String>::new())
            .nullable(false)
            .validation(
                |v| alltrue(For::values("z", v).to_list(is_zone)),
                template!(
                    first_bad(&me(), |z| !is_zone(z)),
                    " is not an availability zone; use a zone id such as \"use1-az1\" (the same in every account) or a zone name such as \"us-east-1a\""
                ),
            )
            .validation(
                |v| length(distinct(v.clone())).equals(length(v.clone())),
                template!(
                    "availability zone ",
                    first_duplicate(&me()),
                    " is listed twice; list each zone once"
                ),
            )
            .validation(
                |v| {
                    let ids = For::values("z", v).to_list(is_zone_id);
                    let names = For::values("z", v).to_list(|z| !is_zone_id(z));
                    alltrue(ids).or(alltrue(names))
                },
                template!(
                    "availability zones [",
                    join(", ", me()),
                    "] mix zone ids and zone names; use zone ids only (recommended) or names only"
                ),
            )
            .validation(
                |v| {
                    let n = length(v.clone());
                    n.equals(0).or(n.ge(min))
                },
                template!(
                    if min == 1 { "a network" } else { "application load balancer" },
                    " needs at least ",
                    min.to_string(),
                    " availability zones, got ",
                    length(me()),
                    "; list ",
                    min.to_string(),
                    " or more"
                ),
            )
            .validation(
                |v| length(v.clone()).le(6),
                template!(
                    length(me()),
                    " availability zones given, at most 6 are supported; list fewer"
                ),
            )
            .validation(
                move |v| alltrue(For::values("z", v).to_list(in_region)),
                template!(
                    "availability zone ",
                    first_bad(&me(), move |z| !in_region_msg(z)),
                    " is not a zone of the provider's region ",
                    region.clone(),
                    "; list zones of ",
                    region.clone(),
                    " (",
                    join(", ", region_zones.clone()),
                    "), or leave availability_zones empty for the region's default zones"
                ),
            ),
    )
}

/// The region of the provider the caller passes, and the ids of its available zones.
fn provider_region(scope: &mut impl Declare) -> (Expr<String>, Expr<List<String>>) {
    let region = scope.data("region", data::Region::new());
    let zones = scope.data(
        "region_azs",
        data::AvailabilityZones::new()
            .state("available")
            .add_filter(data::availability_zones::Filter::new(
                data::availability_zones::FilterArgs {
                    name: "opt-in-status".into(),
                    values: ["opt-in-not-required"].into(),
                },
            )),
    );
    (region.region(), zones.zone_ids())
}

/// The `service` stack as a module.
pub(crate) fn service(config: &ServiceConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    stack.required_version(REQUIRED_VERSION);
    let tags = config.common.tags.clone();
    let options = config.service.clone();
    let (region, region_zones) = provider_region(&mut stack);
    let codes = zone_codes(&mut stack);
    let zones_in = zones_variable(
        &mut stack,
        &region,
        &region_zones,
        &codes,
        2,
        "Zones of the provider's region for the service (ids such as use1-az1 are recommended: the same in every account), 2 to 6; empty means the region's first two zone ids",
    );
    let zones = stack.local(
        "availability_zones",
        cond(
            length(zones_in.clone()).equals(0),
            tfsynth::functions::slice(region_zones.clone(), 0, 2).cast::<List<String>>(),
            zones_in,
        ),
    );
    let cidr = vpc_cidr_variable(
        &mut stack,
        options.network.cidr,
        options.network.subnet_newbits,
        &zones,
        "service",
    );
    let principals = stack.variable(
        "allowed_principals",
        Variable::<List<String>>::new()
            .description("IAM principals allowed to connect to the endpoint service (arn:aws:iam::ACCOUNT:root, ...:role/NAME or ...:user/NAME); connections still need acceptance")
            .nullable(false)
            .validation(
                |v| length(v.clone()).gt(0),
                "no allowed principals: nobody could connect to the endpoint service; list at least one iam principal arn",
            )
            .validation(
                |v| alltrue(For::values("p", v).to_list(|p| can(regex(PRINCIPAL_PATTERN, p)))),
                template!(
                    "principal ",
                    first_bad(&v_ref::<List<String>>("allowed_principals"), |p| !can(regex(PRINCIPAL_PATTERN, p))),
                    " is not an iam principal arn; use arn:aws:iam::123456789012:root, ...:role/NAME or ...:user/NAME"
                ),
            )
            .validation(
                |v| length(distinct(v.clone())).equals(length(v.clone())),
                template!(
                    "allowed_principals lists ",
                    first_duplicate(&v_ref("allowed_principals")),
                    " twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
                ),
            ),
    );
    let certificate = stack.variable(
        "certificate_arn",
        Variable::<String>::new()
            .description("ACM certificate of the internal ALB's HTTPS listener, in the provider's region")
            .nullable(false)
            .validation(
                |v| can(regex(CERTIFICATE_PATTERN, v.clone())),
                template!(
                    "acm certificate ",
                    jsonencode(v_ref::<String>("certificate_arn")),
                    " is not a valid arn; use the form arn:aws:acm:us-east-1:123456789012:certificate/ID"
                ),
            ),
    );
    let mut props = options.into_props(tags)?;
    props.network.inputs = Some(NetworkInputs { cidr, zones });
    props.alb.certificate = ListenerCertificate::Acm(CertificateSource::Expression(certificate));
    props.endpoint_service.principals = Vec::new();
    props.endpoint_service.principal_list = Some(principals);
    let h = PrivateLinkService::new(&mut stack, "service", props)?;
    h.add_outputs(&mut stack);
    Ok(Built {
        stack,
        warnings: h.warnings.iter().map(ToString::to_string).collect(),
    })
}

/// The `consumer` stack as a module.
pub(crate) fn consumer(config: &ConsumerConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    stack.required_version(REQUIRED_VERSION);
    let tags = config.common.tags.clone();
    let (region, region_zones) = provider_region(&mut stack);
    let codes = zone_codes(&mut stack);
    let (name, azs, port) = crate::stacks::service_variables(&mut stack, config);
    let mut options = config.consumer.clone();
    let new_network = match &mut options.vpc {
        ConsumerVpc::New(n) => Some(n.clone()),
        ConsumerVpc::Existing { .. } => None,
    };
    let service = ServiceRef::External {
        name,
        azs: Vec::new(),
        azs_expr: Some(azs.clone()),
        port: config.service_port,
        port_expr: Some(port),
    };
    let mut props = options.into_props(service, tags)?;
    if let (Some(n), ConsumerNetwork::New { network, .. }) = (new_network, &mut props.vpc) {
        let zones_in = zones_variable(
            &mut stack,
            &region,
            &region_zones,
            &codes,
            1,
            "Zones of the consumer VPC's subnets, among the service's (ids recommended), 1 to 6; empty means the service's zones (service_availability_zones)",
        );
        let zones = stack.local(
            "availability_zones",
            cond(length(zones_in.clone()).equals(0), azs.clone(), zones_in),
        );
        let cidr = vpc_cidr_variable(&mut stack, n.cidr, n.subnet_newbits, &zones, "consumer");
        network.inputs = Some(NetworkInputs { cidr, zones });
    }
    let h = PrivateLinkConsumer::new(&mut stack, "consumer", props)?;
    h.add_outputs(&mut stack, config.service_port);
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

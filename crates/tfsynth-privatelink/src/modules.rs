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
use tfsynth::{cond, template, Declare, Expr, For, List, Number, Output, Stack, Variable};
use tfsynth_aws::data;

use crate::consumer::{ConsumerNetwork, PrivateLinkConsumer, ServiceRef};
use crate::consumer::{InterfaceEndpoint, InterfaceEndpointProps};
use crate::network::{NetworkInputs, AZ_ID_PATTERN};
use crate::service::ListenerCertificate;
use crate::service::PrivateLinkService;
use crate::sources::CertificateSource;
use crate::sources::VpcSource;
use crate::stacks::{Built, ConsumerConfig, EndpointConfig, ServiceConfig};
use crate::{
    CertificateArn, Cidr, Error, InstanceType, Port, PrincipalArn, SecurityGroupId, ServiceName,
    SubnetId, VpcId,
};

/// Validations that refer to other objects (the provider's region) need Terraform 1.9.
const REQUIRED_VERSION: &str = ">= 1.9";
/// A zone name: the region's name and one letter (`us-east-1a`).
const AZ_NAME_PATTERN: &str = "^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$";
/// The pattern of a value type that has one; a type without one does not compile here.
const fn pattern(p: Option<&'static str>) -> &'static str {
    match p {
        Some(p) => p,
        None => panic!("this value type has no pattern"),
    }
}
const PRINCIPAL_PATTERN: &str = pattern(PrincipalArn::PATTERN);
const CERTIFICATE_PATTERN: &str = pattern(CertificateArn::PATTERN);
const SERVICE_NAME_PATTERN: &str = pattern(ServiceName::PATTERN);
const INSTANCE_TYPE_PATTERN: &str = pattern(InstanceType::PATTERN);
/// An IPv4 block as [`Cidr`] parses it: octets 0 to 255 without leading zeros, prefix 0 to 32.
const CIDR_PATTERN: &str =
    r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)/(3[0-2]|[12]?\d)$";
/// The prefix part of a block.
const PREFIX_PATTERN: &str = r"^(3[0-2]|[12]?\d)$";

/// The elements of `list` for which `bad` holds.
fn matching(
    list: &Expr<List<String>>,
    bad: impl FnOnce(Expr<String>) -> Expr<bool>,
) -> Expr<List<String>> {
    For::values("z", list).filter(|_, z| bad(z)).to_list(|z| z)
}

/// The first element of `list` for which `bad` holds, quoted as the constructs quote values
/// (`"use1-az9"`); only read when a validation failed, so one exists.
fn first_bad(
    list: &Expr<List<String>>,
    bad: impl FnOnce(Expr<String>) -> Expr<bool>,
) -> Expr<String> {
    try_((jsonencode(matching(list, bad).at(0)), String::new()))
}

/// The first element of `list` for which `bad` holds, as it is ("" when none).
fn first_where(
    list: &Expr<List<String>>,
    bad: impl FnOnce(Expr<String>) -> Expr<bool>,
) -> Expr<String> {
    try_((matching(list, bad).at(0), String::new()))
}

/// `var` (the list variable `name`) refusing a value listed twice, in
/// [`Error::Duplicate`]'s words.
fn each_once(var: Variable<List<String>>, name: &str) -> Variable<List<String>> {
    var.validation(
        |v| length(distinct(v.clone())).equals(length(v.clone())),
        template!(
            name.to_owned(),
            " lists ",
            first_duplicate(&v_ref(name)),
            " twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
        ),
    )
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

/// `body(name)` with `name` bound to `value`, evaluated once: `[for name in [value] : body][0]`
/// (HCL has no `let`; a validation message cannot use a local that reads the variable).
fn let_in<U>(
    name: &str,
    value: Expr<String>,
    body: impl FnOnce(Expr<String>) -> Expr<U>,
) -> Expr<U> {
    let one: Expr<List<String>> = tfsynth::Value::from(vec![value]).into_expr();
    For::values(name, &one).to_list(body).at(0)
}

/// `z` is a zone id or a zone name.
fn is_zone(z: Expr<String>) -> Expr<bool> {
    can(regex(AZ_ID_PATTERN, z.clone())).or(can(regex(AZ_NAME_PATTERN, z)))
}

fn is_zone_id(z: Expr<String>) -> Expr<bool> {
    can(regex(AZ_ID_PATTERN, z))
}

/// Why `cidr` is not a block, in [`Cidr`]'s words (read only when it is not one).
fn cidr_reason(cidr: &Expr<String>) -> Expr<String> {
    let parts = split("/", cidr.clone());
    let octets = try_((length(split(".", parts.at(0))), tfsynth::Value::from(0)));
    cond(
        length(parts.clone()).lt(2),
        "the prefix length (/N) is missing",
        cond(
            !can(regex(PREFIX_PATTERN, try_((parts.at(1), String::new())))),
            "the prefix length must be a number from 0 to 32",
            cond(
                octets.not_equals(4),
                "the address must have four dot-separated octets",
                "each octet must be a number from 0 to 255 without leading zeros",
            ),
        ),
    )
}

/// The prefix length of a block, or `-1` when it is not one (that validation speaks then).
fn prefix(cidr: &Expr<String>) -> Expr<Number> {
    cond(
        can(regex(CIDR_PATTERN, cidr.clone())),
        try_((tonumber(split("/", cidr.clone()).at(1)), -1)),
        -1,
    )
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
                |v| can(regex(CIDR_PATTERN, v.clone())),
                template!(
                    "invalid cidr block ",
                    jsonencode(v_ref::<String>("vpc_cidr")),
                    ": ",
                    cidr_reason(&v_ref("vpc_cidr")),
                    "; write it as A.B.C.D/N, e.g. 10.0.0.0/16"
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

/// The key of the first tag of `tags` (in key order) for which `bad` holds ("" when none).
fn first_tag(
    tags: &Expr<tfsynth::Map<String>>,
    bad: impl FnOnce(Expr<String>, Expr<String>) -> Expr<bool>,
) -> Expr<String> {
    let keys = For::entries("k", "v", tags)
        .filter(bad)
        .to_list_kv(|k, _| k);
    try_((keys.at(0), String::new()))
}

/// Whether `ok` holds for every tag of `tags`.
fn every_tag(
    tags: &Expr<tfsynth::Map<String>>,
    ok: impl FnOnce(Expr<String>, Expr<String>) -> Expr<bool>,
) -> Expr<bool> {
    alltrue(For::entries("k", "v", tags).to_list_kv(ok))
}

/// A character of a tag that [`crate::check_tags`] refuses.
const TAG_BAD_CHAR: &str = r"[^\p{L}\p{N} +=._:/@-]";

/// The `tags` variable, with the checks [`crate::check_tags`] makes (same words): every
/// resource that has tags gets `merge(var.tags, {Name = ...})` ([`Stack::merge_tags`]).
fn tags_variable(scope: &mut impl Declare, default: &crate::Tags) -> Expr<tfsynth::Map<String>> {
    let me = || v_ref::<tfsynth::Map<String>>("tags");
    let key_len = let_in("k", first_tag(&me(), |k, _| length(k).gt(128)), |k| {
        template!(
            "tag ",
            jsonencode(k.clone()),
            " has a key of ",
            length(k),
            " characters, the limit is 128; use a shorter key"
        )
    });
    let value_len = let_in("k", first_tag(&me(), |_, v| length(v).gt(256)), |k| {
        template!(
            "tag ",
            jsonencode(k.clone()),
            " has a value of ",
            length(lookup(me(), k, String::new())),
            " characters, the limit is 256; use a shorter value"
        )
    });
    let bad_char = |k: Expr<String>, v: Expr<String>| can(regex(TAG_BAD_CHAR, template!(k, v)));
    let char_message = let_in("k", first_tag(&me(), bad_char), |k| {
        template!(
            "tag ",
            jsonencode(k.clone()),
            " has the character '",
            try_((
                regex(
                    TAG_BAD_CHAR,
                    template!(k.clone(), lookup(me(), k, String::new()))
                ),
                String::new()
            )),
            "' in its key or value; use letters, digits, spaces and + - = . _ : / @"
        )
    });
    let with_name = || {
        let name: tfsynth::Value<tfsynth::Map<String>> = tfsynth::Value::from([("Name", "")]);
        length(tfsynth::functions::merge((me(), name)))
    };
    let defaults: Vec<(&str, &str)> = default
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    scope.variable(
        "tags",
        Variable::<tfsynth::Map<String>>::new()
            .description(format!(
                "Tags of every resource the module creates that takes tags, next to its Name tag (the Name wins on a clash); at most {} tags besides Name",
                crate::MAX_TAGS - 1
            ))
            .default_value(defaults)
            .nullable(false)
            .validation(
                |v| every_tag(v, |k, _| k.not_equals("")),
                "tag \"\" has an empty key; give every tag a key",
            )
            .validation(
                |v| every_tag(v, |k, _| !startswith(tfsynth::functions::lower(k), "aws:")),
                template!(
                    "tag ",
                    jsonencode(first_tag(&me(), |k, _| startswith(
                        tfsynth::functions::lower(k),
                        "aws:"
                    ))),
                    " starts with \"aws:\", which aws reserves for its own tags; use another prefix"
                ),
            )
            .validation(
                |v| every_tag(v, |k, _| length(k).le(128)),
                key_len,
            )
            .validation(
                |v| every_tag(v, |_, v| length(v).le(256)),
                value_len,
            )
            .validation(
                |v| every_tag(v, |k, v| !bad_char(k, v)),
                char_message,
            )
            .validation(
                |_| with_name().le(crate::MAX_TAGS as i64),
                template!(
                    "each resource would get ",
                    with_name(),
                    " tags (the ones given and the constructs' Name tag), aws allows at most 50; give at most 49 tags"
                ),
            ),
    )
}

/// What the zones variable checks against: the provider's region and the tables of known
/// regions (zone-id codes and default zones).
struct RegionFacts {
    /// `data.aws_region...region`.
    region: Expr<String>,
    /// `local.zone_id_codes`: region -> code.
    codes: Expr<tfsynth::Map<String>>,
    /// `local.default_zone_ids`: region -> its default zone ids.
    defaults: Expr<tfsynth::Map<List<String>>>,
    /// The available zone ids of the provider's region (the fallback default).
    available: Expr<List<String>>,
}

impl RegionFacts {
    fn declare(scope: &mut impl Declare) -> Self {
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
        let codes: Vec<(&str, &str)> = crate::regions::zone_id_codes().to_vec();
        let codes = scope.local("zone_id_codes", codes);
        let defaults: Vec<(&str, Vec<String>)> = crate::regions::default_zone_ids();
        let defaults = scope.local("default_zone_ids", defaults);
        let region = scope.local("region", region.region());
        Self {
            region,
            codes,
            defaults,
            available: zones.zone_ids(),
        }
    }

    /// The region's default zones: the table's, else its first two available zone ids (what
    /// [`crate::Region::default_azs`] gives).
    fn default_zones(&self) -> Expr<List<String>> {
        let fallback: Expr<List<String>> =
            tfsynth::functions::slice(self.available.clone(), 0, 2).cast();
        lookup(self.defaults.clone(), self.region.clone(), fallback)
    }

    /// `z` is a zone of the provider's region (unknown regions: ids of known regions are not).
    fn holds(&self, z: Expr<String>) -> Expr<bool> {
        let code = lookup(self.codes.clone(), self.region.clone(), String::new());
        let known_code = |z: Expr<String>| {
            let head = split("-", z).at(0);
            tfsynth::functions::contains(tfsynth::functions::values(self.codes.clone()), head)
        };
        cond(
            is_zone_id(z.clone()),
            cond(
                code.clone().equals(""),
                !known_code(z.clone()),
                startswith(z.clone(), template!(code, "-")),
            ),
            startswith(z.clone(), self.region.clone())
                .and(length(z).equals(length(self.region.clone()) + 1)),
        )
    }

    /// The region of zone `z` when it can be told, else "".
    fn region_of(&self, z: Expr<String>) -> Expr<String> {
        let by_code = For::entries("r", "c", &self.codes).to_map(|_, c| c, |r, _| r);
        cond(
            is_zone_id(z.clone()),
            lookup(by_code, split("-", z.clone()).at(0), String::new()),
            tfsynth::functions::substr(z.clone(), 0, length(z) - 1),
        )
    }

    /// Zones of the region to suggest, of the kind `z` is (as the constructs suggest them).
    fn suggestion(&self, z: Expr<String>) -> Expr<String> {
        let quoted = For::values("d", &self.default_zones()).to_list(jsonencode);
        cond(
            is_zone_id(z),
            cond(
                tfsynth::functions::contains(
                    tfsynth::functions::keys(self.defaults.clone()),
                    self.region.clone(),
                ),
                join(", ", quoted),
                template!(
                    "the zone ids `aws ec2 describe-availability-zones --region ",
                    self.region.clone(),
                    "` lists"
                ),
            ),
            template!(
                "\"",
                self.region.clone(),
                "a\", \"",
                self.region.clone(),
                "b\""
            ),
        )
    }
}

/// The `availability_zones` variable: zone ids or names of the provider's region, each once,
/// `min` to 6 of them, or none for the default.
fn zones_variable(
    scope: &mut impl Declare,
    facts: &RegionFacts,
    min: usize,
    description: &str,
) -> Expr<List<String>> {
    let name = "availability_zones";
    let me = || v_ref::<List<String>>(name);
    let first = first_where(&me(), |z| !facts.holds(z));
    // Bound once each (`[for first in [...] : ...][0]`), so the message names the zone, its
    // region and the suggestion without repeating the search in the module's text.
    let message = let_in("first", first, |first| {
        template!(
            "availability zone ",
            jsonencode(first.clone()),
            let_in(
                "home",
                try_((facts.region_of(first.clone()), String::new())),
                |home| cond(
                    home.equals(""),
                    template!(
                        " is not a zone of the provider's region ",
                        facts.region.clone()
                    ),
                    template!(
                        " is in ",
                        home,
                        ", not in the provider's region ",
                        facts.region.clone()
                    ),
                ),
            ),
            "; list zones of ",
            facts.region.clone(),
            " (",
            facts.suggestion(first),
            "), or leave availability_zones empty for the region's default zones"
        )
    });
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
                    if min == 1 { "network" } else { "application load balancer" },
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
                |v| alltrue(For::values("z", v).to_list(|z| facts.holds(z))),
                message,
            ),
    )
}

/// The `service` stack as a module.
pub(crate) fn service(config: &ServiceConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    stack.required_version(REQUIRED_VERSION);
    // The configuration's tags are the `tags` variable's default, merged in at the end.
    let tags = crate::Tags::new();
    let options = config.service.clone();
    let facts = RegionFacts::declare(&mut stack);
    let zones_in = zones_variable(
        &mut stack,
        &facts,
        2,
        "Zones of the provider's region for the service (ids such as use1-az1 are recommended: the same in every account), 2 to 6; empty means the region's default zones (use1-az1, use1-az2 in us-east-1)",
    );
    let zones = stack.local(
        "availability_zones",
        cond(
            length(zones_in.clone()).equals(0),
            facts.default_zones(),
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
    let principals = Variable::<List<String>>::new()
            .description("IAM principals allowed to connect to the endpoint service (arn:aws:iam::ACCOUNT:root, ...:role/NAME or ...:user/NAME); connections still need acceptance")
            .example(vec!["arn:aws:iam::222233334444:root".to_owned()])
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
            );
    let principals = stack.variable(
        "allowed_principals",
        each_once(principals, "allowed_principals"),
    );
    let certificate = stack.variable(
        "certificate_arn",
        Variable::<String>::new()
            .description("ACM certificate of the internal ALB's HTTPS listener, in the provider's region")
            .example("arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab")
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
    let instance_count = match &options.app.targets {
        crate::AppTargets::Nginx { instance_count, .. } => Some(stack.variable(
            "instance_count",
            Variable::<Number>::new()
                .description("How many nginx instances run behind the ALB, 1 to 20, spread round the zones")
                .default_value(i64::from(*instance_count))
                .nullable(false)
                .validation(
                    |v| v.clone().ge(1),
                    Error::NoTargets.to_string(),
                )
                .validation(
                    |v| v.clone().le(20).and(tfsynth::functions::floor(v.clone()).equals(v.clone())),
                    template!(
                        "instance count ",
                        v_ref::<Number>("instance_count"),
                        " is out of range; use a value between 1 and 20"
                    ),
                ),
        )),
        crate::AppTargets::Instances(_) => None,
    };
    let instance_type = match &options.app.targets {
        crate::AppTargets::Nginx { instance_type, .. } => Some(stack.variable(
            "instance_type",
            Variable::<String>::new()
                .description("EC2 instance type of the nginx instances behind the ALB (family.size)")
                .default_value(instance_type.as_str().to_owned())
                .nullable(false)
                .validation(
                    |v| {
                        can(regex(INSTANCE_TYPE_PATTERN, v.clone()))
                            .and(length(v.clone()).le(32))
                    },
                    template!(
                        "instance type ",
                        jsonencode(v_ref::<String>("instance_type")),
                        " is not an ec2 instance type; write it as family.size, e.g. t3.micro or m7g.large"
                    ),
                ),
        )),
        crate::AppTargets::Instances(_) => None,
    };
    let deletion_protection = stack.variable(
        "deletion_protection",
        Variable::<bool>::new()
            .description("Deletion protection of the ALB and the NLB; switch it off before destroying the module")
            .default_value(true)
            .nullable(false),
    );
    let mut props = options.into_props(tags)?;
    // The configuration always makes a new network.
    if let crate::ServiceNetwork::New(network) = &mut props.network {
        network.inputs = Some(NetworkInputs { cidr, zones });
    }
    props.app.instance_type_input = instance_type;
    props.app.instance_count_input = instance_count;
    props.alb.deletion_protection = deletion_protection.clone().into();
    props.nlb.deletion_protection = deletion_protection.into();
    props.alb.certificate = ListenerCertificate::Acm(CertificateSource::Expression(certificate));
    props.endpoint_service.principals = Vec::new();
    props.endpoint_service.principal_list = Some(principals);
    let h = PrivateLinkService::new(&mut stack, "service", props)?;
    h.add_outputs(&mut stack);
    // What a caller builds next to the module: more targets, rules, alarms, DNS.
    let outputs = [
        ("vpc_id", h.placement.vpc_id.clone(), "The service VPC's id"),
        (
            "alb_arn",
            h.alb.lb.arn(),
            "The internal application load balancer (HTTPS listener, nginx targets)",
        ),
        (
            "alb_security_group_id",
            h.alb.security_group.id(),
            "The ALB's security group (HTTPS from the NLB only)",
        ),
        (
            "nlb_arn",
            h.nlb.lb.arn(),
            "The network load balancer behind the endpoint service",
        ),
    ];
    for (name, value, description) in outputs {
        stack.output(name, Output::new(value).description(description));
    }
    stack.output(
        "subnet_ids",
        Output::new(h.placement.subnet_ids())
            .description("The service VPC's private subnets, one per zone"),
    );
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
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
    // The configuration's tags are the `tags` variable's default, merged in at the end.
    let tags = crate::Tags::new();
    let facts = RegionFacts::declare(&mut stack);
    let (name, azs, port) = crate::stacks::service_variables(&mut stack, config);
    let service = ServiceRef::External {
        name,
        azs: Vec::new(),
        azs_expr: Some(azs.clone()),
        port: config.service_port,
        port_expr: Some(port),
    };
    let mut props = config.consumer.clone().into_props(service, tags)?;
    if let ConsumerNetwork::New {
        client_instance: Some(instance_type),
        ..
    } = &props.vpc
    {
        let description = format!(
            "Run a {} test instance in the consumer VPC (SSM Session Manager, no SSH) to reach the service from; false for none",
            instance_type.as_str()
        );
        props.client_instance_input = Some(
            stack.variable(
                "client_instance",
                Variable::<bool>::new()
                    .description(description)
                    .default_value(true)
                    .nullable(false),
            ),
        );
    }
    if let ConsumerNetwork::New { network, .. } = &mut props.vpc {
        let zones_in = zones_variable(
            &mut stack,
            &facts,
            1,
            "Zones of the consumer VPC's subnets, among the service's (ids recommended), 1 to 6; empty means the service's zones (service_availability_zones)",
        );
        let zones = stack.local(
            "availability_zones",
            cond(length(zones_in.clone()).equals(0), azs.clone(), zones_in),
        );
        let cidr = vpc_cidr_variable(
            &mut stack,
            network.cidr,
            network.subnet_newbits,
            &zones,
            "consumer",
        );
        network.inputs = Some(NetworkInputs { cidr, zones });
    }
    let h = PrivateLinkConsumer::new(&mut stack, "consumer", props)?;
    h.add_outputs(&mut stack, config.service_port);
    stack.output(
        "endpoint_security_group_id",
        Output::new(h.endpoint.security_group.id()).description(
            "The endpoint's security group: add ingress on the service port from your clients",
        ),
    );
    if let Some(net) = &h.network {
        stack.output(
            "vpc_id",
            Output::new(net.vpc.id()).description("The consumer VPC's id"),
        );
        stack.output(
            "subnet_ids",
            Output::new(net.subnet_ids())
                .description("The consumer VPC's private subnets, one per zone"),
        );
    }
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

/// The `service_name` variable (the service's `service_name` output).
pub(crate) fn service_name_variable(stack: &mut Stack) -> Expr<String> {
    stack.variable(
        "service_name",
        Variable::<String>::new()
            .description("The service stack's service_name output")
            .example("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")
            .nullable(false)
            .validation(
                |v| can(regex(SERVICE_NAME_PATTERN, v.clone())),
                template!(
                    jsonencode(v_ref::<String>("service_name")),
                    " is not an endpoint service name; use the service stack's service_name output, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
                ),
            ),
    )
}

/// The `service_port` variable (the service's `service_port` output).
pub(crate) fn service_port_variable(stack: &mut Stack, default: Port) -> Expr<Number> {
    stack.variable(
        "service_port",
        Variable::<Number>::new()
            .description("The service stack's service_port output")
            .default_value(default.get())
            .nullable(false)
            .validation(
                |v| {
                    v.ge(1)
                        .and(v.le(65535))
                        .and(tfsynth::functions::floor(v.clone()).equals(v.clone()))
                },
                template!(
                    "port ",
                    v_ref::<Number>("service_port"),
                    " is out of range; use a port between 1 and 65535"
                ),
            ),
    )
}

/// `var` (the list variable `name`) with the shape check of ids of one `kind` (`subnet`,
/// `sg`) that `id_pattern` matches, each listed once.
fn id_list_variable(
    stack: &mut Stack,
    name: &str,
    kind: &str,
    id_pattern: &'static str,
    var: Variable<List<String>>,
) -> Expr<List<String>> {
    let var = var.validation(
        |v| alltrue(For::values("x", v).to_list(|x| can(regex(id_pattern, x)))),
        template!(
            first_bad(&v_ref(name), |x| !can(regex(id_pattern, x))),
            " is not a ",
            kind.to_owned(),
            " id; use the form ",
            kind.to_owned(),
            "-0123456789abcdef0"
        ),
    );
    stack.variable(name, each_once(var, name))
}

/// The `endpoint` stack (and module): an interface endpoint in a VPC that exists.
pub(crate) fn endpoint(config: &EndpointConfig) -> Result<Built, Error> {
    let mut stack = Stack::new();
    crate::stacks::settings(&mut stack, &config.common, false);
    let vpc_id = stack.variable(
        "vpc_id",
        Variable::<String>::new()
            .description("The VPC the endpoint goes in")
            .example("vpc-0123456789abcdef0")
            .nullable(false)
            .validation(
                |v| can(regex(pattern(VpcId::PATTERN), v.clone())),
                template!(
                    jsonencode(v_ref::<String>("vpc_id")),
                    " is not a vpc id; use the form vpc-0123456789abcdef0"
                ),
            ),
    );
    let subnets = id_list_variable(
        &mut stack,
        "subnet_ids",
        "subnet",
        pattern(SubnetId::PATTERN),
        Variable::new()
            .description("The endpoint's subnets in that VPC, one per availability zone (zones the service serves)")
            .example(vec!["subnet-0123456789abcdef0".to_owned()])
            .nullable(false)
            .validation(
                |v| length(v.clone()).gt(0),
                "an existing vpc was given without subnets; list the subnet ids (one per availability zone) for the endpoint",
            ),
    );
    let name = service_name_variable(&mut stack);
    let port = service_port_variable(&mut stack, config.service_port);
    let groups = id_list_variable(
        &mut stack,
        "client_security_group_ids",
        "sg",
        pattern(SecurityGroupId::PATTERN),
        Variable::new()
            .description("Security groups whose members may reach the endpoint on the service port")
            .default_value(Vec::<String>::new())
            .nullable(false),
    );
    let cidrs = Variable::<List<String>>::new()
        .description("IPv4 blocks that may reach the endpoint on the service port")
        .default_value(Vec::<String>::new())
        .nullable(false)
        .validation(
            |v| alltrue(For::values("c", v).to_list(|c| can(regex(CIDR_PATTERN, c)))),
            template!(
                "invalid cidr block ",
                let_in(
                    "bad",
                    first_where(&v_ref("client_cidrs"), |c| !can(regex(CIDR_PATTERN, c))),
                    |bad| template!(jsonencode(bad.clone()), ": ", cidr_reason(&bad)),
                ),
                "; write it as A.B.C.D/N, e.g. 10.0.0.0/16"
            ),
        );
    let cidrs = stack.variable("client_cidrs", each_once(cidrs, "client_cidrs"));
    let private_dns = stack.variable(
        "private_dns_enabled",
        Variable::<bool>::new()
            .description("Resolve the service's private DNS name to the endpoint inside the VPC")
            .default_value(config.private_dns_enabled)
            .nullable(false),
    );
    let vpc = stack.data("vpc", data::Vpc::new().id(vpc_id.clone()));
    let mut props = InterfaceEndpointProps::new(
        // Read through the data source: a VPC that does not exist fails the plan there.
        VpcSource::Expression {
            id: vpc.id(),
            cidr: vpc.cidr_block(),
        },
        Vec::new(),
        name,
        config.service_port,
    );
    props.subnet_list = Some(subnets);
    props.port_expr = Some(port.clone());
    props.client_security_group_list = Some(groups);
    props.client_cidr_list = Some(cidrs);
    props.private_dns_enabled = private_dns.into();
    let ep = InterfaceEndpoint::new(&mut stack, "endpoint", props)?;
    stack.output(
        "endpoint_id",
        Output::new(ep.id()).description("Interface endpoint id: accept it in the service account"),
    );
    stack.output(
        "endpoint_dns_names",
        Output::new(ep.dns_names()).description("DNS names of the interface endpoint"),
    );
    stack.output(
        "endpoint_security_group_id",
        Output::new(ep.security_group.id())
            .description("The endpoint's security group (the service port from the clients only)"),
    );
    let tags = tags_variable(&mut stack, &config.common.tags);
    stack.merge_tags(tags);
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

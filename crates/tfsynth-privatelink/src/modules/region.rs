//! The zones inputs of the modules: what the provider's region is, which zones are its own,
//! and the `availability_zones` variable, in the words of the constructs' zone checks.

use tfsynth::functions::{
    alltrue, distinct, join, jsonencode, length, lookup, split, startswith, try_,
};
use tfsynth::{cond, template, Declare, Expr, For, List, Variable};
use tfsynth_aws::data;

use super::inputs::{first_duplicate, let_in, v_ref};
use crate::rules::{each_condition, each_message, no_null_elements, present, words};
use crate::values::AZ_ID_PATTERN;
use crate::{Az, Error};

/// `z` is a zone id (else a name).
pub(super) fn is_zone_id(z: Expr<String>) -> Expr<bool> {
    tfsynth::functions::can(tfsynth::functions::regex(AZ_ID_PATTERN, z))
}

/// What the zones variable checks against: the provider's region and the tables of known
/// regions (zone-id codes and default zones).
pub(super) struct RegionFacts {
    /// `data.aws_region...region`.
    pub(super) region: Expr<String>,
    /// `local.zone_id_codes`: region -> code.
    codes: Expr<tfsynth::Map<String>>,
    /// `local.default_zone_ids`: region -> its default zone ids.
    defaults: Expr<tfsynth::Map<List<String>>>,
    /// The available zone ids of the provider's region (the fallback default).
    available: Expr<List<String>>,
}

impl RegionFacts {
    pub(super) fn declare(scope: &mut impl Declare) -> Self {
        let region = scope.data("region", data::Region::new());
        let zones = scope.data(
            "region_azs",
            data::AvailabilityZones::new()
                .state(tfsynth_aws::ec2::enums::AvailabilityZoneState::Available)
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
    pub(super) fn default_zones(&self) -> Expr<List<String>> {
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

    /// [`Self::holds`] for a zone of the right shape; true for any other value (the shape
    /// rule speaks then, and no function sees it).
    fn holds_safe(&self, z: Expr<String>) -> Expr<bool> {
        cond(Az::RULE.condition(z.clone()), self.holds(z), true)
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

/// The rules of a list of zones named `name` that hold wherever a zone list is an input: no
/// null, each a zone ([`Az::RULE`]), each once, ids and names not mixed; `var` with them.
pub(super) fn zone_list_rules(
    var: Variable<List<String>>,
    name: &'static str,
) -> Variable<List<String>> {
    let me = || v_ref::<List<String>>(name);
    let (no_nulls, null_message) = no_null_elements(name, &me());
    var.validation(|_| no_nulls, null_message)
        .validation(
            |v| each_condition(&Az::RULE, v),
            each_message(&Az::RULE, &me()),
        )
        .validation(
            |v| length(distinct(present(v))).equals(length(present(v))),
            template!(
                "availability zone ",
                first_duplicate(&present(&me())),
                " is listed twice; list each zone once"
            ),
        )
        .validation(
            |v| {
                let ids = For::values("z", &present(v)).to_list(is_zone_id);
                let names = For::values("z", &present(v)).to_list(|z| !is_zone_id(z));
                alltrue(ids).or(alltrue(names))
            },
            template!(
                "availability zones [",
                join(", ", present(&me())),
                "] mix zone ids and zone names; use zone ids only (recommended) or names only"
            ),
        )
}

/// The `availability_zones` variable: zone ids or names of the provider's region, each once,
/// `min` to 6 of them, or none for the default.
pub(super) fn zones_variable(
    scope: &mut impl Declare,
    facts: &RegionFacts,
    min: usize,
    description: &str,
) -> Expr<List<String>> {
    let name = "availability_zones";
    let me = || v_ref::<List<String>>(name);
    // Zones of the right shape that are not the region's (others: the shape rule speaks).
    let first = first_where(&present(&me()), |z| {
        Az::RULE.condition(z.clone()).and(!facts.holds_safe(z))
    });
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
    let var = Variable::<List<String>>::new()
        .description(description.to_owned())
        .default_value(Vec::<String>::new())
        .nullable(false);
    let mut var = zone_list_rules(var, name);
    // One zone at least: none means the default, so only a larger minimum is a rule.
    if min > 1 {
        var = var.validation(
            |v| {
                let n = length(v.clone());
                n.equals(0).or(n.ge(min))
            },
            words(
                Error::TooFewAzs {
                    what: "application load balancer",
                    count: usize::MAX,
                    min,
                }
                .to_string(),
                &[(&usize::MAX.to_string(), length(me()).cast())],
            ),
        );
    }
    scope.variable(
        name,
        var.validation(
            |v| length(v.clone()).le(6),
            words(
                Error::TooManyAzs {
                    count: usize::MAX,
                    max: 6,
                }
                .to_string(),
                &[(&usize::MAX.to_string(), length(me()).cast())],
            ),
        )
        .validation(
            |v| alltrue(For::values("z", &present(v)).to_list(|z| facts.holds_safe(z))),
            message,
        ),
    )
}

/// The first element of `list` for which `bad` holds, as it is ("" when none).
fn first_where(
    list: &Expr<List<String>>,
    bad: impl FnOnce(Expr<String>) -> Expr<bool>,
) -> Expr<String> {
    let matching = For::values("z", list).filter(|_, z| bad(z)).to_list(|z| z);
    try_((matching.at(0), String::new()))
}

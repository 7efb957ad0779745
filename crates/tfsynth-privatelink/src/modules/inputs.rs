//! The modules' input variables, each with the validations of its rules ([`crate::rules`]):
//! the Terraform form of what the constructs check, in the constructs' words.

use tfsynth::functions::{alltrue, cidrhost, distinct, jsonencode, length, split, tonumber, try_};
use tfsynth::{cond, Declare, Expr, For, List, Map, Number, Variable};

use crate::rules::{self, cidr, each_condition, each_message, no_null_elements, present, Shape};
use crate::{Cidr, Error, Port};

/// A reference to the variable `name` (for error messages, which may name the value).
pub(super) fn v_ref<T>(name: &str) -> Expr<T> {
    Expr::from_raw(tfsynth::RawExpr::Ref(tfsynth::RefRoot::Var(
        name.to_owned(),
    )))
}

/// `body(name)` with `name` bound to `value`, evaluated once: `[for name in [value] : body][0]`
/// (HCL has no `let`; a validation message cannot use a local that reads the variable).
pub(super) fn let_in<U>(
    name: &str,
    value: Expr<String>,
    body: impl FnOnce(Expr<String>) -> Expr<U>,
) -> Expr<U> {
    let one: Expr<List<String>> = tfsynth::Value::from(vec![value]).into_expr();
    For::values(name, &one).to_list(body).at(0)
}

/// The first element of `list` listed a second time, quoted.
pub(super) fn first_duplicate(list: &Expr<List<String>>) -> Expr<String> {
    let again = For::entries("i", "z", list)
        .filter(|i, z| {
            tfsynth::functions::index(list.clone(), z)
                .cast::<Number>()
                .not_equals(i)
        })
        .to_list(|z| z);
    try_((jsonencode(again.at(0)), String::new()))
}

/// `var` (the list variable `name`) refusing a value listed twice (nulls aside), in
/// [`Error::Duplicate`]'s words.
fn each_once(var: Variable<List<String>>, name: &'static str) -> Variable<List<String>> {
    var.validation(
        |v| length(distinct(present(v))).equals(length(present(v))),
        rules::words(
            Error::Duplicate {
                what: name,
                value: rules::HOLE.to_owned(),
            }
            .to_string(),
            &[(rules::HOLE, first_duplicate(&present(&v_ref(name))))],
        ),
    )
}

/// `var` (the list variable `name`) with its rules: no null, each element follows `shape`,
/// each once.
pub(super) fn list_of(
    var: Variable<List<String>>,
    name: &'static str,
    shape: &Shape,
) -> Variable<List<String>> {
    let me = v_ref::<List<String>>(name);
    let (no_nulls, null_message) = no_null_elements(name, &me);
    let var = var
        .validation(|_| no_nulls, null_message)
        .validation(|v| each_condition(shape, v), each_message(shape, &me));
    each_once(var, name)
}

/// A string variable `name` following `shape`.
pub(super) fn string_of(
    scope: &mut impl Declare,
    name: &'static str,
    shape: &Shape,
    var: Variable<String>,
) -> Expr<String> {
    let me = v_ref::<String>(name);
    scope.variable(
        name,
        var.nullable(false)
            .validation(|v| shape.condition(v.clone()), shape.message(me)),
    )
}

/// The prefix length of a block, or `-1` when it is not one (that validation speaks then).
fn prefix(cidr: &Expr<String>) -> Expr<Number> {
    cond(
        cidr::shape_condition(cidr.clone()),
        try_((tonumber(split("/", cidr.clone()).at(1)), -1)),
        -1,
    )
}

/// The `vpc_cidr` variable, with the checks [`Cidr`] and the network make.
pub(super) fn vpc_cidr_variable(
    scope: &mut impl Declare,
    default: Cidr,
    newbits: u8,
    zones: &Expr<List<String>>,
    what: &str,
) -> Expr<String> {
    let count = length(zones.clone());
    let me = || v_ref::<String>("vpc_cidr");
    scope.variable(
        "vpc_cidr",
        Variable::<String>::new()
            .description(format!(
                "The {what} VPC's IPv4 block, /16 to /28; one subnet per zone is carved from it ({newbits} new bits each)"
            ))
            .default_value(default.to_string())
            .nullable(false)
            .validation(|v| cidr::shape_condition(v.clone()), cidr::shape_message(&me()))
            .validation(|v| cidr::host_bits_condition(v.clone()), cidr::host_bits_message(&me()))
            .validation(
                |v| {
                    let p = prefix(v);
                    p.equals(-1).or(p.ge(16).and(p.le(28)))
                },
                rules::words(
                    Error::VpcCidrSize {
                        cidr: rules::HOLE.to_owned(),
                    }
                    .to_string(),
                    &[(rules::HOLE, jsonencode(me()))],
                ),
            )
            .validation(
                |v| {
                    let p = prefix(v);
                    p.clone().equals(-1).or((p + i64::from(newbits))
                        .le(28)
                        .and(count.clone().le(1_i64 << newbits.min(62))))
                },
                rules::words(
                    Error::SubnetsDoNotFit {
                        vpc: rules::HOLE.to_owned(),
                        newbits,
                        count: usize::MAX,
                    }
                    .to_string(),
                    &[
                        (rules::HOLE, jsonencode(me())),
                        (&usize::MAX.to_string(), count.clone().cast()),
                    ],
                ),
            ),
    )
}

/// The `client_cidrs` variable: blocks, each with no host bits, each once.
pub(super) fn client_cidrs_variable(
    scope: &mut impl Declare,
    var: Variable<List<String>>,
) -> Expr<List<String>> {
    let name = "client_cidrs";
    let me = || v_ref::<List<String>>(name);
    let first_where = |bad: &dyn Fn(Expr<String>) -> Expr<bool>| {
        let matching = For::values("c", &present(&me()))
            .filter(|_, c| bad(c))
            .to_list(|c| c);
        try_((matching.at(0), String::new()))
    };
    let (no_nulls, null_message) = no_null_elements(name, &me());
    let var = var
        .validation(|_| no_nulls, null_message)
        .validation(
            |v| alltrue(For::values("c", &present(v)).to_list(cidr::shape_condition)),
            let_in("bad", first_where(&|c| !cidr::shape_condition(c)), |bad| {
                cidr::shape_message(&bad)
            }),
        )
        .validation(
            |v| alltrue(For::values("c", &present(v)).to_list(cidr::host_bits_condition)),
            let_in(
                "bad",
                first_where(&|c| !cidr::host_bits_condition(c)),
                |bad| cidr::host_bits_message(&bad),
            ),
        );
    scope.variable(name, each_once(var, name))
}

/// The `tags` variable, with the checks [`crate::check_tags`] makes (same words): every
/// resource that has tags gets `merge(var.tags, {Name = ...})` ([`tfsynth::Stack::merge_tags`]).
pub(super) fn tags_variable(scope: &mut impl Declare, default: &crate::Tags) -> Expr<Map<String>> {
    let defaults: Vec<(&str, &str)> = default
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut var = Variable::<Map<String>>::new()
        .description(format!(
            "Tags of every resource the module creates that takes tags, next to its Name tag (the Name wins on a clash); at most {} tags besides Name",
            crate::MAX_TAGS - 1
        ))
        .default_value(defaults)
        .nullable(false);
    for (condition, message) in rules::tags::conditions(&v_ref("tags")) {
        var = var.validation(|_| condition, message);
    }
    scope.variable("tags", var)
}

/// The `service_name` variable (the service's `service_name` output).
pub(crate) fn service_name_variable(scope: &mut impl Declare) -> Expr<String> {
    string_of(
        scope,
        "service_name",
        &crate::ServiceName::RULE,
        Variable::<String>::new()
            .description("The service stack's service_name output")
            .example("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
    )
}

/// A whole number from `min` to `max`: the condition.
fn in_range(v: &Expr<Number>, min: i64, max: i64) -> Expr<bool> {
    v.ge(min)
        .and(v.le(max))
        .and(tfsynth::functions::floor(v.clone()).equals(v.clone()))
}

/// The `service_port` variable (the service's `service_port` output).
pub(crate) fn service_port_variable(scope: &mut impl Declare, default: Port) -> Expr<Number> {
    let me = v_ref::<Number>("service_port");
    scope.variable(
        "service_port",
        Variable::<Number>::new()
            .description("The service stack's service_port output")
            .default_value(default.get())
            .nullable(false)
            .validation(
                |v| in_range(v, 1, 65535),
                rules::words(
                    Error::InvalidPort {
                        what: "",
                        value: u32::MAX,
                    }
                    .to_string(),
                    &[(&u32::MAX.to_string(), me.cast())],
                ),
            ),
    )
}

/// The `instance_count` variable: 1 to 20 nginx instances.
pub(super) fn instance_count_variable(scope: &mut impl Declare, default: u32) -> Expr<Number> {
    let me = v_ref::<Number>("instance_count");
    let (min, max) = crate::service::INSTANCE_COUNT;
    scope.variable(
        "instance_count",
        Variable::<Number>::new()
            .description(format!(
                "How many nginx instances run behind the ALB, {min} to {max}, spread round the zones"
            ))
            .default_value(i64::from(default))
            .nullable(false)
            .validation(|v| v.clone().ge(min), Error::NoTargets.to_string())
            .validation(
                |v| v.clone().le(max).and(tfsynth::functions::floor(v.clone()).equals(v.clone())),
                rules::words(
                    Error::OutOfRange {
                        what: "instance count",
                        value: i64::MAX,
                        min,
                        max,
                    }
                    .to_string(),
                    &[(&i64::MAX.to_string(), me.cast())],
                ),
            ),
    )
}

/// Quiets `cidrhost` being used through [`cidr`] only.
#[allow(dead_code)]
fn _uses() -> Expr<String> {
    cidrhost(String::new(), 0)
}

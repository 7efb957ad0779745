//! The rules of an IPv4 CIDR block, in both forms: [`Cidr`](crate::Cidr)'s parser (Rust) and
//! the modules' `vpc_cidr` and `client_cidrs` validations (Terraform).

use tfsynth::functions::{can, cidrhost, jsonencode, length, regex, split, trimspace, try_};
use tfsynth::{cond, Expr};

use super::{compiled, words, HOLE, HOLE2};
use crate::Error;

/// An IPv4 block: octets 0 to 255 without leading zeros, prefix 0 to 32.
pub const PATTERN: &str = r"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$";
/// The prefix part of a block.
pub const PREFIX_PATTERN: &str = r"^(3[0-2]|[12]?[0-9])$";

const WHITESPACE: &str = "it has whitespace around it; remove the spaces";
const MISSING_PREFIX: &str = "the prefix length (/N) is missing";
const BAD_PREFIX: &str = "the prefix length must be a number from 0 to 32";
const NOT_FOUR: &str = "the address must have four dot-separated octets";
const BAD_OCTET: &str = "each octet must be a number from 0 to 255 without leading zeros";

/// The Rust form of the shape rule.
///
/// # Errors
/// [`Error::InvalidCidr`] with the reason the module gives for the same text.
pub fn check_shape(s: &str) -> Result<(), Error> {
    if compiled(PATTERN).is_match(s) {
        return Ok(());
    }
    let parts: Vec<&str> = s.split('/').collect();
    let reason = if s.trim() != s {
        WHITESPACE
    } else if parts.len() < 2 {
        MISSING_PREFIX
    } else if !compiled(PREFIX_PATTERN).is_match(parts[1]) {
        BAD_PREFIX
    } else if parts[0].split('.').count() != 4 {
        NOT_FOUR
    } else {
        BAD_OCTET
    };
    Err(Error::InvalidCidr {
        value: s.to_owned(),
        reason: reason.to_owned(),
    })
}

/// The Terraform form of the shape rule's condition.
pub(crate) fn shape_condition(v: Expr<String>) -> Expr<bool> {
    can(regex(PATTERN, v))
}

/// Why `cidr` is not a block (read only when it is not one), as [`check_shape`] says it.
pub(crate) fn reason_expr(cidr: &Expr<String>) -> Expr<String> {
    let parts = split("/", cidr.clone());
    let octets = try_((length(split(".", parts.at(0))), 0));
    cond(
        trimspace(cidr.clone()).not_equals(cidr.clone()),
        WHITESPACE,
        cond(
            length(parts.clone()).lt(2),
            MISSING_PREFIX,
            cond(
                !can(regex(PREFIX_PATTERN, try_((parts.at(1), String::new())))),
                BAD_PREFIX,
                cond(octets.not_equals(4), NOT_FOUR, BAD_OCTET),
            ),
        ),
    )
}

/// The Terraform form of the shape rule's message for the refused `v`.
pub(crate) fn shape_message(v: &Expr<String>) -> Expr<String> {
    words(
        Error::InvalidCidr {
            value: HOLE.to_owned(),
            reason: HOLE2.to_owned(),
        }
        .to_string(),
        &[(HOLE, jsonencode(v.clone())), (HOLE2, reason_expr(v))],
    )
}

/// The Terraform form of the host-bits rule (a block in [`PATTERN`]'s shape whose address is
/// its network's): `cidrhost(v, 0)` is the address. True for a value of another shape (the
/// shape rule speaks then).
pub(crate) fn host_bits_condition(v: Expr<String>) -> Expr<bool> {
    try_((
        cidrhost(v.clone(), 0).equals(split("/", v).at(0)),
        tfsynth::Value::from(true),
    ))
}

/// The Terraform form of the host-bits rule's message, as [`Error::CidrHostBits`] says it.
pub(crate) fn host_bits_message(v: &Expr<String>) -> Expr<String> {
    let network = tfsynth::template!(
        try_((cidrhost(v.clone(), 0), String::new())),
        "/",
        try_((split("/", v.clone()).at(1), String::new()))
    );
    words(
        Error::CidrHostBits {
            value: HOLE.to_owned(),
            network: HOLE2.to_owned(),
        }
        .to_string(),
        &[(HOLE, jsonencode(v.clone())), (HOLE2, jsonencode(network))],
    )
}

//! Helpers shared by the constructs: tags, names, security group rules.

use std::collections::BTreeMap;

use tfsynth::{Declare, Expr, Map, Value};
use tfsynth_aws::{VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule};

pub(crate) use crate::rules::tags::check_tags;
use crate::{Error, Warning};

/// Tags: key to value, written in key order.
pub type Tags = BTreeMap<String, String>;

/// The most tags AWS lets a resource carry (tags with the reserved `aws:` prefix aside).
pub const MAX_TAGS: usize = 50;

/// Refuses a value listed twice in `items` (`what` names the list).
///
/// # Errors
/// [`Error::Duplicate`].
pub(crate) fn check_unique<T: PartialEq + std::fmt::Display>(
    what: &'static str,
    items: &[T],
) -> Result<(), Error> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(Error::Duplicate {
                what,
                value: item.to_string(),
            });
        }
    }
    Ok(())
}

/// Warnings for CIDRs that let every IPv4 address in.
pub(crate) fn open_to_world(what: &'static str, cidrs: &[crate::Cidr]) -> Vec<Warning> {
    cidrs
        .iter()
        .filter(|c| c.prefix() == 0)
        .map(|c| Warning::OpenToWorld {
            what,
            cidr: c.to_string(),
        })
        .collect()
}

/// `tags` with `Name` added (or replaced), in key order.
pub(crate) fn named(tags: &Tags, name: &str) -> Value<Map<String>> {
    // Every resource gets its own copy: build it in one vector, not through a cloned BTreeMap.
    let mut pairs: Vec<(&str, &str)> = tags
        .iter()
        .filter(|(k, _)| k.as_str() != "Name")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let at = pairs.partition_point(|(k, _)| *k < "Name");
    pairs.insert(at, ("Name", name));
    Value::from(pairs)
}

/// The tags of one instance of a `for_each` block: `tags` plus `Name = "<name>_<each.key>"`.
pub(crate) fn named_each(tags: &Tags, name: &str) -> Value<Map<String>> {
    named_instance(tags, name, tfsynth::each_key())
}

/// The tags of one instance of a `count` block: `tags` plus `Name = "<name>_<count.index>"`.
pub(crate) fn named_counted(tags: &Tags, name: &str) -> Value<Map<String>> {
    named_instance(tags, name, tfsynth::count_index())
}

fn named_instance<T>(tags: &Tags, name: &str, suffix: Expr<T>) -> Value<Map<String>> {
    let mut pairs: Vec<(&str, Value<String>)> = tags
        .iter()
        .filter(|(k, _)| k.as_str() != "Name")
        .map(|(k, v)| (k.as_str(), Value::from(v.clone())))
        .collect();
    let at = pairs.partition_point(|(k, _)| *k < "Name");
    let each: Value<String> = tfsynth::template!(name.to_owned(), "_", suffix).into();
    pairs.insert(at, ("Name", each));
    Value::from(pairs)
}

/// Where a security group rule lets traffic come from or go to.
#[derive(Debug, Clone)]
pub(crate) enum Peer {
    /// Another security group.
    Group(Expr<String>),
    /// An IPv4 block (a literal or an expression such as a VPC's `cidr_block`).
    Cidr(Value<String>),
    /// A managed prefix list (such as the S3 gateway endpoint's).
    PrefixList(Expr<String>),
}

/// Defines a function declaring a TCP security group rule of one direction: the ingress and
/// egress rule resources have the same arguments but are distinct types. A second name after
/// `/` also defines the `count` form of the rule.
macro_rules! tcp_rule {
    ($(#[$doc:meta])* $fn:ident $(/ $counted:ident)?, $rule:ty, $args:ident) => {
        $(#[$doc])*
        pub(crate) fn $fn(
            scope: &mut impl Declare,
            name: &str,
            group: &Expr<String>,
            port: impl Into<Value<tfsynth::Number>>,
            peer: Peer,
            description: &str,
            tags: &Tags,
        ) {
            let r = tcp_rule!(@build $rule, $args, scope, name, group, port, peer, description, tags);
            scope.resource(name, r);
        }
        $(
            /// The same rule `count` times (a list known only at plan time): `peer` names the
            /// instance's with `count.index`.
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn $counted(
                scope: &mut impl Declare,
                name: &str,
                group: &Expr<String>,
                port: impl Into<Value<tfsynth::Number>>,
                peer: Peer,
                description: &str,
                tags: &Tags,
                count: Expr<tfsynth::Number>,
            ) {
                use tfsynth::MetaArgs;
                let r = tcp_rule!(@build $rule, $args, scope, name, group, port, peer, description, tags);
                scope.resource(name, r.count(count));
            }
        )?
    };
    (@build $rule:ty, $args:ident, $scope:ident, $name:ident, $group:ident, $port:ident, $peer:ident, $description:ident, $tags:ident) => {{
        let port: Value<tfsynth::Number> = $port.into();
        let logical = $scope.logical_name($name);
        let r = <$rule>::new(tfsynth_aws::$args {
            ip_protocol: "tcp".into(),
            security_group_id: $group.into(),
        })
            .from_port(port.clone())
            .to_port(port)
            .description($description)
            .tags(named($tags, &logical));
        match $peer {
            Peer::Group(g) => r.referenced_security_group_id(g),
            Peer::Cidr(c) => r.cidr_ipv4(c),
            Peer::PrefixList(p) => r.prefix_list_id(p),
        }
    }};
}

tcp_rule!(
    /// A TCP ingress rule on `group` for `port` from `peer`.
    ingress / ingress_counted,
    VpcSecurityGroupIngressRule,
    VpcSecurityGroupIngressRuleArgs
);
tcp_rule!(
    /// A TCP egress rule on `group` for `port` to `peer`.
    egress,
    VpcSecurityGroupEgressRule,
    VpcSecurityGroupEgressRuleArgs
);

/// The snake-case form of a zone for resource names (`use1-az1` -> `use1_az1`).
pub(crate) fn az_key(az: &crate::Az) -> String {
    az.as_str().replace('-', "_")
}

/// An AWS resource name (load balancer, target group) from a scope's logical name:
/// hyphens instead of underscores, at most 32 characters.
pub(crate) fn aws_name(logical: &str, suffix: &str) -> Result<crate::LbName, crate::Error> {
    let mut base = logical.replace('_', "-");
    let max = if suffix.is_empty() {
        32
    } else {
        32usize.saturating_sub(suffix.len() + 1)
    };
    base.truncate(max);
    let base = base.trim_matches('-');
    if suffix.is_empty() {
        crate::LbName::new(base)
    } else {
        crate::LbName::new(format!("{base}-{suffix}"))
    }
}

//! Helpers shared by the constructs: tags, names, security group rules.

use std::collections::BTreeMap;

use tfsynth::{Declare, Expr, Map, Value};
use tfsynth_aws::{VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule};

/// Tags: key to value, written in key order.
pub type Tags = BTreeMap<String, String>;

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
/// egress rule resources have the same arguments but are distinct types.
macro_rules! tcp_rule {
    ($(#[$doc:meta])* $fn:ident, $rule:ty, $args:ident) => {
        $(#[$doc])*
        pub(crate) fn $fn(
            scope: &mut impl Declare,
            name: &str,
            group: &Expr<String>,
            port: u16,
            peer: Peer,
            description: &str,
            tags: &Tags,
        ) {
            let logical = scope.logical_name(name);
            let r = <$rule>::new(tfsynth_aws::$args {
                ip_protocol: "tcp".into(),
                security_group_id: group.into(),
            })
                .from_port(port)
                .to_port(port)
                .description(description)
                .tags(named(tags, &logical));
            let r = match peer {
                Peer::Group(g) => r.referenced_security_group_id(g),
                Peer::Cidr(c) => r.cidr_ipv4(c),
                Peer::PrefixList(p) => r.prefix_list_id(p),
            };
            scope.resource(name, r);
        }
    };
}

tcp_rule!(
    /// A TCP ingress rule on `group` for `port` from `peer`.
    ingress,
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

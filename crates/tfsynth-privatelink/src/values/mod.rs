//! Validated values the constructs take: each is checked once, when it is made (or when a
//! configuration file is read), so a construct never receives a malformed one. A value a
//! module takes as an input has a [`Shape`](crate::rules::Shape) (its `RULE`): the pattern is
//! the whole check, in Rust, in the module's `validation` and in the JSON Schema.
//!
//! - [`names`]: region, load balancer names, instance types, buckets, DNS names;
//! - [`arns`]: IAM principals and roles, certificates, topics, log destinations;
//! - [`ids`]: ids of things that exist (VPC, subnet, security group, instance), endpoint
//!   service names, ports;
//! - [`zones`]: availability zones;
//! - [`tls`]: TLS policies.

macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident, $desc:literal, rule: $rule:expr) => {
        string_newtype!(
            $(#[$doc])*
            ///
            /// The check is [`Self::RULE`], which the modules' inputs of this kind check too.
            $name, $desc, Some(Self::RULE.pattern), |v: &str| Self::RULE.check(v)
        );
        impl $name {
            /// The rule of this value, in both forms ([`crate::rules`]).
            pub const RULE: $crate::rules::Shape = $rule;
        }
    };
    ($(#[$doc:meta])* $name:ident, $desc:literal, $pattern:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) String);

        impl $name {
            /// The shape the check accepts as a regular expression, when one says it (in the
            /// JSON Schema of configuration files; RE2 syntax, so Terraform's `regex` reads it
            /// too). With a [`RULE`](crate::rules::Shape) the pattern is the whole check;
            /// without one, a shape every accepted value has.
            pub const PATTERN: Option<&'static str> = $pattern;

            /// Checks and wraps `value`.
            ///
            /// # Errors
            /// When `value` does not have the expected shape; the error names it.
            pub fn new(value: impl Into<String>) -> Result<Self, Error> {
                let value = value.into();
                ($check)(&value)?;
                Ok(Self(value))
            }
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&$name> for tfsynth::Value<String> {
            fn from(v: &$name) -> Self {
                v.0.clone().into()
            }
        }

        impl From<$name> for tfsynth::Value<String> {
            fn from(v: $name) -> Self {
                v.0.into()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut s = schemars::json_schema!({ "type": "string", "description": $desc });
                if let Some(p) = Self::PATTERN {
                    s.insert("pattern".into(), p.into());
                }
                s
            }
        }
    };
}

pub use arns::{
    BucketArn, CertificateArn, FlowLogDestination, LogGroupArn, PrincipalArn, RoleArn, SnsTopicArn,
};
pub use ids::{InstanceId, Port, SecurityGroupId, ServiceName, SubnetId, VpcId};
pub use names::{BucketName, CommonName, DnsName, HostedZoneId, InstanceType, LbName, Region};
pub use tls::TlsPolicy;
pub(crate) use zones::AZ_ID_PATTERN;
pub use zones::{check_azs, Az};

/// Pieces of patterns (`concat!` takes literals only).
macro_rules! region {
    // us-east-1, us-gov-west-1, ap-southeast-2
    () => {
        "[a-z]{2}(-[a-z]+)+-[0-9]+"
    };
}
macro_rules! account {
    () => {
        "[0-9]{12}"
    };
}
macro_rules! partition {
    // aws, aws-cn, aws-us-gov
    () => {
        "aws(-[a-z-]+)?"
    };
}
macro_rules! hex_id {
    // 8 or 17 lowercase hex digits after `kind-`
    ($kind:literal) => {
        concat!("^", $kind, "-([0-9a-f]{8}|[0-9a-f]{17})$")
    };
}

pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

mod arns;
mod ids;
mod names;
mod tls;
mod zones;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

    /// Every rule of a value type: it builds in both engines' common syntax, accepts its
    /// example, refuses a near miss in its own words, and its module message has the value's
    /// place (`Shape::message` finds the stand-in in the Rust text).
    #[test]
    fn every_rule_builds_and_says_its_words() {
        let rules = [
            (Region::RULE, "us-gov-west-1", "us-gov-west-"),
            (InstanceType::RULE, "c7i.metal-24xl", "t3-.micro"),
            (
                RoleArn::RULE,
                "arn:aws:iam::123456789012:role/a/b",
                "arn:aws:iam::123456789012:role/a/",
            ),
            (
                PrincipalArn::RULE,
                "arn:aws-cn:iam::123456789012:root",
                "arn:aws:iam::12345678901:root",
            ),
            (
                CertificateArn::RULE,
                "arn:aws:acm:eu-west-1:123456789012:certificate/x",
                "arn:aws:acm:eu-west:123456789012:certificate/x",
            ),
            (
                SnsTopicArn::RULE,
                "arn:aws:sns:us-east-1:123456789012:t",
                "arn:aws:sns:us-east-1:123456789012:",
            ),
            (
                FlowLogDestination::RULE,
                "arn:aws:s3:::flow-logs",
                "arn:aws:s3:::",
            ),
            (
                LogGroupArn::RULE,
                "arn:aws:logs:us-east-1:123456789012:log-group:g",
                "arn:aws:logs:us-east-1:123456789012:log-group:",
            ),
            (VpcId::RULE, "vpc-01234567", "vpc-0123456"),
            (
                SubnetId::RULE,
                "subnet-0123456789abcdef0",
                "subnet-0123456789ABCDEF0",
            ),
            (SecurityGroupId::RULE, "sg-01234567", "sg-01234567\n"),
            (InstanceId::RULE, "i-0123456789abcdef0", "i-xyz"),
            (
                ServiceName::RULE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-01234567",
                "com.amazonaws.vpce.us-east-١.vpce-svc-01234567",
            ),
            (Az::RULE, "usw2-lax1-az1", "us-east-1"),
        ];
        for (rule, ok, bad) in rules {
            assert!(rule.check(ok).is_ok(), "{}: {ok}", rule.name);
            let refused = rule.check(bad).expect_err(bad).to_string();
            assert!(
                refused.contains(&crate::rules::quote(bad)),
                "{}: {refused}",
                rule.name
            );
            let message = rule.message(tfsynth::Value::from("x".to_owned()).into_expr());
            assert!(
                !format!("{message:?}").contains('\u{e000}'),
                "{}",
                rule.name
            );
        }
    }

    #[test]
    fn ports_names_ids() {
        insta::assert_snapshot!(Port::new(0).unwrap_err(), @"port 0 is out of range; use a port between 1 and 65535");
        insta::assert_snapshot!(Port::checked("listener", 70000).unwrap_err(), @"listener port 70000 is out of range; use a port between 1 and 65535");
        assert_eq!(Port::new(65535).map(Port::get), Ok(65535));
        let long = format!("{}.example.com", "a".repeat(60));
        insta::assert_snapshot!(CommonName::new(long).unwrap_err(), @r#"certificate common name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com" has 72 characters, the limit is 64; use a shorter name and put long names in the subject alternative names"#);
        insta::assert_snapshot!(DnsName::new("Api.Example.com").unwrap_err(), @r#"dns name "Api.Example.com" is not a dns name; use lowercase labels of letters, digits and hyphens separated by dots, e.g. api.example.com"#);
        assert!(DnsName::new("api.example.com").is_ok());
        insta::assert_snapshot!(VpcId::new("vpc-xyz").unwrap_err(), @r#""vpc-xyz" is not a vpc id; use the form vpc-0123456789abcdef0"#);
        assert!(SubnetId::new("subnet-0123456789abcdef0").is_ok());
        assert!(SecurityGroupId::new("sg-01234567").is_ok());
        assert!(InstanceId::new("i-0123456789abcdef0").is_ok());
        insta::assert_snapshot!(ServiceName::new("vpce-svc-123").unwrap_err(), @r#""vpce-svc-123" is not an endpoint service name; use the service stack's service_name output, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"#);
        assert!(
            ServiceName::new("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0").is_ok()
        );
        insta::assert_snapshot!(Region::new("useast1").unwrap_err(), @r#""useast1" is not an aws region; use a name such as "us-east-1""#);
        insta::assert_snapshot!(CertificateArn::new("arn:aws:acm:us-east-1:123:cert").unwrap_err(), @r#"acm certificate "arn:aws:acm:us-east-1:123:cert" is not a valid arn; use the form arn:aws:acm:us-east-1:123456789012:certificate/ID"#);
        assert!(SnsTopicArn::new("arn:aws:sns:us-east-1:123456789012:pl-events").is_ok());
        insta::assert_snapshot!(SnsTopicArn::new("topic").unwrap_err(), @r#"sns topic "topic" is not a valid arn; use the form arn:aws:sns:us-east-1:123456789012:TOPIC"#);
        let s3 = FlowLogDestination::new("arn:aws:s3:::flow-logs-bucket").expect("s3 arn");
        assert_eq!(s3.destination_type(), "s3");
        let cw = FlowLogDestination::new("arn:aws:logs:us-east-1:123456789012:log-group:vpc")
            .expect("logs arn");
        assert_eq!(cw.destination_type(), "cloud-watch-logs");
        assert!(FlowLogDestination::new("bucket").is_err());
    }

    #[test]
    fn serde_uses_the_checks() {
        let e = serde_json::from_str::<PrincipalArn>("\"*\"").unwrap_err();
        assert!(e.to_string().contains("is not an iam principal arn"), "{e}");
        let e = serde_json::from_str::<Port>("0").unwrap_err();
        assert!(e.to_string().contains("out of range"), "{e}");
        let e =
            serde_json::from_str::<TlsPolicy>("\"ELBSecurityPolicy-TLS-1-1-2017-01\"").unwrap_err();
        assert!(e.to_string().contains("allows tls 1.0/1.1"), "{e}");
    }
}

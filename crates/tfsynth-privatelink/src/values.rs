//! Validated values the constructs take: each is checked once, when it is made (or when a
//! configuration file is read), so a construct never receives a malformed one.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::Error;

macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident, $desc:literal, $pattern:expr, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) String);

        impl $name {
            /// The shape the check accepts as a regular expression, when one says it (in the
            /// JSON Schema of configuration files; RE2 syntax, so Terraform's `regex` reads it
            /// too).
            pub const PATTERN: Option<&'static str> = $pattern;

            /// Checks and wraps `value`.
            ///
            /// # Errors
            /// When `value` does not have the expected shape; the error names it.
            pub fn new(value: impl Into<String>) -> Result<Self, Error> {
                let value = value.into();
                $check(&value)?;
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

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_lower_alpha(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// `us-east-1`, `us-gov-west-1`, `ap-southeast-2`, `eu-central-1`.
fn region_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && is_lower_alpha(parts[0])
        && parts[1..parts.len() - 1].iter().all(|p| is_lower_alpha(p))
        && is_digits(parts[parts.len() - 1])
}

fn check_region(s: &str) -> Result<(), Error> {
    if region_ok(s) {
        Ok(())
    } else {
        Err(Error::InvalidRegion {
            value: s.to_owned(),
        })
    }
}

string_newtype!(
    /// An AWS region name (`us-east-1`).
    Region,
    "An AWS region name, e.g. us-east-1",
    Some(r"^[a-z]{2}(-[a-z]+)+-\d+$"),
    check_region
);

fn check_lb_name(s: &str) -> Result<(), Error> {
    let reason = if s.is_empty() {
        Some("is empty")
    } else if s.len() > 32 {
        Some("is longer than 32 characters")
    } else if !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        Some("has characters other than letters, digits and hyphens")
    } else if s.starts_with('-') || s.ends_with('-') {
        Some("starts or ends with a hyphen")
    } else if s.to_ascii_lowercase().starts_with("internal-") {
        Some("starts with \"internal-\", which aws reserves")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::InvalidLbName {
            value: s.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

string_newtype!(
    /// A load balancer or target group name: at most 32 characters of `[A-Za-z0-9-]`, not
    /// starting or ending with `-`.
    LbName,
    "A load balancer or target group name: 1-32 letters, digits and hyphens, not starting or ending with a hyphen",
    Some(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$"),
    check_lb_name
);

/// The resource part of an IAM ARN (`root`, `role/NAME`, ...) when `s` is
/// `arn:<partition>:iam::<12 digits>:<resource>`.
fn iam_resource(s: &str) -> Option<&str> {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[3].is_empty() {
        return None;
    }
    let partition_ok = parts[1] == "aws"
        || parts[1].strip_prefix("aws-").is_some_and(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        });
    if !partition_ok || parts[4].len() != 12 || !is_digits(parts[4]) {
        return None;
    }
    Some(parts[5])
}

/// An IAM user or role name with its path (`path/deployer`).
fn iam_name_ok(n: &str) -> bool {
    !n.is_empty()
        && !n.ends_with('/')
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-/".contains(&b))
}

fn check_principal(s: &str) -> Result<(), Error> {
    let ok = iam_resource(s).is_some_and(|resource| {
        resource == "root"
            || resource.strip_prefix("role/").is_some_and(iam_name_ok)
            || resource.strip_prefix("user/").is_some_and(iam_name_ok)
    });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidPrincipalArn {
            value: s.to_owned(),
        })
    }
}

fn check_role_arn(s: &str) -> Result<(), Error> {
    let ok = iam_resource(s).is_some_and(|r| r.strip_prefix("role/").is_some_and(iam_name_ok));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArn {
            what: "iam role",
            value: s.to_owned(),
            expected: "arn:aws:iam::123456789012:role/NAME",
        })
    }
}

string_newtype!(
    /// The ARN of an IAM role (`arn:aws:iam::123456789012:role/flow-logs`).
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::RoleArn;
    /// assert!(RoleArn::new("arn:aws:iam::123456789012:role/flow-logs").is_ok());
    /// assert!(RoleArn::new("flow-logs").is_err());
    /// ```
    RoleArn,
    "An IAM role ARN: arn:<partition>:iam::<12-digit account>:role/NAME",
    Some(r"^arn:aws(-[a-z-]+)?:iam::\d{12}:role/[\w+=,.@/-]+$"),
    check_role_arn
);

fn check_instance_type(s: &str) -> Result<(), Error> {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !p.starts_with('-')
            && !p.ends_with('-')
    };
    let ok = s.len() <= 32
        && s.split_once('.').is_some_and(|(family, size)| {
            part_ok(family)
                && part_ok(size)
                && family.starts_with(|c: char| c.is_ascii_lowercase())
                && family.bytes().any(|b| b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInstanceType {
            value: s.to_owned(),
        })
    }
}

string_newtype!(
    /// An EC2 instance type: `family.size` (`t3.micro`, `m7g.large`, `c7i.metal-24xl`).
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::InstanceType;
    /// assert!(InstanceType::new("t3.micro").is_ok());
    /// assert!(InstanceType::new("micro").is_err());
    /// ```
    InstanceType,
    "An EC2 instance type, family.size, e.g. t3.micro",
    Some(r"^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"),
    check_instance_type
);

impl InstanceType {
    /// `t3.micro`, the default of the app tier and the consumer's client.
    pub fn t3_micro() -> Self {
        Self("t3.micro".into())
    }
}

fn check_bucket(s: &str) -> Result<(), Error> {
    let ok = (3..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !s.contains("..")
        && !s.split('.').all(is_digits);
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: "s3 bucket name",
            value: s.to_owned(),
            rule: "use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, e.g. my-alb-logs",
        })
    }
}

string_newtype!(
    /// An S3 bucket name (`my-alb-logs`): 3-63 lowercase letters, digits, dots and hyphens.
    BucketName,
    "An S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens",
    Some(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"),
    check_bucket
);

fn check_hosted_zone(s: &str) -> Result<(), Error> {
    let ok = (2..=32).contains(&s.len())
        && s.starts_with('Z')
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: "route 53 hosted zone id",
            value: s.to_owned(),
            rule: "use the zone's id as route 53 shows it, e.g. Z0123456789ABCDEFGHIJ",
        })
    }
}

string_newtype!(
    /// A Route 53 hosted zone id (`Z0123456789ABCDEFGHIJ`).
    HostedZoneId,
    "A Route 53 hosted zone id, e.g. Z0123456789ABCDEFGHIJ",
    Some(r"^Z[A-Z0-9]{1,31}$"),
    check_hosted_zone
);

string_newtype!(
    /// An IAM principal allowed to connect: `arn:<partition>:iam::<12 digits>:root`,
    /// `...:role/NAME` or `...:user/NAME`.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::PrincipalArn;
    /// assert!(PrincipalArn::new("arn:aws:iam::123456789012:root").is_ok());
    /// assert!(PrincipalArn::new("*").is_err());
    /// ```
    PrincipalArn,
    "An IAM principal ARN: arn:<partition>:iam::<12-digit account>:root, :role/NAME or :user/NAME",
    Some(r"^arn:aws(-[a-z-]+)?:iam::\d{12}:(root|role/[\w+=,.@/-]+|user/[\w+=,.@/-]+)$"),
    check_principal
);

impl PrincipalArn {
    /// The root principal of an account in `region`'s partition
    /// (`arn:PARTITION:iam::ACCOUNT:root`: `arn:aws-cn:` in China, `arn:aws-us-gov:` in
    /// GovCloud).
    ///
    /// # Errors
    /// [`Error::InvalidPrincipalArn`] when `account_id` is not 12 digits.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::{PrincipalArn, Region};
    /// let gov = Region::new("us-gov-west-1")?;
    /// assert_eq!(
    ///     PrincipalArn::account_root(&gov, "123456789012")?.as_str(),
    ///     "arn:aws-us-gov:iam::123456789012:root"
    /// );
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    pub fn account_root(region: &crate::Region, account_id: &str) -> Result<Self, Error> {
        Self::new(format!("arn:{}:iam::{account_id}:root", region.partition()))
    }
}

fn dns_ok(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    s.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn check_dns(s: &str) -> Result<(), Error> {
    if dns_ok(s) {
        Ok(())
    } else {
        Err(Error::InvalidDnsName {
            what: "dns name",
            value: s.to_owned(),
        })
    }
}

string_newtype!(
    /// A fully qualified DNS name in lowercase (`api.example.com`).
    DnsName,
    "A lowercase DNS name with at least two labels, e.g. api.example.com",
    Some(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"),
    check_dns
);

fn check_common_name(s: &str) -> Result<(), Error> {
    if s.is_empty() {
        return Err(Error::Empty {
            what: "certificate common name",
        });
    }
    if s.chars().count() > 64 {
        return Err(Error::CommonNameTooLong {
            value: s.to_owned(),
        });
    }
    Ok(())
}

string_newtype!(
    /// A certificate subject common name: 1 to 64 characters.
    CommonName,
    "A certificate subject common name, at most 64 characters",
    None,
    check_common_name
);

fn arn_check(
    s: &str,
    service: &str,
    resource_prefix: &str,
    what: &'static str,
    expected: &'static str,
) -> Result<(), Error> {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == service
        && region_ok(parts[3])
        && parts[4].len() == 12
        && is_digits(parts[4])
        && parts[5].len() > resource_prefix.len()
        && parts[5].starts_with(resource_prefix);
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArn {
            what,
            value: s.to_owned(),
            expected,
        })
    }
}

fn check_acm(s: &str) -> Result<(), Error> {
    arn_check(
        s,
        "acm",
        "certificate/",
        "acm certificate",
        "arn:aws:acm:us-east-1:123456789012:certificate/ID",
    )
}

string_newtype!(
    /// The ARN of an ACM certificate (`arn:aws:acm:REGION:ACCOUNT:certificate/ID`).
    CertificateArn,
    "The ARN of an ACM certificate in the service's region",
    Some(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$"),
    check_acm
);

fn check_sns(s: &str) -> Result<(), Error> {
    arn_check(
        s,
        "sns",
        "",
        "sns topic",
        "arn:aws:sns:us-east-1:123456789012:TOPIC",
    )
}

string_newtype!(
    /// The ARN of an SNS topic (`arn:aws:sns:REGION:ACCOUNT:NAME`).
    SnsTopicArn,
    "The ARN of an SNS topic for endpoint connection notifications",
    Some(r"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$"),
    check_sns
);

fn check_log_destination(s: &str) -> Result<(), Error> {
    let ok = arn_check(s, "s3", "", "", "").is_ok()
        || (s.starts_with("arn:aws") && s.split(':').nth(2) == Some("s3") && s.len() > 13)
        || arn_check(s, "logs", "log-group:", "", "").is_ok();
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArn {
            what: "flow log destination",
            value: s.to_owned(),
            expected: "arn:aws:s3:::BUCKET or arn:aws:logs:REGION:ACCOUNT:log-group:NAME",
        })
    }
}

string_newtype!(
    /// Where VPC flow logs go: an S3 bucket ARN (`arn:aws:s3:::bucket`) or a CloudWatch Logs
    /// group ARN.
    FlowLogDestination,
    "An S3 bucket ARN (arn:aws:s3:::BUCKET) or a CloudWatch Logs group ARN",
    Some(r"^arn:aws[a-z-]*:(s3|logs):.+$"),
    check_log_destination
);

impl FlowLogDestination {
    /// `s3` or `cloud-watch-logs`, the `log_destination_type` of `aws_flow_log`.
    pub fn destination_type(&self) -> &'static str {
        if self.0.split(':').nth(2) == Some("s3") {
            "s3"
        } else {
            "cloud-watch-logs"
        }
    }
}

fn check_bucket_arn(s: &str) -> Result<(), Error> {
    let name = s
        .strip_prefix("arn:")
        .and_then(|r| r.split_once(':'))
        .filter(|(partition, _)| partition.starts_with("aws"))
        .and_then(|(_, r)| r.strip_prefix("s3:::"))
        .map(|r| r.split_once('/').map_or(r, |(bucket, _)| bucket));
    match name {
        Some(n) if check_bucket(n).is_ok() => Ok(()),
        _ => Err(Error::InvalidArn {
            what: "s3 bucket",
            value: s.to_owned(),
            expected: "arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/FOLDER",
        }),
    }
}

string_newtype!(
    /// The ARN of an S3 bucket, optionally with a folder (`arn:aws:s3:::BUCKET/FOLDER`).
    BucketArn,
    "The ARN of an S3 bucket, optionally with a folder (arn:aws:s3:::BUCKET/FOLDER)",
    Some(r"^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$"),
    check_bucket_arn
);

fn check_log_group_arn(s: &str) -> Result<(), Error> {
    arn_check(
        s,
        "logs",
        "log-group:",
        "cloudwatch logs group",
        "arn:aws:logs:us-east-1:123456789012:log-group:NAME",
    )
}

string_newtype!(
    /// The ARN of a CloudWatch Logs group (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`).
    LogGroupArn,
    "The ARN of a CloudWatch Logs group",
    Some(r"^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:.+$"),
    check_log_group_arn
);

fn id_check(s: &str, kind: &'static str) -> Result<(), Error> {
    let ok = s
        .strip_prefix(kind)
        .and_then(|r| r.strip_prefix('-'))
        .is_some_and(|h| {
            (h.len() == 8 || h.len() == 17)
                && h.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidResourceId {
            kind,
            value: s.to_owned(),
        })
    }
}

fn check_vpc_id(s: &str) -> Result<(), Error> {
    id_check(s, "vpc")
}
fn check_subnet_id(s: &str) -> Result<(), Error> {
    id_check(s, "subnet")
}
fn check_sg_id(s: &str) -> Result<(), Error> {
    id_check(s, "sg")
}
fn check_instance_id(s: &str) -> Result<(), Error> {
    id_check(s, "i")
}

string_newtype!(
    /// An existing VPC's id (`vpc-0123456789abcdef0`).
    VpcId,
    "An existing VPC id, e.g. vpc-0123456789abcdef0",
    Some(r"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"),
    check_vpc_id
);
string_newtype!(
    /// An existing subnet's id (`subnet-0123456789abcdef0`).
    SubnetId,
    "An existing subnet id, e.g. subnet-0123456789abcdef0",
    Some(r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"),
    check_subnet_id
);
string_newtype!(
    /// An existing security group's id (`sg-0123456789abcdef0`).
    SecurityGroupId,
    "An existing security group id, e.g. sg-0123456789abcdef0",
    Some(r"^sg-([0-9a-f]{8}|[0-9a-f]{17})$"),
    check_sg_id
);
string_newtype!(
    /// An existing EC2 instance's id (`i-0123456789abcdef0`).
    InstanceId,
    "An existing EC2 instance id, e.g. i-0123456789abcdef0",
    Some(r"^i-([0-9a-f]{8}|[0-9a-f]{17})$"),
    check_instance_id
);

fn check_service_name(s: &str) -> Result<(), Error> {
    let ok = s
        .strip_prefix("com.amazonaws.vpce.")
        .and_then(|r| r.split_once('.'))
        .is_some_and(|(region, id)| region_ok(region) && id_check(id, "vpce-svc").is_ok());
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidServiceName {
            value: s.to_owned(),
        })
    }
}

string_newtype!(
    /// An endpoint service name (`com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`).
    ServiceName,
    "An endpoint service name, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    Some(r"^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})$"),
    check_service_name
);

/// A TCP port, 1-65535.
///
/// # Example
/// ```
/// use tfsynth_privatelink::Port;
/// assert_eq!(Port::new(443)?.get(), 443);
/// assert!(Port::new(0).is_err());
/// # Ok::<(), tfsynth_privatelink::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Port(u16);

impl Port {
    /// HTTPS, 443.
    pub const HTTPS: Port = Port(443);
    /// HTTP, 80.
    pub const HTTP: Port = Port(80);

    /// Checks `value` is in 1-65535.
    ///
    /// # Errors
    /// [`Error::InvalidPort`].
    pub fn new(value: u32) -> Result<Self, Error> {
        Self::checked("", value)
    }

    pub(crate) fn checked(what: &'static str, value: u32) -> Result<Self, Error> {
        match u16::try_from(value) {
            Ok(p) if p > 0 => Ok(Self(p)),
            _ => Err(Error::InvalidPort { what, value }),
        }
    }

    /// The port number.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<Port> for tfsynth::Value<tfsynth::Number> {
    fn from(p: Port) -> Self {
        p.0.into()
    }
}

impl serde::Serialize for Port {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Port {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u32::deserialize(d)?;
        Self::new(v).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Port {
    fn schema_name() -> Cow<'static, str> {
        "Port".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": 1, "maximum": 65535 })
    }
}

/// An availability zone, by id (`use1-az1`, the same physical zone in every account) or by
/// name (`us-east-1a`, which maps to a different zone in each account).
///
/// # Example
/// ```
/// use tfsynth_privatelink::Az;
/// assert!(matches!("use1-az1".parse::<Az>()?, Az::Id(_)));
/// assert!(matches!("us-east-1a".parse::<Az>()?, Az::Name(_)));
/// assert!("us-east-1".parse::<Az>().is_err());
/// # Ok::<(), tfsynth_privatelink::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Az {
    /// A zone id, e.g. `use1-az1`: written to `availability_zone_id`.
    Id(String),
    /// A zone name, e.g. `us-east-1a`: written to `availability_zone`.
    Name(String),
}

impl Az {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Id(s) | Self::Name(s) => s,
        }
    }
    /// True for a zone id.
    pub fn is_id(&self) -> bool {
        matches!(self, Self::Id(_))
    }
}

fn az_id_ok(s: &str) -> bool {
    // use1-az1, apne1-az4, usw2-lax1-az1 (Local Zones)
    let Some((head, n)) = s.rsplit_once("-az") else {
        return false;
    };
    let region = head.split('-').next().unwrap_or_default();
    let letters = region.trim_end_matches(|c: char| c.is_ascii_digit());
    is_digits(n)
        && letters.len() >= 2
        && is_lower_alpha(letters)
        && letters.len() < region.len()
        && head.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn az_name_ok(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next_back().is_some_and(|c| c.is_ascii_lowercase()) && region_ok(chars.as_str())
}

impl FromStr for Az {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        if az_id_ok(s) {
            Ok(Self::Id(s.to_owned()))
        } else if az_name_ok(s) {
            Ok(Self::Name(s.to_owned()))
        } else {
            Err(Error::InvalidAz {
                value: s.to_owned(),
            })
        }
    }
}

impl fmt::Display for Az {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Az {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Az {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Az {
    fn schema_name() -> Cow<'static, str> {
        "Az".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An availability zone id (use1-az1, recommended: the same in every account) or name (us-east-1a)"
        })
    }
}

/// Parses zones and checks them: no duplicates, ids and names not mixed.
///
/// # Errors
/// [`Error::DuplicateAz`], [`Error::MixedAzKinds`].
pub fn check_azs(azs: &[Az]) -> Result<(), Error> {
    for (i, a) in azs.iter().enumerate() {
        if azs[..i].contains(a) {
            return Err(Error::DuplicateAz { az: a.to_string() });
        }
    }
    if azs.iter().any(Az::is_id) && !azs.iter().all(Az::is_id) {
        return Err(Error::MixedAzKinds {
            azs: azs.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(())
}

/// An ELB TLS security policy for the HTTPS listener, restricted to current policies that
/// allow TLS 1.2 and 1.3 only.
///
/// # Example
/// ```
/// use tfsynth_privatelink::TlsPolicy;
/// assert_eq!(TlsPolicy::default().as_str(), "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
/// assert!(TlsPolicy::new("ELBSecurityPolicy-2016-08").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsPolicy(String);

impl TlsPolicy {
    /// The policies accepted: TLS 1.2+ only, not deprecated.
    pub const ALLOWED: &'static [&'static str] = &[
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
        "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    ];

    /// The policies refused because they allow TLS 1.0/1.1 (or are otherwise deprecated).
    pub const REFUSED: &'static [&'static str] = &[
        "ELBSecurityPolicy-2016-08",
        "ELBSecurityPolicy-2015-05",
        "ELBSecurityPolicy-TLS-1-0-2015-04",
        "ELBSecurityPolicy-TLS-1-1-2017-01",
        "ELBSecurityPolicy-FS-2018-06",
        "ELBSecurityPolicy-FS-1-1-2019-08",
        "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS13-1-1-2021-06",
        "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
        "ELBSecurityPolicy-TLS-1-2-2017-01",
        "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
        "ELBSecurityPolicy-FS-1-2-2019-08",
        "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    ];

    /// Checks `name` is an allowed policy.
    ///
    /// # Errors
    /// [`Error::InsecureTlsPolicy`] for a policy that allows TLS 1.0/1.1 or is superseded,
    /// [`Error::UnknownTlsPolicy`] for any other name.
    pub fn new(name: impl Into<String>) -> Result<Self, Error> {
        let name = name.into();
        if Self::ALLOWED.contains(&name.as_str()) {
            Ok(Self(name))
        } else if Self::REFUSED.contains(&name.as_str())
            || name.contains("-1-0-")
            || name.contains("-1-1-")
            || name.contains("2016")
            || name.contains("2015")
        {
            Err(Error::InsecureTlsPolicy { value: name })
        } else {
            Err(Error::UnknownTlsPolicy { value: name })
        }
    }

    /// The policy name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for TlsPolicy {
    fn default() -> Self {
        Self(Self::ALLOWED[0].to_owned())
    }
}

impl fmt::Display for TlsPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&TlsPolicy> for tfsynth::Value<String> {
    fn from(v: &TlsPolicy) -> Self {
        v.0.clone().into()
    }
}

impl serde::Serialize for TlsPolicy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for TlsPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for TlsPolicy {
    fn schema_name() -> Cow<'static, str> {
        "TlsPolicy".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An ELB security policy allowing TLS 1.2+ only",
            "enum": Self::ALLOWED
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

    #[test]
    fn lb_names() {
        assert!(LbName::new("service-alb").is_ok());
        assert!(LbName::new("a".repeat(32)).is_ok());
        insta::assert_snapshot!(LbName::new("a".repeat(33)).unwrap_err(), @r#"load balancer or target group name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is longer than 32 characters; use at most 32 letters, digits and hyphens, not starting or ending with a hyphen"#);
        insta::assert_snapshot!(LbName::new("svc_alb").unwrap_err(), @r#"load balancer or target group name "svc_alb" has characters other than letters, digits and hyphens; use at most 32 letters, digits and hyphens, not starting or ending with a hyphen"#);
        insta::assert_snapshot!(LbName::new("-alb").unwrap_err(), @r#"load balancer or target group name "-alb" starts or ends with a hyphen; use at most 32 letters, digits and hyphens, not starting or ending with a hyphen"#);
        insta::assert_snapshot!(LbName::new("").unwrap_err(), @r#"load balancer or target group name "" is empty; use at most 32 letters, digits and hyphens, not starting or ending with a hyphen"#);
        assert!(LbName::new("internal-x").is_err());
    }

    #[test]
    fn principals() {
        for ok in [
            "arn:aws:iam::123456789012:root",
            "arn:aws-us-gov:iam::123456789012:role/path/deployer",
            "arn:aws-cn:iam::123456789012:user/alice@example.com",
        ] {
            assert!(PrincipalArn::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "*",
            "123456789012",
            "arn:aws:iam::12345678901:root",
            "arn:aws:iam:us-east-1:123456789012:root",
            "arn:aws:sts::123456789012:assumed-role/x/y",
            "arn:aws:iam::123456789012:group/admins",
            "arn:aws:iam::123456789012:role/",
            "arn:gcp:iam::123456789012:root",
        ] {
            assert!(PrincipalArn::new(bad).is_err(), "{bad}");
        }
        insta::assert_snapshot!(PrincipalArn::new("123456789012").unwrap_err(), @r#"principal "123456789012" is not an iam principal arn; use arn:aws:iam::123456789012:root, ...:role/NAME or ...:user/NAME"#);
        let root = |region: &str| {
            let region = Region::new(region).expect("a region");
            PrincipalArn::account_root(&region, "123456789012").map(|p| p.to_string())
        };
        assert_eq!(
            root("us-east-1"),
            Ok("arn:aws:iam::123456789012:root".to_owned())
        );
        assert_eq!(
            root("cn-northwest-1"),
            Ok("arn:aws-cn:iam::123456789012:root".to_owned())
        );
        assert_eq!(
            root("us-gov-east-1"),
            Ok("arn:aws-us-gov:iam::123456789012:root".to_owned())
        );
    }

    #[test]
    fn azs() {
        for id in ["use1-az1", "euw1-az3", "apne1-az4", "usw2-lax1-az1"] {
            assert!(matches!(id.parse::<Az>(), Ok(Az::Id(_))), "{id}");
        }
        for name in [
            "us-east-1a",
            "eu-west-1c",
            "us-gov-west-1b",
            "ap-southeast-2a",
        ] {
            assert!(matches!(name.parse::<Az>(), Ok(Az::Name(_))), "{name}");
        }
        for bad in ["us-east-1", "use1", "az1", "USE1-AZ1", "", "us-east-1A"] {
            assert!(bad.parse::<Az>().is_err(), "{bad}");
        }
        insta::assert_snapshot!("us-east-1".parse::<Az>().unwrap_err(), @r#""us-east-1" is not an availability zone; use a zone id such as "use1-az1" (the same in every account) or a zone name such as "us-east-1a""#);
        let a: Vec<Az> = ["use1-az1", "us-east-1b"]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        insta::assert_snapshot!(check_azs(&a).unwrap_err(), @"availability zones [use1-az1, us-east-1b] mix zone ids and zone names; use zone ids only (recommended) or names only");
        let d: Vec<Az> = ["use1-az1", "use1-az1"]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        insta::assert_snapshot!(check_azs(&d).unwrap_err(), @r#"availability zone "use1-az1" is listed twice; list each zone once"#);
    }

    #[test]
    fn tls_policies() {
        assert_eq!(
            TlsPolicy::default().as_str(),
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
        );
        for p in TlsPolicy::ALLOWED {
            assert!(TlsPolicy::new(*p).is_ok());
        }
        for p in TlsPolicy::REFUSED {
            assert!(
                matches!(TlsPolicy::new(*p), Err(Error::InsecureTlsPolicy { .. })),
                "{p}"
            );
        }
        insta::assert_snapshot!(TlsPolicy::new("ELBSecurityPolicy-2016-08").unwrap_err(), @r#"tls policy "ELBSecurityPolicy-2016-08" allows tls 1.0/1.1 or is deprecated; use ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (the default) or another tls 1.2+ policy"#);
        let e = TlsPolicy::new("MyPolicy").unwrap_err();
        assert!(matches!(e, Error::UnknownTlsPolicy { .. }));
        assert!(e.to_string().starts_with("tls policy \"MyPolicy\" is not a known elb security policy; use one of ELBSecurityPolicy-TLS13-1-2-Res-2021-06, "));
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

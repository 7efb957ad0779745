//! Names: regions, load balancers and target groups, instance types, buckets, hosted zones,
//! DNS names, certificate common names.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::is_digits;
use crate::rules::Shape;
use crate::Error;

string_newtype!(
    /// An AWS region name (`us-east-1`).
    Region,
    "An AWS region name, e.g. us-east-1",
    rule: Shape::new("region", concat!("^", region!(), "$"), |value| Error::InvalidRegion { value })
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

string_newtype!(
    /// An EC2 instance type: `family.size` (`t3.micro`, `m7g.large`, `c7i.metal-24xl`): a
    /// family that starts with a letter and holds a digit, a size, each of lowercase letters,
    /// digits and inner hyphens, at most 32 characters.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::InstanceType;
    /// assert!(InstanceType::new("t3.micro").is_ok());
    /// assert!(InstanceType::new("micro").is_err());
    /// ```
    InstanceType,
    "An EC2 instance type, family.size, e.g. t3.micro",
    rule: Shape::new(
        "instance_type",
        r"^[a-z][a-z0-9-]*[0-9]([a-z0-9-]*[a-z0-9])?\.[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
        |value| Error::InvalidInstanceType { value },
    )
    .max_len(32)
);

impl InstanceType {
    /// `t3.micro`, the default of the app tier and the consumer's client.
    pub fn t3_micro() -> Self {
        Self("t3.micro".into())
    }
}

pub(super) fn check_bucket(s: &str) -> Result<(), Error> {
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
}

//! ARNs: IAM principals and roles, ACM certificates, SNS topics, flow log destinations, S3
//! buckets, CloudWatch Logs groups. Each is built from the partition it names
//! (`arn:aws:`, `arn:aws-cn:`, `arn:aws-us-gov:`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::names::check_bucket;
use crate::rules::Shape;
use crate::Error;

/// An IAM user or role name with its path (`path/deployer`): not ending with `/`.
macro_rules! iam_name {
    () => {
        "[A-Za-z0-9+=,.@_/-]*[A-Za-z0-9+=,.@_-]"
    };
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
    rule: Shape::new(
        "role_arn",
        concat!("^arn:", partition!(), ":iam::", account!(), ":role/", iam_name!(), "$"),
        |value| Error::InvalidArn {
            what: "iam role",
            value,
            expected: "arn:aws:iam::123456789012:role/NAME",
        },
    )
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
    rule: Shape::new(
        "principal",
        concat!(
            "^arn:", partition!(), ":iam::", account!(), ":(root|(role|user)/", iam_name!(), ")$"
        ),
        |value| Error::InvalidPrincipalArn { value },
    )
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

string_newtype!(
    /// The ARN of an ACM certificate (`arn:aws:acm:REGION:ACCOUNT:certificate/ID`).
    CertificateArn,
    "The ARN of an ACM certificate in the service's region",
    rule: Shape::new(
        "certificate_arn",
        concat!("^arn:", partition!(), ":acm:", region!(), ":", account!(), ":certificate/.+$"),
        |value| Error::InvalidArn {
            what: "acm certificate",
            value,
            expected: "arn:aws:acm:us-east-1:123456789012:certificate/ID",
        },
    )
);

impl CertificateArn {
    /// The region the certificate is in (`us-east-1`).
    pub fn region(&self) -> &str {
        self.0.split(':').nth(3).unwrap_or_default()
    }
}

string_newtype!(
    /// The ARN of an SNS topic (`arn:aws:sns:REGION:ACCOUNT:NAME`).
    SnsTopicArn,
    "The ARN of an SNS topic for endpoint connection notifications",
    rule: Shape::new(
        "sns_topic_arn",
        concat!("^arn:", partition!(), ":sns:", region!(), ":", account!(), ":.+$"),
        |value| Error::InvalidArn {
            what: "sns topic",
            value,
            expected: "arn:aws:sns:us-east-1:123456789012:TOPIC",
        },
    )
);

string_newtype!(
    /// Where VPC flow logs go: an S3 bucket ARN (`arn:aws:s3:::bucket`) or a CloudWatch Logs
    /// group ARN.
    FlowLogDestination,
    "An S3 bucket ARN (arn:aws:s3:::BUCKET) or a CloudWatch Logs group ARN",
    rule: Shape::new(
        "flow_log_destination",
        concat!(
            "^arn:", partition!(), ":s3:::.+$|^arn:", partition!(), ":logs:", region!(), ":",
            account!(), ":log-group:.+$"
        ),
        |value| Error::InvalidArn {
            what: "flow log destination",
            value,
            expected: "arn:aws:s3:::BUCKET or arn:aws:logs:REGION:ACCOUNT:log-group:NAME",
        },
    )
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

string_newtype!(
    /// The ARN of a CloudWatch Logs group (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`).
    LogGroupArn,
    "The ARN of a CloudWatch Logs group",
    rule: Shape::new(
        "log_group_arn",
        concat!("^arn:", partition!(), ":logs:", region!(), ":", account!(), ":log-group:.+$"),
        |value| Error::InvalidArn {
            what: "cloudwatch logs group",
            value,
            expected: "arn:aws:logs:us-east-1:123456789012:log-group:NAME",
        },
    )
);

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;
    use crate::Region;

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
}

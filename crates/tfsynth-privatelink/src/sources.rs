//! What a construct takes either as a handle to a resource declared in the same stack (a
//! certificate, a bucket, a hosted zone you create next to the construct) or as a literal
//! naming one that exists elsewhere; and the partition ARNs are built in.
//!
//! Every type converts from both with `.into()`:
//!
//! ```
//! use tfsynth::{Declare, Stack};
//! use tfsynth_aws::S3Bucket;
//! use tfsynth_privatelink::{BucketName, BucketSource};
//! let mut stack = Stack::new();
//! let logs = stack.resource("logs", S3Bucket::new());
//! let mine: BucketSource = logs.into();
//! let theirs: BucketSource = BucketName::new("central-lb-logs")?.into();
//! assert_eq!(mine.name().to_string(), "aws_s3_bucket.logs.bucket");
//! assert!(matches!(theirs, BucketSource::Name(n) if n.as_str() == "central-lb-logs"));
//! # Ok::<(), tfsynth_privatelink::Error>(())
//! ```

use tfsynth::{Declare, Expr, Ref};
use tfsynth_aws::{
    data, AcmCertificate, AcmCertificateValidation, CloudwatchLogGroup, IamRole, Instance,
    Route53Zone, S3Bucket, SecurityGroup, SnsTopic, Subnet, Vpc,
};

use crate::{
    BucketArn, BucketName, CertificateArn, Cidr, HostedZoneId, InstanceId, LogGroupArn, RoleArn,
    SecurityGroupId, SnsTopicArn, SubnetId, VpcId,
};

/// A literal id or name as an expression.
fn lit(s: &str) -> Expr<String> {
    Expr::from_raw(s.into())
}

macro_rules! source {
    ($(#[$doc:meta])* $name:ident, $res:ty, $lit_variant:ident($lit:ty), $get:ident, $attr:ident, $get_doc:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name {
            /// Declared in the same stack.
            Handle(Ref<$res>),
            /// Made elsewhere (another stack, account or the console).
            $lit_variant($lit),
        }

        impl $name {
            #[doc = $get_doc]
            pub fn $get(&self) -> Expr<String> {
                match self {
                    Self::Handle(r) => r.$attr(),
                    Self::$lit_variant(v) => lit(v.as_str()),
                }
            }
        }

        impl From<Ref<$res>> for $name {
            fn from(r: Ref<$res>) -> Self {
                Self::Handle(r)
            }
        }

        impl From<&Ref<$res>> for $name {
            fn from(r: &Ref<$res>) -> Self {
                Self::Handle(r.clone())
            }
        }

        impl From<$lit> for $name {
            fn from(v: $lit) -> Self {
                Self::$lit_variant(v)
            }
        }
    };
}

source!(
    /// An S3 bucket (load balancer access logs).
    BucketSource,
    S3Bucket,
    Name(BucketName),
    name,
    bucket,
    "The bucket's name."
);
/// An ACM certificate.
#[derive(Debug, Clone)]
pub enum CertificateSource {
    /// Declared in the same stack and already issued (imported, or validated elsewhere).
    Handle(Ref<AcmCertificate>),
    /// Declared in the same stack with its DNS validation: whoever uses the ARN waits for the
    /// validation to complete (a listener refuses a certificate still pending validation).
    Validated(Ref<AcmCertificateValidation>),
    /// Made elsewhere (another stack, account or the console).
    Arn(CertificateArn),
    /// An ARN from a Terraform expression (a module's `certificate_arn` variable), checked
    /// by the caller.
    Expression(Expr<String>),
}

impl CertificateSource {
    /// The certificate's ARN.
    pub fn arn(&self) -> Expr<String> {
        match self {
            Self::Handle(r) => r.arn(),
            Self::Validated(r) => r.certificate_arn(),
            Self::Arn(a) => lit(a.as_str()),
            Self::Expression(e) => e.clone(),
        }
    }
}

impl From<Ref<AcmCertificate>> for CertificateSource {
    fn from(r: Ref<AcmCertificate>) -> Self {
        Self::Handle(r)
    }
}

impl From<&Ref<AcmCertificate>> for CertificateSource {
    fn from(r: &Ref<AcmCertificate>) -> Self {
        Self::Handle(r.clone())
    }
}

impl From<Ref<AcmCertificateValidation>> for CertificateSource {
    fn from(r: Ref<AcmCertificateValidation>) -> Self {
        Self::Validated(r)
    }
}

impl From<&Ref<AcmCertificateValidation>> for CertificateSource {
    fn from(r: &Ref<AcmCertificateValidation>) -> Self {
        Self::Validated(r.clone())
    }
}

impl From<CertificateArn> for CertificateSource {
    fn from(a: CertificateArn) -> Self {
        Self::Arn(a)
    }
}
source!(
    /// A Route 53 public hosted zone.
    HostedZoneSource,
    Route53Zone,
    Id(HostedZoneId),
    zone_id,
    zone_id,
    "The zone's id."
);
source!(
    /// An SNS topic.
    TopicSource,
    SnsTopic,
    Arn(SnsTopicArn),
    arn,
    arn,
    "The topic's ARN."
);
source!(
    /// A subnet.
    SubnetSource,
    Subnet,
    Id(SubnetId),
    id,
    id,
    "The subnet's id."
);
source!(
    /// A security group.
    SecurityGroupSource,
    SecurityGroup,
    Id(SecurityGroupId),
    id,
    id,
    "The group's id."
);
source!(
    /// An EC2 instance.
    InstanceSource,
    Instance,
    Id(InstanceId),
    id,
    id,
    "The instance's id."
);

source!(
    /// An S3 bucket that receives VPC flow logs.
    FlowLogBucket,
    S3Bucket,
    Arn(BucketArn),
    arn,
    arn,
    "The bucket's ARN."
);
source!(
    /// A CloudWatch Logs group.
    LogGroupSource,
    CloudwatchLogGroup,
    Arn(LogGroupArn),
    arn,
    arn,
    "The group's ARN."
);
source!(
    /// An IAM role.
    RoleSource,
    IamRole,
    Arn(RoleArn),
    arn,
    arn,
    "The role's ARN."
);

/// Where a network's VPC flow logs (all traffic, one-minute aggregation) go; an exclusive
/// choice, so a role comes with a log group and never with a bucket.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowLogs {
    /// An S3 bucket (a handle or its ARN) whose policy lets the log delivery service write;
    /// S3 takes no role.
    S3(FlowLogBucket),
    /// A CloudWatch Logs group and the IAM role the flow log service writes to it with.
    CloudWatch {
        /// The log group (a handle or its ARN).
        group: LogGroupSource,
        /// The role (a handle or its ARN).
        role: RoleSource,
    },
}

impl SubnetSource {
    /// The literal id, when known now (for duplicate checks).
    pub(crate) fn literal(&self) -> Option<&str> {
        match self {
            Self::Handle(_) => None,
            Self::Id(id) => Some(id.as_str()),
        }
    }
}

impl InstanceSource {
    /// The literal id, when known now (for duplicate checks).
    pub(crate) fn literal(&self) -> Option<&str> {
        match self {
            Self::Handle(_) => None,
            Self::Id(id) => Some(id.as_str()),
        }
    }
}

/// A VPC that exists: declared in the same stack, or by its id and IPv4 block.
#[derive(Debug, Clone)]
pub enum VpcSource {
    /// Declared in the same stack: its id and block are read from the handle.
    Handle(Ref<Vpc>),
    /// Made elsewhere.
    Id {
        /// The VPC.
        id: VpcId,
        /// Its IPv4 block.
        cidr: Cidr,
    },
    /// From Terraform expressions (a module's `vpc_id` variable and what reads its block),
    /// checked by the caller.
    Expression {
        /// The VPC's id.
        id: Expr<String>,
        /// Its IPv4 block.
        cidr: Expr<String>,
    },
}

impl VpcSource {
    /// The VPC's id.
    pub fn id(&self) -> Expr<String> {
        match self {
            Self::Handle(r) => r.id(),
            Self::Id { id, .. } => lit(id.as_str()),
            Self::Expression { id, .. } => id.clone(),
        }
    }
    /// The VPC's IPv4 block.
    pub fn cidr_block(&self) -> Expr<String> {
        match self {
            Self::Handle(r) => r.cidr_block(),
            Self::Id { cidr, .. } => lit(&cidr.to_string()),
            Self::Expression { cidr, .. } => cidr.clone(),
        }
    }
}

impl From<Ref<Vpc>> for VpcSource {
    fn from(r: Ref<Vpc>) -> Self {
        Self::Handle(r)
    }
}

impl From<&Ref<Vpc>> for VpcSource {
    fn from(r: &Ref<Vpc>) -> Self {
        Self::Handle(r.clone())
    }
}

/// The partition of the provider's region (`aws`, `aws-cn`, `aws-us-gov`) as an expression:
/// declares the `aws_partition` data source `partition` in `scope`. ARNs are built from it,
/// never from a literal `arn:aws:`.
pub(crate) fn partition(scope: &mut impl Declare) -> Expr<String> {
    scope.data("partition", data::Partition::new()).partition()
}

/// `arn:PARTITION:iam::aws:policy/NAME`: an AWS managed policy in the provider's partition.
pub(crate) fn managed_policy(partition: &Expr<String>, name: &str) -> Expr<String> {
    tfsynth::template!(
        "arn:",
        partition.clone(),
        ":iam::aws:policy/",
        name.to_owned()
    )
}

//! What the service side and the consumer side share about EC2: a subnet of an existing VPC
//! with its zone ([`ExistingSubnet`]), the Amazon Linux AMI, the SSM instance profile and the
//! hardened instance. Both sides depend on this module; neither on the other for it.

use tfsynth::{Declare, Expr, Ref, Value};
use tfsynth_aws::{
    data, IamInstanceProfile, IamRole, IamRolePolicyAttachment, IamRolePolicyAttachmentArgs,
    Instance, Subnet,
};

use crate::common::{named, Tags};
use crate::sources::{managed_policy, partition, SubnetSource};
use crate::{Az, SubnetId};

/// A subnet of an existing VPC for the endpoint, and its zone when known.
#[derive(Debug, Clone)]
pub struct ExistingSubnet {
    /// The subnet (a handle or an id).
    pub subnet: SubnetSource,
    /// Its zone (an id, `use1-az1`, is comparable across accounts): checked against the
    /// service's zones when the consumer is built.
    /// Default: none (AWS checks it when the endpoint is created).
    pub az: Option<Az>,
}

impl ExistingSubnet {
    /// `subnet` in `az`.
    pub fn in_zone(subnet: impl Into<SubnetSource>, az: Az) -> Self {
        Self {
            subnet: subnet.into(),
            az: Some(az),
        }
    }
}

impl From<Ref<Subnet>> for ExistingSubnet {
    fn from(s: Ref<Subnet>) -> Self {
        Self {
            subnet: s.into(),
            az: None,
        }
    }
}

impl From<SubnetId> for ExistingSubnet {
    fn from(s: SubnetId) -> Self {
        Self {
            subnet: s.into(),
            az: None,
        }
    }
}

/// The Amazon Linux 2023 AMI (x86_64, HVM), as the post picks it.
pub(crate) fn amazon_linux(scope: &mut impl Declare) -> Ref<data::Ami> {
    use tfsynth_aws::data::ami::{Filter, FilterArgs};
    let filter = |name: &str, value: &str| {
        Filter::new(FilterArgs {
            name: name.into(),
            values: [value].into(),
        })
    };
    scope.data(
        "al2023",
        data::Ami::new()
            .owners(["amazon"])
            .most_recent(true)
            .add_filter(filter("name", "al2023-ami-2023.*-x86_64"))
            .add_filter(filter("architecture", "x86_64"))
            .add_filter(filter("virtualization-type", "hvm")),
    )
}

/// An IAM role with AmazonSSMManagedInstanceCore (in the provider's partition) and its
/// instance profile.
pub(crate) fn instance_profile(scope: &mut impl Declare, tags: &Tags) -> Ref<IamInstanceProfile> {
    let role_name = scope.logical_name("role");
    let assume = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "ec2.amazonaws.com" },
            "Action": "sts:AssumeRole"
        }]
    })
    .to_string();
    let role = scope.resource(
        "role",
        IamRole::new(assume)
            .name_prefix(truncate(&role_name, 38))
            .description("EC2 instances managed through SSM Session Manager")
            .tags(named(tags, &role_name)),
    );
    let partition = partition(scope);
    scope.resource(
        "ssm_core",
        IamRolePolicyAttachment::new(IamRolePolicyAttachmentArgs {
            policy_arn: managed_policy(&partition, "AmazonSSMManagedInstanceCore").into(),
            role: role.name().into(),
        }),
    );
    let p_name = scope.logical_name("profile");
    scope.resource(
        "profile",
        IamInstanceProfile::new()
            .name_prefix(truncate(&p_name, 38))
            .role(role.name())
            .tags(named(tags, &p_name)),
    )
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// An instance with the hardening every instance here gets.
#[allow(clippy::too_many_arguments)]
pub(crate) fn hardened_instance(
    ami: &Ref<data::Ami>,
    instance_type: &Value<String>,
    subnet: &Expr<String>,
    sg: &Expr<String>,
    profile: &Ref<IamInstanceProfile>,
    key_name: Option<&str>,
    tags: &Tags,
    logical: &str,
) -> Instance {
    use tfsynth_aws::instance::{MetadataOptions, RootBlockDevice};
    let mut i = Instance::new()
        .ami(ami.id())
        .instance_type(instance_type.clone())
        .subnet_id(subnet)
        .vpc_security_group_ids(vec![sg.clone()])
        .associate_public_ip_address(false)
        .iam_instance_profile(profile.name())
        .monitoring(true)
        .ebs_optimized(true)
        .metadata_options(
            MetadataOptions::new()
                .http_endpoint(tfsynth_aws::ec2::enums::InstanceMetadataEndpointState::Enabled)
                .http_tokens(tfsynth_aws::ec2::enums::HttpTokensState::Required)
                .http_put_response_hop_limit(1),
        )
        .root_block_device(
            RootBlockDevice::new()
                .encrypted(true)
                .volume_type(tfsynth_aws::ec2::enums::VolumeType::Gp3)
                .delete_on_termination(true),
        )
        .tags(named(tags, logical));
    if let Some(k) = key_name {
        i = i.key_name(k.to_owned());
    }
    i
}

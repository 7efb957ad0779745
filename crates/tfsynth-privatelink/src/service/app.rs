//! The app tier: the targets the ALB forwards to, either nginx instances this construct runs or
//! instances the caller runs (handles from the same stack or ids).

use tfsynth::{functions, Declare, Expr, List, Number, Ref, Value};
use tfsynth_aws::SecurityGroup;

use crate::common::{check_tags, check_unique, ingress, named, named_counted, Peer, Tags};
use crate::ec2::{amazon_linux, hardened_instance, instance_profile};
use crate::network::{instance_aws_egress, Placement};
use crate::sources::InstanceSource;
use crate::{Cidr, Error, InstanceType};

/// The nginx install script the demo instances run (Amazon Linux 2023).
pub const NGINX_USER_DATA: &str =
    "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n";

/// How many nginx instances the app tier runs: at least, at most (the module's
/// `instance_count` variable says the same).
pub(crate) const INSTANCE_COUNT: (i64, i64) = (1, 20);

/// What the application load balancer forwards to (on port 80).
#[derive(Debug, Clone)]
pub enum Targets {
    /// EC2 instances running nginx from user data, spread over the zones (IMDSv2, encrypted
    /// root volume, detailed monitoring, SSM instance profile, port 80 only from the ALB).
    Nginx {
        /// How many instances, 1 to 20.
        instance_count: u8,
        /// The instance type (`family.size`).
        instance_type: InstanceType,
    },
    /// Instances you run (handles from the same stack or ids), each listed once; allow the
    /// ALB's security group to reach them on port 80.
    Instances(Vec<InstanceSource>),
}

impl Default for Targets {
    /// Two `t3.micro` nginx instances.
    fn default() -> Self {
        Self::Nginx {
            instance_count: 2,
            instance_type: InstanceType::t3_micro(),
        }
    }
}

/// Props of the app tier.
#[derive(Debug, Clone, Default)]
pub struct AppProps {
    /// The targets.
    /// Default: two nginx instances (`t3.micro`).
    pub targets: Targets,
    /// CIDRs allowed to SSH to the nginx instances (port 22), each listed once; `0.0.0.0/0` is
    /// warned about. Instances are reached through SSM.
    /// Default: none (no SSH).
    pub ssh_cidrs: Vec<Cidr>,
    /// An EC2 key pair for SSH to the nginx instances.
    /// Default: none.
    pub key_name: Option<String>,
    /// The nginx instances' type as a Terraform expression (a module's `instance_type`
    /// variable), used instead of the one in `targets`; its shape is the caller's to check.
    /// Default: none.
    pub instance_type_input: Option<Expr<String>>,
    /// How many nginx instances, as a Terraform expression (a module's `instance_count`
    /// variable), used instead of the count in `targets`: the instances and their target group
    /// attachments become one `count` block each, spread round the zones by `count.index`. Its
    /// range is the caller's to check.
    /// Default: none.
    pub instance_count_input: Option<Expr<Number>>,
}

/// What [`AppTier::new`] needs from the rest of the service.
#[derive(Debug, Clone)]
pub struct AppTierProps {
    /// The network the instances go in. Required.
    pub network: Placement,
    /// The ALB's security group id (the only source allowed on port 80). Required.
    pub alb_security_group: Expr<String>,
    /// The tier's own props.
    /// Default: see [`AppProps`].
    pub app: AppProps,
    /// Tags on every resource.
    /// Default: none (only `Name`).
    pub tags: Tags,
}

/// The EC2 app tier: nginx instances, port 80 only from the ALB's security group; or the
/// caller's instances, passed through as targets.
#[derive(Debug, Clone)]
pub struct AppTier {
    /// The instances' security group, when the tier runs instances.
    pub security_group: Option<Ref<SecurityGroup>>,
    /// The target ids (empty when the instances are counted).
    pub target_ids: Vec<Expr<String>>,
    /// The instances as one `count` block ([`AppProps::instance_count_input`]).
    pub counted_targets: Option<CountedTargets>,
}

/// Targets whose number is an expression: their ids and how many.
#[derive(Debug, Clone)]
pub struct CountedTargets {
    /// The ids (`aws_instance.x[*].id`).
    pub ids: Expr<List<String>>,
    /// How many (the `count` of the instances).
    pub count: Expr<Number>,
}

impl AppTier {
    /// Adds the tier under `scope/id`.
    ///
    /// # Errors
    /// [`Error::NoTargets`], [`Error::OutOfRange`] for an instance count over 20,
    /// [`Error::Duplicate`] for an instance id or SSH block listed twice, an empty key pair
    /// name, tags AWS refuses.
    pub fn new(scope: &mut impl Declare, id: &str, props: AppTierProps) -> Result<AppTier, Error> {
        let scope = &mut scope.scope(id);
        let AppTierProps {
            network: net,
            alb_security_group: alb_sg,
            app,
            tags,
        } = props;
        let tags = &tags;
        check_tags(tags)?;
        check_unique("ssh_cidrs", &app.ssh_cidrs)?;
        if app.key_name.as_deref() == Some("") {
            return Err(Error::Empty { what: "key_name" });
        }
        let (count, instance_type) = match app.targets {
            Targets::Instances(ids) => {
                if ids.is_empty() {
                    return Err(Error::NoTargets);
                }
                let literal: Vec<&str> = ids.iter().filter_map(InstanceSource::literal).collect();
                check_unique("app targets", &literal)?;
                return Ok(AppTier {
                    security_group: None,
                    target_ids: ids.iter().map(InstanceSource::id).collect(),
                    counted_targets: None,
                });
            }
            Targets::Nginx {
                instance_count,
                instance_type,
            } => (
                instance_count,
                match &app.instance_type_input {
                    Some(e) => Value::from(e.clone()),
                    None => Value::from(instance_type.as_str().to_owned()),
                },
            ),
        };
        if count == 0 {
            return Err(Error::NoTargets);
        }
        let (min, max) = INSTANCE_COUNT;
        if i64::from(count) > max {
            return Err(Error::OutOfRange {
                what: "instance count",
                value: i64::from(count),
                min,
                max,
            });
        }
        let sg_name = scope.logical_name("sg");
        let sg = scope.resource(
            "sg",
            SecurityGroup::new()
                .name(sg_name.clone())
                .description("App instances: HTTP from the ALB only")
                .vpc_id(net.vpc_id.clone())
                .tags(named(tags, &sg_name)),
        );
        ingress(
            scope,
            "http_from_alb",
            &sg.id(),
            80,
            Peer::Group(alb_sg),
            "HTTP from the ALB",
            tags,
        );
        for (i, c) in app.ssh_cidrs.iter().enumerate() {
            ingress(
                scope,
                &format!("ssh_{i}"),
                &sg.id(),
                22,
                Peer::Cidr(c.to_string().into()),
                "SSH from an operator network",
                tags,
            );
        }
        instance_aws_egress(scope, &net, &sg.id(), tags);
        let profile = instance_profile(scope, tags);
        let ami = amazon_linux(scope);
        let sg_id = sg.id();
        let nginx = |subnet: &Expr<String>, logical: &str| {
            hardened_instance(
                &ami,
                &instance_type,
                subnet,
                &sg_id,
                &profile,
                app.key_name.as_deref(),
                tags,
                logical,
            )
            .user_data(NGINX_USER_DATA)
            .user_data_replace_on_change(true)
        };
        if let Some(n) = &app.instance_count_input {
            use tfsynth::MetaArgs;
            let logical = scope.logical_name("instance");
            let subnet = functions::element(net.subnet_id_list(), tfsynth::count_index());
            let inst = nginx(&subnet, &logical)
                .tags(named_counted(tags, &logical))
                .count(n.clone());
            let inst = scope.resource("instance", inst);
            return Ok(AppTier {
                security_group: Some(sg),
                target_ids: Vec::new(),
                counted_targets: Some(CountedTargets {
                    ids: Ref::splat(&inst, |i| i.id()),
                    count: n.clone(),
                }),
            });
        }
        let mut target_ids = Vec::new();
        for i in 0..usize::from(count) {
            let name = format!("instance_{i}");
            let logical = scope.logical_name(&name);
            let inst = scope.resource(&name, nginx(&net.subnet_id_at(i), &logical));
            target_ids.push(inst.id());
        }
        Ok(AppTier {
            security_group: Some(sg),
            target_ids,
            counted_targets: None,
        })
    }
}

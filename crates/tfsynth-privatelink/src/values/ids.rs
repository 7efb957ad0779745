//! Ids of things that exist (a VPC, a subnet, a security group, an instance), endpoint
//! service names, and ports.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::rules::Shape;
use crate::Error;

string_newtype!(
    /// An existing VPC's id (`vpc-0123456789abcdef0`).
    VpcId,
    "An existing VPC id, e.g. vpc-0123456789abcdef0",
    rule: Shape::new("vpc_id", hex_id!("vpc"), |value| Error::InvalidResourceId { kind: "vpc", value })
);
string_newtype!(
    /// An existing subnet's id (`subnet-0123456789abcdef0`).
    SubnetId,
    "An existing subnet id, e.g. subnet-0123456789abcdef0",
    rule: Shape::new("subnet_id", hex_id!("subnet"), |value| Error::InvalidResourceId { kind: "subnet", value })
);
string_newtype!(
    /// An existing security group's id (`sg-0123456789abcdef0`).
    SecurityGroupId,
    "An existing security group id, e.g. sg-0123456789abcdef0",
    rule: Shape::new("security_group_id", hex_id!("sg"), |value| Error::InvalidResourceId { kind: "sg", value })
);
string_newtype!(
    /// An existing EC2 instance's id (`i-0123456789abcdef0`).
    InstanceId,
    "An existing EC2 instance id, e.g. i-0123456789abcdef0",
    rule: Shape::new("instance_id", hex_id!("i"), |value| Error::InvalidResourceId { kind: "i", value })
);

string_newtype!(
    /// An endpoint service name (`com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`).
    ServiceName,
    "An endpoint service name, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    rule: Shape::new(
        "service_name",
        concat!(
            r"^com\.amazonaws\.vpce\.",
            region!(),
            r"\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})$"
        ),
        |value| Error::InvalidServiceName { value },
    )
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

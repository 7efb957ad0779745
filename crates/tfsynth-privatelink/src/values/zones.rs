//! Availability zones, by id or by name.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::rules::Shape;
use crate::Error;

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

macro_rules! az_id {
    () => {
        "^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$"
    };
}
macro_rules! az_name {
    () => {
        concat!("^", region!(), "[a-z]$")
    };
}

/// A zone id: a region code (letters and digits), optional parts (a Local Zone), `-az` and a
/// number (`use1-az1`, `usw2-lax1-az1`).
pub(crate) const AZ_ID_PATTERN: &str = az_id!();

impl Az {
    /// The rule of a zone, in both forms ([`crate::rules`]): an id or a name.
    pub const RULE: Shape = Shape::new(
        "availability_zone",
        concat!(az_id!(), "|", az_name!()),
        |value| Error::InvalidAz { value },
    );
}

impl FromStr for Az {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::RULE.check(s)?;
        if crate::rules::compiled(AZ_ID_PATTERN).is_match(s) {
            Ok(Self::Id(s.to_owned()))
        } else {
            Ok(Self::Name(s.to_owned()))
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
            "description": "An availability zone id (use1-az1, recommended: the same in every account) or name (us-east-1a)",
            "pattern": Self::RULE.pattern
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

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
}

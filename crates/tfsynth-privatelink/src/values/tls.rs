//! TLS policies of the HTTPS listener.

use std::borrow::Cow;
use std::fmt;

use crate::Error;

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
}

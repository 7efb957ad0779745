//! IPv4 CIDR blocks: parsing, containment, overlap and carving subnets (`cidrsubnet`), on
//! `ipnet`'s `Ipv4Net`.

use std::borrow::Cow;
use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

use ipnet::Ipv4Net;

use crate::Error;

/// An IPv4 CIDR block with no bits set past its prefix (`10.0.0.0/16`).
///
/// # Example
/// ```
/// use tfsynth_privatelink::Cidr;
/// let vpc: Cidr = "10.0.0.0/16".parse()?;
/// let a = vpc.subnet(4, 0)?;
/// assert_eq!(a.to_string(), "10.0.0.0/20");
/// assert!(vpc.contains(&a));
/// assert!("10.0.0.1/16".parse::<Cidr>().is_err());
/// # Ok::<(), tfsynth_privatelink::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr(Ipv4Net);

impl Cidr {
    /// A block from its network address and prefix length.
    ///
    /// # Errors
    /// [`Error::InvalidCidr`] when `prefix > 32`, [`Error::CidrHostBits`] when `addr` has bits
    /// set past the prefix.
    pub fn new(addr: [u8; 4], prefix: u8) -> Result<Self, Error> {
        let [a, b, c, d] = addr;
        let text = format!("{a}.{b}.{c}.{d}/{prefix}");
        let net = Ipv4Net::new(Ipv4Addr::from(addr), prefix).map_err(|_| Error::InvalidCidr {
            value: text.clone(),
            reason: "the prefix length must be at most 32".into(),
        })?;
        let c = Self(net.trunc());
        if c.0 != net {
            return Err(Error::CidrHostBits {
                value: text,
                network: c.to_string(),
            });
        }
        Ok(c)
    }

    /// A block from constant parts, masking host bits (for defaults written in code).
    pub(crate) fn from_parts(addr: [u8; 4], prefix: u8) -> Self {
        Self(Ipv4Net::new_assert(Ipv4Addr::from(addr), prefix.min(32)).trunc())
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.0.prefix_len()
    }

    /// The network address as four octets.
    pub fn octets(&self) -> [u8; 4] {
        self.0.network().octets()
    }

    /// True when `other` lies entirely inside this block.
    pub fn contains(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0)
    }

    /// True when the two blocks share at least one address (for blocks: one holds the other).
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// Terraform's `cidrsubnet(self, newbits, netnum)`.
    ///
    /// # Errors
    /// [`Error::SubnetsDoNotFit`] when the prefix would pass 32 or `netnum` does not fit in
    /// `newbits` bits.
    pub fn subnet(&self, newbits: u8, netnum: u32) -> Result<Cidr, Error> {
        let too_far = || Error::SubnetsDoNotFit {
            vpc: self.to_string(),
            newbits,
            count: usize::try_from(netnum)
                .unwrap_or(usize::MAX)
                .saturating_add(1),
        };
        let prefix = self.prefix().checked_add(newbits).ok_or_else(too_far)?;
        let n = usize::try_from(netnum).map_err(|_| too_far())?;
        self.0
            .subnets(prefix)
            .ok()
            .and_then(|mut s| s.nth(n))
            .map(Cidr)
            .ok_or_else(too_far)
    }

    /// The first `count` subnets of `newbits` more bits, each at most a /28 (the smallest
    /// subnet AWS accepts).
    ///
    /// # Errors
    /// [`Error::SubnetsDoNotFit`] when they do not fit.
    pub fn carve(&self, newbits: u8, count: usize) -> Result<Vec<Cidr>, Error> {
        let too_small = u32::from(self.prefix()) + u32::from(newbits) > 28;
        let too_many = newbits < 32 && (count as u64) > (1_u64 << newbits);
        if too_small || too_many {
            return Err(Error::SubnetsDoNotFit {
                vpc: self.to_string(),
                newbits,
                count,
            });
        }
        (0..count)
            .map(|i| self.subnet(newbits, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect()
    }

    /// Checks a VPC block's size: AWS accepts /16 to /28.
    ///
    /// # Errors
    /// [`Error::VpcCidrSize`].
    pub fn check_vpc_size(&self) -> Result<(), Error> {
        if (16..=28).contains(&self.prefix()) {
            Ok(())
        } else {
            Err(Error::VpcCidrSize {
                cidr: self.to_string(),
            })
        }
    }
}

/// Checks that every subnet lies inside `vpc` and no two overlap.
///
/// # Errors
/// [`Error::SubnetOutsideVpc`] or [`Error::SubnetsOverlap`] for the first problem found.
pub fn check_subnets(vpc: &Cidr, subnets: &[Cidr]) -> Result<(), Error> {
    for (i, s) in subnets.iter().enumerate() {
        if !vpc.contains(s) {
            return Err(Error::SubnetOutsideVpc {
                subnet: s.to_string(),
                vpc: vpc.to_string(),
            });
        }
        if let Some(o) = subnets[..i].iter().find(|o| o.overlaps(s)) {
            return Err(Error::SubnetsOverlap {
                first: o.to_string(),
                second: s.to_string(),
            });
        }
    }
    Ok(())
}

impl FromStr for Cidr {
    type Err = Error;
    /// The shape is [`crate::rules::cidr`]'s (the modules check the same pattern, in the same
    /// words); then the address must be its network's.
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::rules::cidr::check_shape(s)?;
        let net: Ipv4Net = s.parse().map_err(|_| Error::InvalidCidr {
            value: s.to_owned(),
            reason: "the address must have four dot-separated octets".to_owned(),
        })?;
        if net.trunc() != net {
            return Err(Error::CidrHostBits {
                value: s.to_owned(),
                network: net.trunc().to_string(),
            });
        }
        Ok(Self(net))
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<String> for Cidr {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Cidr> for String {
    fn from(c: Cidr) -> String {
        c.to_string()
    }
}

impl serde::Serialize for Cidr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Cidr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Cidr {
    fn schema_name() -> Cow<'static, str> {
        "Cidr".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An IPv4 CIDR block with no host bits set, e.g. 10.0.0.0/16",
            "pattern": crate::rules::cidr::PATTERN
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

    fn c(s: &str) -> Cidr {
        s.parse().expect("valid cidr in test")
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(c("10.0.0.0/16").to_string(), "10.0.0.0/16");
        assert_eq!(c("0.0.0.0/0").prefix(), 0);
        assert_eq!(c("192.168.1.7/32").octets(), [192, 168, 1, 7]);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "10.0.0.0",
            "10.0.0/16",
            "10.0.0.0/33",
            "10.0.0.256/16",
            "10.0.0.01/32",
            "a.b.c.d/8",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "",
        ] {
            assert!(
                matches!(bad.parse::<Cidr>(), Err(Error::InvalidCidr { .. })),
                "{bad} should be refused"
            );
        }
        insta::assert_snapshot!(
            "10.0.0.0/33".parse::<Cidr>().unwrap_err(),
            @r#"invalid cidr block "10.0.0.0/33": the prefix length must be a number from 0 to 32; write it as A.B.C.D/N, e.g. 10.0.0.0/16"#
        );
        insta::assert_snapshot!(
            "10.0.1.0/16".parse::<Cidr>().unwrap_err(),
            @r#"cidr block "10.0.1.0/16" has bits set past its prefix; use the network address "10.0.0.0/16""#
        );
    }

    #[test]
    fn containment_and_overlap() {
        let vpc = c("10.0.0.0/16");
        assert!(vpc.contains(&c("10.0.255.0/24")));
        assert!(!vpc.contains(&c("10.1.0.0/24")));
        assert!(!c("10.0.0.0/24").contains(&vpc));
        assert!(vpc.overlaps(&c("10.0.0.0/8")));
        assert!(c("10.0.0.0/8").overlaps(&vpc));
        assert!(!vpc.overlaps(&c("10.1.0.0/16")));
    }

    #[test]
    fn carves_like_terraform_cidrsubnet() {
        let vpc = c("10.0.0.0/16");
        assert_eq!(
            vpc.subnet(4, 0).map(|s| s.to_string()),
            Ok("10.0.0.0/20".into())
        );
        assert_eq!(
            vpc.subnet(4, 2).map(|s| s.to_string()),
            Ok("10.0.32.0/20".into())
        );
        assert_eq!(
            vpc.subnet(8, 255).map(|s| s.to_string()),
            Ok("10.0.255.0/24".into())
        );
        assert!(vpc.subnet(4, 16).is_err());
        assert!(vpc.subnet(17, 0).is_err());
        let subs = vpc.carve(4, 3).expect("fits");
        assert_eq!(subs.len(), 3);
        assert!(check_subnets(&vpc, &subs).is_ok());
        insta::assert_snapshot!(
            c("10.0.0.0/24").carve(2, 5).unwrap_err(),
            @r#"5 subnets of 2 new bits do not fit in "10.0.0.0/24"; use a larger vpc block or fewer/more newbits (prefix + newbits must be at most 28)"#
        );
        assert!(
            c("10.0.0.0/24").carve(5, 2).is_err(),
            "a /29 is smaller than aws allows"
        );
    }

    #[test]
    fn subnet_checks() {
        let vpc = c("10.1.0.0/16");
        insta::assert_snapshot!(
            check_subnets(&vpc, &[c("10.0.0.0/20")]).unwrap_err(),
            @r#"subnet "10.0.0.0/20" is not inside the vpc cidr block "10.1.0.0/16"; carve it from the vpc's own block"#
        );
        insta::assert_snapshot!(
            check_subnets(&vpc, &[c("10.1.0.0/20"), c("10.1.8.0/21")]).unwrap_err(),
            @r#"subnets "10.1.0.0/20" and "10.1.8.0/21" overlap; give each subnet its own range"#
        );
        insta::assert_snapshot!(
            c("10.0.0.0/8").check_vpc_size().unwrap_err(),
            @r#"vpc cidr block "10.0.0.0/8" is outside the sizes aws accepts; use a prefix between /16 and /28"#
        );
    }

    #[test]
    fn serde_round_trip_and_errors() {
        let v: Cidr = serde_json::from_str("\"10.2.0.0/16\"").expect("parses");
        assert_eq!(
            serde_json::to_string(&v).expect("serializes"),
            "\"10.2.0.0/16\""
        );
        let e = serde_json::from_str::<Cidr>("\"10.2.0.1/16\"").unwrap_err();
        assert!(e.to_string().contains("bits set past its prefix"), "{e}");
    }
}

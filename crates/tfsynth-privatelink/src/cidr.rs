//! IPv4 CIDR blocks: parsing, containment, overlap and carving subnets (`cidrsubnet`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

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
pub struct Cidr {
    addr: u32,
    prefix: u8,
}

impl Cidr {
    /// A block from its network address and prefix length.
    ///
    /// # Errors
    /// [`Error::InvalidCidr`] when `prefix > 32`, [`Error::CidrHostBits`] when `addr` has bits
    /// set past the prefix.
    pub fn new(addr: [u8; 4], prefix: u8) -> Result<Self, Error> {
        let a = u32::from_be_bytes(addr);
        let text = format!("{}.{}.{}.{}/{prefix}", addr[0], addr[1], addr[2], addr[3]);
        if prefix > 32 {
            return Err(Error::InvalidCidr {
                value: text,
                reason: "the prefix length must be at most 32".into(),
            });
        }
        let c = Self {
            addr: a & mask(prefix),
            prefix,
        };
        if c.addr != a {
            return Err(Error::CidrHostBits {
                value: text,
                network: c.to_string(),
            });
        }
        Ok(c)
    }

    /// A block from constant parts, masking host bits (for defaults written in code).
    pub(crate) const fn from_parts(addr: [u8; 4], prefix: u8) -> Self {
        let prefix = if prefix > 32 { 32 } else { prefix };
        let a = u32::from_be_bytes(addr);
        let m = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix as u32)
        };
        Self {
            addr: a & m,
            prefix,
        }
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The network address as four octets.
    pub fn octets(&self) -> [u8; 4] {
        self.addr.to_be_bytes()
    }

    fn last(&self) -> u32 {
        self.addr | !mask(self.prefix)
    }

    /// True when `other` lies entirely inside this block.
    pub fn contains(&self, other: &Cidr) -> bool {
        other.prefix >= self.prefix && other.addr & mask(self.prefix) == self.addr
    }

    /// True when the two blocks share at least one address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.addr <= other.last() && other.addr <= self.last()
    }

    /// Terraform's `cidrsubnet(self, newbits, netnum)`.
    ///
    /// # Errors
    /// [`Error::SubnetsDoNotFit`] when the prefix would pass 32 or `netnum` does not fit in
    /// `newbits` bits.
    pub fn subnet(&self, newbits: u8, netnum: u32) -> Result<Cidr, Error> {
        let prefix = u32::from(self.prefix) + u32::from(newbits);
        let fits = prefix <= 32 && (newbits >= 32 || u64::from(netnum) < (1_u64 << newbits));
        if !fits {
            return Err(Error::SubnetsDoNotFit {
                vpc: self.to_string(),
                newbits,
                count: usize::try_from(netnum)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
            });
        }
        #[allow(clippy::cast_possible_truncation)]
        let prefix = prefix as u8;
        let shift = 32 - u32::from(prefix);
        let offset = if shift >= 32 { 0 } else { netnum << shift };
        Ok(Cidr {
            addr: self.addr | offset,
            prefix,
        })
    }

    /// The first `count` subnets of `newbits` more bits, each at most a /28 (the smallest
    /// subnet AWS accepts).
    ///
    /// # Errors
    /// [`Error::SubnetsDoNotFit`] when they do not fit.
    pub fn carve(&self, newbits: u8, count: usize) -> Result<Vec<Cidr>, Error> {
        let too_small = u32::from(self.prefix) + u32::from(newbits) > 28;
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
        if (16..=28).contains(&self.prefix) {
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

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    }
}

impl FromStr for Cidr {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::InvalidCidr {
            value: s.to_owned(),
            reason: reason.to_owned(),
        };
        if s.trim() != s {
            let reason = format!("it has whitespace around it; remove it: {:?}", s.trim());
            return Err(bad(&reason));
        }
        let (ip, prefix) = s
            .split_once('/')
            .ok_or_else(|| bad("the prefix length (/N) is missing"))?;
        let prefix: u8 = prefix
            .parse()
            .ok()
            .filter(|p: &u8| *p <= 32 && !prefix.starts_with('+'))
            .ok_or_else(|| bad("the prefix length must be a number from 0 to 32"))?;
        let parts: Vec<&str> = ip.split('.').collect();
        if parts.len() != 4 {
            return Err(bad("the address must have four dot-separated octets"));
        }
        let mut octets = [0_u8; 4];
        for (o, p) in octets.iter_mut().zip(&parts) {
            let ok = !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && !(p.len() > 1 && p.starts_with('0'));
            *o = p.parse().ok().filter(|_| ok).ok_or_else(|| {
                bad("each octet must be a number from 0 to 255 without leading zeros")
            })?;
        }
        Self::new(octets, prefix).map_err(|e| match e {
            Error::CidrHostBits { network, .. } => Error::CidrHostBits {
                value: s.to_owned(),
                network,
            },
            other => other,
        })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.octets();
        write!(f, "{a}.{b}.{c}.{d}/{}", self.prefix)
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
            "pattern": r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/\d{1,2}$"
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
            " 10.0.0.0/16\n".parse::<Cidr>().unwrap_err(),
            @r#"invalid cidr block " 10.0.0.0/16\n": it has whitespace around it; remove it: "10.0.0.0/16"; write it as A.B.C.D/N, e.g. 10.0.0.0/16"#
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

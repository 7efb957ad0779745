//! Regions and their availability zones: which zone ids and names belong to which region, and
//! the zones a network uses when none are listed.
//!
//! A zone id starts with its region's code (`use1-az1` is in us-east-1, `euw1-az2` in
//! eu-west-1, `usw2-lax1-az1` is a Local Zone of us-west-2); a zone name is the region's name
//! and a letter (`eu-west-1a`). A zone of another region than the stack's fails at plan time
//! (the subnet cannot be created there), so it is refused when the network is built.

use crate::{Az, Error, Region};

/// Every AWS region (commercial, China, GovCloud) and the code its zone ids start with.
const ZONE_ID_CODES: &[(&str, &str)] = &[
    ("af-south-1", "afs1"),
    ("ap-east-1", "ape1"),
    ("ap-east-2", "ape2"),
    ("ap-northeast-1", "apne1"),
    ("ap-northeast-2", "apne2"),
    ("ap-northeast-3", "apne3"),
    ("ap-south-1", "aps1"),
    ("ap-south-2", "aps2"),
    ("ap-southeast-1", "apse1"),
    ("ap-southeast-2", "apse2"),
    ("ap-southeast-3", "apse3"),
    ("ap-southeast-4", "apse4"),
    ("ap-southeast-5", "apse5"),
    ("ap-southeast-6", "apse6"),
    ("ap-southeast-7", "apse7"),
    ("ca-central-1", "cac1"),
    ("ca-west-1", "caw1"),
    ("cn-north-1", "cnn1"),
    ("cn-northwest-1", "cnnw1"),
    ("eu-central-1", "euc1"),
    ("eu-central-2", "euc2"),
    ("eu-north-1", "eun1"),
    ("eu-south-1", "eus1"),
    ("eu-south-2", "eus2"),
    ("eu-west-1", "euw1"),
    ("eu-west-2", "euw2"),
    ("eu-west-3", "euw3"),
    ("il-central-1", "ilc1"),
    ("me-central-1", "mec1"),
    ("me-south-1", "mes1"),
    ("mx-central-1", "mxc1"),
    ("sa-east-1", "sae1"),
    ("us-east-1", "use1"),
    ("us-east-2", "use2"),
    ("us-gov-east-1", "usge1"),
    ("us-gov-west-1", "usgw1"),
    ("us-west-1", "usw1"),
    ("us-west-2", "usw2"),
];

/// Regions whose zone ids do not start at `-az1`, `-az2`: the two zones a network uses there
/// when none are listed (us-west-1 has `usw1-az1` and `usw1-az3`, no `usw1-az2`).
const DEFAULT_ZONE_NUMBERS: &[(&str, [u8; 2])] = &[("us-west-1", [1, 3])];

impl Region {
    /// The code zone ids of this region start with (`use1` for us-east-1), when the region is
    /// one AWS has announced.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::Region;
    /// assert_eq!(Region::new("eu-west-1")?.zone_id_code(), Some("euw1"));
    /// assert_eq!(Region::new("us-gov-west-1")?.zone_id_code(), Some("usgw1"));
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    pub fn zone_id_code(&self) -> Option<&'static str> {
        ZONE_ID_CODES
            .iter()
            .find(|(r, _)| *r == self.as_str())
            .map(|(_, c)| *c)
    }

    /// The partition the region is in, what its ARNs start with (`arn:aws-cn:` in China):
    /// `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, the isolated partitions for
    /// `us-iso-*`, `us-isob-*`, `eu-isoe-*`, `us-isof-*`, and `aws` for every other region.
    ///
    /// # Example
    /// ```
    /// use tfsynth_privatelink::Region;
    /// assert_eq!(Region::new("cn-north-1")?.partition(), "aws-cn");
    /// assert_eq!(Region::new("us-gov-west-1")?.partition(), "aws-us-gov");
    /// assert_eq!(Region::new("eu-west-1")?.partition(), "aws");
    /// # Ok::<(), tfsynth_privatelink::Error>(())
    /// ```
    pub fn partition(&self) -> &'static str {
        const PARTITIONS: [(&str, &str); 6] = [
            ("cn-", "aws-cn"),
            ("us-gov-", "aws-us-gov"),
            ("us-iso-", "aws-iso"),
            ("us-isob-", "aws-iso-b"),
            ("eu-isoe-", "aws-iso-e"),
            ("us-isof-", "aws-iso-f"),
        ];
        PARTITIONS
            .iter()
            .find(|(prefix, _)| self.as_str().starts_with(prefix))
            .map_or("aws", |(_, p)| *p)
    }

    /// The two zones a network in this region uses when none are listed: the region's first
    /// two zone ids (`euw1-az1`, `euw1-az2` in eu-west-1; `usw1-az1`, `usw1-az3` in us-west-1).
    ///
    /// # Errors
    /// [`Error::NoDefaultAzs`] for a region this crate does not know (list its zones).
    pub fn default_azs(&self) -> Result<Vec<Az>, Error> {
        let code = self.zone_id_code().ok_or_else(|| Error::NoDefaultAzs {
            region: self.to_string(),
        })?;
        let numbers = DEFAULT_ZONE_NUMBERS
            .iter()
            .find(|(r, _)| *r == self.as_str())
            .map_or([1, 2], |(_, n)| *n);
        Ok(numbers
            .iter()
            .map(|n| Az::Id(format!("{code}-az{n}")))
            .collect())
    }
}

/// Every region this crate knows with the code its zone ids start with (`us-east-1`, `use1`).
pub(crate) fn zone_id_codes() -> &'static [(&'static str, &'static str)] {
    ZONE_ID_CODES
}

/// Every region this crate knows with its default zones ([`Region::default_azs`]).
pub(crate) fn default_zone_ids() -> Vec<(&'static str, Vec<String>)> {
    ZONE_ID_CODES
        .iter()
        .filter_map(|(r, _)| {
            let azs = Region((*r).to_owned()).default_azs().ok()?;
            Some((*r, azs.iter().map(|a| a.as_str().to_owned()).collect()))
        })
        .collect()
}

/// The region a zone belongs to, when it can be told: from a zone name always
/// (`eu-west-1a` -> eu-west-1), from a zone id when its code is a known region's.
pub(crate) fn region_of(az: &Az) -> Option<String> {
    match az {
        Az::Name(n) => {
            let mut chars = n.chars();
            chars.next_back();
            Some(chars.as_str().to_owned())
        }
        Az::Id(id) => {
            let code = id.split('-').next().unwrap_or_default();
            ZONE_ID_CODES
                .iter()
                .find(|(_, c)| *c == code)
                .map(|(r, _)| (*r).to_owned())
        }
    }
}

/// Checks that every zone belongs to `region`.
///
/// A zone name must be the region's name and a letter; a zone id must start with the region's
/// code. For a region this crate does not know, zone ids of known regions are refused and other
/// ids are left to the plan-time precondition.
///
/// # Errors
/// [`Error::AzNotInRegion`], naming the zone, its region and the stack's.
///
/// # Example
/// ```
/// use tfsynth_privatelink::{check_azs_in_region, Az, Region};
/// let region = Region::new("eu-west-1")?;
/// let ok: Vec<Az> = vec!["euw1-az1".parse()?, "euw1-az2".parse()?];
/// assert!(check_azs_in_region(&region, &ok).is_ok());
/// let wrong: Vec<Az> = vec!["use1-az1".parse()?];
/// assert!(check_azs_in_region(&region, &wrong).is_err());
/// # Ok::<(), tfsynth_privatelink::Error>(())
/// ```
pub fn check_azs_in_region(region: &Region, azs: &[Az]) -> Result<(), Error> {
    let code = region.zone_id_code();
    for az in azs {
        let ok = match az {
            Az::Name(_) => region_of(az).as_deref() == Some(region.as_str()),
            Az::Id(id) => {
                let prefix = id.split('-').next().unwrap_or_default();
                match code {
                    Some(c) => prefix == c,
                    None => region_of(az).is_none(),
                }
            }
        };
        if !ok {
            return Err(Error::AzNotInRegion {
                az: az.to_string(),
                az_region: region_of(az),
                region: region.to_string(),
                suggestion: suggestion(region, az.is_id()),
            });
        }
    }
    Ok(())
}

/// Zones of `region` to put in an error message, of the kind the user wrote.
fn suggestion(region: &Region, ids: bool) -> String {
    if ids {
        match region.default_azs() {
            Ok(azs) => azs
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", "),
            Err(_) => format!(
                "the zone ids `aws ec2 describe-availability-zones --region {region}` lists"
            ),
        }
    } else {
        format!("\"{region}a\", \"{region}b\"")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests show the error a bad input gives
mod tests {
    use super::*;

    fn azs(list: &[&str]) -> Vec<Az> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn every_region_has_a_distinct_code_and_valid_default_zones() {
        for (i, (region, code)) in ZONE_ID_CODES.iter().enumerate() {
            let r = Region::new(*region).unwrap();
            assert!(
                ZONE_ID_CODES[..i]
                    .iter()
                    .all(|(o, c)| o != region && c != code),
                "{region} {code} listed twice"
            );
            let defaults = r.default_azs().unwrap();
            assert_eq!(defaults.len(), 2);
            check_azs_in_region(&r, &defaults).unwrap();
            crate::check_azs(&defaults).unwrap();
        }
        assert_eq!(
            Region::new("us-west-1").unwrap().default_azs().unwrap(),
            azs(&["usw1-az1", "usw1-az3"])
        );
        assert_eq!(
            Region::new("cn-northwest-1")
                .unwrap()
                .default_azs()
                .unwrap(),
            azs(&["cnnw1-az1", "cnnw1-az2"])
        );
    }

    #[test]
    fn zones_of_another_region_are_refused() {
        let eu = Region::new("eu-west-1").unwrap();
        check_azs_in_region(&eu, &azs(&["euw1-az1", "euw1-az3"])).unwrap();
        check_azs_in_region(&eu, &azs(&["eu-west-1a", "eu-west-1c"])).unwrap();
        insta::assert_snapshot!(check_azs_in_region(&eu, &azs(&["euw1-az1", "use1-az2"])).unwrap_err(), @r#"availability zone "use1-az2" is in us-east-1, not in the stack's region eu-west-1; list zones of eu-west-1 ("euw1-az1", "euw1-az2"), or leave azs empty for the region's default zones"#);
        insta::assert_snapshot!(check_azs_in_region(&eu, &azs(&["us-east-1a"])).unwrap_err(), @r#"availability zone "us-east-1a" is in us-east-1, not in the stack's region eu-west-1; list zones of eu-west-1 ("eu-west-1a", "eu-west-1b"), or leave azs empty for the region's default zones"#);
        insta::assert_snapshot!(check_azs_in_region(&eu, &azs(&["xyz1-az1"])).unwrap_err(), @r#"availability zone "xyz1-az1" is not a zone of the stack's region eu-west-1; list zones of eu-west-1 ("euw1-az1", "euw1-az2"), or leave azs empty for the region's default zones"#);
        // Local Zones carry their parent region's code.
        let usw2 = Region::new("us-west-2").unwrap();
        check_azs_in_region(&usw2, &azs(&["usw2-lax1-az1"])).unwrap();
        // A region announced after this table: names are still checked, ids of known regions
        // refused, other ids left to the plan-time precondition.
        let new = Region::new("eu-east-9").unwrap();
        check_azs_in_region(&new, &azs(&["eu-east-9a"])).unwrap();
        check_azs_in_region(&new, &azs(&["eue9-az1"])).unwrap();
        assert!(check_azs_in_region(&new, &azs(&["euw1-az1"])).is_err());
        insta::assert_snapshot!(new.default_azs().unwrap_err(), @"no default availability zones are known for region eu-east-9; list its zone ids in azs (aws ec2 describe-availability-zones --region eu-east-9)");
    }
}

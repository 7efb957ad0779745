//! The string formats of [`Format`]: small validators that accept what the provider's do.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::provider_rules::Format;

/// Why `value` is not of `format`, in the provider's words, or `None` when it is.
pub(super) fn check(format: Format, arg: &str, value: &str) -> Option<String> {
    match format {
        Format::Arn => arn(value).err().map(|why| {
            format!("{arg:?} ({value}) is an invalid ARN: {why}; expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE")
        }),
        Format::Cidr => (cidr(value, true, true).is_none())
            .then(|| format!("expected {arg} to be a valid CIDR block (IPv4 or IPv6, as 10.0.0.0/16 or 2001:db8::/32), got: {value}")),
        Format::Ipv4Cidr => (!matches!(cidr(value, true, false), Some(true)))
            .then(|| format!("{value:?} is not a valid IPv4 CIDR network address for {arg}: expected the network address and a prefix length, as 10.0.0.0/16")),
        Format::Ipv6Cidr => (!matches!(cidr(value, false, true), Some(true)))
            .then(|| format!("{value:?} is not a valid IPv6 CIDR network address for {arg}: expected the network address and a prefix length, as 2001:db8::/32")),
        Format::Ipv4 => value.parse::<Ipv4Addr>().is_err().then(|| {
            format!("expected {arg} to contain a valid IPv4 address, got: {value}")
        }),
        Format::Ipv6 => value.parse::<Ipv6Addr>().is_err().then(|| {
            format!("expected {arg} to contain a valid IPv6 address, got: {value}")
        }),
        Format::Json => serde_json::from_str::<serde::de::IgnoredAny>(value)
            .err()
            .map(|e| format!("{arg:?} contains an invalid JSON: {e}")),
        Format::Base64 => (!is_base64(value))
            .then(|| format!("expected {arg:?} to be a base64 string, got {value}")),
        Format::Rfc3339 => (!is_rfc3339(value)).then(|| {
            format!("expected {arg:?} to be a valid RFC3339 date (as 2006-01-02T15:04:05Z), got {value:?}")
        }),
    }
}

/// `arn:partition:service:region:account:resource`, as the aws provider's `verify.ValidARN`
/// accepts it: empty (unset), or the prefix `arn` and six colon-separated sections (the last
/// may hold colons), a partition `aws` or `aws-WORD...`, a region that looks like
/// `us-east-1` when given, an account of twelve digits (or `aws`, `aws-managed`,
/// `third-party`, `aws-marketplace`, `partner-managed`, `cw` and ten characters) when given,
/// and a resource.
fn arn(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Ok(());
    }
    if !value.starts_with("arn:") {
        return Err("arn: invalid prefix");
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    if parts.len() < 6 {
        return Err("arn: not enough sections");
    }
    let partition = parts[1];
    if partition.is_empty() {
        return Err("missing partition value");
    }
    let words = partition
        .strip_prefix("aws")
        .map(|rest| rest.split('-').skip(1));
    let partition_ok = partition
        .strip_prefix("aws")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        && words.is_some_and(|mut w| {
            w.all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        });
    if !partition_ok {
        return Err(
            "invalid partition value (expecting to match regular expression: ^aws(-[a-z]+)*$)",
        );
    }
    let region = parts[3];
    if !region.is_empty() && !is_region(region) {
        return Err("invalid region value");
    }
    let account = parts[4];
    let account_ok = account.is_empty()
        || matches!(
            account,
            "aws" | "aws-managed" | "third-party" | "aws-marketplace" | "partner-managed"
        )
        || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        || (account.starts_with("cw") && account.chars().count() == 12);
    if !account_ok {
        return Err("invalid account ID value (expecting to match regular expression: ^(aws|aws-managed|third-party|aws-marketplace|partner-managed|\\d{12}|cw.{10})$)");
    }
    if parts[5].is_empty() {
        return Err("missing resource value");
    }
    Ok(())
}

/// `us-east-1`, `us-gov-west-1`, `cn-north-1`: two letters, lowercase words, a number of one
/// or two digits, joined by dashes.
fn is_region(s: &str) -> bool {
    let mut words = s.split('-').collect::<Vec<_>>();
    let Some(last) = words.pop() else {
        return false;
    };
    words.len() >= 2
        && (1..=2).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_digit())
        && words[0].len() == 2
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A CIDR block of an allowed family: `Some(true)` when its address is the network address
/// (no host bits set), `Some(false)` when host bits are set, `None` when it is no CIDR.
fn cidr(value: &str, v4: bool, v6: bool) -> Option<bool> {
    let (addr, prefix) = value.split_once('/')?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) || prefix.len() > 3 {
        return None;
    }
    let prefix: u32 = prefix.parse().ok()?;
    if v4 {
        if let Ok(a) = addr.parse::<Ipv4Addr>() {
            if prefix > 32 {
                return None;
            }
            let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
            return Some(u32::from(a) & !mask == 0);
        }
    }
    if v6 {
        if let Ok(a) = addr.parse::<Ipv6Addr>() {
            if prefix > 128 {
                return None;
            }
            let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
            return Some(u128::from(a) & !mask == 0);
        }
    }
    None
}

/// Standard base64 with padding, as Go's `base64.StdEncoding` decodes it; empty is refused.
fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || b.len() % 4 != 0 {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 {
        return false;
    }
    b[..b.len() - pad]
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

/// `2006-01-02T15:04:05Z07:00` with optional fractional seconds, as Go's `time.RFC3339`
/// parses it.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            .then(|| s[r].parse::<u32>().unwrap_or(u32::MAX))
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return false;
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't'))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') < 24
                && (m1 - b'0') * 10 + (m2 - b'0') < 60
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns() {
        for ok in [
            "arn:aws:iam::123456789012:role/app",
            "arn:aws:s3:::bucket/key",
            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "",
            "arn:aws-cn:sns:cn-north-1:123456789012:topic:with:colons",
        ] {
            assert_eq!(arn(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("role/app", "arn: invalid prefix"),
            ("arn:aws:iam:role", "arn: not enough sections"),
            ("arm:aws:iam::123456789012:role/app", "arn: invalid prefix"),
            ("arn::iam::123456789012:role/app", "missing partition value"),
            (
                "arn:sns:sns:us-east-1:123456789012:t",
                "invalid partition value",
            ),
            ("arn:aws:sns:useast1:123456789012:t", "invalid region value"),
            ("arn:aws:sns:us-east-1:1234:t", "invalid account ID value"),
            (
                "arn:aws:sns:us-east-1:123456789012:",
                "missing resource value",
            ),
        ] {
            assert!(arn(bad).is_err_and(|e| e.starts_with(why)), "{bad}");
        }
    }

    #[test]
    fn cidrs() {
        assert_eq!(cidr("10.0.0.0/16", true, true), Some(true));
        assert_eq!(cidr("10.0.0.1/16", true, true), Some(false));
        assert_eq!(cidr("10.0.0.0/33", true, true), None);
        assert_eq!(cidr("10.0.0.0", true, true), None);
        assert_eq!(cidr("10.0.0.0/", true, true), None);
        assert_eq!(cidr("0.0.0.0/0", true, false), Some(true));
        assert_eq!(cidr("2001:db8::/32", true, true), Some(true));
        assert_eq!(cidr("2001:db8::/32", true, false), None);
        assert_eq!(cidr("2001:db8::1/64", false, true), Some(false));
        assert!(check(Format::Cidr, "cidr_block", "10.0.0.1/16").is_none());
        assert!(check(Format::Ipv4Cidr, "cidr_block", "10.0.0.1/16").is_some());
        assert!(check(Format::Ipv6Cidr, "ipv6", "::/0").is_none());
    }

    #[test]
    fn addresses_json_base64_and_times() {
        assert!(check(Format::Ipv4, "ip", "10.0.0.1").is_none());
        assert!(check(Format::Ipv4, "ip", "10.0.0.256").is_some());
        assert!(check(Format::Ipv6, "ip", "fe80::1").is_none());
        assert!(check(Format::Ipv6, "ip", "10.0.0.1").is_some());
        assert!(check(Format::Json, "policy", r#"{"Version": "2012-10-17"}"#).is_none());
        let json = check(Format::Json, "policy", r#"{"Version": }"#);
        assert!(json.is_some_and(|m| m.starts_with("\"policy\" contains an invalid JSON")));
        assert!(is_base64("aGVsbG8="));
        assert!(is_base64("aGVsbG8h"));
        assert!(!is_base64("aGVsbG8"));
        assert!(!is_base64(""));
        assert!(!is_base64("aGV=bG8="));
        assert!(!is_base64("a==="));
        assert!(is_rfc3339("2024-02-29T23:59:59Z"));
        assert!(is_rfc3339("2024-01-01T00:00:00.123+05:30"));
        assert!(!is_rfc3339("2023-02-29T00:00:00Z"));
        assert!(!is_rfc3339("2024-01-01 00:00:00Z"));
        assert!(!is_rfc3339("2024-01-01T00:00:00"));
        assert!(!is_rfc3339("2024-13-01T00:00:00Z"));
        assert!(!is_rfc3339("2024-01-01T00:00:00.Z"));
    }
}

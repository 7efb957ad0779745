//! Writing your own construct on the scope API: `AppNetwork` puts a VPC and one private
//! subnet per availability zone under a scope, checks its inputs when it is added, and hands
//! back typed handles. Added twice under two scopes, its names never clash.
//!
//! `cargo run -p tfsynth-examples --example custom_construct > main.tf.json`

use std::fmt;
use std::net::Ipv4Addr;

use tfsynth::{functions, Declare, List, Output, Ref, Stack, Value};
use tfsynth_aws::{AwsProvider, Subnet, Vpc};

/// Options of [`AppNetwork`]. Every field has a default, so callers write
/// `AppNetworkOptions { cidr: "10.20.0.0/16".into(), ..Default::default() }`.
#[derive(Debug, Clone)]
pub struct AppNetworkOptions {
    /// The VPC range, a.b.c.d/n with n from 16 to 24. Default: `10.0.0.0/16`.
    pub cidr: String,
    /// The zones to put one subnet in, 1 to 6 of them. Default: `eu-west-1a`, `eu-west-1b`.
    pub zones: Vec<String>,
    /// Bits added to the VPC prefix for each subnet (8 turns a /16 into /24s). Default: 8.
    pub subnet_bits: u8,
}

impl Default for AppNetworkOptions {
    fn default() -> Self {
        Self {
            cidr: "10.0.0.0/16".into(),
            zones: vec!["eu-west-1a".into(), "eu-west-1b".into()],
            subnet_bits: 8,
        }
    }
}

/// Why [`AppNetwork::add`] refused its options: each names the value and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AppNetworkError {
    /// The range is not a.b.c.d/n with n in 16..=24.
    InvalidCidr(String),
    /// No zones, or more than 6.
    ZoneCount(usize),
    /// The subnets would be smaller than /28 (AWS's smallest).
    SubnetTooSmall(u32),
}

impl fmt::Display for AppNetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidCidr(c) => write!(
                f,
                "invalid VPC range {c:?}: write it as a.b.c.d/n with n from 16 to 24, e.g. 10.0.0.0/16"
            ),
            Self::ZoneCount(n) => write!(f, "{n} zones given: give 1 to 6 availability zones"),
            Self::SubnetTooSmall(p) => write!(
                f,
                "subnets would be /{p}: AWS's smallest subnet is /28; lower subnet_bits"
            ),
        }
    }
}

impl std::error::Error for AppNetworkError {}

/// What [`AppNetwork::add`] built.
#[derive(Debug, Clone)]
pub struct AppNetworkHandles {
    /// The VPC.
    pub vpc: Ref<Vpc>,
    /// One subnet per zone, in the order of the zones.
    pub subnets: Vec<Ref<Subnet>>,
}

impl AppNetworkHandles {
    /// The subnet ids, as one list expression.
    pub fn subnet_ids(&self) -> Value<List<String>> {
        self.subnets
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .into()
    }
}

/// A VPC with one private subnet per zone.
#[derive(Debug, Clone, Copy)]
pub struct AppNetwork;

impl AppNetwork {
    /// Adds the network under `scope`: `<scope>_vpc` and `<scope>_subnet_<zone>`.
    ///
    /// # Errors
    /// See [`AppNetworkError`]; nothing is declared when the options are refused.
    pub fn add(
        scope: &mut impl Declare,
        options: &AppNetworkOptions,
    ) -> Result<AppNetworkHandles, AppNetworkError> {
        let prefix = parse_cidr(&options.cidr)?;
        if options.zones.is_empty() || options.zones.len() > 6 {
            return Err(AppNetworkError::ZoneCount(options.zones.len()));
        }
        let subnet_prefix = prefix + u32::from(options.subnet_bits);
        if subnet_prefix > 28 {
            return Err(AppNetworkError::SubnetTooSmall(subnet_prefix));
        }
        let vpc = scope.resource(
            "vpc",
            Vpc::new()
                .cidr_block(options.cidr.as_str())
                .enable_dns_support(true)
                .enable_dns_hostnames(true),
        );
        let subnets = options
            .zones
            .iter()
            .enumerate()
            .map(|(i, zone)| {
                scope.resource(
                    &format!("subnet_{zone}"),
                    Subnet::new(vpc.id())
                        .availability_zone(zone.as_str())
                        // Terraform computes the range: cidrsubnet(vpc range, bits, i).
                        .cidr_block(functions::cidrsubnet(
                            vpc.cidr_block(),
                            i64::from(options.subnet_bits),
                            i64::try_from(i).unwrap_or_default(),
                        )),
                )
            })
            .collect();
        Ok(AppNetworkHandles { vpc, subnets })
    }
}

fn parse_cidr(cidr: &str) -> Result<u32, AppNetworkError> {
    let bad = || AppNetworkError::InvalidCidr(cidr.to_owned());
    let (addr, prefix) = cidr.split_once('/').ok_or_else(bad)?;
    let addr: Ipv4Addr = addr.parse().map_err(|_| bad())?;
    let prefix: u32 = prefix.parse().map_err(|_| bad())?;
    if !(16..=24).contains(&prefix) || u32::from(addr) & (u32::MAX >> prefix) != 0 {
        return Err(bad());
    }
    Ok(prefix)
}

/// Two networks (`blue`, `green`) in one stack.
///
/// # Errors
/// See [`AppNetworkError`].
pub fn build() -> Result<Stack, AppNetworkError> {
    let mut stack = Stack::new();
    stack.provider(AwsProvider::new().region("eu-west-1"));
    let blue = AppNetwork::add(&mut stack.scope("blue"), &AppNetworkOptions::default())?;
    let green = AppNetwork::add(
        &mut stack.scope("green"),
        &AppNetworkOptions {
            cidr: "10.1.0.0/16".into(),
            zones: vec!["eu-west-1a".into()],
            ..Default::default()
        },
    )?;
    stack.output("blue_subnet_ids", Output::new(blue.subnet_ids()));
    stack.output("green_vpc_id", Output::new(green.vpc.id()));
    Ok(stack)
}

fn main() {
    let result = build()
        .map_err(|e| e.to_string())
        .and_then(|s| s.synth().map_err(|e| e.to_string()));
    match result {
        Ok(json) => print!("{json}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_options() {
        let mut stack = Stack::new();
        let add = |s: &mut Stack, o: AppNetworkOptions| {
            AppNetwork::add(&mut s.scope("n"), &o).map(|_| ())
        };
        let e = add(
            &mut stack,
            AppNetworkOptions {
                cidr: "10.0.0.1/16".into(),
                ..Default::default()
            },
        );
        assert_eq!(e, Err(AppNetworkError::InvalidCidr("10.0.0.1/16".into())));
        let e = add(
            &mut stack,
            AppNetworkOptions {
                zones: vec![],
                ..Default::default()
            },
        );
        assert_eq!(e, Err(AppNetworkError::ZoneCount(0)));
        let e = add(
            &mut stack,
            AppNetworkOptions {
                subnet_bits: 16,
                ..Default::default()
            },
        );
        assert_eq!(e, Err(AppNetworkError::SubnetTooSmall(32)));
        assert_eq!(stack.counts(), (0, 0, 0));
    }
}

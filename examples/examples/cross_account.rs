//! The two-account split: the `service` stack for the provider account, allowing the consumer
//! account's root, and the `consumer` stack for the consumer account, which reads the service
//! name from a variable.
//!
//! `cargo run -p tfsynth-examples --example cross_account -- 210987654321 out/`
//! writes `out/service/main.tf.json` and `out/consumer/main.tf.json`. Then:
//!
//! ```text
//! (cd out/service && terraform init && terraform apply)
//! (cd out/consumer && terraform init && terraform apply \
//!     -var service_name=$(terraform -chdir=../service output -raw service_name) \
//!     -var 'service_availability_zones=...' )
//! ```
//! and accept the endpoint connection in the provider account.

use std::path::Path;

use tfsynth::Stack;
use tfsynth_privatelink::stacks::{Consumer, ConsumerConfig, Service, ServiceConfig, ShippedStack};
use tfsynth_privatelink::{Error, PrincipalArn};

/// The two stacks: (service, consumer), and the warnings.
///
/// # Errors
/// An account id that is not 12 digits, and every check of the constructs.
pub fn build(consumer_account: &str) -> Result<(Stack, Stack, Vec<String>), Error> {
    let mut service = ServiceConfig::default();
    service.service.endpoint_service.allowed_principals = vec![PrincipalArn::account_root(
        &service.common.region,
        consumer_account,
    )?];
    let service = Service::build(&service)?;

    let consumer = ConsumerConfig::default();
    let consumer = Consumer::build(&consumer)?;

    let mut warnings = service.warnings;
    warnings.extend(consumer.warnings);
    Ok((service.stack, consumer.stack, warnings))
}

fn run(account: &str, out: &Path) -> Result<(), String> {
    let (service, consumer, warnings) = build(account).map_err(|e| e.to_string())?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    for (name, stack) in [("service", service), ("consumer", consumer)] {
        let json = stack.synth().map_err(|e| format!("{name}: {e}"))?;
        let dir = out.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file = dir.join("main.tf.json");
        std::fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
        eprintln!("wrote {}", file.display());
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let account = args.first().map_or("210987654321", String::as_str);
    let out = args.get(1).map_or("cross-account", String::as_str);
    if let Err(e) = run(account, Path::new(out)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

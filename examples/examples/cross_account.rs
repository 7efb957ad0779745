//! The two-account split as an App: the `service` stack for the provider account, allowing
//! the consumer account's root, and the `consumer` stack for the consumer account, which
//! takes the service's name, zones and port from the service stack's handles: tfsynth makes
//! the name an output of `service` and a `terraform_remote_state` read in `consumer`, so
//! nothing is passed by hand.
//!
//! ```text
//! cargo run -p tfsynth-examples --example cross_account -- stacks     # service, then consumer
//! cargo run -p tfsynth-examples --example cross_account -- synth --stack all --out-dir out
//! (cd out/service && terraform init && terraform apply)
//! (cd out/consumer && terraform init && terraform apply)
//! ```
//! and accept the endpoint connection in the provider account. The consumer account's id is
//! `CONSUMER_ACCOUNT` (default 210987654321). The consumer reads the service's state from
//! `../service/terraform.tfstate`; with the accounts' states in S3, give the service stack an
//! s3 backend (`Backend::s3`) and the consumer reads it from there.

use tfsynth::Stack;
use tfsynth_app::{App, Ctx, Error};
use tfsynth_privatelink::stacks::{
    consumer_stack, provider_settings, service_stack, ConsumerConfig, ServiceConfig, ServiceExports,
};
use tfsynth_privatelink::PrincipalArn;

/// The app of the two stacks, for the consumer account `consumer_account`.
pub fn app(consumer_account: &str) -> App {
    let account = consumer_account.to_owned();
    App::new("cross-account")
        .about("The PrivateLink service and its consumer, in two accounts")
        .stack(
            "service",
            move |stack: &mut Stack, ctx: &mut Ctx<'_>| -> Result<ServiceExports, Error> {
                let mut config = ServiceConfig::default();
                config.service.endpoint_service.allowed_principals =
                    vec![PrincipalArn::account_root(&config.common.region, &account)?];
                let (exports, warnings) = service_stack(stack, &config)?;
                for w in warnings {
                    ctx.warn(w);
                }
                Ok(exports)
            },
        )
        .description("provider account: the service, allowing the consumer account")
        .stack(
            "consumer",
            |stack: &mut Stack, ctx: &mut Ctx<'_>| -> Result<(), Error> {
                let service: ServiceExports = ctx.stack("service")?;
                let config = ConsumerConfig::default();
                provider_settings(stack, &config.common);
                consumer_stack(stack, &config, service.service_ref())?;
                Ok(())
            },
        )
        .description("consumer account: the endpoint, reading the service from its stack")
}

fn main() {
    let account = std::env::var("CONSUMER_ACCOUNT").unwrap_or_else(|_| "210987654321".into());
    app(&account).run()
}

//! An App of two stacks holding N copies of the PrivateLink demo between them (`a`: the
//! first half, `b`: the rest), where `b` reads, for each of its copies, the VPC id of one of
//! `a`'s through a cross-stack reference (an output of `a`, a remote state read in `b`). The
//! benchmarks compare its synth time per resource with the single stack of `scale`.
//!
//! `cargo run --release -p tfsynth-examples --example scale_app -- 100 synth --stack all --out-dir out`

use tfsynth::{Declare, Expr, Output, Stack};
use tfsynth_app::{App, Ctx, Error};
use tfsynth_privatelink::stacks::{add_demo, provider_settings, DemoConfig};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The app of `n` copies.
pub fn app(n: usize) -> App {
    let half = n.div_ceil(2);
    App::new("scale")
        .stack(
            "a",
            move |stack: &mut Stack, _: &mut Ctx<'_>| -> Result<Vec<Expr<String>>, Error> {
                let config = DemoConfig::default();
                provider_settings(stack, &config.common);
                stack.provider(tfsynth_tls::TlsProvider::new());
                let mut vpcs = Vec::new();
                for i in 0..half {
                    let demo = add_demo(&mut stack.scope(&format!("demo{i}")), &config)?;
                    if let Some(net) = &demo.service.network {
                        vpcs.push(net.vpc.id());
                    }
                }
                Ok(vpcs)
            },
        )
        .stack(
            "b",
            move |stack: &mut Stack, ctx: &mut Ctx<'_>| -> Result<(), Error> {
                let vpcs: Vec<Expr<String>> = ctx.stack("a")?;
                let config = DemoConfig::default();
                provider_settings(stack, &config.common);
                stack.provider(tfsynth_tls::TlsProvider::new());
                for i in 0..n - half {
                    let mut scope = stack.scope(&format!("demo{i}"));
                    add_demo(&mut scope, &config)?;
                    if let Some(vpc) = vpcs.get(i) {
                        scope.output("peer_vpc", Output::new(vpc.clone()));
                    }
                }
                Ok(())
            },
        )
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let n = if args.len() > 1 {
        args.remove(1)
    } else {
        "1".to_owned()
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("error: N must be a whole number of copies, got {n:?}: run with -- 10 synth");
        std::process::exit(2);
    };
    let code = app(n).run_with(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code)
}

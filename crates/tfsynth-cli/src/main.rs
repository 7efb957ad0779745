//! The `tfsynth` command. See `tfsynth --help`.

use tfsynth_cli::{Built, Registry, StackEntry};

// Synth allocates many small strings and trees; mimalloc does that about a quarter faster than
// the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use tfsynth_privatelink::stacks::{Consumer, Demo, Service, ShippedStack};

/// A registry entry for one of the PrivateLink crate's shipped stacks.
fn shipped<S: ShippedStack + 'static>() -> StackEntry {
    StackEntry::new::<S::Config, _, _>(S::NAME, S::DESCRIPTION, |config: &S::Config| {
        S::build(config).map(|b| Built {
            stack: b.stack,
            warnings: b.warnings,
        })
    })
}

fn registry() -> Registry {
    Registry::new()
        .with(shipped::<Demo>())
        .with(shipped::<Service>())
        .with(shipped::<Consumer>())
        .default_stack(Demo::NAME)
}

fn main() -> anyhow::Result<()> {
    let code = tfsynth_cli::run(
        std::env::args_os(),
        &registry(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code)
}

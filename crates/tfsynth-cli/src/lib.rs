//! The `tfsynth` command: the App of the shipped PrivateLink stacks.
//!
//! Everything the command line does lives in [`tfsynth_app`], the same code a user's own App
//! runs; this crate adds the shipped stacks ([`shipped_app`]) and the binary.

pub use tfsynth_app::*;

use tfsynth_privatelink::stacks::{Consumer, Demo, Endpoint, Service, ShippedStack};

/// A registry entry for one of the PrivateLink crate's shipped stacks: `S::build` for the
/// root configuration, `S::build_module` for `--as-module`.
fn shipped<S: ShippedStack + 'static>() -> StackEntry {
    StackEntry::with_module::<S::Config, _, _, _>(
        S::NAME,
        S::DESCRIPTION,
        |config: &S::Config| S::build(config).map(built),
        |config: &S::Config| S::build_module(config).map(built),
    )
}

fn built(b: tfsynth_privatelink::stacks::Built) -> Built {
    Built {
        stack: b.stack,
        warnings: b.warnings,
    }
}

/// The `tfsynth` binary: an App of the shipped stacks (`demo` by default), with the `new`
/// command.
pub fn shipped_app() -> App {
    App::new("tfsynth")
        .about(
            "Typed Terraform stacks, synthesized to Terraform JSON (or HCL).\n\nWithout a \
             command, `tfsynth` runs `synth` on the default stack (demo) and writes its Terraform \
             JSON to stdout.",
        )
        .entry(shipped::<Demo>())
        .entry(shipped::<Service>())
        .entry(shipped::<Consumer>())
        .entry(shipped::<Endpoint>())
        .default_stack(Demo::NAME)
        .with_new_command()
}

//! Example programs using tfsynth; see `examples/`. Run one with
//! `cargo run -p tfsynth-examples --example minimal`.
//!
//! | example            | what it shows                                                     |
//! |--------------------|-------------------------------------------------------------------|
//! | `minimal`          | one VPC and a subnet: the smallest typed program                  |
//! | `privatelink_demo` | the PrivateLink demo, written against the constructs              |
//! | `cross_account`    | the service and consumer stacks for two accounts, as an App       |
//! | `app`              | an App of two stacks: a table, and a Lambda API reading it        |
//! | `compose`          | the constructs with your own certificate, zone, topic and VPC     |
//! | `service_in_vpc`   | the service in your existing VPC, in front of your instances      |
//! | `custom_construct` | writing your own construct on the scope API, with input checks   |
//! | `scale`            | one stack with N copies of the demo (used by the benchmarks)      |
//!
//! Every example is synthesized in `tests/examples.rs` and pinned as
//! `snapshots/stack-example-<name>.snap`.
//!
//! `ported/<name>/` holds ports of public-style Terraform configurations: the HCL original in
//! `hcl/` and the Rust port in `main.rs` (example `ported_<name>`), pinned as
//! `snapshots/ported-<name>.snap` and checked to declare the same addresses; see
//! `ported/README.md`.

pub mod app;

/// Prints the stack's Terraform JSON, or its errors and exits with status 1: the `main` of
/// an example.
pub fn print_or_exit(stack: &tfsynth::Stack) {
    match stack.synth() {
        Ok(json) => print!("{json}"),
        Err(errors) => {
            eprintln!("error: {errors}");
            std::process::exit(1);
        }
    }
}

/// Prints a built stack's construct warnings to stderr and its Terraform JSON, or the build's
/// or synth's errors and exits with status 1: the `main` of an example whose `build` returns
/// the stack and its warnings.
pub fn print_built_or_exit<E: std::fmt::Display>(built: Result<(tfsynth::Stack, Vec<String>), E>) {
    match built {
        Ok((stack, warnings)) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            print_or_exit(&stack);
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

/// The repository README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

//! Fixtures shared by the divan benches (`benches/synth.rs`) and the `synth-report` binary:
//! the PrivateLink demo stack, and scale stacks of N demo copies under N scopes.
#![doc = include_str!("../README.md")]

use tfsynth::Stack;
use tfsynth_privatelink::stacks::{self, Demo, DemoConfig, ShippedStack};

/// The sizes of the scale stacks that are measured.
pub const SCALES: [usize; 3] = [10, 100, 1000];

/// The `demo` stack the CLI ships (`tfsynth synth`), with its default configuration.
///
/// # Panics
/// When the default demo configuration is rejected by the constructs, which is a bug.
pub fn demo_stack() -> Stack {
    Demo::build(&DemoConfig::default())
        .expect("the default demo is valid")
        .stack
}

/// One stack holding `n` copies of the demo, the i-th under the scope `demo{i}`; the providers
/// and `terraform` settings once, at the root. The same stack as `examples/scale.rs` writes.
///
/// # Panics
/// When the default demo configuration is rejected by the constructs, which is a bug.
pub fn scale_stack(n: usize) -> Stack {
    stacks::scale(n, &DemoConfig::default()).expect("the default demo is valid")
}

/// Builds the stack for `n` copies: [`demo_stack`] for 0, [`scale_stack`] otherwise.
pub fn stack(n: usize) -> Stack {
    if n == 0 {
        demo_stack()
    } else {
        scale_stack(n)
    }
}

/// The whole job the CLI does: build the model, validate it, write the JSON.
///
/// # Panics
/// When the stack does not validate, which is a bug in the constructs.
pub fn synth(n: usize) -> String {
    stack(n).synth().expect("the demo validates")
}

/// The physical limit of the output: the synthesized JSON parsed into a `serde_json::Value`,
/// so that only serde_json's pretty printer (2-space indent, as synth writes) is timed.
///
/// # Panics
/// When synth produces text that is not JSON, which is a bug.
pub fn parsed(json: &str) -> serde_json::Value {
    serde_json::from_str(json).expect("synth writes JSON")
}

/// serde_json writing `value` the way synth does: pretty, 2-space indent, trailing newline.
///
/// # Panics
/// Never: a `Value` always serializes.
pub fn write_limit(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("a Value serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_writes_the_same_bytes_as_synth() {
        let json = synth(2);
        assert_eq!(write_limit(&parsed(&json)), json);
    }

    #[test]
    fn copies_are_distinct_and_complete() {
        let one = stack(1).counts();
        let three = stack(3).counts();
        assert_eq!(three, (one.0 * 3, one.1 * 3, one.2 * 3));
    }
}

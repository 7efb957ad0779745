//! One stack with N copies of the PrivateLink demo, each under its own scope (`demo0`,
//! `demo1`, ...), so every name is distinct. Used by the benchmarks.
//!
//! `cargo run --release -p tfsynth-examples --example scale -- 100 > main.tf.json`

use tfsynth::Stack;
use tfsynth_privatelink::stacks::{self, DemoConfig};
use tfsynth_privatelink::Error;

// Synth allocates many small strings and trees; mimalloc does that about a quarter faster than
// the system allocator, for ~12% more peak memory (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A stack with `n` demos.
///
/// # Errors
/// Every check of the constructs (the default config passes them).
pub fn build(n: usize) -> Result<Stack, Error> {
    stacks::scale(n, &DemoConfig::default())
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "1".to_owned());
    let Ok(n) = arg.parse::<usize>() else {
        eprintln!("error: N must be a whole number of copies, got {arg:?}: run with -- 10");
        std::process::exit(2);
    };
    let stack = match build(n) {
        Ok(stack) => stack,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    // Stream the JSON instead of holding a second copy of it in memory.
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let result = stack.synth_to(out, tfsynth::SynthOptions::default());
    // The process ends here: returning the stack's memory piece by piece would only cost time.
    std::mem::forget(stack);
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

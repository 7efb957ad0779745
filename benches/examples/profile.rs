//! One phase of synth in a loop, for a profiler (perf, valgrind --tool=callgrind):
//!
//!     cargo build --release -p tfsynth-benches --example profile
//!     perf record --call-graph dwarf target/release/examples/profile synth 1000 5
//!
//! PHASE: `build` (constructs and declarations), `validate`, `synth` (`Stack::synth` of a
//! built model: validate + write), `all` (build + synth), `limit` (serde_json writing the
//! same JSON from a `Value`). The model is built once outside the loop except for `build`/`all`.

use std::hint::black_box;

use tfsynth_benches::{parsed, stack, synth, write_limit};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(phase), Some(n), reps) = (
        args.first().map(String::as_str),
        args.get(1).and_then(|s| s.parse::<usize>().ok()),
        args.get(2)
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(3),
    ) else {
        eprintln!("usage: profile build|validate|synth|all|limit N [REPS]");
        std::process::exit(2);
    };
    match phase {
        "build" => (0..reps).for_each(|_| drop(black_box(stack(n)))),
        "all" => (0..reps).for_each(|_| drop(black_box(synth(n)))),
        "validate" => {
            let s = stack(n);
            (0..reps).for_each(|_| drop(black_box(s.validate())));
        }
        "synth" => {
            let s = stack(n);
            (0..reps).for_each(|_| drop(black_box(s.synth())));
        }
        "limit" => {
            let v = parsed(&synth(n));
            (0..reps).for_each(|_| drop(black_box(write_limit(&v))));
        }
        _ => {
            eprintln!("unknown phase {phase}: build|validate|synth|all|limit");
            std::process::exit(2);
        }
    }
}

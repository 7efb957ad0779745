//! The `tfsynth` command. See `tfsynth --help`.

// Synth allocates many small strings and trees; mimalloc does that about a quarter faster than
// the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    tfsynth_cli::shipped_app().run()
}

//! An app of two stacks, `data` and `api`: see `examples/app/README.md` and
//! `tfsynth_examples::app`.
//!
//! `cargo run -p tfsynth-examples --example app -- synth --stack all --out-dir out`

fn main() {
    tfsynth_examples::app::app().run()
}

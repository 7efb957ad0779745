//! Synth of the PrivateLink demo and of N demo copies in one stack, against serde_json writing
//! the same output; validation alone. Throughput counters: bytes of JSON written and resources.
//!
//! Full run: `cargo bench -p tfsynth-benches`. Quick (CI):
//! `cargo bench -p tfsynth-benches -- --sample-count 2 --sample-size 1`.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use tfsynth_benches::{parsed, stack, synth, write_limit, SCALES};

fn main() {
    divan::main();
}

/// The counters of the output of `n` copies: bytes written and resources declared.
fn counters(n: usize) -> (BytesCount, ItemsCount) {
    let s = stack(n);
    let json = s.synth().expect("the demo validates");
    (BytesCount::of_str(&json), ItemsCount::new(s.counts().0))
}

/// The `demo` stack: build the model, validate, write the JSON.
#[divan::bench]
fn demo(bencher: Bencher<'_, '_>) {
    let (bytes, items) = counters(0);
    bencher
        .counter(bytes)
        .counter(items)
        .bench(|| synth(black_box(0)));
}

/// N demo copies in one stack: build the model, validate, write the JSON.
#[divan::bench(args = SCALES)]
fn scale(bencher: Bencher<'_, '_>, n: usize) {
    let (bytes, items) = counters(n);
    bencher
        .counter(bytes)
        .counter(items)
        .bench(|| synth(black_box(n)));
}

/// Building the model of N copies only (constructs and declarations, no validation, no JSON).
#[divan::bench(args = SCALES)]
fn scale_build(bencher: Bencher<'_, '_>, n: usize) {
    let (_, items) = counters(n);
    bencher.counter(items).bench(|| stack(black_box(n)));
}

/// `Stack::synth` of an already built model of N copies: validate, then write.
#[divan::bench(args = SCALES)]
fn scale_synth_prebuilt(bencher: Bencher<'_, '_>, n: usize) {
    let s = stack(n);
    let (bytes, items) = counters(n);
    bencher
        .counter(bytes)
        .counter(items)
        .bench(|| black_box(&s).synth());
}

/// `Stack::validate` alone (references, duplicates, cycles) of N copies.
#[divan::bench(args = SCALES)]
fn scale_validate(bencher: Bencher<'_, '_>, n: usize) {
    let s = stack(n);
    let (_, items) = counters(n);
    bencher.counter(items).bench(|| black_box(&s).validate());
}

/// The physical limit: serde_json writing the same JSON from a parsed `Value`.
#[divan::bench(args = SCALES)]
fn limit_serde_json(bencher: Bencher<'_, '_>, n: usize) {
    let json = synth(n);
    let value = parsed(&json);
    let (bytes, items) = counters(n);
    bencher
        .counter(bytes)
        .counter(items)
        .bench(|| write_limit(black_box(&value)));
}

//! Prints the markdown tables of `BENCHMARKS.md` for synth and validation:
//!
//!     cargo run --release -p tfsynth-benches --bin synth-report [-- --budget SECS]
//!
//! Every figure is the median (and min–max) of repeated in-process runs: each measurement is
//! repeated until it has used `--budget` seconds (default 2) and at least 5 samples. Nothing here
//! asserts a time; it only measures and prints.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tfsynth_benches::{parsed, stack, synth, write_limit, SCALES};

struct Samples(Vec<Duration>);

impl Samples {
    fn median(&self) -> Duration {
        let mut v = self.0.clone();
        v.sort_unstable();
        v[v.len() / 2]
    }
    fn min(&self) -> Duration {
        self.0.iter().copied().min().unwrap_or_default()
    }
    fn max(&self) -> Duration {
        self.0.iter().copied().max().unwrap_or_default()
    }
    fn cell(&self) -> String {
        format!(
            "{} ({}–{})",
            fmt(self.median()),
            fmt(self.min()),
            fmt(self.max())
        )
    }
}

fn measure<T>(budget: Duration, mut f: impl FnMut() -> T) -> Samples {
    black_box(f()); // warm-up
    let start = Instant::now();
    let mut v = Vec::new();
    while v.len() < 5 || (start.elapsed() < budget && v.len() < 1000) {
        let t = Instant::now();
        black_box(f());
        v.push(t.elapsed());
    }
    Samples(v)
}

fn fmt(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn per(d: Duration, n: usize) -> String {
    format!("{:.2} µs", d.as_nanos() as f64 / 1e3 / n as f64)
}

struct Row {
    label: String,
    n: usize,
    resources: usize,
    data: usize,
    outputs: usize,
    bytes: usize,
    full: Samples,
    build: Samples,
    prebuilt: Samples,
    validate: Samples,
    limit: Samples,
}

fn main() {
    let mut budget = Duration::from_secs(2);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--budget" => {
                let secs: f64 = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .unwrap_or_else(|| usage());
                budget = Duration::from_secs_f64(secs);
            }
            _ => usage(),
        }
    }

    let mut rows = Vec::new();
    for n in std::iter::once(0).chain(SCALES) {
        let built = stack(n);
        let (resources, data, outputs) = built.counts();
        let json = synth(n);
        let value = parsed(&json);
        eprintln!("synth-report: measuring {} copies", n.max(1));
        rows.push(Row {
            label: if n == 0 {
                "demo".to_owned()
            } else {
                format!("scale {n}")
            },
            n: n.max(1),
            resources,
            data,
            outputs,
            bytes: json.len(),
            full: measure(budget, || synth(n)),
            build: measure(budget, || stack(n)),
            prebuilt: measure(budget, || built.synth()),
            validate: measure(budget, || built.validate()),
            limit: measure(budget, || write_limit(&value)),
        });
    }

    println!(
        "In-process, release build; median (min–max) of repeated runs, {budget:?} or 5 runs each at least."
    );
    println!();
    println!("Synth = build the model + validate + write the JSON (what `scale N` does minus process start and stdout).");
    println!("Limit = `serde_json::to_string_pretty` of the same JSON, parsed into a `serde_json::Value` beforehand.");
    println!();
    println!("| stack | resources / data / outputs | JSON | synth | per resource | MB/s | limit | synth / limit |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let full = r.full.median();
        println!(
            "| {} | {} / {} / {} | {:.2} MB | {} | {} | {:.0} | {} | {:.2}× |",
            r.label,
            r.resources,
            r.data,
            r.outputs,
            r.bytes as f64 / 1e6,
            r.full.cell(),
            per(full, r.resources),
            r.bytes as f64 / 1e6 / full.as_secs_f64(),
            r.limit.cell(),
            full.as_secs_f64() / r.limit.median().as_secs_f64(),
        );
    }
    println!();
    println!("The phases: build (constructs and declarations), `Stack::synth` of the built model (validate + write), `Stack::validate` alone; write = synth − validate.");
    println!();
    println!("| stack | build | Stack::synth | validate | write (derived) | write / limit | validate per resource |");
    println!("|---|---|---|---|---|---|---|");
    for r in &rows {
        let write = r.prebuilt.median().saturating_sub(r.validate.median());
        println!(
            "| {} | {} | {} | {} | {} | {:.2}× | {} |",
            r.label,
            r.build.cell(),
            r.prebuilt.cell(),
            r.validate.cell(),
            fmt(write),
            write.as_secs_f64() / r.limit.median().as_secs_f64(),
            per(r.validate.median(), r.resources),
        );
    }
    println!();
    println!(
        "Growth from N to 10 N copies (time per copy at 10 N / time per copy at N; 1.00 = linear):"
    );
    println!();
    println!("| from → to | synth | build | validate | write (limit) |");
    println!("|---|---|---|---|---|");
    let scale: Vec<&Row> = rows.iter().filter(|r| r.label != "demo").collect();
    for w in scale.windows(2) {
        let (a, b) = (w[0], w[1]);
        let g = |x: &Samples, y: &Samples| {
            (y.median().as_secs_f64() / b.n as f64) / (x.median().as_secs_f64() / a.n as f64)
        };
        println!(
            "| {} → {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            a.n,
            b.n,
            g(&a.full, &b.full),
            g(&a.build, &b.build),
            g(&a.validate, &b.validate),
            g(&a.limit, &b.limit),
        );
    }
}

fn usage() -> ! {
    eprintln!("usage: synth-report [--budget SECONDS]");
    std::process::exit(2);
}

//! Converting a configuration of over 1,000 lines (the corpus's VPC sixteen times under other
//! names), rustfmt and cargo excluded: `cargo bench -p tfsynth-convert`.
#![allow(clippy::unwrap_used)]

fn main() {
    divan::main();
}

/// The VPC corpus configuration, its resources and outputs repeated `n` times.
fn big(n: usize) -> String {
    let vpc = include_str!("../corpus/vpc/main.tf");
    let (head, body) = vpc.split_once("# The network.").unwrap();
    let mut out = head.to_owned();
    for i in 0..n {
        let mut b = body.to_owned();
        for (from, to) in [
            ("\"main\"", format!("\"main_{i}\"")),
            ("\"public\"", format!("\"public_{i}\"")),
            ("\"private\"", format!("\"private_{i}\"")),
            ("\"vpc_id\"", format!("\"vpc_id_{i}\"")),
            (
                "\"public_subnet_ids\"",
                format!("\"public_subnet_ids_{i}\""),
            ),
            ("\"first_private\"", format!("\"first_private_{i}\"")),
            (".main.", format!(".main_{i}.")),
            (".public.", format!(".public_{i}.")),
            (".public[", format!(".public_{i}[")),
            (".private[", format!(".private_{i}[")),
        ] {
            b = b.replace(from, &to);
        }
        out.push_str(&b);
    }
    out
}

#[divan::bench]
fn convert_1000_lines(bencher: divan::Bencher<'_, '_>) {
    let text = big(16);
    assert!(text.lines().count() > 1000);
    bencher.bench(|| {
        let c = tfsynth_convert::convert_str("main.tf", divan::black_box(&text), "big").unwrap();
        assert_eq!(c.escapes, 0);
        c
    });
}

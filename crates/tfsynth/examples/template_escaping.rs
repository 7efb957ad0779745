//! Writes a scratch module of `output` blocks built from tricky templates, in JSON and in HCL,
//! with the values Terraform must give them; `scripts/template-escaping` applies both with
//! Terraform and compares. Not part of `cargo test` (which must not need Terraform).
//!
//! `cargo run -p tfsynth --features hcl --example template_escaping -- OUT_DIR`
//! writes `OUT_DIR/json/main.tf.json`, `OUT_DIR/hcl/main.tf` and `OUT_DIR/expected.json`.

use std::collections::BTreeMap;

use tfsynth::prelude::*;
use tfsynth::{RawExpr, RefRoot, SynthOptions, TemplatePart};

/// The value of `var.v` in the scratch module.
const V: &str = "V";

enum P {
    L(&'static str),
    V,
}

fn build(parts: &[P]) -> (RawExpr, String) {
    let mut expected = String::new();
    let raw = parts
        .iter()
        .map(|p| match p {
            P::L(s) => {
                expected.push_str(s);
                TemplatePart::Lit((*s).to_owned())
            }
            P::V => {
                expected.push_str(V);
                TemplatePart::Interp(RawExpr::Ref(RefRoot::Var("v".into())))
            }
        })
        .collect();
    (RawExpr::Template(raw), expected)
}

/// A small deterministic generator (no dependency): xorshift.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: template_escaping OUT_DIR")?;
    let out = std::path::Path::new(&out);
    let fixed: Vec<Vec<P>> = vec![
        vec![P::L("cost: $"), P::V],
        vec![P::L("$$"), P::V, P::L("$")],
        vec![P::L("100%"), P::V, P::L("${x}%{y}$")],
        vec![P::L("$"), P::L("{path.cwd}"), P::V],
        vec![P::L("%"), P::L("{ if true }x%{ endif }"), P::V],
        vec![P::L("a$"), P::L("$"), P::V],
        vec![P::V, P::L("$"), P::V],
        vec![P::L("${"), P::V, P::L("}")],
        vec![P::L("$${"), P::V],
        vec![P::L("$$$${"), P::V, P::L("$$")],
        vec![P::L("%%{"), P::V, P::L("%")],
        vec![P::L("\\"), P::V, P::L("\"quote\"\n\t")],
        vec![P::L("$"), P::V, P::L("$"), P::V, P::L("$")],
        vec![P::L("${file(\"/etc/passwd\")}")],
        vec![P::L("$"), P::L("{"), P::L("path.cwd}")],
        vec![P::L("~}$"), P::V, P::L("{")],
    ];
    let mut stack = Stack::new();
    let v: Expr<String> = stack.variable("v", Variable::new().default_value(V));
    let mut expected = BTreeMap::new();
    let mut add = |stack: &mut Stack, name: String, raw: RawExpr, want: String| {
        stack.output(&name, Output::new(raw));
        expected.insert(name, want);
    };
    for (i, parts) in fixed.iter().enumerate() {
        let (raw, want) = build(parts);
        add(&mut stack, format!("fixed_{i}"), raw, want);
    }
    // The same inside an expression: upper("...") renders an HCL quoted template.
    let (raw, want) = build(&[P::L("x$"), P::V, P::L("${y}%")]);
    add(
        &mut stack,
        "nested".into(),
        functions::upper(Expr::<String>::from_raw(raw)).into_raw(),
        want.to_uppercase(),
    );
    // Through the template! macro.
    add(
        &mut stack,
        "macro".into(),
        template!("price: $", &v, " ($", &v, ")").into_raw(),
        format!("price: ${V} (${V})"),
    );
    // Random templates over the characters that matter.
    let alphabet = ["$", "%", "{", "}", "a", "\\", "\"", "~", "$$", "${", "%{"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..300 {
        let n = 1 + (rng.next() % 6) as usize;
        let mut parts = Vec::new();
        for _ in 0..n {
            if rng.next() % 3 == 0 {
                parts.push(P::V);
            } else {
                let len = (rng.next() % 4) as usize;
                let s: String = (0..len)
                    .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                    .collect();
                parts.push(P::L(Box::leak(s.into_boxed_str())));
            }
        }
        let (raw, want) = build(&parts);
        add(&mut stack, format!("random_{i}"), raw, want);
    }
    let opts = SynthOptions { comments: false };
    std::fs::create_dir_all(out.join("json"))?;
    std::fs::create_dir_all(out.join("hcl"))?;
    std::fs::write(out.join("json/main.tf.json"), stack.synth_with(opts)?)?;
    std::fs::write(
        out.join("hcl/main.tf"),
        tfsynth::hcl::synth_hcl(&stack, opts)?,
    )?;
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected)?,
    )?;
    println!("{} outputs written to {}", expected.len(), out.display());
    Ok(())
}

//! The Rust form and the Terraform form of the input rules agree on generated values: valid,
//! near-valid, Unicode (letters of many scripts, combining marks, Hangul jamo, letters newer
//! than Terraform's Unicode tables), `null` elements.
//!
//! Two parts, so that `cargo test` needs no Terraform:
//! - here, each value's Rust verdict (the constructs, as `module_words.rs` asks them) against
//!   an evaluation, written in this test, of the condition the committed module carries: the
//!   regular expression is read from `modules/*/main.tf` and run by `regex-lite` (a second
//!   engine; the tag pattern, which uses Unicode classes `regex-lite` lacks, by the crate's
//!   own reading of the module's text), the host-bits and range conditions computed here;
//! - `scripts/rule-agreement` (run by `just rule-agreement`): [`write_agreement_roots`] writes
//!   [`VALUES`] values from a fixed seed as root modules calling the shipped modules, with the
//!   Rust verdict of each, and the script puts them through `../shared/tools/tf-plan`: each
//!   value is refused or accepted at plan time exactly as the Rust side says, in its words.
//!
//! What the generators leave out, and why: strings Terraform would change before a rule sees
//! them (it normalizes to Unicode NFC: `"e\u{301}"` becomes `"é"`, Hangul jamo compose), and
//! zones that exist in no region's tables (`use1-az7`: availability is checked at plan time by
//! a precondition, not a rule).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{hcl, hcl_inline, modules, rust, SERVICE_NAME};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};

/// How many values the Terraform part checks (`write_agreement_roots`).
pub const VALUES: usize = 200;

/// Pieces strings are made of: each is NFC as it is and stays so next to any other piece.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "team",
    "0",
    "9",
    " ",
    "+",
    "-",
    "=",
    ".",
    "_",
    ":",
    "/",
    "@", // allowed ASCII
    "#",
    ";",
    "<",
    ">",
    "&",
    "\"",
    "\\",
    "!",
    "*",
    "$",
    "%",
    "\n",
    "\t",
    "\u{1}", // refused ASCII
    "é",
    "ß",
    "Ø",
    "日本",
    "각",
    "٣",
    "Ж",
    "\u{11F04}", // letters and digits of both tables
    "x\u{301}",
    "\u{915}\u{93f}",
    "\u{915}\u{902}", // combining marks (refused)
    "x\u{11A8}",
    "\u{1100}x",
    "\u{FF9E}", // jamo and halfwidth marks (join clusters: refused)
    "\u{10D4A}",
    "\u{2EBF0}", // letters newer than Unicode 15.0 (refused)
    "😀",
    "\u{200D}",
    "\u{A0}",
    "\u{3000}",
    "\u{2028}", // symbols and other spaces (refused)
    "aws:",
    "AWS:",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// A tag key or value, now and then long enough for the length rules.
fn tag_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => text(5),
        1 => (text(2), 120_usize..140).prop_map(|(t, n)| format!("{t}{}", "k".repeat(n))),
        1 => (text(2), 250_usize..262).prop_map(|(t, n)| format!("{t}{}", "v".repeat(n))),
    ]
}

fn tags() -> impl Strategy<Value = Value> {
    let value = prop_oneof![9 => tag_text().prop_map(Value::from), 1 => Just(Value::Null)];
    prop_oneof![
        12 => prop::collection::btree_map(tag_text(), value, 0..4)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        1 => (48_usize..52).prop_map(|n| {
            Value::Object((0..n).map(|i| (format!("Key{i:02}"), json!("v"))).collect())
        }),
    ]
}

/// A block, valid or nearly: host bits, octets out of range, leading zeros, prefixes out of
/// range or missing, stray characters.
fn cidr() -> impl Strategy<Value = String> {
    let octet = prop_oneof![
        4 => (0_u32..=255).prop_map(|o| o.to_string()),
        1 => Just("256".to_owned()),
        1 => Just("01".to_owned()),
        1 => Just("٣".to_owned()),
        1 => Just(String::new()),
    ];
    let prefix = prop_oneof![
        4 => (0_u32..=32).prop_map(|p| format!("/{p}")),
        1 => Just("/33".to_owned()),
        1 => Just(String::new()),
        1 => Just("/+8".to_owned()),
        1 => Just("/16/2".to_owned()),
    ];
    let network = (0_u32..=255, 8_u32..=30).prop_map(|(a, p)| {
        let addr = (a << 24) & (u32::MAX << (32 - p));
        let [a, b, c, d] = addr.to_be_bytes();
        format!("{a}.{b}.{c}.{d}/{p}")
    });
    prop_oneof![
        3 => network,
        3 => (prop::collection::vec(octet, 3..=5), prefix).prop_map(|(o, p)| format!("{}{p}", o.join("."))),
        1 => (0_u32..=255, 16_u32..=29).prop_map(|(a, p)| format!("10.{a}.0.0/{p}")),
        1 => Just(" 10.0.0.0/16".to_owned()),
    ]
}

fn cidr_list() -> impl Strategy<Value = Value> {
    let item = prop_oneof![8 => cidr().prop_map(Value::from), 1 => Just(Value::Null)];
    prop::collection::vec(item, 0..4).prop_flat_map(|v| {
        let n = v.len();
        (Just(v), any::<bool>(), 0..n.max(1)).prop_map(|(mut v, twice, i)| {
            if twice && !v.is_empty() {
                let again = v[i].clone();
                v.push(again);
            }
            Value::Array(v)
        })
    })
}

fn zone() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (1_u32..=6).prop_map(|i| json!(format!("use1-az{i}"))),
        3 => prop::sample::select(&["a", "b", "c", "d", "e", "f"][..])
            .prop_map(|l| json!(format!("us-east-1{l}"))),
        1 => prop::sample::select(&["euw1-az1", "eu-west-1a", "apne1-az4"][..]).prop_map(Value::from),
        1 => prop::sample::select(
            &["use1", "us-east-1", "USE1-AZ1", "use1-az1 ", "use1-az", "ｕse1-az1", "", "use1-\u{301}az1"][..]
        )
        .prop_map(Value::from),
        1 => Just(Value::Null),
    ]
}

fn zones() -> impl Strategy<Value = Value> {
    prop::collection::vec(zone(), 0..8).prop_map(Value::Array)
}

fn port() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => prop::sample::select(&[0_u64, 1, 443, 65535, 65536, 131_072][..]).prop_map(Value::from),
        3 => (0_u64..=70_000).prop_map(Value::from),
    ]
}

fn service_name() -> impl Strategy<Value = Value> {
    let hex = |n: usize| {
        prop::collection::vec(prop::sample::select(&b"0123456789abcdef"[..]), n..=n)
            .prop_map(|b| String::from_utf8(b).expect("ascii"))
    };
    prop_oneof![
        3 => (prop::sample::select(&["us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-2"][..]),
              prop_oneof![hex(8), hex(17)])
            .prop_map(|(r, h)| json!(format!("com.amazonaws.vpce.{r}.vpce-svc-{h}"))),
        1 => prop_oneof![hex(16), hex(18)].prop_map(|h| json!(format!("com.amazonaws.vpce.us-east-1.vpce-svc-{h}"))),
        1 => hex(17).prop_map(|h| json!(format!("com.amazonaws.vpce.us-east-1.vpce-svc-{}", h.to_uppercase()))),
        1 => prop::sample::select(&[
            "vpce-svc-0123456789abcdef0",
            "com.amazonaws.vpce.useast1.vpce-svc-0123456789abcdef0",
            "com.amazonaws.vpce.us-east-١.vpce-svc-0123456789abcdef0",
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\n",
            "com.amazonaws.us-east-1.vpce-svc-0123456789abcdef0",
        ][..]).prop_map(Value::from),
    ]
}

/// A rule family: the module and input it goes to, and how many of [`VALUES`] it gets.
struct Family {
    name: &'static str,
    module: &'static str,
    var: &'static str,
    share: usize,
}

const FAMILIES: &[Family] = &[
    Family {
        name: "tags",
        module: "endpoint",
        var: "tags",
        share: 50,
    },
    Family {
        name: "client-cidrs",
        module: "endpoint",
        var: "client_cidrs",
        share: 35,
    },
    Family {
        name: "vpc-cidr",
        module: "consumer",
        var: "vpc_cidr",
        share: 30,
    },
    // The service module: the consumer's zones must also be among the service's, a check on
    // the planned subnets rather than a rule of the list.
    Family {
        name: "zones",
        module: "service",
        var: "availability_zones",
        share: 35,
    },
    Family {
        name: "ports",
        module: "endpoint",
        var: "service_port",
        share: 25,
    },
    Family {
        name: "service-names",
        module: "endpoint",
        var: "service_name",
        share: 25,
    },
];

fn strategy(family: &str) -> BoxedStrategy<Value> {
    match family {
        "tags" => tags().boxed(),
        "client-cidrs" => cidr_list().boxed(),
        "vpc-cidr" => cidr().prop_map(Value::from).boxed(),
        "zones" => zones().boxed(),
        "ports" => port().boxed(),
        "service-names" => service_name().boxed(),
        other => panic!("no family {other}"),
    }
}

/// `n` values of `family` from a fixed seed.
fn values(family: &str, n: usize) -> Vec<Value> {
    let mut seed = [0_u8; 32];
    for (i, b) in family.bytes().enumerate() {
        seed[i % 32] ^= b;
    }
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    let s = strategy(family);
    (0..n)
        .map(|_| s.new_tree(&mut runner).expect("a value").current())
        .collect()
}

// ---- the cargo part: the module's conditions, evaluated here ----

/// The text of `var`'s block in the committed module `module`.
fn variable_block(module: &str, var: &str) -> String {
    let text = std::fs::read_to_string(modules().join(format!("privatelink-{module}/main.tf")))
        .expect("a module");
    let start = text
        .find(&format!("variable \"{var}\" {{"))
        .unwrap_or_else(|| panic!("{module} has no variable {var}"));
    let rest = &text[start..];
    let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 3);
    rest[..end].to_owned()
}

/// The patterns of `regex("...", x)` calls in the conditions of a variable block, unescaped
/// from HCL.
fn condition_patterns(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in block
        .lines()
        .filter(|l| l.trim_start().starts_with("condition"))
    {
        let mut rest = line;
        while let Some(i) = rest.find("regex(\"") {
            let after = &rest[i + 7..];
            let mut pattern = String::new();
            let mut chars = after.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => pattern.push(chars.next().expect("an escape")),
                    '"' => break,
                    c => pattern.push(c),
                }
            }
            rest = &after[pattern.len()..];
            out.push(pattern);
        }
    }
    out
}

/// The module's shape pattern of a string input (its first `regex` in a condition), read
/// by `regex-lite`.
fn module_regex(module: &str, var: &str) -> regex_lite::Regex {
    let patterns = condition_patterns(&variable_block(module, var));
    let p = patterns
        .first()
        .unwrap_or_else(|| panic!("{module}.{var} has no pattern"));
    regex_lite::Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Terraform's `cidrhost(c, 0) == address` for a block of the right shape, computed here.
fn no_host_bits(c: &str) -> bool {
    let Some((addr, prefix)) = c.split_once('/') else {
        return true;
    };
    let Ok(prefix) = prefix.parse::<u32>() else {
        return true;
    };
    let octets: Vec<u32> = addr.split('.').filter_map(|o| o.parse().ok()).collect();
    let Ok([a, b, cc, d]) = <[u32; 4]>::try_from(octets) else {
        return true;
    };
    let n = (a << 24) | (b << 16) | (cc << 8) | d;
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    n & mask == n
}

/// The module's verdict for the single-value rules this test can evaluate; `None` where it
/// cannot say (the Terraform part covers those).
fn module_accepts(family: &str, value: &Value) -> Option<bool> {
    match family {
        "service-names" => Some(module_regex("endpoint", "service_name").is_match(value.as_str()?)),
        "vpc-cidr" => {
            let s = value.as_str()?;
            let shape = module_regex("consumer", "vpc_cidr").is_match(s);
            if !shape {
                return Some(false);
            }
            let prefix: u32 = s.split('/').nth(1)?.parse().ok()?;
            // size /16-/28, and two /20-style subnets of 4 new bits fit: prefix + 4 <= 28
            Some(no_host_bits(s) && (16..=28).contains(&prefix) && prefix + 4 <= 28)
        }
        "client-cidrs" => {
            let items = value.as_array()?;
            let re = module_regex("endpoint", "client_cidrs");
            let present: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            let unique: std::collections::BTreeSet<&&str> = present.iter().collect();
            Some(
                present.len() == items.len()
                    && present.iter().all(|c| re.is_match(c) && no_host_bits(c))
                    && unique.len() == present.len(),
            )
        }
        "ports" => {
            let block = variable_block("endpoint", "service_port");
            assert!(
                block.contains("var.service_port >= 1 && var.service_port <= 65535"),
                "{block}"
            );
            let n = value.as_u64()?;
            Some((1..=65535).contains(&n))
        }
        "tags" => {
            let map = value.as_object()?;
            let patterns = condition_patterns(&variable_block("endpoint", "tags"));
            // The reserved prefix, then the character class (Unicode: read by the crate's
            // own matcher, from the module's text).
            let reserved = regex_lite::Regex::new(&patterns[0]).expect("ascii");
            let bad = tfsynth_privatelink::rules::Pattern::new(Box::leak(
                patterns[1].clone().into_boxed_str(),
            ));
            let mut ok = map.len() + usize::from(!map.contains_key("Name")) <= 50;
            for (k, v) in map {
                let Some(v) = v.as_str() else {
                    return Some(false);
                };
                // Lengths count characters: equal to Terraform's grapheme clusters for the
                // characters the class allows (what the Terraform part checks).
                ok &= !k.is_empty()
                    && !reserved.is_match(k)
                    && !bad.is_match(&format!("{k}{v}"))
                    && k.chars().count() <= 128
                    && v.chars().count() <= 256;
            }
            Some(ok)
        }
        _ => None,
    }
}

fn family(name: &str) -> &'static Family {
    FAMILIES.iter().find(|f| f.name == name).expect("a family")
}

#[test]
fn rust_checks_agree_with_the_module_conditions() {
    let mut compared = 0;
    let mut wrong = Vec::new();
    for name in ["tags", "client-cidrs", "vpc-cidr", "ports", "service-names"] {
        let f = family(name);
        for value in values(name, 400) {
            let Some(module) = module_accepts(name, &value) else {
                continue;
            };
            compared += 1;
            let rust = rust(f.module, f.var, &value);
            if rust.is_ok() != module {
                wrong.push(format!(
                    "{name}: {value}: rust {rust:?}, module accepts: {module}"
                ));
            }
        }
    }
    eprintln!("rule agreement: {compared} values compared with the modules' conditions");
    assert_eq!(compared, 2000, "values compared");
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_generators_reach_both_verdicts_and_every_kind_of_value() {
    for f in FAMILIES {
        let vs = values(f.name, f.share);
        let refused = vs
            .iter()
            .filter(|v| rust(f.module, f.var, v).is_err())
            .count();
        assert!(
            refused > 0 && refused < vs.len(),
            "{}: {refused} of {} refused",
            f.name,
            vs.len()
        );
    }
    let tags = values("tags", 50)
        .iter()
        .map(ToString::to_string)
        .collect::<String>();
    for needle in ["null", "\u{301}", "\u{93f}", "\u{10D4A}", "日本"] {
        assert!(tags.contains(needle), "no tag value holds {needle}");
    }
    assert_eq!(FAMILIES.iter().map(|f| f.share).sum::<usize>(), VALUES);
}

// ---- the Terraform part: the roots scripts/rule-agreement plans ----

/// Writes, into `$RULE_AGREEMENT_OUT`, one root per family and verdict (`FAMILY-accepted`,
/// `FAMILY-refused`) calling the family's module once per value, and `manifest.json`: for
/// each value its root, the line of its input in the root's `main.tf`, and the Rust verdict
/// (`null` when accepted, else the message in the module's words). Run by
/// `scripts/rule-agreement`.
#[test]
#[ignore = "writes the roots scripts/rule-agreement plans"]
fn write_agreement_roots() {
    let out = PathBuf::from(std::env::var("RULE_AGREEMENT_OUT").expect("RULE_AGREEMENT_OUT"));
    let _ = std::fs::remove_dir_all(&out);
    let mut manifest = Vec::new();
    for f in FAMILIES {
        let mut roots: BTreeMap<&str, (String, usize)> = BTreeMap::new();
        for (i, value) in values(f.name, f.share).into_iter().enumerate() {
            let verdict = rust(f.module, f.var, &value);
            let kind = if verdict.is_ok() {
                "accepted"
            } else {
                "refused"
            };
            let (text, lines) = roots.entry(kind).or_insert_with(|| {
                let head = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n".to_owned();
                let n = head.lines().count();
                (head, n)
            });
            let mut call = vec![
                String::new(),
                format!("module \"v{i:03}\" {{"),
                format!("  source = \"./privatelink-{}\"", f.module),
            ];
            for (k, v) in common::inputs(f.module, f.var, &value) {
                if k != f.var {
                    call.push(format!("  {k} = {}", hcl(&v)));
                }
            }
            // The value on one line, so an error's line names it.
            let line = *lines + call.len() + 1;
            call.push(format!("  {} = {}", f.var, hcl_inline(&value)));
            call.push("}".into());
            *lines += call.len();
            text.push_str(&call.join("\n"));
            text.push('\n');
            manifest.push(json!({
                "family": f.name,
                "root": format!("{}-{kind}", f.name),
                "module": f.module,
                "line": line,
                "value": value,
                "rust": verdict.err(),
            }));
        }
        for (kind, (text, _)) in roots {
            let dir = out.join(format!("{}-{kind}", f.name));
            std::fs::create_dir_all(&dir).expect("writable");
            std::fs::write(dir.join("main.tf"), text).expect("writable");
        }
    }
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).expect("json"),
    )
    .expect("writable");
    // The service name is the base's unless the family sets it.
    let _ = SERVICE_NAME;
}

//! The provider's rules ([`crate::provider_rules`]) checked against the literal values of a
//! declared block's body.
//!
//! Only what is certain is refused: a literal that breaks a rule, a count of literal elements
//! or static blocks, a group of arguments whose set-ness is known. An expression (reference,
//! call, template with an interpolation, variable) may be anything, or null, at plan: it is
//! never checked and never counts as set or unset for sure. A `dynamic` block makes the count
//! of its blocks unknown; its content's literal arguments are the same in every block it
//! makes and are checked, unless its `for_each` is a literal empty collection.

use std::collections::BTreeSet;

use super::provider_checks::{items, value_check, Literal};
use crate::body::{Body, Entry};
use crate::expr::{ObjectMap, RawExpr};
use crate::provider_rules::{ArgRule, Check, GroupKind, GroupRule, TypeRules};

/// One rule broken: where (block path and argument, `vpc_config.subnet_ids`,
/// `ingress[1].from_port`) and the message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Finding {
    pub(crate) location: String,
    pub(crate) message: String,
}

/// Every rule of `rules` broken by `body`, sorted by location and message, each once.
pub(crate) fn check(rules: &TypeRules, body: &Body) -> Vec<Finding> {
    let mut found = BTreeSet::new();
    for rule in rules.args {
        // Most rules name arguments a body does not set: skip those without allocating.
        let first = rule.path.split('.').next().unwrap_or_default();
        let present = body.entries().iter().any(|(n, _)| n == first)
            || body.dynamic_blocks().iter().any(|(n, _)| n == first);
        if present {
            arg(rule, body, &mut found);
        }
    }
    let mut pairs = BTreeSet::new();
    for rule in rules.groups {
        group(rule, body, &mut found, &mut pairs);
    }
    found.into_iter().collect()
}

/// A place that holds named values: a block body, or an object literal (a nested attribute,
/// or a block written as an object).
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    Body(&'a Body),
    Object(&'a ObjectMap),
}

/// One instance of a block path, with its location (`ebs_block_device[1]`).
#[derive(Debug, Clone)]
struct Instance<'a> {
    location: String,
    scope: Scope<'a>,
    /// Inside the content of a `dynamic` block: one body stands for any number of blocks.
    dynamic: bool,
}

/// Everything the name `name` holds in `scope`.
enum Slot<'a> {
    Absent,
    Value(&'a RawExpr),
    /// Static blocks (one for a single block), and whether `dynamic` blocks of the same name
    /// add more.
    Blocks(Vec<(String, &'a Body)>, bool),
    /// Only `dynamic` blocks.
    Dynamic,
}

fn slot<'a>(scope: Scope<'a>, name: &str) -> Slot<'a> {
    match scope {
        Scope::Object(m) => m.get(name).map_or(Slot::Absent, Slot::Value),
        Scope::Body(b) => {
            let dynamic = b.dynamic_blocks().iter().any(|(n, _)| n == name);
            let entry = b.entries().iter().rev().find(|(n, _)| n == name);
            match entry.map(|(_, e)| e) {
                Some(Entry::Attr(v)) => Slot::Value(v),
                Some(Entry::Block(body)) => Slot::Blocks(vec![(String::new(), body)], dynamic),
                Some(Entry::Blocks(bodies)) => Slot::Blocks(
                    bodies
                        .iter()
                        .enumerate()
                        .map(|(i, b)| (format!("[{i}]"), b))
                        .collect(),
                    dynamic,
                ),
                Some(Entry::MapBlocks(bodies)) => Slot::Blocks(
                    bodies
                        .iter()
                        .map(|(k, b)| (format!("[{k:?}]"), b))
                        .collect(),
                    dynamic,
                ),
                None if dynamic => Slot::Dynamic,
                None => Slot::Absent,
            }
        }
    }
}

/// The `dynamic` contents named `name` in `scope` whose `for_each` is not literally empty.
fn dynamic_contents<'a>(scope: Scope<'a>, name: &str) -> Vec<&'a Body> {
    let Scope::Body(b) = scope else {
        return Vec::new();
    };
    b.dynamic_blocks()
        .iter()
        .filter(|(n, d)| n == name && !is_empty_collection(&d.for_each))
        .map(|(_, d)| &d.content)
        .collect()
}

fn is_empty_collection(e: &RawExpr) -> bool {
    match e {
        RawExpr::Tuple(items) => items.is_empty(),
        RawExpr::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn join(location: &str, name: &str) -> String {
    if location.is_empty() {
        name.to_owned()
    } else {
        format!("{location}.{name}")
    }
}

/// The instances of the block path `segments` from the root, and whether some may be
/// missing from them (an expression or a `dynamic` block on the way). With `dynamic`, the
/// contents of `dynamic` blocks are instances too (marked).
fn instances<'a>(root: &'a Body, segments: &[&str], dynamic: bool) -> (Vec<Instance<'a>>, bool) {
    let mut current = vec![Instance {
        location: String::new(),
        scope: Scope::Body(root),
        dynamic: false,
    }];
    let mut uncertain = false;
    for name in segments {
        let mut next = Vec::new();
        for inst in &current {
            let loc = join(&inst.location, name);
            let mut push = |location: String, scope| {
                next.push(Instance {
                    location,
                    scope,
                    dynamic: inst.dynamic,
                });
            };
            match slot(inst.scope, name) {
                Slot::Absent => {}
                Slot::Value(v) => match v {
                    RawExpr::Object(m) => push(loc.clone(), Scope::Object(m)),
                    RawExpr::Tuple(items) => {
                        for (i, item) in items.iter().enumerate() {
                            match item {
                                RawExpr::Object(m) => push(format!("{loc}[{i}]"), Scope::Object(m)),
                                RawExpr::Null => {}
                                _ => uncertain = true,
                            }
                        }
                    }
                    RawExpr::Null => {}
                    _ => uncertain = true,
                },
                Slot::Blocks(blocks, more) => {
                    uncertain |= more;
                    for (suffix, b) in blocks {
                        push(format!("{loc}{suffix}"), Scope::Body(b));
                    }
                }
                Slot::Dynamic => uncertain = true,
            }
            if dynamic {
                for content in dynamic_contents(inst.scope, name) {
                    next.push(Instance {
                        location: format!("{loc}[dynamic]"),
                        scope: Scope::Body(content),
                        dynamic: true,
                    });
                }
            }
        }
        current = next;
    }
    (current, uncertain)
}

/// `a.b.c` as the block path `[a, b]` and the leaf `c`.
fn split(path: &str) -> (Vec<&str>, &str) {
    let mut segments: Vec<&str> = path
        .split('.')
        .filter(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let leaf = segments.pop().unwrap_or_default();
    (segments, leaf)
}

fn arg(rule: &ArgRule, root: &Body, found: &mut BTreeSet<Finding>) {
    let (mut segments, mut leaf) = split(rule.path);
    let elements = leaf == "*";
    if elements {
        leaf = segments.pop().unwrap_or_default();
    }
    let (insts, _) = instances(root, &segments, true);
    for inst in insts {
        let location = join(&inst.location, leaf);
        let mut report = |message: String| {
            found.insert(Finding {
                location: location.clone(),
                message,
            });
        };
        let slot = slot(inst.scope, leaf);
        if let Check::Items { min, max } = rule.check {
            if inst.dynamic {
                continue;
            }
            let (count, blocks) = match slot {
                Slot::Value(RawExpr::Tuple(items)) => (items.len(), false),
                Slot::Value(RawExpr::Object(m)) => (m.len(), false),
                Slot::Blocks(b, false) => (b.len(), true),
                _ => continue,
            };
            if let Some(message) = items(leaf, count as u64, min, max, blocks) {
                report(message);
            }
            continue;
        }
        let Slot::Value(value) = slot else {
            continue;
        };
        let values: Vec<&RawExpr> = match (elements, value) {
            (true, RawExpr::Tuple(items)) => items.iter().collect(),
            (true, RawExpr::Object(m)) => m.iter().map(|(_, v)| v).collect(),
            (true, _) => continue,
            (false, v) => vec![v],
        };
        for v in values {
            if let Some(lit) = Literal::of(v) {
                if let Some(message) = value_check(&rule.check, leaf, &lit) {
                    report(message);
                }
            }
        }
    }
}

/// Whether an argument is set: present with a value that is not null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    Yes,
    No,
    /// An expression (it may be null), an empty collection or `dynamic` blocks.
    Maybe,
}

fn is_set(scope: Scope<'_>, name: &str) -> Set {
    match slot(scope, name) {
        Slot::Absent => Set::No,
        Slot::Value(RawExpr::Null) => Set::No,
        Slot::Value(RawExpr::Tuple(items)) if items.is_empty() => Set::Maybe,
        Slot::Value(RawExpr::Object(m)) if m.is_empty() => Set::Maybe,
        Slot::Value(v) if Literal::of(v).is_some() => Set::Yes,
        Slot::Value(RawExpr::Tuple(_) | RawExpr::Object(_)) => Set::Yes,
        Slot::Value(_) => Set::Maybe,
        Slot::Blocks(b, _) if !b.is_empty() => Set::Yes,
        Slot::Blocks(..) | Slot::Dynamic => Set::Maybe,
    }
}

/// One member of a group, as checked in one instance.
struct Member {
    /// As named in messages: the leaf when in the instance, else the full path.
    name: String,
    set: Set,
}

fn group(
    rule: &GroupRule,
    root: &Body,
    found: &mut BTreeSet<Finding>,
    pairs: &mut BTreeSet<(String, String, String)>,
) {
    let (parent, leaf) = split(rule.path);
    let (insts, _) = instances(root, &parent, false);
    for inst in insts {
        let member = |path: &str| {
            let (p, l) = split(path);
            if p == parent {
                Member {
                    name: l.to_owned(),
                    set: is_set(inst.scope, l),
                }
            } else {
                // Elsewhere in the block: set when set in any instance.
                let (others, uncertain) = instances(root, &p, false);
                let sets: Vec<Set> = others.iter().map(|o| is_set(o.scope, l)).collect();
                let set = if sets.contains(&Set::Yes) {
                    Set::Yes
                } else if uncertain || sets.contains(&Set::Maybe) {
                    Set::Maybe
                } else {
                    Set::No
                };
                Member {
                    name: p.iter().chain([&l]).copied().collect::<Vec<_>>().join("."),
                    set,
                }
            }
        };
        let this = member(rule.path);
        let others: Vec<Member> = rule.others.iter().map(|o| member(o)).collect();
        let location = join(&inst.location, leaf);
        let mut all: Vec<&Member> = std::iter::once(&this).chain(&others).collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all.dedup_by(|a, b| a.name == b.name);
        let names = |ms: &[&Member]| {
            ms.iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let message = match rule.kind {
            GroupKind::ConflictsWith => {
                if this.set != Set::Yes {
                    continue;
                }
                for o in others
                    .iter()
                    .filter(|o| o.set == Set::Yes && o.name != this.name)
                {
                    let (a, b) = if this.name < o.name {
                        (&this.name, &o.name)
                    } else {
                        (&o.name, &this.name)
                    };
                    if pairs.insert((inst.location.clone(), a.clone(), b.clone())) {
                        found.insert(Finding {
                            location: location.clone(),
                            message: format!(
                                "conflicts with {}: set only one of {} and {}",
                                o.name, this.name, o.name
                            ),
                        });
                    }
                }
                continue;
            }
            GroupKind::ExactlyOneOf => {
                let set: Vec<&Member> = all.iter().copied().filter(|m| m.set == Set::Yes).collect();
                let maybe = all.iter().any(|m| m.set == Set::Maybe);
                if set.len() > 1 {
                    format!(
                        "only one of `{}` can be specified, but `{}` were specified",
                        names(&all),
                        names(&set)
                    )
                } else if set.is_empty() && !maybe {
                    format!("one of `{}` must be specified", names(&all))
                } else {
                    continue;
                }
            }
            GroupKind::AtLeastOneOf => {
                if all.iter().any(|m| m.set != Set::No) {
                    continue;
                }
                format!("one of `{}` must be specified", names(&all))
            }
            GroupKind::RequiredWith => {
                if this.set != Set::Yes {
                    continue;
                }
                let missing: Vec<&Member> =
                    all.iter().copied().filter(|m| m.set == Set::No).collect();
                if missing.is_empty() {
                    continue;
                }
                format!(
                    "all of `{}` must be specified; missing: {}",
                    names(&all),
                    names(&missing)
                )
            }
        };
        // A group declared on each of its members is reported once, at the first by name.
        let first = all.first().map_or(leaf, |m| m.name.as_str());
        let location = if matches!(rule.kind, GroupKind::RequiredWith) || first.contains('.') {
            location
        } else {
            join(&inst.location, first)
        };
        found.insert(Finding { location, message });
    }
}

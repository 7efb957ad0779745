//! Cross-stack references: a handle or expression of one stack used in another becomes, at
//! synth, an output of the first and a `terraform_remote_state` read in the second.
//!
//! [`link`] takes the stacks of an app, each with the names of the stacks whose handles it
//! took. A reference in stack B to an address B does not declare is looked up in those stacks,
//! in that order; the traversal around it (`aws_vpc.main.id`, `aws_subnet.a[0].id`,
//! `aws_subnet.a[*].id`, `module.x.out`) is exported once, as an output of the other stack,
//! and replaced in B by `data.terraform_remote_state.<stack>.outputs.<output>`, wherever it
//! stands (lists, maps, templates, function calls). What B computes from it stays in B, so
//! editing B never changes the other stack's outputs. The typed view of the expression
//! does not change (`Expr<String>` stays `Expr<String>`): only the tree under it does.
//!
//! - An instance picked by a key only B knows (`aws_subnet.a[count.index].id`) exports the
//!   map `{for k, v in aws_subnet.a : k => v.id}`, which B indexes with its own key (a list's
//!   indexes become the map's keys, and Terraform converts a number index to the key).
//! - An output of the other stack with the same value is read instead of adding one.
//! - An output made for a sensitive value ([`Stack::is_sensitive`]: a sensitive variable, a
//!   `sensitive(...)` call, a local that is) is sensitive.
//! - A `depends_on` on a block of another stack is dropped with a note: the deploy order
//!   already applies that stack first.
//! - Stacks that do not reference each other do not depend on each other; a cycle is an error
//!   that names the references forming it.

use std::collections::HashSet;

use crate::block::RawData;
use crate::config::variable::Output;
use crate::expr::{ForExpr, RawExpr, RefRoot};
use crate::stack::{Declare, Stack};

/// One stack of an app, for [`link`].
#[derive(Debug)]
pub struct LinkStack<'a> {
    /// Its name in the app: the directory it is written to, next to the others'.
    pub name: &'a str,
    /// The stack.
    pub stack: &'a mut Stack,
    /// The stacks whose handles its builder took, in the order it took them.
    pub uses: Vec<String>,
}

/// One reference from a stack into another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    /// The stack that reads.
    pub from: String,
    /// The stack that is read.
    pub to: String,
    /// The first address of the other stack in the exported value (`aws_vpc.main`).
    pub address: String,
    /// The output of `to` that carries it (`None` for a dropped `depends_on`).
    pub output: Option<String>,
}

impl std::fmt::Display for CrossRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.output {
            Some(o) => write!(
                f,
                "{} reads {} of {} (output {o})",
                self.from, self.address, self.to
            ),
            None => write!(
                f,
                "{} depends_on {} of {}",
                self.from, self.address, self.to
            ),
        }
    }
}

/// What [`link`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linked {
    /// Every stack, dependencies first (ties in the order given).
    pub order: Vec<String>,
    /// Every reference between stacks.
    pub refs: Vec<CrossRef>,
    /// Things worth telling (dropped `depends_on`s), each naming its stack.
    pub notes: Vec<String>,
}

impl Linked {
    /// The stacks `name` reads from, in deploy order.
    pub fn dependencies(&self, name: &str) -> Vec<&str> {
        self.order
            .iter()
            .filter(|s| self.refs.iter().any(|r| r.from == name && &r.to == *s))
            .map(String::as_str)
            .collect()
    }
}

/// An address as a key: what it names, hashed from its parts without formatting it (a
/// stack's whole address set is built on every link). Two different addresses of one app
/// colliding in 64 bits is not a practical concern (about 1 in 10^9 for 100,000 addresses).
type Key = u64;

fn key(kind: u8, type_name: &str, name: &str) -> Key {
    use std::hash::Hasher;
    // The lengths keep `ab` + `c` apart from `a` + `bc`.
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(kind);
    h.write_usize(type_name.len());
    h.write(type_name.as_bytes());
    h.write_usize(name.len());
    h.write(name.as_bytes());
    h.finish()
}

/// A set of keys, which are hashes already.
type KeySet = HashSet<Key, std::hash::BuildHasherDefault<KeyHasher>>;

/// The hasher of [`KeySet`]: a key is its own hash.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The key of what a reference root names, when it names a declaration.
fn root_key(root: &RefRoot) -> Option<Key> {
    Some(match root {
        RefRoot::Resource { type_name, name } => key(0, type_name, name),
        RefRoot::Data { type_name, name } => key(1, type_name, name),
        RefRoot::Ephemeral { type_name, name } => key(2, type_name, name),
        RefRoot::Var(n) => key(3, "", n),
        RefRoot::Local(n) => key(4, "", n),
        RefRoot::Module(n) => key(5, "", n),
        _ => return None,
    })
}

/// The key of an address as `depends_on` writes it (`aws_vpc.main`, `data.x.y`,
/// `module.x`).
fn address_key(address: &str) -> Option<Key> {
    let parts: Vec<&str> = address.split('.').collect();
    Some(match parts.as_slice() {
        ["data", t, n] => key(1, t, n),
        ["ephemeral", t, n] => key(2, t, n),
        ["var", n] => key(3, "", n),
        ["local", n] => key(4, "", n),
        ["module", n] => key(5, "", n),
        [t, n] => key(0, t, n),
        _ => return None,
    })
}

/// The keys of what a stack declares.
fn addresses(stack: &Stack) -> KeySet {
    let mut set = KeySet::default();
    for (kind, blocks) in [
        (0, &stack.resources),
        (1, &stack.data),
        (2, &stack.ephemeral),
    ] {
        for (t, by_name) in blocks {
            set.extend(by_name.keys().map(|n| key(kind, t, n)));
        }
    }
    set.extend(stack.variables.keys().map(|n| key(3, "", n)));
    set.extend(stack.locals.keys().map(|n| key(4, "", n)));
    set.extend(stack.modules.keys().map(|n| key(5, "", n)));
    set
}

/// What a subtree reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// Nothing outside itself (literals).
    Nothing,
    /// Only the stack with this index (and literals).
    Stack(usize),
    /// Something of the stack itself, or of two stacks, or what cannot be moved.
    Local,
}

impl Reads {
    fn and(self, other: Reads) -> Reads {
        match (self, other) {
            (Reads::Local, _) | (_, Reads::Local) => Reads::Local,
            (Reads::Nothing, x) | (x, Reads::Nothing) => x,
            (Reads::Stack(a), Reads::Stack(b)) if a == b => Reads::Stack(a),
            _ => Reads::Local,
        }
    }
}

struct Ctx<'a> {
    own: &'a KeySet,
    /// (index into the app's stacks, its addresses) of the stacks this one uses.
    deps: &'a [(usize, &'a KeySet)],
}

impl Ctx<'_> {
    /// Whether `e` refers to anything of a used stack (most expressions do not: one walk).
    fn any_foreign(&self, e: &RawExpr) -> bool {
        let mut found = false;
        e.walk(&mut |n| {
            if found {
                return;
            }
            if let RawExpr::Ref(root) = n {
                if let Some(k) = root_key(root) {
                    found = !self.own.contains(&k) && self.deps.iter().any(|(_, s)| s.contains(&k));
                }
            }
        });
        found
    }

    fn reads(&self, e: &RawExpr, bound: &mut Vec<String>) -> Reads {
        match e {
            RawExpr::Ref(root) => match root {
                RefRoot::Symbol(s) if bound.contains(s) => Reads::Nothing,
                _ => match root_key(root) {
                    Some(k) if !self.own.contains(&k) => self
                        .deps
                        .iter()
                        .find(|(_, set)| set.contains(&k))
                        .map_or(Reads::Local, |(i, _)| Reads::Stack(*i)),
                    _ => Reads::Local,
                },
            },
            RawExpr::Raw(_) | RawExpr::Invalid(_) => Reads::Local,
            RawExpr::For(f) => {
                let mut r = self.reads(&f.collection, bound);
                let n = bound.len();
                bound.extend(f.key_var.iter().cloned());
                bound.push(f.value_var.clone());
                for part in [f.key.as_ref(), Some(&f.value), f.cond.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    r = r.and(self.reads(part, bound));
                }
                bound.truncate(n);
                r
            }
            _ => {
                let mut r = Reads::Nothing;
                e.for_each_child(|c| {
                    if r != Reads::Local {
                        r = r.and(self.reads(c, bound));
                    }
                });
                r
            }
        }
    }
}

/// `X[k].a.b` where `X` reads only a used stack and `k` does not: (X, k, [a, b]).
fn keyed_traversal<'e>(
    e: &'e RawExpr,
    ctx: &Ctx<'_>,
) -> Option<(&'e RawExpr, &'e RawExpr, Vec<&'e RawExpr>, usize)> {
    let mut steps = Vec::new();
    let mut node = e;
    loop {
        match node {
            RawExpr::Attr(inner, _) => {
                steps.push(node);
                node = inner;
            }
            RawExpr::Index(base, key) => {
                if let Reads::Stack(i) = ctx.reads(base, &mut Vec::new()) {
                    if ctx.reads(key, &mut Vec::new()) == Reads::Local {
                        steps.reverse();
                        return Some((base, key, steps, i));
                    }
                }
                if !key.is_literal() {
                    return None;
                }
                steps.push(node);
                node = base;
            }
            _ => return None,
        }
    }
}

/// `v` with the traversal steps applied (each step is an `Attr` or a literal `Index` node).
fn apply_steps(mut v: RawExpr, steps: &[&RawExpr]) -> RawExpr {
    for s in steps {
        v = match s {
            RawExpr::Attr(_, name) => RawExpr::Attr(Box::new(v), name.clone()),
            RawExpr::Index(_, key) => RawExpr::Index(Box::new(v), key.clone()),
            _ => v,
        };
    }
    v
}

/// What one stack exports to the others: (value, output name), in order.
#[derive(Default)]
struct Exports {
    values: Vec<(RawExpr, String)>,
}

struct Rewriter<'a> {
    ctx: Ctx<'a>,
    /// Per app stack: what it must export.
    exports: &'a mut [Exports],
    /// Per app stack: its existing outputs (name, value).
    existing: &'a [Vec<(String, RawExpr)>],
    /// Per app stack: output names taken.
    taken: &'a mut [HashSet<String>],
    /// (stack index, output name, first address) of each replacement.
    used: Vec<(usize, String, String)>,
    /// The remote state data source's name per app stack.
    remote_names: &'a [String],
}

impl Rewriter<'_> {
    fn export(&mut self, i: usize, value: RawExpr) -> RawExpr {
        let address = first_address(&value).unwrap_or_default();
        let name = if let Some((_, n)) = self.exports[i].values.iter().find(|(v, _)| *v == value) {
            n.clone()
        } else if let Some((n, _)) = self.existing[i].iter().find(|(_, v)| *v == value) {
            n.clone()
        } else {
            let base = output_name(&value);
            let mut name = base.clone();
            let mut k = 2;
            while self.taken[i].contains(&name) {
                name = format!("{base}_{k}");
                k += 1;
            }
            self.taken[i].insert(name.clone());
            self.exports[i].values.push((value, name.clone()));
            name
        };
        self.used.push((i, name.clone(), address));
        RawExpr::Ref(RefRoot::Data {
            type_name: "terraform_remote_state".into(),
            name: self.remote_names[i].as_str().into(),
        })
        .attr("outputs")
        .attr(name)
    }

    fn rewrite(&mut self, e: &mut RawExpr) {
        if !self.ctx.any_foreign(e) {
            return;
        }
        self.rewrite_foreign(e);
    }

    fn rewrite_foreign(&mut self, e: &mut RawExpr) {
        match self.ctx.reads(e, &mut Vec::new()) {
            Reads::Stack(i) if is_traversal(e) => {
                let value = std::mem::replace(e, RawExpr::Null);
                *e = self.export(i, value);
                return;
            }
            Reads::Nothing => return,
            Reads::Stack(_) | Reads::Local => {}
        }
        if let Some((base, key, steps, i)) = keyed_traversal(e, &self.ctx) {
            let value = RawExpr::For(Box::new(ForExpr {
                key_var: Some("k".into()),
                value_var: "v".into(),
                collection: base.clone(),
                key: Some(RawExpr::Ref(RefRoot::Symbol("k".into()))),
                value: apply_steps(RawExpr::Ref(RefRoot::Symbol("v".into())), &steps),
                grouping: false,
                cond: None,
            }));
            let mut key = key.clone();
            self.rewrite(&mut key);
            let read = self.export(i, value);
            *e = read.index(key);
            return;
        }
        e.for_each_child_mut(|c| self.rewrite(c));
    }
}

/// A traversal: a reference followed by attributes, literal indexes and splats
/// (`aws_vpc.main.id`, `aws_subnet.a[0].id`, `aws_subnet.a[*].id`). Only traversals are
/// exported, so what a stack computes from another's values stays in it, and changing that
/// computation never changes the other stack's outputs.
fn is_traversal(e: &RawExpr) -> bool {
    match e {
        RawExpr::Ref(_) => true,
        RawExpr::Attr(inner, _) | RawExpr::Splat(inner) | RawExpr::Group(inner) => {
            is_traversal(inner)
        }
        RawExpr::Index(inner, key) => key.is_literal() && is_traversal(inner),
        _ => false,
    }
}

/// The first address in `e` (`aws_vpc.main`).
fn first_address(e: &RawExpr) -> Option<String> {
    let mut found = None;
    e.walk(&mut |n| {
        if found.is_none() {
            if let RawExpr::Ref(r) = n {
                found = r.address();
            }
        }
    });
    found
}

/// A readable output name for an exported value: its traversal (`aws_vpc.main.id` ->
/// `aws_vpc_main_id`), or its first address followed by `_value`.
fn output_name(e: &RawExpr) -> String {
    fn traversal(e: &RawExpr, out: &mut Vec<String>) -> bool {
        match e {
            RawExpr::Ref(r) => match r.address() {
                Some(a) => {
                    out.push(a);
                    true
                }
                None => false,
            },
            RawExpr::Attr(inner, n) => {
                let ok = traversal(inner, out);
                out.push(n.to_string());
                ok
            }
            RawExpr::Index(inner, k) => {
                let ok = traversal(inner, out);
                match &**k {
                    RawExpr::Number(n) => out.push(n.to_string()),
                    RawExpr::String(s) => out.push(s.clone()),
                    _ => return false,
                }
                ok
            }
            RawExpr::Splat(inner) | RawExpr::Group(inner) => traversal(inner, out),
            _ => false,
        }
    }
    // The outermost traversal found first (parents before children).
    let first_traversal = |e: &RawExpr| {
        let mut found: Option<String> = None;
        e.walk(&mut |n| {
            if found.is_none() {
                let mut p = Vec::new();
                if traversal(n, &mut p) {
                    found = Some(p.join("_"));
                }
            }
        });
        found.unwrap_or_default()
    };
    let mut parts = Vec::new();
    let raw = if traversal(e, &mut parts) {
        parts.join("_")
    } else if let RawExpr::For(f) = e {
        let mut p = Vec::new();
        if traversal(&f.collection, &mut p) {
            let mut v = Vec::new();
            traversal_steps(&f.value, &mut v);
            format!("{}_{}_by_key", p.join("_"), v.join("_"))
        } else {
            format!("{}_value", first_traversal(e))
        }
    } else {
        format!("{}_value", first_traversal(e))
    };
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    let mut name = name.trim_matches('_').to_owned();
    name.truncate(64);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "out_");
    }
    name
}

fn traversal_steps(e: &RawExpr, out: &mut Vec<String>) {
    match e {
        RawExpr::Attr(inner, n) => {
            traversal_steps(inner, out);
            out.push(n.to_string());
        }
        RawExpr::Index(inner, _) => traversal_steps(inner, out),
        _ => {}
    }
}

/// The `terraform_remote_state` arguments that read `stack`'s state, written in the
/// directory `name` next to the reader's.
fn remote_state(name: &str, stack: &Stack) -> Result<RawData, String> {
    if stack.settings.cloud.is_some() {
        return Err(format!(
            "stack {name} keeps its state in HCP Terraform (a `cloud` block), which \
             terraform_remote_state does not read without a workspace-specific backend: give \
             stack {name} a backend instead (Backend::s3 or Backend::new(\"remote\"))"
        ));
    }
    let data = RawData::new("terraform_remote_state");
    let Some(backend) = &stack.settings.backend else {
        return Ok(data.attr("backend", "local").attr(
            "config",
            RawExpr::Object(
                [(
                    "path".to_owned(),
                    RawExpr::String(format!("../{name}/terraform.tfstate")),
                )]
                .into_iter()
                .collect(),
            ),
        ));
    };
    let mut config = backend.body().to_object();
    if !config.is_literal() {
        return Err(format!(
            "stack {name}'s {} backend has a setting that is not a literal value, which \
             terraform_remote_state cannot be given: write its settings as literals",
            backend.backend_type()
        ));
    }
    if backend.backend_type() == "local" {
        if let RawExpr::Object(map) = &mut config {
            let path = match map.get("path") {
                Some(RawExpr::String(p)) if p.starts_with('/') => p.clone(),
                Some(RawExpr::String(p)) => format!("../{name}/{p}"),
                _ => format!("../{name}/terraform.tfstate"),
            };
            map.insert("path".to_owned(), RawExpr::String(path));
        }
    }
    Ok(data
        .attr("backend", backend.backend_type())
        .attr("config", config))
}

/// Resolves the references between `stacks` (see the module documentation) and returns the
/// deploy order.
///
/// # Errors
/// Every problem found, each naming the stacks and references: a used stack that is not in
/// the app, a backend `terraform_remote_state` cannot read, a cycle between stacks. The stacks
/// may be partly rewritten then; do not synthesize them.
pub fn link(stacks: &mut [LinkStack<'_>]) -> Result<Linked, Vec<String>> {
    let names: Vec<String> = stacks.iter().map(|s| s.name.to_owned()).collect();
    let all: Vec<KeySet> = stacks.iter().map(|s| addresses(s.stack)).collect();
    let existing: Vec<Vec<(String, RawExpr)>> = stacks
        .iter()
        .map(|s| {
            s.stack
                .outputs
                .iter()
                .map(|(n, item)| (n.clone(), item.value.value.clone()))
                .collect()
        })
        .collect();
    let mut taken: Vec<HashSet<String>> = existing
        .iter()
        .map(|o| o.iter().map(|(n, _)| n.clone()).collect())
        .collect();
    let remote_names: Vec<String> = names
        .iter()
        .map(|n| n.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
        .collect();
    let mut exports: Vec<Exports> = names.iter().map(|_| Exports::default()).collect();
    let mut errors = Vec::new();
    let mut linked = Linked::default();
    let mut reads: Vec<Vec<(usize, String, String)>> = vec![Vec::new(); stacks.len()];

    for (b, entry) in stacks.iter_mut().enumerate() {
        let mut deps = Vec::new();
        for u in &entry.uses {
            match names.iter().position(|n| n == u) {
                Some(i) if i != b => deps.push((i, &all[i])),
                Some(_) => {}
                None => errors.push(format!(
                    "stack {} uses stack {u}, which is not in the app: add it with \
                     App::stack(\"{u}\", ...) or use one of {}",
                    entry.name,
                    names.join(", ")
                )),
            }
        }
        if deps.is_empty() {
            continue;
        }
        let mut rw = Rewriter {
            ctx: Ctx {
                own: &all[b],
                deps: &deps,
            },
            exports: &mut exports,
            existing: &existing,
            taken: &mut taken,
            used: Vec::new(),
            remote_names: &remote_names,
        };
        for_each_expr_mut(entry.stack, &mut |e| rw.rewrite(e));
        reads[b] = std::mem::take(&mut rw.used);
        // depends_on a block of a used stack: the deploy order applies it first.
        let mut dropped = Vec::new();
        for_each_depends_on_mut(entry.stack, &mut |deps_on: &mut Vec<String>| {
            deps_on.retain(|a| {
                let Some(k) = address_key(a) else {
                    return true;
                };
                if all[b].contains(&k) {
                    return true;
                }
                match deps.iter().find(|(_, set)| set.contains(&k)) {
                    Some((i, _)) => {
                        dropped.push((*i, a.clone()));
                        false
                    }
                    None => true,
                }
            });
        });
        for (i, a) in dropped {
            linked.notes.push(format!(
                "stack {}: depends_on {a} dropped: {a} is in stack {}, which is deployed \
                 first",
                entry.name, names[i]
            ));
            linked.refs.push(CrossRef {
                from: entry.name.to_owned(),
                to: names[i].clone(),
                address: a,
                output: None,
            });
        }
    }

    // Outputs in the stacks that are read, remote state reads in the readers.
    for (i, ex) in exports.iter_mut().enumerate() {
        for (value, name) in std::mem::take(&mut ex.values) {
            let sens = stacks[i].stack.is_sensitive(&value);
            let mut out = Output::new(value).description(
                "Read by other stacks of the app through terraform_remote_state (made by \
                 tfsynth from a cross-stack reference).",
            );
            if sens {
                out = out.sensitive(true);
            }
            stacks[i].stack.output(&name, out);
        }
    }
    for (b, used) in reads.iter().enumerate() {
        let mut read_from: Vec<usize> = Vec::new();
        for (i, output, address) in used {
            if !read_from.contains(i) {
                read_from.push(*i);
            }
            let r = CrossRef {
                from: names[b].clone(),
                to: names[*i].clone(),
                address: address.clone(),
                output: Some(output.clone()),
            };
            if !linked.refs.contains(&r) {
                linked.refs.push(r);
            }
        }
        for i in read_from {
            match remote_state(&names[i], stacks[i].stack) {
                Ok(data) => {
                    stacks[b].stack.data(&remote_names[i], data);
                }
                Err(e) => errors.push(format!("stack {} reads stack {}: {e}", names[b], names[i])),
            }
        }
    }

    match order(&names, &linked.refs) {
        Ok(o) => linked.order = o,
        Err(e) => errors.push(e),
    }
    if errors.is_empty() {
        Ok(linked)
    } else {
        Err(errors)
    }
}

/// Dependencies first, ties in the given order; a cycle is an error naming its references.
fn order(names: &[String], refs: &[CrossRef]) -> Result<Vec<String>, String> {
    let mut done: Vec<String> = Vec::new();
    while done.len() < names.len() {
        let next = names.iter().find(|n| {
            !done.contains(n)
                && refs
                    .iter()
                    .filter(|r| &r.from == *n && r.to != r.from)
                    .all(|r| done.contains(&r.to))
        });
        match next {
            Some(n) => done.push(n.clone()),
            None => {
                // Every stack left waits for another one left: find one cycle.
                let left: Vec<&String> = names.iter().filter(|n| !done.contains(n)).collect();
                let mut path: Vec<&str> = vec![left[0].as_str()];
                while let Some(cur) = path.last().copied() {
                    let Some(r) = refs
                        .iter()
                        .find(|r| r.from == cur && left.iter().any(|l| **l == r.to))
                    else {
                        break;
                    };
                    if let Some(start) = path.iter().position(|p| *p == r.to) {
                        let cycle = &path[start..];
                        let links: Vec<String> = cycle
                            .iter()
                            .enumerate()
                            .filter_map(|(k, from)| {
                                let to = cycle[(k + 1) % cycle.len()];
                                refs.iter()
                                    .find(|r| r.from == *from && r.to == to)
                                    .map(ToString::to_string)
                            })
                            .collect();
                        return Err(format!(
                            "the stacks {} form a cycle: {}; Terraform applies one stack \
                             after the other, so move what both need into one of them (or a \
                             third stack both read)",
                            cycle.join(" -> "),
                            links.join("; ")
                        ));
                    }
                    path.push(r.to.as_str());
                }
                return Err(format!(
                    "the stacks {} depend on each other in a cycle",
                    left.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Ok(done)
}

/// Calls `f` on every expression site of every declaration, mutably.
fn for_each_expr_mut(stack: &mut Stack, f: &mut dyn FnMut(&mut RawExpr)) {
    fn conditions(cs: &mut [crate::block::Condition], f: &mut dyn FnMut(&mut RawExpr)) {
        for c in cs {
            f(&mut c.condition);
            f(&mut c.error_message);
        }
    }
    fn meta(m: &mut crate::block::Meta, f: &mut dyn FnMut(&mut RawExpr)) {
        if let crate::block::Repetition::Count(e) | crate::block::Repetition::ForEach(e) =
            &mut m.repetition
        {
            f(e);
        }
        for r in &mut m.lifecycle.replace_triggered_by {
            f(r);
        }
        conditions(&mut m.lifecycle.precondition, f);
        conditions(&mut m.lifecycle.postcondition, f);
    }
    for configs in stack.providers.values_mut() {
        for item in configs {
            item.value.body.walk_exprs_mut(f);
        }
    }
    for item in stack.variables.values_mut() {
        conditions(&mut item.value.validations, f);
    }
    for item in stack.locals.values_mut() {
        f(&mut item.value);
    }
    for by_name in stack
        .data
        .values_mut()
        .chain(stack.resources.values_mut())
        .chain(stack.ephemeral.values_mut())
    {
        for item in by_name.values_mut() {
            item.value.body.walk_exprs_mut(f);
            if let Some(m) = item.value.meta_mut() {
                meta(m, f);
            }
        }
    }
    for item in stack.modules.values_mut() {
        let m = &mut item.value;
        if let crate::block::Repetition::Count(e) | crate::block::Repetition::ForEach(e) =
            &mut m.repetition
        {
            f(e);
        }
        for v in m.inputs.values_mut() {
            f(v);
        }
    }
    for item in stack.outputs.values_mut() {
        f(&mut item.value.value);
        conditions(&mut item.value.preconditions, f);
    }
    for item in &mut stack.imports {
        f(&mut item.value.id);
        if let Some((c, k)) = &mut item.value.for_each {
            f(c);
            f(k);
        }
    }
    for item in stack.checks.values_mut() {
        if let Some((_, _, body)) = &mut item.value.data {
            body.walk_exprs_mut(f);
        }
        conditions(&mut item.value.asserts, f);
    }
}

/// Calls `f` on every `depends_on` list (resources, data sources, modules, outputs).
fn for_each_depends_on_mut(stack: &mut Stack, f: &mut dyn FnMut(&mut Vec<String>)) {
    for by_name in stack
        .data
        .values_mut()
        .chain(stack.resources.values_mut())
        .chain(stack.ephemeral.values_mut())
    {
        for item in by_name.values_mut() {
            if let Some(m) = item.value.meta_mut() {
                f(&mut m.depends_on);
            }
        }
    }
    for item in stack.modules.values_mut() {
        f(&mut item.value.depends_on);
    }
    for item in stack.outputs.values_mut() {
        f(&mut item.value.depends_on);
    }
}

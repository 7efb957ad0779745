//! Whole-stack checks: references resolve, `count.index`/`each`/`self` are used where they
//! mean something, providers exist, defaults are literals, and nothing depends on itself.

pub(crate) mod depth;
mod formats;
mod pattern;
mod provider;
mod provider_checks;
mod rules;
mod sensitive;
pub(crate) mod warnings;

use std::collections::{HashMap, HashSet};

use crate::block::{IgnoreChanges, Meta, Repetition};
use crate::body::{Body, Entry};
use crate::config::module::{Check, Import, Module};
use crate::decl::{self, Decl, Kind};
use crate::error::Error;
use crate::expr::render::is_identifier;
use crate::expr::{RawExpr, RefRoot, TemplatePart};
use crate::provider_rules::TypeRules;
use crate::stack::Stack;

/// What is being checked: a block's address, path and repetition.
struct Site<'a> {
    address: String,
    path: &'a str,
    repetition: Option<&'a Repetition>,
}

/// Something a reference can name, borrowed from the stack (no allocation per reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Resource(&'a str, &'a str),
    Data(&'a str, &'a str),
    Ephemeral(&'a str, &'a str),
    Var(&'a str),
    Local(&'a str),
    /// A module call as a whole (`module.a`, `depends_on = [module.a]`): Terraform's
    /// `module.a (close)`, after every input and output of the call.
    Module(&'a str),
    /// A module call's expansion: its `count`, `for_each` and `depends_on`. Everything in the
    /// module, so every output, comes after it.
    ModuleExpand(&'a str),
    /// One input variable of a module call (`module.a.var.x`).
    ModuleInput(&'a str, &'a str),
    /// One output of a module call (`module.a.output.y`). What it depends on inside the
    /// module is unknown here; it comes after the call's expansion.
    ModuleOutput(&'a str, &'a str),
}

impl<'a> Key<'a> {
    fn of(root: &'a RefRoot) -> Option<Self> {
        Some(match root {
            RefRoot::Resource { type_name, name } => Self::Resource(type_name, name),
            RefRoot::Data { type_name, name } => Self::Data(type_name, name),
            RefRoot::Ephemeral { type_name, name } => Self::Ephemeral(type_name, name),
            RefRoot::Var(n) => Self::Var(n),
            RefRoot::Local(n) => Self::Local(n),
            RefRoot::Module(n) => Self::Module(n),
            _ => return None,
        })
    }

    /// The key that references to `d` use, for the kinds references can name.
    fn declared(d: &Decl<'a>) -> Option<Self> {
        Some(match *d {
            Decl::Variable { name, .. } => Self::Var(name),
            Decl::Local { name, .. } => Self::Local(name),
            Decl::Data { ty, name, .. } => Self::Data(ty, name),
            Decl::Ephemeral { ty, name, .. } => Self::Ephemeral(ty, name),
            Decl::Resource { ty, name, .. } => Self::Resource(ty, name),
            Decl::Module { name, .. } => Self::Module(name),
            Decl::Provider { .. }
            | Decl::Output { .. }
            | Decl::Moved(_)
            | Decl::Import(_)
            | Decl::Removed(_)
            | Decl::Check { .. } => return None,
        })
    }

    /// Parses a `depends_on` address (`aws_vpc.a`, `data.aws_ami.x`, `module.m`).
    fn parse(address: &'a str) -> Option<Self> {
        let mut parts = address.split('.');
        let first = parts.next()?;
        let key = match first {
            "data" => Self::Data(parts.next()?, parts.next()?),
            "ephemeral" => Self::Ephemeral(parts.next()?, parts.next()?),
            "module" => Self::Module(parts.next()?),
            "var" => Self::Var(parts.next()?),
            "local" => Self::Local(parts.next()?),
            ty => Self::Resource(ty, parts.next()?),
        };
        parts.next().is_none().then_some(key)
    }

    fn address(self) -> String {
        match self {
            Self::Resource(t, n) => format!("{t}.{n}"),
            Self::Data(t, n) => format!("data.{t}.{n}"),
            Self::Ephemeral(t, n) => format!("ephemeral.{t}.{n}"),
            Self::Var(n) => format!("var.{n}"),
            Self::Local(n) => format!("local.{n}"),
            Self::Module(n) => format!("module.{n}"),
            Self::ModuleExpand(n) => format!("module.{n} (expand)"),
            Self::ModuleInput(n, x) => format!("module.{n}.var.{x}"),
            Self::ModuleOutput(n, y) => format!("module.{n}.output.{y}"),
        }
    }
}

/// The keys are short borrowed names, looked up hundreds of thousands of times per synth,
/// never chosen by an adversary: the Fx hash (rustc's) suits them.
type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A declared thing: its node in the dependency graph, and whether it has instances.
#[derive(Debug, Clone, Copy)]
struct Declared {
    node: usize,
    repeated: bool,
}

struct Checker<'a> {
    declared: FastMap<Key<'a>, Declared>,
    /// The graph nodes of module call parts (expansion, inputs, outputs), made as met.
    module_parts: FastMap<Key<'a>, usize>,
    /// Graph nodes, by index: the key and the nodes it references.
    nodes: Vec<(Key<'a>, Vec<usize>)>,
    /// The outputs of module calls that declare them ([`crate::Module::outputs`]).
    module_outputs: FastMap<&'a str, &'a [String]>,
    /// The stack checked, for the checks that need its settings.
    stack: Option<&'a Stack>,
    /// Which values are sensitive, made at the first output that is not marked sensitive.
    sensitivity: Option<sensitive::Sensitivity<'a>>,
    errors: Vec<Error>,
    /// What the provider's rules refuse, reported after the other errors, sorted.
    provider_findings: Vec<Error>,
}

impl<'a> Checker<'a> {
    fn declare(&mut self, key: Key<'a>, repeated: bool) {
        let node = self.nodes.len();
        self.nodes.push((key, Vec::new()));
        self.declared.insert(key, Declared { node, repeated });
    }

    /// Reports a `moved`/`removed` `from` address that is still declared.
    fn still_declared(&mut self, from: &str, used_in: &str) {
        if Key::parse(from).is_some_and(|k| self.declared.contains_key(&k)) {
            self.errors.push(Error::StillDeclared {
                address: from.to_owned(),
                used_in: used_in.to_owned(),
            });
        }
    }

    fn set_edges(&mut self, key: Key<'a>, refs: Vec<usize>) {
        if let Some(d) = self.declared.get(&key) {
            self.nodes[d.node].1 = refs;
        }
    }

    /// The node of a part of module call `module` (its expansion, an input or an output),
    /// made on first use; every part but the expansion comes after the expansion.
    fn module_part(&mut self, key: Key<'a>, module: &'a str) -> usize {
        if let Some(&n) = self.module_parts.get(&key) {
            return n;
        }
        let node = self.nodes.len();
        self.nodes.push((key, Vec::new()));
        self.module_parts.insert(key, node);
        if !matches!(key, Key::ModuleExpand(_)) {
            let expand = self.module_part(Key::ModuleExpand(module), module);
            self.nodes[node].1.push(expand);
        }
        node
    }
}

pub(crate) fn validate<'a>(stack: &'a Stack) -> Vec<Error> {
    let mut c: Checker<'a> = Checker {
        declared: FastMap::with_capacity_and_hasher(
            stack.counts().0
                + stack.counts().1
                + stack.ephemeral.len()
                + stack.variables.len()
                + stack.locals.len()
                + stack.modules.len(),
            rustc_hash::FxBuildHasher,
        ),
        module_parts: FastMap::default(),
        nodes: Vec::new(),
        stack: Some(stack),
        sensitivity: None,
        module_outputs: stack
            .modules
            .iter()
            .filter_map(|(n, m)| Some((n.as_str(), m.value.outputs.as_deref()?)))
            .collect(),
        errors: stack.errors.clone(),
        provider_findings: Vec::new(),
    };
    // Declaration order is the order cycles are searched and reported in.
    stack.decls_in(&Kind::CHECK_ORDER, |d| {
        if let Some(key) = Key::declared(&d) {
            let repeated = d.repetition().is_some_and(|r| *r != Repetition::Single);
            c.declare(key, repeated);
        }
    });
    c.settings(stack);
    stack.decls_in(&Kind::CHECK_ORDER, |d| c.decl(stack, d));
    for (address, path) in &stack.forwards {
        c.errors.push(Error::UnfilledForward {
            address: address.clone(),
            path: path.clone(),
        });
    }
    let cycles = find_cycles(&c.nodes);
    c.errors
        .extend(cycles.into_iter().map(|cycle| Error::Cycle { cycle }));
    c.provider_findings
        .sort_by(|a, b| provider_key(a).cmp(&provider_key(b)));
    c.errors.append(&mut c.provider_findings);
    c.errors
}

/// How provider rule findings are ordered: by block address, argument, then message.
fn provider_key(e: &Error) -> (&str, &str, &str) {
    match e {
        Error::ProviderRule {
            address,
            argument,
            message,
            ..
        } => (address, argument, message),
        _ => ("", "", ""),
    }
}

impl<'a> Checker<'a> {
    /// Checks one declaration: names, rules of its kind, and every expression site.
    fn decl(&mut self, stack: &'a Stack, d: Decl<'a>) {
        let site = Site {
            address: d.used_in(),
            path: d.path(),
            repetition: d.repetition(),
        };
        match d {
            Decl::Provider { item, .. } => {
                if item.value.body.get_attr("alias").is_some() {
                    self.errors.push(Error::MetaArgumentName {
                        kind: "attribute",
                        name: "alias".to_owned(),
                        used_in: site.address.clone(),
                        path: site.path.to_owned(),
                        fix: "set it with RawProvider::alias (or the binding's alias setter)",
                    });
                }
                // No cycles through providers.
                self.sites(&site, &d, &mut Vec::new());
            }
            Decl::Variable { name, item } => {
                if rules::RESERVED_VARIABLES.contains(&name) {
                    self.errors.push(Error::ReservedName {
                        kind: "variable",
                        name: name.to_owned(),
                        path: item.path.clone(),
                    });
                }
                for v in &item.value.validations {
                    if !rules::refers_to_var(&v.condition, name) {
                        self.errors.push(Error::ConditionWithoutReference {
                            kind: "validation",
                            used_in: site.address.clone(),
                            path: item.path.clone(),
                            must_refer_to: site.address.clone(),
                        });
                    }
                }
                if let Some(default) = &item.value.default {
                    if !default.is_literal() {
                        self.errors.push(Error::NonLiteralDefault {
                            variable: name.to_owned(),
                            path: item.path.clone(),
                        });
                    }
                }
                self.sites(&site, &d, &mut Vec::new());
            }
            Decl::Local { name, .. } => {
                let mut refs = Vec::new();
                self.sites(&site, &d, &mut refs);
                self.set_edges(Key::Local(name), refs);
            }
            Decl::Data { ty, item, .. }
            | Decl::Resource { ty, item, .. }
            | Decl::Ephemeral { ty, item, .. } => {
                let kind = match d {
                    Decl::Data { .. } => "data source type",
                    Decl::Ephemeral { .. } => "ephemeral resource type",
                    _ => "resource type",
                };
                let body = &item.value.body;
                let meta = item.value.meta();
                self.ident(&site, kind, ty);
                self.meta_names(&site, body, meta, !matches!(d, Decl::Resource { .. }));
                if let Decl::Ephemeral { .. } = d {
                    self.feature(stack, "ephemeral resources", (1, 10), &site);
                }
                if let Some(rules) = item.value.rules {
                    self.provider_rules(&site, rules, body);
                }
                let refs = self.block(&site, ty, body, meta, stack);
                if let Some(key) = Key::declared(&d) {
                    self.set_edges(key, refs);
                }
            }
            Decl::Module { name, item } => self.module(stack, &site, name, &item.value),
            Decl::Output { item, .. } => {
                let o = &item.value;
                let mut refs = Vec::new();
                self.expr(&site, &o.value, &mut refs, false);
                if o.sensitive != Some(true) {
                    let sensitivity = self
                        .sensitivity
                        .get_or_insert_with(|| sensitive::Sensitivity::new(stack));
                    if let Some(source) = sensitivity.source(&o.value) {
                        self.errors.push(Error::SensitiveOutput {
                            output: site.address.clone(),
                            source,
                            path: site.path.to_owned(),
                        });
                    }
                }
                self.conditions(&site, "precondition", &o.preconditions);
                for p in &o.preconditions {
                    self.expr(&site, &p.condition, &mut refs, false);
                    self.expr(&site, &p.error_message, &mut refs, false);
                }
                self.depends_on(&site, &o.depends_on, &mut refs);
            }
            Decl::Moved(item) => {
                for a in [&item.value.from, &item.value.to] {
                    if !is_address(a) {
                        self.errors.push(Error::InvalidAddress {
                            address: a.clone(),
                            used_in: site.address.clone(),
                        });
                    }
                }
                self.still_declared(&item.value.from, &site.address);
            }
            Decl::Removed(item) => {
                if !is_address(&item.value.from) {
                    self.errors.push(Error::InvalidAddress {
                        address: item.value.from.clone(),
                        used_in: site.address.clone(),
                    });
                }
                self.still_declared(&item.value.from, &site.address);
            }
            Decl::Import(item) => self.import(stack, site, &item.value),
            Decl::Check { item, .. } => self.check(&site, &item.value),
        }
    }

    /// Checks every expression site of `d` alike, its references into `refs`: for the kinds
    /// whose sites are all plain expressions or bodies (providers, variables, locals).
    fn sites(&mut self, site: &Site<'_>, d: &Decl<'a>, refs: &mut Vec<usize>) {
        d.each_site(|_, s| match s {
            decl::Site::Body(b) => self.body(site, b, refs),
            decl::Site::Expr(e) => self.expr(site, e, refs, false),
        });
    }

    /// Reports what the provider's `rules` refuse in `body`.
    fn provider_rules(&mut self, site: &Site<'_>, rules: &TypeRules, body: &Body) {
        for f in provider::check(rules, body) {
            self.provider_findings.push(Error::ProviderRule {
                address: site.address.clone(),
                path: site.path.to_owned(),
                argument: f.location,
                message: f.message,
            });
        }
    }

    fn module(&mut self, stack: &Stack, site: &Site<'_>, name: &'a str, m: &'a Module) {
        if let Err(reason) = rules::module_source(&m.source, m.version.as_deref()) {
            self.errors.push(Error::InvalidModuleSource {
                source: m.source.clone(),
                used_in: site.address.clone(),
                path: site.path.to_owned(),
                reason,
            });
        }
        if let Some(v) = &m.version {
            self.version(v, rules::Versions::Module, &site.address);
        }
        self.repetition_literal(site, &m.repetition);
        // Terraform resolves a module call input by input and output by output: module.a
        // reading an output of module.b while module.b reads another output of module.a is
        // no cycle. The call as a whole comes after its expansion and all its inputs.
        let expand = self.module_part(Key::ModuleExpand(name), name);
        let mut refs = Vec::new();
        self.repetition(site, &m.repetition, &mut refs);
        self.depends_on(site, &m.depends_on, &mut refs);
        self.nodes[expand].1 = refs;
        let mut whole = vec![expand];
        for (k, v) in &m.inputs {
            self.ident(site, "module input", k);
            if let Some(fix) = rules::module_input_fix(k) {
                self.errors.push(Error::MetaArgumentName {
                    kind: "module input",
                    name: k.clone(),
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                    fix,
                });
            }
            let input = self.module_part(Key::ModuleInput(name, k), name);
            let mut refs = std::mem::take(&mut self.nodes[input].1);
            self.expr(site, v, &mut refs, false);
            self.nodes[input].1 = refs;
            whole.push(input);
        }
        for p in m.providers.values() {
            self.provider(site, None, p, stack);
        }
        self.set_edges(Key::Module(name), whole);
    }

    fn import(&mut self, stack: &Stack, site: Site<'_>, import: &'a Import) {
        // `each` in the id and the key refers to the import's own `for_each`.
        let each = import
            .for_each
            .as_ref()
            .map(|(collection, _)| Repetition::ForEach(collection.clone()));
        let site = Site {
            repetition: each.as_ref(),
            ..site
        };
        let mut refs = Vec::new();
        self.depends_on(&site, std::slice::from_ref(&import.to), &mut refs);
        self.expr(&site, &import.id, &mut refs, false);
        if let (Some((collection, key)), Some(each)) = (&import.for_each, &each) {
            self.repetition_literal(&site, each);
            self.expr(&site, collection, &mut refs, false);
            self.expr(&site, key, &mut refs, false);
            self.feature(stack, "import with for_each", (1, 7), &site);
        }
        if let Some(p) = &import.provider {
            self.provider(&site, None, p, stack);
        }
    }

    fn check(&mut self, site: &Site<'_>, check: &'a Check) {
        let mut refs = Vec::new();
        let scoped = check.data.as_ref().map(|(ty, n, body)| {
            let mut inner = Vec::new();
            self.ident(site, "data source type", ty);
            self.ident(site, "data source", n);
            self.body(site, body, &mut inner);
            if let Some(rules) = check.data_rules {
                let address = format!("{} (data.{ty}.{n})", site.address);
                let scoped = Site {
                    address,
                    path: site.path,
                    repetition: None,
                };
                self.provider_rules(&scoped, rules, body);
            }
            Key::Data(ty, n)
        });
        // The scoped data source is visible inside the check only.
        let shadowed = scoped.and_then(|k| {
            let node = self.nodes.len();
            self.nodes.push((k, Vec::new()));
            self.declared.insert(
                k,
                Declared {
                    node,
                    repeated: false,
                },
            )
        });
        if check.asserts.is_empty() {
            self.errors.push(Error::InvalidValue {
                message: "a check needs at least one assert, or Terraform refuses it: add \
                          .assert(condition, message)"
                    .to_owned(),
                used_in: site.address.clone(),
                path: site.path.to_owned(),
            });
        }
        self.conditions(site, "assert", &check.asserts);
        for a in &check.asserts {
            self.expr(site, &a.condition, &mut refs, false);
            self.expr(site, &a.error_message, &mut refs, false);
        }
        if let Some(k) = scoped {
            match shadowed {
                Some(d) => self.declared.insert(k, d),
                None => self.declared.remove(&k),
            };
        }
    }
}

/// The root of `base` when it is `module.NAME`, possibly with instance keys or a splat
/// (`module.a`, `module.a[0]`, `module.a[*]`).
fn module_root(mut base: &RawExpr) -> Option<&RawExpr> {
    loop {
        match base {
            RawExpr::Index(inner, _) | RawExpr::Splat(inner) => base = inner,
            RawExpr::Ref(RefRoot::Module(_)) => return Some(base),
            _ => return None,
        }
    }
}

fn is_address(a: &str) -> bool {
    let parts: Vec<&str> = a
        .split('.')
        .map(|p| p.split('[').next().unwrap_or(""))
        .collect();
    parts.iter().all(|p| is_identifier(p))
        && match parts.first().copied() {
            Some("data") => parts.len() == 3,
            Some("module") => parts.len() == 2 || parts.len() >= 4,
            _ => parts.len() == 2,
        }
}

impl<'a> Checker<'a> {
    /// Refuses a feature when `required_version` allows a Terraform older than `needs`.
    fn feature(&mut self, stack: &Stack, feature: &str, needs: (u64, u64), site: &Site<'_>) {
        let Some(required) = &stack.settings.required_version else {
            return;
        };
        if let Some(lowest) = rules::lowest_allowed(required) {
            if lowest < (needs.0, needs.1, 0) {
                self.errors.push(Error::NeedsNewerTerraform {
                    feature: feature.to_owned(),
                    needs: format!("{}.{}", needs.0, needs.1),
                    required_version: required.clone(),
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                });
            }
        }
    }

    fn version(&mut self, constraint: &str, kind: rules::Versions, used_in: &str) {
        if let Err(reason) = rules::version_constraint(constraint, kind) {
            self.errors.push(Error::InvalidVersionConstraint {
                constraint: constraint.to_owned(),
                used_in: used_in.to_owned(),
                reason,
            });
        }
    }

    /// A literal `count` or `for_each` Terraform refuses.
    fn repetition_literal(&mut self, site: &Site<'_>, r: &Repetition) {
        match r {
            Repetition::Single => {}
            Repetition::Count(e) => {
                if let Some(value) = rules::count_literal(e) {
                    self.errors.push(Error::InvalidCount {
                        value,
                        used_in: site.address.clone(),
                        path: site.path.to_owned(),
                    });
                }
            }
            Repetition::ForEach(e) => {
                if let Some(given) = rules::for_each_literal(e) {
                    self.errors.push(Error::InvalidForEach {
                        given,
                        used_in: site.address.clone(),
                        path: site.path.to_owned(),
                    });
                }
            }
        }
    }

    /// Conditions that refer to nothing (Terraform: "Invalid condition").
    fn conditions(&mut self, site: &Site<'_>, kind: &'static str, cs: &[crate::block::Condition]) {
        for cnd in cs {
            if !rules::refers_to_something(&cnd.condition) {
                self.errors.push(Error::ConditionWithoutReference {
                    kind,
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                    must_refer_to: String::new(),
                });
            }
        }
    }

    /// Attributes and blocks of a resource or data source named like its meta-arguments: the
    /// JSON would get the key twice, or Terraform would read the value as the meta-argument.
    fn meta_names(&mut self, site: &Site<'_>, body: &Body, meta: &Meta, data: bool) {
        let mut report = |kind: &'static str, name: &str, fix: &'static str| {
            self.errors.push(Error::MetaArgumentName {
                kind,
                name: name.to_owned(),
                used_in: site.address.clone(),
                path: site.path.to_owned(),
                fix,
            });
        };
        for (name, entry) in body.entries() {
            let Some(fix) = rules::meta_argument_fix(name, data) else {
                continue;
            };
            match (entry, &**name) {
                (Entry::Attr(_), _) => report("attribute", name, fix),
                // A nested block: provisioners and connections are written this way; a
                // lifecycle block only clashes with the lifecycle setters.
                (_, "connection" | "provisioner") => {}
                (_, "lifecycle") if meta.lifecycle.is_empty() => {}
                _ => report("nested block", name, fix),
            }
        }
        for (name, _) in body.dynamic_blocks() {
            if rules::meta_argument_fix(name, false).is_some() {
                report(
                    "dynamic block",
                    name,
                    "a dynamic block cannot generate meta-argument blocks; write them directly",
                );
            }
        }
    }

    fn block(
        &mut self,
        site: &Site<'_>,
        ty: &str,
        body: &'a Body,
        meta: &'a Meta,
        stack: &Stack,
    ) -> Vec<usize> {
        let mut refs = Vec::new();
        self.repetition_literal(site, &meta.repetition);
        self.repetition(site, &meta.repetition, &mut refs);
        self.body(site, body, &mut refs);
        self.conditions(site, "precondition", &meta.lifecycle.precondition);
        self.conditions(site, "postcondition", &meta.lifecycle.postcondition);
        self.depends_on(site, &meta.depends_on, &mut refs);
        if let Some(p) = &meta.provider {
            self.provider(site, Some(ty), p, stack);
        }
        let lc = &meta.lifecycle;
        if let IgnoreChanges::Paths(paths) = &lc.ignore_changes {
            for p in paths {
                self.expr(site, p, &mut Vec::new(), false);
            }
        }
        for r in &lc.replace_triggered_by {
            self.expr(site, r, &mut refs, false);
        }
        for p in &lc.precondition {
            self.expr(site, &p.condition, &mut refs, false);
            self.expr(site, &p.error_message, &mut refs, false);
        }
        for p in &lc.postcondition {
            self.expr(site, &p.condition, &mut refs, true);
            self.expr(site, &p.error_message, &mut refs, true);
        }
        refs
    }

    fn repetition(&mut self, site: &Site<'_>, r: &'a Repetition, refs: &mut Vec<usize>) {
        // count/for_each cannot refer to the block's own instances; checked as plain expressions.
        let outer = Site {
            address: site.address.clone(),
            path: site.path,
            repetition: None,
        };
        match r {
            Repetition::Single => {}
            Repetition::Count(e) | Repetition::ForEach(e) => self.expr(&outer, e, refs, false),
        }
    }

    fn body(&mut self, site: &Site<'_>, body: &'a Body, refs: &mut Vec<usize>) {
        self.body_in(site, body, refs, &mut Vec::new());
    }

    /// Checks a body's names and expressions; `bound` holds the `dynamic` iterators in scope.
    fn body_in(
        &mut self,
        site: &Site<'_>,
        body: &'a Body,
        refs: &mut Vec<usize>,
        bound: &mut Vec<String>,
    ) {
        for (name, entry) in body.entries() {
            match entry {
                Entry::Attr(v) => {
                    self.ident(site, "attribute", name);
                    self.expr_in(site, v, refs, false, bound);
                }
                Entry::Block(b) => {
                    self.ident(site, "nested block", name);
                    self.body_in(site, b, refs, bound);
                }
                Entry::Blocks(bs) => {
                    self.ident(site, "nested block", name);
                    for b in bs {
                        self.body_in(site, b, refs, bound);
                    }
                }
                Entry::MapBlocks(bs) => {
                    self.ident(site, "nested block", name);
                    for (_, b) in bs {
                        self.body_in(site, b, refs, bound);
                    }
                }
            }
        }
        for (name, d) in body.dynamic_blocks() {
            self.ident(site, "dynamic block", name);
            self.expr_in(site, &d.for_each, refs, false, bound);
            if let Some(it) = &d.iterator {
                self.ident(site, "dynamic block iterator", it);
            }
            bound.push(d.iterator.clone().unwrap_or_else(|| name.clone()));
            self.body_in(site, &d.content, refs, bound);
            bound.pop();
        }
    }

    /// Reports `name` unless it is a Terraform identifier.
    fn ident(&mut self, site: &Site<'_>, kind: &'static str, name: &str) {
        if !is_identifier(name) {
            self.errors.push(Error::InvalidIdentifier {
                kind,
                name: name.to_owned(),
                path: site_path(site),
            });
        }
    }

    /// `backend` and `cloud` are read before anything is evaluated: literals only.
    fn settings(&mut self, stack: &Stack) {
        let t = &stack.settings;
        let mut bodies = Vec::new();
        if let Some(b) = &t.backend {
            bodies.push((format!("backend \"{}\"", b.backend_type()), b.body()));
            if !is_identifier(b.backend_type()) {
                self.errors.push(Error::InvalidIdentifier {
                    kind: "backend type",
                    name: b.backend_type().to_owned(),
                    path: String::new(),
                });
            }
        }
        if let Some(c) = &t.cloud {
            bodies.push(("cloud".to_owned(), &c.body));
        }
        for (name, body) in &t.provider_meta {
            bodies.push((format!("provider_meta \"{name}\""), body));
            if !is_identifier(name) {
                self.errors.push(Error::InvalidIdentifier {
                    kind: "provider_meta provider",
                    name: name.clone(),
                    path: String::new(),
                });
            }
        }
        if t.backend.is_some() && t.cloud.is_some() {
            self.errors.push(Error::InvalidValue {
                message: "the terraform block sets both a backend and cloud, which Terraform \
                          rejects: keep only one of them"
                    .to_owned(),
                used_in: "terraform".to_owned(),
                path: String::new(),
            });
        }
        for (what, body) in bodies {
            // Set through settings_mut, after declaration: the nesting limit is checked here.
            if depth::body_too_deep(body) {
                self.errors.push(Error::TooDeep {
                    used_in: format!("the terraform block's {what}"),
                    path: String::new(),
                    limit: crate::expr::MAX_DEPTH,
                });
                continue;
            }
            let mut exprs = Vec::new();
            body.walk_exprs(&mut |e| exprs.push(e));
            if exprs.iter().any(|e| !e.is_literal()) {
                self.errors.push(Error::InvalidValue {
                    message: format!(
                        "{what} settings must be literals: Terraform reads them before \
                         evaluating anything, so references and function calls are not allowed"
                    ),
                    used_in: "terraform".to_owned(),
                    path: String::new(),
                });
            }
        }
        if let Some(v) = &t.required_version {
            self.version(v, rules::Versions::Terraform, "required_version");
        }
        for (name, r) in &t.required_providers {
            if let Err(reason) = rules::provider_source(&r.source) {
                self.errors.push(Error::InvalidProviderSource {
                    source: r.source.clone(),
                    provider: name.clone(),
                    reason: reason.to_owned(),
                });
            }
            if let Some(v) = &r.version {
                self.version(
                    v,
                    rules::Versions::Provider,
                    &format!("required_providers.{name}"),
                );
            }
            if !is_identifier(name) {
                self.errors.push(Error::InvalidIdentifier {
                    kind: "provider",
                    name: name.clone(),
                    path: String::new(),
                });
            }
            for a in &r.configuration_aliases {
                let ok = a
                    .split_once('.')
                    .is_some_and(|(n, alias)| n == name && is_identifier(alias));
                if !ok {
                    self.errors.push(Error::InvalidValue {
                        message: format!(
                            "configuration alias {a:?} of required_providers.{name} is not \
                             {name}.ALIAS: write the provider's local name, a dot and the alias \
                             (e.g. {name}.peer)"
                        ),
                        used_in: "terraform".to_owned(),
                        path: String::new(),
                    });
                }
            }
        }
    }

    fn depends_on(&mut self, site: &Site<'_>, deps: &[String], refs: &mut Vec<usize>) {
        for d in deps {
            if let Some(decl) = Key::parse(d).and_then(|k| self.declared.get(&k)) {
                refs.push(decl.node);
            } else {
                self.errors.push(Error::UndeclaredReference {
                    reference: d.clone(),
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                });
            }
        }
    }

    fn provider(
        &mut self,
        site: &Site<'_>,
        ty: Option<&str>,
        p: &crate::ProviderRef,
        stack: &Stack,
    ) {
        let configured = stack
            .providers
            .get(&p.name)
            .is_some_and(|cs| cs.iter().any(|c| c.value.alias == p.alias))
            // A module's configurations come from its caller: the default one whenever the
            // provider is required, an aliased one when it is a configuration alias.
            || stack.settings.required_providers.get(&p.name).is_some_and(|r| {
                p.alias.is_none() && !stack.providers.contains_key(&p.name)
                    || r.configuration_aliases.contains(&p.to_string())
            });
        let matches_type = ty.is_none_or(|t| t == p.name || t.starts_with(&format!("{}_", p.name)));
        if !configured || !matches_type {
            self.errors.push(Error::UnknownProvider {
                provider: p.to_string(),
                used_in: site.address.clone(),
                path: site.path.to_owned(),
            });
        }
    }

    fn expr(&mut self, site: &Site<'_>, e: &'a RawExpr, refs: &mut Vec<usize>, self_ok: bool) {
        self.expr_in(site, e, refs, self_ok, &mut Vec::new());
    }

    fn expr_in(
        &mut self,
        site: &Site<'_>,
        e: &'a RawExpr,
        refs: &mut Vec<usize>,
        self_ok: bool,
        bound: &mut Vec<String>,
    ) {
        let mut scoped = false;
        // `module.NAME` roots reached through an output (`module.a.y`, `module.a[0].y`):
        // the reference is to that output, not to the whole call.
        let mut through_output: Vec<*const RawExpr> = Vec::new();
        let mut provider_calls = false;
        e.walk(&mut |node| match node {
            RawExpr::Ref(RefRoot::Symbol(_)) | RawExpr::For(_) => scoped = true,
            // A declared module's root, already counted as a reference to its output.
            RawExpr::Ref(RefRoot::Module(_))
                if through_output.contains(&std::ptr::from_ref(node)) => {}
            RawExpr::Ref(root) => self.root(site, root, refs, self_ok),
            RawExpr::Attr(base, output) => {
                if let Some(root @ RawExpr::Ref(RefRoot::Module(m))) = module_root(base) {
                    if let Some(known) = self.module_outputs.get(m.as_str()) {
                        if !known.iter().any(|k| k == output) {
                            self.errors.push(Error::UnknownModuleOutput {
                                module: format!("module.{m}"),
                                output: output.to_string(),
                                known: known.to_vec(),
                                used_in: site.address.clone(),
                                path: site.path.to_owned(),
                            });
                        }
                    }
                    if self.declared.contains_key(&Key::Module(m)) {
                        through_output.push(std::ptr::from_ref(root));
                        let n = self.module_part(Key::ModuleOutput(m, output), m);
                        refs.push(n);
                    }
                }
                if let RawExpr::Ref(root) = &**base {
                    if let Some(key) = Key::of(root) {
                        if self.declared.get(&key).is_some_and(|d| d.repeated) {
                            let mut text = String::new();
                            crate::expr::render_hcl(node, &mut text);
                            self.errors.push(Error::MissingInstanceKey {
                                reference: text,
                                used_in: site.address.clone(),
                                path: site.path.to_owned(),
                            });
                        }
                    }
                }
            }
            RawExpr::Call(name, ..) if name.starts_with("provider::") => {
                if !rules::function_name(name) {
                    self.errors.push(Error::InvalidFunctionName {
                        name: name.clone(),
                        used_in: site.address.clone(),
                        path: site.path.to_owned(),
                    });
                }
                provider_calls = true;
            }
            RawExpr::Call(name, ..) if !rules::function_name(name) => {
                self.errors.push(Error::InvalidFunctionName {
                    name: name.clone(),
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                });
            }
            RawExpr::Invalid(msg) => self.errors.push(Error::InvalidValue {
                message: msg.clone(),
                used_in: site.address.clone(),
                path: site.path.to_owned(),
            }),
            _ => {}
        });
        if provider_calls {
            if let Some(stack) = self.stack {
                self.feature(stack, "provider-defined functions", (1, 8), site);
            }
        }
        // Symbols are rare: check their scoping only where they occur.
        if scoped {
            let mut unbound = Vec::new();
            let mut bad_names = Vec::new();
            symbols(e, bound, &mut unbound, &mut bad_names);
            for name in bad_names {
                self.ident(site, "for expression symbol", &name);
            }
            for symbol in unbound {
                self.errors.push(Error::UnboundSymbol {
                    symbol,
                    used_in: site.address.clone(),
                    path: site.path.to_owned(),
                });
            }
        }
    }

    fn root(&mut self, site: &Site<'_>, root: &RefRoot, refs: &mut Vec<usize>, self_ok: bool) {
        let err_site = || (site.address.clone(), site.path.to_owned());
        match root {
            RefRoot::CountIndex => {
                if !matches!(site.repetition, Some(Repetition::Count(_))) {
                    let (used_in, path) = err_site();
                    self.errors
                        .push(Error::CountIndexWithoutCount { used_in, path });
                }
            }
            RefRoot::EachKey | RefRoot::EachValue => {
                if !matches!(site.repetition, Some(Repetition::ForEach(_))) {
                    let (used_in, path) = err_site();
                    self.errors
                        .push(Error::EachWithoutForEach { used_in, path });
                }
            }
            RefRoot::SelfRef => {
                if !self_ok {
                    let (used_in, path) = err_site();
                    self.errors
                        .push(Error::SelfOutsidePostcondition { used_in, path });
                }
            }
            other => {
                if let Some(key) = Key::of(other) {
                    if let Some(d) = self.declared.get(&key) {
                        refs.push(d.node);
                    } else {
                        let (used_in, path) = err_site();
                        self.errors.push(Error::UndeclaredReference {
                            reference: key.address(),
                            used_in,
                            path,
                        });
                    }
                }
            }
        }
    }
}

/// The construct path and address of a site, for messages about names inside a block.
fn site_path(site: &Site<'_>) -> String {
    if site.path.is_empty() {
        site.address.clone()
    } else {
        format!("{}, {}", site.path, site.address)
    }
}

/// Collects the symbols `e` uses that no enclosing `for` expression or `dynamic` block binds
/// (`unbound`), and the `for` symbols that are not identifiers (`bad`).
fn symbols(e: &RawExpr, bound: &mut Vec<String>, unbound: &mut Vec<String>, bad: &mut Vec<String>) {
    match e {
        RawExpr::Ref(RefRoot::Symbol(s)) => {
            if !bound.contains(s) && !unbound.contains(s) {
                unbound.push(s.clone());
            }
        }
        RawExpr::For(f) => {
            symbols(&f.collection, bound, unbound, bad);
            let n = bound.len();
            for v in f.key_var.iter().chain(std::iter::once(&f.value_var)) {
                if !is_identifier(v) {
                    bad.push(v.clone());
                }
                bound.push(v.clone());
            }
            for x in f
                .key
                .iter()
                .chain(std::iter::once(&f.value))
                .chain(f.cond.iter())
            {
                symbols(x, bound, unbound, bad);
            }
            bound.truncate(n);
        }
        RawExpr::Tuple(items) | RawExpr::Call(_, items, _) => {
            items.iter().for_each(|x| symbols(x, bound, unbound, bad));
        }
        RawExpr::Object(m) => m.values().for_each(|x| symbols(x, bound, unbound, bad)),
        RawExpr::Attr(x, _) | RawExpr::Splat(x) | RawExpr::Group(x) | RawExpr::Unary(_, x) => {
            symbols(x, bound, unbound, bad);
        }
        RawExpr::Index(a, b) | RawExpr::Binary(_, a, b) => {
            symbols(a, bound, unbound, bad);
            symbols(b, bound, unbound, bad);
        }
        RawExpr::Conditional(c, a, b) => {
            symbols(c, bound, unbound, bad);
            symbols(a, bound, unbound, bad);
            symbols(b, bound, unbound, bad);
        }
        RawExpr::Template(parts) => {
            for p in parts {
                if let TemplatePart::Interp(x) = p {
                    symbols(x, bound, unbound, bad);
                }
            }
        }
        RawExpr::Null
        | RawExpr::Bool(_)
        | RawExpr::Number(_)
        | RawExpr::String(_)
        | RawExpr::Ref(_)
        | RawExpr::Raw(_)
        | RawExpr::Invalid(_) => {}
    }
}

/// Finds the cycles of a dependency graph, each reported once, in a deterministic order.
fn find_cycles(nodes: &[(Key<'_>, Vec<usize>)]) -> Vec<Vec<String>> {
    let adj: Vec<Vec<usize>> = nodes
        .iter()
        .map(|(_, to)| {
            let mut v = to.clone();
            v.dedup();
            v
        })
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; nodes.len()];
    let mut cycles = Vec::new();
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..nodes.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative DFS: (node, next edge to try).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < adj[node].len() {
                let to = adj[node][*next];
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let pos = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let members: Vec<usize> = stack[pos..].iter().map(|(n, _)| *n).collect();
                        let mut key = members.clone();
                        key.sort_unstable();
                        if seen.insert(key) {
                            let mut cycle: Vec<String> =
                                members.iter().map(|&n| nodes[n].0.address()).collect();
                            cycle.push(nodes[to].0.address());
                            cycles.push(cycle);
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    cycles
}

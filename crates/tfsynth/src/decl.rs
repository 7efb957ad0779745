//! The declarations of a stack as one list, for the passes that need "every declaration and
//! every expression site in it": validation, warnings, the dependency graph, the JSON and HCL
//! writers.
//!
//! A new kind of block is one field of [`Stack`], one [`Kind`] and one [`Decl`] variant with
//! their methods here; every pass matches on them exhaustively, so the compiler then points at
//! each pass that must handle it.

use crate::block::{Condition, IgnoreChanges, Repetition};
use crate::body::Body;
use crate::config::module::{Check, Import, Module, Moved, Removed};
use crate::config::variable::{Output, VariableSpec};
use crate::expr::RawExpr;
use crate::stack::{BlockItem, Item, ProviderItem, Stack};

/// A kind of declaration: a top-level block of the root module (the `terraform` block apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Provider,
    Variable,
    Local,
    Data,
    Ephemeral,
    Resource,
    Module,
    Output,
    Moved,
    Import,
    Removed,
    Check,
}

impl Kind {
    /// Every kind, in the order the writers write them (and the graph lists its nodes). A new
    /// kind goes here and in [`Kind::CHECK_ORDER`]: the one thing the compiler cannot check.
    pub(crate) const ALL: [Kind; 12] = [
        Kind::Provider,
        Kind::Variable,
        Kind::Local,
        Kind::Data,
        Kind::Ephemeral,
        Kind::Resource,
        Kind::Module,
        Kind::Output,
        Kind::Moved,
        Kind::Import,
        Kind::Removed,
        Kind::Check,
    ];

    /// Every kind, in the order validation and warnings go through them: resources before
    /// ephemeral resources, `removed` before `import`. It decides the order problems are
    /// reported in, and validation's declaration order decides which cycle is found first.
    pub(crate) const CHECK_ORDER: [Kind; 12] = [
        Kind::Provider,
        Kind::Variable,
        Kind::Local,
        Kind::Data,
        Kind::Resource,
        Kind::Ephemeral,
        Kind::Module,
        Kind::Output,
        Kind::Moved,
        Kind::Removed,
        Kind::Import,
        Kind::Check,
    ];

    /// The block type: the top-level key of the JSON syntax and the block name of HCL.
    #[inline]
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Kind::Provider => "provider",
            Kind::Variable => "variable",
            Kind::Local => "locals",
            Kind::Data => "data",
            Kind::Ephemeral => "ephemeral",
            Kind::Resource => "resource",
            Kind::Module => "module",
            Kind::Output => "output",
            Kind::Moved => "moved",
            Kind::Import => "import",
            Kind::Removed => "removed",
            Kind::Check => "check",
        }
    }

    /// Blocks without labels, written as a list (a JSON array) and without the construct path
    /// comment.
    #[cfg_attr(not(feature = "hcl"), allow(dead_code))] // used by the HCL writer
    #[inline]
    pub(crate) fn is_list(self) -> bool {
        match self {
            Kind::Moved | Kind::Import | Kind::Removed => true,
            Kind::Provider
            | Kind::Variable
            | Kind::Local
            | Kind::Data
            | Kind::Ephemeral
            | Kind::Resource
            | Kind::Module
            | Kind::Output
            | Kind::Check => false,
        }
    }
}

/// One declaration of a stack, borrowed with its names.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Decl<'a> {
    Provider {
        name: &'a str,
        item: &'a Item<ProviderItem>,
    },
    Variable {
        name: &'a str,
        item: &'a Item<VariableSpec>,
    },
    Local {
        name: &'a str,
        item: &'a Item<RawExpr>,
    },
    Data {
        ty: &'a str,
        name: &'a str,
        item: &'a Item<BlockItem>,
    },
    Ephemeral {
        ty: &'a str,
        name: &'a str,
        item: &'a Item<BlockItem>,
    },
    Resource {
        ty: &'a str,
        name: &'a str,
        item: &'a Item<BlockItem>,
    },
    Module {
        name: &'a str,
        item: &'a Item<Module>,
    },
    Output {
        name: &'a str,
        item: &'a Item<Output>,
    },
    Moved(&'a Item<Moved>),
    Import(&'a Item<Import>),
    Removed(&'a Item<Removed>),
    Check {
        name: &'a str,
        item: &'a Item<Check>,
    },
}

/// What an expression site is, in its declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role<'a> {
    /// The body of a provider configuration, resource, data source or ephemeral resource.
    Body,
    /// `count` or `for_each` of a block or module call.
    Repetition,
    /// `lifecycle.ignore_changes`: attribute paths of the block itself.
    IgnoreChanges,
    /// `lifecycle.replace_triggered_by`.
    ReplaceTriggeredBy,
    /// A `precondition` (of a block's lifecycle or of an output): condition or message.
    Precondition,
    /// A block's `postcondition`: condition or message (`self` is allowed).
    Postcondition,
    /// A variable's `validation`: condition or message.
    Validation,
    /// The value of a local or an output.
    Value,
    /// One input of a module call.
    ModuleInput(&'a str),
    /// An import's `id`.
    ImportId,
    /// An import's `for_each` collection.
    ImportForEach,
    /// The instance key of an import's `to` (`to = ADDR[key]`).
    ImportKey,
    /// The body of a check's scoped data source.
    CheckData,
    /// A check's `assert`: condition or message.
    Assert,
}

/// An expression site, or a block body holding expression sites.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Site<'a> {
    Expr(&'a RawExpr),
    Body(&'a Body),
}

/// The labels a block is written with (`resource "aws_vpc" "main"`): at most two.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "hcl"), allow(dead_code))] // used by the HCL writer
pub(crate) struct Labels<'a>([&'a str; 2], usize);

#[cfg_attr(not(feature = "hcl"), allow(dead_code))] // used by the HCL writer
impl<'a> Labels<'a> {
    #[inline]
    pub(crate) fn as_slice(&self) -> &[&'a str] {
        &self.0[..self.1]
    }
}

impl<'a> Decl<'a> {
    #[cfg_attr(not(feature = "hcl"), allow(dead_code))] // used by the HCL writer
    #[inline]
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Decl::Provider { .. } => Kind::Provider,
            Decl::Variable { .. } => Kind::Variable,
            Decl::Local { .. } => Kind::Local,
            Decl::Data { .. } => Kind::Data,
            Decl::Ephemeral { .. } => Kind::Ephemeral,
            Decl::Resource { .. } => Kind::Resource,
            Decl::Module { .. } => Kind::Module,
            Decl::Output { .. } => Kind::Output,
            Decl::Moved(_) => Kind::Moved,
            Decl::Import(_) => Kind::Import,
            Decl::Removed(_) => Kind::Removed,
            Decl::Check { .. } => Kind::Check,
        }
    }

    /// The construct path it was declared at (empty at the root).
    #[inline]
    pub(crate) fn path(&self) -> &'a str {
        match self {
            Decl::Provider { item, .. } => &item.path,
            Decl::Variable { item, .. } => &item.path,
            Decl::Local { item, .. } => &item.path,
            Decl::Data { item, .. }
            | Decl::Ephemeral { item, .. }
            | Decl::Resource { item, .. } => &item.path,
            Decl::Module { item, .. } => &item.path,
            Decl::Output { item, .. } => &item.path,
            Decl::Moved(item) => &item.path,
            Decl::Import(item) => &item.path,
            Decl::Removed(item) => &item.path,
            Decl::Check { item, .. } => &item.path,
        }
    }

    /// Its Terraform address (`var.x`, `local.x`, `data.T.n`, `ephemeral.T.n`, `T.n`,
    /// `module.m`, `output.o`, `check.c`), for the kinds that have one. Made on each call.
    #[inline]
    pub(crate) fn address(&self) -> Option<String> {
        Some(match self {
            Decl::Variable { name, .. } => format!("var.{name}"),
            Decl::Local { name, .. } => format!("local.{name}"),
            Decl::Data { ty, name, .. } => format!("data.{ty}.{name}"),
            Decl::Ephemeral { ty, name, .. } => format!("ephemeral.{ty}.{name}"),
            Decl::Resource { ty, name, .. } => format!("{ty}.{name}"),
            Decl::Module { name, .. } => format!("module.{name}"),
            Decl::Output { name, .. } => format!("output.{name}"),
            Decl::Check { name, .. } => format!("check.{name}"),
            Decl::Provider { .. } | Decl::Moved(_) | Decl::Import(_) | Decl::Removed(_) => {
                return None
            }
        })
    }

    /// How messages name it: its address, or `provider aws.east`, `import to aws_vpc.a`,
    /// `a moved block`, `a removed block`. Made on each call.
    #[inline]
    pub(crate) fn used_in(&self) -> String {
        match self {
            Decl::Provider { name, item } => match &item.value.alias {
                Some(a) => format!("provider {name}.{a}"),
                None => format!("provider {name}"),
            },
            Decl::Import(item) => format!("import to {}", item.value.to_text()),
            Decl::Moved(_) => "a moved block".to_owned(),
            Decl::Removed(_) => "a removed block".to_owned(),
            Decl::Variable { .. }
            | Decl::Local { .. }
            | Decl::Data { .. }
            | Decl::Ephemeral { .. }
            | Decl::Resource { .. }
            | Decl::Module { .. }
            | Decl::Output { .. }
            | Decl::Check { .. } => self.address().unwrap_or_default(),
        }
    }

    /// The labels of its block: the name, the type and name of a resource, data source or
    /// ephemeral resource, none for the blocks written as a list. A local's is its name (the
    /// key it is written under).
    #[cfg_attr(not(feature = "hcl"), allow(dead_code))] // used by the HCL writer
    #[inline]
    pub(crate) fn labels(&self) -> Labels<'a> {
        match *self {
            Decl::Provider { name, .. }
            | Decl::Variable { name, .. }
            | Decl::Local { name, .. }
            | Decl::Module { name, .. }
            | Decl::Output { name, .. }
            | Decl::Check { name, .. } => Labels([name, ""], 1),
            Decl::Data { ty, name, .. }
            | Decl::Ephemeral { ty, name, .. }
            | Decl::Resource { ty, name, .. } => Labels([ty, name], 2),
            Decl::Moved(_) | Decl::Import(_) | Decl::Removed(_) => Labels(["", ""], 0),
        }
    }

    /// The `count` / `for_each` of a block or module call.
    #[inline]
    pub(crate) fn repetition(&self) -> Option<&'a Repetition> {
        match self {
            Decl::Data { item, .. }
            | Decl::Ephemeral { item, .. }
            | Decl::Resource { item, .. } => Some(&item.value.meta().repetition),
            Decl::Module { item, .. } => Some(&item.value.repetition),
            Decl::Provider { .. }
            | Decl::Variable { .. }
            | Decl::Local { .. }
            | Decl::Output { .. }
            | Decl::Moved(_)
            | Decl::Import(_)
            | Decl::Removed(_)
            | Decl::Check { .. } => None,
        }
    }

    /// Its `depends_on` addresses (empty for the kinds without one).
    #[inline]
    pub(crate) fn depends_on(&self) -> &'a [String] {
        match self {
            Decl::Data { item, .. }
            | Decl::Ephemeral { item, .. }
            | Decl::Resource { item, .. } => &item.value.meta().depends_on,
            Decl::Module { item, .. } => &item.value.depends_on,
            Decl::Output { item, .. } => &item.value.depends_on,
            Decl::Provider { .. }
            | Decl::Variable { .. }
            | Decl::Local { .. }
            | Decl::Moved(_)
            | Decl::Import(_)
            | Decl::Removed(_)
            | Decl::Check { .. } => &[],
        }
    }

    /// Calls `f` on every expression site, a body being one site; in this order:
    /// - provider: its body;
    /// - variable: each validation's condition and message (not the default, a literal
    ///   Terraform reads without evaluating it);
    /// - local: its value;
    /// - resource, data source, ephemeral resource: the body, `count` / `for_each`,
    ///   `ignore_changes`, `replace_triggered_by`, each precondition's condition and message,
    ///   then each postcondition's;
    /// - module call: `count` / `for_each`, then each input;
    /// - output: the value, then each precondition's condition and message;
    /// - import: the id, then the `for_each` collection and the key of `to`;
    /// - check: the scoped data source's body, then each assert's condition and message;
    /// - moved, removed: nothing (their addresses are not expressions).
    pub(crate) fn each_site(&self, mut f: impl FnMut(Role<'a>, Site<'a>)) {
        fn conditions<'a>(
            f: &mut impl FnMut(Role<'a>, Site<'a>),
            role: Role<'a>,
            cs: &'a [Condition],
        ) {
            for c in cs {
                f(role, Site::Expr(&c.condition));
                f(role, Site::Expr(&c.error_message));
            }
        }
        match *self {
            Decl::Provider { item, .. } => f(Role::Body, Site::Body(&item.value.body)),
            Decl::Variable { item, .. } => {
                conditions(&mut f, Role::Validation, &item.value.validations);
            }
            Decl::Local { item, .. } => f(Role::Value, Site::Expr(&item.value)),
            Decl::Data { item, .. }
            | Decl::Ephemeral { item, .. }
            | Decl::Resource { item, .. } => {
                f(Role::Body, Site::Body(&item.value.body));
                let meta = item.value.meta();
                if let Repetition::Count(e) | Repetition::ForEach(e) = &meta.repetition {
                    f(Role::Repetition, Site::Expr(e));
                }
                let lc = &meta.lifecycle;
                if let IgnoreChanges::Paths(paths) = &lc.ignore_changes {
                    for p in paths {
                        f(Role::IgnoreChanges, Site::Expr(p));
                    }
                }
                for r in &lc.replace_triggered_by {
                    f(Role::ReplaceTriggeredBy, Site::Expr(r));
                }
                conditions(&mut f, Role::Precondition, &lc.precondition);
                conditions(&mut f, Role::Postcondition, &lc.postcondition);
            }
            Decl::Module { item, .. } => {
                let m = &item.value;
                if let Repetition::Count(e) | Repetition::ForEach(e) = &m.repetition {
                    f(Role::Repetition, Site::Expr(e));
                }
                for (k, v) in &m.inputs {
                    f(Role::ModuleInput(k), Site::Expr(v));
                }
            }
            Decl::Output { item, .. } => {
                f(Role::Value, Site::Expr(&item.value.value));
                conditions(&mut f, Role::Precondition, &item.value.preconditions);
            }
            Decl::Import(item) => {
                let i = &item.value;
                f(Role::ImportId, Site::Expr(&i.id));
                if let Some((collection, key)) = &i.for_each {
                    f(Role::ImportForEach, Site::Expr(collection));
                    f(Role::ImportKey, Site::Expr(key));
                }
            }
            Decl::Check { item, .. } => {
                if let Some((_, _, body)) = &item.value.data {
                    f(Role::CheckData, Site::Body(body));
                }
                conditions(&mut f, Role::Assert, &item.value.asserts);
            }
            Decl::Moved(_) | Decl::Removed(_) => {}
        }
    }

    /// Calls `f` on every expression site, in the order of [`Decl::each_site`], the
    /// expressions of bodies (nested blocks and `dynamic` blocks included) one by one.
    pub(crate) fn each_expr(&self, mut f: impl FnMut(Role<'a>, &'a RawExpr)) {
        self.each_site(|role, site| match site {
            Site::Expr(e) => f(role, e),
            Site::Body(b) => b.walk_exprs(&mut |e| f(role, e)),
        });
    }
}

impl Stack {
    /// Calls `f` on every declaration, kinds in the writers' order ([`Kind::ALL`]), each kind
    /// in declaration order (resources grouped by type, types in order of first use).
    pub(crate) fn decls<'a>(&'a self, f: impl FnMut(Decl<'a>)) {
        self.decls_in(&Kind::ALL, f);
    }

    /// Calls `f` on every declaration of the kinds in `order`, kind after kind.
    pub(crate) fn decls_in<'a>(&'a self, order: &[Kind], mut f: impl FnMut(Decl<'a>)) {
        for &kind in order {
            self.decls_of(kind, &mut f);
        }
    }

    /// Calls `f` on every declaration of `kind`, in declaration order.
    pub(crate) fn decls_of<'a>(&'a self, kind: Kind, f: &mut impl FnMut(Decl<'a>)) {
        match kind {
            Kind::Provider => {
                for (name, configs) in &self.providers {
                    for item in configs {
                        f(Decl::Provider { name, item });
                    }
                }
            }
            Kind::Variable => {
                for (name, item) in &self.variables {
                    f(Decl::Variable { name, item });
                }
            }
            Kind::Local => {
                for (name, item) in &self.locals {
                    f(Decl::Local { name, item });
                }
            }
            Kind::Data => {
                for (ty, by_name) in &self.data {
                    for (name, item) in by_name {
                        f(Decl::Data { ty, name, item });
                    }
                }
            }
            Kind::Ephemeral => {
                for (ty, by_name) in &self.ephemeral {
                    for (name, item) in by_name {
                        f(Decl::Ephemeral { ty, name, item });
                    }
                }
            }
            Kind::Resource => {
                for (ty, by_name) in &self.resources {
                    for (name, item) in by_name {
                        f(Decl::Resource { ty, name, item });
                    }
                }
            }
            Kind::Module => {
                for (name, item) in &self.modules {
                    f(Decl::Module { name, item });
                }
            }
            Kind::Output => {
                for (name, item) in &self.outputs {
                    f(Decl::Output { name, item });
                }
            }
            Kind::Moved => self.moved.iter().for_each(|item| f(Decl::Moved(item))),
            Kind::Import => self.imports.iter().for_each(|item| f(Decl::Import(item))),
            Kind::Removed => self.removed.iter().for_each(|item| f(Decl::Removed(item))),
            Kind::Check => {
                for (name, item) in &self.checks {
                    f(Decl::Check { name, item });
                }
            }
        }
    }

    /// True when something of `kind` is declared.
    #[inline]
    pub(crate) fn declares(&self, kind: Kind) -> bool {
        match kind {
            Kind::Provider => !self.providers.is_empty(),
            Kind::Variable => !self.variables.is_empty(),
            Kind::Local => !self.locals.is_empty(),
            Kind::Data => !self.data.is_empty(),
            Kind::Ephemeral => !self.ephemeral.is_empty(),
            Kind::Resource => !self.resources.is_empty(),
            Kind::Module => !self.modules.is_empty(),
            Kind::Output => !self.outputs.is_empty(),
            Kind::Moved => !self.moved.is_empty(),
            Kind::Import => !self.imports.is_empty(),
            Kind::Removed => !self.removed.is_empty(),
            Kind::Check => !self.checks.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Warning};
    use crate::expr::{BinOp, Expr, RefRoot, Value};
    use crate::graph::{EdgeKind, Graph};
    use crate::stack::Declare;
    use crate::{
        Check, Import, MetaArgs, Module, Moved, Output, RawData, RawEphemeral, RawProvider,
        RawResource, Removed, Variable,
    };

    /// One declaration of every kind; every expression site holds `site(NAME)`, NAME unique
    /// to the site (`resource_count`, `module_input_b`, ...). With `declare`, each NAME is
    /// also declared as a variable (first, so that the graph has a node for each).
    fn every_kind(site: &dyn Fn(&str) -> RawExpr, declare: bool) -> Stack {
        const NAMES: [&str; 35] = [
            "provider_body",
            "variable_condition",
            "variable_message",
            "local_value",
            "data_body",
            "data_count",
            "data_ignore",
            "data_replace",
            "data_pre_condition",
            "data_pre_message",
            "data_post_condition",
            "data_post_message",
            "ephemeral_body",
            "ephemeral_for_each",
            "ephemeral_ignore",
            "ephemeral_replace",
            "ephemeral_pre_condition",
            "ephemeral_pre_message",
            "ephemeral_post_condition",
            "ephemeral_post_message",
            "resource_body",
            "resource_count",
            "resource_ignore",
            "resource_replace",
            "resource_pre_condition",
            "resource_pre_message",
            "resource_post_condition",
            "resource_post_message",
            "module_for_each",
            "module_input_a",
            "module_input_b",
            "output_value",
            "output_pre_condition",
            "output_pre_message",
            "import_id",
        ];
        const MORE: [&str; 5] = [
            "import_for_each",
            "import_key",
            "check_data",
            "check_condition",
            "check_message",
        ];
        let mut stack = Stack::new();
        if declare {
            for n in NAMES.iter().chain(&MORE) {
                stack.variable::<String>(n, Variable::new());
            }
        }
        let e = |n: &str| Expr::<String>::from_raw(site(n));
        let b = |n: &str| Expr::<bool>::from_raw(site(n));
        stack.provider(
            RawProvider::new("aws")
                .alias("east")
                .attr("region", site("provider_body")),
        );
        stack.variable::<String>(
            "v",
            Variable::new().validation(
                |me| {
                    let both = RawExpr::Binary(
                        BinOp::Eq,
                        Box::new(me.clone().into_raw()),
                        Box::new(site("variable_condition")),
                    );
                    Expr::from_raw(both)
                },
                e("variable_message"),
            ),
        );
        stack.local::<String, _>("l", e("local_value"));
        macro_rules! block {
            ($raw:expr, $kind:literal, $repeat:ident, $repeated:literal) => {
                $raw.attr("x", site(concat!($kind, "_body")))
                    .$repeat(Value::<crate::Number>::from_raw(site(concat!(
                        $kind, "_", $repeated
                    ))))
                    .ignore_changes(|_| e(concat!($kind, "_ignore")))
                    .replace_triggered_by(site(concat!($kind, "_replace")))
                    .precondition(
                        b(concat!($kind, "_pre_condition")),
                        e(concat!($kind, "_pre_message")),
                    )
                    .postcondition(
                        |_| b(concat!($kind, "_post_condition")),
                        e(concat!($kind, "_post_message")),
                    )
            };
        }
        stack.data(
            "d",
            block!(RawData::new("null_data_source"), "data", count, "count"),
        );
        stack.ephemeral(
            "e",
            block!(
                RawEphemeral::new("random_password"),
                "ephemeral",
                for_each,
                "for_each"
            ),
        );
        let r = stack.resource(
            "r",
            block!(
                RawResource::new("null_resource"),
                "resource",
                count,
                "count"
            ),
        );
        stack.module(
            "m",
            Module::new("./modules/m")
                .for_each(site("module_for_each"))
                .input("a", site("module_input_a"))
                .input("b", site("module_input_b")),
        );
        stack.output(
            "o",
            Output::new(site("output_value"))
                .precondition(b("output_pre_condition"), e("output_pre_message")),
        );
        stack.moved(Moved::new("null_resource.old", &r));
        stack.import(
            Import::new(&r, e("import_id")).for_each(site("import_for_each"), e("import_key")),
        );
        stack.removed(Removed::forget("null_resource.gone"));
        stack.check(
            "c",
            Check::new()
                .data(
                    "x",
                    RawData::new("null_data_source").attr("y", site("check_data")),
                )
                .assert(b("check_condition"), e("check_message")),
        );
        stack
    }

    fn var(name: &str) -> RawExpr {
        RawExpr::Ref(RefRoot::Var(name.to_owned()))
    }

    /// What the walker should report for [`every_kind`]: (who, role, site name), in order.
    fn expected() -> Vec<(&'static str, Role<'static>, &'static str)> {
        let mut v = vec![
            ("provider aws.east", Role::Body, "provider_body"),
            ("var.v", Role::Validation, "variable_condition"),
            ("var.v", Role::Validation, "variable_message"),
            ("local.l", Role::Value, "local_value"),
        ];
        for (who, kind, repeat) in [
            ("data.null_data_source.d", "data", "count"),
            ("ephemeral.random_password.e", "ephemeral", "for_each"),
            ("null_resource.r", "resource", "count"),
        ] {
            let name = |s: &str| -> &'static str { format!("{kind}_{s}").leak() };
            v.extend([
                (who, Role::Body, name("body")),
                (who, Role::Repetition, name(repeat)),
                (who, Role::IgnoreChanges, name("ignore")),
                (who, Role::ReplaceTriggeredBy, name("replace")),
                (who, Role::Precondition, name("pre_condition")),
                (who, Role::Precondition, name("pre_message")),
                (who, Role::Postcondition, name("post_condition")),
                (who, Role::Postcondition, name("post_message")),
            ]);
        }
        let import = "import to null_resource.r[var.import_key]";
        v.extend([
            ("module.m", Role::Repetition, "module_for_each"),
            ("module.m", Role::ModuleInput("a"), "module_input_a"),
            ("module.m", Role::ModuleInput("b"), "module_input_b"),
            ("output.o", Role::Value, "output_value"),
            ("output.o", Role::Precondition, "output_pre_condition"),
            ("output.o", Role::Precondition, "output_pre_message"),
            (import, Role::ImportId, "import_id"),
            (import, Role::ImportForEach, "import_for_each"),
            (import, Role::ImportKey, "import_key"),
            ("check.c", Role::CheckData, "check_data"),
            ("check.c", Role::Assert, "check_condition"),
            ("check.c", Role::Assert, "check_message"),
        ]);
        v
    }

    #[test]
    fn the_walker_visits_every_site_of_every_kind() {
        let stack = every_kind(&var, true);
        let mut kinds = Vec::new();
        let mut seen = Vec::new();
        stack.decls(|d| {
            kinds.push(d.kind());
            d.each_expr(|role, e| {
                e.walk(&mut |node| {
                    if let RawExpr::Ref(RefRoot::Var(n)) = node {
                        if n != "v" {
                            seen.push((d.used_in(), role, n.clone()));
                        }
                    }
                });
            });
        });
        kinds.dedup();
        assert_eq!(
            kinds,
            Kind::ALL,
            "one declaration of each kind, in the writers' order"
        );
        let expected: Vec<(String, Role<'_>, String)> = expected()
            .into_iter()
            .map(|(who, role, n)| (who.to_owned(), role, n.to_owned()))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn the_graph_has_an_edge_for_every_site_of_its_nodes() {
        let graph = Graph::of(&every_kind(&var, true));
        let mut want: Vec<(String, String)> = expected()
            .into_iter()
            // Providers, imports and checks are no nodes; `ignore_changes` holds attribute
            // paths of the block itself; variable validations are left out of the graph.
            .filter(|(who, role, _)| {
                !(who.starts_with("provider ")
                    || who.starts_with("import ")
                    || who.starts_with("check.")
                    || matches!(role, Role::IgnoreChanges | Role::Validation))
            })
            .map(|(who, _, n)| (who.to_owned(), format!("var.{n}")))
            .collect();
        // The resource's `moved`, `import` and `depends_on` add no edges of their own.
        let got: Vec<(String, String)> = graph
            .edges
            .iter()
            .map(|e| {
                assert_eq!(e.kind, EdgeKind::Reference, "{e:?}");
                (e.from.clone(), e.to.clone())
            })
            .collect();
        assert_eq!(got, want);
        want.dedup_by(|a, b| a.0 == b.0);
        let from: Vec<&str> = want.iter().map(|(who, _)| who.as_str()).collect();
        assert_eq!(
            from,
            [
                "local.l",
                "data.null_data_source.d",
                "ephemeral.random_password.e",
                "null_resource.r",
                "module.m",
                "output.o"
            ]
        );
    }

    #[test]
    fn validation_checks_every_site() {
        let errors = every_kind(&var, false)
            .validate()
            .expect_err("undeclared")
            .0;
        let undeclared: Vec<(String, String)> = errors
            .iter()
            .filter_map(|e| match e {
                Error::UndeclaredReference {
                    reference, used_in, ..
                } => Some((used_in.clone(), reference.clone())),
                _ => None,
            })
            .collect();
        for (who, role, n) in expected() {
            let want = (who.to_owned(), format!("var.{n}"));
            assert!(
                undeclared.contains(&want),
                "{role:?} of {who}: no error for var.{n} in {errors:#?}"
            );
        }
        assert_eq!(undeclared.len(), expected().len(), "{errors:#?}");
    }

    #[test]
    fn the_lint_sees_every_site_but_an_imports_for_each_and_key() {
        let literal = |n: &str| RawExpr::String(format!("${{{n}}}"));
        let mut stack = every_kind(&literal, false);
        stack.warn_literal_interpolations(true);
        let got: Vec<(String, String)> = stack
            .warnings()
            .into_iter()
            .filter_map(|w| match w {
                Warning::LiteralInterpolation { text, used_in, .. } => Some((used_in, text)),
                Warning::DefaultProviderFallback { .. } => None,
            })
            .collect();
        // In the checks' order (resources before ephemeral resources), a module call's inputs
        // before its `for_each`, a provider named without its alias and an import without its
        // key, as this lint always has.
        let mut want: Vec<(String, String)> = Vec::new();
        let mut add = |who: &str, names: &[&str]| {
            for n in names {
                want.push((who.to_owned(), format!("${{{n}}}")));
            }
        };
        let block = |kind: &str, repeat: &str| -> Vec<String> {
            [
                "body",
                repeat,
                "ignore",
                "replace",
                "pre_condition",
                "pre_message",
                "post_condition",
                "post_message",
            ]
            .iter()
            .map(|s| format!("{kind}_{s}"))
            .collect()
        };
        fn refs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        add("provider aws", &["provider_body"]);
        add("var.v", &["variable_condition", "variable_message"]);
        add("local.l", &["local_value"]);
        add("data.null_data_source.d", &refs(&block("data", "count")));
        add("null_resource.r", &refs(&block("resource", "count")));
        add(
            "ephemeral.random_password.e",
            &refs(&block("ephemeral", "for_each")),
        );
        add(
            "module.m",
            &["module_input_a", "module_input_b", "module_for_each"],
        );
        add(
            "output.o",
            &["output_value", "output_pre_condition", "output_pre_message"],
        );
        add("import to null_resource.r", &["import_id"]);
        add(
            "check.c",
            &["check_data", "check_condition", "check_message"],
        );
        assert_eq!(got, want);
    }

    #[test]
    fn every_kind_is_in_both_orders_once() {
        for order in [Kind::ALL, Kind::CHECK_ORDER] {
            for k in Kind::ALL {
                assert_eq!(order.iter().filter(|&&o| o == k).count(), 1, "{k:?}");
            }
        }
        let stack = every_kind(&var, false);
        let mut kinds = Vec::new();
        stack.decls_in(&Kind::CHECK_ORDER, |d| kinds.push(d.kind()));
        kinds.dedup();
        assert_eq!(kinds, Kind::CHECK_ORDER);
        for k in Kind::ALL {
            assert!(stack.declares(k), "{k:?}");
        }
        assert!(Kind::ALL.iter().all(|k| !Stack::new().declares(*k)));
    }
}

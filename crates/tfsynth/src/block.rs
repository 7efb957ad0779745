//! Resources and data sources: the traits generated bindings implement, their meta-arguments,
//! and the untyped [`RawResource`] / [`RawData`] for types without bindings.

use crate::body::{Body, DynamicBlock, ToBody};
use crate::expr::{Expr, IntoAny, RawExpr, RefRoot, Value};
use crate::handle::ProviderRef;
use crate::provider_rules::TypeRules;
use crate::types::{Map, Number};

/// A resource or data source type: generated bindings implement this and then
/// [`Resource`] or [`DataSource`].
pub trait Block: Sized {
    /// The attribute accessors of a declared instance (`vpc.id()`, `vpc.arn()`).
    type Attrs: Attrs;
    /// The Terraform type name, e.g. `aws_vpc`.
    fn type_name(&self) -> &str;
    /// Splits the value into its body and its meta-arguments.
    fn into_parts(self) -> (Body, Meta);
    /// The meta-arguments, for the [`MetaArgs`] setters.
    fn meta_mut(&mut self) -> &mut Meta;
    /// What the provider refuses at plan for this type, and which of its attributes it marks
    /// sensitive: checked against the literal values of the body when the stack is
    /// synthesized. Generated bindings return their type's table; `None` (the default, and
    /// the untyped blocks') checks nothing.
    fn rules(&self) -> Option<&'static TypeRules> {
        None
    }
}

/// A managed resource type (`resource "aws_vpc" ...`).
pub trait Resource: Block {}

/// A data source type (`data "aws_ami" ...`).
pub trait DataSource: Block {}

/// An ephemeral resource type (`ephemeral "aws_secretsmanager_secret_version" ...`,
/// Terraform 1.10): read on every plan and apply, never stored in state.
pub trait EphemeralResource: Block {}

/// Attribute accessors built on a base expression (`aws_vpc.main`, `aws_subnet.x[0]`, `self`).
pub trait Attrs: Sized {
    /// Accessors rooted at `base`.
    fn from_base(base: RawExpr) -> Self;
}

/// The accessors of an untyped block: `attrs.get::<String>("id")`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAttrs {
    base: RawExpr,
}

impl Attrs for RawAttrs {
    fn from_base(base: RawExpr) -> Self {
        Self { base }
    }
}

impl RawAttrs {
    /// The attribute `name`, with its type given by the caller.
    pub fn get<T>(&self, name: &str) -> Expr<T> {
        Expr::from_raw(self.base.clone().attr(name.to_owned()))
    }
    /// The base expression itself (the whole object).
    pub fn base<T>(&self) -> Expr<T> {
        Expr::from_raw(self.base.clone())
    }
}

/// A `precondition` / `postcondition` / `validation` / `assert` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// Must evaluate to true.
    pub condition: RawExpr,
    /// Shown when it does not.
    pub error_message: RawExpr,
}

impl Condition {
    /// A condition with its error message.
    pub fn new(condition: impl Into<Value<bool>>, error_message: impl Into<Value<String>>) -> Self {
        Self {
            condition: condition.into().into_raw(),
            error_message: error_message.into().into_raw(),
        }
    }
}

/// What `lifecycle.ignore_changes` lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum IgnoreChanges {
    /// Nothing ignored (no `ignore_changes`).
    #[default]
    None,
    /// `ignore_changes = all`
    All,
    /// Attribute paths relative to the resource (`tags`, `tags["Owner"]`).
    Paths(Vec<RawExpr>),
}

/// The `lifecycle` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lifecycle {
    /// `create_before_destroy`
    pub create_before_destroy: Option<bool>,
    /// `prevent_destroy`
    pub prevent_destroy: Option<bool>,
    /// `ignore_changes`
    pub ignore_changes: IgnoreChanges,
    /// `replace_triggered_by`: references to resources or their attributes.
    pub replace_triggered_by: Vec<RawExpr>,
    /// `precondition` blocks.
    pub precondition: Vec<Condition>,
    /// `postcondition` blocks.
    pub postcondition: Vec<Condition>,
}

impl Lifecycle {
    /// True when nothing is set (no `lifecycle` block is written).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// How many instances a block declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Repetition {
    /// One instance.
    #[default]
    Single,
    /// `count = n`
    Count(RawExpr),
    /// `for_each = collection`
    ForEach(RawExpr),
}

/// The meta-arguments of a resource or data source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// `count` / `for_each`
    pub repetition: Repetition,
    /// `depends_on`: addresses.
    pub depends_on: Vec<String>,
    /// `provider`: `aws` or `aws.alias`.
    pub provider: Option<ProviderRef>,
    /// `lifecycle`
    pub lifecycle: Lifecycle,
    /// Arguments set by dotted path ([`MetaArgs::set_override`]), applied in order when the
    /// block is declared.
    pub overrides: Vec<(String, RawExpr)>,
}

/// The meta-argument setters, available on every resource and data source.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, RawResource};
/// let mut stack = Stack::new();
/// let a = stack.resource("a", RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"));
/// let b = stack.resource(
///     "b",
///     RawResource::new("aws_vpc")
///         .attr("cidr_block", "10.1.0.0/16")
///         .depends_on(&a)
///         .prevent_destroy(true)
///         .ignore_changes(|v| v.get::<Map<String>>("tags")),
/// );
/// let _ = b;
/// ```
pub trait MetaArgs: Block {
    /// `count = n`: declares `n` instances; use [`crate::count_index`] inside.
    #[must_use]
    fn count(mut self, n: impl Into<Value<Number>>) -> Self {
        self.meta_mut().repetition = Repetition::Count(n.into().into_raw());
        self
    }
    /// `for_each = collection` (a map or a set of strings); use [`crate::each_key`] and
    /// [`crate::each_value`] inside. Terraform refuses a list: a list literal is a validation
    /// error, wrap it in [`crate::functions::toset`].
    #[must_use]
    fn for_each(mut self, collection: impl IntoAny) -> Self {
        self.meta_mut().repetition = Repetition::ForEach(collection.into_raw());
        self
    }
    /// `depends_on`: explicit dependencies on other declared blocks: one handle (`&vpc`) or
    /// several ([`Dependencies`](crate::handle::Dependencies)).
    #[must_use]
    fn depends_on(mut self, others: impl crate::handle::Dependencies) -> Self {
        let deps = &mut self.meta_mut().depends_on;
        for addr in others.dependency_addresses() {
            if !deps.contains(&addr) {
                deps.push(addr);
            }
        }
        self
    }
    /// `provider = aws.alias`: selects a provider configuration.
    #[must_use]
    fn provider(mut self, provider: &ProviderRef) -> Self {
        self.meta_mut().provider = Some(provider.clone());
        self
    }
    /// **Last resort**: sets the argument at a dotted `path` by name, over whatever the typed
    /// setters built (CDKTF's `addOverride`), for an argument the bindings do not have yet
    /// or a shape they cannot express. `a.b` is `b` in the nested block (or object argument)
    /// `a`, created when missing; `a.0.b` is `b` in the first of the blocks `a`. Applied when
    /// the block is declared, in order; the result is validated like everything else (names,
    /// references, meta-argument names), and a path that cannot be followed is a validation
    /// error naming it. Prefer the typed setters: an override is not type-checked.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Body, RawResource};
    /// let mut stack = Stack::new();
    /// let size: Expr<Number> = stack.variable("size", Variable::new());
    /// stack.resource(
    ///     "web",
    ///     RawResource::new("aws_instance")
    ///         .block("root_block_device", Body::new().attr("volume_size", 8))
    ///         .set_override("root_block_device.volume_size", &size)
    ///         .set_override("metadata_options.http_tokens", "required"),
    /// );
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains(r#""volume_size": "${var.size}""#));
    /// assert!(json.contains(r#""http_tokens": "required""#));
    /// ```
    #[must_use]
    fn set_override(mut self, path: &str, value: impl IntoAny) -> Self {
        self.meta_mut()
            .overrides
            .push((path.to_owned(), value.into_raw()));
        self
    }
    /// `lifecycle { create_before_destroy }`
    #[must_use]
    fn create_before_destroy(mut self, yes: bool) -> Self {
        self.meta_mut().lifecycle.create_before_destroy = Some(yes);
        self
    }
    /// `lifecycle { prevent_destroy }`
    #[must_use]
    fn prevent_destroy(mut self, yes: bool) -> Self {
        self.meta_mut().lifecycle.prevent_destroy = Some(yes);
        self
    }
    /// `lifecycle { ignore_changes = [path] }`: the path is picked from the typed attributes,
    /// e.g. `.ignore_changes(|vpc| vpc.tags())`.
    #[must_use]
    fn ignore_changes<T>(mut self, path: impl FnOnce(&Self::Attrs) -> Expr<T>) -> Self {
        let p = path(&Self::Attrs::from_base(RawExpr::Ref(RefRoot::AttrPath))).into_raw();
        let lc = &mut self.meta_mut().lifecycle;
        match &mut lc.ignore_changes {
            IgnoreChanges::Paths(v) => v.push(p),
            other => *other = IgnoreChanges::Paths(vec![p]),
        }
        self
    }
    /// `lifecycle { ignore_changes = all }`
    #[must_use]
    fn ignore_all_changes(mut self) -> Self {
        self.meta_mut().lifecycle.ignore_changes = IgnoreChanges::All;
        self
    }
    /// `lifecycle { replace_triggered_by = [ref] }`: a resource or one of its attributes.
    #[must_use]
    fn replace_triggered_by(mut self, reference: impl IntoAny) -> Self {
        self.meta_mut()
            .lifecycle
            .replace_triggered_by
            .push(reference.into_raw());
        self
    }
    /// `lifecycle { precondition { ... } }`
    #[must_use]
    fn precondition(
        mut self,
        condition: impl Into<Value<bool>>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        self.meta_mut()
            .lifecycle
            .precondition
            .push(Condition::new(condition, error_message));
        self
    }
    /// `lifecycle { postcondition { ... } }`: `condition` receives `self`'s attributes.
    #[must_use]
    fn postcondition(
        mut self,
        condition: impl FnOnce(&Self::Attrs) -> Expr<bool>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        let c = condition(&Self::Attrs::from_base(RawExpr::Ref(RefRoot::SelfRef)));
        self.meta_mut()
            .lifecycle
            .postcondition
            .push(Condition::new(c, error_message));
        self
    }
}

impl<B: Block> MetaArgs for B {}

macro_rules! raw_block {
    ($name:ident, $kind:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            type_name: String,
            body: Body,
            meta: Meta,
            rules: Option<&'static TypeRules>,
        }

        impl $name {
            /// A block of the given type with an empty body.
            pub fn new(type_name: impl Into<String>) -> Self {
                Self {
                    type_name: type_name.into(),
                    body: Body::new(),
                    meta: Meta::default(),
                    rules: None,
                }
            }
            /// Checks the body against `rules` at synth, as the generated bindings do with
            /// their type's table (see [`crate::provider_rules`]).
            #[must_use]
            pub fn with_rules(mut self, rules: &'static TypeRules) -> Self {
                self.rules = Some(rules);
                self
            }
            /// Sets an attribute.
            #[must_use]
            pub fn attr(mut self, name: impl crate::expr::IntoName, value: impl IntoAny) -> Self {
                self.body.set(name, value);
                self
            }
            /// Sets a single nested block.
            #[must_use]
            pub fn block(mut self, name: impl crate::expr::IntoName, body: impl ToBody) -> Self {
                self.body = self.body.block(name, body.into_body());
                self
            }
            /// Appends a nested block to a list of blocks.
            #[must_use]
            pub fn push_block(
                mut self,
                name: impl crate::expr::IntoName,
                body: impl ToBody,
            ) -> Self {
                self.body = self.body.push_block(name, body.into_body());
                self
            }
            /// Adds a `dynamic` block.
            #[must_use]
            pub fn dynamic(
                mut self,
                name: impl crate::expr::IntoName,
                block: DynamicBlock,
            ) -> Self {
                self.body.push_dynamic(name, block);
                self
            }
        }

        impl Block for $name {
            type Attrs = RawAttrs;
            fn type_name(&self) -> &str {
                &self.type_name
            }
            fn into_parts(self) -> (Body, Meta) {
                (self.body, self.meta)
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
            fn rules(&self) -> Option<&'static TypeRules> {
                self.rules
            }
        }

        impl $kind for $name {}
    };
}

raw_block!(
    RawResource,
    Resource,
    "An untyped resource, for types without generated bindings. Prefer the typed bindings."
);
raw_block!(
    RawEphemeral,
    EphemeralResource,
    "An untyped ephemeral resource (Terraform 1.10): declare it with `Declare::ephemeral`; its \
     values may only be used where Terraform allows ephemeral values (write-only arguments, \
     provider blocks, ephemeral outputs and variables, other ephemeral resources), which \
     Terraform checks."
);
raw_block!(
    RawData,
    DataSource,
    "An untyped data source, for types without generated bindings. Prefer the typed bindings."
);

/// Tags: a convenience alias for the common `map(string)` type.
pub type Tags = Value<Map<String>>;

//! `module` calls, and the `moved`, `import`, `removed` and `check` blocks.

use indexmap::IndexMap;

use crate::block::{Condition, DataSource, Repetition};
use crate::body::Body;
use crate::expr::{IntoAny, RawExpr, Value};
use crate::handle::{Dependable, ProviderRef};
use crate::types::Number;

/// A `module` call.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, Module};
/// let mut stack = Stack::new();
/// let net = stack.module(
///     "net",
///     Module::new("terraform-aws-modules/vpc/aws").version("~> 6.0").input("cidr", "10.0.0.0/16"),
/// );
/// let vpc_id: Expr<String> = net.output("vpc_id");
/// assert_eq!(vpc_id.to_string(), "module.net.vpc_id");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub(crate) source: String,
    pub(crate) version: Option<String>,
    pub(crate) inputs: IndexMap<String, RawExpr>,
    pub(crate) providers: IndexMap<String, ProviderRef>,
    pub(crate) repetition: Repetition,
    pub(crate) depends_on: Vec<String>,
    /// The outputs the module declares, when known: references to others are reported.
    pub(crate) outputs: Option<Vec<String>>,
}

impl Module {
    /// A call of the module at `source` (a registry address, a path such as `./modules/x`, ...).
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            version: None,
            inputs: IndexMap::new(),
            providers: IndexMap::new(),
            repetition: Repetition::Single,
            depends_on: Vec::new(),
            outputs: None,
        }
    }
    /// The outputs the module declares. When given, validation reports a reference to any
    /// other output of this call (`module.net.vpc_idd`), naming the outputs there are; when
    /// not, any output name is accepted (Terraform checks it against the module's source).
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Module};
    /// let mut stack = Stack::new();
    /// let net = stack.module("net", Module::new("./modules/net").outputs(["vpc_id"]));
    /// stack.output("id", Output::new(net.output::<String>("vpc_idd")));
    /// let err = stack.synth().unwrap_err().to_string();
    /// assert!(err.contains("module.net has no output \"vpc_idd\""), "{err}");
    /// ```
    #[must_use]
    pub fn outputs<S: AsRef<str>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.outputs = Some(names.into_iter().map(|n| n.as_ref().to_owned()).collect());
        self
    }
    /// `version` (registry modules only: validation refuses it on a local path or a remote
    /// URL, and a constraint that does not parse).
    #[must_use]
    pub fn version(mut self, constraint: impl Into<String>) -> Self {
        self.version = Some(constraint.into());
        self
    }
    /// An input variable of the module.
    #[must_use]
    pub fn input(mut self, name: impl Into<String>, value: impl IntoAny) -> Self {
        self.inputs.insert(name.into(), value.into_raw());
        self
    }
    /// `providers = { local_name = provider }`.
    #[must_use]
    pub fn provider(mut self, local_name: impl Into<String>, provider: &ProviderRef) -> Self {
        self.providers.insert(local_name.into(), provider.clone());
        self
    }
    /// `count`
    #[must_use]
    pub fn count(mut self, n: impl Into<Value<Number>>) -> Self {
        self.repetition = Repetition::Count(n.into().into_raw());
        self
    }
    /// `for_each`: a map or a set of strings (a list literal is a validation error: wrap it in
    /// [`crate::functions::toset`]).
    #[must_use]
    pub fn for_each(mut self, collection: impl IntoAny) -> Self {
        self.repetition = Repetition::ForEach(collection.into_raw());
        self
    }
    /// `depends_on`: one handle (`&vpc`) or several
    /// ([`Dependencies`](crate::handle::Dependencies)).
    #[must_use]
    pub fn depends_on(mut self, others: impl crate::handle::Dependencies) -> Self {
        for addr in others.dependency_addresses() {
            if !self.depends_on.contains(&addr) {
                self.depends_on.push(addr);
            }
        }
        self
    }
}

/// A `moved` block: tells Terraform an address was renamed, so it moves state instead of
/// replacing infrastructure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The old address (no longer declared).
    pub from: String,
    /// The new address.
    pub to: String,
}

impl Moved {
    /// `moved { from = FROM, to = TO }`: `to` is the handle of the block now declared.
    pub fn new(from: impl Into<String>, to: &impl Dependable) -> Self {
        Self {
            from: from.into(),
            to: to.dependency_address(),
        }
    }
}

/// An `import` block: adopts existing infrastructure into a declared resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub(crate) to: String,
    pub(crate) id: RawExpr,
    pub(crate) provider: Option<ProviderRef>,
    /// `for_each` and the instance key of `to` (`to = ADDR[key]`).
    pub(crate) for_each: Option<(RawExpr, RawExpr)>,
}

impl Import {
    /// `import { to = TO, id = ID }`.
    pub fn new(to: &impl Dependable, id: impl Into<Value<String>>) -> Self {
        Self {
            to: to.dependency_address(),
            id: id.into().into_raw(),
            provider: None,
            for_each: None,
        }
    }
    /// `for_each = collection` with `to = TO[key]` (Terraform 1.7): imports one instance per
    /// element; `key` and the id use [`crate::each_key`] / [`crate::each_value`].
    /// Validation refuses it when `required_version` allows a Terraform older than 1.7.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Import, RawResource};
    /// let mut stack = Stack::new();
    /// let ids: Expr<Map<String>> = stack.variable("bucket_ids", Variable::new());
    /// let buckets = stack.resource("b", RawResource::new("aws_s3_bucket").for_each(&ids));
    /// stack.import(Import::new(&buckets, each_value::<String>()).for_each(&ids, each_key()));
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains(r#""to": "aws_s3_bucket.b[each.key]""#));
    /// ```
    #[must_use]
    pub fn for_each(mut self, collection: impl IntoAny, key: impl Into<Value<String>>) -> Self {
        self.for_each = Some((collection.into_raw(), key.into().into_raw()));
        self
    }
    /// The `to` address as written: `aws_s3_bucket.b`, or `aws_s3_bucket.b[each.key]` with
    /// `for_each`.
    pub(crate) fn to_text(&self) -> String {
        match &self.for_each {
            None => self.to.clone(),
            Some((_, key)) => {
                let mut s = format!("{}[", self.to);
                crate::expr::render_hcl(key, &mut s);
                s.push(']');
                s
            }
        }
    }
    /// `provider`
    #[must_use]
    pub fn provider(mut self, provider: &ProviderRef) -> Self {
        self.provider = Some(provider.clone());
        self
    }
}

/// A `removed` block: forget a resource without destroying it (or destroy it explicitly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub(crate) from: String,
    pub(crate) destroy: bool,
}

impl Removed {
    /// `removed { from = FROM; lifecycle { destroy = false } }`: keeps the real object.
    pub fn forget(from: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            destroy: false,
        }
    }
    /// `removed { from = FROM; lifecycle { destroy = true } }`.
    pub fn destroy(from: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            destroy: true,
        }
    }
}

/// A `check` block: assertions checked on every plan and apply, which warn rather than fail.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub(crate) data: Option<(String, String, Body)>,
    /// The provider's rules for the scoped data source's type ([`crate::Block::rules`]).
    pub(crate) data_rules: Option<&'static crate::provider_rules::TypeRules>,
    pub(crate) asserts: Vec<Condition>,
}

impl Check {
    /// An empty check; add `assert`s.
    pub fn new() -> Self {
        Self {
            data: None,
            data_rules: None,
            asserts: Vec::new(),
        }
    }
    /// A scoped data source, readable only inside the check as `data.TYPE.NAME`.
    #[must_use]
    pub fn data<D: DataSource>(mut self, name: &str, data: D) -> Self {
        let type_name = data.type_name().to_owned();
        self.data_rules = data.rules();
        let (body, _) = data.into_parts();
        self.data = Some((type_name, name.to_owned(), body));
        self
    }
    /// An `assert` block.
    #[must_use]
    pub fn assert(
        mut self,
        condition: impl Into<Value<bool>>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        self.asserts.push(Condition::new(condition, error_message));
        self
    }
}

impl Default for Check {
    fn default() -> Self {
        Self::new()
    }
}

//! Handles returned when something is declared in a stack: typed access to its attributes,
//! and its address for `depends_on`.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use crate::block::{Attrs, Block};
use crate::expr::{Expr, RawExpr, RefRoot, Value};
use crate::types::{List, Number};

/// Something another block can `depends_on`.
pub trait Dependable {
    /// The address written in `depends_on` (`aws_vpc.main`, `module.net`).
    fn dependency_address(&self) -> String;
}

/// One handle or several, for `depends_on`: `&vpc`, `&[a, b]` or `&vec` of one type, or
/// `[&vpc as &dyn Dependable, &subnet]` to mix types.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, Dependable, RawResource};
/// let mut stack = Stack::new();
/// let a = stack.resource("a", RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"));
/// let b = stack.resource("b", RawResource::new("aws_vpc").attr("cidr_block", "10.1.0.0/16"));
/// let q = stack.resource("q", RawResource::new("aws_sqs_queue"));
/// stack.resource("c", RawResource::new("aws_s3_bucket").depends_on(&[a.clone(), b.clone()]));
/// stack.resource("d", RawResource::new("aws_s3_bucket").depends_on([&a as &dyn Dependable, &q]));
/// let json = stack.synth().unwrap();
/// assert!(json.contains(r#""depends_on": [
///           "aws_vpc.a",
///           "aws_vpc.b"
///         ]"#));
/// ```
pub trait Dependencies {
    /// The addresses written in `depends_on`, in order.
    fn dependency_addresses(&self) -> Vec<String>;
}

impl<T: Dependable + ?Sized> Dependencies for &T {
    fn dependency_addresses(&self) -> Vec<String> {
        vec![self.dependency_address()]
    }
}

impl<T: Dependable> Dependencies for &[T] {
    fn dependency_addresses(&self) -> Vec<String> {
        self.iter().map(Dependable::dependency_address).collect()
    }
}

impl<T: Dependable, const N: usize> Dependencies for &[T; N] {
    fn dependency_addresses(&self) -> Vec<String> {
        self.iter().map(Dependable::dependency_address).collect()
    }
}

impl<T: Dependable + ?Sized, const N: usize> Dependencies for [&T; N] {
    fn dependency_addresses(&self) -> Vec<String> {
        self.iter().map(|d| d.dependency_address()).collect()
    }
}

impl<T: Dependable + ?Sized> Dependencies for Vec<&T> {
    fn dependency_addresses(&self) -> Vec<String> {
        self.iter().map(|d| d.dependency_address()).collect()
    }
}

/// How a declared block is instanced, which decides how its attributes are reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instancing {
    /// One instance: attributes directly (`aws_vpc.main.id`).
    Single,
    /// `count`: by index (`aws_subnet.x[0].id`) or splat (`aws_subnet.x[*].id`).
    Count,
    /// `for_each`: by key (`aws_subnet.x["a"].id`).
    ForEach,
}

/// The handle of a declared resource or data source.
///
/// For a single instance it dereferences to the generated attribute accessors, so
/// `vpc.id()` is `aws_vpc.main.id`. For `count`/`for_each` instances use [`Ref::at`],
/// [`Ref::key`] or [`Ref::splat`] (validation reports a missing instance key).
///
/// The handle's own operations are associated functions (`Ref::address(&db)`,
/// `Ref::at(&subnets, 0)`), the way `Rc::strong_count(&rc)` avoids shadowing the pointee's
/// methods: Terraform types have attributes named `address`, `key`, `root`..., and method
/// syntax always reaches the attribute (`db.address()` is `aws_db_instance.db.address`).
pub struct Ref<B: Block> {
    root: RefRoot,
    instancing: Instancing,
    attrs: B::Attrs,
    _b: PhantomData<fn() -> B>,
}

impl<B: Block> fmt::Debug for Ref<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ref")
            .field("root", &self.root)
            .field("instancing", &self.instancing)
            .finish()
    }
}

/// Two handles are equal when they name the same block the same way (address and instancing).
impl<B: Block> PartialEq for Ref<B> {
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root && self.instancing == other.instancing
    }
}

impl<B: Block> Clone for Ref<B> {
    fn clone(&self) -> Self {
        Self::new(self.root.clone(), self.instancing)
    }
}

impl<B: Block> Ref<B> {
    pub(crate) fn new(root: RefRoot, instancing: Instancing) -> Self {
        Self {
            attrs: B::Attrs::from_base(RawExpr::Ref(root.clone())),
            root,
            instancing,
            _b: PhantomData,
        }
    }

    /// The address: `aws_vpc.main` or `data.aws_ami.x`.
    pub fn address(this: &Self) -> String {
        this.root.address().unwrap_or_default()
    }

    /// The reference root.
    pub fn root(this: &Self) -> &RefRoot {
        &this.root
    }

    /// How the block is instanced.
    pub fn instancing(this: &Self) -> Instancing {
        this.instancing
    }

    /// The whole object (`aws_vpc.main`), e.g. for `replace_triggered_by`.
    pub fn expr<T>(this: &Self) -> Expr<T> {
        Expr::from_raw(RawExpr::Ref(this.root.clone()))
    }

    /// The instance at `index` of a `count` block: `aws_subnet.x[index]`.
    pub fn at(this: &Self, index: impl Into<Value<Number>>) -> B::Attrs {
        B::Attrs::from_base(RawExpr::Ref(this.root.clone()).index(index.into().into_raw()))
    }

    /// The instance with `key` of a `for_each` block: `aws_subnet.x["key"]`.
    pub fn key(this: &Self, key: impl Into<Value<String>>) -> B::Attrs {
        B::Attrs::from_base(RawExpr::Ref(this.root.clone()).index(key.into().into_raw()))
    }

    /// An attribute of every instance of a `count` block: `aws_subnet.x[*].id`.
    pub fn splat<T>(this: &Self, f: impl FnOnce(&B::Attrs) -> Expr<T>) -> Expr<List<T>> {
        let base = B::Attrs::from_base(RawExpr::Splat(Box::new(RawExpr::Ref(this.root.clone()))));
        Expr::from_raw(RawExpr::Group(Box::new(f(&base).into_raw())))
    }

    /// An attribute of every instance of a `for_each` block, as a list:
    /// `values(aws_subnet.x)[*].id`.
    pub fn each_value<T>(this: &Self, f: impl FnOnce(&B::Attrs) -> Expr<T>) -> Expr<List<T>> {
        let values = RawExpr::call("values", vec![RawExpr::Ref(this.root.clone())]);
        let base = B::Attrs::from_base(RawExpr::Splat(Box::new(values)));
        Expr::from_raw(RawExpr::Group(Box::new(f(&base).into_raw())))
    }
}

impl<B: Block> Deref for Ref<B> {
    type Target = B::Attrs;
    fn deref(&self) -> &B::Attrs {
        &self.attrs
    }
}

impl<B: Block> Dependable for Ref<B> {
    fn dependency_address(&self) -> String {
        Ref::address(self)
    }
}

/// A provider configuration declared in a stack: `aws` or `aws.east`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProviderRef {
    pub(crate) name: String,
    pub(crate) alias: Option<String>,
}

impl ProviderRef {
    /// A reference to a provider configuration by local name and alias. Prefer the handle
    /// [`crate::Declare::provider`] returns; validation checks that the configuration exists.
    pub fn new(name: impl Into<String>, alias: Option<&str>) -> Self {
        Self {
            name: name.into(),
            alias: alias.map(str::to_owned),
        }
    }
    /// The provider's local name (`aws`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The alias, if any.
    pub fn alias(&self) -> Option<&str> {
        self.alias.as_deref()
    }
}

impl fmt::Display for ProviderRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.alias {
            Some(a) => write!(f, "{}.{a}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// The handle of a module call: typed access to its outputs.
///
/// For a module called with `count` or `for_each`, pick an instance first with
/// [`ModuleRef::at`] / [`ModuleRef::key`], or read an output of every instance with
/// [`ModuleRef::splat`] (validation reports an output read without an instance key).
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleRef {
    pub(crate) name: String,
    pub(crate) base: RawExpr,
}

impl ModuleRef {
    pub(crate) fn new(name: String) -> Self {
        Self {
            base: RawExpr::Ref(RefRoot::Module(name.clone())),
            name,
        }
    }
    /// The output `name` of the module, with its type given by the caller:
    /// `module.net.output::<String>("vpc_id")` is `module.net.vpc_id`.
    pub fn output<T>(&self, name: &str) -> Expr<T> {
        Expr::from_raw(self.base.clone().attr(name.to_owned()))
    }
    /// The instance at `index` of a module called with `count`: `module.net[index]`.
    pub fn at(&self, index: impl Into<Value<Number>>) -> ModuleRef {
        Self {
            name: self.name.clone(),
            base: RawExpr::Ref(RefRoot::Module(self.name.clone())).index(index.into().into_raw()),
        }
    }
    /// The instance with `key` of a module called with `for_each`: `module.net["key"]`.
    pub fn key(&self, key: impl Into<Value<String>>) -> ModuleRef {
        Self {
            name: self.name.clone(),
            base: RawExpr::Ref(RefRoot::Module(self.name.clone())).index(key.into().into_raw()),
        }
    }
    /// The output `name` of every instance of a module called with `count`:
    /// `module.net[*].vpc_id`.
    pub fn splat<T>(&self, name: &str) -> Expr<List<T>> {
        let base = RawExpr::Splat(Box::new(RawExpr::Ref(RefRoot::Module(self.name.clone()))));
        Expr::from_raw(RawExpr::Group(Box::new(base.attr(name.to_owned()))))
    }
    /// The whole module call as one typed expression: `module.NAME` (or the instance picked
    /// with [`ModuleRef::at`] / [`ModuleRef::key`]). For a call with `for_each` it is a map of
    /// the instances' outputs, for one with `count` a list, otherwise an object of outputs;
    /// iterate it with [`crate::For`] like any collection.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Module};
    /// let mut stack = Stack::new();
    /// let spokes = stack.module(
    ///     "spoke_vpcs",
    ///     Module::new("./modules/vpc").for_each(functions::toset(vec!["a", "b"])).input("name", each_key()),
    /// );
    /// let all: Expr<Map<Any>> = spokes.expr();
    /// let ids = For::entries("k", "spoke", &all).to_map(|k, _| k, |_, spoke| spoke.attr::<String>("vpc_id"));
    /// stack.output("vpc_ids", Output::new(ids));
    /// assert!(stack.synth().unwrap().contains("{for k, spoke in module.spoke_vpcs : k => spoke.vpc_id}"));
    /// ```
    pub fn expr<T>(&self) -> Expr<T> {
        Expr::from_raw(self.base.clone())
    }

    /// The address, `module.NAME`.
    pub fn address(&self) -> String {
        format!("module.{}", self.name)
    }
}

impl Dependable for ModuleRef {
    fn dependency_address(&self) -> String {
        self.address()
    }
}

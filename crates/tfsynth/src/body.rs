//! Block bodies: attributes and nested blocks, in the order they were set.
//!
//! The model keeps attributes and blocks apart (Terraform JSON writes both as JSON values,
//! HCL does not), so a body can be written in either syntax.

use crate::expr::Name;
use crate::expr::{Expr, IntoAny, RawExpr, RefRoot};

/// One entry of a block body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Entry {
    /// `name = value`
    Attr(RawExpr),
    /// A single nested block (nesting mode `single`/`group`, or a max-one block): a JSON object.
    Block(Body),
    /// A list or set of nested blocks: a JSON array of objects.
    Blocks(Vec<Body>),
    /// Nested blocks keyed by a label (nesting mode `map`): a JSON object of objects.
    MapBlocks(Vec<(String, Body)>),
}

/// A `dynamic "name" { for_each = ..., iterator = ..., content { ... } }` block.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicBlock {
    /// The collection to iterate.
    pub for_each: RawExpr,
    /// The iterator symbol (defaults to the block's name in Terraform).
    pub iterator: Option<String>,
    /// The body generated for each element.
    pub content: Body,
}

impl DynamicBlock {
    /// A `dynamic` block generating one nested block per element of `for_each`; `content`
    /// receives the iterator (named `iterator`) to build each block's body from.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Body, DynamicBlock, RawResource};
    /// let mut stack = Stack::new();
    /// let ports: Expr<List<Number>> = stack.variable("ports", Variable::new());
    /// stack.resource(
    ///     "web",
    ///     RawResource::new("aws_security_group").dynamic(
    ///         "ingress",
    ///         DynamicBlock::new(&ports, "port", |port| {
    ///             Body::new()
    ///                 .attr("from_port", port.value::<Number>())
    ///                 .attr("to_port", port.value::<Number>())
    ///                 .attr("protocol", "tcp")
    ///         }),
    ///     ),
    /// );
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains(r#""from_port": "${port.value}""#));
    /// ```
    pub fn new(
        for_each: impl IntoAny,
        iterator: &str,
        content: impl FnOnce(&DynamicIterator) -> Body,
    ) -> Self {
        let it = DynamicIterator {
            name: iterator.to_owned(),
        };
        Self {
            for_each: for_each.into_raw(),
            iterator: Some(iterator.to_owned()),
            content: content(&it),
        }
    }
}

/// The iterator of a [`DynamicBlock`]: `NAME.key` and `NAME.value` of the current element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicIterator {
    name: String,
}

impl DynamicIterator {
    /// The iterator's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// `NAME.key`: the map key or list index of the current element.
    pub fn key<K>(&self) -> Expr<K> {
        Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(self.name.clone())).attr("key"))
    }
    /// `NAME.value`: the current element, with its type given by the caller.
    pub fn value<T>(&self) -> Expr<T> {
        Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(self.name.clone())).attr("value"))
    }
}

/// The arguments and nested blocks of a block, in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    entries: Vec<(Name, Entry)>,
    dynamic: Vec<(String, DynamicBlock)>,
}

impl Body {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an attribute (replacing an earlier one of the same name).
    pub fn set(&mut self, name: impl Into<Name>, value: impl IntoAny) {
        self.put(name.into(), Entry::Attr(value.into_raw()));
    }

    /// Sets an attribute, builder style.
    #[must_use]
    pub fn attr(mut self, name: impl Into<crate::expr::Name>, value: impl IntoAny) -> Self {
        self.set(name, value);
        self
    }

    /// Sets a single nested block, builder style.
    #[must_use]
    pub fn block(mut self, name: impl Into<Name>, body: Body) -> Self {
        self.put(name.into(), Entry::Block(body));
        self
    }

    /// Appends a nested block to a list of blocks of that name, builder style.
    #[must_use]
    pub fn push_block(mut self, name: impl Into<Name>, body: Body) -> Self {
        let name = name.into();
        if let Some((_, Entry::Blocks(v))) = self.entries.iter_mut().find(|(n, _)| *n == name) {
            v.push(body);
        } else {
            self.put(name, Entry::Blocks(vec![body]));
        }
        self
    }

    /// Adds a `dynamic` block generating nested blocks named `name`.
    #[must_use]
    pub fn dynamic(mut self, name: impl Into<crate::expr::Name>, block: DynamicBlock) -> Self {
        self.dynamic.push((name.into().into_owned(), block));
        self
    }

    /// Sets an entry (replacing an earlier one of the same name).
    pub fn put(&mut self, name: impl Into<Name>, entry: Entry) {
        let name = name.into();
        if let Some(slot) = self.entries.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = entry;
        } else {
            self.entries.push((name, entry));
        }
    }

    /// Appends an entry without checking for an earlier one (generated code, which knows
    /// its names are distinct).
    pub fn push_unchecked(&mut self, name: impl Into<Name>, entry: Entry) {
        self.entries.push((name.into(), entry));
    }

    /// Adds a `dynamic` block.
    pub fn push_dynamic(&mut self, name: impl Into<crate::expr::Name>, block: DynamicBlock) {
        self.dynamic.push((name.into().into_owned(), block));
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[(Name, Entry)] {
        &self.entries
    }

    /// The `dynamic` blocks, in order.
    pub fn dynamic_blocks(&self) -> &[(String, DynamicBlock)] {
        &self.dynamic
    }

    /// The attribute called `name`, if set.
    pub fn get_attr(&self, name: &str) -> Option<&RawExpr> {
        self.entries.iter().find_map(|(n, e)| match e {
            Entry::Attr(v) if n == name => Some(v),
            _ => None,
        })
    }

    /// Releases the spare capacity of this body and its nested blocks (a declared block does
    /// not grow any more; large stacks hold tens of thousands of them).
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.dynamic.shrink_to_fit();
        for (_, e) in &mut self.entries {
            match e {
                Entry::Block(b) => b.shrink_to_fit(),
                Entry::Blocks(bs) => bs.iter_mut().for_each(Body::shrink_to_fit),
                Entry::MapBlocks(bs) => bs.iter_mut().for_each(|(_, b)| b.shrink_to_fit()),
                Entry::Attr(_) => {}
            }
        }
    }

    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.dynamic.is_empty()
    }

    /// Calls `f` on every expression in the body, nested blocks included. `dynamic` content is
    /// visited too; its iterator symbols are bound there.
    pub fn walk_exprs<'a>(&'a self, f: &mut dyn FnMut(&'a RawExpr)) {
        for (_, e) in &self.entries {
            match e {
                Entry::Attr(v) => f(v),
                Entry::Block(b) => b.walk_exprs(f),
                Entry::Blocks(bs) => bs.iter().for_each(|b| b.walk_exprs(f)),
                Entry::MapBlocks(bs) => bs.iter().for_each(|(_, b)| b.walk_exprs(f)),
            }
        }
        for (_, d) in &self.dynamic {
            f(&d.for_each);
            d.content.walk_exprs(f);
        }
    }
}

/// Types that render to a block body: generated nested-block structs and whole resources.
pub trait ToBody {
    /// Consumes the value into its body.
    fn into_body(self) -> Body;
}

impl ToBody for Body {
    fn into_body(self) -> Body {
        self
    }
}

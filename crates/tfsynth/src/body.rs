//! Block bodies: attributes and nested blocks, in the order they were set.
//!
//! The model keeps attributes and blocks apart (Terraform JSON writes both as JSON values,
//! HCL does not), so a body can be written in either syntax.

use crate::expr::{fmt_nested, Expr, IntoAny, RawExpr, RefRoot, BODY_FMT_DEPTH, RECURSION};
use crate::expr::{IntoName, Name};

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

/// The blocks of a nested block type that needs at least one (`min_items` >= 1): one block
/// given as it is, or a `dynamic` block, which Terraform accepts when its `for_each` is not
/// empty (plan fails otherwise). What a binding's required-block argument can take (see
/// [`Node::push_at_least_one`]).
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, AtLeastOne, Node, ToBody};
/// let subnets: Expr<List<String>> = Expr::raw_hcl("var.subnet_ids");
/// let ips: AtLeastOne<Node> = AtLeastOne::dynamic(&subnets, "ip", |subnet, _| {
///     let subnet: Expr<String> = subnet;
///     Node::new().attr("subnet_id", subnet.into_raw())
/// });
/// let body = Node::<()>::new().push_at_least_one("ip_address", ips).into_body();
/// let (name, block) = &body.dynamic_blocks()[0];
/// assert_eq!(name, "ip_address");
/// assert_eq!(block.iterator.as_deref(), Some("ip"));
/// assert_eq!(
///     tfsynth::to_json_string(block.content.get_attr("subnet_id").unwrap()),
///     r#""${ip.value}""#
/// );
/// ```
#[derive(Debug, Clone)]
pub enum AtLeastOne<B> {
    /// One block, as `add_*` would append it.
    Block(B),
    /// `dynamic "NAME"` over a collection that must not be empty.
    Dynamic(DynamicBlock),
}

impl<B> From<B> for AtLeastOne<B> {
    fn from(block: B) -> Self {
        Self::Block(block)
    }
}

impl<B: ToBody> AtLeastOne<B> {
    /// `dynamic "NAME" { for_each = for_each, iterator = iterator, content { ... } }`:
    /// `content` receives the element, typed by the collection ([`crate::expr::ForEachArg`]),
    /// and the iterator (for `iterator.key`).
    pub fn dynamic<C: crate::expr::ForEachArg>(
        for_each: C,
        iterator: &str,
        content: impl FnOnce(Expr<C::Elem>, &DynamicIterator) -> B,
    ) -> Self {
        let it = DynamicIterator {
            name: iterator.to_owned(),
        };
        Self::Dynamic(DynamicBlock {
            for_each: for_each.into_for_each_raw(),
            iterator: Some(iterator.to_owned()),
            content: content(it.value(), &it).into_body(),
        })
    }
}

/// The iterator of a [`DynamicBlock`]: `NAME.key` and `NAME.value` of the current element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicIterator {
    name: String,
}

impl DynamicIterator {
    /// The iterator of a `dynamic "name"` block that sets no `iterator`: Terraform names it
    /// after the block. For the `dynamic_*` setters of the typed bindings, whose `content`
    /// receives only the element (`name.value`), to reach its key (`name.key`).
    ///
    /// # Example
    /// ```
    /// use tfsynth::DynamicIterator;
    /// let it = DynamicIterator::of_block("custom_error_response");
    /// assert_eq!(it.key::<String>().to_string(), "custom_error_response.key");
    /// ```
    pub fn of_block(name: &str) -> Self {
        Self {
            name: name.to_owned(),
        }
    }
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
///
/// Bodies nested to any depth are cloned, compared, walked and dropped without recursion past
/// a few dozen levels; `Debug` writes 512 levels of blocks (`{:#?}` 128) and marks where it
/// stops; a stack refuses blocks nested deeper than [`MAX_DEPTH`](crate::expr::MAX_DEPTH)
/// levels.
#[derive(Default)]
pub struct Body {
    entries: Vec<(Name, Entry)>,
    dynamic: Vec<(String, DynamicBlock)>,
}

/// What [`Body::walk_exprs`] has left to visit.
enum Visit<'a> {
    Expr(&'a RawExpr),
    Body(&'a Body),
}

impl Body {
    /// Calls `f` on each nested block (single, list, map, then `dynamic` content), in order.
    fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Body)) {
        for (_, e) in &self.entries {
            match e {
                Entry::Block(b) => f(b),
                Entry::Blocks(bs) => bs.iter().for_each(&mut f),
                Entry::MapBlocks(bs) => bs.iter().for_each(|(_, b)| f(b)),
                Entry::Attr(_) => {}
            }
        }
        for (_, d) in &self.dynamic {
            f(&d.content);
        }
    }

    /// Calls `f` on each nested block, mutably.
    fn for_each_child_mut(&mut self, mut f: impl FnMut(&mut Body)) {
        for (_, e) in &mut self.entries {
            match e {
                Entry::Block(b) => f(b),
                Entry::Blocks(bs) => bs.iter_mut().for_each(&mut f),
                Entry::MapBlocks(bs) => bs.iter_mut().for_each(|(_, b)| f(b)),
                Entry::Attr(_) => {}
            }
        }
        for (_, d) in &mut self.dynamic {
            f(&mut d.content);
        }
    }

    /// A copy of this body whose nested blocks are `child(original)`, in order.
    fn rebuild(&self, child: &mut dyn FnMut(&Body) -> Body) -> Body {
        let entries = self
            .entries
            .iter()
            .map(|(n, e)| {
                let e = match e {
                    Entry::Attr(v) => Entry::Attr(v.clone()),
                    Entry::Block(b) => Entry::Block(child(b)),
                    Entry::Blocks(bs) => Entry::Blocks(bs.iter().map(&mut *child).collect()),
                    Entry::MapBlocks(bs) => {
                        Entry::MapBlocks(bs.iter().map(|(k, b)| (k.clone(), child(b))).collect())
                    }
                };
                (n.clone(), e)
            })
            .collect();
        let dynamic = self
            .dynamic
            .iter()
            .map(|(n, d)| {
                let d = DynamicBlock {
                    for_each: d.for_each.clone(),
                    iterator: d.iterator.clone(),
                    content: child(&d.content),
                };
                (n.clone(), d)
            })
            .collect();
        Body { entries, dynamic }
    }

    fn clone_bounded(&self, budget: u32) -> Body {
        if budget == 0 {
            return self.clone_iter();
        }
        self.rebuild(&mut |b| b.clone_bounded(budget - 1))
    }

    /// Clones without recursion: bodies in pre-order, then rebuilt in reverse, each taking its
    /// nested blocks' copies from a stack (the first one on top).
    fn clone_iter(&self) -> Body {
        let mut order: Vec<&Body> = Vec::new();
        let mut todo = vec![self];
        while let Some(body) = todo.pop() {
            order.push(body);
            let start = todo.len();
            body.for_each_child(|c| todo.push(c));
            todo[start..].reverse();
        }
        let mut done: Vec<Body> = Vec::with_capacity(order.len());
        for body in order.into_iter().rev() {
            let copy = body.rebuild(&mut |_| done.pop().unwrap_or_default());
            done.push(copy);
        }
        done.pop().unwrap_or_default()
    }

    /// Equal apart from the nested blocks' contents: the same names, attributes, kinds of
    /// entries, map keys and `dynamic` headers, and as many nested blocks.
    fn same_node(&self, other: &Body) -> bool {
        self.entries.len() == other.entries.len()
            && self.dynamic.len() == other.dynamic.len()
            && self
                .entries
                .iter()
                .zip(&other.entries)
                .all(|((n, a), (m, b))| {
                    n == m
                        && match (a, b) {
                            (Entry::Attr(x), Entry::Attr(y)) => x == y,
                            (Entry::Block(_), Entry::Block(_)) => true,
                            (Entry::Blocks(x), Entry::Blocks(y)) => x.len() == y.len(),
                            (Entry::MapBlocks(x), Entry::MapBlocks(y)) => {
                                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.0 == q.0)
                            }
                            _ => false,
                        }
                })
            && self
                .dynamic
                .iter()
                .zip(&other.dynamic)
                .all(|((n, a), (m, b))| {
                    n == m && a.iterator == b.iterator && a.for_each == b.for_each
                })
    }

    /// True when a nested block holds anything.
    fn has_nested_content(&self) -> bool {
        let mut any = false;
        self.for_each_child(|b| any = any || !b.is_empty());
        any
    }
}

impl Clone for Body {
    fn clone(&self) -> Self {
        self.clone_bounded(RECURSION)
    }
}

/// Compares on the heap, body by body: blocks nested to any depth.
impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        let mut todo: Vec<(&Body, &Body)> = vec![(self, other)];
        let (mut left, mut right) = (Vec::new(), Vec::new());
        while let Some((a, b)) = todo.pop() {
            if !a.same_node(b) {
                return false;
            }
            left.clear();
            right.clear();
            a.for_each_child(|c| left.push(c));
            b.for_each_child(|c| right.push(c));
            todo.extend(left.iter().copied().zip(right.iter().copied()));
        }
        true
    }
}

/// Dropping never recurses through nested blocks: they are taken out onto the heap first.
impl Drop for Body {
    fn drop(&mut self) {
        if !self.has_nested_content() {
            return;
        }
        let mut todo: Vec<Body> = Vec::new();
        let mut take = |b: &mut Body| {
            if !b.is_empty() {
                todo.push(std::mem::take(b));
            }
        };
        self.for_each_child_mut(&mut take);
        while let Some(mut body) = todo.pop() {
            body.for_each_child_mut(|b| {
                if !b.is_empty() {
                    todo.push(std::mem::take(b));
                }
            });
            // `body` holds no nested content now: dropping it recurses one level.
        }
    }
}

/// As `#[derive(Debug)]` would write it, down to 512 levels of blocks; a marker stands for
/// what is deeper (`… (block nested deeper than 512 levels)`).
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fmt_nested(f, &BODY_FMT_DEPTH, "block", |f| {
            f.debug_struct("Body")
                .field("entries", &self.entries)
                .field("dynamic", &self.dynamic)
                .finish()
        })
    }
}

impl Body {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an attribute (replacing an earlier one of the same name).
    pub fn set(&mut self, name: impl IntoName, value: impl IntoAny) {
        self.put(name.into_name(), Entry::Attr(value.into_raw()));
    }

    /// Sets an attribute, builder style.
    #[must_use]
    pub fn attr(mut self, name: impl IntoName, value: impl IntoAny) -> Self {
        self.set(name, value);
        self
    }

    /// Sets a single nested block, builder style.
    #[must_use]
    pub fn block(mut self, name: impl IntoName, body: Body) -> Self {
        self.put(name.into_name(), Entry::Block(body));
        self
    }

    /// Appends a nested block to a list of blocks of that name, builder style.
    #[must_use]
    pub fn push_block(mut self, name: impl IntoName, body: Body) -> Self {
        let name = name.into_name();
        if let Some((_, Entry::Blocks(v))) = self.entries.iter_mut().find(|(n, _)| *n == name) {
            v.push(body);
        } else {
            self.put(name, Entry::Blocks(vec![body]));
        }
        self
    }

    /// Adds a `dynamic` block generating nested blocks named `name`.
    #[must_use]
    pub fn dynamic(mut self, name: impl IntoName, block: DynamicBlock) -> Self {
        self.dynamic.push((name.into_name().into_owned(), block));
        self
    }

    /// Sets an entry (replacing an earlier one of the same name).
    pub fn put(&mut self, name: impl IntoName, entry: Entry) {
        let name = name.into_name();
        if let Some(slot) = self.entries.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = entry;
        } else {
            self.entries.push((name, entry));
        }
    }

    /// Adds a `dynamic` block.
    pub fn push_dynamic(&mut self, name: impl IntoName, block: DynamicBlock) {
        self.dynamic.push((name.into_name().into_owned(), block));
    }

    /// Sets the argument at a dotted `path`, creating nested blocks on the way: the
    /// engine of [`crate::MetaArgs::set_override`]. `a.b` descends into the nested block `a`
    /// (or the keys of the object argument `a`), `a.0.b` into the first of the list of blocks
    /// `a`; the last name is set, replacing an argument or block of that name.
    ///
    /// # Errors
    /// A message naming the part of the path that cannot be followed: an index on something
    /// that is not a list of blocks or past its end, a name under a non-object argument, an
    /// empty part.
    pub fn set_path(&mut self, path: &str, value: RawExpr) -> Result<(), String> {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(format!(
                "the path {path:?} has an empty part: write names separated by single dots"
            ));
        }
        self.set_parts(path, &parts, value)
    }

    /// Follows `parts` down from this body, one nested block per part, without recursion: a
    /// path of any length.
    fn set_parts(&mut self, path: &str, parts: &[&str], value: RawExpr) -> Result<(), String> {
        let mut body = self;
        let mut parts = parts;
        loop {
            let (first, rest) = match parts {
                [] => return Ok(()),
                [last] => {
                    body.set(last.to_string(), value);
                    return Ok(());
                }
                [first, rest @ ..] => (*first, rest),
            };
            let i = match body.entries.iter().position(|(n, _)| n == first) {
                Some(i) => i,
                None => {
                    body.entries
                        .push((Name::Owned(first.to_owned()), Entry::Block(Body::new())));
                    body.entries.len() - 1
                }
            };
            (body, parts) = match &mut body.entries[i].1 {
                Entry::Block(b) => (b, rest),
                Entry::Blocks(bs) => {
                    let n = bs.len();
                    let index: usize = rest[0].parse().map_err(|_| {
                        format!("{first} in {path:?} is a list of blocks: give an index after it ({first}.0.NAME)")
                    })?;
                    match bs.get_mut(index) {
                        Some(b) => (b, &rest[1..]),
                        None => {
                            return Err(format!(
                                "{first}.{index} in {path:?} is past the end of the {n} {first} \
                                 block(s): add the block first"
                            ))
                        }
                    }
                }
                Entry::MapBlocks(bs) => match bs.iter_mut().find(|(k, _)| k == rest[0]) {
                    Some((_, b)) => (b, &rest[1..]),
                    None => {
                        return Err(format!(
                            "{first} in {path:?} has no block labelled {:?}: add the block first",
                            rest[0]
                        ))
                    }
                },
                Entry::Attr(RawExpr::Object(map)) => {
                    set_in_object(map, rest, value);
                    return Ok(());
                }
                Entry::Attr(_) => {
                    return Err(format!(
                        "{first} in {path:?} is an argument that is not an object literal: \
                         override {first} as a whole"
                    ))
                }
            };
        }
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
        let mut todo: Vec<&mut Body> = vec![self];
        while let Some(body) = todo.pop() {
            body.entries.shrink_to_fit();
            body.dynamic.shrink_to_fit();
            for (_, e) in &mut body.entries {
                match e {
                    Entry::Block(b) => todo.push(b),
                    Entry::Blocks(bs) => {
                        bs.shrink_to_fit();
                        todo.extend(bs.iter_mut());
                    }
                    Entry::MapBlocks(bs) => {
                        bs.shrink_to_fit();
                        todo.extend(bs.iter_mut().map(|(_, b)| b));
                    }
                    Entry::Attr(_) => {}
                }
            }
            todo.extend(body.dynamic.iter_mut().map(|(_, d)| &mut d.content));
        }
    }

    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.dynamic.is_empty()
    }

    /// Calls `f` on every expression in the body, nested blocks included. `dynamic` content is
    /// visited too; its iterator symbols are bound there.
    ///
    /// The order is the order of the entries, each nested block's expressions where the block
    /// is, then the `dynamic` blocks (`for_each`, then the content's). Walks on the heap:
    /// blocks nested to any depth.
    pub fn walk_exprs<'a>(&'a self, f: &mut dyn FnMut(&'a RawExpr)) {
        let mut todo = vec![Visit::Body(self)];
        let mut next: Vec<Visit<'a>> = Vec::new();
        while let Some(visit) = todo.pop() {
            let body = match visit {
                Visit::Expr(e) => {
                    f(e);
                    continue;
                }
                Visit::Body(b) => b,
            };
            for (_, e) in &body.entries {
                match e {
                    Entry::Attr(v) => next.push(Visit::Expr(v)),
                    Entry::Block(b) => next.push(Visit::Body(b)),
                    Entry::Blocks(bs) => next.extend(bs.iter().map(Visit::Body)),
                    Entry::MapBlocks(bs) => next.extend(bs.iter().map(|(_, b)| Visit::Body(b))),
                }
            }
            for (_, d) in &body.dynamic {
                next.push(Visit::Expr(&d.for_each));
                next.push(Visit::Body(&d.content));
            }
            todo.extend(next.drain(..).rev());
        }
    }
}

impl Body {
    /// Calls `f` on every expression of the body, mutably, in the order of
    /// [`Body::walk_exprs`].
    pub(crate) fn walk_exprs_mut(&mut self, f: &mut dyn FnMut(&mut RawExpr)) {
        for (_, e) in &mut self.entries {
            match e {
                Entry::Attr(v) => f(v),
                Entry::Block(b) => b.walk_exprs_mut(f),
                Entry::Blocks(bs) => bs.iter_mut().for_each(|b| b.walk_exprs_mut(f)),
                Entry::MapBlocks(bs) => bs.iter_mut().for_each(|(_, b)| b.walk_exprs_mut(f)),
            }
        }
        for (_, d) in &mut self.dynamic {
            f(&mut d.for_each);
            d.content.walk_exprs_mut(f);
        }
    }

    /// The attributes as an object value (nested blocks as objects), for settings such as a
    /// backend's, which are literals.
    pub(crate) fn to_object(&self) -> RawExpr {
        let mut map = crate::expr::ObjectMap::new();
        for (name, e) in &self.entries {
            let v = match e {
                Entry::Attr(v) => v.clone(),
                Entry::Block(b) => b.to_object(),
                Entry::Blocks(bs) => RawExpr::Tuple(bs.iter().map(Body::to_object).collect()),
                Entry::MapBlocks(bs) => {
                    RawExpr::Object(bs.iter().map(|(k, b)| (k.clone(), b.to_object())).collect())
                }
            };
            map.insert(name.to_string(), v);
        }
        RawExpr::Object(map)
    }
}

/// Sets the key at `parts` in an object literal, making the objects on the way (replacing a
/// value that is not an object), without recursion.
fn set_in_object(map: &mut crate::expr::ObjectMap, parts: &[&str], value: RawExpr) {
    let mut map = map;
    let mut parts = parts;
    loop {
        match parts {
            [] => return,
            [last] => {
                map.insert((*last).to_owned(), value);
                return;
            }
            [first, rest @ ..] => {
                if !matches!(map.get(first), Some(RawExpr::Object(_))) {
                    map.insert(
                        (*first).to_owned(),
                        RawExpr::Object(crate::expr::ObjectMap::new()),
                    );
                }
                map = match map.get_mut(first) {
                    Some(RawExpr::Object(inner)) => inner,
                    _ => return,
                };
                parts = rest;
            }
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

/// How [`Node::append_object`] joins a new element to a value given as an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// `concat(value, [item])`, for lists.
    Concat,
    /// `setunion(value, [item])`, for sets.
    SetUnion,
}

impl Join {
    fn function(self) -> &'static str {
        match self {
            Self::Concat => "concat",
            Self::SetUnion => "setunion",
        }
    }
}

/// The body of a generated type: its arguments and nested blocks kept sorted by name (so the
/// output does not depend on the order the setters were called in), plus what the kind of
/// block carries besides (`X`): [`Meta`](crate::Meta) for resources and data sources, the alias
/// for a provider configuration, nothing for nested blocks and objects.
///
/// Generated bindings are thin: each setter is one call to a method here, so what every type
/// repeats lives once in the core.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node<X = ()> {
    body: Body,
    extra: X,
}

impl<X: Default> Node<X> {
    /// An empty node.
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }
}

impl<X> Node<X> {
    fn slot(&mut self, name: &'static str) -> Result<usize, usize> {
        self.body
            .entries
            .binary_search_by(|(n, _)| n.as_ref().cmp(name))
    }

    fn put_sorted(&mut self, name: &'static str, entry: Entry) {
        match self.slot(name) {
            Ok(i) => self.body.entries[i].1 = entry,
            Err(i) => self.body.entries.insert(i, (Name::Borrowed(name), entry)),
        }
    }

    /// Sets the argument `name` (replacing an earlier value).
    #[inline]
    #[must_use]
    pub fn attr(mut self, name: &'static str, value: RawExpr) -> Self {
        self.put_sorted(name, Entry::Attr(value));
        self
    }

    /// Sets the single nested block `name` (replacing an earlier one).
    #[inline]
    #[must_use]
    pub fn block(mut self, name: &'static str, block: impl ToBody) -> Self {
        self.put_sorted(name, Entry::Block(block.into_body()));
        self
    }

    /// Appends a nested block to the list (or set) of blocks `name`.
    #[must_use]
    pub fn push_block(mut self, name: &'static str, block: impl ToBody) -> Self {
        let body = block.into_body();
        match self.slot(name) {
            Ok(i) => match &mut self.body.entries[i].1 {
                Entry::Blocks(v) => v.push(body),
                other => *other = Entry::Blocks(vec![body]),
            },
            Err(i) => self
                .body
                .entries
                .insert(i, (Name::Borrowed(name), Entry::Blocks(vec![body]))),
        }
        self
    }

    /// Adds the nested block labelled `key` to the blocks `name` (nesting mode `map`).
    #[must_use]
    pub fn map_block(mut self, name: &'static str, key: String, block: impl ToBody) -> Self {
        let body = block.into_body();
        match self.slot(name) {
            Ok(i) => match &mut self.body.entries[i].1 {
                Entry::MapBlocks(v) => match v.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = body,
                    None => v.push((key, body)),
                },
                other => *other = Entry::MapBlocks(vec![(key, body)]),
            },
            Err(i) => self.body.entries.insert(
                i,
                (Name::Borrowed(name), Entry::MapBlocks(vec![(key, body)])),
            ),
        }
        self
    }

    /// Adds `dynamic "name"`: one block per element of `for_each`, built by `content` from the
    /// element (`name.value`).
    #[must_use]
    pub fn dynamic<B: ToBody>(
        mut self,
        name: &'static str,
        for_each: RawExpr,
        content: impl FnOnce(Expr<crate::types::Any>) -> B,
    ) -> Self {
        let element = Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(name.to_owned())).attr("value"));
        self.body.dynamic.push((
            name.to_owned(),
            DynamicBlock {
                for_each,
                iterator: None,
                content: content(element).into_body(),
            },
        ));
        self
    }

    /// Adds the blocks of a block type that needs at least one: the block, or the `dynamic`
    /// block ([`AtLeastOne`]).
    #[must_use]
    pub fn push_at_least_one<B: ToBody>(
        mut self,
        name: &'static str,
        blocks: AtLeastOne<B>,
    ) -> Self {
        match blocks {
            AtLeastOne::Block(b) => self.push_block(name, b),
            AtLeastOne::Dynamic(d) => {
                self.body.dynamic.push((name.to_owned(), d));
                self
            }
        }
    }

    /// Adds `dynamic "name"` over a typed collection: as [`Node::dynamic`], with `content`
    /// receiving the element with the collection's element type (`Expr<Number>` for a
    /// `List<Number>`, the value type for a map, `Expr<Any>` for an `any` value).
    #[must_use]
    pub fn dynamic_each<C: crate::expr::ForEachArg, B: ToBody>(
        self,
        name: &'static str,
        for_each: C,
        content: impl FnOnce(Expr<C::Elem>) -> B,
    ) -> Self {
        self.dynamic(name, for_each.into_for_each_raw(), |element| {
            content(Expr::from_raw(element.into_raw()))
        })
    }

    /// Appends one object to the list- or set-of-objects argument `name`; after a value given
    /// as an expression, the two are joined with `concat` / `setunion`.
    #[must_use]
    pub fn append_object(mut self, name: &'static str, item: RawExpr, join: Join) -> Self {
        let joined = match self.slot(name) {
            Ok(i) => {
                match std::mem::replace(&mut self.body.entries[i].1, Entry::Attr(RawExpr::Null)) {
                    // `RawExpr` implements `Drop`: the items are taken, not moved out.
                    Entry::Attr(mut other) => match &mut other {
                        RawExpr::Tuple(items) => {
                            let mut items = std::mem::take(items);
                            items.push(item);
                            RawExpr::Tuple(items)
                        }
                        _ => {
                            RawExpr::call(join.function(), vec![other, RawExpr::Tuple(vec![item])])
                        }
                    },
                    _ => RawExpr::Tuple(vec![item]),
                }
            }
            Err(_) => RawExpr::Tuple(vec![item]),
        };
        self.attr(name, joined)
    }

    /// The typed equivalent of a `dynamic` block for an argument that is a list or set of
    /// objects (attributes as blocks): `[for name in for_each : content(name)]`, appended like
    /// [`Node::append_object`]. `content` builds each object from the element (`name`), typed
    /// by the collection ([`crate::expr::ForEachArg`]); the object writes every key, as
    /// Terraform's JSON syntax requires.
    #[must_use]
    pub fn for_each_object<C: crate::expr::ForEachArg, O: crate::expr::ObjectValue>(
        self,
        name: &'static str,
        for_each: C,
        content: impl FnOnce(Expr<C::Elem>) -> O,
        join: Join,
    ) -> Self {
        let element = Expr::from_raw(RawExpr::Ref(RefRoot::Symbol(name.to_owned())));
        let list = RawExpr::For(Box::new(crate::expr::ForExpr {
            key_var: None,
            value_var: name.to_owned(),
            collection: for_each.into_for_each_raw(),
            key: None,
            value: content(element).into_object(),
            grouping: false,
            cond: None,
        }));
        let joined = match self.body.get_attr(name) {
            None => list,
            Some(RawExpr::Tuple(items)) if items.is_empty() => list,
            Some(other) => RawExpr::call(join.function(), vec![other.clone(), list]),
        };
        self.attr(name, joined)
    }

    /// The object value of an object-typed argument: every key of `keys` (sorted) is written,
    /// unset ones as `null`, as Terraform requires of an object in its JSON syntax.
    pub fn into_object(mut self, keys: &[&'static str]) -> RawExpr {
        let mut entries = std::mem::take(&mut self.body.entries)
            .into_iter()
            .peekable();
        let mut object = crate::expr::ObjectMap::default();
        for key in keys {
            let value = match entries.peek() {
                Some((n, _)) if n == key => match entries.next() {
                    Some((_, Entry::Attr(v))) => v,
                    _ => RawExpr::Null,
                },
                _ => RawExpr::Null,
            };
            object.insert((*key).to_owned(), value);
        }
        RawExpr::Object(object)
    }

    /// The body and what the node carries besides.
    #[inline]
    pub fn into_parts(self) -> (Body, X) {
        (self.body, self.extra)
    }

    /// What the node carries besides its body.
    #[inline]
    pub fn extra(&self) -> &X {
        &self.extra
    }

    /// What the node carries besides its body, mutably.
    #[inline]
    pub fn extra_mut(&mut self) -> &mut X {
        &mut self.extra
    }
}

impl ToBody for Node {
    #[inline]
    fn into_body(self) -> Body {
        self.body
    }
}

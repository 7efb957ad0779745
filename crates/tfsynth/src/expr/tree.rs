//! Walking, cloning, comparing, dropping and printing expression trees of any depth without
//! overflowing the stack.
//!
//! Every pass recurses up to [`RECURSION`] levels (fast, no allocation: real expressions are a
//! few levels deep) and continues with an explicit stack below that, so an expression nested
//! 1,000,000 levels deep is cloned, walked, compared and dropped like any other. Dropping a
//! deep tree takes it apart on the heap first ([`RawExpr::dismantle`], from `RawExpr`'s own
//! `Drop`). A stack refuses anything nested deeper than [`MAX_DEPTH`] when it is declared, so
//! the recursive writers (validation, JSON, HCL, graph) never see it; the writers a program can
//! call on any expression (`Display`, `Debug`, [`render_hcl`](super::render_hcl),
//! [`to_json_string`](super::render::to_json_string)) stop [`WRITE_DEPTH`] levels down and
//! write a marker there instead ([`fmt_nested`], [`too_deep`]).

use std::cell::Cell;
use std::fmt;
use std::thread::LocalKey;

use super::{ForExpr, ObjectMap, RawExpr, TemplatePart};

/// Recursion depth of a pass before it switches to an explicit stack.
pub(crate) const RECURSION: u32 = 64;

/// The deepest nesting of expressions and nested blocks a stack accepts. Real configurations
/// nest a few levels; the writers (JSON, HCL through hcl-rs) recurse per level, and at this
/// limit they need well under a 2 MiB thread stack (HCL nested blocks overflow one near 900
/// levels in a debug build).
pub const MAX_DEPTH: usize = 256;

/// How deep the writers a program can call on any value go (`Display` and `Debug` of
/// expressions, types and bodies, [`render_hcl`](super::render_hcl),
/// [`to_json_string`](super::render::to_json_string)) before they write a marker instead of
/// the rest: twice what a stack accepts, so that nothing a stack holds is ever cut, and within
/// a 2 MiB thread stack in a debug build.
pub(crate) const WRITE_DEPTH: usize = 2 * MAX_DEPTH;

/// How deep pretty `Debug` (`{:#?}`) goes: its indentation makes the text grow with the square
/// of the depth, and the time with its cube.
pub(crate) const PRETTY_DEPTH: usize = MAX_DEPTH / 2;

/// What a writer puts where it stops: `… (expression nested deeper than 512 levels)`.
pub(crate) fn too_deep(what: &str) -> String {
    too_deep_at(what, WRITE_DEPTH)
}

fn too_deep_at(what: &str, limit: usize) -> String {
    format!("… ({what} nested deeper than {limit} levels)")
}

thread_local! {
    /// How many expressions, types and blocks the `Debug` and `Display` impls of this thread
    /// are inside, each kind counted apart.
    pub(crate) static EXPR_FMT_DEPTH: Cell<usize> = const { Cell::new(0) };
    pub(crate) static TYPE_FMT_DEPTH: Cell<usize> = const { Cell::new(0) };
    pub(crate) static BODY_FMT_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Writes one level of a nested value with `write`, one level deeper in `depth`; past
/// [`WRITE_DEPTH`] levels of `what` (`expression`, `type`, `block`), or [`PRETTY_DEPTH`] in the
/// alternate form (`{:#?}`), it writes the marker of [`too_deep`] instead. For `Debug` and
/// `Display` impls, which recurse through the formatting machinery and cannot return a useful
/// error.
pub(crate) fn fmt_nested(
    f: &mut fmt::Formatter<'_>,
    depth: &'static LocalKey<Cell<usize>>,
    what: &str,
    write: impl FnOnce(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    /// Restores the count on the way out, a panic included.
    struct Leave(&'static LocalKey<Cell<usize>>, usize);
    impl Drop for Leave {
        fn drop(&mut self) {
            let _ = self.0.try_with(|d| d.set(self.1));
        }
    }
    let limit = if f.alternate() {
        PRETTY_DEPTH
    } else {
        WRITE_DEPTH
    };
    let Ok(level) = depth.try_with(Cell::get) else {
        // The thread is going away: write nothing nested.
        return f.write_str(&too_deep_at(what, limit));
    };
    if level >= limit {
        return f.write_str(&too_deep_at(what, limit));
    }
    depth.with(|d| d.set(level + 1));
    let _leave = Leave(depth, level);
    write(f)
}

impl RawExpr {
    /// Calls `f` on each direct child, in order.
    pub(crate) fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a RawExpr)) {
        match self {
            Self::Tuple(items) | Self::Call(_, items, _) => items.iter().for_each(f),
            Self::Object(map) => map.values().for_each(f),
            Self::Attr(e, _) | Self::Splat(e) | Self::Group(e) | Self::Unary(_, e) => f(e),
            Self::Index(a, b) | Self::Binary(_, a, b) => {
                f(a);
                f(b);
            }
            Self::Template(parts) => {
                for p in parts {
                    if let TemplatePart::Interp(e) = p {
                        f(e);
                    }
                }
            }
            Self::For(fe) => {
                f(&fe.collection);
                if let Some(k) = &fe.key {
                    f(k);
                }
                f(&fe.value);
                if let Some(c) = &fe.cond {
                    f(c);
                }
            }
            Self::Conditional(c, a, b) => {
                f(c);
                f(a);
                f(b);
            }
            Self::Null
            | Self::Bool(_)
            | Self::Number(_)
            | Self::String(_)
            | Self::Ref(_)
            | Self::Raw(_)
            | Self::Invalid(_) => {}
        }
    }

    /// Calls `f` on each direct child, mutably, in order.
    pub(crate) fn for_each_child_mut<'a>(&'a mut self, mut f: impl FnMut(&'a mut RawExpr)) {
        match self {
            Self::Tuple(items) | Self::Call(_, items, _) => items.iter_mut().for_each(f),
            Self::Object(map) => map.values_mut().for_each(f),
            Self::Attr(e, _) | Self::Splat(e) | Self::Group(e) | Self::Unary(_, e) => f(e),
            Self::Index(a, b) | Self::Binary(_, a, b) => {
                f(a);
                f(b);
            }
            Self::Template(parts) => {
                for p in parts {
                    if let TemplatePart::Interp(e) = p {
                        f(e);
                    }
                }
            }
            Self::For(fe) => {
                let ForExpr {
                    collection,
                    key,
                    value,
                    cond,
                    ..
                } = &mut **fe;
                f(collection);
                if let Some(k) = key {
                    f(k);
                }
                f(value);
                if let Some(c) = cond {
                    f(c);
                }
            }
            Self::Conditional(c, a, b) => {
                f(c);
                f(a);
                f(b);
            }
            Self::Null
            | Self::Bool(_)
            | Self::Number(_)
            | Self::String(_)
            | Self::Ref(_)
            | Self::Raw(_)
            | Self::Invalid(_) => {}
        }
    }

    fn has_children(&self) -> bool {
        let mut any = false;
        self.for_each_child(|_| any = true);
        any
    }

    /// True when the tree is more than `limit` levels deep (a leaf is one level). Recurses at
    /// most `limit` levels.
    pub(crate) fn deeper_than(&self, limit: usize) -> bool {
        if limit == 0 {
            return true;
        }
        let mut deep = false;
        self.for_each_child(|c| deep = deep || c.deeper_than(limit - 1));
        deep
    }

    pub(super) fn walk_bounded<'a>(&'a self, f: &mut dyn FnMut(&'a RawExpr), budget: u32) {
        if budget == 0 {
            return self.walk_iter(f);
        }
        f(self);
        self.for_each_child(|c| c.walk_bounded(f, budget - 1));
    }

    fn walk_iter<'a>(&'a self, f: &mut dyn FnMut(&'a RawExpr)) {
        let mut todo = vec![self];
        while let Some(node) = todo.pop() {
            f(node);
            let start = todo.len();
            node.for_each_child(|c| todo.push(c));
            todo[start..].reverse();
        }
    }

    pub(super) fn walk_mut_bounded(&mut self, f: &mut dyn FnMut(&mut RawExpr), budget: u32) {
        if budget == 0 {
            return self.walk_mut_iter(f);
        }
        f(self);
        self.for_each_child_mut(|c| c.walk_mut_bounded(f, budget - 1));
    }

    fn walk_mut_iter(&mut self, f: &mut dyn FnMut(&mut RawExpr)) {
        let mut todo: Vec<&mut RawExpr> = vec![self];
        while let Some(node) = todo.pop() {
            f(node);
            let start = todo.len();
            node.for_each_child_mut(|c| todo.push(c));
            todo[start..].reverse();
        }
    }

    fn clone_bounded(&self, budget: u32) -> RawExpr {
        if budget == 0 {
            return self.clone_iter();
        }
        self.rebuild(&mut |c: &RawExpr| c.clone_bounded(budget - 1))
    }

    /// A copy of this node whose children are `child(original child)`, in order.
    fn rebuild(&self, child: &mut dyn FnMut(&RawExpr) -> RawExpr) -> RawExpr {
        let boxed = |e: &RawExpr, child: &mut dyn FnMut(&RawExpr) -> RawExpr| Box::new(child(e));
        match self {
            Self::Null => Self::Null,
            Self::Bool(b) => Self::Bool(*b),
            Self::Number(n) => Self::Number(n.clone()),
            Self::String(s) => Self::String(s.clone()),
            Self::Ref(r) => Self::Ref(r.clone()),
            Self::Raw(s) => Self::Raw(s.clone()),
            Self::Invalid(s) => Self::Invalid(s.clone()),
            Self::Tuple(items) => Self::Tuple(items.iter().map(&mut *child).collect()),
            Self::Call(name, args, expand) => Self::Call(
                name.clone(),
                args.iter().map(&mut *child).collect(),
                *expand,
            ),
            Self::Object(map) => Self::Object(ObjectMap::from_distinct(
                map.iter().map(|(k, v)| (k.clone(), child(v))).collect(),
            )),
            Self::Attr(e, name) => Self::Attr(boxed(e, child), name.clone()),
            Self::Splat(e) => Self::Splat(boxed(e, child)),
            Self::Group(e) => Self::Group(boxed(e, child)),
            Self::Unary(op, e) => Self::Unary(*op, boxed(e, child)),
            Self::Index(a, b) => {
                let a = boxed(a, child);
                Self::Index(a, boxed(b, child))
            }
            Self::Binary(op, a, b) => {
                let a = boxed(a, child);
                Self::Binary(*op, a, boxed(b, child))
            }
            Self::Conditional(c, a, b) => {
                let c = boxed(c, child);
                let a = boxed(a, child);
                Self::Conditional(c, a, boxed(b, child))
            }
            Self::Template(parts) => Self::Template(
                parts
                    .iter()
                    .map(|p| match p {
                        TemplatePart::Lit(s) => TemplatePart::Lit(s.clone()),
                        TemplatePart::Interp(e) => TemplatePart::Interp(child(e)),
                    })
                    .collect(),
            ),
            Self::For(fe) => {
                let collection = child(&fe.collection);
                let key = fe.key.as_ref().map(&mut *child);
                let value = child(&fe.value);
                let cond = fe.cond.as_ref().map(&mut *child);
                Self::For(Box::new(ForExpr {
                    key_var: fe.key_var.clone(),
                    value_var: fe.value_var.clone(),
                    collection,
                    key,
                    value,
                    grouping: fe.grouping,
                    cond,
                }))
            }
        }
    }

    /// Clones without recursion: nodes in pre-order, then rebuilt in reverse, each taking its
    /// children's copies from a stack (the first child on top).
    fn clone_iter(&self) -> RawExpr {
        let mut order: Vec<&RawExpr> = Vec::new();
        let mut todo = vec![self];
        while let Some(node) = todo.pop() {
            order.push(node);
            let start = todo.len();
            node.for_each_child(|c| todo.push(c));
            todo[start..].reverse();
        }
        let mut done: Vec<RawExpr> = Vec::with_capacity(order.len());
        for node in order.into_iter().rev() {
            let copy = node.rebuild(&mut |_| done.pop().unwrap_or(RawExpr::Null));
            done.push(copy);
        }
        done.pop().unwrap_or(RawExpr::Null)
    }
}

impl RawExpr {
    /// Equal as nodes: the same variant and the same data apart from the children, and as
    /// many children.
    fn same_node(&self, other: &RawExpr) -> bool {
        use TemplatePart::{Interp, Lit};
        match (self, other) {
            (Self::Null, Self::Null)
            | (Self::Index(..), Self::Index(..))
            | (Self::Splat(_), Self::Splat(_))
            | (Self::Group(_), Self::Group(_))
            | (Self::Conditional(..), Self::Conditional(..)) => true,
            (Self::Bool(a), Self::Bool(b)) => a == b,
            (Self::Number(a), Self::Number(b)) => a == b,
            (Self::String(a), Self::String(b))
            | (Self::Raw(a), Self::Raw(b))
            | (Self::Invalid(a), Self::Invalid(b)) => a == b,
            (Self::Ref(a), Self::Ref(b)) => a == b,
            (Self::Tuple(a), Self::Tuple(b)) => a.len() == b.len(),
            (Self::Call(n, a, x), Self::Call(m, b, y)) => n == m && x == y && a.len() == b.len(),
            (Self::Object(a), Self::Object(b)) => a.len() == b.len() && a.keys().eq(b.keys()),
            (Self::Attr(_, a), Self::Attr(_, b)) => a == b,
            (Self::Unary(a, _), Self::Unary(b, _)) => a == b,
            (Self::Binary(a, ..), Self::Binary(b, ..)) => a == b,
            (Self::Template(a), Self::Template(b)) => {
                a.len() == b.len()
                    && a.iter().zip(b).all(|pair| match pair {
                        (Lit(x), Lit(y)) => x == y,
                        (Interp(_), Interp(_)) => true,
                        _ => false,
                    })
            }
            (Self::For(a), Self::For(b)) => {
                a.key_var == b.key_var
                    && a.value_var == b.value_var
                    && a.grouping == b.grouping
                    && a.key.is_some() == b.key.is_some()
                    && a.cond.is_some() == b.cond.is_some()
            }
            _ => false,
        }
    }
}

/// Compares on the heap, node by node: trees of any depth.
impl PartialEq for RawExpr {
    fn eq(&self, other: &RawExpr) -> bool {
        if !self.same_node(other) {
            return false;
        }
        if !self.has_children() {
            return true;
        }
        let mut todo: Vec<(&RawExpr, &RawExpr)> = vec![(self, other)];
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

impl Clone for RawExpr {
    fn clone(&self) -> Self {
        self.clone_bounded(RECURSION)
    }
}

impl RawExpr {
    /// True when a child has children of its own.
    fn has_grandchildren(&self) -> bool {
        let mut any = false;
        self.for_each_child(|c| any = any || c.has_children());
        any
    }

    /// Takes a deep tree apart on the heap, leaving `self` without children, so that dropping
    /// it cannot overflow the stack. A tree at most [`RECURSION`] levels deep is left alone
    /// (dropping it recurses that far at most). `Drop` calls this on every node.
    pub(crate) fn dismantle(&mut self) {
        if !self.has_grandchildren() || !self.deeper_than(RECURSION as usize) {
            return;
        }
        let mut todo: Vec<RawExpr> = Vec::new();
        self.for_each_child_mut(|c| todo.push(std::mem::replace(c, RawExpr::Null)));
        while let Some(mut node) = todo.pop() {
            node.for_each_child_mut(|c| {
                if c.has_children() {
                    todo.push(std::mem::replace(c, RawExpr::Null));
                }
            });
            // `node` now has no grandchildren: dropping it recurses one level.
        }
    }
}

/// Dropping never recurses past 64 levels: a deeper tree is taken apart on the heap
/// first. Because of this impl nothing can be moved out of a `RawExpr` by a pattern; take the
/// parts with `std::mem::take` / `std::mem::replace` through a `&mut` match instead.
impl Drop for RawExpr {
    fn drop(&mut self) {
        self.dismantle();
    }
}

/// As `#[derive(Debug)]` would write it, down to 512 levels (128 for `{:#?}`); a marker stands
/// for what is deeper (`… (expression nested deeper than 512 levels)`).
impl fmt::Debug for RawExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_nested(f, &EXPR_FMT_DEPTH, "expression", |f| match self {
            Self::Null => f.write_str("Null"),
            Self::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            Self::Number(n) => f.debug_tuple("Number").field(n).finish(),
            Self::String(s) => f.debug_tuple("String").field(s).finish(),
            Self::Tuple(items) => f.debug_tuple("Tuple").field(items).finish(),
            Self::Object(map) => f.debug_tuple("Object").field(map).finish(),
            Self::Ref(root) => f.debug_tuple("Ref").field(root).finish(),
            Self::Attr(e, name) => f.debug_tuple("Attr").field(e).field(name).finish(),
            Self::Index(a, b) => f.debug_tuple("Index").field(a).field(b).finish(),
            Self::Splat(e) => f.debug_tuple("Splat").field(e).finish(),
            Self::Group(e) => f.debug_tuple("Group").field(e).finish(),
            Self::Template(parts) => f.debug_tuple("Template").field(parts).finish(),
            Self::For(fe) => f.debug_tuple("For").field(fe).finish(),
            Self::Conditional(c, a, b) => f
                .debug_tuple("Conditional")
                .field(c)
                .field(a)
                .field(b)
                .finish(),
            Self::Binary(op, a, b) => f.debug_tuple("Binary").field(op).field(a).field(b).finish(),
            Self::Unary(op, e) => f.debug_tuple("Unary").field(op).field(e).finish(),
            Self::Call(name, args, expand) => f
                .debug_tuple("Call")
                .field(name)
                .field(args)
                .field(expand)
                .finish(),
            Self::Raw(s) => f.debug_tuple("Raw").field(s).finish(),
            Self::Invalid(s) => f.debug_tuple("Invalid").field(s).finish(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{BinOp, RefRoot};

    fn chain(depth: usize) -> RawExpr {
        let mut e = RawExpr::Ref(RefRoot::Var("x".into()));
        for i in 0..depth {
            e = match i % 6 {
                0 => RawExpr::Binary(BinOp::Add, Box::new(e), Box::new(1.into())),
                1 => RawExpr::call("f", vec![e]),
                2 => RawExpr::Tuple(vec![e]),
                3 => RawExpr::Template(vec!["a".into(), TemplatePart::Interp(e)]),
                4 => RawExpr::Object([("k".to_owned(), e)].into_iter().collect()),
                _ => RawExpr::For(Box::new(ForExpr {
                    key_var: None,
                    value_var: "v".into(),
                    collection: e,
                    key: None,
                    value: RawExpr::Null,
                    grouping: false,
                    cond: None,
                })),
            };
        }
        e
    }

    #[test]
    fn clone_walk_and_drop_survive_100_000_levels() {
        let e = chain(100_000);
        let copy = e.clone();
        assert!(copy == e, "deep trees compare equal without recursing");
        let mut nodes = 0usize;
        copy.walk(&mut |_| nodes += 1);
        let mut original = 0usize;
        e.walk(&mut |_| original += 1);
        assert_eq!(nodes, original);
        assert!(copy.deeper_than(MAX_DEPTH));
        let mut copy = copy;
        let mut renamed = 0usize;
        copy.walk_mut(&mut |n| {
            if let RawExpr::Ref(RefRoot::Var(v)) = n {
                *v = "y".into();
                renamed += 1;
            }
        });
        assert_eq!(renamed, 1);
        copy.dismantle();
        drop(copy);
        let mut e = e;
        e.dismantle();
        assert!(!e.has_children() || !e.deeper_than(2));
        drop(e);
    }

    #[test]
    fn clone_and_walk_keep_order_across_the_switch_to_the_heap() {
        // Deep enough to switch, with several children per node.
        let mut e: RawExpr = "leaf".into();
        for i in 0..200 {
            e = RawExpr::Conditional(
                Box::new(RawExpr::Number(i.into())),
                Box::new(e),
                Box::new(RawExpr::String(format!("s{i}"))),
            );
        }
        let copy = e.clone();
        assert!(copy == e);
        let mut other = e.clone();
        if let RawExpr::Conditional(_, _, b) = &mut other {
            **b = "changed".into();
        }
        assert!(other != e);
        let mut a = Vec::new();
        e.walk(&mut |n| a.push(n as *const RawExpr as usize));
        let mut order_a = Vec::new();
        e.walk(&mut |n| {
            if let RawExpr::String(s) | RawExpr::Raw(s) = n {
                order_a.push(s.clone());
            }
        });
        let mut order_b = Vec::new();
        copy.walk(&mut |n| {
            if let RawExpr::String(s) | RawExpr::Raw(s) = n {
                order_b.push(s.clone());
            }
        });
        assert_eq!(order_a, order_b);
        assert_eq!(order_a.first().map(String::as_str), Some("leaf"));
        assert_eq!(a.len(), 601);
    }

    #[test]
    fn debug_writes_what_the_derive_wrote() {
        let e = RawExpr::call(
            "f",
            vec![
                RawExpr::Ref(RefRoot::Var("x".into())).attr("id"),
                RawExpr::Null,
            ],
        );
        assert_eq!(
            format!("{e:?}"),
            r#"Call("f", [Attr(Ref(Var("x")), "id"), Null], false)"#
        );
        assert_eq!(
            format!("{:#?}", RawExpr::Tuple(vec![RawExpr::Bool(true)])),
            "Tuple(\n    [\n        Bool(\n            true,\n        ),\n    ],\n)"
        );
    }

    #[test]
    fn debug_stops_deep_and_counts_again_for_the_next_value() {
        let deep = chain(1_000);
        let shallow = RawExpr::Tuple(vec![RawExpr::Null]);
        let text = format!("{deep:?} {shallow:?} {deep:?}");
        let marker = "… (expression nested deeper than 512 levels)";
        assert_eq!(text.matches(marker).count(), 2, "{text}");
        assert!(text.contains(") Tuple([Null]) "), "{text}");
        assert!(format!("{:?}", chain(500)).find('…').is_none());
    }

    #[test]
    fn depth_is_counted_in_levels() {
        assert!(!RawExpr::Null.deeper_than(1));
        assert!(RawExpr::Null.deeper_than(0));
        let two = RawExpr::Tuple(vec![RawExpr::Null]);
        assert!(!two.deeper_than(2));
        assert!(two.deeper_than(1));
        assert!(chain(10).deeper_than(10));
        assert!(!chain(10).deeper_than(11));
    }
}

//! Walking, cloning and dropping expression trees of any depth without overflowing the stack.
//!
//! Every pass recurses up to [`RECURSION`] levels (fast, no allocation: real expressions are a
//! few levels deep) and continues with an explicit stack below that, so an expression nested
//! 100,000 levels deep is cloned and walked like any other. Dropping recurses (a `Drop` on
//! `RawExpr` would forbid moving out of its variants, which generated code does): the typed
//! wrappers and the stack take deep trees apart first ([`RawExpr::dismantle`]). A stack refuses
//! anything nested deeper than [`MAX_DEPTH`] when it is declared, so the recursive writers
//! (validation, JSON, HCL, graph) never see it.

use super::{ForExpr, ObjectMap, RawExpr, TemplatePart};

/// Recursion depth of a pass before it switches to an explicit stack.
pub(super) const RECURSION: u32 = 64;

/// The deepest nesting of expressions and nested blocks a stack accepts. Real configurations
/// nest a few levels; the writers (JSON, HCL through hcl-rs) recurse per level, and at this
/// limit they need well under a 2 MiB thread stack (HCL nested blocks overflow one near 900
/// levels in a debug build).
pub const MAX_DEPTH: usize = 256;

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
    /// Takes a deep tree apart on the heap, leaving `self` without children, so that dropping
    /// it cannot overflow the stack. A shallow tree is left alone (dropping it recurses a few
    /// levels). [`Expr`](super::Expr) and [`Value`](super::Value) call this when dropped; the
    /// stack calls it on what it refuses as too deep.
    pub(crate) fn dismantle(&mut self) {
        if !self.has_children() || !self.deeper_than(RECURSION as usize) {
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

//! The nesting limit, checked when something is declared: a stack never holds an expression or
//! a block nested deeper than [`MAX_DEPTH`] levels, so every later pass (validation, graph,
//! JSON, HCL, clone, drop) may recurse.

use crate::body::{Body, Entry};
use crate::error::Error;
use crate::expr::{RawExpr, MAX_DEPTH};

/// True when `body` nests blocks and expressions more than [`MAX_DEPTH`] levels deep (a nested
/// block is one level). Walks the blocks on the heap.
pub(crate) fn body_too_deep(body: &Body) -> bool {
    let mut todo = vec![(body, 0usize)];
    while let Some((b, level)) = todo.pop() {
        if level >= MAX_DEPTH {
            return true;
        }
        let left = MAX_DEPTH - level;
        for (_, entry) in b.entries() {
            match entry {
                Entry::Attr(v) => {
                    if v.deeper_than(left) {
                        return true;
                    }
                }
                Entry::Block(inner) => todo.push((inner, level + 1)),
                Entry::Blocks(bs) => todo.extend(bs.iter().map(|x| (x, level + 1))),
                Entry::MapBlocks(bs) => todo.extend(bs.iter().map(|(_, x)| (x, level + 1))),
            }
        }
        for (_, d) in b.dynamic_blocks() {
            if d.for_each.deeper_than(left) {
                return true;
            }
            todo.push((&d.content, level + 1));
        }
    }
    false
}

/// Guards what one declaration brings into a stack: every expression or body found too deep
/// is taken out (an expression taken apart on the heap, a body replaced by an empty one) and
/// one [`Error::TooDeep`] is reported for the declaration.
pub(crate) struct Guard<'e> {
    errors: &'e mut Vec<Error>,
    used_in: String,
    path: String,
    reported: bool,
}

impl<'e> Guard<'e> {
    pub(crate) fn new(errors: &'e mut Vec<Error>, used_in: String, path: &str) -> Self {
        Self {
            errors,
            used_in,
            path: path.to_owned(),
            reported: false,
        }
    }

    fn report(&mut self) {
        if !self.reported {
            self.reported = true;
            self.errors.push(Error::TooDeep {
                used_in: std::mem::take(&mut self.used_in),
                path: std::mem::take(&mut self.path),
                limit: MAX_DEPTH,
            });
        }
    }

    /// Replaces `e` when it is too deep, by raw `null`: a placeholder no other check reports
    /// (a literal `null` would be an invalid `count`), never written (the stack is invalid).
    pub(crate) fn expr(&mut self, e: &mut RawExpr) {
        if e.deeper_than(MAX_DEPTH) {
            self.report();
            e.dismantle();
            *e = RawExpr::Raw("null".to_owned());
        }
    }

    /// Replaces `body` by an empty one when it is too deep. The body cannot be taken apart
    /// from here (its entries are not reachable mutably), and dropping it would overflow the
    /// stack, so it is leaked: a one-off cost of a stack that will not synthesize anyway.
    pub(crate) fn body(&mut self, body: &mut Body) {
        if body_too_deep(body) {
            self.report();
            std::mem::forget(std::mem::take(body));
        }
    }
}

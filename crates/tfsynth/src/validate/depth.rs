//! The nesting limit, checked when something is declared: a stack never holds an expression or
//! a block nested deeper than [`MAX_DEPTH`] levels, so every later pass (validation, graph,
//! JSON, HCL) may recurse. (Clone, comparison and drop work at any depth.)

use crate::body::{Body, Entry};
use crate::error::Error;
use crate::expr::{RawExpr, MAX_DEPTH};

/// True when `body` nests blocks and expressions more than [`MAX_DEPTH`] levels deep (a nested
/// block is one level). Recurses at most [`MAX_DEPTH`] levels and allocates nothing: it runs
/// for every declared block.
pub(crate) fn body_too_deep(body: &Body) -> bool {
    body_deeper_than(body, MAX_DEPTH)
}

fn body_deeper_than(b: &Body, left: usize) -> bool {
    if left == 0 {
        return true;
    }
    b.entries().iter().any(|(_, entry)| match entry {
        Entry::Attr(v) => v.deeper_than(left),
        Entry::Block(inner) => body_deeper_than(inner, left - 1),
        Entry::Blocks(bs) => bs.iter().any(|x| body_deeper_than(x, left - 1)),
        Entry::MapBlocks(bs) => bs.iter().any(|(_, x)| body_deeper_than(x, left - 1)),
    }) || b
        .dynamic_blocks()
        .iter()
        .any(|(_, d)| d.for_each.deeper_than(left) || body_deeper_than(&d.content, left - 1))
}

/// Guards what one declaration brings into a stack: every expression or body found too deep
/// is taken out (an expression taken apart on the heap, a body replaced by an empty one) and
/// one [`Error::TooDeep`] is reported for the declaration.
/// The block's address is made only when it is reported: this runs for every declaration.
pub(crate) struct Guard<'e, F: Fn() -> String> {
    errors: &'e mut Vec<Error>,
    used_in: F,
    path: &'e str,
    reported: bool,
}

impl<'e, F: Fn() -> String> Guard<'e, F> {
    pub(crate) fn new(errors: &'e mut Vec<Error>, used_in: F, path: &'e str) -> Self {
        Self {
            errors,
            used_in,
            path,
            reported: false,
        }
    }

    fn report(&mut self) {
        if !self.reported {
            self.reported = true;
            self.errors.push(Error::TooDeep {
                used_in: (self.used_in)(),
                path: self.path.to_owned(),
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

    /// Replaces a variable's type by `any` when it is too deep.
    pub(crate) fn ty(&mut self, t: &mut crate::types::TypeExpr) {
        if t.deeper_than(MAX_DEPTH) {
            self.report();
            t.dismantle();
        }
    }

    /// Replaces `body` by an empty one when it is too deep (dropping a body of any depth takes
    /// it apart on the heap).
    pub(crate) fn body(&mut self, body: &mut Body) {
        if body_too_deep(body) {
            self.report();
            *body = Body::default();
        }
    }
}

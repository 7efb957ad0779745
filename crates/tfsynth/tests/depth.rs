//! Deep input: expressions and blocks nested far past any real configuration are refused with
//! an error naming the block and the limit, never a stack overflow (clone, drop, validate,
//! synth, HCL, graph). Each test runs in a thread with a 2 MiB stack, the size of a test
//! thread and less than a main thread's.

use insta::assert_snapshot;
use tfsynth::expr::MAX_DEPTH;
use tfsynth::graph::Graph;
use tfsynth::prelude::*;
use tfsynth::{Body, Module, RawExpr, RawResource, TypeExpr};

/// Runs `f` on a thread with a 2 MiB stack.
fn small_stack(f: impl FnOnce() + Send + 'static) {
    let t = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn a test thread");
    if let Err(e) = t.join() {
        std::panic::resume_unwind(e);
    }
}

/// `var.n + 1 + 1 ...`: an expression `levels` levels deep.
fn sum(stack: &mut Stack, levels: usize) -> Expr<Number> {
    let n: Expr<Number> = stack.variable("n", Variable::new());
    let mut e = n;
    for _ in 1..levels {
        e = e + 1;
    }
    e
}

/// `[[[...["x"]...]]]`: a literal `levels` levels deep.
fn nested_list(levels: usize) -> RawExpr {
    let mut e = RawExpr::from("x");
    for _ in 1..levels {
        e = RawExpr::Tuple(vec![e]);
    }
    e
}

/// `levels` nested blocks, the innermost holding one attribute.
fn nested_blocks(levels: usize) -> Body {
    let mut b = Body::new().attr("x", 1);
    for _ in 0..levels {
        b = Body::new().block("inner", b);
    }
    b
}

#[test]
fn a_100_000_level_stack_is_refused_with_one_error_per_block() {
    small_stack(|| {
        let mut stack = Stack::new();
        let deep = sum(&mut stack, 100_000);
        // Clones and drops of the deep expression itself do not overflow either.
        let copies = vec![deep.clone(), deep.clone()];
        drop(copies);
        stack.local::<Number, _>("total", deep.clone());
        stack.resource(
            "r",
            RawResource::new("aws_s3_bucket")
                .attr("bucket", "b")
                .attr("tags", nested_list(100_000))
                .count(deep.clone()),
        );
        stack.resource(
            "blocks",
            RawResource::new("aws_s3_bucket").block("x", nested_blocks(100_000)),
        );
        stack.output("o", Output::new(deep.clone()));
        stack.module("m", Module::new("./m").input("n", deep));
        let errors = stack.synth().expect_err("too deep");
        assert_snapshot!(errors, @"
        5 errors:
          - local.total (at total) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
          - aws_s3_bucket.r (at r) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
          - aws_s3_bucket.blocks (at blocks) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
          - output.o (at o) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
          - module.m (at m) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
        ");
        // Every pass over the stack still works on what is left.
        let _ = Graph::of(&stack).to_dot();
        let copy = stack.clone();
        drop(copy);
        drop(stack);
    });
}

#[test]
fn the_limit_itself_is_accepted_and_written() {
    small_stack(|| {
        let mut stack = Stack::new();
        let deep = sum(&mut stack, MAX_DEPTH);
        stack.local::<Number, _>("total", deep);
        stack.resource(
            "r",
            RawResource::new("aws_s3_bucket")
                .attr("bucket", "b")
                .attr("tags", nested_list(MAX_DEPTH)),
        );
        // The attribute inside `x` and MAX_DEPTH - 2 blocks: MAX_DEPTH levels.
        stack.resource(
            "blocks",
            RawResource::new("aws_s3_bucket").block("x", nested_blocks(MAX_DEPTH - 2)),
        );
        let json = stack.synth().expect("at the limit");
        assert!(json.contains("var.n + 1 + 1"));
        assert_eq!(Graph::of(&stack).nodes.len(), 4);
        #[cfg(feature = "hcl")]
        {
            let hcl = tfsynth::hcl::synth_hcl(&stack, tfsynth::SynthOptions::default())
                .expect("at the limit");
            assert!(hcl.contains("var.n + 1 + 1"));
        }
    });
}

#[test]
fn one_level_past_the_limit_is_refused() {
    small_stack(|| {
        let mut stack = Stack::new();
        let deep = sum(&mut stack, MAX_DEPTH + 1);
        stack.local::<Number, _>("total", deep);
        let errors = stack.synth().expect_err("too deep");
        assert_snapshot!(errors, @"
        1 error:
          - local.total (at total) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
        ");
    });
}

#[test]
fn a_100_000_level_variable_type_is_refused() {
    small_stack(|| {
        let mut stack = Stack::new();
        let mut t = TypeExpr::String;
        for _ in 0..100_000 {
            t = TypeExpr::list(t);
        }
        let _: Expr<Any> = stack.variable("deep", Variable::of_type(t));
        let errors = stack.synth().expect_err("too deep");
        assert_snapshot!(errors, @"
            1 error:
              - var.deep (at deep) nests expressions, types or blocks more than 256 levels deep, which tfsynth refuses: build the value in steps, through locals, instead of nesting it
        ");
    });
}

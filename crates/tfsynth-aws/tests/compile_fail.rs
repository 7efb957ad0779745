//! What must not compile: a missing required argument, a wrongly typed reference.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

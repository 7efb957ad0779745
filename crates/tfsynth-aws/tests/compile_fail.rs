//! What must not compile: a missing required argument, required arguments by position, a
//! wrongly typed reference, a type whose service feature is off.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // The workspace enables the PrivateLink services only; `lambda` stays off there.
    if cfg!(not(feature = "lambda")) {
        t.compile_fail("tests/ui-features/*.rs");
    }
}

//! What the props' types exclude, so it cannot compile: both kinds of load balancer behind one
//! endpoint service, a client instance in an existing VPC, a verification zone without a
//! private DNS name, an endpoint service without load balancers, a bucket where a certificate
//! is expected, an unchecked string as a principal.

#[test]
fn exclusive_choices_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

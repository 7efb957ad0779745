use tfsynth_privatelink::Principal;

fn main() {
    // Principals are checked ARNs (PrincipalArn::new / parse), not strings.
    let _ = Principal::Arn("arn:aws:iam::111122223333:root".to_owned());
}

// `load_balancer_type` takes an `elbv2::LoadBalancerType` or an expression: a string literal,
// which the provider may refuse at plan, does not compile.
use tfsynth_aws::Lb;

fn main() {
    let _lb = Lb::new().load_balancer_type("network");
}

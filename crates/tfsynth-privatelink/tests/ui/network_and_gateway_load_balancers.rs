use tfsynth::{Declare, Stack};
use tfsynth_aws::Lb;
use tfsynth_privatelink::{EndpointServiceProps, LoadBalancers};

fn main() {
    let mut stack = Stack::new();
    let nlb = stack.resource("nlb", Lb::new().load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Network));
    let gwlb = stack.resource("gwlb", Lb::new().load_balancer_type(tfsynth_aws::elbv2::LoadBalancerType::Gateway));
    // One endpoint service fronts network or gateway load balancers, never both.
    let _ = EndpointServiceProps::new(LoadBalancers {
        network: vec![nlb.arn()],
        gateway: vec![gwlb.arn()],
    });
}

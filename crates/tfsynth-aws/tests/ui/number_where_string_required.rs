// `vpc_id` is a string; a listener's `port` is a number, so it cannot be passed there.
use tfsynth::prelude::*;
use tfsynth_aws::{lb_listener::DefaultAction, LbListener, LbListenerArgs, Subnet};

fn main() {
    let mut stack = Stack::new();
    let listener = stack.resource(
        "l",
        LbListener::new(LbListenerArgs {
            default_action: DefaultAction::new(tfsynth_aws::elbv2::ActionType::Forward),
            load_balancer_arn: "arn:aws:elasticloadbalancing:x".into(),
        }),
    );
    let _subnet = Subnet::new(listener.port());
}

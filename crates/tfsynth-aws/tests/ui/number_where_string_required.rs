// `vpc_id` is a string; a listener's `port` is a number, so it cannot be passed there.
use tfsynth::prelude::*;
use tfsynth_aws::{lb_listener::DefaultAction, LbListener, Subnet};

fn main() {
    let mut stack = Stack::new();
    let listener = stack.resource(
        "l",
        LbListener::new(DefaultAction::new("forward"), "arn:aws:elasticloadbalancing:x"),
    );
    let _subnet = Subnet::new(listener.port());
}

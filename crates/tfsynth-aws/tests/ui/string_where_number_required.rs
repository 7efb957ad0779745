// `port` is a number: a string literal or a string reference is rejected.
use tfsynth::prelude::*;
use tfsynth_aws::{LbTargetGroup, Vpc};

fn main() {
    let mut stack = Stack::new();
    let vpc = stack.resource("v", Vpc::new());
    let _tg = LbTargetGroup::new().port(vpc.id());
}

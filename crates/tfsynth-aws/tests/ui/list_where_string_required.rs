// A set of subnet ids where one VPC id is expected: Terraform converts a number or a bool to a
// string (so `listener.port()` would compile here), never a collection.
use tfsynth::prelude::*;
use tfsynth_aws::{Lb, Subnet};

fn main() {
    let mut stack = Stack::new();
    let lb = stack.resource("lb", Lb::new());
    let _subnet = Subnet::new(lb.subnets());
}

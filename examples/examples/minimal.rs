//! The smallest typed program: a VPC and a subnet in it.
//!
//! `cargo run -p tfsynth-examples --example minimal > main.tf.json`

use tfsynth::{Declare, Stack};
use tfsynth_aws::{AwsProvider, Subnet, Vpc};

/// The stack.
pub fn build() -> Stack {
    let mut stack = Stack::new();
    stack.provider(AwsProvider::new().region("eu-west-1"));
    let vpc = stack.resource("main", Vpc::new().cidr_block("10.0.0.0/16"));
    // `Subnet::new` takes the required `vpc_id`: the compiler checks it is a string
    // expression, and the reference keeps Terraform's ordering right.
    stack.resource(
        "a",
        Subnet::new(vpc.id())
            .cidr_block("10.0.1.0/24")
            .availability_zone("eu-west-1a"),
    );
    stack
}

fn main() {
    match build().synth() {
        Ok(json) => print!("{json}"),
        Err(errors) => {
            eprintln!("error: {errors}");
            std::process::exit(1);
        }
    }
}

//! The `tfsynth` command (first version: prints a small stack).
use tfsynth::{prelude::*, RawResource};

fn main() {
    let mut stack = Stack::new();
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    stack.resource(
        "main",
        RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
    );
    match stack.synth() {
        Ok(json) => print!("{json}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

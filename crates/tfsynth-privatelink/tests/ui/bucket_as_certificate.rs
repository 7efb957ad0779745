use tfsynth::{Declare, Stack};
use tfsynth_aws::S3Bucket;
use tfsynth_privatelink::AlbProps;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.resource("logs", S3Bucket::new());
    // A handle of the wrong type is refused by the compiler.
    let _ = AlbProps {
        certificate: logs.into(),
        ..Default::default()
    };
}

// Two required strings cannot be passed by position (and so cannot be swapped): they are
// named fields of `Route53RecordArgs`.
use tfsynth_aws::Route53Record;

fn main() {
    let _r = Route53Record::new("Z123", "www", "A");
}

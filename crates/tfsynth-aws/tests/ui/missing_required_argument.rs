// `aws_subnet` requires `vpc_id`: `Subnet::new()` without it does not compile.
use tfsynth_aws::Subnet;

fn main() {
    let _subnet = Subnet::new().cidr_block("10.0.1.0/24");
}

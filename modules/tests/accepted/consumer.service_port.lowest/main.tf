# A value at the edge of what the consumer module's service_port accepts (lowest): it must plan, and the Rust construct accepts it too.
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "consumer" {
  source                     = "../../../privatelink-consumer"
  service_name               = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  service_availability_zones = ["use1-az1", "use1-az2"]
  service_port               = 1
}

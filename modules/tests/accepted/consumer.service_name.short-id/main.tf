# A value at the edge of what the consumer module's service_name accepts (short-id): it must plan, and the Rust construct accepts it too.
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "consumer" {
  source                     = "../../../privatelink-consumer"
  service_availability_zones = ["use1-az1", "use1-az2"]
  service_name               = "com.amazonaws.vpce.eu-west-1.vpce-svc-01234567"
}

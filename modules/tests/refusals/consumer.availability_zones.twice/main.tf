# A Terraform user's mistake the consumer module refuses at plan time (twice rule of availability_zones), in the words of the Rust construct (expected.txt).
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "consumer" {
  source                     = "../../../privatelink-consumer"
  service_name               = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  service_availability_zones = ["use1-az1", "use1-az2"]
  availability_zones         = ["use1-az1", "use1-az1"]
}

# A Terraform user's mistake the endpoint module refuses at plan time (shape~leading-zero rule of client_cidrs), in the words of the Rust construct (expected.txt).
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "endpoint" {
  source       = "../../../privatelink-endpoint"
  vpc_id       = "vpc-0123456789abcdef0"
  subnet_ids   = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  client_cidrs = ["10.0.0.01/32"]
}

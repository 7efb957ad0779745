# A Terraform user's mistake the endpoint module refuses at plan time, in the words the
# Rust construct uses (expected.txt; crates/tfsynth-privatelink/tests/module_words.rs).
provider "aws" {
  region = "us-east-1"
}

module "endpoint" {
  source       = "../../../privatelink-endpoint"
  vpc_id       = "vpc-0123456789abcdef0"
  subnet_ids   = ["subnet-0123456789abcdef0"]
  service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  tags         = { for i in range(50) : "Key${i}" => "value" }
}

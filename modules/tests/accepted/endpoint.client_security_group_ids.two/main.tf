# A value at the edge of what the endpoint module's client_security_group_ids accepts (two): it must plan, and the Rust construct accepts it too.
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "endpoint" {
  source                    = "../../../privatelink-endpoint"
  vpc_id                    = "vpc-0123456789abcdef0"
  subnet_ids                = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  service_name              = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  client_security_group_ids = ["sg-01234567", "sg-0123456789abcdef0"]
}

# A value at the edge of what the service module's certificate_arn accepts (region): it must plan, and the Rust construct accepts it too.
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "service" {
  source             = "../../../privatelink-service"
  allowed_principals = ["arn:aws:iam::111122223333:root"]
  certificate_arn    = "arn:aws:acm:us-east-1:111122223333:certificate/x"
}

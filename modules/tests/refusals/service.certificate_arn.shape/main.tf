# A Terraform user's mistake the service module refuses at plan time (shape rule of certificate_arn), in the words of the Rust construct (expected.txt).
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "service" {
  source             = "../../../privatelink-service"
  allowed_principals = ["arn:aws:iam::111122223333:root"]
  certificate_arn    = "arn:aws:acm:us-east-1:1234:cert"
}

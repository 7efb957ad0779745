# A value at the edge of what the service module's availability_zones accepts (six): it must plan, and the Rust construct accepts it too.
# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).
provider "aws" {
  region = "us-east-1"
}

module "service" {
  source             = "../../../privatelink-service"
  allowed_principals = ["arn:aws:iam::111122223333:root"]
  certificate_arn    = "arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab"
  availability_zones = ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"]
}

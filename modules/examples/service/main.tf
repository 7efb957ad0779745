# The service side of PrivateLink in one account, from the shipped module.
# Checked by scripts/module-roots (tf-validate, then tf-plan against stand-in providers).

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "privatelink_service" {
  source             = "../../privatelink-service"
  allowed_principals = ["arn:aws:iam::222233334444:root"] # the consumer account
  certificate_arn    = "arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab"
  vpc_cidr           = "10.20.0.0/16"
  availability_zones = ["use1-az1", "use1-az2", "use1-az4"]
  instance_count     = 3 # one nginx instance per zone
  tags               = { Team = "payments", CostCenter = "cc-1234" } # on every resource, next to its Name
}

output "service_name" {
  description = "Give it to the consumer's service_name"
  value       = module.privatelink_service.service_name
}

output "service_id" {
  description = "Accept connection requests for it"
  value       = module.privatelink_service.service_id
}

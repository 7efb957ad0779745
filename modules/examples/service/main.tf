# The service side of PrivateLink in one account, from the shipped module.
# Checked by scripts/module-roots (tf-validate, then tf-plan against stand-in providers).

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "tls" {}

module "privatelink_service" {
  source = "../../privatelink-service"
  # inputs: allowed_principals, certificate_arn (required); vpc_cidr, availability_zones (optional)
}

output "service_name" {
  description = "Give it to the consumer's service_name"
  value       = module.privatelink_service.service_name
}

output "service_id" {
  description = "Accept connection requests for it"
  value       = module.privatelink_service.service_id
}

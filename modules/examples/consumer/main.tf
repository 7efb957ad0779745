# The consumer side of PrivateLink, from the shipped module, pointed at an existing endpoint
# service. Checked by scripts/module-roots (tf-validate, then tf-plan against stand-in providers).

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

module "privatelink_consumer" {
  source                     = "../../privatelink-consumer"
  service_name               = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  service_availability_zones = ["use1-az1", "use1-az2"]
}

output "endpoint_id" {
  description = "Accept it in the service account"
  value       = module.privatelink_consumer.endpoint_id
}

output "endpoint_urls" {
  description = "What to curl from the client instance"
  value       = module.privatelink_consumer.endpoint_urls
}

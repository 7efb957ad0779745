# Both sides of PrivateLink in one configuration, each module on its own provider
# configuration (in real use, one per account: add assume_role or a profile to each), the
# consumer fed from the service's outputs, and the connection accepted on the service side.
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
  alias  = "service"
  region = "us-east-1"
}

provider "aws" {
  alias  = "consumer"
  region = "us-east-1"
}

# The consumer account's root may request connections (acceptance stays required).
data "aws_caller_identity" "consumer" {
  provider = aws.consumer
}

data "aws_partition" "consumer" {
  provider = aws.consumer
}

module "service" {
  source             = "../../privatelink-service"
  allowed_principals = ["arn:${data.aws_partition.consumer.partition}:iam::${data.aws_caller_identity.consumer.account_id}:root"]
  certificate_arn    = "arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab"

  providers = {
    aws = aws.service
  }
}

module "consumer" {
  source                     = "../../privatelink-consumer"
  service_name               = module.service.service_name
  service_availability_zones = module.service.service_availability_zones
  service_port               = module.service.service_port
  client_instance            = false # no test instance in the consumer account

  providers = {
    aws = aws.consumer
  }
}

# The service requires acceptance: accept the consumer's endpoint in the service account.
resource "aws_vpc_endpoint_connection_accepter" "consumer" {
  provider                = aws.service
  vpc_endpoint_service_id = module.service.service_id
  vpc_endpoint_id         = module.consumer.endpoint_id
}

output "endpoint_urls" {
  description = "What to curl from the client instance"
  value       = module.consumer.endpoint_urls
}

output "private_dns_verification" {
  description = "TXT record proving ownership of the private DNS name (null without one)"
  value       = module.service.private_dns_verification
}

# Both sides of PrivateLink in one configuration, each module on its own provider
# configuration (in real use, one per account: add assume_role or a profile to each), the
# consumer fed from the service's outputs, and the connection accepted on the service side.
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
  alias  = "service"
  region = "us-east-1"
}

provider "aws" {
  alias  = "consumer"
  region = "us-east-1"
}

provider "tls" {}

module "service" {
  source = "../../privatelink-service"
  # inputs: allowed_principals, certificate_arn (required); vpc_cidr, availability_zones (optional)

  providers = {
    aws = aws.service
  }
}

module "consumer" {
  source                     = "../../privatelink-consumer"
  service_name               = module.service.service_name
  service_availability_zones = module.service.service_availability_zones
  service_port               = module.service.service_port

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

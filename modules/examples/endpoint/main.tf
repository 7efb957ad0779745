# The consumer side in a VPC that already exists, from the shipped endpoint module: the
# interface endpoint, reachable on the service port from the application's security group and
# an on-premises range. (The VPC, subnets and group are declared here to stand for yours.)
# Checked by scripts/module-roots (tf-validate, then tf-plan against stand-in providers).

terraform {
  required_version = ">= 1.5"

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

resource "aws_vpc" "app" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "app" {
  for_each             = { use1-az1 = "10.40.0.0/20", use1-az2 = "10.40.16.0/20" }
  vpc_id               = aws_vpc.app.id
  availability_zone_id = each.key
  cidr_block           = each.value
}

resource "aws_security_group" "app" {
  name_prefix = "app-"
  vpc_id      = aws_vpc.app.id
}

module "privatelink_endpoint" {
  source                    = "../../privatelink-endpoint"
  vpc_id                    = aws_vpc.app.id
  subnet_ids                = [for s in aws_subnet.app : s.id]
  service_name              = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  client_security_group_ids = [aws_security_group.app.id]
  client_cidrs              = ["192.168.0.0/16"]
}

output "endpoint_dns_names" {
  description = "Point the application at one of these"
  value       = module.privatelink_endpoint.endpoint_dns_names
}

output "endpoint_id" {
  description = "Accept it in the service account"
  value       = module.privatelink_endpoint.endpoint_id
}

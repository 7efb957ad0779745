# A hub-and-spoke network: one hub VPC with a transit gateway, and one spoke VPC per entry
# of var.spokes, each from the local module ./modules/spoke.

terraform {
  required_version = ">= 1.7"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "name_prefix" {
  type    = string
  default = "acme"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "The name_prefix must be 2 to 21 lowercase letters, digits or dashes."
  }
}

variable "hub_cidr" {
  type    = string
  default = "10.0.0.0/16"
  validation {
    condition     = can(cidrhost(var.hub_cidr, 0))
    error_message = "The hub_cidr must be a CIDR block."
  }
}

variable "spokes" {
  type = any
  default = {
    app  = { cidr = "10.1.0.0/16" }
    data = { cidr = "10.2.0.0/16", dns_support = false }
  }
}

variable "allowed_ports" {
  type    = list(number)
  default = [443, 5432]
}

locals {
  azs = ["${var.region}a", "${var.region}b"]
  common_tags = {
    Project   = var.name_prefix
    ManagedBy = "terraform"
  }
}

resource "aws_vpc" "hub" {
  cidr_block           = var.hub_cidr
  enable_dns_hostnames = true
  tags                 = merge(local.common_tags, { Name = "${var.name_prefix}-hub" })
}

resource "aws_subnet" "hub" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.hub.id
  cidr_block        = cidrsubnet(var.hub_cidr, 8, count.index)
  availability_zone = local.azs[count.index]
  tags              = merge(local.common_tags, { Name = "${var.name_prefix}-hub-${local.azs[count.index]}" })
}

resource "aws_ec2_transit_gateway" "this" {
  description = "${var.name_prefix} transit"
  tags        = local.common_tags
}

resource "aws_ec2_transit_gateway_vpc_attachment" "hub" {
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  vpc_id             = aws_vpc.hub.id
  subnet_ids         = aws_subnet.hub[*].id
  tags               = local.common_tags
}

resource "aws_security_group" "hub" {
  name   = "${var.name_prefix}-hub"
  vpc_id = aws_vpc.hub.id

  dynamic "ingress" {
    for_each = var.allowed_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [for s in var.spokes : s.cidr]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "spoke_vpcs" {
  source   = "./modules/spoke"
  for_each = var.spokes

  name               = "${var.name_prefix}-${each.key}"
  cidr               = each.value.cidr
  azs                = local.azs
  dns_support        = try(each.value.dns_support, true)
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  tags               = local.common_tags
}

resource "aws_route" "hub_to_spokes" {
  for_each               = module.spoke_vpcs
  route_table_id         = aws_vpc.hub.main_route_table_id
  destination_cidr_block = each.value.cidr
  transit_gateway_id     = aws_ec2_transit_gateway.this.id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.hub]
}

output "spoke_vpc_ids" {
  value = { for k, s in module.spoke_vpcs : k => s.vpc_id }
}

output "hub_subnet_ids" {
  value = aws_subnet.hub[*].id
}

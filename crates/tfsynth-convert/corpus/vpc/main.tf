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

# The region everything lives in.
variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "cidr" {
  type        = string
  default     = "10.20.0.0/16"
  description = "The VPC's address range."
  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "The cidr must be a CIDR block."
  }
}

variable "azs" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "private_subnets" {
  type = map(string)
  default = {
    app  = "10.20.10.0/24"
    data = "10.20.11.0/24"
  }
}

locals {
  name = "corpus-vpc"
}

# The network.
resource "aws_vpc" "main" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true # instances get resolvable names
  tags = {
    Name = local.name
  }

  lifecycle {
    ignore_changes = [tags_all]
    precondition {
      condition     = length(var.azs) > 1
      error_message = "The VPC needs at least two zones."
    }
  }
}

resource "aws_internet_gateway" "main" { // the way out
  vpc_id = aws_vpc.main.id

  lifecycle {
    create_before_destroy = true
    replace_triggered_by  = [aws_vpc.main.id]
  }
}

# One public subnet per zone.
resource "aws_subnet" "public" {
  count                   = length(var.azs)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet(var.cidr, 8, count.index * 2 + 1)
  availability_zone       = var.azs[count.index]
  map_public_ip_on_launch = true
  tags = {
    Name = "${local.name}-public-${count.index}"
  }
}

resource "aws_subnet" "private" {
  for_each   = var.private_subnets
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
  tags = {
    Name = "${local.name}-${each.key}"
    Tier = "private"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "first_private" {
  value = aws_subnet.private["app"].id
}

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# vpc_id
variable "vpc_id" {
  type        = string
  description = "The VPC the endpoint goes in"
  nullable    = false

  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "${jsonencode(var.vpc_id)} is not a vpc id; use the form vpc-0123456789abcdef0"
  }
}

# subnet_ids
variable "subnet_ids" {
  type        = list(string)
  description = "The endpoint's subnets in that VPC, one per availability zone (zones the service serves)"
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "an existing vpc was given without subnets; list the subnet ids (one per availability zone) for the endpoint"
  }

  validation {
    condition     = alltrue([for x in var.subnet_ids : x != null])
    error_message = "subnet_ids[${try([for i, x in var.subnet_ids : i if x == null][0], -1)}] is null; remove it from the list or give a value"
  }

  validation {
    condition     = alltrue([for x in [for x in var.subnet_ids : x if x != null] : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", x))])
    error_message = "${jsonencode(try([for x in [for x in var.subnet_ids : x if x != null] : x if !can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", x))][0], ""))} is not a subnet id; use the form subnet-0123456789abcdef0"
  }

  validation {
    condition     = length(distinct([for x in var.subnet_ids : x if x != null])) == length([for x in var.subnet_ids : x if x != null])
    error_message = "subnet_ids lists ${try(jsonencode([for i, z in [for x in var.subnet_ids : x if x != null] : z if index([for x in var.subnet_ids : x if x != null], z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# service_name
variable "service_name" {
  type        = string
  description = "The service stack's service_name output"
  nullable    = false

  validation {
    condition     = can(regex("^com\\.amazonaws\\.vpce\\.[a-z]{2}(-[a-z]+)+-[0-9]+\\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})$", var.service_name))
    error_message = "${jsonencode(var.service_name)} is not an endpoint service name; use the service stack's service_name output, e.g. com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  }
}

# service_port
variable "service_port" {
  type        = number
  default     = 443
  description = "The service stack's service_port output"
  nullable    = false

  validation {
    condition     = var.service_port >= 1 && var.service_port <= 65535 && floor(var.service_port) == var.service_port
    error_message = "port ${var.service_port} is out of range; use a port between 1 and 65535"
  }
}

# client_security_group_ids
variable "client_security_group_ids" {
  type        = list(string)
  default     = []
  description = "Security groups whose members may reach the endpoint on the service port"
  nullable    = false

  validation {
    condition     = alltrue([for x in var.client_security_group_ids : x != null])
    error_message = "client_security_group_ids[${try([for i, x in var.client_security_group_ids : i if x == null][0], -1)}] is null; remove it from the list or give a value"
  }

  validation {
    condition     = alltrue([for x in [for x in var.client_security_group_ids : x if x != null] : can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", x))])
    error_message = "${jsonencode(try([for x in [for x in var.client_security_group_ids : x if x != null] : x if !can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", x))][0], ""))} is not a security group id; use the form sg-0123456789abcdef0"
  }

  validation {
    condition     = length(distinct([for x in var.client_security_group_ids : x if x != null])) == length([for x in var.client_security_group_ids : x if x != null])
    error_message = "client_security_group_ids lists ${try(jsonencode([for i, z in [for x in var.client_security_group_ids : x if x != null] : z if index([for x in var.client_security_group_ids : x if x != null], z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# client_cidrs
variable "client_cidrs" {
  type        = list(string)
  default     = []
  description = "IPv4 blocks that may reach the endpoint on the service port"
  nullable    = false

  validation {
    condition     = alltrue([for x in var.client_cidrs : x != null])
    error_message = "client_cidrs[${try([for i, x in var.client_cidrs : i if x == null][0], -1)}] is null; remove it from the list or give a value"
  }

  validation {
    condition     = alltrue([for c in [for x in var.client_cidrs : x if x != null] : can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", c))])
    error_message = [for bad in [try([for c in [for x in var.client_cidrs : x if x != null] : c if !can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", c))][0], "")] : "invalid cidr block ${jsonencode(bad)}: ${trimspace(bad) != bad ? "it has whitespace around it; remove the spaces" : length(split("/", bad)) < 2 ? "the prefix length (/N) is missing" : !can(regex("^(3[0-2]|[12]?[0-9])$", try(split("/", bad)[1], ""))) ? "the prefix length must be a number from 0 to 32" : try(length(split(".", split("/", bad)[0])), 0) != 4 ? "the address must have four dot-separated octets" : "each octet must be a number from 0 to 255 without leading zeros"}; write it as A.B.C.D/N, e.g. 10.0.0.0/16"][0]
  }

  validation {
    condition     = alltrue([for c in [for x in var.client_cidrs : x if x != null] : try(cidrhost(c, 0) == split("/", c)[0], true)])
    error_message = [for bad in [try([for c in [for x in var.client_cidrs : x if x != null] : c if !try(cidrhost(c, 0) == split("/", c)[0], true)][0], "")] : "cidr block ${jsonencode(bad)} has bits set past its prefix; use the network address ${jsonencode("${try(cidrhost(bad, 0), "")}/${try(split("/", bad)[1], "")}")}"][0]
  }

  validation {
    condition     = length(distinct([for x in var.client_cidrs : x if x != null])) == length([for x in var.client_cidrs : x if x != null])
    error_message = "client_cidrs lists ${try(jsonencode([for i, z in [for x in var.client_cidrs : x if x != null] : z if index([for x in var.client_cidrs : x if x != null], z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# private_dns_enabled
variable "private_dns_enabled" {
  type        = bool
  default     = false
  description = "Resolve the service's private DNS name to the endpoint inside the VPC"
  nullable    = false
}

# tags
variable "tags" {
  type = map(string)
  default = {
    ManagedBy = "tfsynth"
    Project   = "privatelink"
  }
  description = "Tags of every resource the module creates that takes tags, next to its Name tag (the Name wins on a clash); at most 49 tags besides Name"
  nullable    = false

  validation {
    condition     = alltrue([for k, v in var.tags : v != null])
    error_message = "tag ${jsonencode(try([for k, v in var.tags : k if v == null][0], ""))} has a null value; give it a value or leave the tag out"
  }

  validation {
    condition     = alltrue([for k, v in { for k, v in var.tags : k => v if v != null } : k != ""])
    error_message = "tag \"\" has an empty key; give every tag a key"
  }

  validation {
    condition     = alltrue([for k, v in { for k, v in var.tags : k => v if v != null } : !can(regex("^[aA][wW][sS]:", k))])
    error_message = "tag ${jsonencode(try([for k, v in {for k, v in var.tags : k => v if v != null} : k if can(regex("^[aA][wW][sS]:", k))][0], ""))} starts with \"aws:\", which aws reserves for its own tags; use another prefix"
  }

  validation {
    condition     = alltrue([for k, v in { for k, v in var.tags : k => v if v != null } : !can(regex("[^\\p{L}\\p{N} +=._:/@-]|[\\x{d4e}\\x{e33}\\x{eb3}\\x{1100}-\\x{11ff}\\x{1c89}-\\x{1c8a}\\x{a7cb}-\\x{a7cd}\\x{a7da}-\\x{a7dc}\\x{a960}-\\x{a97c}\\x{d7b0}-\\x{d7c6}\\x{d7cb}-\\x{d7fb}\\x{ff9e}-\\x{ff9f}\\x{105c0}-\\x{105f3}\\x{10d40}-\\x{10d65}\\x{10d6f}-\\x{10d85}\\x{10ec2}-\\x{10ec4}\\x{111c2}-\\x{111c3}\\x{11380}-\\x{11389}\\x{1138b}\\x{1138e}\\x{11390}-\\x{113b5}\\x{113b7}\\x{113d1}\\x{113d3}\\x{116d0}-\\x{116e3}\\x{1193f}\\x{11941}\\x{11a3a}\\x{11a84}-\\x{11a89}\\x{11bc0}-\\x{11be0}\\x{11bf0}-\\x{11bf9}\\x{11d46}\\x{11f02}\\x{13460}-\\x{143fa}\\x{16100}-\\x{1611d}\\x{16130}-\\x{16139}\\x{16d40}-\\x{16d6c}\\x{16d70}-\\x{16d79}\\x{18cff}\\x{1ccf0}-\\x{1ccf9}\\x{1e5d0}-\\x{1e5ed}\\x{1e5f0}-\\x{1e5fa}\\x{2ebf0}-\\x{2ee5d}]", "${k}${v}"))])
    error_message = "tag ${jsonencode(try([for k, v in {for k, v in var.tags : k => v if v != null} : k if can(regex("[^\\p{L}\\p{N} +=._:/@-]|[\\x{d4e}\\x{e33}\\x{eb3}\\x{1100}-\\x{11ff}\\x{1c89}-\\x{1c8a}\\x{a7cb}-\\x{a7cd}\\x{a7da}-\\x{a7dc}\\x{a960}-\\x{a97c}\\x{d7b0}-\\x{d7c6}\\x{d7cb}-\\x{d7fb}\\x{ff9e}-\\x{ff9f}\\x{105c0}-\\x{105f3}\\x{10d40}-\\x{10d65}\\x{10d6f}-\\x{10d85}\\x{10ec2}-\\x{10ec4}\\x{111c2}-\\x{111c3}\\x{11380}-\\x{11389}\\x{1138b}\\x{1138e}\\x{11390}-\\x{113b5}\\x{113b7}\\x{113d1}\\x{113d3}\\x{116d0}-\\x{116e3}\\x{1193f}\\x{11941}\\x{11a3a}\\x{11a84}-\\x{11a89}\\x{11bc0}-\\x{11be0}\\x{11bf0}-\\x{11bf9}\\x{11d46}\\x{11f02}\\x{13460}-\\x{143fa}\\x{16100}-\\x{1611d}\\x{16130}-\\x{16139}\\x{16d40}-\\x{16d6c}\\x{16d70}-\\x{16d79}\\x{18cff}\\x{1ccf0}-\\x{1ccf9}\\x{1e5d0}-\\x{1e5ed}\\x{1e5f0}-\\x{1e5fa}\\x{2ebf0}-\\x{2ee5d}]", "${k}${v}"))][0], ""))} has the character ${jsonencode(try(regex("[^\\p{L}\\p{N} +=._:/@-]|[\\x{d4e}\\x{e33}\\x{eb3}\\x{1100}-\\x{11ff}\\x{1c89}-\\x{1c8a}\\x{a7cb}-\\x{a7cd}\\x{a7da}-\\x{a7dc}\\x{a960}-\\x{a97c}\\x{d7b0}-\\x{d7c6}\\x{d7cb}-\\x{d7fb}\\x{ff9e}-\\x{ff9f}\\x{105c0}-\\x{105f3}\\x{10d40}-\\x{10d65}\\x{10d6f}-\\x{10d85}\\x{10ec2}-\\x{10ec4}\\x{111c2}-\\x{111c3}\\x{11380}-\\x{11389}\\x{1138b}\\x{1138e}\\x{11390}-\\x{113b5}\\x{113b7}\\x{113d1}\\x{113d3}\\x{116d0}-\\x{116e3}\\x{1193f}\\x{11941}\\x{11a3a}\\x{11a84}-\\x{11a89}\\x{11bc0}-\\x{11be0}\\x{11bf0}-\\x{11bf9}\\x{11d46}\\x{11f02}\\x{13460}-\\x{143fa}\\x{16100}-\\x{1611d}\\x{16130}-\\x{16139}\\x{16d40}-\\x{16d6c}\\x{16d70}-\\x{16d79}\\x{18cff}\\x{1ccf0}-\\x{1ccf9}\\x{1e5d0}-\\x{1e5ed}\\x{1e5f0}-\\x{1e5fa}\\x{2ebf0}-\\x{2ee5d}]", "${try([for k, v in {for k, v in var.tags : k => v if v != null} : k if can(regex("[^\\p{L}\\p{N} +=._:/@-]|[\\x{d4e}\\x{e33}\\x{eb3}\\x{1100}-\\x{11ff}\\x{1c89}-\\x{1c8a}\\x{a7cb}-\\x{a7cd}\\x{a7da}-\\x{a7dc}\\x{a960}-\\x{a97c}\\x{d7b0}-\\x{d7c6}\\x{d7cb}-\\x{d7fb}\\x{ff9e}-\\x{ff9f}\\x{105c0}-\\x{105f3}\\x{10d40}-\\x{10d65}\\x{10d6f}-\\x{10d85}\\x{10ec2}-\\x{10ec4}\\x{111c2}-\\x{111c3}\\x{11380}-\\x{11389}\\x{1138b}\\x{1138e}\\x{11390}-\\x{113b5}\\x{113b7}\\x{113d1}\\x{113d3}\\x{116d0}-\\x{116e3}\\x{1193f}\\x{11941}\\x{11a3a}\\x{11a84}-\\x{11a89}\\x{11bc0}-\\x{11be0}\\x{11bf0}-\\x{11bf9}\\x{11d46}\\x{11f02}\\x{13460}-\\x{143fa}\\x{16100}-\\x{1611d}\\x{16130}-\\x{16139}\\x{16d40}-\\x{16d6c}\\x{16d70}-\\x{16d79}\\x{18cff}\\x{1ccf0}-\\x{1ccf9}\\x{1e5d0}-\\x{1e5ed}\\x{1e5f0}-\\x{1e5fa}\\x{2ebf0}-\\x{2ee5d}]", "${k}${v}"))][0], "")}${lookup(var.tags, try([for k, v in {for k, v in var.tags : k => v if v != null} : k if can(regex("[^\\p{L}\\p{N} +=._:/@-]|[\\x{d4e}\\x{e33}\\x{eb3}\\x{1100}-\\x{11ff}\\x{1c89}-\\x{1c8a}\\x{a7cb}-\\x{a7cd}\\x{a7da}-\\x{a7dc}\\x{a960}-\\x{a97c}\\x{d7b0}-\\x{d7c6}\\x{d7cb}-\\x{d7fb}\\x{ff9e}-\\x{ff9f}\\x{105c0}-\\x{105f3}\\x{10d40}-\\x{10d65}\\x{10d6f}-\\x{10d85}\\x{10ec2}-\\x{10ec4}\\x{111c2}-\\x{111c3}\\x{11380}-\\x{11389}\\x{1138b}\\x{1138e}\\x{11390}-\\x{113b5}\\x{113b7}\\x{113d1}\\x{113d3}\\x{116d0}-\\x{116e3}\\x{1193f}\\x{11941}\\x{11a3a}\\x{11a84}-\\x{11a89}\\x{11bc0}-\\x{11be0}\\x{11bf0}-\\x{11bf9}\\x{11d46}\\x{11f02}\\x{13460}-\\x{143fa}\\x{16100}-\\x{1611d}\\x{16130}-\\x{16139}\\x{16d40}-\\x{16d6c}\\x{16d70}-\\x{16d79}\\x{18cff}\\x{1ccf0}-\\x{1ccf9}\\x{1e5d0}-\\x{1e5ed}\\x{1e5f0}-\\x{1e5fa}\\x{2ebf0}-\\x{2ee5d}]", "${k}${v}"))][0], ""), "")}"), ""))} in its key or value; use letters, digits, spaces and + - = . _ : / @"
  }

  validation {
    condition     = alltrue([for k, v in { for k, v in var.tags : k => v if v != null } : length(k) <= 128])
    error_message = "tag ${jsonencode(try([for k, v in {for k, v in var.tags : k => v if v != null} : k if length(k) > 128][0], ""))} has a key of ${length(try([for k, v in {for k, v in var.tags : k => v if v != null} : k if length(k) > 128][0], ""))} characters, the limit is 128; use a shorter key"
  }

  validation {
    condition     = alltrue([for k, v in { for k, v in var.tags : k => v if v != null } : length(v) <= 256])
    error_message = "tag ${jsonencode(try([for k, v in {for k, v in var.tags : k => v if v != null} : k if length(v) > 256][0], ""))} has a value of ${length(lookup(var.tags, try([for k, v in {for k, v in var.tags : k => v if v != null} : k if length(v) > 256][0], ""), ""))} characters, the limit is 256; use a shorter value"
  }

  validation {
    condition     = length(merge(var.tags, { Name = "" })) <= 50
    error_message = "each resource would get ${length(merge(var.tags, { Name = "" }))} tags (the ones given and the constructs' Name tag), aws allows at most 50; give at most 49 tags"
  }
}

# vpc
data "aws_vpc" "vpc" {
  id = var.vpc_id
}

# endpoint/sg
resource "aws_security_group" "endpoint_sg" {
  description = "PrivateLink endpoint: the service port from clients only"
  name_prefix = "endpoint_sg-"
  tags        = merge(var.tags, { Name = "endpoint_sg" })
  vpc_id      = data.aws_vpc.vpc.id
}

# endpoint/from_groups
resource "aws_vpc_security_group_ingress_rule" "endpoint_from_groups" {
  count                        = length(var.client_security_group_ids)
  description                  = "Service port from a client group"
  from_port                    = var.service_port
  ip_protocol                  = "tcp"
  referenced_security_group_id = element(var.client_security_group_ids, count.index)
  security_group_id            = aws_security_group.endpoint_sg.id
  tags                         = merge(var.tags, { Name = "endpoint_from_groups" })
  to_port                      = var.service_port
}

# endpoint/from_cidrs
resource "aws_vpc_security_group_ingress_rule" "endpoint_from_cidrs" {
  count             = length(var.client_cidrs)
  cidr_ipv4         = element(var.client_cidrs, count.index)
  description       = "Service port from a client network"
  from_port         = var.service_port
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.endpoint_sg.id
  tags              = merge(var.tags, { Name = "endpoint_from_cidrs" })
  to_port           = var.service_port
}

# endpoint/endpoint
resource "aws_vpc_endpoint" "endpoint_endpoint" {
  private_dns_enabled = var.private_dns_enabled
  security_group_ids  = [aws_security_group.endpoint_sg.id]
  service_name        = var.service_name
  subnet_ids          = var.subnet_ids
  tags                = merge(var.tags, { Name = "endpoint_endpoint" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = data.aws_vpc.vpc.id
}

# endpoint_id
output "endpoint_id" {
  value       = aws_vpc_endpoint.endpoint_endpoint.id
  description = "Interface endpoint id: accept it in the service account"
}

# endpoint_dns_names
output "endpoint_dns_names" {
  value       = aws_vpc_endpoint.endpoint_endpoint.dns_entry[*].dns_name
  description = "DNS names of the interface endpoint"
}

# endpoint_security_group_id
output "endpoint_security_group_id" {
  value       = aws_security_group.endpoint_sg.id
  description = "The endpoint's security group (the service port from the clients only)"
}

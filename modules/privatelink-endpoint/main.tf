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
    condition     = alltrue([for x in var.subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", x))])
    error_message = "${try(jsonencode([for z in var.subnet_ids : z if !can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", z))][0]), "")} is not a subnet id; use the form subnet-0123456789abcdef0"
  }

  validation {
    condition     = length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids lists ${try(jsonencode([for i, z in var.subnet_ids : z if index(var.subnet_ids, z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# service_name
variable "service_name" {
  type        = string
  description = "The service stack's service_name output"
  nullable    = false

  validation {
    condition     = can(regex("^com\\.amazonaws\\.vpce\\.[a-z0-9-]+\\.vpce-svc-([0-9a-f]{8}|[0-9a-f]{17})$", var.service_name))
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
    condition     = alltrue([for x in var.client_security_group_ids : can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", x))])
    error_message = "${try(jsonencode([for z in var.client_security_group_ids : z if !can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", z))][0]), "")} is not a sg id; use the form sg-0123456789abcdef0"
  }

  validation {
    condition     = length(distinct(var.client_security_group_ids)) == length(var.client_security_group_ids)
    error_message = "client_security_group_ids lists ${try(jsonencode([for i, z in var.client_security_group_ids : z if index(var.client_security_group_ids, z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# client_cidrs
variable "client_cidrs" {
  type        = list(string)
  default     = []
  description = "IPv4 blocks that may reach the endpoint on the service port"
  nullable    = false

  validation {
    condition     = alltrue([for c in var.client_cidrs : can(regex("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)$", c))])
    error_message = "invalid cidr block ${[for bad in [try([for z in var.client_cidrs : z if !can(regex("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)$", z))][0], "")] : "${jsonencode(bad)}: ${length(split("/", bad)) < 2 ? "the prefix length (/N) is missing" : !can(regex("^(3[0-2]|[12]?\\d)$", try(split("/", bad)[1], ""))) ? "the prefix length must be a number from 0 to 32" : try(length(split(".", split("/", bad)[0])), 0) != 4 ? "the address must have four dot-separated octets" : "each octet must be a number from 0 to 255 without leading zeros"}"][0]}; write it as A.B.C.D/N, e.g. 10.0.0.0/16"
  }

  validation {
    condition     = length(distinct(var.client_cidrs)) == length(var.client_cidrs)
    error_message = "client_cidrs lists ${try(jsonencode([for i, z in var.client_cidrs : z if index(var.client_cidrs, z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
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
    condition     = alltrue([for k, v in var.tags : k != ""])
    error_message = "tag \"\" has an empty key; give every tag a key"
  }

  validation {
    condition     = alltrue([for k, v in var.tags : !startswith(lower(k), "aws:")])
    error_message = "tag ${jsonencode(try([for k, v in var.tags : k if startswith(lower(k), "aws:")][0], ""))} starts with \"aws:\", which aws reserves for its own tags; use another prefix"
  }

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) <= 128])
    error_message = [for k in [try([for k, v in var.tags : k if length(k) > 128][0], "")] : "tag ${jsonencode(k)} has a key of ${length(k)} characters, the limit is 128; use a shorter key"][0]
  }

  validation {
    condition     = alltrue([for k, v in var.tags : length(v) <= 256])
    error_message = [for k in [try([for k, v in var.tags : k if length(v) > 256][0], "")] : "tag ${jsonencode(k)} has a value of ${length(lookup(var.tags, k, ""))} characters, the limit is 256; use a shorter value"][0]
  }

  validation {
    condition     = alltrue([for k, v in var.tags : !can(regex("[^\\p{L}\\p{N} +=._:/@-]", "${k}${v}"))])
    error_message = [for k in [try([for k, v in var.tags : k if can(regex("[^\\p{L}\\p{N} +=._:/@-]", "${k}${v}"))][0], "")] : "tag ${jsonencode(k)} has the character '${try(regex("[^\\p{L}\\p{N} +=._:/@-]", "${k}${lookup(var.tags, k, "")}"), "")}' in its key or value; use letters, digits, spaces and + - = . _ : / @"][0]
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

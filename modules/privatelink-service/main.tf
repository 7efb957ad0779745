terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# availability_zones
variable "availability_zones" {
  type        = list(string)
  default     = []
  description = "Zones of the provider's region for the service (ids such as use1-az1 are recommended: the same in every account), 2 to 6; empty means the region's default zones (use1-az1, use1-az2 in us-east-1)"
  nullable    = false

  validation {
    condition     = alltrue([for x in var.availability_zones : x != null])
    error_message = "availability_zones[${try([for i, x in var.availability_zones : i if x == null][0], -1)}] is null; remove it from the list or give a value"
  }

  validation {
    condition     = alltrue([for x in [for x in var.availability_zones : x if x != null] : can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$|^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", x))])
    error_message = "${jsonencode(try([for x in [for x in var.availability_zones : x if x != null] : x if !can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$|^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", x))][0], ""))} is not an availability zone; use a zone id such as \"use1-az1\" (the same in every account) or a zone name such as \"us-east-1a\""
  }

  validation {
    condition     = length(distinct([for x in var.availability_zones : x if x != null])) == length([for x in var.availability_zones : x if x != null])
    error_message = "availability zone ${try(jsonencode([for i, z in [for x in var.availability_zones : x if x != null] : z if index([for x in var.availability_zones : x if x != null], z) != i][0]), "")} is listed twice; list each zone once"
  }

  validation {
    condition     = alltrue([for z in [for x in var.availability_zones : x if x != null] : can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z))]) || alltrue([for z in [for x in var.availability_zones : x if x != null] : !can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z))])
    error_message = "availability zones [${join(", ", [for x in var.availability_zones : x if x != null])}] mix zone ids and zone names; use zone ids only (recommended) or names only"
  }

  validation {
    condition     = length(var.availability_zones) == 0 || length(var.availability_zones) >= 2
    error_message = "application load balancer needs at least 2 availability zones, got ${length(var.availability_zones)}; list 2 or more"
  }

  validation {
    condition     = length(var.availability_zones) <= 6
    error_message = "${length(var.availability_zones)} availability zones given, at most 6 are supported; list fewer"
  }

  validation {
    condition     = alltrue([for z in [for x in var.availability_zones : x if x != null] : can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$|^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", z)) ? (can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z)) ? (lookup(local.zone_id_codes, local.region, "") == "" ? !contains(values(local.zone_id_codes), split("-", z)[0]) : startswith(z, "${lookup(local.zone_id_codes, local.region, "")}-")) : startswith(z, local.region) && length(z) == length(local.region) + 1) : true])
    error_message = [for first in [try([for z in [for x in var.availability_zones : x if x != null] : z if can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$|^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", z)) && !(can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$|^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", z)) ? (can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z)) ? (lookup(local.zone_id_codes, local.region, "") == "" ? !contains(values(local.zone_id_codes), split("-", z)[0]) : startswith(z, "${lookup(local.zone_id_codes, local.region, "")}-")) : startswith(z, local.region) && length(z) == length(local.region) + 1) : true)][0], "")] : "availability zone ${jsonencode(first)}${[for home in [try(can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", first)) ? lookup({for r, c in local.zone_id_codes : c => r}, split("-", first)[0], "") : substr(first, 0, length(first) - 1), "")] : home == "" ? " is not a zone of the provider's region ${local.region}" : " is in ${home}, not in the provider's region ${local.region}"][0]}; list zones of ${local.region} (${can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", first)) ? (contains(keys(local.default_zone_ids), local.region) ? join(", ", [for d in lookup(local.default_zone_ids, local.region, slice(data.aws_availability_zones.region_azs.zone_ids, 0, 2)) : jsonencode(d)]) : "the zone ids `aws ec2 describe-availability-zones --region ${local.region}` lists") : "\"${local.region}a\", \"${local.region}b\""}), or leave availability_zones empty for the region's default zones"][0]
  }
}

# vpc_cidr
variable "vpc_cidr" {
  type        = string
  default     = "10.0.0.0/16"
  description = "The service VPC's IPv4 block, /16 to /28; one subnet per zone is carved from it (4 new bits each)"
  nullable    = false

  validation {
    condition     = can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr))
    error_message = "invalid cidr block ${jsonencode(var.vpc_cidr)}: ${trimspace(var.vpc_cidr) != var.vpc_cidr ? "it has whitespace around it; remove the spaces" : length(split("/", var.vpc_cidr)) < 2 ? "the prefix length (/N) is missing" : !can(regex("^(3[0-2]|[12]?[0-9])$", try(split("/", var.vpc_cidr)[1], ""))) ? "the prefix length must be a number from 0 to 32" : try(length(split(".", split("/", var.vpc_cidr)[0])), 0) != 4 ? "the address must have four dot-separated octets" : "each octet must be a number from 0 to 255 without leading zeros"}; write it as A.B.C.D/N, e.g. 10.0.0.0/16"
  }

  validation {
    condition     = try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], true)
    error_message = "cidr block ${jsonencode(var.vpc_cidr)} has bits set past its prefix; use the network address ${jsonencode("${try(cidrhost(var.vpc_cidr, 0), "")}/${try(split("/", var.vpc_cidr)[1], "")}")}"
  }

  validation {
    condition     = (can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr)) ? try(tonumber(split("/", var.vpc_cidr)[1]), -1) : -1) == -1 || (can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr)) ? try(tonumber(split("/", var.vpc_cidr)[1]), -1) : -1) >= 16 && (can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr)) ? try(tonumber(split("/", var.vpc_cidr)[1]), -1) : -1) <= 28
    error_message = "vpc cidr block ${jsonencode(var.vpc_cidr)} is outside the sizes aws accepts; use a prefix between /16 and /28"
  }

  validation {
    condition     = (can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr)) ? try(tonumber(split("/", var.vpc_cidr)[1]), -1) : -1) == -1 || (can(regex("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$", var.vpc_cidr)) ? try(tonumber(split("/", var.vpc_cidr)[1]), -1) : -1) + 4 <= 28 && length(local.availability_zones) <= 16
    error_message = "${length(local.availability_zones)} subnets of 4 new bits do not fit in ${jsonencode(var.vpc_cidr)}; use a larger vpc block or fewer/more newbits (prefix + newbits must be at most 28)"
  }
}

# allowed_principals
variable "allowed_principals" {
  type        = list(string)
  description = "IAM principals allowed to connect to the endpoint service (arn:aws:iam::ACCOUNT:root, ...:role/NAME or ...:user/NAME); connections still need acceptance"
  nullable    = false

  validation {
    condition     = length(var.allowed_principals) > 0
    error_message = "no allowed principals: nobody could connect to the endpoint service; list at least one iam principal arn"
  }

  validation {
    condition     = alltrue([for x in var.allowed_principals : x != null])
    error_message = "allowed_principals[${try([for i, x in var.allowed_principals : i if x == null][0], -1)}] is null; remove it from the list or give a value"
  }

  validation {
    condition     = alltrue([for x in [for x in var.allowed_principals : x if x != null] : can(regex("^arn:aws(-[a-z-]+)?:iam::[0-9]{12}:(root|(role|user)/[A-Za-z0-9+=,.@_/-]*[A-Za-z0-9+=,.@_-])$", x))])
    error_message = "principal ${jsonencode(try([for x in [for x in var.allowed_principals : x if x != null] : x if !can(regex("^arn:aws(-[a-z-]+)?:iam::[0-9]{12}:(root|(role|user)/[A-Za-z0-9+=,.@_/-]*[A-Za-z0-9+=,.@_-])$", x))][0], ""))} is not an iam principal arn; use arn:aws:iam::123456789012:root, ...:role/NAME or ...:user/NAME"
  }

  validation {
    condition     = length(distinct([for x in var.allowed_principals : x if x != null])) == length([for x in var.allowed_principals : x if x != null])
    error_message = "allowed_principals lists ${try(jsonencode([for i, z in [for x in var.allowed_principals : x if x != null] : z if index([for x in var.allowed_principals : x if x != null], z) != i][0]), "")} twice, which would create the same rule or attachment twice and aws refuses the second; list it once"
  }
}

# certificate_arn
variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the internal ALB's HTTPS listener, in the provider's region"
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws(-[a-z-]+)?:acm:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "acm certificate ${jsonencode(var.certificate_arn)} is not a valid arn; use the form arn:aws:acm:us-east-1:123456789012:certificate/ID"
  }

  validation {
    condition     = !can(regex("^arn:aws(-[a-z-]+)?:acm:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:certificate/.+$", var.certificate_arn)) || try(split(":", var.certificate_arn)[3], "") == local.region
    error_message = "acm certificate ${jsonencode(var.certificate_arn)} is in ${try(split(":", var.certificate_arn)[3], "")}, not in the provider's region ${local.region}; use a certificate of ${local.region} (a load balancer takes certificates of its own region only)"
  }
}

# instance_count
variable "instance_count" {
  type        = number
  default     = 2
  description = "How many nginx instances run behind the ALB, 1 to 20, spread round the zones"
  nullable    = false

  validation {
    condition     = var.instance_count >= 1
    error_message = "the application tier has no targets; set instance_count to 1 or more, or give target ids"
  }

  validation {
    condition     = var.instance_count <= 20 && floor(var.instance_count) == var.instance_count
    error_message = "instance count ${var.instance_count} is out of range; use a value between 1 and 20"
  }
}

# instance_type
variable "instance_type" {
  type        = string
  default     = "t3.micro"
  description = "EC2 instance type of the nginx instances behind the ALB (family.size)"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[0-9]([a-z0-9-]*[a-z0-9])?\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?$", var.instance_type)) && length(var.instance_type) <= 32
    error_message = "instance type ${jsonencode(var.instance_type)} is not an ec2 instance type; write it as family.size, e.g. t3.micro or m7g.large"
  }
}

# deletion_protection
variable "deletion_protection" {
  type        = bool
  default     = true
  description = "Deletion protection of the ALB and the NLB; switch it off before destroying the module"
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

locals {
  zone_id_codes = {
    af-south-1     = "afs1"
    ap-east-1      = "ape1"
    ap-east-2      = "ape2"
    ap-northeast-1 = "apne1"
    ap-northeast-2 = "apne2"
    ap-northeast-3 = "apne3"
    ap-south-1     = "aps1"
    ap-south-2     = "aps2"
    ap-southeast-1 = "apse1"
    ap-southeast-2 = "apse2"
    ap-southeast-3 = "apse3"
    ap-southeast-4 = "apse4"
    ap-southeast-5 = "apse5"
    ap-southeast-6 = "apse6"
    ap-southeast-7 = "apse7"
    ca-central-1   = "cac1"
    ca-west-1      = "caw1"
    cn-north-1     = "cnn1"
    cn-northwest-1 = "cnnw1"
    eu-central-1   = "euc1"
    eu-central-2   = "euc2"
    eu-north-1     = "eun1"
    eu-south-1     = "eus1"
    eu-south-2     = "eus2"
    eu-west-1      = "euw1"
    eu-west-2      = "euw2"
    eu-west-3      = "euw3"
    il-central-1   = "ilc1"
    me-central-1   = "mec1"
    me-south-1     = "mes1"
    mx-central-1   = "mxc1"
    sa-east-1      = "sae1"
    us-east-1      = "use1"
    us-east-2      = "use2"
    us-gov-east-1  = "usge1"
    us-gov-west-1  = "usgw1"
    us-west-1      = "usw1"
    us-west-2      = "usw2"
  }
  default_zone_ids = {
    af-south-1     = ["afs1-az1", "afs1-az2"]
    ap-east-1      = ["ape1-az1", "ape1-az2"]
    ap-east-2      = ["ape2-az1", "ape2-az2"]
    ap-northeast-1 = ["apne1-az1", "apne1-az2"]
    ap-northeast-2 = ["apne2-az1", "apne2-az2"]
    ap-northeast-3 = ["apne3-az1", "apne3-az2"]
    ap-south-1     = ["aps1-az1", "aps1-az2"]
    ap-south-2     = ["aps2-az1", "aps2-az2"]
    ap-southeast-1 = ["apse1-az1", "apse1-az2"]
    ap-southeast-2 = ["apse2-az1", "apse2-az2"]
    ap-southeast-3 = ["apse3-az1", "apse3-az2"]
    ap-southeast-4 = ["apse4-az1", "apse4-az2"]
    ap-southeast-5 = ["apse5-az1", "apse5-az2"]
    ap-southeast-6 = ["apse6-az1", "apse6-az2"]
    ap-southeast-7 = ["apse7-az1", "apse7-az2"]
    ca-central-1   = ["cac1-az1", "cac1-az2"]
    ca-west-1      = ["caw1-az1", "caw1-az2"]
    cn-north-1     = ["cnn1-az1", "cnn1-az2"]
    cn-northwest-1 = ["cnnw1-az1", "cnnw1-az2"]
    eu-central-1   = ["euc1-az1", "euc1-az2"]
    eu-central-2   = ["euc2-az1", "euc2-az2"]
    eu-north-1     = ["eun1-az1", "eun1-az2"]
    eu-south-1     = ["eus1-az1", "eus1-az2"]
    eu-south-2     = ["eus2-az1", "eus2-az2"]
    eu-west-1      = ["euw1-az1", "euw1-az2"]
    eu-west-2      = ["euw2-az1", "euw2-az2"]
    eu-west-3      = ["euw3-az1", "euw3-az2"]
    il-central-1   = ["ilc1-az1", "ilc1-az2"]
    me-central-1   = ["mec1-az1", "mec1-az2"]
    me-south-1     = ["mes1-az1", "mes1-az2"]
    mx-central-1   = ["mxc1-az1", "mxc1-az2"]
    sa-east-1      = ["sae1-az1", "sae1-az2"]
    us-east-1      = ["use1-az1", "use1-az2"]
    us-east-2      = ["use2-az1", "use2-az2"]
    us-gov-east-1  = ["usge1-az1", "usge1-az2"]
    us-gov-west-1  = ["usgw1-az1", "usgw1-az2"]
    us-west-1      = ["usw1-az1", "usw1-az3"]
    us-west-2      = ["usw2-az1", "usw2-az2"]
  }
  region             = data.aws_region.region.region
  availability_zones = length(var.availability_zones) == 0 ? lookup(local.default_zone_ids, local.region, slice(data.aws_availability_zones.region_azs.zone_ids, 0, 2)) : var.availability_zones
}

# region
data "aws_region" "region" {}

# service/network/region
data "aws_region" "service_network_region" {}

# region_azs
data "aws_availability_zones" "region_azs" {
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }

  state = "available"
}

# service/network/azs
data "aws_availability_zones" "service_network_azs" {
  filter {
    name   = alltrue([for z in local.availability_zones : can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z))]) ? "zone-id" : "zone-name"
    values = local.availability_zones
  }

  state = "available"
}

# service/app/partition
data "aws_partition" "service_app_partition" {}

# service/app/al2023
data "aws_ami" "service_app_al2023" {
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }

  most_recent = true
  owners      = ["amazon"]
}

# service/network/vpc
resource "aws_vpc" "service_network_vpc" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge(var.tags, { Name = "service_network_vpc" })

  lifecycle {
    precondition {
      condition     = length(alltrue([for z in local.availability_zones : can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", z))]) ? data.aws_availability_zones.service_network_azs.zone_ids : data.aws_availability_zones.service_network_azs.names) == length(local.availability_zones)
      error_message = "availability zones ${join(", ", local.availability_zones)} are not all available in this region and account: list zones the region offers (aws ec2 describe-availability-zones)"
    }
  }
}

# service/network/default_sg
resource "aws_default_security_group" "service_network_default_sg" {
  tags   = merge(var.tags, { Name = "service_network_default_sg" })
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/private
resource "aws_route_table" "service_network_private" {
  tags   = merge(var.tags, { Name = "service_network_private" })
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/subnet
resource "aws_subnet" "service_network_subnet" {
  for_each                = toset(local.availability_zones)
  availability_zone       = can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", each.key)) ? null : each.key
  availability_zone_id    = can(regex("^[a-z]{2,}[0-9]+(-[a-z0-9]+)*-az[0-9]+$", each.key)) ? each.key : null
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, index(local.availability_zones, each.key))
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "service_network_subnet_${each.key}" })
  vpc_id                  = aws_vpc.service_network_vpc.id
}

# service/network/private
resource "aws_route_table_association" "service_network_private" {
  for_each       = toset(local.availability_zones)
  route_table_id = aws_route_table.service_network_private.id
  subnet_id      = aws_subnet.service_network_subnet[each.key].id
}

# service/network/s3
resource "aws_vpc_endpoint" "service_network_s3" {
  route_table_ids   = [aws_route_table.service_network_private.id]
  service_name      = "com.amazonaws.${data.aws_region.service_network_region.region}.s3"
  tags              = merge(var.tags, { Name = "service_network_s3" })
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.service_network_vpc.id
}

# service/network/ssm
resource "aws_vpc_endpoint" "service_network_ssm" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ssm"
  subnet_ids          = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  tags                = merge(var.tags, { Name = "service_network_ssm" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = aws_vpc.service_network_vpc.id
}

# service/network/ssmmessages
resource "aws_vpc_endpoint" "service_network_ssmmessages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ssmmessages"
  subnet_ids          = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  tags                = merge(var.tags, { Name = "service_network_ssmmessages" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = aws_vpc.service_network_vpc.id
}

# service/network/ec2messages
resource "aws_vpc_endpoint" "service_network_ec2messages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ec2messages"
  subnet_ids          = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  tags                = merge(var.tags, { Name = "service_network_ec2messages" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = aws_vpc.service_network_vpc.id
}

# service/network/endpoints_sg
resource "aws_security_group" "service_network_endpoints_sg" {
  description = "HTTPS to the SSM interface endpoints from inside the VPC"
  name        = "service_network_endpoints_sg"
  tags        = merge(var.tags, { Name = "service_network_endpoints_sg" })
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/alb/sg
resource "aws_security_group" "service_alb_sg" {
  description = "Internal ALB: HTTPS from the NLB only"
  name        = "service_alb_sg"
  tags        = merge(var.tags, { Name = "service_alb_sg" })
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/nlb/sg
resource "aws_security_group" "service_nlb_sg" {
  description = "Internal NLB behind the endpoint service"
  name        = "service_nlb_sg"
  tags        = merge(var.tags, { Name = "service_nlb_sg" })
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/app/sg
resource "aws_security_group" "service_app_sg" {
  description = "App instances: HTTP from the ALB only"
  name        = "service_app_sg"
  tags        = merge(var.tags, { Name = "service_app_sg" })
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/network/endpoints_https
resource "aws_vpc_security_group_ingress_rule" "service_network_endpoints_https" {
  cidr_ipv4         = aws_vpc.service_network_vpc.cidr_block
  description       = "HTTPS from the VPC to the SSM endpoints"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.service_network_endpoints_sg.id
  tags              = merge(var.tags, { Name = "service_network_endpoints_https" })
  to_port           = 443
}

# service/app/http_from_alb
resource "aws_vpc_security_group_ingress_rule" "service_app_http_from_alb" {
  description                  = "HTTP from the ALB"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_alb_sg.id
  security_group_id            = aws_security_group.service_app_sg.id
  tags                         = merge(var.tags, { Name = "service_app_http_from_alb" })
  to_port                      = 80
}

# service/alb/https_from_nlb
resource "aws_vpc_security_group_ingress_rule" "service_alb_https_from_nlb" {
  description                  = "HTTPS from the NLB"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_nlb_sg.id
  security_group_id            = aws_security_group.service_alb_sg.id
  tags                         = merge(var.tags, { Name = "service_alb_https_from_nlb" })
  to_port                      = 443
}

# service/app/egress_ssm
resource "aws_vpc_security_group_egress_rule" "service_app_egress_ssm" {
  cidr_ipv4         = aws_vpc.service_network_vpc.cidr_block
  description       = "HTTPS to the SSM endpoints in the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.service_app_sg.id
  tags              = merge(var.tags, { Name = "service_app_egress_ssm" })
  to_port           = 443
}

# service/app/egress_s3
resource "aws_vpc_security_group_egress_rule" "service_app_egress_s3" {
  description       = "HTTPS to S3 (package repositories) through the gateway endpoint"
  from_port         = 443
  ip_protocol       = "tcp"
  prefix_list_id    = aws_vpc_endpoint.service_network_s3.prefix_list_id
  security_group_id = aws_security_group.service_app_sg.id
  tags              = merge(var.tags, { Name = "service_app_egress_s3" })
  to_port           = 443
}

# service/alb/http_to_app
resource "aws_vpc_security_group_egress_rule" "service_alb_http_to_app" {
  description                  = "HTTP to the app instances"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_app_sg.id
  security_group_id            = aws_security_group.service_alb_sg.id
  tags                         = merge(var.tags, { Name = "service_alb_http_to_app" })
  to_port                      = 80
}

# service/nlb/to_alb
resource "aws_vpc_security_group_egress_rule" "service_nlb_to_alb" {
  description                  = "HTTPS to the ALB"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_alb_sg.id
  security_group_id            = aws_security_group.service_nlb_sg.id
  tags                         = merge(var.tags, { Name = "service_nlb_to_alb" })
  to_port                      = 443
}

# service/app/role
resource "aws_iam_role" "service_app_role" {
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"
  description        = "EC2 instances managed through SSM Session Manager"
  name_prefix        = "service_app_role"
  tags               = merge(var.tags, { Name = "service_app_role" })
}

# service/app/ssm_core
resource "aws_iam_role_policy_attachment" "service_app_ssm_core" {
  policy_arn = "arn:${data.aws_partition.service_app_partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
  role       = aws_iam_role.service_app_role.name
}

# service/app/profile
resource "aws_iam_instance_profile" "service_app_profile" {
  name_prefix = "service_app_profile"
  role        = aws_iam_role.service_app_role.name
  tags        = merge(var.tags, { Name = "service_app_profile" })
}

# service/app/instance
resource "aws_instance" "service_app_instance" {
  count                       = var.instance_count
  ami                         = data.aws_ami.service_app_al2023.id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.service_app_profile.name
  instance_type               = var.instance_type

  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }

  monitoring = true

  root_block_device {
    delete_on_termination = true
    encrypted             = true
    volume_type           = "gp3"
  }

  subnet_id                   = element([for z in local.availability_zones : aws_subnet.service_network_subnet[z].id], count.index)
  tags                        = merge(var.tags, { Name = "service_app_instance_${count.index}" })
  user_data                   = "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n"
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.service_app_sg.id]
}

# service/alb/lb
resource "aws_lb" "service_alb_lb" {
  desync_mitigation_mode     = "strictest"
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  internal                   = true
  load_balancer_type         = "application"
  name                       = "service-alb"
  security_groups            = [aws_security_group.service_alb_sg.id]
  subnets                    = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  tags                       = merge(var.tags, { Name = "service_alb_lb" })
}

# service/nlb/lb
resource "aws_lb" "service_nlb_lb" {
  enable_cross_zone_load_balancing                             = true
  enable_deletion_protection                                   = var.deletion_protection
  enforce_security_group_inbound_rules_on_private_link_traffic = "off"
  internal                                                     = true
  load_balancer_type                                           = "network"
  name                                                         = "service-nlb"
  security_groups                                              = [aws_security_group.service_nlb_sg.id]
  subnets                                                      = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  tags                                                         = merge(var.tags, { Name = "service_nlb_lb" })
}

# service/alb/targets
resource "aws_lb_target_group" "service_alb_targets" {
  health_check {
    matcher  = "200-399"
    path     = "/"
    protocol = "HTTP"
  }

  name        = "service-alb-tg"
  port        = 80
  protocol    = "HTTP"
  tags        = merge(var.tags, { Name = "service_alb_targets" })
  target_type = "instance"
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/nlb/alb_target
resource "aws_lb_target_group" "service_nlb_alb_target" {
  health_check {
    matcher  = "200-399"
    path     = "/"
    port     = "443"
    protocol = "HTTPS"
  }

  name        = "service-nlb-tg"
  port        = 443
  protocol    = "TCP"
  tags        = merge(var.tags, { Name = "service_nlb_alb_target" })
  target_type = "alb"
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/alb/target
resource "aws_lb_target_group_attachment" "service_alb_target" {
  count            = var.instance_count
  port             = 80
  target_group_arn = aws_lb_target_group.service_alb_targets.arn
  target_id        = element(aws_instance.service_app_instance[*].id, count.index)
}

# service/nlb/alb_attachment
resource "aws_lb_target_group_attachment" "service_nlb_alb_attachment" {
  port             = aws_lb_listener.service_alb_https.port
  target_group_arn = aws_lb_target_group.service_nlb_alb_target.arn
  target_id        = aws_lb.service_alb_lb.arn
  depends_on       = [aws_lb_listener.service_alb_https]
}

# service/alb/https
resource "aws_lb_listener" "service_alb_https" {
  certificate_arn = var.certificate_arn

  default_action {
    target_group_arn = aws_lb_target_group.service_alb_targets.arn
    type             = "forward"
  }

  load_balancer_arn = aws_lb.service_alb_lb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
  tags              = merge(var.tags, { Name = "service_alb_https" })
}

# service/nlb/tcp
resource "aws_lb_listener" "service_nlb_tcp" {
  default_action {
    target_group_arn = aws_lb_target_group.service_nlb_alb_target.arn
    type             = "forward"
  }

  load_balancer_arn = aws_lb.service_nlb_lb.arn
  port              = 443
  protocol          = "TCP"
  tags              = merge(var.tags, { Name = "service_nlb_tcp" })
}

# service/endpoint/service
resource "aws_vpc_endpoint_service" "service_endpoint_service" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.service_nlb_lb.arn]
  supported_ip_address_types = ["ipv4"]
  tags                       = merge(var.tags, { Name = "service_endpoint_service" })
}

# service/endpoint/principal
resource "aws_vpc_endpoint_service_allowed_principal" "service_endpoint_principal" {
  for_each                = toset(var.allowed_principals)
  principal_arn           = each.key
  vpc_endpoint_service_id = aws_vpc_endpoint_service.service_endpoint_service.id
}

# service_name
output "service_name" {
  value       = aws_vpc_endpoint_service.service_endpoint_service.service_name
  description = "Endpoint service name: the consumer's service_name variable"
}

# service_id
output "service_id" {
  value       = aws_vpc_endpoint_service.service_endpoint_service.id
  description = "Endpoint service id, to accept connection requests"
}

# service_availability_zones
output "service_availability_zones" {
  value       = local.availability_zones
  description = "Zones the service serves: the consumer's service_availability_zones variable"
}

# service_port
output "service_port" {
  value       = 443
  description = "TCP port consumers connect to: the consumer's service_port variable"
}

# private_dns_verification
output "private_dns_verification" {
  value       = try(aws_vpc_endpoint_service.service_endpoint_service.private_dns_name_configuration[0], null)
  description = "TXT record proving ownership of the private DNS name (null without one)"
}

# vpc_id
output "vpc_id" {
  value       = aws_vpc.service_network_vpc.id
  description = "The service VPC's id"
}

# alb_arn
output "alb_arn" {
  value       = aws_lb.service_alb_lb.arn
  description = "The internal application load balancer (HTTPS listener, nginx targets)"
}

# alb_security_group_id
output "alb_security_group_id" {
  value       = aws_security_group.service_alb_sg.id
  description = "The ALB's security group (HTTPS from the NLB only)"
}

# nlb_arn
output "nlb_arn" {
  value       = aws_lb.service_nlb_lb.arn
  description = "The network load balancer behind the endpoint service"
}

# subnet_ids
output "subnet_ids" {
  value       = [for z in local.availability_zones : aws_subnet.service_network_subnet[z].id]
  description = "The service VPC's private subnets, one per zone"
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "users" {
  type    = list(string)
  default = ["ana", "bo", "cy"]
}

variable "admins" {
  type    = list(string)
  default = ["ana"]
}

variable "logs" {
  type = object({
    retention = number
    prefix    = optional(string, "/app")
  })
  default = {
    retention = 14
  }
}

locals {
  is_prod   = var.environment == "prod"
  upper     = [for u in var.users : upper(u)]
  by_name   = { for u in var.users : u => "${u}@example.com" }
  admins    = [for u in var.users : u if contains(var.admins, u)]
  log_days  = local.is_prod ? 90 : 7
  name_size = length(var.users) > 2 ? "many" : "few"
}

resource "aws_iam_user" "u" {
  for_each = toset(var.users)
  name     = each.key
  tags = {
    Email = local.by_name[each.key]
    Admin = contains(local.admins, each.key) ? "yes" : "no"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = local.is_prod ? "${var.logs.prefix}/prod" : "/app/${var.environment}"
  retention_in_days = local.is_prod ? local.log_days : var.logs.retention
}

output "names" {
  value = local.upper
}

output "size" {
  value = local.name_size
}

output "arns" {
  value = [for u in aws_iam_user.u : u.arn]
}

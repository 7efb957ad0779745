terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-north-1"
}

variable "packages" {
  type    = list(string)
  default = ["nginx", "jq"]
}

variable "debug" {
  type    = bool
  default = false
}

locals {
  banner = <<-EOT
    Welcome.
    Managed by Terraform; edit at your own risk.
  EOT
  user_data = <<-EOT
    #!/bin/bash
    %{ for p in var.packages ~}
    dnf install -y ${p}
    %{ endfor ~}
    %{ if var.debug }set -x%{ else }echo quiet%{ endif }
    echo "cost: $${HOME}"
  EOT
  motd = "%{ if var.debug }debug%{ else }normal%{ endif } mode"
  # A heredoc without `-`: the strip markers trim the line beside them.
  hosts = <<EOT
%{ for i, p in var.packages ~}
${i}: ${p}
%{~ endfor }
done
EOT
  listed = "%{ for p in var.packages }[${p}] %{~ endfor ~} ."
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = local.user_data
  tags = {
    Banner = local.banner
    Motd   = local.motd
    Price  = "$${not_interpolated}"
  }
}

output "user_data" {
  value = local.user_data
}

output "hosts" {
  value = local.hosts
}

output "listed" {
  value = local.listed
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-2"
}

# Two buckets from the local module.
module "logs" {
  source = "./modules/bucket"
  name   = "corpus-logs"
}

module "site" {
  source     = "./modules/bucket"
  name       = "corpus-site"
  versioning = true
}

resource "aws_s3_bucket_logging" "site" {
  bucket        = module.site.id
  target_bucket = module.logs.id
  target_prefix = "site/"
}

output "site_arn" {
  value = module.site.arn
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Project = "corpus"
    }
  }
}

# The replica account's provider: same region (tf-plan's stand-in provider serves one
# region per provider type), no default tags.
provider "aws" {
  alias  = "west"
  region = "eu-west-1"
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "aws_s3_bucket" "primary" {
  bucket = "corpus-primary-${random_id.suffix.hex}"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.west
  bucket   = "corpus-replica-${random_id.suffix.hex}"
}

resource "aws_sns_topic" "alerts" {
  provider = aws.west
  name     = "alerts"
}

output "replica" {
  value = aws_s3_bucket.replica.bucket
}

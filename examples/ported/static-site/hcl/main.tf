# A static website: private S3 buckets (site and logs, from the local module
# ./modules/private-bucket), a CloudFront distribution reading the site bucket through an
# origin access control, the site's files, and an IAM role for the deploy pipeline.

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

variable "site_name" {
  type    = string
  default = "acme-docs"
  validation {
    condition     = can(regex("^[a-z0-9-]{3,30}$", var.site_name))
    error_message = "The site_name must be 3 to 30 lowercase letters, digits or dashes."
  }
}

variable "environment" {
  type    = string
  default = "dev"
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "The environment must be dev or prod."
  }
}

variable "files" {
  type = map(object({ content_type = string, content = string }))
  default = {
    "index.html" = { content_type = "text/html", content = "<h1>Hello</h1>" }
    "404.html"   = { content_type = "text/html", content = "<h1>Not found</h1>" }
  }
}

variable "error_pages" {
  type    = map(string)
  default = { "403" = "/404.html", "404" = "/404.html" }
}

variable "deployers" {
  type    = list(string)
  default = ["arn:aws:iam::123456789012:root"]
}

locals {
  name    = "${var.site_name}-${var.environment}"
  is_prod = var.environment == "prod"
  tags = {
    Site        = var.site_name
    Environment = var.environment
  }
}

module "buckets" {
  source     = "./modules/private-bucket"
  for_each   = toset(["site", "logs"])
  name       = "${local.name}-${each.key}"
  versioning = each.key == "site"
  tags       = local.tags
}

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "${local.name}-site"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  default_root_object = "index.html"
  price_class         = local.is_prod ? "PriceClass_All" : "PriceClass_100"
  tags                = local.tags

  origin {
    domain_name              = module.buckets["site"].regional_domain_name
    origin_id                = "site"
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  dynamic "custom_error_response" {
    for_each = var.error_pages
    content {
      error_code         = tonumber(custom_error_response.key)
      response_code      = 404
      response_page_path = custom_error_response.value
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

data "aws_iam_policy_document" "site" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${module.buckets["site"].arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = module.buckets["site"].id
  policy = data.aws_iam_policy_document.site.json
}

resource "aws_s3_object" "files" {
  for_each     = var.files
  bucket       = module.buckets["site"].id
  key          = each.key
  content      = each.value.content
  content_type = each.value.content_type
}

resource "aws_iam_role" "deployer" {
  name = "${local.name}-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = var.deployers }
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy" "deployer" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject", "s3:DeleteObject"], Resource = "${module.buckets["site"].arn}/*" },
      { Effect = "Allow", Action = "cloudfront:CreateInvalidation", Resource = aws_cloudfront_distribution.site.arn },
    ]
  })
}

output "url" {
  value = "https://${aws_cloudfront_distribution.site.domain_name}"
}

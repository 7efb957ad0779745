# Containers on ECS Fargate behind an Application Load Balancer: a VPC with public subnets,
# the ALB and its listener, a cluster, and one service per entry of var.services from the
# local module ./modules/service (target group, listener rule, task definition, service).

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

variable "name" {
  type    = string
  default = "shop"
  validation {
    condition     = length(var.name) <= 20
    error_message = "The name must be at most 20 characters (it prefixes load balancer names)."
  }
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "services" {
  type = map(object({
    image    = string
    port     = number
    path     = string
    priority = number
    cpu      = optional(number, 256)
    memory   = optional(number, 512)
    count    = optional(number, 1)
  }))
  default = {
    api = { image = "public.ecr.aws/nginx/nginx:1.27", port = 8080, path = "/api/*", priority = 10 }
    web = { image = "public.ecr.aws/nginx/nginx:1.27", port = 80, path = "/*", priority = 20, count = 2 }
  }
  validation {
    condition     = alltrue([for s in var.services : s.port > 0 && s.port < 65536])
    error_message = "Every service port must be between 1 and 65535."
  }
}

locals {
  azs  = ["${var.region}a", "${var.region}b"]
  tags = { Application = var.name }
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = local.tags
}

resource "aws_subnet" "public" {
  count                   = length(local.azs)
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Name = "${var.name}-public-${count.index}" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
  tags = local.tags
}

resource "aws_route_table_association" "public" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "alb" {
  name   = "${var.name}-alb"
  vpc_id = aws_vpc.this.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.vpc_cidr]
  }
  tags = local.tags
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = aws_subnet.public[*].id
  tags               = local.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "not found"
      status_code  = "404"
    }
  }
}

resource "aws_ecs_cluster" "this" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = local.tags
}

resource "aws_iam_role" "execution" {
  name = "${var.name}-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

module "services" {
  source   = "./modules/service"
  for_each = var.services

  name               = "${var.name}-${each.key}"
  region             = var.region
  settings           = each.value
  cluster_arn        = aws_ecs_cluster.this.arn
  execution_role_arn = aws_iam_role.execution.arn
  vpc_id             = aws_vpc.this.id
  subnet_ids         = aws_subnet.public[*].id
  listener_arn       = aws_lb_listener.http.arn
  alb_security_group = aws_security_group.alb.id
  tags               = local.tags
}

output "url" {
  value = "http://${aws_lb.this.dns_name}"
}

output "services" {
  value = { for k, s in module.services : k => s.service_name }
}

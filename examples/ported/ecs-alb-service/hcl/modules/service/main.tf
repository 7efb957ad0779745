# One ECS service behind the shared listener: its target group and listener rule, log group,
# task definition, security group and service.

variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "settings" {
  type = object({
    image    = string
    port     = number
    path     = string
    priority = number
    cpu      = number
    memory   = number
    count    = number
  })
}

variable "cluster_arn" {
  type = string
}

variable "execution_role_arn" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "listener_arn" {
  type = string
}

variable "alb_security_group" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_lb_target_group" "this" {
  name        = var.name
  port        = var.settings.port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id
  health_check {
    path = "/"
  }
  tags = var.tags
}

resource "aws_lb_listener_rule" "this" {
  listener_arn = var.listener_arn
  priority     = var.settings.priority
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }
  condition {
    path_pattern {
      values = [var.settings.path]
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.settings.cpu
  memory                   = var.settings.memory
  execution_role_arn       = var.execution_role_arn
  container_definitions = jsonencode([{
    name         = "app"
    image        = var.settings.image
    essential    = true
    portMappings = [{ containerPort = var.settings.port }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "app"
      }
    }
  }])
  tags = var.tags
}

resource "aws_security_group" "this" {
  name   = var.name
  vpc_id = var.vpc_id
  ingress {
    from_port       = var.settings.port
    to_port         = var.settings.port
    protocol        = "tcp"
    security_groups = [var.alb_security_group]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = var.cluster_arn
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.settings.count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = true
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = "app"
    container_port   = var.settings.port
  }
  depends_on = [aws_lb_listener_rule.this]
  tags       = var.tags
}

output "service_name" {
  value = aws_ecs_service.this.name
}

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

# service/network/azs
data "aws_availability_zones" "service_network_azs" {
  filter {
    name   = "zone-id"
    values = ["use1-az1", "use1-az2"]
  }

  state = "available"
}

# service/network/region
data "aws_region" "service_network_region" {}

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
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_vpc"
    Project   = "privatelink"
  }

  lifecycle {
    precondition {
      condition     = length(data.aws_availability_zones.service_network_azs.zone_ids) == 2
      error_message = "availability zones use1-az1, use1-az2 are not all available in this region and account: list zones the region offers (aws ec2 describe-availability-zones)"
    }
  }
}

# service/network/default_sg
resource "aws_default_security_group" "service_network_default_sg" {
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_default_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/private
resource "aws_route_table" "service_network_private" {
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_private"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/subnet_use1_az1
resource "aws_subnet" "service_network_subnet_use1_az1" {
  availability_zone_id    = "use1-az1"
  cidr_block              = "10.0.0.0/20"
  map_public_ip_on_launch = false
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_subnet_use1_az1"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/subnet_use1_az2
resource "aws_subnet" "service_network_subnet_use1_az2" {
  availability_zone_id    = "use1-az2"
  cidr_block              = "10.0.16.0/20"
  map_public_ip_on_launch = false
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_subnet_use1_az2"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/private_use1_az1
resource "aws_route_table_association" "service_network_private_use1_az1" {
  route_table_id = aws_route_table.service_network_private.id
  subnet_id      = aws_subnet.service_network_subnet_use1_az1.id
}

# service/network/private_use1_az2
resource "aws_route_table_association" "service_network_private_use1_az2" {
  route_table_id = aws_route_table.service_network_private.id
  subnet_id      = aws_subnet.service_network_subnet_use1_az2.id
}

# service/network/s3
resource "aws_vpc_endpoint" "service_network_s3" {
  route_table_ids = [aws_route_table.service_network_private.id]
  service_name    = "com.amazonaws.${data.aws_region.service_network_region.region}.s3"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_s3"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.service_network_vpc.id
}

# service/network/ssm
resource "aws_vpc_endpoint" "service_network_ssm" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ssm"
  subnet_ids = [
    aws_subnet.service_network_subnet_use1_az1.id,
    aws_subnet.service_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_ssm"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.service_network_vpc.id
}

# service/network/ssmmessages
resource "aws_vpc_endpoint" "service_network_ssmmessages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ssmmessages"
  subnet_ids = [
    aws_subnet.service_network_subnet_use1_az1.id,
    aws_subnet.service_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_ssmmessages"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.service_network_vpc.id
}

# service/network/ec2messages
resource "aws_vpc_endpoint" "service_network_ec2messages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.service_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.service_network_region.region}.ec2messages"
  subnet_ids = [
    aws_subnet.service_network_subnet_use1_az1.id,
    aws_subnet.service_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_ec2messages"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.service_network_vpc.id
}

# service/network/endpoints_sg
resource "aws_security_group" "service_network_endpoints_sg" {
  description = "HTTPS to the SSM interface endpoints from inside the VPC"
  name        = "service_network_endpoints_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_endpoints_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/alb/sg
resource "aws_security_group" "service_alb_sg" {
  description = "Internal ALB: HTTPS from the NLB only"
  name        = "service_alb_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/nlb/sg
resource "aws_security_group" "service_nlb_sg" {
  description = "Internal NLB behind the endpoint service"
  name        = "service_nlb_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_nlb_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/app/sg
resource "aws_security_group" "service_app_sg" {
  description = "App instances: HTTP from the ALB only"
  name        = "service_app_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.service_network_vpc.id
}

# service/network/endpoints_https
resource "aws_vpc_security_group_ingress_rule" "service_network_endpoints_https" {
  cidr_ipv4         = aws_vpc.service_network_vpc.cidr_block
  description       = "HTTPS from the VPC to the SSM endpoints"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.service_network_endpoints_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_network_endpoints_https"
    Project   = "privatelink"
  }
  to_port = 443
}

# service/app/http_from_alb
resource "aws_vpc_security_group_ingress_rule" "service_app_http_from_alb" {
  description                  = "HTTP from the ALB"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_alb_sg.id
  security_group_id            = aws_security_group.service_app_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_http_from_alb"
    Project   = "privatelink"
  }
  to_port = 80
}

# service/alb/https_from_nlb
resource "aws_vpc_security_group_ingress_rule" "service_alb_https_from_nlb" {
  description                  = "HTTPS from the NLB"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_nlb_sg.id
  security_group_id            = aws_security_group.service_alb_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_https_from_nlb"
    Project   = "privatelink"
  }
  to_port = 443
}

# service/app/egress_ssm
resource "aws_vpc_security_group_egress_rule" "service_app_egress_ssm" {
  cidr_ipv4         = aws_vpc.service_network_vpc.cidr_block
  description       = "HTTPS to the SSM endpoints in the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.service_app_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_egress_ssm"
    Project   = "privatelink"
  }
  to_port = 443
}

# service/app/egress_s3
resource "aws_vpc_security_group_egress_rule" "service_app_egress_s3" {
  description       = "HTTPS to S3 (package repositories) through the gateway endpoint"
  from_port         = 443
  ip_protocol       = "tcp"
  prefix_list_id    = aws_vpc_endpoint.service_network_s3.prefix_list_id
  security_group_id = aws_security_group.service_app_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_egress_s3"
    Project   = "privatelink"
  }
  to_port = 443
}

# service/alb/http_to_app
resource "aws_vpc_security_group_egress_rule" "service_alb_http_to_app" {
  description                  = "HTTP to the app instances"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_app_sg.id
  security_group_id            = aws_security_group.service_alb_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_http_to_app"
    Project   = "privatelink"
  }
  to_port = 80
}

# service/nlb/to_alb
resource "aws_vpc_security_group_egress_rule" "service_nlb_to_alb" {
  description                  = "HTTPS to the ALB"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.service_alb_sg.id
  security_group_id            = aws_security_group.service_nlb_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_nlb_to_alb"
    Project   = "privatelink"
  }
  to_port = 443
}

# service/app/role
resource "aws_iam_role" "service_app_role" {
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"
  description        = "EC2 instances managed through SSM Session Manager"
  name_prefix        = "service_app_role"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_role"
    Project   = "privatelink"
  }
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
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_profile"
    Project   = "privatelink"
  }
}

# service/app/instance_0
resource "aws_instance" "service_app_instance_0" {
  ami                         = data.aws_ami.service_app_al2023.id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.service_app_profile.name
  instance_type               = "t3.micro"

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

  subnet_id = aws_subnet.service_network_subnet_use1_az1.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_instance_0"
    Project   = "privatelink"
  }
  user_data                   = "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n"
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.service_app_sg.id]
}

# service/app/instance_1
resource "aws_instance" "service_app_instance_1" {
  ami                         = data.aws_ami.service_app_al2023.id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.service_app_profile.name
  instance_type               = "t3.micro"

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

  subnet_id = aws_subnet.service_network_subnet_use1_az2.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_app_instance_1"
    Project   = "privatelink"
  }
  user_data                   = "#!/bin/sh\nset -eu\ndnf install -y nginx\nsystemctl enable --now nginx\n"
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.service_app_sg.id]
}

# service/alb/lb
resource "aws_lb" "service_alb_lb" {
  desync_mitigation_mode     = "strictest"
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  internal                   = true
  load_balancer_type         = "application"
  name                       = "service-alb"
  security_groups            = [aws_security_group.service_alb_sg.id]
  subnets = [
    aws_subnet.service_network_subnet_use1_az1.id,
    aws_subnet.service_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_lb"
    Project   = "privatelink"
  }
}

# service/nlb/lb
resource "aws_lb" "service_nlb_lb" {
  enable_cross_zone_load_balancing                             = true
  enable_deletion_protection                                   = true
  enforce_security_group_inbound_rules_on_private_link_traffic = "off"
  internal                                                     = true
  load_balancer_type                                           = "network"
  name                                                         = "service-nlb"
  security_groups                                              = [aws_security_group.service_nlb_sg.id]
  subnets = [
    aws_subnet.service_network_subnet_use1_az1.id,
    aws_subnet.service_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_nlb_lb"
    Project   = "privatelink"
  }
}

# service/alb/targets
resource "aws_lb_target_group" "service_alb_targets" {
  health_check {
    matcher  = "200-399"
    path     = "/"
    protocol = "HTTP"
  }

  name     = "service-alb-tg"
  port     = 80
  protocol = "HTTP"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_targets"
    Project   = "privatelink"
  }
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

  name     = "service-nlb-tg"
  port     = 443
  protocol = "TCP"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_nlb_alb_target"
    Project   = "privatelink"
  }
  target_type = "alb"
  vpc_id      = aws_vpc.service_network_vpc.id
}

# service/alb/target_0
resource "aws_lb_target_group_attachment" "service_alb_target_0" {
  port             = 80
  target_group_arn = aws_lb_target_group.service_alb_targets.arn
  target_id        = aws_instance.service_app_instance_0.id
}

# service/alb/target_1
resource "aws_lb_target_group_attachment" "service_alb_target_1" {
  port             = 80
  target_group_arn = aws_lb_target_group.service_alb_targets.arn
  target_id        = aws_instance.service_app_instance_1.id
}

# service/nlb/alb_attachment
resource "aws_lb_target_group_attachment" "service_nlb_alb_attachment" {
  port             = aws_lb_listener.service_alb_https.port
  target_group_arn = aws_lb_target_group.service_nlb_alb_target.arn
  target_id        = aws_lb.service_alb_lb.arn
  depends_on       = [aws_lb_listener.service_alb_https]
}

# service/alb/tls_key
resource "tls_private_key" "service_alb_tls_key" {
  algorithm = "RSA"
  rsa_bits  = 2048

  lifecycle {
    create_before_destroy = true
  }
}

# service/alb/tls_cert
resource "tls_self_signed_cert" "service_alb_tls_cert" {
  allowed_uses        = ["key_encipherment", "digital_signature", "server_auth"]
  dns_names           = ["service.privatelink.internal", aws_lb.service_alb_lb.dns_name]
  early_renewal_hours = 720
  private_key_pem     = tls_private_key.service_alb_tls_key.private_key_pem

  subject {
    common_name  = "service.privatelink.internal"
    organization = "tfsynth PrivateLink demo"
  }

  validity_period_hours = 8760

  lifecycle {
    create_before_destroy = true
  }
}

# service/alb/certificate
resource "aws_acm_certificate" "service_alb_certificate" {
  certificate_body = tls_self_signed_cert.service_alb_tls_cert.cert_pem
  private_key      = tls_private_key.service_alb_tls_key.private_key_pem
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_certificate"
    Project   = "privatelink"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# service/alb/https
resource "aws_lb_listener" "service_alb_https" {
  certificate_arn = aws_acm_certificate.service_alb_certificate.arn

  default_action {
    target_group_arn = aws_lb_target_group.service_alb_targets.arn
    type             = "forward"
  }

  load_balancer_arn = aws_lb.service_alb_lb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_alb_https"
    Project   = "privatelink"
  }
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
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_nlb_tcp"
    Project   = "privatelink"
  }
}

# service/endpoint/service
resource "aws_vpc_endpoint_service" "service_endpoint_service" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.service_nlb_lb.arn]
  supported_ip_address_types = ["ipv4"]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "service_endpoint_service"
    Project   = "privatelink"
  }
}

# service/endpoint/principal_0
resource "aws_vpc_endpoint_service_allowed_principal" "service_endpoint_principal_0" {
  principal_arn           = "arn:aws:iam::111122223333:root"
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
  value       = ["use1-az1", "use1-az2"]
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

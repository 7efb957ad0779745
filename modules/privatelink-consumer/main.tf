terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# service_name
variable "service_name" {
  type        = string
  description = "The service stack's service_name output"
  nullable    = false

  validation {
    condition     = can(regex("^com\\.amazonaws\\.vpce\\.[a-z0-9-]+\\.vpce-svc-[0-9a-f]+$", var.service_name))
    error_message = "service_name must look like com.amazonaws.vpce.REGION.vpce-svc-ID: copy the service stack's service_name output"
  }
}

# service_availability_zones
variable "service_availability_zones" {
  type        = list(string)
  description = "The service stack's service_availability_zones output"
  nullable    = false
}

# service_port
variable "service_port" {
  type        = number
  default     = 443
  description = "The service stack's service_port output"

  validation {
    condition     = var.service_port >= 1 && var.service_port <= 65535
    error_message = "service_port must be between 1 and 65535"
  }
}

# consumer/network/azs
data "aws_availability_zones" "consumer_network_azs" {
  filter {
    name   = "zone-id"
    values = ["use1-az1", "use1-az2"]
  }

  state = "available"
}

# consumer/network/region
data "aws_region" "consumer_network_region" {}

# consumer/client/partition
data "aws_partition" "consumer_client_partition" {}

# consumer/client/al2023
data "aws_ami" "consumer_client_al2023" {
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

# consumer/network/vpc
resource "aws_vpc" "consumer_network_vpc" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_vpc"
    Project   = "privatelink"
  }

  lifecycle {
    precondition {
      condition     = length(data.aws_availability_zones.consumer_network_azs.zone_ids) == 2
      error_message = "availability zones use1-az1, use1-az2 are not all available in this region and account: list zones the region offers (aws ec2 describe-availability-zones)"
    }
  }
}

# consumer/network/default_sg
resource "aws_default_security_group" "consumer_network_default_sg" {
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_default_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/network/private
resource "aws_route_table" "consumer_network_private" {
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_private"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/network/subnet_use1_az1
resource "aws_subnet" "consumer_network_subnet_use1_az1" {
  availability_zone_id    = "use1-az1"
  cidr_block              = "10.1.0.0/20"
  map_public_ip_on_launch = false
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_subnet_use1_az1"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/network/subnet_use1_az2
resource "aws_subnet" "consumer_network_subnet_use1_az2" {
  availability_zone_id    = "use1-az2"
  cidr_block              = "10.1.16.0/20"
  map_public_ip_on_launch = false
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_subnet_use1_az2"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/network/private_use1_az1
resource "aws_route_table_association" "consumer_network_private_use1_az1" {
  route_table_id = aws_route_table.consumer_network_private.id
  subnet_id      = aws_subnet.consumer_network_subnet_use1_az1.id
}

# consumer/network/private_use1_az2
resource "aws_route_table_association" "consumer_network_private_use1_az2" {
  route_table_id = aws_route_table.consumer_network_private.id
  subnet_id      = aws_subnet.consumer_network_subnet_use1_az2.id
}

# consumer/network/s3
resource "aws_vpc_endpoint" "consumer_network_s3" {
  route_table_ids = [aws_route_table.consumer_network_private.id]
  service_name    = "com.amazonaws.${data.aws_region.consumer_network_region.region}.s3"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_s3"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.consumer_network_vpc.id
}

# consumer/network/ssm
resource "aws_vpc_endpoint" "consumer_network_ssm" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.consumer_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.consumer_network_region.region}.ssm"
  subnet_ids = [
    aws_subnet.consumer_network_subnet_use1_az1.id,
    aws_subnet.consumer_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_ssm"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.consumer_network_vpc.id
}

# consumer/network/ssmmessages
resource "aws_vpc_endpoint" "consumer_network_ssmmessages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.consumer_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.consumer_network_region.region}.ssmmessages"
  subnet_ids = [
    aws_subnet.consumer_network_subnet_use1_az1.id,
    aws_subnet.consumer_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_ssmmessages"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.consumer_network_vpc.id
}

# consumer/network/ec2messages
resource "aws_vpc_endpoint" "consumer_network_ec2messages" {
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.consumer_network_endpoints_sg.id]
  service_name        = "com.amazonaws.${data.aws_region.consumer_network_region.region}.ec2messages"
  subnet_ids = [
    aws_subnet.consumer_network_subnet_use1_az1.id,
    aws_subnet.consumer_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_ec2messages"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.consumer_network_vpc.id
}

# consumer/endpoint/endpoint
resource "aws_vpc_endpoint" "consumer_endpoint_endpoint" {
  private_dns_enabled = false
  security_group_ids  = [aws_security_group.consumer_endpoint_sg.id]
  service_name        = var.service_name
  subnet_ids = [
    aws_subnet.consumer_network_subnet_use1_az1.id,
    aws_subnet.consumer_network_subnet_use1_az2.id
  ]
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_endpoint_endpoint"
    Project   = "privatelink"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.consumer_network_vpc.id
}

# consumer/network/endpoints_sg
resource "aws_security_group" "consumer_network_endpoints_sg" {
  description = "HTTPS to the SSM interface endpoints from inside the VPC"
  name        = "consumer_network_endpoints_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_endpoints_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/client/sg
resource "aws_security_group" "consumer_client_sg" {
  description = "Client instance: no inbound; the service port to the endpoint"
  name        = "consumer_client_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/endpoint/sg
resource "aws_security_group" "consumer_endpoint_sg" {
  description = "PrivateLink endpoint: the service port from clients only"
  name        = "consumer_endpoint_sg"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_endpoint_sg"
    Project   = "privatelink"
  }
  vpc_id = aws_vpc.consumer_network_vpc.id
}

# consumer/network/endpoints_https
resource "aws_vpc_security_group_ingress_rule" "consumer_network_endpoints_https" {
  cidr_ipv4         = aws_vpc.consumer_network_vpc.cidr_block
  description       = "HTTPS from the VPC to the SSM endpoints"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.consumer_network_endpoints_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_network_endpoints_https"
    Project   = "privatelink"
  }
  to_port = 443
}

# consumer/endpoint/from_group_0
resource "aws_vpc_security_group_ingress_rule" "consumer_endpoint_from_group_0" {
  description                  = "Service port from the client group"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.consumer_client_sg.id
  security_group_id            = aws_security_group.consumer_endpoint_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_endpoint_from_group_0"
    Project   = "privatelink"
  }
  to_port = 443
}

# consumer/client/to_endpoint
resource "aws_vpc_security_group_egress_rule" "consumer_client_to_endpoint" {
  description                  = "Service port to the PrivateLink endpoint"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.consumer_endpoint_sg.id
  security_group_id            = aws_security_group.consumer_client_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_to_endpoint"
    Project   = "privatelink"
  }
  to_port = 443
}

# consumer/client/egress_ssm
resource "aws_vpc_security_group_egress_rule" "consumer_client_egress_ssm" {
  cidr_ipv4         = aws_vpc.consumer_network_vpc.cidr_block
  description       = "HTTPS to the SSM endpoints in the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.consumer_client_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_egress_ssm"
    Project   = "privatelink"
  }
  to_port = 443
}

# consumer/client/egress_s3
resource "aws_vpc_security_group_egress_rule" "consumer_client_egress_s3" {
  description       = "HTTPS to S3 (package repositories) through the gateway endpoint"
  from_port         = 443
  ip_protocol       = "tcp"
  prefix_list_id    = aws_vpc_endpoint.consumer_network_s3.prefix_list_id
  security_group_id = aws_security_group.consumer_client_sg.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_egress_s3"
    Project   = "privatelink"
  }
  to_port = 443
}

# consumer/client/role
resource "aws_iam_role" "consumer_client_role" {
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"
  description        = "EC2 instances managed through SSM Session Manager"
  name_prefix        = "consumer_client_role"
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_role"
    Project   = "privatelink"
  }
}

# consumer/client/ssm_core
resource "aws_iam_role_policy_attachment" "consumer_client_ssm_core" {
  policy_arn = "arn:${data.aws_partition.consumer_client_partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
  role       = aws_iam_role.consumer_client_role.name
}

# consumer/client/profile
resource "aws_iam_instance_profile" "consumer_client_profile" {
  name_prefix = "consumer_client_profile"
  role        = aws_iam_role.consumer_client_role.name
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_profile"
    Project   = "privatelink"
  }
}

# consumer/client/instance
resource "aws_instance" "consumer_client_instance" {
  ami                         = data.aws_ami.consumer_client_al2023.id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.consumer_client_profile.name
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

  subnet_id = aws_subnet.consumer_network_subnet_use1_az1.id
  tags = {
    ManagedBy = "tfsynth"
    Name      = "consumer_client_instance"
    Project   = "privatelink"
  }
  vpc_security_group_ids = [aws_security_group.consumer_client_sg.id]
  depends_on             = [aws_vpc_endpoint.consumer_endpoint_endpoint]
}

# endpoint_id
output "endpoint_id" {
  value       = aws_vpc_endpoint.consumer_endpoint_endpoint.id
  description = "Interface endpoint id"
}

# endpoint_dns_names
output "endpoint_dns_names" {
  value       = aws_vpc_endpoint.consumer_endpoint_endpoint.dns_entry[*].dns_name
  description = "DNS names of the interface endpoint"
}

# endpoint_urls
output "endpoint_urls" {
  value       = [for name in aws_vpc_endpoint.consumer_endpoint_endpoint.dns_entry[*].dns_name : "https://${name}:443"]
  description = "URLs to curl from the client instance (self-signed certificate: curl -k)"
}

# client_instance_id
output "client_instance_id" {
  value       = aws_instance.consumer_client_instance.id
  description = "Client instance: aws ssm start-session --target <id>"
}

# consumer/endpoint_zones
check "consumer_endpoint_zones" {
  assert {
    condition     = length(setsubtract([aws_subnet.consumer_network_subnet_use1_az1.availability_zone_id, aws_subnet.consumer_network_subnet_use1_az2.availability_zone_id], var.service_availability_zones)) == 0
    error_message = "the endpoint's subnets are in zones the endpoint service does not serve: place the consumer subnets in the service's zones (service_availability_zones)"
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "ap-southeast-2"
}

resource "aws_sqs_queue" "jobs" {
  name                      = "jobs"
  message_retention_seconds = 86400
}

# The queue was called `work` before.
moved {
  from = aws_sqs_queue.work
  to   = aws_sqs_queue.jobs
}

resource "aws_cloudwatch_log_group" "legacy" {
  name = "/legacy/app"
}

# Adopt the log group made by hand.
import {
  to = aws_cloudwatch_log_group.legacy
  id = "/legacy/app"
}

# The old dead-letter queue is no longer managed here; it stays in AWS.
removed {
  from = aws_sqs_queue.dead_letters
  lifecycle {
    destroy = false
  }
}

check "queue_named" {
  assert {
    condition     = aws_sqs_queue.jobs.name == "jobs"
    error_message = "The queue must be called jobs."
  }
}

//! `Stack::into_module`: a root stack made into a module another configuration calls.

mod common;

use tfsynth::prelude::*;
use tfsynth::{Backend, Cloud, Error, Import, MetaArgs, RawProvider, RawResource};

/// A root stack: a default and an aliased aws configuration, a tls provider named only by its
/// block, a backend, and a little of everything else.
fn root() -> Stack {
    let mut stack = Stack::new();
    stack.required_version(">= 1.5");
    stack.provider(
        RawProvider::new("aws")
            .requirement("hashicorp/aws", ">= 6.0")
            .attr("region", "eu-west-1")
            .block(
                "default_tags",
                tfsynth::Body::new().attr("tags", Value::<Map<String>>::from([("Team", "net")])),
            ),
    );
    let peer = stack.provider(
        RawProvider::new("aws")
            .alias("peer")
            .attr("region", "us-east-1"),
    );
    stack.provider(RawProvider::new("tls"));
    stack.settings_mut().backend = Some(Backend::s3("state", "net.tfstate", "eu-west-1"));
    let cidr = stack.variable(
        "cidr",
        Variable::<String>::new()
            .description("The VPC's range")
            .default_value("10.0.0.0/16"),
    );
    let vpc = stack.resource("vpc", RawResource::new("aws_vpc").attr("cidr_block", cidr));
    stack.resource(
        "peer_vpc",
        RawResource::new("aws_vpc")
            .provider(&peer)
            .attr("cidr_block", "10.1.0.0/16"),
    );
    stack.output("vpc_id", Output::new(vpc.get::<String>("id")));
    stack
}

#[test]
fn provider_blocks_move_to_the_caller() {
    let module = root().into_module().expect("a module");
    assert_eq!(
        module.moved_to_caller,
        [
            r#"provider "aws" (region, default_tags): configure it in the calling module"#,
            r#"provider "aws" alias "peer" (region): configure it in the calling module and pass it as providers = { aws.peer = ... }"#,
            r#"provider "tls": configure it in the calling module"#,
            r#"backend "s3": a module has no backend; the root module that calls it keeps state"#,
        ]
    );
    let json = common::synth(&module.stack);
    let v = common::parse(&json);
    assert!(v.get("provider").is_none(), "{json}");
    assert!(v["terraform"].get("backend").is_none(), "{json}");
    assert!(v["terraform"].get("cloud").is_none(), "{json}");
    // Everything else is as it was.
    assert_eq!(v["resource"]["aws_vpc"]["peer_vpc"]["provider"], "aws.peer");
    assert_eq!(v["variable"]["cidr"]["default"], "10.0.0.0/16");
    assert_eq!(v["output"]["vpc_id"]["value"], "${aws_vpc.vpc.id}");
}

#[test]
fn aliases_become_configuration_aliases() {
    let module = root().into_module().expect("a module");
    let json = common::synth(&module.stack);
    insta::assert_snapshot!(json, @r#"
    {
      "terraform": {
        "required_version": ">= 1.5",
        "required_providers": {
          "aws": {
            "source": "hashicorp/aws",
            "version": ">= 6.0",
            "configuration_aliases": [
              "aws.peer"
            ]
          },
          "tls": {
            "source": "hashicorp/tls"
          }
        }
      },
      "variable": {
        "cidr": {
          "//": "cidr",
          "type": "string",
          "default": "10.0.0.0/16",
          "description": "The VPC's range"
        }
      },
      "resource": {
        "aws_vpc": {
          "vpc": {
            "//": "vpc",
            "cidr_block": "${var.cidr}"
          },
          "peer_vpc": {
            "//": "peer_vpc",
            "provider": "aws.peer",
            "cidr_block": "10.1.0.0/16"
          }
        }
      },
      "output": {
        "vpc_id": {
          "//": "vpc_id",
          "value": "${aws_vpc.vpc.id}"
        }
      }
    }
    "#);
}

#[cfg(feature = "hcl")]
#[test]
fn the_module_in_hcl() {
    let module = root().into_module().expect("a module");
    let hcl = tfsynth::hcl::synth_hcl(&module.stack, tfsynth::SynthOptions { comments: false })
        .expect("HCL");
    insta::assert_snapshot!(hcl, @r#"
    terraform {
      required_version = ">= 1.5"

      required_providers {
        aws = {
          source                = "hashicorp/aws"
          version               = ">= 6.0"
          configuration_aliases = [aws.peer]
        }
        tls = {
          source = "hashicorp/tls"
        }
      }
    }

    variable "cidr" {
      type        = string
      default     = "10.0.0.0/16"
      description = "The VPC's range"
    }

    resource "aws_vpc" "vpc" {
      cidr_block = var.cidr
    }

    resource "aws_vpc" "peer_vpc" {
      provider   = aws.peer
      cidr_block = "10.1.0.0/16"
    }

    output "vpc_id" {
      value = aws_vpc.vpc.id
    }
    "#);
}

#[test]
fn cloud_is_removed_too() {
    let mut stack = Stack::new();
    stack.settings_mut().cloud = Some(Cloud::new("acme", "net"));
    stack.required_version(">= 1.6");
    let module = stack.into_module().expect("a module");
    assert_eq!(
        module.moved_to_caller,
        [
            "cloud: a module has no cloud block; the root module that calls it picks the HCP \
          Terraform workspace and keeps state"
        ]
    );
    let json = common::synth(&module.stack);
    assert_eq!(
        json,
        "{\n  \"terraform\": {\n    \"required_version\": \">= 1.6\"\n  }\n}\n"
    );
}

#[test]
fn a_stack_without_providers_is_unchanged() {
    let mut stack = Stack::new();
    stack.require_provider("aws", "hashicorp/aws", ">= 6.0");
    stack.resource(
        "vpc",
        RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
    );
    let before = common::synth(&stack);
    let module = stack.into_module().expect("a module");
    assert!(module.moved_to_caller.is_empty());
    assert_eq!(common::synth(&module.stack), before);
}

#[test]
fn a_block_on_the_default_configuration_stays_valid() {
    // `provider = aws` names the default configuration, which the caller now gives.
    let mut stack = Stack::new();
    let aws = stack.provider(RawProvider::new("aws").requirement("hashicorp/aws", ">= 6.0"));
    stack.use_provider(&aws);
    stack.resource(
        "vpc",
        RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
    );
    let module = stack.into_module().expect("a module");
    let v = common::parse(&common::synth(&module.stack));
    assert_eq!(v["resource"]["aws_vpc"]["vpc"]["provider"], "aws");
}

#[test]
fn an_import_block_is_refused() {
    let mut stack = root();
    let mut scope = stack.scope("legacy");
    let bucket = scope.resource("logs", RawResource::new("aws_s3_bucket"));
    scope.import(Import::new(&bucket, "logs-bucket"));
    let errors = stack.into_module().expect_err("refused");
    assert_eq!(
        errors.iter().collect::<Vec<_>>(),
        [&Error::ImportInModule {
            to: "aws_s3_bucket.legacy_logs".into(),
            path: "legacy".into(),
        }]
    );
    insta::assert_snapshot!(errors.to_string(), @r"
    1 error:
      - import block for aws_s3_bucket.legacy_logs (at legacy) cannot go into a module: Terraform allows import blocks only in the root module; import in the root configuration that calls the module (to = module.NAME.aws_s3_bucket.legacy_logs) and leave it out of the module
    ");
}

#[test]
fn a_malformed_configuration_alias_is_an_error() {
    let mut stack = Stack::new();
    stack.require_provider("aws", "hashicorp/aws", ">= 6.0");
    stack.settings_mut().required_providers["aws"]
        .configuration_aliases
        .push("tls.peer".into());
    let e = stack.synth().expect_err("refused").to_string();
    insta::assert_snapshot!(e, @r#"
    1 error:
      - configuration alias "tls.peer" of required_providers.aws is not aws.ALIAS: write the provider's local name, a dot and the alias (e.g. aws.peer) (in terraform)
    "#);
}

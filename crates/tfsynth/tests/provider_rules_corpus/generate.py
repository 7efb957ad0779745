#!/usr/bin/env python3
"""Writes cases.json, the corpus of mistakes the aws provider refuses at plan.

Each case is one argument (or group of arguments) of one aws type, with:
- the provider's rules on it, from the extracted rules of branch `rules-data`
  (crates/tfsynth-codegen/data/aws-rules.json, provider v6.58.0), converted to the shape of
  `tfsynth::provider_rules`;
- the line of the provider's source that declares the rule, found in the provider index
  (lonegunmanb/terraform-provider-aws-index at the same version): a case whose rule is not
  found there is left out, so every case is backed by the provider's own code;
- a bad literal (what a user might write), a good literal, and a fragment of the expected
  message.

Run from the repository root:
  git show 09f6dd4:crates/tfsynth-codegen/data/aws-rules.json > /tmp/aws-rules.json
  python3 crates/tfsynth/tests/provider_rules_corpus/generate.py /tmp/aws-rules.json INDEX_GIT_DIR
The output is reviewed and committed like code; `tests/provider_rules_corpus.rs` runs it
with the rules given as data, and crates/tfsynth-rules-corpus through the typed aws bindings
and their generated rule tables (regenerate its src/typed.rs after a change of types).
"""
import gzip
import json
import re
import subprocess
import sys

RULES, INDEX = sys.argv[1], sys.argv[2]
HERE = "crates/tfsynth/tests/provider_rules_corpus"
rules = json.load(open(RULES))
schema = json.load(gzip.open("crates/tfsynth-aws/schema/aws-tls.schema.json.gz"))
aws = schema["provider_schemas"]["registry.terraform.io/hashicorp/aws"]

# (type, argument path, bad, good); None asks for the generated value of the rule's kind.
# Group cases name the kind in the path: "exactly_one_of:filename".
PICKS = [
    # lambda
    ("aws_lambda_function", "runtime", "python3.99", "python3.12"),
    ("aws_lambda_function", "memory_size", 64, 1024),
    ("aws_lambda_function", "timeout", 901, 30),
    ("aws_lambda_function", "layers", None, None),
    ("aws_lambda_function", "ephemeral_storage.size", 256, 512),
    ("aws_lambda_function", "file_system_config.local_mount_path", "/efs/data", "/mnt/data"),
    ("aws_lambda_function", "tracing_config.mode", "active", "Active"),
    ("aws_lambda_function", "exactly_one_of:filename", None, None),
    ("aws_lambda_function", "required_with:s3_key", None, None),
    ("aws_lambda_function", "handler", "", "index.handler"),
    # logs
    ("aws_cloudwatch_log_group", "retention_in_days", 45, 30),
    ("aws_cloudwatch_log_group", "log_group_class", "STANDARD_IA", "INFREQUENT_ACCESS"),
    ("aws_cloudwatch_log_group", "conflicts_with:name", None, None),
    # kms
    ("aws_kms_key", "deletion_window_in_days", 3, 7),
    ("aws_kms_key", "key_usage", "ENCRYPT", "ENCRYPT_DECRYPT"),
    ("aws_kms_key", "rotation_period_in_days", 30, 365),
    ("aws_kms_key", "policy", '{"Version": "2012-10-17", "Statement": [}', '{"Version": "2012-10-17", "Statement": []}'),
    ("aws_kms_key", "required_with:rotation_period_in_days", None, None),
    # iam
    ("aws_iam_role", "name", "app role", "app-role"),
    ("aws_iam_role", "max_session_duration", 60, 3600),
    ("aws_iam_role", "name_prefix", "a-very-long-role-name-prefix-for-the-app", "app-"),
    ("aws_iam_role", "permissions_boundary", "PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess"),
    ("aws_iam_role", "assume_role_policy", "{'Version': '2012-10-17'}", '{"Version": "2012-10-17", "Statement": []}'),
    ("aws_iam_role", "conflicts_with:name", None, None),
    # s3
    ("aws_s3_bucket", "bucket", "logs--use1-az4--x-s3", "logs-bucket"),
    ("aws_s3_bucket", "bucket_prefix", "a-bucket-prefix-that-is-far-too-long-for-s3", "logs-"),
    ("aws_s3_bucket", "conflicts_with:bucket", None, None),
    ("aws_s3_bucket", "conflicts_with:object_lock_configuration", None, None),
    # dynamodb
    ("aws_dynamodb_table", "billing_mode", "ON_DEMAND", "PAY_PER_REQUEST"),
    ("aws_dynamodb_table", "attribute.type", "STRING", "S"),
    ("aws_dynamodb_table", "table_class", "INFREQUENT_ACCESS", "STANDARD_INFREQUENT_ACCESS"),
    ("aws_dynamodb_table", "point_in_time_recovery.recovery_period_in_days", 90, 35),
    ("aws_dynamodb_table", "restore_date_time", "2024-06-01 12:00:00", "2024-06-01T12:00:00Z"),
    ("aws_dynamodb_table", "conflicts_with:on_demand_throughput", None, None),
    ("aws_dynamodb_table", "conflicts_with:restore_backup_arn", None, None),
    # rds
    ("aws_db_instance", "backup_retention_period", 36, 7),
    ("aws_db_instance", "monitoring_interval", 45, 60),
    ("aws_db_instance", "network_type", "IPV6", "DUAL"),
    ("aws_db_instance", "final_snapshot_identifier", "final--snapshot", "final-snapshot"),
    ("aws_db_instance", "custom_iam_instance_profile", "RDSCustomProfile", "AWSRDSCustomProfile"),
    ("aws_db_instance", "enabled_cloudwatch_logs_exports.*", ["postgresql", "slowqueries"], ["postgresql", "upgrade"]),
    ("aws_db_instance", "conflicts_with:identifier", None, None),
    ("aws_db_instance", "conflicts_with:password", None, None),
    # ecr
    ("aws_ecr_repository", "image_tag_mutability", "mutable", "MUTABLE"),
    ("aws_ecr_repository", "encryption_configuration.encryption_type", "SSE-KMS", "KMS"),
    ("aws_ecr_repository", "image_tag_mutability_exclusion_filter.filter", "release/*", "release-*"),
    # elbv2
    ("aws_lb_target_group", "port", 70000, 8080),
    ("aws_lb_target_group", "health_check.interval", 2, 30),
    ("aws_lb_target_group", "health_check.healthy_threshold", 1, 3),
    ("aws_lb_target_group", "health_check.protocol", "UDP", "https"),
    ("aws_lb_target_group", "stickiness.type", "cookie", "lb_cookie"),
    ("aws_lb_target_group", "protocol", "HTTP3", "HTTPS"),
    ("aws_lb_target_group", "target_type", "instances", "instance"),
    ("aws_lb", "load_balancer_type", "classic", "application"),
    ("aws_lb", "desync_mitigation_mode", "strict", "strictest"),
    ("aws_lb", "secondary_ips_auto_assigned_per_subnet", 8, 7),
    ("aws_lb", "exactly_one_of:subnet_mapping", None, None),
    # route53
    ("aws_route53_record", "type", "ALIAS", "A"),
    ("aws_route53_record", "geoproximity_routing_policy.bias", 100, 50),
    ("aws_route53_record", "failover_routing_policy.type", "BACKUP", "SECONDARY"),
    ("aws_route53_record", "conflicts_with:alias", None, None),
    ("aws_route53_record", "required_with:weighted_routing_policy", None, None),
    ("aws_route53_record", "required_with:ttl", None, None),
    # secretsmanager
    ("aws_secretsmanager_secret", "policy", "allow all", '{"Version": "2012-10-17", "Statement": []}'),
    ("aws_secretsmanager_secret", "conflicts_with:name", None, None),
    # kinesis
    ("aws_kinesis_stream", "retention_period", 12, 24),
    ("aws_kinesis_stream", "encryption_type", "AES256", "KMS"),
    ("aws_kinesis_stream", "stream_mode_details.stream_mode", "ONDEMAND", "ON_DEMAND"),
    ("aws_kinesis_stream", "shard_level_metrics.*", ["IncomingBytes", "AllMetrics"], ["IncomingBytes", "OutgoingBytes"]),
    # sfn
    ("aws_sfn_state_machine", "type", "SYNC", "EXPRESS"),
    ("aws_sfn_state_machine", "name", "order pipeline", "order-pipeline"),
    ("aws_sfn_state_machine", "logging_configuration.level", "DEBUG", "ERROR"),
    ("aws_sfn_state_machine", "logging_configuration.log_destination", "arn:aws:logs:us-east-1:123456789012:log-group:sfn", "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*"),
    ("aws_sfn_state_machine", "encryption_configuration.kms_data_key_reuse_period_seconds", 30, 300),
    # events
    ("aws_cloudwatch_event_rule", "state", "ENABLE", "ENABLED"),
    ("aws_cloudwatch_event_rule", "at_least_one_of:event_pattern", None, None),
    ("aws_cloudwatch_event_rule", "conflicts_with:is_enabled", None, None),
    ("aws_cloudwatch_event_rule", "role_arn", "events-role", "arn:aws:iam::123456789012:role/events"),
    # ssm
    ("aws_ssm_parameter", "type", "Secure", "SecureString"),
    ("aws_ssm_parameter", "tier", "Intelligent", "Intelligent-Tiering"),
    ("aws_ssm_parameter", "data_type", "aws:ec2:ami", "aws:ec2:image"),
    ("aws_ssm_parameter", "exactly_one_of:insecure_value", None, None),
    ("aws_ssm_parameter", "required_with:value_wo_version", None, None),
    # efs
    ("aws_efs_file_system", "performance_mode", "MaxIO", "maxIO"),
    ("aws_efs_file_system", "throughput_mode", "burst", "bursting"),
    ("aws_efs_file_system", "lifecycle_policy", None, None),
    ("aws_efs_file_system", "lifecycle_policy.transition_to_ia", "AFTER_5_DAYS", "AFTER_7_DAYS"),
    ("aws_efs_file_system", "protection.replication_overwrite", "enabled", "ENABLED"),
    # cognito
    ("aws_cognito_user_pool", "password_policy.minimum_length", 4, 12),
    ("aws_cognito_user_pool", "password_policy.temporary_password_validity_days", 400, 7),
    ("aws_cognito_user_pool", "mfa_configuration", "REQUIRED", "ON"),
    ("aws_cognito_user_pool", "user_pool_tier", "PRO", "ESSENTIALS"),
    ("aws_cognito_user_pool", "alias_attributes.*", ["email", "username"], ["email", "phone_number"]),
    ("aws_cognito_user_pool", "conflicts_with:alias_attributes", None, None),
    # ec2
    ("aws_vpc", "instance_tenancy", "host", "dedicated"),
    ("aws_vpc", "ipv4_netmask_length", 30, 24),
    ("aws_vpc", "conflicts_with:cidr_block", None, None),
    ("aws_vpc", "required_with:ipv6_netmask_length", None, None),
    ("aws_security_group_rule", "type", "inbound", "ingress"),
    ("aws_security_group_rule", "cidr_blocks.*", ["10.0.0.1/16"], ["10.0.0.0/16"]),
    ("aws_security_group_rule", "ipv6_cidr_blocks.*", ["10.0.0.0/16"], ["2001:db8::/64"]),
    ("aws_security_group_rule", "conflicts_with:cidr_blocks", None, None),
    ("aws_security_group_rule", "at_least_one_of:cidr_blocks", None, None),
    ("aws_instance", "metadata_options.http_tokens", "require", "required"),
    ("aws_instance", "metadata_options.http_put_response_hop_limit", 65, 2),
    ("aws_instance", "credit_specification.cpu_credits", "burst", "unlimited"),
    ("aws_instance", "ebs_block_device.volume_type", "gp4", "gp3"),
    ("aws_instance", "ipv6_addresses.*", ["2001:db8::/64"], ["2001:db8::10"]),
    # cloudfront
    ("aws_cloudfront_distribution", "price_class", "PriceClass_300", "PriceClass_100"),
    ("aws_cloudfront_distribution", "http_version", "http2and1", "http2and3"),
    ("aws_cloudfront_distribution", "comment", None, None),
    ("aws_cloudfront_distribution", "origin.connection_attempts", 5, 3),
    ("aws_cloudfront_distribution", "default_cache_behavior.viewer_protocol_policy", "https-redirect", "redirect-to-https"),
    # autoscaling
    ("aws_autoscaling_group", "initial_lifecycle_hook.heartbeat_timeout", 10, 300),
    ("aws_autoscaling_group", "instance_refresh.preferences.min_healthy_percentage", 120, 90),
    ("aws_autoscaling_group", "warm_pool.pool_state", "Paused", "Stopped"),
    ("aws_autoscaling_group", "conflicts_with:availability_zones", None, None),
    # api gateway
    ("aws_api_gateway_rest_api", "put_rest_api_mode", "replace", "overwrite"),
    # ecs, elasticache, acm, backup, glue, cloudwatch, athena, ebs, redshift, sqs, sns: below
]
PICKS += [
    ("aws_ecs_service", "launch_type", "EC2_SPOT", "FARGATE"),
    ("aws_ecs_service", "scheduling_strategy", "DAEMONSET", "DAEMON"),
    ("aws_ecs_service", "deployment_controller.type", "BLUE_GREEN", "CODE_DEPLOY"),
    ("aws_elasticache_cluster", "az_mode", "multi-az", "cross-az"),
    ("aws_elasticache_cluster", "engine", "valkey7", "redis"),
    ("aws_acm_certificate", "key_algorithm", "EC_secp256k1", "EC_prime256v1"),
    ("aws_backup_vault", "name", "backup vault!", "backup-vault"),
    ("aws_glue_job", "worker_type", "G.3X", "G.2X"),
    ("aws_cloudwatch_metric_alarm", "comparison_operator", "GreaterThan", "GreaterThanThreshold"),
    ("aws_cloudwatch_metric_alarm", "statistic", "Mean", "Average"),
    ("aws_cloudwatch_metric_alarm", "treat_missing_data", "ignored", "ignore"),
    ("aws_athena_workgroup", "state", "ACTIVE", "ENABLED"),
    ("aws_ebs_volume", "type", "gp4", "gp3"),
    ("aws_ebs_volume", "throughput", 10, 250),
    ("aws_redshift_cluster", "cluster_type", "multi", "multi-node"),
    ("aws_sqs_queue", "delay_seconds", 1000, 30),
    ("aws_sqs_queue", "message_retention_seconds", 30, 345600),
    ("aws_sqs_queue", "visibility_timeout_seconds", 50000, 30),
    ("aws_apigatewayv2_api", "protocol_type", "REST", "HTTP"),
    ("aws_apigatewayv2_api", "name", None, None),
    ("aws_apigatewayv2_api", "api_key_selection_expression", "$request.header.api-key", "$request.header.x-api-key"),
    ("aws_eks_cluster", "access_config.authentication_mode", "IAM", "API_AND_CONFIG_MAP"),
    ("aws_eks_cluster", "enabled_cluster_log_types.*", ["api", "kubelet"], ["api", "audit"]),
    ("aws_eks_cluster", "upgrade_policy.support_type", "LTS", "EXTENDED"),
    ("aws_eks_cluster", "vpc_config", None, None),
    ("aws_eks_cluster", "conflicts_with:outpost_config", None, None),
    ("aws_codebuild_project", "build_timeout", 3000, 60),
    ("aws_codebuild_project", "queued_timeout", 1, 480),
    ("aws_codebuild_project", "environment.type", "LINUX", "LINUX_CONTAINER"),
    ("aws_codebuild_project", "environment.certificate", "bucket/ca.crt", "bucket/ca.pem"),
    ("aws_codebuild_project", "source.type", "GITHUB_ENTERPRISE_SERVER", "GITHUB"),
    ("aws_codebuild_project", "vpc_config.security_group_ids", ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"], ["sg-1"]),
    ("aws_cloudtrail", "name", "ct", "org-trail"),
    ("aws_cloudtrail", "event_selector.read_write_type", "Read", "ReadOnly"),
    ("aws_cloudtrail", "event_selector.data_resource.type", "AWS::S3::Bucket", "AWS::S3::Object"),
    ("aws_cloudtrail", "event_selector", None, None),
    ("aws_cloudtrail", "conflicts_with:advanced_event_selector", None, None),
    ("aws_mq_broker", "engine_type", "Kafka", "RabbitMQ"),
    ("aws_mq_broker", "broker_name", "my broker", "my-broker"),
    ("aws_mq_broker", "deployment_mode", "MULTI_AZ", "active_standby_multi_az"),
    ("aws_mq_broker", "security_groups", ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"], ["sg-1"]),
    ("aws_msk_cluster", "cluster_name", None, None),
    ("aws_msk_cluster", "broker_node_group_info.storage_info.ebs_storage_info.volume_size", 20000, 1000),
    ("aws_msk_cluster", "broker_node_group_info.storage_info.ebs_storage_info.provisioned_throughput.volume_throughput", 100, 250),
]

def git_show(path):
    r = subprocess.run(["git", "-C", INDEX, "show", f"HEAD:{path}"], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else ""

def type_rules(t):
    if t in rules["resources"]:
        return "resource", rules["resources"][t]
    return "data", rules["data_sources"].get(t)

def block_schema(t, kind):
    key = "resource_schemas" if kind == "resource" else "data_source_schemas"
    return aws[key][t]["block"]

def walk(block, path):
    """The schema of an attribute or block at a dotted path: ('attr', type) or ('block', block, nesting)."""
    parts = [p for p in path.split(".") if p != "*"]
    node = block
    for i, p in enumerate(parts):
        if p in node.get("attributes", {}):
            a = node["attributes"][p]
            if i == len(parts) - 1:
                return ("attr", a["type"] if "type" in a else "object")
            return None
        if p in node.get("block_types", {}):
            bt = node["block_types"][p]
            if i == len(parts) - 1:
                return ("block", bt["block"], bt["nesting_mode"])
            node = bt["block"]
        else:
            return None
    return None

def check_of(r):
    k = r["kind"]
    if k == "enum":
        e = rules["enums"][r["enum"]]
        return {"OneOf": {"values": e["values"], "ignore_case": r["ignore_case"]}}
    if k == "one_of":
        return {"OneOf": {"values": r["values"], "ignore_case": r["ignore_case"]}}
    if k == "int_one_of":
        return {"IntOneOf": {"values": r["values"]}}
    if k == "int_range":
        return {"IntRange": {"min": r["min"], "max": r["max"]}}
    if k == "float_range":
        return {"FloatRange": {"min": r["min"], "max": r["max"]}}
    if k == "length":
        return {"Length": {"min": r["min"], "max": r["max"], "chars": r["unit"] != "bytes"}}
    if k == "pattern":
        return {"Pattern": {"regex": r["regex"], "message": r["message"], "negate": r["negate"]}}
    if k == "items":
        return {"Items": {"min": r["min"], "max": r["max"]}}
    if k == "format":
        f = {"arn": "Arn", "json": "Json", "rfc3339": "Rfc3339", "ipv4": "Ipv4", "ipv6": "Ipv6",
             "ipv4_cidr": "Ipv4Cidr", "ipv6_cidr": "Ipv6Cidr", "cidr": "Cidr", "base64": "Base64"}.get(r["format"])
        return {"Format": f} if f else None
    return None

GROUP = {"conflicts_with": "ConflictsWith", "exactly_one_of": "ExactlyOneOf",
         "at_least_one_of": "AtLeastOneOf", "required_with": "RequiredWith"}

def attr_names(path):
    """How the provider's source may name the argument: "memory_size" or names.AttrMemorySize."""
    leaf = [p for p in path.split(".") if p != "*"][-1]
    camel = "".join(w.upper() if w in ("arn", "id", "kms", "ip", "ttl", "uri", "url") else w.capitalize() for w in leaf.split("_"))
    return [f'"{leaf}"', f"names.Attr{camel}", f"names.Attr{leaf.replace('_', ' ').title().replace(' ', '')}"]

# Types the index does not list under their own name (aliases): their package and schema function.
FALLBACK = {"aws_lb": ("github.com/hashicorp/terraform-provider-aws/internal/service/elbv2", "func.resourceLoadBalancer.goindex"),
            "aws_lb_target_group": ("github.com/hashicorp/terraform-provider-aws/internal/service/elbv2", "func.resourceTargetGroup.goindex")}

def source_line(t, kind, path, needle):
    meta = json.loads(git_show(f"index/{'resources' if kind == 'resource' else 'datasources'}/{t}.json") or "{}")
    if not meta and t in FALLBACK:
        meta = {"namespace": FALLBACK[t][0], "schema_index": FALLBACK[t][1]}
    ns = meta.get("namespace", "")
    svc = "internal/" + ns.split("/internal/")[-1] if "/internal/" in ns else ""
    files = []
    if meta.get("schema_index"):
        files.append(f"index/{svc}/{meta['schema_index']}")
    # Nested blocks and shared schemas live in helper functions of the same package.
    listing = subprocess.run(["git", "-C", INDEX, "ls-tree", "--name-only", f"HEAD:index/{svc}"], capture_output=True, text=True).stdout.split()
    # The schema function named after the type, then the others of the package that look alike.
    words = t.split("_")[1:]
    names_ = {"".join(words[i:]).lower() for i in range(len(words))}
    kinds = ("resource",) if kind == "resource" else ("datasource",)
    exact = [f for f in listing if any(f.lower() == f"func.{k}{n}.goindex" for k in kinds for n in names_)]
    near = [f for f in listing if f.startswith("func.") and f not in exact and any(n in f.lower() for n in names_ if len(n) > 4)]
    files += [f"index/{svc}/{f}" for f in exact + near if f"index/{svc}/{f}" not in files]
    for f in files:
        text = git_show(f)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if any(n + ":" in line or n + " :" in line for n in attr_names(path)):
                window = lines[i:i + 40]
                for w in window[1:]:
                    if re.match(r'^\s*("[a-z0-9_]+"|names\.Attr\w+):\s*\{', w) and w.index(w.strip()) <= line.index(line.strip()):
                        break
                    if needle(w):
                        return f"{f[len('index/'):]}: {line.strip()} ... {w.strip()}"
    return None

def needle_for(r, others=()):
    """What the line declaring the rule contains."""
    k = r["kind"]
    if k == "enum":
        short = r["enum"].split(".")[-1]
        return lambda w: "Validate" in w and f"{short}]" in w or (f"{short}_Values()" in w)
    if k == "one_of":
        return lambda w: "StringInSlice" in w or "stringvalidator.OneOf" in w
    if k == "int_one_of":
        return lambda w: "IntInSlice" in w or "int64validator.OneOf" in w
    if k in ("int_range", "float_range"):
        def num(x):
            return str(x)[:-2] if str(x).endswith(".0") else str(x)
        if r["min"] is not None and r["max"] is not None:
            return lambda w: f"({num(r['min'])}, {num(r['max'])})" in w
        if r["min"] is not None:
            return lambda w: f"AtLeast({num(r['min'])})" in w
        return lambda w: f"AtMost({num(r['max'])})" in w
    if k == "length":
        lo = r["min"] if r["min"] is not None else 0
        if r["max"] is not None:
            return lambda w: f"({lo}, {r['max']})" in w and "Len" in w
        return lambda w: f"({lo}" in w and "Len" in w
    if k == "pattern":
        return lambda w: (r["regex"] in w or (r["message"] or "\0") in w)
    if k == "items":
        if r["max"] is not None:
            return lambda w: f"MaxItems: {r['max']}," in w.replace("  ", " ").replace("MaxItems:  ", "MaxItems: ")
        return lambda w: f"MinItems: {r['min']}," in w
    if k == "format":
        name = {"arn": "ValidARN", "json": "JSON", "rfc3339": "RFC3339|ValidUTCTimestamp", "ipv4": "IsIPv4Address",
                "ipv6": "IsIPv6Address", "ipv4_cidr": "IPv4CIDR", "ipv6_cidr": "IPv6CIDR", "cidr": "IsCIDR",
                "base64": "Base64"}[r["format"]]
        return lambda w: any(n in w for n in name.split("|"))
    if k in GROUP:
        key = {"conflicts_with": "ConflictsWith", "exactly_one_of": "ExactlyOneOf", "at_least_one_of": "AtLeastOneOf", "required_with": "RequiredWith"}[k]
        def mentions(w, o):
            leaf = o.split(".")[-1]
            return any(n in w for n in attr_names(leaf)) or leaf in w
        return lambda w: key in w and all(mentions(w, o) for o in others[:1])
    return lambda w: False

def gen_value(check, sch, bad):
    """A value of the check's kind: breaking it when `bad`."""
    (name, c), = check.items()
    elem = isinstance(sch, tuple) and sch[0] == "attr" and isinstance(sch[1], list) and sch[1][0] in ("list", "set")
    if name == "Items":
        if sch and sch[0] == "block":
            n = (c["max"] + 1) if bad and c["max"] is not None else 1
            return [{} for _ in range(n)]
        n = (c["max"] + 1) if bad else 1
        return [f"arn:aws:lambda:us-east-1:123456789012:layer:l{i}:1" for i in range(n)]
    if name == "Length":
        if bad:
            return "a" * (c["max"] + 1) if c["max"] is not None else ""
        return "a" * max(c["min"] or 1, 1)
    if name == "OneOf":
        return c["values"][0]
    if name == "IntRange":
        if bad:
            return c["max"] + 1 if c["max"] is not None else c["min"] - 1
        return c["min"] if c["min"] is not None else c["max"]
    raise SystemExit(f"no generated value for {check}")

def some_block(block, path, rules_of_type):
    """A block that is set for sure: its required arguments, or one argument the provider
    checks (or any bool or string one)."""
    body = fill(block, {}, rules_of_type["attributes"], path + ".")
    if body:
        return body
    attrs = block.get("attributes", {})
    for name, a in attrs.items():
        rs = rules_of_type["attributes"].get(f"{path}.{name}", [])
        if not a.get("computed") or a.get("optional"):
            if any(r["kind"] in ("enum", "one_of", "int_range") for r in rs):
                return {name: rule_placeholder(rs, a.get("type"))}
    for name, a in attrs.items():
        if a.get("optional") and a.get("type") in ("bool", "string") and not rules_of_type["attributes"].get(f"{path}.{name}"):
            return {name: placeholder(a["type"])}
    return {}

def literal_for(block, path, rules_of_type):
    """A good literal for a group member: from its own rules, or by its schema type."""
    sch = walk(block, path)
    if sch is None:
        raise SystemExit(f"unknown path {path}")
    if sch[0] == "block":
        return some_block(sch[1], path, rules_of_type)
    ty = sch[1]
    for r in rules_of_type["attributes"].get(path, []):
        c = check_of(r)
        if c and list(c)[0] in ("OneOf", "IntRange"):
            return gen_value(c, sch, False)
    if ty == "string":
        if path.endswith("arn"):
            return "arn:aws:iam::123456789012:role/app"
        return {"cidr_block": "10.0.0.0/16", "ttl": "300"}.get(path, "example")
    if ty == "number":
        return 1
    if ty == "bool":
        return True
    if isinstance(ty, list) and ty[0] in ("list", "set"):
        fixed = {"cidr_blocks": ["10.0.0.0/16"], "ipv6_cidr_blocks": ["2001:db8::/64"]}
        return fixed.get(path) or [rule_placeholder(rules_of_type["attributes"].get(path + ".*", []), ty[1])]
    if isinstance(ty, list) and ty[0] == "map":
        return {"k": "v"}
    return "example"

def service(t):
    meta = json.loads(git_show(f"index/resources/{t}.json") or git_show(f"index/datasources/{t}.json") or "{}")
    return (meta.get("namespace") or FALLBACK.get(t, ("",))[0]).split("/")[-1]

def blocks_in(block, body):
    """The block paths among the keys of a flat body and their ancestors."""
    out = []
    for k in body:
        parts = k.split(".")
        for i in range(1, len(parts) + 1):
            p = ".".join(parts[:i])
            sch = walk(block, p)
            if sch and sch[0] == "block":
                out.append(p)
    return out

def nest(flat):
    """{"a.b": 1} as {"a": {"b": 1}}."""
    out = {}
    for k, v in flat.items():
        parts = k.split(".")
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = v
    return out

def placeholder(ty):
    """A value of a schema type (the stand-in providers check types, not the provider's rules)."""
    if ty == "string":
        return "tfsynth"
    if ty == "number":
        return 1
    if ty == "bool":
        return True
    if isinstance(ty, list) and ty[0] in ("list", "set"):
        return [placeholder(ty[1])]
    if isinstance(ty, list) and ty[0] == "map":
        return {}
    if isinstance(ty, list) and ty[0] == "object":
        return {k: placeholder(v) for k, v in ty[1].items()}
    return "tfsynth"

# Good values for required arguments the provider checks (the typed bindings carry every rule
# of their type, so a filled-in argument must pass them all).
GOOD = {"arn": "arn:aws:iam::123456789012:role/tfsynth", "json": "{}", "rfc3339": "2030-01-01T00:00:00Z",
        "ipv4": "10.0.0.1", "ipv6": "2001:db8::1", "ipv4_cidr": "10.0.0.0/16", "ipv6_cidr": "2001:db8::/56",
        "cidr": "10.0.0.0/16", "cidr_network": "10.0.0.0/16", "base64": "dGZzeW50aA==", "aws_account_id": "123456789012",
        "aws_region": "us-east-1"}

def rule_placeholder(rs, ty):
    """A value of type `ty` that passes the provider's rules `rs` (as far as the generator knows)."""
    for r in rs:
        k = r["kind"]
        if k == "enum":
            return rules["enums"][r["enum"]]["values"][0]
        if k == "one_of":
            return r["values"][0]
        if k == "int_one_of":
            return r["values"][-1]
        if k in ("int_range", "float_range"):
            return r["min"] if r["min"] is not None else r["max"]
        if k == "format" and r["format"] in GOOD:
            return GOOD[r["format"]]
    lens = [r for r in rs if r["kind"] == "length"]
    if lens and ty == "string":
        lo = max((r["min"] or 1) for r in lens)
        return "a" * lo if lo > 7 else "tfsynth"[:max(lo, min(7, min((r["max"] or 7) for r in lens)))]
    return placeholder(ty)

def fill(block, body, attr_rules=None, prefix=""):
    """`body` with every required argument and required block of `block` it lacks, in it and in
    every block it holds: what Terraform needs to accept the configuration."""
    attr_rules = attr_rules or {}
    out = dict(body)
    for name, a in block.get("attributes", {}).items():
        if a.get("required") and name not in out:
            rs = attr_rules.get(prefix + name, [])
            if isinstance(a.get("type"), list) and a["type"][0] in ("list", "set"):
                out[name] = [rule_placeholder(attr_rules.get(prefix + name + ".*", []), a["type"][1])]
            else:
                out[name] = rule_placeholder(rs, a["type"]) if "type" in a else "tfsynth"
    for name, bt in block.get("block_types", {}).items():
        if name not in out and bt.get("min_items", 0) >= 1:
            out[name] = {} if bt["nesting_mode"] in ("single", "group") or bt.get("max_items") == 1 else [{}]
        if name in out:
            v = out[name]
            sub = prefix + name + "."
            out[name] = [fill(bt["block"], x, attr_rules, sub) for x in v] if isinstance(v, list) else fill(bt["block"], v, attr_rules, sub)
    return out

def blocks_of(block, body, prefix=""):
    """The paths of the blocks in a nested body."""
    out = []
    for name, v in body.items():
        bt = block.get("block_types", {}).get(name)
        if bt is None:
            continue
        p = f"{prefix}{name}"
        out.append(p)
        for x in v if isinstance(v, list) else [v]:
            out += blocks_of(bt["block"], x, p + ".")
    return out

cases, skipped = [], []
for t, path, bad, good in PICKS:
    kind, tr = type_rules(t)
    if tr is None:
        skipped.append((t, path, "no rules"))
        continue
    block = block_schema(t, kind)
    if ":" in path:
        gkind, gpath = path.split(":", 1)
        groups = [c for c in tr["constraints"] if c["kind"] == gkind and c["path"] == gpath]
        if not groups:
            skipped.append((t, path, "no such group"))
            continue
        g = groups[0]
        src = source_line(t, kind, gpath, needle_for({"kind": gkind}, g["others"]))
        if not src:
            skipped.append((t, path, "source not found"))
            continue
        members = [g["path"]] + g["others"]
        if gkind in ("conflicts_with",):
            bad_flat = {g["path"]: literal_for(block, g["path"], tr), g["others"][0]: literal_for(block, g["others"][0], tr)}
            good_flat = {g["path"]: literal_for(block, g["path"], tr)}
            expect = "conflicts with"
        elif gkind == "exactly_one_of":
            bad_flat = {m: literal_for(block, m, tr) for m in members[:2]}
            good_flat = {members[0]: literal_for(block, members[0], tr)}
            expect = "can be specified, but"
        elif gkind == "at_least_one_of":
            bad_flat = {}
            good_flat = {members[0]: literal_for(block, members[0], tr)}
            expect = "must be specified"
        else:
            bad_flat = {g["path"]: literal_for(block, g["path"], tr)}
            good_flat = {m: literal_for(block, m, tr) for m in members}
            expect = "must be specified; missing:"
        rule_groups = [{"kind": GROUP[c["kind"]], "path": c["path"], "others": c["others"]}
                       for c in tr["constraints"] if set([c["path"]] + c["others"]) & set(members)]
        args = []
        for m in set(members) | set(x for c in rule_groups for x in [c["path"]] + c["others"]):
            for r in tr["attributes"].get(m, []):
                c = check_of(r)
                if c:
                    args.append({"path": m, "check": c})
        cases.append({"service": service(t), "type": t, "kind": kind, "argument": gpath, "rule": gkind,
                      "bad": nest(bad_flat), "good": nest(good_flat),
                      "blocks": sorted(set(blocks_in(block, bad_flat) + blocks_in(block, good_flat))),
                      "expect": expect, "rules": {"args": args, "groups": rule_groups}, "source": src})
        continue
    attr_rules = [(r, check_of(r)) for r in tr["attributes"].get(path, [])]
    attr_rules = [(r, c) for r, c in attr_rules if c]
    if not attr_rules:
        skipped.append((t, path, "no convertible rule"))
        continue
    main, check = attr_rules[-1] if path.endswith(".*") else attr_rules[0]
    for r, c in attr_rules:
        # The rule the bad value breaks: the first, unless a pattern is named by a value.
        if bad is not None and list(c)[0] == "Pattern":
            main, check = r, c
            break
    src = source_line(t, kind, path, needle_for(main))
    if not src:
        skipped.append((t, path, "source not found"))
        continue
    sch = walk(block, path)
    if bad is None:
        bad = gen_value(check, sch, True)
    if good is None:
        good = gen_value(check, sch, False)
    key = path[:-2] if path.endswith(".*") else path
    leaf = key.split(".")[-1]
    name = list(check)[0]
    expect = {
        "OneOf": f"expected {leaf} to be one of",
        "IntOneOf": f"expected {leaf} to be one of",
        "IntRange": f"expected {leaf} to be",
        "FloatRange": f"expected {leaf} to be",
        "Length": f"expected length of {leaf}",
        "Pattern": f"{leaf}",
        "Items": f"{len(bad) if isinstance(bad, list) else ''} declared",
        "Format": f"{leaf}",
    }[name]
    args = [{"path": path, "check": c} for _, c in attr_rules]
    # Element rules of a list come with its item count, and the other way round.
    other = key if path.endswith(".*") else key + ".*"
    args += [{"path": other, "check": c} for c in (check_of(r) for r in tr["attributes"].get(other, [])) if c]
    cases.append({"service": service(t), "type": t, "kind": kind, "argument": key, "rule": main["kind"],
                  "bad": nest({key: bad}), "good": nest({key: good}),
                  "blocks": sorted(set(blocks_in(block, {key: bad}))),
                  "expect": expect, "rules": {"args": args, "groups": []}, "source": src})

def is_set(body, path):
    return path in body and body[path] not in (None, [], {})

def satisfy(block, body, tr, keep=()):
    """`body` with the type's groups of root arguments satisfied (a member given for each
    exactly_one_of / at_least_one_of group none of whose members is set, what required_with
    asks for), leaving alone the groups that name an argument in `keep`."""
    out = dict(body)
    groups = [g for g in tr["constraints"] if "." not in g["path"] and not any("." in o for o in g["others"])
              and not ({g["path"], *g["others"]} & set(keep))]
    for _ in range(3):
        open_ = [g for g in groups if g["kind"] in ("exactly_one_of", "at_least_one_of")
                 and not any(is_set(out, m) for m in [g["path"], *g["others"]])]
        if open_:
            count = {}
            for g in open_:
                for m in [g["path"], *g["others"]]:
                    count[m] = count.get(m, 0) + 1
            best = sorted(count, key=lambda m: (-count[m], PREFER.get(m, 1), m))[0]
            out[best] = literal_for(block, best, tr)
            continue
        for g in groups:
            if g["kind"] == "required_with" and is_set(out, g["path"]):
                for o in g["others"]:
                    if not is_set(out, o):
                        out[o] = literal_for(block, o, tr)
        break
    return out

# Members chosen first when a group needs one (simpler to give).
PREFER = {"filename": 0, "subnets": 0, "records": 0, "schedule_expression": 0, "value": 0,
          "self": 0, "launch_template": 0, "engine": 0, "domain_name": 0, "metric_name": 0, "size": 0}

# Every body with what Terraform and the type's groups require, so that the good ones plan;
# the blocks as found; the required repeated blocks, which the typed bindings make as lists.
for c in cases:
    block = block_schema(c["type"], c["kind"])
    tr = type_rules(c["type"])[1]
    keep = [c["argument"]] + [m for g in c["rules"]["groups"] for m in [g["path"], *g["others"]]]
    c["bad"] = satisfy(block, c["bad"], tr, keep)
    c["good"] = satisfy(block, c["good"], tr, [c["argument"]] if c["rule"] in GROUP else [])
    c["lists"] = sorted(name for name, bt in block.get("block_types", {}).items()
                        if bt.get("min_items", 0) >= 1 and bt.get("max_items") != 1 and bt["nesting_mode"] in ("list", "set"))
    c["bad"], c["good"] = fill(block, c["bad"], tr["attributes"]), fill(block, c["good"], tr["attributes"])
    c["blocks"] = sorted(set(blocks_of(block, c["bad"]) + blocks_of(block, c["good"])))

json.dump({"provider": "hashicorp/aws", "version": rules["source"]["version"],
           "index": f"{rules['source']['index_repository']}@{rules['source']['index_commit']}",
           "rules_from": "crates/tfsynth-codegen/data/aws-rules.json at commit 09f6dd4 (branch rules-data)",
           "cases": cases}, open(f"{HERE}/cases.json", "w"), indent=1, ensure_ascii=False)
print(f"{len(cases)} cases, {len(set(c['service'] for c in cases))} services", file=sys.stderr)
for s in skipped:
    print("skipped", *s, file=sys.stderr)

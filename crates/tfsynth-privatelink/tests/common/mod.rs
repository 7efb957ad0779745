//! What the module-corpus test and the rule-agreement test share: a module call's inputs as
//! JSON, written as HCL for the module, and the Rust side's verdict on the same value.

#![allow(dead_code)] // each test uses its part

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};
use tfsynth::Stack;
use tfsynth_privatelink::rules::{module_words, null_element};
use tfsynth_privatelink::stacks::{Consumer, ConsumerConfig, Service, ServiceConfig, ShippedStack};
use tfsynth_privatelink::{
    check_tags, Cidr, InterfaceEndpoint, InterfaceEndpointProps, Port, SecurityGroupId,
    ServiceName, SubnetId, Tags, VpcId, VpcSource,
};

pub const PRINCIPAL: &str = "arn:aws:iam::111122223333:root";
pub const CERTIFICATE: &str =
    "arn:aws:acm:us-east-1:111122223333:certificate/0f7b6f0e-1d2c-4c5b-9a8e-0123456789ab";
pub const SERVICE_NAME: &str = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

pub fn modules() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../modules")
}

/// The modules, with the inputs every case sets (the required ones) unless it sets them
/// itself.
pub fn base(module: &str) -> Vec<(&'static str, Value)> {
    match module {
        "service" => vec![
            ("allowed_principals", json!([PRINCIPAL])),
            ("certificate_arn", json!(CERTIFICATE)),
        ],
        "consumer" => vec![
            ("service_name", json!(SERVICE_NAME)),
            (
                "service_availability_zones",
                json!(["use1-az1", "use1-az2"]),
            ),
        ],
        "endpoint" => vec![
            ("vpc_id", json!("vpc-0123456789abcdef0")),
            (
                "subnet_ids",
                json!(["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]),
            ),
            ("service_name", json!(SERVICE_NAME)),
        ],
        other => panic!("no module {other}"),
    }
}

/// The inputs of a module call: the base, with `var` set to `value`.
pub fn inputs(module: &str, var: &str, value: &Value) -> Vec<(String, Value)> {
    let mut all: Vec<(String, Value)> = base(module)
        .into_iter()
        .filter(|(k, _)| *k != var)
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    all.push((var.to_owned(), value.clone()));
    all
}

/// `value` written as an HCL expression.
pub fn hcl(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(hcl).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            if map.is_empty() {
                return "{}".into();
            }
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("    {} = {}", hcl_string(k), hcl(v)))
                .collect();
            format!("{{\n{}\n  }}", items.join("\n"))
        }
    }
}

/// `value` as an HCL expression on one line (objects with commas).
pub fn hcl_inline(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(hcl_inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} = {}", hcl_string(k), hcl_inline(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        other => hcl(other),
    }
}

pub fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The root configuration of a case.
pub fn root(what: &str, module: &str, var: &str, value: &Value) -> String {
    let width = inputs(module, var, value)
        .iter()
        .map(|(k, _)| k.len())
        .max()
        .unwrap_or(0)
        .max("source".len());
    let mut lines = vec![
        format!("# {what}"),
        "# Written by crates/tfsynth-privatelink/tests/module_words.rs (TFSYNTH_BLESS=1).".into(),
        "provider \"aws\" {".into(),
        "  region = \"us-east-1\"".into(),
        "}".into(),
        String::new(),
        format!("module \"{module}\" {{"),
        format!("  {:width$} = \"../../../privatelink-{module}\"", "source"),
    ];
    for (k, v) in inputs(module, var, value) {
        lines.push(format!("  {k:width$} = {}", hcl(&v)));
    }
    lines.push("}".into());
    lines.join("\n") + "\n"
}

/// Deep-merges `patch` into `into`.
fn merge(into: &mut Value, patch: Value) {
    match (into, patch) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, v) => *slot = v,
    }
}

/// `value` at the configuration path `path`.
fn at(path: &[&str], value: &Value) -> Value {
    path.iter()
        .rev()
        .fold(value.clone(), |inner, key| json!({ *key: inner }))
}

fn verdict<E: std::fmt::Display>(r: Result<(), E>) -> Result<(), String> {
    r.map_err(|e| e.to_string())
}

/// What the Rust side says of the service module's `var` set to `value`: the same value in the
/// `service` stack's configuration file (the certificate is the listener's ACM ARN), built.
fn service(var: &str, value: &Value) -> Result<(), String> {
    let path: &[&str] = match var {
        "availability_zones" => &["service", "network", "azs"],
        "vpc_cidr" => &["service", "network", "cidr"],
        "allowed_principals" => &["service", "endpoint_service", "allowed_principals"],
        "certificate_arn" => &["service", "alb", "certificate", "acm"],
        "instance_count" => &["service", "app", "targets", "nginx", "instance_count"],
        "instance_type" => &["service", "app", "targets", "nginx", "instance_type"],
        "tags" => &["common", "tags"],
        other => panic!("service has no input {other}"),
    };
    let mut config = json!({
        "service": {
            "endpoint_service": { "allowed_principals": [PRINCIPAL] },
            "alb": { "certificate": { "acm": CERTIFICATE } },
        }
    });
    merge(&mut config, at(path, value));
    let config: ServiceConfig = serde_json::from_value(config).map_err(|e| e.to_string())?;
    verdict(Service::build(&config).map(|_| ()))
}

/// What the Rust side says of the consumer module's `var` set to `value`.
fn consumer(var: &str, value: &Value) -> Result<(), String> {
    let path: &[&str] = match var {
        // The consumer stack takes the service's name as a variable: the value type checks it.
        "service_name" => {
            let s = value.as_str().expect("a string");
            return verdict(ServiceName::new(s).map(|_| ()));
        }
        "service_availability_zones" => &["service_azs"],
        "service_port" => &["service_port"],
        "availability_zones" => &["consumer", "vpc", "new", "azs"],
        "vpc_cidr" => &["consumer", "vpc", "new", "cidr"],
        "tags" => &["common", "tags"],
        other => panic!("consumer has no input {other}"),
    };
    let mut config = json!({ "service_azs": ["use1-az1", "use1-az2"] });
    merge(&mut config, at(path, value));
    let config: ConsumerConfig = serde_json::from_value(config).map_err(|e| e.to_string())?;
    verdict(Consumer::build(&config).map(|_| ()))
}

/// The strings of a list value, `None` for a null.
fn strings(value: &Value) -> Vec<Option<&str>> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(Value::as_str)
        .collect()
}

/// What the Rust side says of the endpoint module's `var` set to `value`: the values through
/// their types (nulls by [`null_element`]), then [`InterfaceEndpoint::new`].
fn endpoint(var: &str, value: &Value) -> Result<(), String> {
    let mut given: BTreeMap<String, Value> = inputs("endpoint", var, value).into_iter().collect();
    let mut take = |k: &str, default: Value| given.remove(k).unwrap_or(default);
    let vpc = take("vpc_id", Value::Null);
    let subnets = take("subnet_ids", json!([]));
    let name = take("service_name", Value::Null);
    let port = take("service_port", json!(443));
    let groups = take("client_security_group_ids", json!([]));
    let cidrs = take("client_cidrs", json!([]));
    let tags = take(
        "tags",
        json!({"ManagedBy": "tfsynth", "Project": "privatelink"}),
    );
    let run = || -> Result<(), tfsynth_privatelink::Error> {
        let vpc = VpcId::new(vpc.as_str().expect("a string"))?;
        let subnets = strings(&subnets);
        null_element("subnet_ids", &subnets)?;
        let subnets = subnets
            .into_iter()
            .flatten()
            .map(|s| SubnetId::new(s).map(Into::into))
            .collect::<Result<Vec<_>, _>>()?;
        ServiceName::new(name.as_str().expect("a string"))?;
        let port =
            Port::new(u32::try_from(port.as_u64().expect("a whole number")).unwrap_or(u32::MAX))?;
        let groups = strings(&groups);
        null_element("client_security_group_ids", &groups)?;
        let groups = groups
            .into_iter()
            .flatten()
            .map(|s| SecurityGroupId::new(s).map(Into::into))
            .collect::<Result<Vec<_>, _>>()?;
        let cidrs = strings(&cidrs);
        null_element("client_cidrs", &cidrs)?;
        let cidrs = cidrs
            .into_iter()
            .flatten()
            .map(str::parse::<Cidr>)
            .collect::<Result<Vec<_>, _>>()?;
        let tags: BTreeMap<String, Option<String>> =
            serde_json::from_value(tags.clone()).expect("a map of strings and nulls");
        tfsynth_privatelink::rules::tags::null_value(&tags)?;
        let tags: Tags = tags
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        check_tags(&tags)?;
        let mut props = InterfaceEndpointProps::new(
            VpcSource::Id {
                id: vpc,
                cidr: "10.0.0.0/16".parse()?,
            },
            subnets,
            tfsynth::Value::from(SERVICE_NAME.to_owned()).into_expr(),
            port,
        );
        props.client_security_groups = groups;
        props.client_cidrs = cidrs;
        props.tags = tags;
        InterfaceEndpoint::new(&mut Stack::new(), "endpoint", props).map(|_| ())
    };
    verdict(run())
}

pub fn rust(module: &str, var: &str, value: &Value) -> Result<(), String> {
    let r = match module {
        "service" => service(var, value),
        "consumer" => consumer(var, value),
        "endpoint" => endpoint(var, value),
        other => panic!("no module {other}"),
    };
    r.map_err(|e| module_words(&e))
}

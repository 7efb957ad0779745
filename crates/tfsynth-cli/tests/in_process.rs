//! The command logic through `tfsynth_cli::run`, against a registry of small test stacks, so
//! every flag is exercised independently of the shipped stacks.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tfsynth::{prelude::*, RawExpr, RawResource, RefRoot};
use tfsynth_cli::{run, Built, Registry, StackEntry};

/// Options of the test network stack.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
struct NetConfig {
    /// The VPC range.
    cidr: String,
    /// Listener port.
    port: u16,
    /// Tags on everything.
    tags: std::collections::BTreeMap<String, String>,
    /// Adds a reference to an undeclared resource (a stack that fails validation).
    dangling: bool,
}

impl Default for NetConfig {
    fn default() -> Self {
        Self {
            cidr: "10.0.0.0/16".into(),
            port: 443,
            tags: std::collections::BTreeMap::new(),
            dangling: false,
        }
    }
}

fn build_net(c: &NetConfig) -> Result<Built, String> {
    if !c.cidr.contains('/') {
        return Err(format!(
            "invalid CIDR {:?}: write it as a.b.c.d/n, e.g. 10.0.0.0/16",
            c.cidr
        ));
    }
    let mut stack = Stack::new();
    stack.require_provider("aws", "hashicorp/aws", "~> 6.0");
    let mut net = stack.scope("net");
    let mut vpc = RawResource::new("aws_vpc").attr("cidr_block", c.cidr.as_str());
    if !c.tags.is_empty() {
        let tags: RawExpr = serde_json::to_value(&c.tags)
            .map_err(|e| e.to_string())?
            .into();
        vpc = vpc.attr("tags", tags);
    }
    let vpc = net.resource("vpc", vpc);
    let mut sg = RawResource::new("aws_security_group")
        .attr("vpc_id", vpc.get::<String>("id"))
        .attr("description", "port ${port} stays literal");
    if c.dangling {
        sg = sg.attr(
            "name",
            RawExpr::Ref(RefRoot::Resource {
                type_name: "aws_vpc".into(),
                name: "missing".into(),
            })
            .attr("id"),
        );
    }
    net.resource("sg", sg);
    stack.output("vpc_id", Output::new(vpc.get::<String>("id")));
    let warnings = if c.port == 80 {
        vec!["port 80 is plain HTTP".to_owned()]
    } else {
        Vec::new()
    };
    Ok(Built { stack, warnings })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
struct EmptyConfig {}

fn build_files(_: &EmptyConfig) -> Result<Built, String> {
    let mut stack = Stack::new();
    let script = stack.file("userdata.sh", "#!/bin/sh\necho hi\n");
    stack.resource(
        "i",
        RawResource::new("aws_instance")
            .attr("ami", "ami-123")
            .attr("user_data", script),
    );
    Ok(Built {
        stack,
        warnings: Vec::new(),
    })
}

fn registry() -> Registry {
    Registry::new()
        .with(StackEntry::new::<NetConfig, _, _>(
            "net",
            "A VPC and a security group.",
            build_net,
        ))
        .with(StackEntry::new::<EmptyConfig, _, _>(
            "files",
            "An instance with a user data script.",
            build_files,
        ))
        .default_stack("net")
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn tfsynth(args: &[&str]) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["tfsynth"];
    argv.extend_from_slice(args);
    let code = run(argv, &registry(), &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).expect("utf-8"),
        err: String::from_utf8(err).expect("utf-8"),
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn no_command_writes_the_default_stack_as_json() {
    let r = tfsynth(&[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json");
    assert_eq!(
        v["resource"]["aws_vpc"]["net_vpc"]["cidr_block"],
        "10.0.0.0/16"
    );
    assert_eq!(
        v["resource"]["aws_security_group"]["net_sg"]["description"],
        "port $${port} stays literal"
    );
    assert_eq!(r.out, tfsynth(&["synth", "--stack", "net"]).out);
}

#[test]
fn no_comments_removes_the_construct_paths() {
    let with = tfsynth(&["synth"]).out;
    let without = tfsynth(&["synth", "--no-comments"]).out;
    assert!(with.contains("\"//\": \"net/vpc\""));
    assert!(!without.contains("\"//\""));
    let hcl = tfsynth(&["synth", "--format", "hcl", "--no-comments"]).out;
    assert!(!hcl.contains('#'), "{hcl}");
}

#[test]
fn hcl_format() {
    let r = tfsynth(&["synth", "--format", "hcl"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("# net/vpc\nresource \"aws_vpc\" \"net_vpc\" {\n"),
        "{}",
        r.out
    );
    assert!(
        r.out.contains("vpc_id      = aws_vpc.net_vpc.id\n"),
        "{}",
        r.out
    );
    assert!(
        r.out.contains("\"port $${port} stays literal\""),
        "{}",
        r.out
    );
}

#[test]
fn vars_override_config_fields() {
    let r = tfsynth(&[
        "synth",
        "--var",
        "cidr=10.9.0.0/16",
        "--var",
        r#"tags={"team":"net"}"#,
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json");
    assert_eq!(
        v["resource"]["aws_vpc"]["net_vpc"]["cidr_block"],
        "10.9.0.0/16"
    );
    assert_eq!(v["resource"]["aws_vpc"]["net_vpc"]["tags"]["team"], "net");

    let r = tfsynth(&["synth", "--var", "port=eighty"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
    assert!(
        r.err.contains(
            "--var port=eighty: invalid value \"eighty\": expected a whole number from 0 to 65535"
        ),
        "{}",
        r.err
    );

    let r = tfsynth(&["synth", "--var", "prot=1"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.err,
        "error: --var prot=1: the config has no option `prot`; its options are `cidr`, `port`, \
         `tags` and `dangling`; did you mean --var port=1?\n"
    );

    // the hint is a --var that works for this stack
    let r = tfsynth(&["synth", "--var", "noequals"]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.ends_with(", e.g. --var cidr=10.0.0.0/16\n"),
        "{}",
        r.err
    );
    let r = tfsynth(&["synth", "--var", "port"]);
    assert_eq!(r.code, 2);
    assert!(r.err.ends_with(", e.g. --var port=443\n"), "{}", r.err);
    assert_eq!(tfsynth(&["synth", "--var", "port=443"]).code, 0);
    // objects merge into a map; null removes a key
    let r = tfsynth(&[
        "synth",
        "--var",
        r#"tags={"a":"1","b":"2"}"#,
        "--var",
        r#"tags={"c":"3","a":null}"#,
        "--var",
        "tags.d=4",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json");
    assert_eq!(
        v["resource"]["aws_vpc"]["net_vpc"]["tags"],
        serde_json::json!({"b": "2", "c": "3", "d": "4"})
    );
}

#[test]
fn warnings_go_to_stderr() {
    let r = tfsynth(&["synth", "--var", "port=80"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.err, "warning: net: port 80 is plain HTTP\n");
    assert!(r.out.starts_with('{'));
}

#[test]
fn config_files_are_checked_with_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "malformed",
            "{\n  \"cidr\": \"10.0.0.0/16\"\n  \"port\": 1\n}",
            ":3:3: malformed JSON: expected `,` or `}`",
        ),
        (
            "unknown",
            "{\n  \"$schema\": \"./s.json\",\n  \"cidrr\": \"x\"\n}",
            ":3:3: unknown option `cidrr`; the options there are `cidr`, `port`, `tags` and \
             `dangling` (did you mean `cidr`?)",
        ),
        (
            "wrong-type",
            "{\n  \"port\": \"443\"\n}",
            ":2:11: invalid value \"443\": expected a whole number from 0 to 65535",
        ),
        (
            "bad-cidr",
            "{\"cidr\": \"10.0.0.0\"}",
            "stack net: invalid CIDR \"10.0.0.0\"",
        ),
    ];
    for (name, text, expected) in cases {
        let p = dir.path().join(format!("{name}.json"));
        std::fs::write(&p, text).expect("write");
        let r = tfsynth(&["synth", "--config", path_str(&p)]);
        assert_eq!(r.code, 1, "{name}: {}", r.err);
        assert!(r.out.is_empty(), "{name}: stdout must stay empty");
        assert!(r.err.contains(expected), "{name}: {}", r.err);
        assert!(r.err.contains(&format!("{name}.json")), "{name}: {}", r.err);
        assert!(!r.err.contains("panicked"), "{name}: {}", r.err);
    }
    let r = tfsynth(&["synth", "--config", "/nonexistent/c.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err
            .contains("cannot read the config file /nonexistent/c.json"),
        "{}",
        r.err
    );
}

#[test]
fn a_schema_key_is_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("c.json");
    std::fs::write(
        &p,
        "{\"$schema\": \"./x.json\", \"$comment\": \"hi\", \"port\": 8443}",
    )
    .expect("write");
    let r = tfsynth(&["synth", "--config", path_str(&p)]);
    assert_eq!(r.code, 0, "{}", r.err);
}

#[test]
fn out_is_atomic_and_keeps_the_old_file_on_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("main.tf.json");
    std::fs::write(&out, "previous contents\n").expect("write");
    let r = tfsynth(&["synth", "--var", "dangling=true", "--out", path_str(&out)]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("reference to undeclared aws_vpc.missing"),
        "{}",
        r.err
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "previous contents\n"
    );
    let r = tfsynth(&["synth", "--var", "cidr=nope", "--out", path_str(&out)]);
    assert_eq!(r.code, 1);
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "previous contents\n"
    );
    // no temporary file is left behind
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["main.tf.json".to_owned()]);

    let r = tfsynth(&["synth", "--out", path_str(&out)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        tfsynth(&[]).out
    );
}

#[test]
fn a_failed_synth_writes_nothing_to_stdout() {
    let r = tfsynth(&["synth", "--var", "dangling=true"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "");
    assert!(
        r.err.starts_with("error: stack net is invalid, 1 error:"),
        "{}",
        r.err
    );
}

#[test]
fn out_dir_writes_each_stack_and_its_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = tfsynth(&["synth", "--stack", "all", "--out-dir", path_str(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.err);
    let net = std::fs::read_to_string(dir.path().join("net/main.tf.json")).expect("net");
    assert_eq!(net, tfsynth(&[]).out);
    let files = std::fs::read_to_string(dir.path().join("files/main.tf.json")).expect("files");
    assert!(
        files.contains(r#""user_data": "${file(\"${path.module}/userdata.sh\")}""#),
        "{files}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("files/userdata.sh")).expect("script"),
        "#!/bin/sh\necho hi\n"
    );
    let r = tfsynth(&[
        "synth",
        "--stack",
        "net",
        "--stack",
        "files",
        "--format",
        "hcl",
        "--out-dir",
        path_str(dir.path()),
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(dir.path().join("net/main.tf").exists());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["synth", "--stack", "nope"][..],
        &["synth", "--stack", "net", "--stack", "files"],
        &[
            "synth",
            "--stack",
            "all",
            "--var",
            "port=1",
            "--out-dir",
            "x",
        ],
        &["synth", "--out", "a", "--out-dir", "b"],
        &["synth", "--format", "yaml"],
        &["frobnicate"],
        &["graph", "--stack", "all"],
    ] {
        let r = tfsynth(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert!(r.out.is_empty(), "{args:?}");
        assert!(!r.err.is_empty(), "{args:?}");
    }
    let r = tfsynth(&["synth", "--stack", "nope"]);
    assert_eq!(
        r.err,
        "error: unknown stack `nope`: the stacks are net, files (see `tfsynth stacks`)\n"
    );
}

#[test]
fn help_and_version_exit_0() {
    let r = tfsynth(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.out.contains("synth"), "{}", r.out);
    let r = tfsynth(&["synth", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.out.contains("--out-dir"), "{}", r.out);
    assert_eq!(tfsynth(&["--version"]).code, 0);
}

#[test]
fn stacks_lists_names_and_descriptions() {
    let r = tfsynth(&["stacks"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out,
        "net    A VPC and a security group.\nfiles  An instance with a user data script.\n"
    );
}

#[test]
fn validate_reports_all_findings() {
    let r = tfsynth(&["validate"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, "net: ok (2 resources, 0 data sources, 1 outputs)\n");
    let r = tfsynth(&["validate", "--var", "dangling=true"]);
    assert_eq!(r.code, 1);
    assert!(
        r.out
            .contains("net: 1 error:\n  - reference to undeclared aws_vpc.missing"),
        "{}",
        r.out
    );
    assert!(
        r.err.contains("1 of 1 stack failed validation"),
        "{}",
        r.err
    );
    let r = tfsynth(&["validate", "--stack", "all"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out.lines().count(), 2);
}

#[test]
fn graph_in_dot_and_mermaid() {
    let r = tfsynth(&["graph"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("digraph tfsynth {"));
    assert!(
        r.out
            .contains("\"aws_security_group.net_sg\" -> \"aws_vpc.net_vpc\";"),
        "{}",
        r.out
    );
    let r = tfsynth(&["graph", "--format", "mermaid"]);
    assert_eq!(r.code, 0);
    assert!(r.out.starts_with("flowchart LR\n"));
    assert!(r.out.contains("subgraph scope_net[\"net\"]"), "{}", r.out);
    let r = tfsynth(&["graph", "--var", "dangling=true"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
}

#[test]
fn schema_describes_the_config() {
    let r = tfsynth(&["schema"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json");
    assert_eq!(v["title"], "NetConfig");
    assert_eq!(v["properties"]["cidr"]["description"], "The VPC range.");
    assert_eq!(v["additionalProperties"], false);
}

#[test]
fn init_writes_a_starter_config_that_synthesizes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = tfsynth(&["init", "--dir", path_str(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.err);
    let config = dir.path().join("tfsynth.net.json");
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(text.starts_with("{\n  \"$schema\": \"./tfsynth.net.schema.json\",\n  \"$comment\": \"Options of the net stack"), "{text}");
    assert!(dir.path().join("tfsynth.net.schema.json").exists());
    let r = tfsynth(&["synth", "--config", path_str(&config)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, tfsynth(&[]).out);
    // a second init refuses to overwrite, --force does
    let r = tfsynth(&["init", "--dir", path_str(dir.path())]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("exists: pass --force"), "{}", r.err);
    assert_eq!(
        tfsynth(&["init", "--dir", path_str(dir.path()), "--force"]).code,
        0
    );
}

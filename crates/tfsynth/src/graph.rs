//! The dependency graph of a stack: which block refers to which (through expressions or
//! `depends_on`), grouped by construct path, written as Graphviz DOT or Mermaid.
//!
//! # Example
//! ```
//! use tfsynth::{graph::Graph, prelude::*, RawResource};
//! let mut stack = Stack::new();
//! let mut net = stack.scope("network");
//! let vpc = net.resource("vpc", RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"));
//! net.resource("subnet", RawResource::new("aws_subnet").attr("vpc_id", vpc.get::<String>("id")));
//! let graph = Graph::of(&stack);
//! assert_eq!(graph.edges.len(), 1);
//! assert_eq!(graph.edges[0].from, "aws_subnet.network_subnet");
//! assert_eq!(graph.edges[0].to, "aws_vpc.network_vpc");
//! assert!(graph.to_dot().contains("subgraph \"cluster_network\""));
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use crate::decl::{Decl, Role};
use crate::expr::RawExpr;
use crate::stack::Stack;

/// What a node of the graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NodeKind {
    /// A managed resource.
    Resource,
    /// A data source.
    Data,
    /// An input variable.
    Variable,
    /// A local value.
    Local,
    /// A module call.
    Module,
    /// An output.
    Output,
}

/// One declared thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its Terraform address (`aws_vpc.service_vpc`, `var.region`, `output.dns`).
    pub address: String,
    /// Its construct path (`service/vpc`); empty at the root.
    pub path: String,
    /// What it is.
    pub kind: NodeKind,
}

/// How one node depends on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EdgeKind {
    /// An expression of `from` refers to `to`.
    Reference,
    /// `from` lists `to` in `depends_on`.
    DependsOn,
}

/// `from` depends on `to`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edge {
    /// The dependent node's address.
    pub from: String,
    /// The address of the node it depends on.
    pub to: String,
    /// Why.
    pub kind: EdgeKind,
}

/// The dependency graph of a stack, in declaration order (deterministic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Every variable, local, data source, resource, module and output.
    pub nodes: Vec<Node>,
    /// Every dependency between two nodes, each once.
    pub edges: Vec<Edge>,
}

struct Collector {
    declared: HashSet<String>,
    seen: HashSet<Edge>,
    edges: Vec<Edge>,
}

impl Collector {
    fn expr(&mut self, from: &str, e: &RawExpr) {
        e.walk(&mut |node| {
            if let RawExpr::Ref(root) = node {
                if let Some(to) = root.address() {
                    self.add(from, to, EdgeKind::Reference);
                }
            }
        });
    }

    fn depends_on(&mut self, from: &str, deps: &[String]) {
        for d in deps {
            self.add(from, d.clone(), EdgeKind::DependsOn);
        }
    }

    fn add(&mut self, from: &str, to: String, kind: EdgeKind) {
        if to == from || !self.declared.contains(&to) {
            return;
        }
        let edge = Edge {
            from: from.to_owned(),
            to,
            kind,
        };
        if self.seen.insert(edge.clone()) {
            self.edges.push(edge);
        }
    }
}

/// What a declaration is in the graph: the graph has no providers, imports, checks, `moved`
/// or `removed` blocks.
fn node_kind(d: &Decl<'_>) -> Option<NodeKind> {
    match d {
        Decl::Variable { .. } => Some(NodeKind::Variable),
        Decl::Local { .. } => Some(NodeKind::Local),
        Decl::Data { .. } | Decl::Ephemeral { .. } => Some(NodeKind::Data),
        Decl::Resource { .. } => Some(NodeKind::Resource),
        Decl::Module { .. } => Some(NodeKind::Module),
        Decl::Output { .. } => Some(NodeKind::Output),
        Decl::Provider { .. }
        | Decl::Moved(_)
        | Decl::Import(_)
        | Decl::Removed(_)
        | Decl::Check { .. } => None,
    }
}

/// Whether references from an expression site are edges: not `ignore_changes` (attribute
/// paths of the block itself), nor variable validations (which refer to the variable itself).
fn is_edge(role: Role<'_>) -> bool {
    match role {
        Role::IgnoreChanges | Role::Validation => false,
        Role::Body
        | Role::Repetition
        | Role::ReplaceTriggeredBy
        | Role::Precondition
        | Role::Postcondition
        | Role::Value
        | Role::ModuleInput(_)
        | Role::ImportId
        | Role::ImportForEach
        | Role::ImportKey
        | Role::CheckData
        | Role::Assert => true,
    }
}

impl Graph {
    /// The graph of `stack`. References to things the stack does not declare are left out
    /// (validation reports them).
    pub fn of(stack: &Stack) -> Graph {
        let mut nodes = Vec::new();
        stack.decls(|d| {
            if let (Some(kind), Some(address)) = (node_kind(&d), d.address()) {
                nodes.push(Node {
                    address,
                    path: d.path().to_owned(),
                    kind,
                });
            }
        });
        let mut c = Collector {
            declared: nodes.iter().map(|n| n.address.clone()).collect(),
            seen: HashSet::new(),
            edges: Vec::new(),
        };
        // The same declarations in the same order: the i-th node is the i-th one met.
        let mut from = nodes.iter().map(|n| n.address.as_str());
        stack.decls(|d| {
            if node_kind(&d).is_none() {
                return;
            }
            let Some(from) = from.next() else {
                return;
            };
            d.each_expr(|role, e| {
                if is_edge(role) {
                    c.expr(from, e);
                }
            });
            c.depends_on(from, d.depends_on());
        });
        Graph {
            nodes,
            edges: c.edges,
        }
    }

    /// The graph in Graphviz DOT: one cluster per construct scope (nested like the scopes),
    /// `depends_on` edges dashed. Render with `dot -Tsvg`.
    pub fn to_dot(&self) -> String {
        let mut out = String::from(
            "digraph tfsynth {\n  rankdir = \"LR\";\n  node [shape = \"box\", fontname = \"Helvetica\", fontsize = 10];\n  edge [color = \"#555555\"];\n",
        );
        let tree = self.tree();
        write_dot_group(&tree, "", 1, &mut out);
        for e in &self.edges {
            let _ = write!(out, "  {} -> {}", dot_id(&e.from), dot_id(&e.to));
            if e.kind == EdgeKind::DependsOn {
                out.push_str(" [style = \"dashed\", label = \"depends_on\", fontsize = 8]");
            }
            out.push_str(";\n");
        }
        out.push_str("}\n");
        out
    }

    /// The graph as a Mermaid flowchart: one subgraph per construct scope, `depends_on`
    /// edges dotted.
    pub fn to_mermaid(&self) -> String {
        let ids: BTreeMap<&str, String> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.address.as_str(), format!("n{i}")))
            .collect();
        let mut out = String::from("flowchart LR\n");
        let tree = self.tree();
        write_mermaid_group(&tree, "", 1, &ids, &mut out);
        for e in &self.edges {
            let (Some(from), Some(to)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else {
                continue;
            };
            let arrow = match e.kind {
                EdgeKind::Reference => "-->",
                EdgeKind::DependsOn => "-.->|depends_on|",
            };
            let _ = writeln!(out, "  {from} {arrow} {to}");
        }
        out
    }

    /// Nodes grouped by the scope that declared them (the construct path without its last part).
    fn tree(&self) -> Group<'_> {
        let mut root = Group::default();
        for n in &self.nodes {
            let mut parts: Vec<&str> = n.path.split('/').filter(|p| !p.is_empty()).collect();
            parts.pop();
            let mut g = &mut root;
            for p in parts {
                g = g.children.entry(p).or_default();
            }
            g.nodes.push(n);
        }
        root
    }
}

#[derive(Default)]
struct Group<'a> {
    nodes: Vec<&'a Node>,
    // BTreeMap keeps scopes in a stable (sorted) order.
    children: BTreeMap<&'a str, Group<'a>>,
}

fn dot_id(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn dot_style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Resource => "",
        NodeKind::Data => ", style = \"dashed\"",
        NodeKind::Variable | NodeKind::Local => ", shape = \"ellipse\"",
        NodeKind::Module => ", style = \"bold\"",
        NodeKind::Output => ", shape = \"note\"",
    }
}

fn write_dot_group(g: &Group<'_>, path: &str, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for n in &g.nodes {
        let _ = writeln!(
            out,
            "{pad}{} [label = {}{}];",
            dot_id(&n.address),
            dot_id(&n.address),
            dot_style(n.kind)
        );
    }
    for (name, child) in &g.children {
        let child_path = if path.is_empty() {
            (*name).to_owned()
        } else {
            format!("{path}/{name}")
        };
        let _ = writeln!(
            out,
            "{pad}subgraph {} {{\n{pad}  label = {};\n{pad}  style = \"rounded\";\n{pad}  color = \"#888888\";",
            dot_id(&format!("cluster_{child_path}")),
            dot_id(&child_path)
        );
        write_dot_group(child, &child_path, depth + 1, out);
        let _ = writeln!(out, "{pad}}}");
    }
}

fn mermaid_label(s: &str) -> String {
    s.replace('"', "#quot;")
}

fn write_mermaid_group(
    g: &Group<'_>,
    path: &str,
    depth: usize,
    ids: &BTreeMap<&str, String>,
    out: &mut String,
) {
    let pad = "  ".repeat(depth);
    for n in &g.nodes {
        let Some(id) = ids.get(n.address.as_str()) else {
            continue;
        };
        let label = mermaid_label(&n.address);
        let _ = match n.kind {
            NodeKind::Variable | NodeKind::Local => writeln!(out, "{pad}{id}([\"{label}\"])"),
            NodeKind::Output => writeln!(out, "{pad}{id}[/\"{label}\"/]"),
            NodeKind::Data => writeln!(out, "{pad}{id}[(\"{label}\")]"),
            NodeKind::Resource | NodeKind::Module => writeln!(out, "{pad}{id}[\"{label}\"]"),
        };
    }
    for (name, child) in &g.children {
        let child_path = if path.is_empty() {
            (*name).to_owned()
        } else {
            format!("{path}/{name}")
        };
        let sid: String = child_path
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let _ = writeln!(
            out,
            "{pad}subgraph scope_{sid}[\"{}\"]",
            mermaid_label(&child_path)
        );
        write_mermaid_group(child, &child_path, depth + 1, ids, out);
        let _ = writeln!(out, "{pad}end");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{prelude::*, RawResource};

    fn stack() -> Stack {
        let mut stack = Stack::new();
        let region: Expr<String> = stack.variable("region", Variable::new());
        let mut svc = stack.scope("service");
        let vpc = svc.resource(
            "vpc",
            RawResource::new("aws_vpc").attr("cidr_block", "10.0.0.0/16"),
        );
        let mut alb = svc.scope("alb");
        let lb = alb.resource(
            "lb",
            RawResource::new("aws_lb")
                .attr("name", region)
                .attr("subnets", vec![vpc.get::<String>("id")]),
        );
        let mut after = RawResource::new("aws_eip");
        after = after.depends_on(&lb);
        svc.resource("eip", after);
        stack.output("lb", Output::new(lb.get::<String>("arn")));
        stack
    }

    #[test]
    fn edges_cover_references_and_depends_on() {
        let g = Graph::of(&stack());
        let edges: Vec<(String, String, EdgeKind)> = g
            .edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone(), e.kind))
            .collect();
        assert_eq!(
            edges,
            vec![
                (
                    "aws_lb.service_alb_lb".into(),
                    "var.region".into(),
                    EdgeKind::Reference
                ),
                (
                    "aws_lb.service_alb_lb".into(),
                    "aws_vpc.service_vpc".into(),
                    EdgeKind::Reference
                ),
                (
                    "aws_eip.service_eip".into(),
                    "aws_lb.service_alb_lb".into(),
                    EdgeKind::DependsOn
                ),
                (
                    "output.lb".into(),
                    "aws_lb.service_alb_lb".into(),
                    EdgeKind::Reference
                ),
            ]
        );
        assert_eq!(g.nodes.len(), 5);
    }

    #[test]
    fn dot_nests_clusters_like_scopes() {
        let dot = Graph::of(&stack()).to_dot();
        insta::assert_snapshot!(dot, @r##"
        digraph tfsynth {
          rankdir = "LR";
          node [shape = "box", fontname = "Helvetica", fontsize = 10];
          edge [color = "#555555"];
          "var.region" [label = "var.region", shape = "ellipse"];
          "output.lb" [label = "output.lb", shape = "note"];
          subgraph "cluster_service" {
            label = "service";
            style = "rounded";
            color = "#888888";
            "aws_vpc.service_vpc" [label = "aws_vpc.service_vpc"];
            "aws_eip.service_eip" [label = "aws_eip.service_eip"];
            subgraph "cluster_service/alb" {
              label = "service/alb";
              style = "rounded";
              color = "#888888";
              "aws_lb.service_alb_lb" [label = "aws_lb.service_alb_lb"];
            }
          }
          "aws_lb.service_alb_lb" -> "var.region";
          "aws_lb.service_alb_lb" -> "aws_vpc.service_vpc";
          "aws_eip.service_eip" -> "aws_lb.service_alb_lb" [style = "dashed", label = "depends_on", fontsize = 8];
          "output.lb" -> "aws_lb.service_alb_lb";
        }
        "##);
    }

    #[test]
    fn mermaid_uses_safe_ids() {
        let m = Graph::of(&stack()).to_mermaid();
        assert!(m.starts_with("flowchart LR\n"));
        assert!(m.contains("subgraph scope_service_alb[\"service/alb\"]"));
        assert!(m.contains("-.->|depends_on|"));
        // every node line uses an nN id, never a raw address
        assert!(!m.contains("aws_vpc.service_vpc -->"));
    }
}

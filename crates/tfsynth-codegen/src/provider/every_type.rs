//! The every-type test: each type declared once with placeholder arguments and synthesized.

use super::modules::service_groups;
use super::share::{item_module, path, Canon, Ctx};
use super::{def_names, Item, ProviderSpec};
use crate::emit::minimal_value;
use crate::model::{FieldKind, Multiplicity};

/// The test target that includes the every-type test (`tests/every_type.rs`; the generated body
/// is `tests/gen/every_type.rs`, which rustfmt does not reach).
pub fn every_type_wrapper(spec: &ProviderSpec) -> String {
    format!(
        "{}//! Every type of `{}` {}: each declared once with placeholder arguments, synthesized,\n\
         //! and checked to be in the output. The JSON is written to\n\
         //! `CARGO_TARGET_TMPDIR/every-type/<package>/` for real Terraform to validate\n\
         //! (`scripts/codegen-acceptance`).\n\n\
         #![allow(unused_imports, clippy::too_many_lines, clippy::useless_conversion)]\n\n\
         include!(\"gen/every_type.rs\");\n",
        spec.header(),
        spec.source,
        spec.version
    )
}

/// The every-type test: one function per service declaring each of its types once with
/// placeholder arguments, and a test that synthesizes all enabled services and checks that
/// every type is in the output (written to `CARGO_TARGET_TMPDIR/every-type/main.tf.json` for
/// real Terraform to validate).
pub(super) fn every_type(
    spec: &ProviderSpec,
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
    deep: bool,
) -> String {
    let k = &spec.crate_name;
    let ext = Ctx::External(k.clone());
    let mut out = spec.header();
    out.push_str("use tfsynth::{Declare, List, Map, Set, Stack, Value};\n\n");
    out.push_str(UNCHECKED);
    let mut expected = String::new();
    let mut calls = String::new();
    for group in service_groups(items) {
        let svc = &items[group.start].service;
        let f = format!("declare_{}", svc.trim_end_matches('_'));
        out.push_str(&format!(
            "#[cfg(feature = \"{svc}\")]\nfn {f}(stack: &mut Stack) {{\n"
        ));
        for ii in group {
            let it = &items[ii];
            let names = |i: usize| {
                if i == 0 {
                    def_names(&it.model.defs[0])
                } else {
                    canon[ids[ii][i]].names.clone()
                }
            };
            let path_of = |i: usize| {
                if i == 0 {
                    format!("{k}::{}::{}", item_module(it), it.model.defs[0].name)
                } else {
                    path(canon, items, &ext, ids[ii][i])
                }
            };
            let v = minimal_value(&it.model, 0, &names, &path_of);
            let method = if it.is_data { "data" } else { "resource" };
            out.push_str(&format!(
                "    let _ = stack.{method}(\"this\", Unchecked({v}));\n"
            ));
            expected.push_str(&format!(
                "    #[cfg(feature = \"{svc}\")]\n    (\"{method}\", \"{}\"),\n",
                it.type_name
            ));
        }
        out.push_str("}\n\n");
        calls.push_str(&format!(
            "    #[cfg(feature = \"{svc}\")]\n    {f}(&mut stack);\n"
        ));
    }
    out.push_str(&format!(
        "/// The types of the enabled services: (`resource` or `data`, type name).\nconst EXPECTED: &[(&str, &str)] = &[\n{expected}];\n\n"
    ));
    out.push_str(&format!(
        "#[test]\nfn every_enabled_type_synthesizes() {{\n    let mut stack = Stack::new();\n    let _ = stack.provider({k}::{}::new());\n{calls}    let json = stack.synth().expect(\"every type synthesizes\");\n",
        spec.provider_struct()
    ));
    out.push_str(if deep {
        "    // Nested deeper than serde_json reads by default.\n    \
         let mut de = serde_json::Deserializer::from_str(&json);\n    \
         de.disable_recursion_limit();\n    \
         let doc: serde_json::Value = de.into_iter().next().expect(\"a JSON document\").expect(\"valid JSON\");\n"
    } else {
        "    let doc: serde_json::Value = serde_json::from_str(&json).expect(\"valid JSON\");\n"
    });
    out.push_str(
        "    for (kind, type_name) in EXPECTED {\n        \
         assert!(doc[kind][type_name][\"this\"].is_object(), \"{kind} {type_name} is missing\");\n    \
         }\n    \
         let count = |kind: &str| doc[kind].as_object().map_or(0, |o| o.len());\n    \
         assert_eq!(count(\"resource\") + count(\"data\"), EXPECTED.len());\n    \
         let dir = std::path::Path::new(env!(\"CARGO_TARGET_TMPDIR\")).join(\"every-type\").join(env!(\"CARGO_PKG_NAME\"));\n    \
         std::fs::create_dir_all(&dir).expect(\"target dir\");\n    \
         std::fs::write(dir.join(\"main.tf.json\"), json).expect(\"write the stack\");\n}\n",
    );
    out
}

/// The every-type test's wrapper: placeholder arguments (`"x"`, `1`) do not meet the provider's
/// rules, so each type is declared without its rule table (the tables are tested where values
/// are real).
const UNCHECKED: &str =
    "/// A type declared without its provider rules: the placeholders do not meet them.
struct Unchecked<B>(B);

impl<B: tfsynth::Block> tfsynth::Block for Unchecked<B> {
    type Attrs = B::Attrs;
    fn type_name(&self) -> &str {
        self.0.type_name()
    }
    fn into_parts(self) -> (tfsynth::Body, tfsynth::Meta) {
        self.0.into_parts()
    }
    fn meta_mut(&mut self) -> &mut tfsynth::Meta {
        self.0.meta_mut()
    }
}

impl<B: tfsynth::Resource> tfsynth::Resource for Unchecked<B> {}

impl<B: tfsynth::DataSource> tfsynth::DataSource for Unchecked<B> {}

";

/// The services whose types `tfsynth-aws`'s doc-example test compiles (the services its
/// behaviour tests already enable), and how many types of each it takes.
pub const DOC_EXAMPLE_SERVICES: &[&str] = &["ec2", "elbv2", "iam", "route53", "s3"];
const DOC_EXAMPLES_PER_SERVICE: usize = 12;

/// The rustdoc example of item `ii`: its constructor with placeholder required arguments,
/// declared in a stack, formatted like the generated code.
pub(super) fn example(
    spec: &ProviderSpec,
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
    ii: usize,
) -> String {
    let k = &spec.crate_name;
    let ext = Ctx::External(k.clone());
    let it = &items[ii];
    let names = |i: usize| {
        if i == 0 {
            def_names(&it.model.defs[0])
        } else {
            canon[ids[ii][i]].names.clone()
        }
    };
    let module = format!("{k}::{}", item_module(it));
    let root = def_names(&it.model.defs[0]);
    let path_of = |i: usize| {
        if i == 0 {
            format!("{module}::{}", root.name)
        } else {
            path(canon, items, &ext, ids[ii][i])
        }
    };
    let full = minimal_value(&it.model, 0, &names, &path_of);
    // The type and its `XArgs` by their names, imported.
    let mut value = full.replacen(
        &format!("{module}::{}::new(", root.name),
        &format!("{}::new(", root.name),
        1,
    );
    let mut imported = vec![root.name.clone()];
    if let Some(args) = &root.args {
        value = value.replacen(&format!("{module}::{args} {{"), &format!("{args} {{"), 1);
        imported.push(args.clone());
    }
    let use_line = if imported.len() == 1 {
        format!("use {module}::{};", imported[0])
    } else {
        format!("use {module}::{{{}}};", imported.join(", "))
    };
    let method = if it.is_data { "data" } else { "resource" };
    let code = format!(
        "fn f() {{ use tfsynth::prelude::*; {use_line} let mut stack = Stack::new(); let this = stack.{method}(\"this\", {value}); }}"
    );
    let pretty = syn::parse_file(&code)
        .map(|f| prettyplease::unparse(&f))
        .unwrap_or(code);
    // The body of `fn f`, unindented, with a blank line after the imports.
    let mut out = String::new();
    let lines: Vec<&str> = pretty.lines().collect();
    let body = &lines[1..lines.len().saturating_sub(1)];
    for l in body {
        let l = l.strip_prefix("    ").unwrap_or(l);
        if l.starts_with("let mut stack") {
            out.push('\n');
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// `tfsynth-aws`'s doc-example test: the examples of a deterministic sample of types (every
/// n-th type of each of [`DOC_EXAMPLE_SERVICES`], and those with a required repeated block),
/// each the body of one test function,
/// exactly as the types' docs show them.
pub(super) fn doc_examples(spec: &ProviderSpec, items: &[Item], examples: &[String]) -> String {
    let mut out = spec.header();
    out.push_str(
        "// The rustdoc examples of a sample of types, compiled: the part crates that define the\n\
         // types cannot compile examples that use this crate, so their docs mark them `ignore`.\n\
         // Each function's body is its type's example, as the docs show it (indented).\n\n",
    );
    for group in service_groups(items) {
        let svc = &items[group.start].service;
        if !DOC_EXAMPLE_SERVICES.contains(&svc.as_str()) {
            continue;
        }
        let n = group.len();
        let step = n.div_ceil(DOC_EXAMPLES_PER_SERVICE).max(1);
        // Every n-th type, and each type with a required repeated block (an `AtLeastOne`).
        let sample = group.clone().filter(|ii| {
            (ii - group.start) % step == 0
                || items[*ii].model.defs[0].fields.iter().any(|f| {
                    matches!(
                        f.kind,
                        FieldKind::Block {
                            multiplicity: Multiplicity::Many,
                            required: true,
                            ..
                        }
                    )
                })
        });
        for ii in sample {
            let it = &items[ii];
            let kind = if it.is_data { "data" } else { "resource" };
            out.push_str(&format!(
                "/// The example of the `{}` {kind}.\n#[test]\nfn {kind}_{}() {{\n",
                it.type_name, it.type_name
            ));
            for l in examples[ii].lines() {
                if l.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("    {l}\n"));
                }
            }
            out.push_str("}\n\n");
        }
    }
    out
}

/// The wrapper of the doc-example test (`tests/doc_examples.rs`; the body is generated into
/// `tests/gen/doc_examples.rs`).
pub fn doc_examples_wrapper(spec: &ProviderSpec) -> String {
    format!(
        "{}//! The rustdoc examples of a sample of `{}` types (services {}), compiled: the\n\
         //! docs show each type's example, and this test's functions are those examples.\n\n\
         #![allow(unused_variables, clippy::useless_conversion, clippy::too_many_lines)]\n\n\
         include!(\"gen/doc_examples.rs\");\n",
        spec.header(),
        spec.source,
        DOC_EXAMPLE_SERVICES.join(", ")
    )
}

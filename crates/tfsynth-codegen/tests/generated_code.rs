//! What the generator makes of schemas: the argument style, sharing of identical nested
//! types, names that cannot collide, deterministic output, and clear errors on bad input.
//! (The committed bindings themselves are the record of the pinned schemas' output: `just
//! codegen-check` keeps them fresh, and `tests/every_type.rs` of each bindings crate compiles
//! and synthesizes every type.)

use std::collections::BTreeSet;

use tfsynth_codegen::pinned::{self, aws_spec, workspace_root, AWS_ADDRESS};
use tfsynth_codegen::provider::{generate, DefaultFeatures, Generated, ProviderSpec};
use tfsynth_codegen::schema::SchemaDoc;
use tfsynth_codegen::write::format_rust;

fn snapshot(name: &str, code: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, code));
}

fn spec(name: &str) -> ProviderSpec {
    ProviderSpec {
        local_name: name.into(),
        source: format!("acme/{name}"),
        version: "1.0.0".into(),
        constraint: "~> 1.0".into(),
        services: vec![],
        overrides: Default::default(),
        crate_name: format!("tfsynth_{name}"),
        package: format!("tfsynth-{name}"),
        parts: 1,
        default_features: DefaultFeatures::All,
        rules: None,
        docs: None,
        enum_services: None,
    }
}

fn file<'a>(g: &'a Generated, path: &str) -> &'a str {
    let files = || g.crates.iter().flat_map(|c| &c.files);
    &files()
        .find(|f| f.path == path)
        .unwrap_or_else(|| {
            panic!(
                "no {path} in {:?}",
                files().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
        .contents
}

fn demo_doc() -> SchemaDoc {
    SchemaDoc::parse(
        r#"{"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/demo": {
          "provider": {"version": 0, "block": {}},
          "resource_schemas": {
            "demo_thing": {"version": 0, "block": {
              "attributes": {
                "a": {"type": "string", "required": true},
                "b": {"type": "number", "required": true},
                "clone": {"type": "string", "optional": true},
                "precondition": {"type": "string", "optional": true},
                "id": {"type": "string", "optional": true, "computed": true},
                "type": {"type": "string", "optional": true, "description": "A keyword."},
                "settings": {"type": "dynamic", "optional": true},
                "rules": {"type": ["set", ["object", {"port": "number", "cidr": "string"}]], "optional": true}
              },
              "block_types": {
                "listener": {"nesting_mode": "map", "block": {
                  "attributes": {"port": {"type": "number", "required": true}}}},
                "options": {"nesting_mode": "group", "block": {
                  "attributes": {"self": {"type": "bool", "optional": true}}}},
                "timeouts": {"nesting_mode": "single", "block": {
                  "attributes": {"create": {"type": "string", "optional": true}}}}
              }
            }},
            "demo_other": {"version": 0, "block": {
              "attributes": {"name": {"type": "string", "required": true}},
              "block_types": {
                "timeouts": {"nesting_mode": "single", "block": {
                  "attributes": {"create": {"type": "string", "optional": true}}}}
              }
            }},
            "demo_lone": {"version": 0, "block": {
              "block_types": {
                "timeouts": {"nesting_mode": "single", "block": {
                  "attributes": {"delete": {"type": "string", "optional": true}}}}
              }
            }}
          }
        }}}"#,
    )
    .expect("parses")
}

fn demo() -> Generated {
    let mut s = spec("demo");
    s.services = vec![
        ("thing".into(), "core".into()),
        ("other".into(), "core".into()),
    ];
    generate(
        demo_doc()
            .provider("registry.terraform.io/acme/demo")
            .expect("provider"),
        &s,
        None,
    )
    .expect("generates")
}

#[test]
fn argument_style_names_and_nesting_modes() {
    let g = demo();
    let code = format_rust("core/thing.rs", file(&g, "core/thing.rs")).expect("parses");
    // Two required arguments: named at the call site.
    assert!(
        code.contains("pub fn new(args: ThingArgs) -> Self"),
        "{code}"
    );
    assert!(code.contains("pub a: Value<String>"), "{code}");
    assert!(
        code.contains("pub fn add_listener(self, key: impl Into<String>, block: Listener) -> Self")
    );
    assert!(code.contains("pub fn type_(self"));
    assert!(code.contains("pub fn self_(self"));
    // A handle method name and a meta-argument setter name get a trailing underscore.
    assert!(code.contains("pub fn clone_(self"));
    assert!(code.contains("pub fn clone_(&self) -> Expr<String>"));
    assert!(code.contains("pub fn precondition_(self"));
    assert!(!code.contains("pub fn id(self"), "resources take no `id`");
    // Attributes as blocks: one object, or a collection (the typed `dynamic`).
    assert!(code.contains("pub fn add_rules(self, item: Rules) -> Self"));
    assert!(code.contains("pub fn dynamic_rules<C: ForEachArg>("));
    assert!(code.contains("impl ObjectValue for Rules"));
    snapshot("codegen-demo-thing", &code);
}

#[test]
fn identical_nested_types_are_written_once() {
    let g = demo();
    // `timeouts { create }` is used by two types of one service: defined in its shared module,
    // re-exported in both types' modules under their local name.
    let shared = file(&g, "core/shared.rs");
    assert!(shared.contains("pub struct Timeouts(Node);"), "{shared}");
    for t in ["core/thing.rs", "core/other.rs"] {
        let code = file(&g, t);
        assert!(!code.contains("pub struct Timeouts"), "{t}");
        assert!(
            code.contains("pub use crate::core::shared::{Timeouts, TimeoutsAttrs};"),
            "{t}"
        );
    }
    // `timeouts { delete }` differs: it stays in its own type's file.
    assert!(file(&g, "lone_service/lone.rs").contains("pub struct Timeouts(Node);"));
    // thing: listener, options, rules, timeouts; other: timeouts; lone: timeouts.
    assert_eq!(g.nested_before_sharing, 6);
    // The provider block, three roots, listener, options, rules, the shared timeouts and
    // lone's own.
    assert_eq!(g.structs, 9);
}

#[test]
fn output_is_deterministic() {
    let a = demo();
    let b = demo();
    let files = |g: &Generated| {
        g.crates
            .iter()
            .flat_map(|c| c.files.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&a), files(&b));
    assert_eq!(a.every_type, b.every_type);
}

#[test]
fn bad_documents_are_refused_with_the_fix() {
    let err = |text: &str| SchemaDoc::parse(text).expect_err("refused").to_string();
    insta::assert_snapshot!(err("{"), @"schema: not a provider schema document (the output of `terraform providers schema -json`): EOF while parsing an object at line 1 column 1");
    insta::assert_snapshot!(
        err(r#"{"format_version": "2.0", "provider_schemas": {}}"#),
        @"schema: format_version `2.0` is not supported (this generator reads 1.x): regenerate the document with a Terraform that writes format 1.x"
    );
    insta::assert_snapshot!(
        err(r#"{"format_version": "1.0", "provider_schemas": {"p": {"provider": {"block": {}},
            "resource_schemas": {"x_a": {"block": {}}, "x_a": {"block": {}}}}}}"#),
        @"schema: not a provider schema document (the output of `terraform providers schema -json`): `x_a` is defined twice: keep one definition of it at line 2 column 76"
    );
}

#[test]
fn nested_attribute_types_are_objects() {
    let doc = SchemaDoc::parse(
        r#"{"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/helm": {
          "provider": {"block": {}},
          "resource_schemas": {"helm_release": {"block": {"attributes": {
            "name": {"type": "string", "required": true},
            "set": {"optional": true, "nested_type": {"nesting_mode": "list", "attributes": {
              "name": {"type": "string", "required": true},
              "value": {"type": "string", "optional": true}}}}
          }}}}
        }}}"#,
    )
    .expect("parses");
    let g = generate(
        doc.provider("registry.terraform.io/acme/helm")
            .expect("provider"),
        &spec("helm"),
        None,
    )
    .expect("generates");
    let code = file(&g, "release_service/release.rs");
    assert!(
        code.contains("pub fn add_set(self, item: Set)") || code.contains("item: ReleaseSet"),
        "{code}"
    );
}

/// The whole pinned aws provider generates: no type skipped, no name collision, no accessor
/// that a handle's method would hide.
#[test]
fn the_whole_aws_provider_generates() {
    let root = workspace_root();
    let doc = pinned::full_schema(&root).expect("the pinned schema");
    let schema = doc.provider(AWS_ADDRESS).expect("aws");
    let g = generate(schema, &aws_spec(), None).expect("generates");
    assert_eq!(g.resources, schema.resource_schemas.len());
    assert_eq!(g.data_sources, schema.data_source_schemas.len());
    // The facade, the core and the parts; every service in exactly one part.
    assert_eq!(g.crates.len(), 2 + g.layout.parts.len());
    let mut placed: Vec<&String> = g.layout.parts.iter().flatten().collect();
    placed.sort();
    assert_eq!(placed, g.services.iter().collect::<Vec<_>>());
    let resources: BTreeSet<&String> = g.table.iter().flat_map(|(_, r, _)| r).collect();
    let data: BTreeSet<&String> = g.table.iter().flat_map(|(_, _, d)| d).collect();
    assert_eq!(
        resources.len(),
        g.resources,
        "every resource in the features table"
    );
    assert_eq!(
        data.len(),
        g.data_sources,
        "every data source in the features table"
    );
    for handle_method in [
        "clone",
        "into",
        "to_owned",
        "try_into",
        "clone_from",
        "clone_into",
    ] {
        let needle = format!("pub fn {handle_method}(&self)");
        for f in g.crates.iter().flat_map(|c| &c.files) {
            assert!(!f.contents.contains(&needle), "{}: {needle}", f.path);
        }
    }
}

/// The nesting limit of the any-provider tool is far above what real providers use.
#[test]
fn the_pinned_providers_nest_far_below_the_nesting_limit() {
    let root = workspace_root();
    let doc = SchemaDoc::parse(
        &pinned::read_gz(&root, "crates/tfsynth-aws/schema/aws-tls.schema.json.gz")
            .expect("the pinned schema"),
    )
    .expect("parses");
    let deepest = doc
        .provider_schemas
        .values()
        .flat_map(|p| p.resource_schemas.iter().chain(&p.data_source_schemas))
        .map(|(n, s)| (s.block.nesting(), n.clone()))
        .max()
        .expect("types");
    assert_eq!(deepest, (19, "aws_eks_cluster_versions".to_owned()));
    assert!(deepest.0 * 4 < tfsynth_codegen::validate::MAX_NESTING);
}

#[test]
fn the_pinned_rules_and_docs_are_of_the_pinned_schema_and_name_their_source() {
    let root = workspace_root();
    let rules = pinned::aws_rules(&root).expect("the pinned rules");
    let spec = pinned::aws_spec();
    let pinned_schema = format!("{} {}", spec.source, spec.version);
    assert_eq!(rules.source["pinned_schema"], pinned_schema.as_str());
    assert_eq!(rules.source["version"], "6.58.0");
    let commit = rules.source["index_commit"].as_str().expect("a commit");
    assert_eq!(commit.len(), 40, "{commit}");
    let docs = tfsynth_codegen::rules::DocsDoc::parse(
        &pinned::read(&root, tfsynth_codegen::rules::AWS_DOCS).expect("the pinned docs"),
    )
    .expect("parses");
    assert_eq!(docs.source["pinned_schema"], pinned_schema.as_str());
    // Every rule names a path of the pinned schema: none is skipped.
    let generated = pinned::aws(&root).expect("generates");
    let stats = generated.rules.expect("the aws bindings have rules");
    assert_eq!(stats.skipped, Vec::<String>::new());
    // SDK enums and `one_of` lists, on single arguments and on the elements of lists and sets.
    assert_eq!((stats.enums, stats.enum_args), (334, 520));
}

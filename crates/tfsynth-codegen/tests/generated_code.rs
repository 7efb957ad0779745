//! Snapshots of the generated code of representative types, and the committed bindings
//! being exactly what the generator makes of the pinned schemas.

use std::collections::BTreeSet;

use tfsynth_codegen::pinned::{self, aws_spec, workspace_root, AWS_ADDRESS, AWS_SCHEMA};
use tfsynth_codegen::provider::{generate, ProviderSpec};
use tfsynth_codegen::schema::SchemaDoc;
use tfsynth_codegen::write::rustfmt;

fn snapshot(name: &str, code: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, code));
}

/// The formatted file generated for `type_name` from `doc`.
fn generated_file(doc: &SchemaDoc, address: &str, spec: &ProviderSpec, type_name: &str) -> String {
    let only: BTreeSet<String> = [type_name.to_owned()].into();
    let generated =
        generate(doc.provider(address).expect("provider"), spec, Some(&only)).expect("generates");
    let marker = format!("//! The `{type_name}` ");
    let file = generated
        .files
        .iter()
        .find(|f| f.contents.contains(&marker))
        .expect("a file for the type");
    rustfmt(&file.contents, &workspace_root()).expect("rustfmt formats generated code")
}

fn privatelink() -> SchemaDoc {
    SchemaDoc::parse(&pinned::read(&workspace_root(), AWS_SCHEMA).expect("pinned schema"))
        .expect("parses")
}

#[test]
fn simple_resource() {
    let code = generated_file(
        &privatelink(),
        AWS_ADDRESS,
        &aws_spec(),
        "aws_vpc_endpoint_service_allowed_principal",
    );
    snapshot("codegen-vpc-endpoint-service-allowed-principal", &code);
}

#[test]
fn resource_with_max_one_and_repeated_blocks_and_object_attributes() {
    let code = generated_file(&privatelink(), AWS_ADDRESS, &aws_spec(), "aws_vpc_endpoint");
    assert!(code.contains("pub fn dns_options(mut self, block: DnsOptions) -> Self"));
    assert!(code.contains("pub fn add_subnet_configuration(mut self, block: SubnetConfiguration)"));
    assert!(code.contains("pub fn dns_entry(&self) -> Expr<List<DnsEntry>>"));
    snapshot("codegen-vpc-endpoint", &code);
}

#[test]
fn attributes_as_blocks() {
    let code = generated_file(&privatelink(), AWS_ADDRESS, &aws_spec(), "aws_route_table");
    assert!(code.contains("pub fn add_route(mut self, item: Route) -> Self"));
    assert!(code.contains("o.odb_network_arn.unwrap_or(RawExpr::Null)"));
    snapshot("codegen-route-table", &code);
}

#[test]
fn data_source() {
    let code = generated_file(
        &privatelink(),
        AWS_ADDRESS,
        &aws_spec(),
        "aws_availability_zones",
    );
    assert!(code.contains("impl DataSource for AvailabilityZones {}"));
    snapshot("codegen-data-availability-zones", &code);
}

/// Neither pinned schema has a `map`-nested block (nor `group`, nor a required block past four
/// arguments in aws's PrivateLink set), so this one is written by hand in the same format.
#[test]
fn map_and_group_nesting_modes_and_args_struct() {
    let doc = SchemaDoc::parse(
        r#"{"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/demo": {
          "provider": {"version": 0, "block": {}},
          "resource_schemas": {"demo_thing": {"version": 0, "block": {
            "attributes": {
              "a": {"type": "string", "required": true},
              "b": {"type": "number", "required": true},
              "c": {"type": "bool", "required": true},
              "d": {"type": ["list", "string"], "required": true},
              "id": {"type": "string", "optional": true, "computed": true},
              "type": {"type": "string", "optional": true, "description": "A keyword."},
              "settings": {"type": "dynamic", "optional": true}
            },
            "block_types": {
              "listener": {"nesting_mode": "map", "block": {
                "attributes": {"port": {"type": "number", "required": true}}}},
              "options": {"nesting_mode": "group", "block": {
                "attributes": {"self": {"type": "bool", "optional": true}}}},
              "rule": {"nesting_mode": "set", "min_items": 1, "block": {
                "attributes": {"name": {"type": "string", "required": true}}}}
            }
          }}}
        }}}"#,
    )
    .expect("parses");
    let spec = ProviderSpec {
        local_name: "demo".into(),
        source: "acme/demo".into(),
        version: "1.0.0".into(),
        constraint: "~> 1.0".into(),
        services: vec![],
        overrides: Default::default(),
    };
    let code = generated_file(&doc, "registry.terraform.io/acme/demo", &spec, "demo_thing");
    assert!(code.contains("pub fn new(args: ThingArgs) -> Self"));
    assert!(code.contains(
        "pub fn add_listener(mut self, key: impl Into<String>, block: Listener) -> Self"
    ));
    assert!(code.contains("Entry::MapBlocks(self.listener)"));
    assert!(code.contains("pub fn type_(mut self"));
    assert!(code.contains("pub fn self_(mut self"));
    assert!(
        !code.contains("pub fn id(mut self"),
        "resources take no `id`"
    );
    snapshot("codegen-map-nesting", &code);
}

/// The committed aws bindings are what the generator makes of the pinned schema (the same
/// check as `just codegen-check`, without git).
#[test]
fn committed_aws_bindings_are_fresh() {
    let root = workspace_root();
    let generated = pinned::aws(&root).expect("generates");
    let mut stale = Vec::new();
    for f in &generated.files {
        let path = root.join("crates/tfsynth-aws/src/gen").join(&f.path);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != rustfmt(&f.contents, &root).expect("rustfmt") {
            stale.push(f.path.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run `just codegen`): {stale:?}"
    );
}

//! The pinned inputs of this workspace and what the generator makes of them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::Overrides;
use crate::provider::{generate, DefaultFeatures, Generated, ProviderSpec};
use crate::schema::{FunctionsDoc, SchemaDoc};
use crate::{functions, Error, GenFile};

/// `registry.terraform.io/hashicorp/aws`
pub const AWS_ADDRESS: &str = "registry.terraform.io/hashicorp/aws";
/// `registry.terraform.io/hashicorp/tls`
pub const TLS_ADDRESS: &str = "registry.terraform.io/hashicorp/tls";
/// The whole aws + tls schema, gzipped: the input of `tfsynth-aws`.
pub const FULL_SCHEMA_GZ: &str = "crates/tfsynth-aws/schema/aws-tls.schema.json.gz";
/// The committed tls input: the whole tls provider.
pub const TLS_SCHEMA: &str = "crates/tfsynth-tls/schema/tls.schema.json";
/// `terraform metadata functions -json`
pub const FUNCTIONS: &str = "crates/tfsynth-codegen/schema/terraform-functions.json";
/// How many part crates the aws bindings are split into (see `provider::Layout`).
pub const AWS_PARTS: usize = 8;
/// The Terraform version the functions come from.
pub const TERRAFORM_VERSION: &str = "1.15.5";

/// aws service modules for types whose first word is not their service.
const AWS_SERVICES: &[(&str, &str)] = &[
    ("alb", "elbv2"),
    ("lb", "elbv2"),
    ("lbs", "elbv2"),
    ("ami", "ec2"),
    ("ami_ids", "ec2"),
    ("availability_zone", "ec2"),
    ("availability_zones", "ec2"),
    ("customer_gateway", "ec2"),
    ("default_network_acl", "ec2"),
    ("default_route_table", "ec2"),
    ("default_security_group", "ec2"),
    ("default_subnet", "ec2"),
    ("default_vpc", "ec2"),
    ("default_vpc_dhcp_options", "ec2"),
    ("ebs", "ec2"),
    ("egress_only_internet_gateway", "ec2"),
    ("eip", "ec2"),
    ("eips", "ec2"),
    ("flow_log", "ec2"),
    ("instance", "ec2"),
    ("instances", "ec2"),
    ("internet_gateway", "ec2"),
    ("key_pair", "ec2"),
    ("launch_template", "ec2"),
    ("main_route_table_association", "ec2"),
    ("nat_gateway", "ec2"),
    ("nat_gateways", "ec2"),
    ("network_acl", "ec2"),
    ("network_acls", "ec2"),
    ("network_acl_association", "ec2"),
    ("network_acl_rule", "ec2"),
    ("network_interface", "ec2"),
    ("network_interfaces", "ec2"),
    ("placement_group", "ec2"),
    ("prefix_list", "ec2"),
    ("route", "ec2"),
    ("route_table", "ec2"),
    ("route_tables", "ec2"),
    ("security_group", "ec2"),
    ("security_groups", "ec2"),
    ("spot", "ec2"),
    ("subnet", "ec2"),
    ("subnets", "ec2"),
    ("volume_attachment", "ec2"),
    ("vpc", "ec2"),
    ("vpcs", "ec2"),
    ("vpn", "ec2"),
    ("caller_identity", "sts"),
    ("arn", "meta"),
    ("billing_service_account", "meta"),
    ("default_tags", "meta"),
    ("ip_ranges", "meta"),
    ("partition", "meta"),
    ("region", "meta"),
    ("regions", "meta"),
    ("service", "meta"),
    ("service_principal", "meta"),
];

/// The aws generator settings.
pub fn aws_spec() -> ProviderSpec {
    ProviderSpec {
        local_name: "aws".into(),
        source: "hashicorp/aws".into(),
        version: "6.66.0".into(),
        constraint: "~> 6.0".into(),
        crate_name: "tfsynth_aws".into(),
        package: "tfsynth-aws".into(),
        // Measured (BENCHMARKS.md): one crate of the whole provider checks in ~75 s at ~3.4 GB
        // on one core; parts build two at a time, each in a fraction of the memory.
        parts: AWS_PARTS,
        default_features: DefaultFeatures::None,
        // Read by `aws()` from `rules::AWS_RULES`.
        rules: None,
        services: AWS_SERVICES
            .iter()
            .map(|(p, s)| ((*p).into(), (*s).into()))
            .collect(),
        // The provider's own MaxItems: 1, lost by the schema extraction (schema/README.md).
        overrides: Overrides {
            max_one: [
                "provider.default_tags",
                "provider.ignore_tags",
                "provider.assume_role_with_web_identity",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
        },
    }
}

/// The tls generator settings.
pub fn tls_spec() -> ProviderSpec {
    ProviderSpec {
        local_name: "tls".into(),
        source: "hashicorp/tls".into(),
        version: "4.1.0".into(),
        constraint: "~> 4.0".into(),
        crate_name: "tfsynth_tls".into(),
        package: "tfsynth-tls".into(),
        parts: 1,
        default_features: DefaultFeatures::All,
        rules: None,
        services: vec![(String::new(), "tls".into())],
        // MaxItems: 1 in the provider, lost by the schema extraction (schema/README.md).
        overrides: Overrides {
            max_one: [
                "provider.proxy",
                "tls_cert_request.subject",
                "tls_self_signed_cert.subject",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
        },
    }
}

/// A small provider pinned by its own schema document and generated into `crates/tfsynth-NAME`
/// as one crate with one cargo feature named after the provider (on by default), like tls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmallProvider {
    /// The provider's type name: `random` (`registry.terraform.io/hashicorp/random`).
    pub name: &'static str,
    /// The version the schema is of.
    pub version: &'static str,
    /// The constraint written in `required_providers`.
    pub constraint: &'static str,
}

impl SmallProvider {
    /// `registry.terraform.io/hashicorp/NAME`
    pub fn address(&self) -> String {
        format!("registry.terraform.io/hashicorp/{}", self.name)
    }

    /// `tfsynth-NAME`
    pub fn package(&self) -> String {
        format!("tfsynth-{}", self.name)
    }

    /// The committed schema document, under the workspace root: a byte-for-byte copy of
    /// `../shared/schemas/providers/NAME.schema.json.gz` (see the crate's `schema/README.md`).
    pub fn schema_path(&self) -> String {
        format!("crates/tfsynth-{0}/schema/{0}.schema.json.gz", self.name)
    }
}

/// The providers stacks use next to aws, each pinned at the version of its schema document.
pub const SMALL_PROVIDERS: &[SmallProvider] = &[
    SmallProvider {
        name: "random",
        version: "3.7.2",
        constraint: "~> 3.0",
    },
    SmallProvider {
        name: "archive",
        version: "2.7.1",
        constraint: "~> 2.0",
    },
    SmallProvider {
        name: "null",
        version: "3.2.4",
        constraint: "~> 3.0",
    },
    SmallProvider {
        name: "local",
        version: "2.6.1",
        constraint: "~> 2.0",
    },
    SmallProvider {
        name: "time",
        version: "0.13.1",
        constraint: "~> 0.13",
    },
    SmallProvider {
        name: "http",
        version: "3.5.0",
        constraint: "~> 3.0",
    },
    SmallProvider {
        name: "external",
        version: "2.3.5",
        constraint: "~> 2.0",
    },
];

/// The generator settings of a small provider: one crate, every type in one service (the
/// feature named after the provider), all enabled by default. Their schemas carry no block
/// that lost its `max_items = 1` (archive's `source` is a set block in the provider too,
/// http's `retry` a single block).
pub fn small_spec(p: &SmallProvider) -> ProviderSpec {
    ProviderSpec {
        local_name: p.name.into(),
        source: format!("hashicorp/{}", p.name),
        version: p.version.into(),
        constraint: p.constraint.into(),
        crate_name: format!("tfsynth_{}", p.name),
        package: p.package(),
        parts: 1,
        default_features: DefaultFeatures::All,
        rules: None,
        services: vec![(String::new(), p.name.into())],
        overrides: Overrides::default(),
    }
}

/// The bindings of a small provider, from its committed schema document.
///
/// # Errors
/// When the pinned schema is missing or cannot be generated.
pub fn small(root: &Path, p: &SmallProvider) -> Result<Generated, Error> {
    let rel = p.schema_path();
    let doc = SchemaDoc::parse(&read_gz(root, &rel)?).map_err(|e| e.in_file(&rel))?;
    generate(doc.provider(&p.address())?, &small_spec(p), None)
}

/// Reads a file under the workspace root.
///
/// # Errors
/// When it cannot be read.
pub fn read(root: &Path, rel: &str) -> Result<String, Error> {
    let p = root.join(rel);
    std::fs::read_to_string(&p).map_err(|e| Error::Io(p.display().to_string(), e))
}

/// Reads a gzipped file under the workspace root.
///
/// # Errors
/// When it cannot be read or is not gzipped UTF-8.
pub fn read_gz(root: &Path, rel: &str) -> Result<String, Error> {
    use std::io::Read as _;
    let p = root.join(rel);
    let file = std::fs::File::open(&p).map_err(|e| Error::Io(p.display().to_string(), e))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| Error::Io(p.display().to_string(), e))?;
    Ok(text)
}

/// The pinned whole aws + tls schema document.
///
/// # Errors
/// When it is missing or malformed.
pub fn full_schema(root: &Path) -> Result<SchemaDoc, Error> {
    SchemaDoc::parse(&read_gz(root, FULL_SCHEMA_GZ)?).map_err(|e| e.in_file(FULL_SCHEMA_GZ))
}

/// The bindings of the whole pinned aws provider.
///
/// # Errors
/// When the pinned schema is missing or cannot be generated.
pub fn aws(root: &Path) -> Result<Generated, Error> {
    let doc = full_schema(root)?;
    let mut spec = aws_spec();
    spec.rules = Some(std::sync::Arc::new(aws_rules(root)?));
    generate(doc.provider(AWS_ADDRESS)?, &spec, None)
}

/// The pinned aws validation rules (`rules::AWS_RULES`).
///
/// # Errors
/// When the file is missing or malformed.
pub fn aws_rules(root: &Path) -> Result<crate::rules::RulesDoc, Error> {
    let rel = crate::rules::AWS_RULES;
    crate::rules::RulesDoc::parse(&read(root, rel)?).map_err(|e| e.in_file(rel))
}

/// The bindings of the tls provider.
///
/// # Errors
/// When the pinned schema is missing or cannot be generated.
pub fn tls(root: &Path) -> Result<Generated, Error> {
    let doc = SchemaDoc::parse(&read(root, TLS_SCHEMA)?)?;
    generate(doc.provider(TLS_ADDRESS)?, &tls_spec(), None)
}

/// The function wrappers.
///
/// # Errors
/// When the pinned function list is missing or malformed.
pub fn functions(root: &Path) -> Result<GenFile, Error> {
    let text = read(root, FUNCTIONS)?;
    let doc: FunctionsDoc = serde_json::from_str(&text)
        .map_err(|e| Error::Schema(format!("{FUNCTIONS}: not a function list: {e}")))?;
    Ok(GenFile {
        path: "functions.rs".into(),
        contents: functions::generate(&doc, TERRAFORM_VERSION)?,
    })
}

/// The workspace root (two levels above this crate): the first of [`checkout_candidates`]
/// that is a tfsynth checkout.
pub fn workspace_root() -> PathBuf {
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = checkout_candidates()
        .into_iter()
        .find(|r| is_checkout(r))
        .unwrap_or(built_in);
    root.canonicalize().unwrap_or(root)
}

/// The checkouts this tfsynth-codegen may belong to, most likely first: the one `cargo run` or
/// `cargo test` runs it from (cargo sets `CARGO_MANIFEST_DIR` for the program), then the one
/// it was built in, then the directories holding the executable (`target/debug/..`). The
/// built-in path alone is not enough: cargo does not rebuild when only it changes, so a build
/// shared between checkouts (`scripts/readme-commands` builds a fresh clone into this
/// checkout's `target/`) may name another checkout, since removed.
pub fn checkout_candidates() -> Vec<PathBuf> {
    let up = |dir: &Path| dir.join("../..");
    let mut out: Vec<PathBuf> = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(|d| up(Path::new(&d)))
        .into_iter()
        .collect();
    out.push(up(Path::new(env!("CARGO_MANIFEST_DIR"))));
    if let Ok(exe) = std::env::current_exe() {
        out.extend(exe.ancestors().skip(1).map(Path::to_path_buf));
    }
    out
}

/// Whether `root` is a tfsynth checkout: it holds `crates/tfsynth` and `crates/tfsynth-codegen`.
pub fn is_checkout(root: &Path) -> bool {
    [
        "crates/tfsynth/Cargo.toml",
        "crates/tfsynth-codegen/Cargo.toml",
    ]
    .iter()
    .all(|m| root.join(m).is_file())
}

/// Type names of a schema document's provider, for limiting generation.
pub fn type_names(doc: &SchemaDoc, address: &str) -> Result<BTreeSet<String>, Error> {
    let p = doc.provider(address)?;
    Ok(p.resource_schemas
        .keys()
        .chain(p.data_source_schemas.keys())
        .cloned()
        .collect())
}

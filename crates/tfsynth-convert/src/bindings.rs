//! Which Terraform types the workspace binds, and the Rust names the generator gave them.
//!
//! The pinned schemas the generator reads are compiled in, parsed on first use of a provider,
//! and each used type is modelled with `tfsynth_codegen::model::build`, so the names here are
//! the generator's own, and each type's service (its module and cargo feature) is the
//! generator's `service_of`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::rc::Rc;

use tfsynth_codegen::model::{build, TypeModel};
use tfsynth_codegen::names::{ident, type_name, RESERVED_TYPES};
use tfsynth_codegen::pinned::{aws_spec, small_spec, tls_spec, AWS_ENUM_SERVICES, SMALL_PROVIDERS};
use tfsynth_codegen::provider::{service_models, service_of, ProviderSpec};
use tfsynth_codegen::rules::RulesDoc;
use tfsynth_codegen::schema::{ProviderSchema, SchemaDoc};

const AWS_TLS: &[u8] = include_bytes!("../../tfsynth-aws/schema/aws-tls.schema.json.gz");
/// The aws provider's validation rules the generator types enum arguments from.
const AWS_RULES: &str = include_str!("../../tfsynth-codegen/data/aws-rules.json");
const SMALL: &[(&str, &[u8])] = &[
    (
        "random",
        include_bytes!("../../tfsynth-random/schema/random.schema.json.gz"),
    ),
    (
        "archive",
        include_bytes!("../../tfsynth-archive/schema/archive.schema.json.gz"),
    ),
    (
        "null",
        include_bytes!("../../tfsynth-null/schema/null.schema.json.gz"),
    ),
    (
        "local",
        include_bytes!("../../tfsynth-local/schema/local.schema.json.gz"),
    ),
    (
        "time",
        include_bytes!("../../tfsynth-time/schema/time.schema.json.gz"),
    ),
    (
        "http",
        include_bytes!("../../tfsynth-http/schema/http.schema.json.gz"),
    ),
    (
        "external",
        include_bytes!("../../tfsynth-external/schema/external.schema.json.gz"),
    ),
];

/// A bound type: where its Rust code lives.
#[derive(Debug)]
pub struct TypeInfo {
    /// The provider's local name (`aws`).
    pub provider: String,
    /// The crate (`tfsynth_aws`).
    pub krate: String,
    /// The cargo feature it needs (aws services), if any.
    pub feature: Option<String>,
    /// The module path from the crate root that holds its nested types (`vpc`, `data::vpc`).
    pub module: String,
    /// The path of the root type from the crate root (`Vpc`, `data::Vpc`).
    pub root_path: String,
    /// Its model (names of setters, nested types, required arguments, enum arguments).
    pub model: TypeModel,
    /// The enums of its service's module: name -> (variant, value) in the provider's order.
    pub enums: Rc<Enums>,
}

/// A service's enums: name -> (variant, value).
pub type Enums = BTreeMap<String, Vec<(String, String)>>;

/// One service's models with the provider's rules applied, by (is a data source, type name),
/// and its enums.
type Service = (BTreeMap<(bool, String), TypeModel>, Rc<Enums>);

/// The services modelled so far; `None` for one whose enum arguments are not typed.
type ServiceCache = BTreeMap<String, Option<Service>>;

struct Provider {
    spec: ProviderSpec,
    address: String,
    gz: &'static [u8],
    schema: Option<&'static ProviderSchema>,
    shorts: BTreeSet<String>,
}

/// Parsed schema documents, by their compressed bytes' address: parsed once per process.
static DOCS: std::sync::OnceLock<std::sync::Mutex<BTreeMap<usize, &'static SchemaDoc>>> =
    std::sync::OnceLock::new();

fn parsed(gz: &'static [u8]) -> Option<&'static SchemaDoc> {
    let docs = DOCS.get_or_init(Default::default);
    let key = gz.as_ptr() as usize;
    if let Some(d) = docs.lock().ok()?.get(&key) {
        return Some(d);
    }
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .ok()?;
    // Leaked on purpose: a handful of documents, kept for the life of the process.
    let doc: &'static SchemaDoc = Box::leak(Box::new(SchemaDoc::parse(&text).ok()?));
    docs.lock().ok()?.insert(key, doc);
    Some(doc)
}

/// Looked-up types by (is a data source, type name); `None` for an unbound one.
type TypeCache = BTreeMap<(bool, String), Option<Rc<TypeInfo>>>;

/// The bound providers, loaded on demand.
#[derive(Default)]
pub struct Bindings {
    providers: RefCell<BTreeMap<String, Provider>>,
    types: RefCell<TypeCache>,
    services: RefCell<ServiceCache>,
}

impl std::fmt::Debug for Bindings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bindings").finish_non_exhaustive()
    }
}

fn provider_for(local: &str) -> Option<Provider> {
    let (spec, gz) = match local {
        "aws" => (aws_spec(), AWS_TLS),
        "tls" => (tls_spec(), AWS_TLS),
        _ => {
            let p = SMALL_PROVIDERS.iter().find(|p| p.name == local)?;
            let gz = SMALL.iter().find(|(n, _)| *n == local)?.1;
            (small_spec(p), gz)
        }
    };
    Some(Provider {
        address: format!("registry.terraform.io/{}", spec.source),
        spec,
        gz,
        schema: None,
        shorts: BTreeSet::new(),
    })
}

impl Bindings {
    /// True when the workspace has bindings for this provider local name.
    pub fn binds_provider(local: &str) -> bool {
        local == "aws" || local == "tls" || SMALL_PROVIDERS.iter().any(|p| p.name == local)
    }

    fn schema(&self, local: &str) -> Option<&'static ProviderSchema> {
        let mut ps = self.providers.borrow_mut();
        if !ps.contains_key(local) {
            ps.insert(local.to_owned(), provider_for(local)?);
        }
        let p = ps.get_mut(local)?;
        if p.schema.is_none() {
            let schema = parsed(p.gz)?.provider_schemas.get(&p.address)?;
            for n in schema
                .resource_schemas
                .keys()
                .chain(schema.data_source_schemas.keys())
            {
                let short = short_name(&p.spec, n);
                p.shorts.insert(short.to_owned());
                p.shorts.insert(ident(short));
            }
            p.schema = Some(schema);
        }
        p.schema
    }

    /// The provider block's model and crate (`AwsProvider`), when bound.
    pub fn provider(&self, local: &str) -> Option<Rc<TypeInfo>> {
        let key = (false, format!("provider {local}"));
        if let Some(t) = self.types.borrow().get(&key) {
            return t.clone();
        }
        let info = self.schema(local).and_then(|schema| {
            let ps = self.providers.borrow();
            let p = ps.get(local)?;
            let root = p.spec.provider_struct();
            let model = build(
                local,
                &root,
                "provider",
                &schema.provider.block,
                &p.spec.overrides,
                false,
            )
            .ok()?;
            Some(Rc::new(TypeInfo {
                provider: local.to_owned(),
                krate: p.spec.crate_name.clone(),
                feature: None,
                module: "provider".into(),
                root_path: root,
                model,
                enums: Rc::default(),
            }))
        });
        self.types.borrow_mut().insert(key, info.clone());
        info
    }

    /// A resource (`is_data` false) or data source type, when bound.
    pub fn lookup(&self, is_data: bool, tn: &str) -> Option<Rc<TypeInfo>> {
        let key = (is_data, tn.to_owned());
        if let Some(t) = self.types.borrow().get(&key) {
            return t.clone();
        }
        let info = self.model(is_data, tn);
        self.types.borrow_mut().insert(key, info.clone());
        info
    }

    fn model(&self, is_data: bool, tn: &str) -> Option<Rc<TypeInfo>> {
        let local = provider_of(tn);
        let schema = self.schema(local)?;
        let ps = self.providers.borrow();
        let p = ps.get(local)?;
        let s = if is_data {
            schema.data_source_schemas.get(tn)?
        } else {
            schema.resource_schemas.get(tn)?
        };
        let short = short_name(&p.spec, tn);
        let mut root = type_name(short);
        if RESERVED_TYPES.contains(&root.as_str())
            || RESERVED_TYPES.contains(&format!("{root}Attrs").as_str())
        {
            root = type_name(tn);
        }
        let service = service_of(&p.spec, short, &p.shorts);
        let (model, enums) = match self.service(&p.spec, schema, &service) {
            Some((models, enums)) => (models.get(&(is_data, tn.to_owned()))?.clone(), enums),
            None => (
                build(tn, &root, tn, &s.block, &p.spec.overrides, !is_data).ok()?,
                Rc::default(),
            ),
        };
        let feature = (p.spec.local_name == "aws").then_some(service);
        let m = ident(short);
        let (module, root_path) = if is_data {
            (format!("data::{m}"), format!("data::{root}"))
        } else {
            (m, root)
        };
        Some(Rc::new(TypeInfo {
            provider: local.to_owned(),
            krate: p.spec.crate_name.clone(),
            feature,
            module,
            root_path,
            model,
            enums,
        }))
    }

    /// For an aws service whose enum arguments the bindings type: its models with the rules
    /// applied (as the generator models them) and its enums; `None` for any other service.
    fn service(
        &self,
        spec: &ProviderSpec,
        schema: &ProviderSchema,
        service: &str,
    ) -> Option<Service> {
        if spec.local_name != "aws" || !AWS_ENUM_SERVICES.contains(&service) {
            return None;
        }
        if let Some(c) = self.services.borrow().get(service) {
            return c.clone();
        }
        let got = (|| {
            let mut spec = spec.clone();
            spec.rules = Some(std::sync::Arc::new(RulesDoc::parse(AWS_RULES).ok()?));
            spec.enum_services = Some(AWS_ENUM_SERVICES.iter().map(|s| (*s).to_owned()).collect());
            let sm = service_models(schema, &spec, service).ok()?;
            let enums: Enums = sm.enums.into_iter().map(|e| (e.name, e.variants)).collect();
            Some((sm.types, Rc::new(enums)))
        })();
        self.services
            .borrow_mut()
            .insert(service.to_owned(), got.clone());
        got
    }
}

/// The provider local name a type name implies: its first word.
pub fn provider_of(tn: &str) -> &str {
    tn.split('_').next().unwrap_or(tn)
}

fn short_name<'a>(spec: &ProviderSpec, tn: &'a str) -> &'a str {
    if tn == spec.local_name {
        return tn;
    }
    tn.strip_prefix(&spec.local_name)
        .and_then(|s| s.strip_prefix('_'))
        .unwrap_or(tn)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_are_the_generators() {
        let b = Bindings::default();
        let vpc = b.lookup(false, "aws_vpc").unwrap();
        assert_eq!(vpc.root_path, "Vpc");
        assert_eq!(vpc.feature.as_deref(), Some("ec2"));
        let l = b.lookup(false, "aws_lambda_function").unwrap();
        assert_eq!(
            l.model.defs[0].args_name.as_deref(),
            Some("LambdaFunctionArgs")
        );
        let s = b.lookup(false, "random_string").unwrap();
        assert_eq!(s.root_path, "RandomString");
        assert_eq!(s.krate, "tfsynth_random");
        let az = b.lookup(true, "aws_availability_zones").unwrap();
        assert_eq!(az.root_path, "data::AvailabilityZones");
        assert!(b.lookup(false, "aws_no_such_thing").is_none());
        assert!(b.lookup(false, "google_compute_instance").is_none());
    }
}

//! Writing a stack in the Terraform JSON syntax.
//!
//! The order of everything is the order of declaration (resources grouped by type, types in
//! order of first use), so the output is byte-for-byte deterministic.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::block::{Condition, IgnoreChanges, Lifecycle, Meta, Repetition};
use crate::body::{Body, Entry};
use crate::config::module::{Check, Import, Module, Moved, Removed};
use crate::config::variable::{Output, VariableSpec};
use crate::decl::Kind;
use crate::expr::render::{Json, LiteralJson};
use crate::expr::RawExpr;
use crate::stack::{BlockItem, Item, ProviderItem, Stack, SynthOptions};

pub(crate) fn to_json(stack: &Stack, options: SynthOptions) -> String {
    let mut out = Vec::with_capacity(4096);
    // Writing to a Vec cannot fail: every key is a string and every number finite.
    if write_json(stack, options, &mut out).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the JSON (with its trailing newline) to `w`; only I/O can fail.
pub(crate) fn write_json<W: std::io::Write>(
    stack: &Stack,
    options: SynthOptions,
    mut w: W,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut w,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    (StackJson { stack, options })
        .serialize(&mut ser)
        .map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

struct StackJson<'a> {
    stack: &'a Stack,
    options: SynthOptions,
}

impl Serialize for StackJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let st = self.stack;
        let mut m = s.serialize_map(None)?;
        if !st.settings.is_empty() {
            m.serialize_entry("terraform", &SettingsJson(st))?;
        }
        for kind in Kind::ALL {
            if st.declares(kind) {
                m.serialize_entry(kind.keyword(), &KindJson(st, kind, self.options.comments))?;
            }
        }
        m.end()
    }
}

/// Everything of one kind (with the construct path comments or not).
struct KindJson<'a>(&'a Stack, Kind, bool);

impl Serialize for KindJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (st, c) = (self.0, self.2);
        match self.1 {
            Kind::Provider => ProvidersJson(st, c).serialize(s),
            Kind::Variable => Named(&st.variables, c, VarJson).serialize(s),
            Kind::Local => {
                let locals: indexmap::IndexMap<&str, Json<'_>> = st
                    .locals
                    .iter()
                    .map(|(k, v)| (k.as_str(), Json(&v.value)))
                    .collect();
                locals.serialize(s)
            }
            Kind::Data => BlocksJson(&st.data, c).serialize(s),
            Kind::Ephemeral => BlocksJson(&st.ephemeral, c).serialize(s),
            Kind::Resource => BlocksJson(&st.resources, c).serialize(s),
            Kind::Module => Named(&st.modules, c, ModuleJson).serialize(s),
            Kind::Output => Named(&st.outputs, c, OutputJson).serialize(s),
            Kind::Moved => List(&st.moved, MovedJson).serialize(s),
            Kind::Import => List(&st.imports, ImportJson).serialize(s),
            Kind::Removed => List(&st.removed, RemovedJson).serialize(s),
            Kind::Check => Named(&st.checks, c, CheckJson).serialize(s),
        }
    }
}

/// Writes the fields of one kind of item into a map that may already hold a `"//"` comment.
trait Fields<T> {
    fn fields<M: SerializeMap>(&self, m: &mut M, value: &T) -> Result<(), M::Error>;
}

struct Named<'a, T, F>(&'a indexmap::IndexMap<String, Item<T>>, bool, F);

impl<T, F: Fields<T>> Serialize for Named<'_, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, item) in self.0 {
            m.serialize_entry(name, &One(item, self.1, &self.2))?;
        }
        m.end()
    }
}

struct One<'a, T, F>(&'a Item<T>, bool, &'a F);

impl<T, F: Fields<T>> Serialize for One<'_, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if self.1 && !self.0.path.is_empty() {
            m.serialize_entry("//", &self.0.path)?;
        }
        self.2.fields(&mut m, &self.0.value)?;
        m.end()
    }
}

struct List<'a, T, F>(&'a [Item<T>], F);

impl<T, F: Fields<T>> Serialize for List<'_, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&One(item, false, &self.1))?;
        }
        seq.end()
    }
}

struct SettingsJson<'a>(&'a Stack);

impl Serialize for SettingsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = &self.0.settings;
        let mut m = s.serialize_map(None)?;
        if let Some(v) = &t.required_version {
            m.serialize_entry("required_version", v)?;
        }
        if !t.required_providers.is_empty() {
            let rp: indexmap::IndexMap<&str, RequirementJson<'_>> = t
                .required_providers
                .iter()
                .map(|(k, r)| (k.as_str(), RequirementJson(r)))
                .collect();
            m.serialize_entry("required_providers", &rp)?;
        }
        if let Some(b) = &t.backend {
            let mut inner = indexmap::IndexMap::new();
            inner.insert(b.backend_type(), BodyJson(b.body(), true));
            m.serialize_entry("backend", &inner)?;
        }
        if let Some(c) = &t.cloud {
            m.serialize_entry("cloud", &BodyJson(&c.body, true))?;
        }
        if !t.provider_meta.is_empty() {
            let pm: indexmap::IndexMap<&str, BodyJson<'_>> = t
                .provider_meta
                .iter()
                .map(|(k, b)| (k.as_str(), BodyJson(b, true)))
                .collect();
            m.serialize_entry("provider_meta", &pm)?;
        }
        m.end()
    }
}

/// One `required_providers` entry. `configuration_aliases` holds strings that Terraform parses
/// as references (`"aws.peer"`); a `"${aws.peer}"` template is refused there.
struct RequirementJson<'a>(&'a crate::config::settings::ProviderRequirement);

impl Serialize for RequirementJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("source", &r.source)?;
        if let Some(v) = &r.version {
            m.serialize_entry("version", v)?;
        }
        if !r.configuration_aliases.is_empty() {
            m.serialize_entry("configuration_aliases", &r.configuration_aliases)?;
        }
        m.end()
    }
}

struct ProvidersJson<'a>(&'a Stack, bool);

impl Serialize for ProvidersJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.providers.len()))?;
        for (name, configs) in &self.0.providers {
            if let [one] = configs.as_slice() {
                m.serialize_entry(name, &One(one, self.1, &ProviderJson))?;
            } else {
                let all: Vec<One<'_, ProviderItem, ProviderJson>> = configs
                    .iter()
                    .map(|c| One(c, self.1, &ProviderJson))
                    .collect();
                m.serialize_entry(name, &all)?;
            }
        }
        m.end()
    }
}

struct ProviderJson;
impl Fields<ProviderItem> for ProviderJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, p: &ProviderItem) -> Result<(), M::Error> {
        if let Some(a) = &p.alias {
            m.serialize_entry("alias", a)?;
        }
        body_fields(m, &p.body, false)
    }
}

struct VarJson;
impl Fields<VariableSpec> for VarJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, v: &VariableSpec) -> Result<(), M::Error> {
        if let Some(t) = &v.ty {
            m.serialize_entry("type", &t.to_string())?;
        }
        if let Some(d) = &v.default {
            // Terraform reads defaults without an evaluation context: strings are verbatim.
            m.serialize_entry("default", &LiteralJson(d))?;
        }
        if let Some(d) = &v.description {
            m.serialize_entry("description", d)?;
        }
        if let Some(b) = v.sensitive {
            m.serialize_entry("sensitive", &b)?;
        }
        if let Some(b) = v.nullable {
            m.serialize_entry("nullable", &b)?;
        }
        if let Some(b) = v.ephemeral {
            m.serialize_entry("ephemeral", &b)?;
        }
        if !v.validations.is_empty() {
            m.serialize_entry("validation", &Conditions(&v.validations))?;
        }
        Ok(())
    }
}

struct OutputJson;
impl Fields<Output> for OutputJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, o: &Output) -> Result<(), M::Error> {
        m.serialize_entry("value", &Json(&o.value))?;
        if let Some(d) = &o.description {
            m.serialize_entry("description", d)?;
        }
        if let Some(b) = o.sensitive {
            m.serialize_entry("sensitive", &b)?;
        }
        if let Some(b) = o.ephemeral {
            m.serialize_entry("ephemeral", &b)?;
        }
        if !o.depends_on.is_empty() {
            m.serialize_entry("depends_on", &o.depends_on)?;
        }
        if !o.preconditions.is_empty() {
            m.serialize_entry("precondition", &Conditions(&o.preconditions))?;
        }
        Ok(())
    }
}

struct ModuleJson;
impl Fields<Module> for ModuleJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, md: &Module) -> Result<(), M::Error> {
        m.serialize_entry("source", &md.source)?;
        if let Some(v) = &md.version {
            m.serialize_entry("version", v)?;
        }
        repetition(m, &md.repetition)?;
        if !md.providers.is_empty() {
            let p: indexmap::IndexMap<&str, String> = md
                .providers
                .iter()
                .map(|(k, v)| (k.as_str(), v.to_string()))
                .collect();
            m.serialize_entry("providers", &p)?;
        }
        for (k, v) in &md.inputs {
            m.serialize_entry(k, &Json(v))?;
        }
        if !md.depends_on.is_empty() {
            m.serialize_entry("depends_on", &md.depends_on)?;
        }
        Ok(())
    }
}

struct MovedJson;
impl Fields<Moved> for MovedJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, v: &Moved) -> Result<(), M::Error> {
        m.serialize_entry("from", &v.from)?;
        m.serialize_entry("to", &v.to)
    }
}

struct ImportJson;
impl Fields<Import> for ImportJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, v: &Import) -> Result<(), M::Error> {
        if let Some((collection, _)) = &v.for_each {
            m.serialize_entry("for_each", &Json(collection))?;
        }
        m.serialize_entry("to", &v.to_text())?;
        m.serialize_entry("id", &Json(&v.id))?;
        if let Some(p) = &v.provider {
            m.serialize_entry("provider", &p.to_string())?;
        }
        Ok(())
    }
}

struct RemovedJson;
impl Fields<Removed> for RemovedJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, v: &Removed) -> Result<(), M::Error> {
        m.serialize_entry("from", &v.from)?;
        let mut lc = indexmap::IndexMap::new();
        lc.insert("destroy", v.destroy);
        m.serialize_entry("lifecycle", &lc)
    }
}

struct CheckJson;
impl Fields<Check> for CheckJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, v: &Check) -> Result<(), M::Error> {
        if let Some((ty, name, body)) = &v.data {
            let mut inner = indexmap::IndexMap::new();
            inner.insert(name.as_str(), BodyJson(body, false));
            let mut outer = indexmap::IndexMap::new();
            outer.insert(ty.as_str(), inner);
            m.serialize_entry("data", &outer)?;
        }
        m.serialize_entry("assert", &Conditions(&v.asserts))
    }
}

struct BlocksJson<'a>(
    &'a indexmap::IndexMap<String, indexmap::IndexMap<String, Item<BlockItem>>>,
    bool,
);

impl Serialize for BlocksJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (ty, by_name) in self.0 {
            m.serialize_entry(ty, &Named(by_name, self.1, BlockJson))?;
        }
        m.end()
    }
}

struct BlockJson;
impl Fields<BlockItem> for BlockJson {
    fn fields<M: SerializeMap>(&self, m: &mut M, b: &BlockItem) -> Result<(), M::Error> {
        let meta: &Meta = b.meta();
        repetition(m, &meta.repetition)?;
        if let Some(p) = &meta.provider {
            m.serialize_entry("provider", &p.to_string())?;
        }
        body_fields(m, &b.body, false)?;
        if !meta.depends_on.is_empty() {
            m.serialize_entry("depends_on", &meta.depends_on)?;
        }
        if !meta.lifecycle.is_empty() {
            m.serialize_entry("lifecycle", &LifecycleJson(&meta.lifecycle))?;
        }
        Ok(())
    }
}

fn repetition<M: SerializeMap>(m: &mut M, r: &Repetition) -> Result<(), M::Error> {
    match r {
        Repetition::Single => Ok(()),
        Repetition::Count(e) => m.serialize_entry("count", &Json(e)),
        Repetition::ForEach(e) => m.serialize_entry("for_each", &Json(e)),
    }
}

struct LifecycleJson<'a>(&'a Lifecycle);

impl Serialize for LifecycleJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut m = s.serialize_map(None)?;
        if let Some(b) = l.create_before_destroy {
            m.serialize_entry("create_before_destroy", &b)?;
        }
        if let Some(b) = l.prevent_destroy {
            m.serialize_entry("prevent_destroy", &b)?;
        }
        match &l.ignore_changes {
            IgnoreChanges::None => {}
            IgnoreChanges::All => m.serialize_entry("ignore_changes", "all")?,
            IgnoreChanges::Paths(paths) => {
                let v: Vec<String> = paths.iter().map(hcl_text).collect();
                m.serialize_entry("ignore_changes", &v)?;
            }
        }
        if !l.replace_triggered_by.is_empty() {
            let v: Vec<String> = l.replace_triggered_by.iter().map(hcl_text).collect();
            m.serialize_entry("replace_triggered_by", &v)?;
        }
        if !l.precondition.is_empty() {
            m.serialize_entry("precondition", &Conditions(&l.precondition))?;
        }
        if !l.postcondition.is_empty() {
            m.serialize_entry("postcondition", &Conditions(&l.postcondition))?;
        }
        m.end()
    }
}

/// Bare HCL traversal text, for the arguments Terraform JSON reads as static references.
fn hcl_text(e: &RawExpr) -> String {
    let mut s = String::new();
    crate::expr::render_hcl(e, &mut s);
    s
}

struct Conditions<'a>(&'a [Condition]);

impl Serialize for Conditions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for c in self.0 {
            let mut m = indexmap::IndexMap::new();
            m.insert("condition", Json(&c.condition));
            m.insert("error_message", Json(&c.error_message));
            seq.serialize_element(&m)?;
        }
        seq.end()
    }
}

/// A block body; `literal` for the bodies Terraform reads without an evaluation context
/// (`backend`, `cloud`), where strings are verbatim.
pub(crate) struct BodyJson<'a>(pub(crate) &'a Body, pub(crate) bool);

impl Serialize for BodyJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        body_fields(&mut m, self.0, self.1)?;
        m.end()
    }
}

fn body_fields<M: SerializeMap>(m: &mut M, body: &Body, literal: bool) -> Result<(), M::Error> {
    for (name, entry) in body.entries() {
        match entry {
            Entry::Attr(v) if literal => m.serialize_entry(name, &LiteralJson(v))?,
            Entry::Attr(v) => m.serialize_entry(name, &Json(v))?,
            Entry::Block(b) => m.serialize_entry(name, &BodyJson(b, literal))?,
            Entry::Blocks(bs) => {
                let v: Vec<BodyJson<'_>> = bs.iter().map(|b| BodyJson(b, literal)).collect();
                m.serialize_entry(name, &v)?;
            }
            Entry::MapBlocks(bs) => {
                let v: indexmap::IndexMap<&str, BodyJson<'_>> = bs
                    .iter()
                    .map(|(k, b)| (k.as_str(), BodyJson(b, literal)))
                    .collect();
                m.serialize_entry(name, &v)?;
            }
        }
    }
    let dynamic = body.dynamic_blocks();
    if !dynamic.is_empty() {
        m.serialize_entry("dynamic", &DynamicJson(dynamic))?;
    }
    Ok(())
}

struct DynamicJson<'a>(&'a [(String, crate::body::DynamicBlock)]);

impl Serialize for DynamicJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Group by block name, keeping first-use order; several dynamic blocks of one name
        // become a JSON array.
        let mut groups: indexmap::IndexMap<&str, Vec<&crate::body::DynamicBlock>> =
            indexmap::IndexMap::new();
        for (name, d) in self.0 {
            groups.entry(name.as_str()).or_default().push(d);
        }
        let mut m = s.serialize_map(Some(groups.len()))?;
        for (name, ds) in groups {
            if let [one] = ds.as_slice() {
                m.serialize_entry(name, &OneDynamic(one))?;
            } else {
                let v: Vec<OneDynamic<'_>> = ds.into_iter().map(OneDynamic).collect();
                m.serialize_entry(name, &v)?;
            }
        }
        m.end()
    }
}

struct OneDynamic<'a>(&'a crate::body::DynamicBlock);

impl Serialize for OneDynamic<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("for_each", &Json(&self.0.for_each))?;
        if let Some(it) = &self.0.iterator {
            m.serialize_entry("iterator", it)?;
        }
        m.serialize_entry("content", &BodyJson(&self.0.content, false))?;
        m.end()
    }
}

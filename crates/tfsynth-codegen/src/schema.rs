//! The `terraform providers schema -json` document, as far as the generator reads it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::Error;

/// The whole document: `{"format_version": "1.0", "provider_schemas": {...}}`.
#[derive(Debug, Deserialize)]
pub struct SchemaDoc {
    /// `1.0`
    pub format_version: String,
    /// By provider source address (`registry.terraform.io/hashicorp/aws`).
    #[serde(deserialize_with = "unique_keys")]
    pub provider_schemas: BTreeMap<String, ProviderSchema>,
}

impl SchemaDoc {
    /// Parses a schema document.
    ///
    /// # Errors
    /// When the text is not a schema document.
    pub fn parse(text: &str) -> Result<Self, Error> {
        // Deeper than serde_json's default limit, the recursion needs more than a test
        // thread's stack.
        if json_depth(text)? > 128 {
            return crate::on_large_stack(|| Self::parse_here(text));
        }
        Self::parse_here(text)
    }

    fn parse_here(text: &str) -> Result<Self, Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        // Deeper than serde_json's 128 levels is fine: `json_depth` bounded it above.
        de.disable_recursion_limit();
        let doc = Self::deserialize(&mut de)
            .and_then(|d| de.end().map(|()| d))
            .map_err(|e| {
                Error::Schema(format!(
                    "not a provider schema document (the output of `terraform providers schema -json`): {e}"
                ))
            })?;
        let mut doc = doc;
        for p in doc.provider_schemas.values_mut() {
            p.provider.block.resolve_nested_types("provider")?;
            for (n, s) in p
                .resource_schemas
                .iter_mut()
                .chain(p.data_source_schemas.iter_mut())
            {
                s.block.resolve_nested_types(n)?;
            }
        }
        let major = doc.format_version.split('.').next().unwrap_or("");
        if major != "1" {
            return Err(Error::Schema(format!(
                "format_version `{}` is not supported (this generator reads 1.x): regenerate the \
                 document with a Terraform that writes format 1.x",
                doc.format_version
            )));
        }
        Ok(doc)
    }

    /// The schema of the provider with this source address.
    ///
    /// # Errors
    /// When the document has no such provider.
    pub fn provider(&self, address: &str) -> Result<&ProviderSchema, Error> {
        self.provider_schemas.get(address).ok_or_else(|| {
            Error::Schema(format!(
                "provider `{address}` is not in the schema document (it has: {})",
                self.provider_schemas
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }
}

/// The deepest nesting of JSON objects and arrays a schema document may have. A nested block
/// takes three levels (`block_types`, the block type, `block`), so this admits schemas far
/// deeper than any provider's (hashicorp/aws: 44 levels of JSON), while bounding the recursion
/// of parsing and generating (which run on a large stack: [`crate::STACK_BYTES`]).
pub const MAX_JSON_DEPTH: usize = 1000;

/// How deep the objects and arrays of a text nest, found without recursion; deeper than
/// [`MAX_JSON_DEPTH`] is refused, naming the line and column.
///
/// # Errors
/// When it nests deeper.
pub fn json_depth(text: &str) -> Result<usize, Error> {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
                if depth > MAX_JSON_DEPTH {
                    let before = &text[..i];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |n| n + 1) + 1;
                    return Err(Error::Schema(format!(
                        "not a provider schema document: its objects and arrays nest more than \
                         {MAX_JSON_DEPTH} levels deep (at line {line} column {column}), and \
                         provider schemas nest far less (hashicorp/aws: 44): check that the file \
                         is the output of `terraform providers schema -json`"
                    )));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(deepest)
}

/// One provider's schemas.
#[derive(Debug, Deserialize)]
pub struct ProviderSchema {
    /// The `provider` configuration block.
    pub provider: Schema,
    /// Managed resource types, by type name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub resource_schemas: BTreeMap<String, Schema>,
    /// Data source types, by type name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub data_source_schemas: BTreeMap<String, Schema>,
}

/// A JSON object into a map, refusing a key given twice (serde would keep the last one).
fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Visit<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object keyed by name")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = m.next_entry::<String, V>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!(
                        "`{k}` is defined twice: keep one definition of it"
                    )));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Visit(std::marker::PhantomData))
}

/// A resource, data source or provider schema.
#[derive(Debug, Deserialize)]
pub struct Schema {
    /// The schema version.
    #[serde(default)]
    pub version: u64,
    /// The top-level block.
    pub block: BlockSchema,
}

/// A block: attributes and nested block types.
#[derive(Debug, Default, Deserialize)]
pub struct BlockSchema {
    /// Attributes, by name (sorted).
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrSchema>,
    /// Nested block types, by name (sorted).
    #[serde(default)]
    pub block_types: BTreeMap<String, NestedBlock>,
    /// The block's description.
    #[serde(default)]
    pub description: Option<String>,
    /// Deprecated block.
    #[serde(default)]
    pub deprecated: bool,
}

impl BlockSchema {
    /// How many levels the block nests: each nested block, nested attribute type, and list,
    /// set, map, tuple or object type counts one (a block of plain attributes: 0).
    pub fn nesting(&self) -> usize {
        let attrs = self.attributes.values().map(AttrSchema::nesting);
        let blocks = self.block_types.values().map(|b| 1 + b.block.nesting());
        attrs.chain(blocks).max().unwrap_or(0)
    }

    /// Gives every attribute with a `nested_type` (and no `type`) its equivalent object type.
    fn resolve_nested_types(&mut self, path: &str) -> Result<(), Error> {
        for (n, a) in &mut self.attributes {
            if a.ty.is_none() {
                a.ty = Some(
                    a.cty()
                        .map_err(|e| Error::Schema(format!("`{path}.{n}`: {e}")))?,
                );
            }
        }
        for (n, b) in &mut self.block_types {
            b.block.resolve_nested_types(&format!("{path}.{n}"))?;
        }
        Ok(())
    }
}

/// An attribute.
#[derive(Debug, Deserialize)]
pub struct AttrSchema {
    /// Its cty type.
    #[serde(rename = "type")]
    pub ty: Option<CtyType>,
    /// A protocol-6 nested attribute type: read as the equivalent object type (its members'
    /// own required/optional flags are not kept: every member is settable).
    #[serde(default)]
    pub nested_type: Option<NestedType>,
    /// Must be set.
    #[serde(default)]
    pub required: bool,
    /// May be set.
    #[serde(default)]
    pub optional: bool,
    /// Set by the provider.
    #[serde(default)]
    pub computed: bool,
    /// Sensitive value.
    #[serde(default)]
    pub sensitive: bool,
    /// Write-only argument.
    #[serde(default)]
    pub write_only: bool,
    /// Deprecated argument.
    #[serde(default)]
    pub deprecated: bool,
    /// The provider's description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A protocol-6 nested attribute type (`nested_type`).
#[derive(Debug, Deserialize)]
pub struct NestedType {
    /// The members.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrSchema>,
    /// `single`, `list`, `set` or `map`.
    pub nesting_mode: NestingMode,
}

impl NestedType {
    /// The equivalent cty type.
    ///
    /// # Errors
    /// When a member has no type.
    pub fn cty(&self) -> Result<CtyType, String> {
        let mut members = BTreeMap::new();
        for (k, a) in &self.attributes {
            members.insert(k.clone(), a.cty().map_err(|e| format!("{k}: {e}"))?);
        }
        let obj = CtyType::Object(members);
        Ok(match self.nesting_mode {
            NestingMode::Single | NestingMode::Group => obj,
            NestingMode::List => CtyType::List(Box::new(obj)),
            NestingMode::Set => CtyType::Set(Box::new(obj)),
            NestingMode::Map => CtyType::Map(Box::new(obj)),
        })
    }
}

impl AttrSchema {
    /// How many levels its type nests (see [`BlockSchema::nesting`]).
    pub fn nesting(&self) -> usize {
        match (&self.nested_type, &self.ty) {
            (Some(n), _) => 1 + n.attributes.values().map(Self::nesting).max().unwrap_or(0),
            (None, Some(t)) => t.nesting(),
            (None, None) => 0,
        }
    }

    /// The attribute's type: `type`, or the object type of its `nested_type`.
    ///
    /// # Errors
    /// When it has neither.
    pub fn cty(&self) -> Result<CtyType, String> {
        match (&self.ty, &self.nested_type) {
            (Some(t), _) => Ok(t.clone()),
            (None, Some(n)) => n.cty(),
            (None, None) => Err("the attribute has neither `type` nor `nested_type`".into()),
        }
    }
}

/// A nested block type.
#[derive(Debug, Deserialize)]
pub struct NestedBlock {
    /// How the blocks nest.
    pub nesting_mode: NestingMode,
    /// The nested block's schema.
    pub block: BlockSchema,
    /// The minimum number of blocks.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// The maximum number of blocks.
    #[serde(default)]
    pub max_items: Option<u64>,
}

/// Terraform's nesting modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NestingMode {
    /// One block, an object.
    Single,
    /// One block that is always present.
    Group,
    /// An ordered list of blocks.
    List,
    /// A set of blocks.
    Set,
    /// Blocks keyed by a label.
    Map,
}

impl NestingMode {
    /// The mode as Terraform writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Group => "group",
            Self::List => "list",
            Self::Set => "set",
            Self::Map => "map",
        }
    }
}

/// A cty type in its JSON form: `"string"`, `["list", T]`, `["object", {...}]`, ...
#[derive(Debug, Clone, PartialEq)]
pub enum CtyType {
    /// `string`
    String,
    /// `number`
    Number,
    /// `bool`
    Bool,
    /// `dynamic`
    Dynamic,
    /// `list(T)`
    List(Box<CtyType>),
    /// `set(T)`
    Set(Box<CtyType>),
    /// `map(T)`
    Map(Box<CtyType>),
    /// `object({...})`, keys sorted
    Object(BTreeMap<String, CtyType>),
    /// `tuple([...])`
    Tuple(Vec<CtyType>),
}

/// A JSON value for a message: at most 80 characters of it.
fn shown(v: &serde_json::Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

impl CtyType {
    fn from_json(v: &serde_json::Value) -> Result<Self, String> {
        use serde_json::Value as J;
        match v {
            J::String(s) => match s.as_str() {
                "string" => Ok(Self::String),
                "number" => Ok(Self::Number),
                "bool" => Ok(Self::Bool),
                "dynamic" => Ok(Self::Dynamic),
                other => Err(format!("unknown primitive type `{other}`")),
            },
            J::Array(a) => {
                let kind = a.first().and_then(J::as_str).unwrap_or_default();
                let arg = a
                    .get(1)
                    .ok_or_else(|| format!("type `{}` lacks its argument", shown(v)))?;
                match (kind, arg) {
                    ("list", t) => Ok(Self::List(Box::new(Self::from_json(t)?))),
                    ("set", t) => Ok(Self::Set(Box::new(Self::from_json(t)?))),
                    ("map", t) => Ok(Self::Map(Box::new(Self::from_json(t)?))),
                    ("object", J::Object(m)) => Ok(Self::Object(
                        m.iter()
                            .map(|(k, t)| Ok((k.clone(), Self::from_json(t)?)))
                            .collect::<Result<_, String>>()?,
                    )),
                    ("tuple", J::Array(ts)) => Ok(Self::Tuple(
                        ts.iter()
                            .map(Self::from_json)
                            .collect::<Result<_, String>>()?,
                    )),
                    _ => Err(format!("unknown type `{}`", shown(v))),
                }
            }
            _ => Err(format!("unknown type `{}`", shown(v))),
        }
    }

    /// The type as Terraform writes it; objects abbreviated to `object`.
    pub fn terraform_name(&self) -> String {
        match self {
            Self::String => "string".into(),
            Self::Number => "number".into(),
            Self::Bool => "bool".into(),
            Self::Dynamic => "any".into(),
            Self::List(t) => format!("list({})", t.terraform_name()),
            Self::Set(t) => format!("set({})", t.terraform_name()),
            Self::Map(t) => format!("map({})", t.terraform_name()),
            Self::Object(_) => "object".into(),
            Self::Tuple(_) => "tuple".into(),
        }
    }

    /// How many levels the type nests: each list, set, map, tuple or object counts one.
    pub fn nesting(&self) -> usize {
        match self {
            Self::List(t) | Self::Set(t) | Self::Map(t) => 1 + t.nesting(),
            Self::Object(m) => 1 + m.values().map(Self::nesting).max().unwrap_or(0),
            Self::Tuple(ts) => 1 + ts.iter().map(Self::nesting).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// True when the type contains `dynamic` anywhere.
    pub fn has_dynamic(&self) -> bool {
        match self {
            Self::Dynamic => true,
            Self::List(t) | Self::Set(t) | Self::Map(t) => t.has_dynamic(),
            Self::Object(m) => m.values().any(Self::has_dynamic),
            Self::Tuple(ts) => ts.iter().any(Self::has_dynamic),
            _ => false,
        }
    }
}

impl<'de> Deserialize<'de> for CtyType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Self::from_json(&v).map_err(serde::de::Error::custom)
    }
}

/// `terraform metadata functions -json`.
#[derive(Debug, Deserialize)]
pub struct FunctionsDoc {
    /// `1.0`
    pub format_version: String,
    /// By name (`abs`, `core::abs`).
    pub function_signatures: BTreeMap<String, FunctionSig>,
}

/// One function's signature.
#[derive(Debug, Deserialize)]
pub struct FunctionSig {
    /// What it does.
    #[serde(default)]
    pub description: Option<String>,
    /// The result type.
    pub return_type: CtyType,
    /// Positional parameters.
    #[serde(default)]
    pub parameters: Vec<FunctionParam>,
    /// The variadic parameter, if any.
    #[serde(default)]
    pub variadic_parameter: Option<FunctionParam>,
}

/// One parameter.
#[derive(Debug, Deserialize)]
pub struct FunctionParam {
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: CtyType,
    /// Accepts null.
    #[serde(default)]
    pub is_nullable: bool,
}

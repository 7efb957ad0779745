//! From a schema block to the types one generated module defines, with their Rust names.
//!
//! Names are allocated breadth first, so top-level blocks and attributes get the plain name of
//! their Terraform name (`default_action` -> `DefaultAction`); a deeper one whose name is taken
//! is prefixed with its parent's (`ForwardTargetGroup`), then numbered.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::names::{ident, type_name, RESERVED_TYPES};
use crate::schema::{BlockSchema, CtyType, NestingMode};
use crate::Error;

/// The Rust type of a Terraform value.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `String`
    String,
    /// `Number`
    Number,
    /// `bool`
    Bool,
    /// `Any` (`dynamic`, and tuples)
    Any,
    /// `List<T>`
    List(Box<Ty>),
    /// `Set<T>`
    Set(Box<Ty>),
    /// `Map<T>`
    Map(Box<Ty>),
    /// A generated object type: index into [`TypeModel::defs`].
    Object(usize),
}

impl Ty {
    /// True when the type contains `Any` (setters then take `impl IntoAny`).
    pub fn has_any(&self) -> bool {
        match self {
            Self::Any => true,
            Self::List(t) | Self::Set(t) | Self::Map(t) => t.has_any(),
            _ => false,
        }
    }
}

/// What a generated struct stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefKind {
    /// The resource, data source or provider itself.
    Root,
    /// A nested block.
    Block,
    /// An object type of an attribute.
    Object,
}

/// How many nested blocks a block field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplicity {
    /// At most one (`single`, `group`, or `max_items = 1`): a JSON object.
    One,
    /// A list or set of blocks: a JSON array.
    Many,
    /// Blocks keyed by a label: a JSON object of objects.
    Map,
}

/// One argument, attribute or nested block of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Terraform name.
    pub name: String,
    /// The Rust identifier.
    pub ident: String,
    /// The provider's description.
    pub description: Option<String>,
    /// What it is.
    pub kind: FieldKind,
    /// The provider marks it sensitive.
    pub sensitive: bool,
    /// The generated enum its setter takes (an `enum` rule on a string argument).
    pub enum_ty: Option<crate::rules::EnumRef>,
}

/// An attribute or a nested block.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// An attribute.
    Attr {
        /// Its Rust type.
        ty: Ty,
        /// Its Terraform type.
        cty: CtyType,
        /// Must be given (a constructor argument).
        required: bool,
        /// May be given (a setter).
        settable: bool,
        /// Set by the provider.
        computed: bool,
        /// Write-only.
        write_only: bool,
    },
    /// A nested block.
    Block {
        /// The block's struct: index into [`TypeModel::defs`].
        def: usize,
        /// How many.
        multiplicity: Multiplicity,
        /// Terraform's nesting mode.
        nesting: NestingMode,
        /// At least one is required (a constructor argument).
        required: bool,
        /// `min_items`
        min_items: Option<u64>,
        /// `max_items`
        max_items: Option<u64>,
    },
}

impl Field {
    /// True when it is a constructor argument.
    pub fn is_required(&self) -> bool {
        match &self.kind {
            FieldKind::Attr { required, .. } | FieldKind::Block { required, .. } => *required,
        }
    }
}

/// One generated struct.
#[derive(Debug, Clone)]
pub struct Def {
    /// Its Rust name.
    pub name: String,
    /// The name of its attribute-accessor struct.
    pub attrs_name: String,
    /// The name of its required-arguments struct, when it has more than four.
    pub args_name: Option<String>,
    /// What it stands for.
    pub kind: DefKind,
    /// The Terraform path (`aws_lb_listener.default_action`).
    pub path: String,
    /// Its fields, sorted by Terraform name.
    pub fields: Vec<Field>,
}

/// The types one resource, data source or provider defines. `defs[0]` is the root.
#[derive(Debug, Clone)]
pub struct TypeModel {
    /// The Terraform type name (`aws_vpc`), or the provider's local name.
    pub type_name: String,
    /// The structs.
    pub defs: Vec<Def>,
    /// Its rule table, the Rust expression of a `tfsynth::provider_rules::TypeRules`.
    pub rules: Option<String>,
}

/// Where a block's maximum is known to be one although the schema does not say so.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Paths (`provider.default_tags`, `tls_self_signed_cert.subject`) of blocks to treat as
    /// `max_items = 1`.
    pub max_one: BTreeSet<String>,
}

/// Required arguments above this count go into an `Args` struct, so that two required
/// arguments are always named at the call site (`Route53RecordArgs { name, type_, zone_id }`)
/// and cannot be swapped.
pub const MAX_POSITIONAL: usize = 1;

/// Names of the meta-argument setters every resource and data source has (`MetaArgs`): a
/// top-level argument with one of them gets a trailing underscore, so the setter does not
/// shadow the meta-argument.
pub const META_SETTERS: &[&str] = &[
    "count",
    "create_before_destroy",
    "depends_on",
    "for_each",
    "ignore_all_changes",
    "ignore_changes",
    "lifecycle",
    "postcondition",
    "precondition",
    "prevent_destroy",
    "provider",
    "replace_triggered_by",
];

enum Source<'a> {
    Block(&'a BlockSchema),
    Object(&'a BTreeMap<String, CtyType>),
}

struct Builder<'a> {
    defs: Vec<Def>,
    used: BTreeSet<String>,
    queue: VecDeque<(usize, Source<'a>)>,
    overrides: &'a Overrides,
    /// Resources do not take `id` (optional and computed in SDKv2 schemas, never meant to be set).
    skip_id_setter: bool,
}

impl<'a> Builder<'a> {
    fn taken(&self, name: &str, with_args: bool) -> bool {
        let args = format!("{name}Args");
        self.used.contains(name)
            || self.used.contains(&format!("{name}Attrs"))
            || (with_args && self.used.contains(&args))
    }

    fn alloc(
        &mut self,
        wanted: &str,
        parent: usize,
        kind: DefKind,
        path: String,
        nreq: usize,
    ) -> usize {
        let with_args = nreq > MAX_POSITIONAL;
        let base = type_name(wanted);
        let mut name = base.clone();
        if self.taken(&name, with_args) {
            let parent_name = &self.defs[parent].name;
            let prefixed = format!("{parent_name}{base}");
            name = prefixed.clone();
            let mut n = 2;
            while self.taken(&name, with_args) {
                name = format!("{prefixed}{n}");
                n += 1;
            }
        }
        self.used.insert(name.clone());
        self.used.insert(format!("{name}Attrs"));
        let args_name = with_args.then(|| format!("{name}Args"));
        if let Some(a) = &args_name {
            self.used.insert(a.clone());
        }
        self.defs.push(Def {
            attrs_name: format!("{name}Attrs"),
            name,
            args_name,
            kind,
            path,
            fields: Vec::new(),
        });
        self.defs.len() - 1
    }

    fn ty(&mut self, cty: &'a CtyType, name: &str, parent: usize, path: &str) -> Ty {
        match cty {
            CtyType::String => Ty::String,
            CtyType::Number => Ty::Number,
            CtyType::Bool => Ty::Bool,
            CtyType::Dynamic | CtyType::Tuple(_) => Ty::Any,
            CtyType::List(t) => Ty::List(Box::new(self.ty(t, name, parent, path))),
            CtyType::Set(t) => Ty::Set(Box::new(self.ty(t, name, parent, path))),
            CtyType::Map(t) => Ty::Map(Box::new(self.ty(t, name, parent, path))),
            CtyType::Object(keys) => {
                let idx = self.alloc(name, parent, DefKind::Object, path.to_owned(), 0);
                self.queue.push_back((idx, Source::Object(keys)));
                Ty::Object(idx)
            }
        }
    }

    fn fill(&mut self, idx: usize, src: Source<'a>) -> Result<(), Error> {
        let path = self.defs[idx].path.clone();
        let is_root = self.defs[idx].kind == DefKind::Root;
        let mut fields = Vec::new();
        match src {
            Source::Object(keys) => {
                for (k, cty) in keys {
                    let ty = self.ty(cty, k, idx, &format!("{path}.{k}"));
                    fields.push(Field {
                        name: k.clone(),
                        ident: ident(k),
                        description: None,
                        sensitive: false,
                        enum_ty: None,
                        kind: FieldKind::Attr {
                            ty,
                            cty: cty.clone(),
                            required: false,
                            settable: true,
                            computed: false,
                            write_only: false,
                        },
                    });
                }
            }
            Source::Block(block) => {
                let mut names: Vec<&String> = block
                    .attributes
                    .keys()
                    .chain(block.block_types.keys())
                    .collect();
                names.sort();
                for n in names {
                    let fpath = format!("{path}.{n}");
                    if let Some(a) = block.attributes.get(n) {
                        if block.block_types.contains_key(n) {
                            return Err(Error::Schema(format!(
                                "`{fpath}` is both an attribute and a block"
                            )));
                        }
                        let Some(cty) = &a.ty else {
                            return Err(Error::Schema(format!(
                                "`{fpath}` has neither `type` nor `nested_type`"
                            )));
                        };
                        let ty = self.ty(cty, n, idx, &fpath);
                        let settable = (a.required || a.optional)
                            && !(is_root && self.skip_id_setter && n == "id" && !a.required);
                        fields.push(Field {
                            name: n.clone(),
                            ident: field_ident(n, is_root),
                            description: a.description.clone(),
                            sensitive: a.sensitive,
                            enum_ty: None,
                            kind: FieldKind::Attr {
                                ty,
                                cty: cty.clone(),
                                required: a.required,
                                settable,
                                computed: a.computed,
                                write_only: a.write_only,
                            },
                        });
                    } else if let Some(b) = block.block_types.get(n) {
                        let max_one = self.overrides.max_one.contains(&fpath);
                        let max_items = if max_one { Some(1) } else { b.max_items };
                        let multiplicity = match b.nesting_mode {
                            NestingMode::Single | NestingMode::Group => Multiplicity::One,
                            NestingMode::Map => Multiplicity::Map,
                            NestingMode::List | NestingMode::Set if max_items == Some(1) => {
                                Multiplicity::One
                            }
                            NestingMode::List | NestingMode::Set => Multiplicity::Many,
                        };
                        let required =
                            b.min_items.unwrap_or(0) >= 1 && multiplicity != Multiplicity::Map;
                        let nreq = count_required(&b.block);
                        let def = self.alloc(n, idx, DefKind::Block, fpath, nreq);
                        self.queue.push_back((def, Source::Block(&b.block)));
                        fields.push(Field {
                            name: n.clone(),
                            ident: field_ident(n, is_root),
                            description: b.block.description.clone(),
                            sensitive: false,
                            enum_ty: None,
                            kind: FieldKind::Block {
                                def,
                                multiplicity,
                                nesting: b.nesting_mode,
                                required,
                                min_items: b.min_items,
                                max_items,
                            },
                        });
                    }
                }
            }
        }
        self.defs[idx].fields = fields;
        Ok(())
    }
}

/// The Rust identifier of a field: see [`ident`]; at the top level, a name that is a
/// meta-argument setter gets a trailing underscore too.
fn field_ident(name: &str, is_root: bool) -> String {
    let id = ident(name);
    if is_root && META_SETTERS.contains(&id.as_str()) {
        format!("{id}_")
    } else {
        id
    }
}

/// The number of constructor arguments of a block.
pub fn count_required(block: &BlockSchema) -> usize {
    block.attributes.values().filter(|a| a.required).count()
        + block
            .block_types
            .values()
            .filter(|b| b.min_items.unwrap_or(0) >= 1 && b.nesting_mode != NestingMode::Map)
            .count()
}

/// Builds the model of one resource, data source or provider.
///
/// `root_name` is the root struct's Rust name; `path` prefixes override paths (`aws_vpc`,
/// `provider`); `is_resource` drops the setter of SDKv2's optional `id`.
///
/// # Errors
/// When the schema has something the generator cannot represent.
pub fn build(
    type_name: &str,
    root_name: &str,
    path: &str,
    block: &BlockSchema,
    overrides: &Overrides,
    is_resource: bool,
) -> Result<TypeModel, Error> {
    let mut b = Builder {
        defs: Vec::new(),
        used: RESERVED_TYPES.iter().map(|s| (*s).to_owned()).collect(),
        queue: VecDeque::new(),
        overrides,
        skip_id_setter: is_resource,
    };
    if b.taken(root_name, true) {
        return Err(Error::Collision(format!(
            "`{type_name}`: its struct name `{root_name}` is reserved by the generated code"
        )));
    }
    let nreq = count_required(block);
    b.used.insert(root_name.to_owned());
    b.used.insert(format!("{root_name}Attrs"));
    let args_name = (nreq > MAX_POSITIONAL).then(|| format!("{root_name}Args"));
    if let Some(a) = &args_name {
        b.used.insert(a.clone());
    }
    b.defs.push(Def {
        name: root_name.to_owned(),
        attrs_name: format!("{root_name}Attrs"),
        args_name,
        kind: DefKind::Root,
        path: path.to_owned(),
        fields: Vec::new(),
    });
    b.queue.push_back((0, Source::Block(block)));
    while let Some((idx, src)) = b.queue.pop_front() {
        b.fill(idx, src)?;
    }
    Ok(TypeModel {
        type_name: type_name.to_owned(),
        defs: b.defs,
        rules: None,
    })
}

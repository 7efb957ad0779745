//! The name under which a nested struct is reached where a setter takes it: always one named
//! after the block (or object attribute) itself, never after another block whose shape happens
//! to be identical.
//!
//! - In a type's file, every nested block has its local name from the type's model (allocated
//!   breadth first: `principals` -> `Principals`, a taken name prefixed with the parent's,
//!   then numbered; see [`crate::model`]). Where the struct is named after another block
//!   (`NotPrincipals`, `crate::common::Output`), the file gets `pub type Principals =
//!   NotPrincipals;` (and `...Args`, `...Attrs`), and its setters take `Principals`. A struct
//!   of a `shared` or `common` module named after the block itself (`TargetGroup` for a
//!   `target_group` whose local name is `ForwardTargetGroup`) is taken by its path and
//!   re-exported under the local name, as identical blocks of one name always were.
//! - In a `shared` or `common` module, a struct's field whose struct is not named after it gets
//!   an alias in that module: the field's own name if free there (`Attribute`), else prefixed
//!   with the name of the struct that has the field (`TableAttribute`), else that numbered
//!   (`TableAttribute2`). Names are tried in the order the module's structs are written, so
//!   the result depends only on the schema.

use std::collections::{BTreeMap, BTreeSet};

use super::share::{Canon, Loc};
use super::Item;
use crate::model::Def;
use crate::names::{type_name, RESERVED_TYPES};

/// The Terraform name of the block or attribute a nested def stands for (its path's last part).
pub(super) fn block_name(def: &Def) -> &str {
    def.path.rsplit('.').next().unwrap_or(&def.path)
}

/// True when `name` is named after the block `block` of the struct `parent`: the block's type
/// name, or the parent's name followed by it, either optionally numbered.
pub(super) fn named_after(name: &str, block: &str, parent: &str) -> bool {
    let base = type_name(block);
    [base.clone(), format!("{parent}{base}")].iter().any(|x| {
        name.strip_prefix(x.as_str())
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
    })
}

/// An alias in a `shared` or `common` module.
#[derive(Debug)]
pub(super) struct SharedAlias {
    /// The alias's name.
    pub(super) name: String,
    /// The struct it names.
    pub(super) target: usize,
    /// The field's Terraform name.
    pub(super) block: String,
    /// The structs of the module with that field (their names).
    pub(super) parents: Vec<String>,
    /// With an `Args` alias.
    pub(super) with_args: bool,
}

/// The aliases of the `shared` and `common` modules.
#[derive(Debug, Default)]
pub(super) struct SharedAliases {
    /// Per module (a service's `shared`, or `common`: the empty string), its aliases in the
    /// order they were named.
    pub(super) by_module: BTreeMap<String, Vec<SharedAlias>>,
    /// (struct, index of the field's def in its representative's model) -> alias name.
    pub(super) of_field: BTreeMap<(usize, usize), String>,
}

fn module_key(loc: &Loc) -> Option<String> {
    match loc {
        Loc::Service(s) => Some(s.clone()),
        Loc::Common => Some(String::new()),
        Loc::File(_) => None,
    }
}

/// Names the aliases of the shared modules: for each struct defined in one (in the order
/// written), each field whose struct is not named after it.
pub(super) fn shared_aliases(items: &[Item], canon: &[Canon], ids: &[Vec<usize>]) -> SharedAliases {
    // The names each module defines.
    let mut taken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (g, c) in canon.iter().enumerate() {
        let Some(m) = module_key(&c.loc) else {
            continue;
        };
        order.push(g);
        let t = taken
            .entry(m)
            .or_insert_with(|| RESERVED_TYPES.iter().map(|s| (*s).to_owned()).collect());
        t.insert(c.names.name.clone());
        t.insert(c.names.attrs.clone());
        t.extend(c.names.args.clone());
    }
    order.sort_by_key(|g| (module_key(&canon[*g].loc), canon[*g].rep));
    let mut out = SharedAliases::default();
    for g in order {
        let c = &canon[g];
        let Some(m) = module_key(&c.loc) else {
            continue;
        };
        let (ri, rx) = c.rep;
        let model = &items[ri].model;
        for f in &model.defs[rx].fields {
            for child in field_defs(f) {
                let target = ids[ri][child];
                let tc = &canon[target];
                let block = block_name(&model.defs[child]);
                if named_after(&tc.names.name, block, &c.names.name) {
                    continue;
                }
                let list = out.by_module.entry(m.clone()).or_default();
                let t = taken.entry(m.clone()).or_default();
                let name = alias_name(list, t, tc, target, block, &c.names.name);
                out.of_field.insert((g, child), name);
            }
        }
    }
    out
}

/// The first free name for field `block` of struct `parent` naming `target`, or the alias that
/// already has that name and target (with `parent` added to its users).
fn alias_name(
    list: &mut Vec<SharedAlias>,
    taken: &mut BTreeSet<String>,
    tc: &Canon,
    target: usize,
    block: &str,
    parent: &str,
) -> String {
    let with_args = tc.names.args.is_some();
    let base = type_name(block);
    let prefixed = format!("{parent}{base}");
    let mut n = 0;
    loop {
        let cand = match n {
            0 => base.clone(),
            1 => prefixed.clone(),
            _ => format!("{prefixed}{n}"),
        };
        n += 1;
        if let Some(a) = list.iter_mut().find(|a| a.name == cand) {
            if a.target == target {
                if !a.parents.iter().any(|p| p == parent) {
                    a.parents.push(parent.to_owned());
                }
                return cand;
            }
            continue;
        }
        let attrs = format!("{cand}Attrs");
        let args = format!("{cand}Args");
        if taken.contains(&cand) || taken.contains(&attrs) || (with_args && taken.contains(&args)) {
            continue;
        }
        taken.insert(cand.clone());
        taken.insert(attrs);
        if with_args {
            taken.insert(args);
        }
        list.push(SharedAlias {
            name: cand.clone(),
            target,
            block: block.to_owned(),
            parents: vec![parent.to_owned()],
            with_args,
        });
        return cand;
    }
}

/// The nested defs a field refers to (a block's struct, the object types in an attribute's
/// type).
pub(super) fn field_defs(f: &crate::model::Field) -> Vec<usize> {
    use crate::model::{FieldKind, Ty};
    fn objects(ty: &Ty, out: &mut Vec<usize>) {
        match ty {
            Ty::Object(i) => out.push(*i),
            Ty::List(t) | Ty::Set(t) | Ty::Map(t) => objects(t, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match &f.kind {
        FieldKind::Block { def, .. } => out.push(*def),
        FieldKind::Attr { ty, .. } => objects(ty, &mut out),
    }
    out
}

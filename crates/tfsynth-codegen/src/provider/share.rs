//! Identical nested structs across types: each distinct one is defined once, in the file of
//! its type (one user), its service's `shared` module (one service) or `common` (several), and
//! named (most used first, so the commonest shape gets the plain name).

use std::collections::{BTreeMap, BTreeSet};

use super::Item;
use crate::emit::DefNames;
use crate::model::{Def, FieldKind, Ty};
use crate::names::RESERVED_TYPES;

/// Where a shared nested struct is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Loc {
    /// In the file of one resource or data source (index into the items).
    File(usize),
    /// In the `shared` module of one service.
    Service(String),
    /// In the crate's `common` module (used by several services).
    Common,
}

/// From where a path is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ctx {
    File(usize),
    Service(String),
    Common,
    /// Outside the crate, with the crate's name.
    External(String),
}

/// One distinct nested struct.
#[derive(Debug)]
pub(super) struct Canon {
    /// Its first occurrence: (item, def index).
    pub(super) rep: (usize, usize),
    pub(super) users: BTreeSet<usize>,
    pub(super) paths: Vec<String>,
    pub(super) loc: Loc,
    pub(super) names: DefNames,
}

fn ty_key(ty: &Ty, ids: &[usize]) -> String {
    match ty {
        Ty::String => "s".into(),
        Ty::Number => "n".into(),
        Ty::Bool => "b".into(),
        Ty::Any => "a".into(),
        Ty::List(t) => format!("l({})", ty_key(t, ids)),
        Ty::Set(t) => format!("t({})", ty_key(t, ids)),
        Ty::Map(t) => format!("m({})", ty_key(t, ids)),
        Ty::Object(i) => format!("o{}", ids[*i]),
    }
}

/// What makes two nested structs the same: kind, fields (names, docs, types, flags) and, for
/// nested structs, their identities (`ids`, already computed since children come after parents).
fn def_key(def: &Def, ids: &[usize]) -> String {
    let mut k = format!("{:?}", def.kind);
    for f in &def.fields {
        k.push('\u{1e}');
        k.push_str(&f.name);
        k.push('\u{1f}');
        k.push_str(f.description.as_deref().unwrap_or(""));
        k.push('\u{1f}');
        // The enum a setter takes is defined in one service: a struct with one is shared
        // within that service only.
        if let Some(e) = &f.enum_ty {
            k.push_str(&e.value_ty());
        }
        if f.sensitive {
            k.push('S');
        }
        if let Some(d) = &f.deprecated {
            k.push('D');
            k.push_str(d);
        }
        k.push('\u{1f}');
        match &f.kind {
            FieldKind::Attr {
                ty,
                cty,
                required,
                settable,
                computed,
                write_only,
            } => k.push_str(&format!(
                "A{}{}{}{}{}{}",
                ty_key(ty, ids),
                cty.terraform_name(),
                u8::from(*required),
                u8::from(*settable),
                u8::from(*computed),
                u8::from(*write_only)
            )),
            FieldKind::Block {
                def,
                multiplicity,
                nesting,
                required,
                min_items,
                max_items,
            } => k.push_str(&format!(
                "B{}{multiplicity:?}{}{}{min_items:?}{max_items:?}",
                ids[*def],
                nesting.as_str(),
                u8::from(*required)
            )),
        }
    }
    k
}

/// Finds the identical nested structs of all items and decides where each is defined and
/// its name. Returns the distinct structs and, per item, the identity of each def (the root:
/// `usize::MAX`).
pub(super) fn share(items: &[Item]) -> (Vec<Canon>, Vec<Vec<usize>>) {
    let mut intern: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut canon: Vec<Canon> = Vec::new();
    let mut all_ids = Vec::with_capacity(items.len());
    for it in items {
        let defs = &it.model.defs;
        let mut ids = vec![usize::MAX; defs.len()];
        for idx in (1..defs.len()).rev() {
            let key = def_key(&defs[idx], &ids);
            let next = canon.len();
            let gid = *intern.entry(key).or_insert(next);
            if gid == next {
                canon.push(Canon {
                    rep: (usize::MAX, usize::MAX),
                    users: BTreeSet::new(),
                    paths: Vec::new(),
                    loc: Loc::Common,
                    names: DefNames {
                        name: String::new(),
                        attrs: String::new(),
                        args: None,
                    },
                });
            }
            ids[idx] = gid;
        }
        all_ids.push(ids);
    }
    // First occurrences in item order, then breadth first.
    for (ii, it) in items.iter().enumerate() {
        for idx in 1..it.model.defs.len() {
            let c = &mut canon[all_ids[ii][idx]];
            if c.rep.0 == usize::MAX {
                c.rep = (ii, idx);
            }
            c.users.insert(ii);
            c.paths.push(it.model.defs[idx].path.clone());
        }
    }
    // Names are handed out most used first, so the commonest shape of a block gets the plain
    // name (`Filter`) and rarer ones the prefixed one (`DbInstancesFilter`).
    let mut order: Vec<usize> = (0..canon.len()).collect();
    order.sort_by_key(|g| (std::cmp::Reverse(canon[*g].paths.len()), canon[*g].rep));
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for g in order {
        let (ri, rx) = canon[g].rep;
        let services: BTreeSet<&str> = canon[g]
            .users
            .iter()
            .map(|u| items[*u].service.as_str())
            .collect();
        let loc = if canon[g].users.len() == 1 {
            Loc::File(ri)
        } else if services.len() == 1 {
            Loc::Service(items[ri].service.clone())
        } else {
            Loc::Common
        };
        let def = &items[ri].model.defs[rx];
        let names = match &loc {
            Loc::File(_) => DefNames {
                name: def.name.clone(),
                attrs: def.attrs_name.clone(),
                args: def.args_name.clone(),
            },
            Loc::Service(_) | Loc::Common => {
                let module = match &loc {
                    Loc::Service(s) => s.clone(),
                    _ => String::new(),
                };
                let taken = used
                    .entry(module)
                    .or_insert_with(|| RESERVED_TYPES.iter().map(|s| (*s).to_owned()).collect());
                let with_args = def.args_name.is_some();
                let free = |n: &str, taken: &BTreeSet<String>| {
                    !(taken.contains(n)
                        || taken.contains(&format!("{n}Attrs"))
                        || (with_args && taken.contains(&format!("{n}Args"))))
                };
                let root = &items[ri].model.defs[0].name;
                let mut name = def.name.clone();
                if !free(&name, taken) {
                    let base = format!("{root}{}", def.name);
                    name = base.clone();
                    let mut n = 2;
                    while !free(&name, taken) {
                        name = format!("{base}{n}");
                        n += 1;
                    }
                }
                taken.insert(name.clone());
                taken.insert(format!("{name}Attrs"));
                let args = with_args.then(|| format!("{name}Args"));
                if let Some(a) = &args {
                    taken.insert(a.clone());
                }
                DefNames {
                    attrs: format!("{name}Attrs"),
                    name,
                    args,
                }
            }
        };
        canon[g].loc = loc;
        canon[g].names = names;
    }
    (canon, all_ids)
}

/// The module path of an item below the crate root: `ec2::vpc`, `ec2::data::ami`.
pub(super) fn item_module(it: &Item) -> String {
    if it.is_data {
        format!("{}::data::{}", it.service, it.module)
    } else {
        format!("{}::{}", it.service, it.module)
    }
}

/// The Rust path of a distinct nested struct as written from `ctx`.
pub(super) fn path(canon: &[Canon], items: &[Item], ctx: &Ctx, gid: usize) -> String {
    let c = &canon[gid];
    let n = &c.names.name;
    match (&c.loc, ctx) {
        (Loc::File(i), Ctx::File(j)) if i == j => n.clone(),
        (Loc::Service(s), Ctx::Service(t)) if s == t => n.clone(),
        (Loc::Common, Ctx::Common) => n.clone(),
        (Loc::File(i), Ctx::External(k)) => format!("{k}::{}::{n}", item_module(&items[*i])),
        (Loc::Service(s), Ctx::External(k)) => format!("{k}::{s}::shared::{n}"),
        (Loc::Common, Ctx::External(k)) => format!("{k}::common::{n}"),
        (Loc::File(i), _) => format!("crate::{}::{n}", item_module(&items[*i])),
        (Loc::Service(s), _) => format!("crate::{s}::shared::{n}"),
        (Loc::Common, _) => format!("crate::common::{n}"),
    }
}

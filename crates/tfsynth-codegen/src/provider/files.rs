//! The files of the types: the provider configuration, one file per resource or data source
//! (its struct, the nested structs only it uses, and the names of the shared ones it uses), and
//! the `shared` and `common` modules of nested structs several types use.

use std::collections::BTreeMap;

use super::aliases::{block_name, named_after, SharedAliases};
use super::share::{path, Canon, Ctx, Loc};
use super::{def_names, Item, ProviderSpec};
use crate::emit::{doc, emit_alias, emit_def, imports, AliasEmit, DefEmit, DefNames, RootKind};
use crate::model::{build, Def, DefKind};
use crate::schema::ProviderSchema;
use crate::{Error, GenFile};

pub(crate) fn file(spec: &ProviderSpec, path: String, doc_text: &str, body: &str) -> GenFile {
    let mut f = file_without_imports(spec, path, doc_text, "");
    let uses = imports(body);
    if !uses.is_empty() {
        f.contents.push_str(&uses);
        f.contents.push('\n');
    }
    f.contents.push_str(body);
    f
}

/// A generated file whose body names what it uses by path (the `enums` modules, whose
/// variants may be named like core items: `Map`, `Value`).
pub(crate) fn file_without_imports(
    spec: &ProviderSpec,
    path: String,
    doc_text: &str,
    body: &str,
) -> GenFile {
    let mut s = spec.header();
    doc_inner(&mut s, doc_text);
    // Builders have `new()` without arguments and no `Default`: deriving it for thousands of
    // types costs build time and buys nothing over `new()`.
    // An argument named `add`, `neg`... gets a setter of that name: clippy would want it to be
    // the operator trait's method.
    s.push_str("#![allow(clippy::new_without_default, clippy::should_implement_trait)]\n");
    s.push('\n');
    s.push_str(body);
    GenFile { path, contents: s }
}

fn doc_inner(out: &mut String, text: &str) {
    let mut tmp = String::new();
    doc(&mut tmp, "", text);
    for l in tmp.lines() {
        out.push_str(&l.replacen("///", "//!", 1));
        out.push('\n');
    }
}

/// The first paragraph of a struct's docs.
pub(super) fn heading(kind: DefKind, root: &RootKind, type_name: &str, paths: &[String]) -> String {
    let list = |paths: &[String]| -> String {
        let shown: Vec<String> = paths.iter().take(3).map(|p| format!("`{p}`")).collect();
        let mut s = shown.join(", ");
        if paths.len() > 3 {
            s.push_str(&format!(" and {} more", paths.len() - 3));
        }
        s
    };
    match kind {
        DefKind::Root => match root {
            RootKind::Resource => format!("The `{type_name}` resource."),
            RootKind::Data => format!("The `{type_name}` data source."),
            RootKind::Provider { .. } => format!("The `{type_name}` provider configuration."),
        },
        DefKind::Block if paths.len() <= 1 => {
            format!(
                "The `{}` block.",
                paths.first().map_or(type_name, String::as_str)
            )
        }
        DefKind::Block => {
            let last = |p: &String| p.rsplit('.').next().unwrap_or(p).to_owned();
            let name = last(&paths[0]);
            if paths.iter().all(|p| last(p) == name) {
                format!(
                    "The `{name}` block of {} (one struct: they are identical).",
                    list(paths)
                )
            } else {
                // Blocks of different names: the struct is named after one of them, but
                // stands for all (each is reached under its own name, an alias).
                format!("A block shape shared by: {}.", list(paths))
            }
        }
        DefKind::Object => format!(
            "An object of {}: as a value every key is written, unset ones as `null`.",
            list(paths)
        ),
    }
}

/// The provider configuration's file (its nested blocks are its own), and the structs in it.
pub(super) fn provider_file(
    schema: &ProviderSchema,
    spec: &ProviderSpec,
) -> Result<(GenFile, usize), Error> {
    let pmodel = build(
        &spec.local_name,
        &spec.provider_struct(),
        "provider",
        &schema.provider.block,
        &spec.overrides,
        false,
    )?;
    let pkind = RootKind::Provider {
        source: spec.source.clone(),
        constraint: spec.constraint.clone(),
    };
    let mut body = String::new();
    let ppath = |i: usize| pmodel.defs[i].name.clone();
    for (idx, def) in pmodel.defs.iter().enumerate() {
        emit_def(
            &mut body,
            &DefEmit {
                model: &pmodel,
                idx,
                names: def_names(def),
                path_of: &ppath,
                root: &pkind,
                heading: heading(
                    def.kind,
                    &pkind,
                    &spec.local_name,
                    std::slice::from_ref(&def.path),
                ),
                feature: None,
                example: None,
            },
        )?;
    }
    let f = file(
        spec,
        "provider.rs".into(),
        &format!(
            "The `{}` provider configuration: [`{}`] and its nested blocks.",
            spec.local_name,
            spec.provider_struct()
        ),
        &body,
    );
    Ok((f, pmodel.defs.len()))
}

fn root_kind(it: &Item) -> RootKind {
    if it.is_data {
        RootKind::Data
    } else {
        RootKind::Resource
    }
}

/// The file of item `ii`: its struct, the nested structs only it uses, and the names of the
/// others it uses. Returns it, the number of structs and the number of aliases in it.
pub(super) fn type_file(
    spec: &ProviderSpec,
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
    ii: usize,
    example: &str,
) -> Result<(GenFile, usize, usize), Error> {
    // The types of a part crate are used through the facade, which the part cannot compile.
    let ignored = (spec.parts > 1).then_some(
        "Not a doctest (this crate is a part of the facade crate the example uses): the \
         facade's `tests/doc_examples.rs` compiles the examples of a sample of types.",
    );
    let it = &items[ii];
    let ctx = Ctx::File(ii);
    // A nested struct is written under its local name (an alias where the struct is named
    // otherwise), else by its path.
    let path_of = |i: usize| {
        if i > 0 && !by_path(&canon[ids[ii][i]], &it.model.defs[i]) {
            it.model.defs[i].name.clone()
        } else {
            path(canon, items, &ctx, ids[ii][i])
        }
    };
    let kind = root_kind(it);
    let mut body = String::new();
    let def = &it.model.defs[0];
    emit_def(
        &mut body,
        &DefEmit {
            model: &it.model,
            idx: 0,
            names: def_names(def),
            path_of: &path_of,
            root: &kind,
            heading: match &it.model.doc {
                Some(more) => format!(
                    "{}\n\n{more}",
                    heading(DefKind::Root, &kind, &it.type_name, &[])
                ),
                None => heading(DefKind::Root, &kind, &it.type_name, &[]),
            },
            feature: Some(&it.service),
            example: Some((example, ignored)),
        },
    )?;
    let mut structs = 1;
    for idx in 1..it.model.defs.len() {
        let c = &canon[ids[ii][idx]];
        if c.loc == Loc::File(ii) && c.rep == (ii, idx) {
            emit_def(
                &mut body,
                &DefEmit {
                    model: &it.model,
                    idx,
                    names: c.names.clone(),
                    path_of: &path_of,
                    root: &kind,
                    heading: heading(it.model.defs[idx].kind, &kind, "", &c.paths),
                    feature: Some(&it.service),
                    example: None,
                },
            )?;
            structs += 1;
        }
    }
    let aliases = local_names(&mut body, items, canon, ids, ii, &path_of);
    let dir = if it.is_data {
        format!("{}/data", it.service)
    } else {
        it.service.clone()
    };
    let what = if it.is_data {
        "data source"
    } else {
        "resource"
    };
    let f = file(
        spec,
        format!("{dir}/{}.rs", it.module),
        &format!(
            "The `{}` {what}: [`{}`], its attributes and nested types.",
            it.type_name, def.name
        ),
        &body,
    );
    Ok((f, structs, aliases))
}

/// True when a nested def of a type is written by the path of its struct `c`: the struct has
/// the def's local name, or it is defined in a `shared` or `common` module and named after the
/// block all the same (`TargetGroup` for a `target_group` whose local name is
/// `ForwardTargetGroup`). Otherwise the def is written by its local name, an alias.
fn by_path(c: &Canon, local: &Def) -> bool {
    c.names.name == local.name
        || (!matches!(c.loc, Loc::File(_)) && named_after(&c.names.name, block_name(local), ""))
}

/// Every nested block and object of item `ii` by its local name (`iam_policy_document::
/// Principals`), where it is not the struct itself: a shared struct named after the block is
/// re-exported (`pub use crate::common::{Filter, FilterAttrs};`, `pub use
/// crate::elbv2::shared::{TargetGroup as ForwardTargetGroup, ...}`: listed, not documented
/// again in every module that uses it); a struct named after another block gets aliases with
/// docs of their own (`pub type Principals = NotPrincipals;`). Returns the number of aliases.
fn local_names(
    body: &mut String,
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
    ii: usize,
    path_of: &dyn Fn(usize) -> String,
) -> usize {
    let it = &items[ii];
    let ctx = Ctx::File(ii);
    let kind = root_kind(it);
    let mut aliases = 0;
    for (idx, (local, &g)) in it.model.defs.iter().zip(&ids[ii]).enumerate().skip(1) {
        let c = &canon[g];
        let full = path(canon, items, &ctx, g);
        let prefix = full.rsplit_once("::").map(|(p, _)| format!("{p}::"));
        if !by_path(c, local) {
            let p = prefix.as_deref().unwrap_or("");
            emit_alias(
                body,
                &AliasEmit {
                    def: &DefEmit {
                        model: &it.model,
                        idx,
                        names: def_names(local),
                        path_of,
                        root: &kind,
                        heading: heading(local.kind, &kind, "", std::slice::from_ref(&local.path)),
                        feature: Some(&it.service),
                        example: None,
                    },
                    target: DefNames {
                        name: format!("{p}{}", c.names.name),
                        attrs: format!("{p}{}", c.names.attrs),
                        args: c.names.args.as_ref().map(|a| format!("{p}{a}")),
                    },
                },
            );
            aliases += 1;
        } else if let Some(prefix) = prefix.filter(|_| !matches!(c.loc, Loc::File(_))) {
            let mut parts = vec![
                (&c.names.name, &local.name),
                (&c.names.attrs, &local.attrs_name),
            ];
            if let (Some(a), Some(b)) = (&c.names.args, &local.args_name) {
                parts.push((a, b));
            }
            let list: Vec<String> = parts
                .iter()
                .map(|(a, b)| {
                    if a == b {
                        (*a).clone()
                    } else {
                        format!("{a} as {b}")
                    }
                })
                .collect();
            body.push_str(&format!(
                "#[doc(no_inline)]\npub use {prefix}{{{}}};\n",
                list.join(", ")
            ));
        }
    }
    aliases
}

/// The `shared` module bodies of the services and the `common` file.
pub(super) struct SharedModules {
    /// `common.rs`, when several services share nested structs.
    pub(super) common: Option<GenFile>,
    /// Per service, the body of its `shared` module (when several of its types share some).
    pub(super) services: BTreeMap<String, String>,
    /// Structs in them.
    pub(super) structs: usize,
    /// Aliases in them.
    pub(super) aliases: usize,
}

/// Emits the nested structs defined in the services' `shared` modules and in `common`.
pub(super) fn shared_modules(
    spec: &ProviderSpec,
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
) -> Result<SharedModules, Error> {
    let mut shared_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut common = Vec::new();
    for (g, c) in canon.iter().enumerate() {
        match &c.loc {
            Loc::Service(s) => shared_of.entry(s.clone()).or_default().push(g),
            Loc::Common => common.push(g),
            Loc::File(_) => {}
        }
    }
    let aliases = super::aliases::shared_aliases(items, canon, ids);
    let mut out = SharedModules {
        common: None,
        services: BTreeMap::new(),
        structs: 0,
        aliases: aliases.by_module.values().map(Vec::len).sum(),
    };
    if !common.is_empty() {
        let body = shared_body(items, canon, ids, &aliases, &Ctx::Common, &mut common, None)?;
        out.structs += common.len();
        out.common = Some(file(
            spec,
            "common.rs".into(),
            "Nested blocks and objects that types of several services share (always compiled).",
            &body,
        ));
    }
    for (svc, gids) in &mut shared_of {
        let body = shared_body(
            items,
            canon,
            ids,
            &aliases,
            &Ctx::Service(svc.clone()),
            gids,
            Some(svc),
        )?;
        out.structs += gids.len();
        out.services.insert(svc.clone(), body);
    }
    Ok(out)
}

/// The structs `gids` (sorted here by first occurrence), as written from `ctx`, then the
/// module's aliases.
fn shared_body(
    items: &[Item],
    canon: &[Canon],
    ids: &[Vec<usize>],
    aliases: &SharedAliases,
    ctx: &Ctx,
    gids: &mut [usize],
    feature: Option<&str>,
) -> Result<String, Error> {
    gids.sort_by_key(|g| canon[*g].rep);
    let mut body = String::new();
    for g in gids.iter() {
        let c = &canon[*g];
        let (ri, rx) = c.rep;
        let it = &items[ri];
        let path_of = |i: usize| match aliases.of_field.get(&(*g, i)) {
            Some(alias) => alias.clone(),
            None => path(canon, items, ctx, ids[ri][i]),
        };
        let kind = root_kind(it);
        emit_def(
            &mut body,
            &DefEmit {
                model: &it.model,
                idx: rx,
                names: c.names.clone(),
                path_of: &path_of,
                root: &kind,
                heading: heading(it.model.defs[rx].kind, &kind, "", &c.paths),
                feature,
                example: None,
            },
        )?;
    }
    let module = match ctx {
        Ctx::Service(s) => s.clone(),
        _ => String::new(),
    };
    for a in aliases.by_module.get(&module).into_iter().flatten() {
        let tc = &canon[a.target];
        let (ri, rx) = tc.rep;
        let it = &items[ri];
        let full = path(canon, items, ctx, a.target);
        let p = full
            .rsplit_once("::")
            .map(|(p, _)| format!("{p}::"))
            .unwrap_or_default();
        let parents: Vec<String> = a.parents.iter().map(|p| format!("[`{p}`]")).collect();
        let def = &it.model.defs[rx];
        let heading = match def.kind {
            DefKind::Object => format!(
                "The objects of the `{}` attribute of {}: as a value every key is written, \
                 unset ones as `null`.",
                a.block,
                parents.join(", ")
            ),
            _ => format!("The `{}` block of {}.", a.block, parents.join(", ")),
        };
        let no_path = |_: usize| String::new();
        let kind = root_kind(it);
        emit_alias(
            &mut body,
            &AliasEmit {
                def: &DefEmit {
                    model: &it.model,
                    idx: rx,
                    names: DefNames {
                        name: a.name.clone(),
                        attrs: format!("{}Attrs", a.name),
                        args: a.with_args.then(|| format!("{}Args", a.name)),
                    },
                    path_of: &no_path,
                    root: &kind,
                    heading,
                    feature,
                    example: None,
                },
                target: DefNames {
                    name: format!("{p}{}", tc.names.name),
                    attrs: format!("{p}{}", tc.names.attrs),
                    args: tc.names.args.as_ref().map(|x| format!("{p}{x}")),
                },
            },
        );
    }
    Ok(body)
}

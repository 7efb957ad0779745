//! The service modules (`ec2/mod.rs`, `ec2/data/mod.rs`, `ec2/shared.rs`) and the lines of the
//! crate root that declare and re-export them; every exported name is claimed in the namespace
//! it lands in, so two types named alike are an error, never a silent shadowing.

use std::collections::{BTreeMap, BTreeSet};

use super::files::file;
use super::{Item, ProviderSpec};
use crate::{Error, GenFile};

pub(super) struct Namespace {
    what: String,
    names: BTreeSet<String>,
}

impl Namespace {
    pub(super) fn new(what: &str) -> Self {
        Self {
            what: what.to_owned(),
            names: BTreeSet::new(),
        }
    }
    pub(super) fn add(&mut self, name: &str, by: &str) -> Result<(), Error> {
        if self.names.insert(name.to_owned()) {
            Ok(())
        } else {
            Err(Error::Collision(format!(
                "{}: `{name}` is defined twice (again by `{by}`)",
                self.what
            )))
        }
    }
}

/// Claims a type's module and exported names in every namespace it is re-exported from.
fn claim(namespaces: &mut [&mut Namespace], it: &Item, names: &[String]) -> Result<(), Error> {
    for ns in namespaces.iter_mut() {
        ns.add(&it.module, &it.type_name)?;
        for n in names {
            ns.add(n, &it.type_name)?;
        }
    }
    Ok(())
}

/// The runs of items of one service (items are sorted by service).
pub(super) fn service_groups(items: &[Item]) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let svc = &items[start].service;
        let end = start
            + items[start..]
                .iter()
                .take_while(|it| &it.service == svc)
                .count();
        groups.push(start..end);
        start = end;
    }
    groups
}

/// The service modules and what the crate roots need of them.
pub(super) struct ServiceModules {
    /// `svc/mod.rs`, `svc/data/mod.rs`, `svc/shared.rs`.
    pub(super) files: Vec<GenFile>,
    /// Per service: its resource and data source type names (the README's table).
    pub(super) table: Vec<(String, Vec<String>, Vec<String>)>,
    /// The services, sorted.
    pub(super) services: Vec<String>,
    /// Per service: its name, its root lines (`pub use svc::{...}` of its resources), and its
    /// lines of the root's `data` module.
    pub(super) roots: Vec<(String, String, String)>,
}

/// Writes the modules of each service; `shared` holds the bodies of the services' `shared`
/// modules. Claims each service and each exported name in `root` and `data_ns`.
pub(super) fn service_modules(
    spec: &ProviderSpec,
    items: &[Item],
    mut shared: BTreeMap<String, String>,
    enums: &BTreeMap<String, Vec<crate::rules::EnumOut>>,
    root: &mut Namespace,
    data_ns: &mut Namespace,
) -> Result<ServiceModules, Error> {
    let mut files = Vec::new();
    let mut table = Vec::new();
    let mut services = Vec::new();
    // per service: (its root lines: `pub mod` + re-exports, its data re-exports)
    let mut svc_roots: Vec<(String, String, String)> = Vec::new();
    for group in service_groups(items) {
        let svc = items[group.start].service.clone();
        root.add(&svc, "a service module")?;
        services.push(svc.clone());
        let mut svc_ns = Namespace::new(&format!("service module `{svc}`"));
        let mut svc_mod = String::new();
        if let Some(body) = shared.remove(&svc) {
            svc_ns.add("shared", "the module of the service's shared nested types")?;
            svc_mod.push_str("pub mod shared;\n");
            files.push(file(
                spec,
                format!("{svc}/shared.rs"),
                &format!(
                    "Nested blocks and objects that several types of the `{svc}` service share."
                ),
                &body,
            ));
        }
        let mut root_uses = Vec::new();
        let mut data_uses = Vec::new();
        let mut dmod = String::new();
        let (mut res_names, mut data_names) = (Vec::new(), Vec::new());
        for it in &items[group] {
            let def = &it.model.defs[0];
            let mut names = vec![def.name.clone(), def.attrs_name.clone()];
            names.extend(def.args_name.clone());
            let line = format!(
                "pub mod {m};\npub use {m}::{{{}}};\n",
                names.join(", "),
                m = it.module
            );
            // A data source's names are claimed in the `data` module; a resource's in its
            // service module and at the crate root, where it is re-exported.
            let (text, uses, type_names) = if it.is_data {
                claim(&mut [&mut *data_ns], it, &names)?;
                (&mut dmod, &mut data_uses, &mut data_names)
            } else {
                claim(&mut [&mut svc_ns, &mut *root], it, &names)?;
                (&mut svc_mod, &mut root_uses, &mut res_names)
            };
            text.push_str(&line);
            uses.push(it.module.clone());
            uses.extend(names);
            type_names.push(it.type_name.clone());
        }
        if let Some(list) = enums.get(&svc) {
            // The enums are re-exported into the service module unless a type there has the
            // name; they are always reachable as `svc::enums::Name`.
            svc_ns.add("enums", "the module of the service's enums")?;
            let names: Vec<&str> = list
                .iter()
                .map(|e| e.name.as_str())
                .filter(|n| !svc_ns.names.contains(*n))
                .collect();
            if spec.parts > 1 {
                // With parts, the enums are built in a crate of their own (`layout`).
                let krate = super::layout::enums_package(spec).replace('-', "_");
                svc_mod.push_str(&format!("pub use {krate}::{svc} as enums;\n"));
            } else {
                svc_mod.push_str("pub mod enums;\n");
            }
            if !names.is_empty() {
                svc_mod.push_str(&format!("pub use enums::{{{}}};\n", names.join(", ")));
            }
        }
        let cfg = format!("#[cfg(feature = \"{svc}\")]\n");
        let mut data_line = String::new();
        if !dmod.is_empty() {
            svc_ns.add("data", "the data module")?;
            svc_mod.push_str("pub mod data;\n");
            files.push(file(
                spec,
                format!("{svc}/data/mod.rs"),
                &format!("The data sources of the `{svc}` service."),
                &dmod,
            ));
            data_line = format!(
                "    {}    #[doc(no_inline)]\n    pub use super::{svc}::data::{{{}}};\n",
                cfg.replace('\n', "\n    "),
                data_uses.join(", ")
            );
        }
        files.push(file(
            spec,
            format!("{svc}/mod.rs"),
            &format!("The `{svc}` service (cargo feature `{svc}`)."),
            &svc_mod,
        ));
        let uses = if root_uses.is_empty() {
            String::new()
        } else {
            format!("{cfg}pub use {svc}::{{{}}};\n", root_uses.join(", "))
        };
        svc_roots.push((svc.clone(), uses, data_line));
        table.push((svc, res_names, data_names));
    }
    Ok(ServiceModules {
        files,
        table,
        services,
        roots: svc_roots,
    })
}

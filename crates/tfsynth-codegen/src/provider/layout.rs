//! How the services are split into crates, and the crate roots (`root.rs`): one crate, or a
//! facade that re-exports a core crate (provider block, `common`) and part crates.

use std::collections::BTreeMap;

use super::{CrateKind, CrateOut};
use super::{Item, ProviderSpec};
use crate::GenFile;

/// How the bindings are split into crates: one crate, or (with `parts`) a facade crate that
/// re-exports a core crate (the provider block and the nested types services share) and part
/// crates, each holding whole services. rustc checks one crate on one core, so parts build in
/// parallel and each needs a fraction of the memory.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The services of each part, in order (empty: one crate).
    pub parts: Vec<Vec<String>>,
}

impl Layout {
    /// Packs services into `spec.parts` parts by schema size (fields over all of a service's
    /// types, so that a change to the generated code does not move services between parts),
    /// largest first into the smallest part (ties go to the lower part number).
    pub(super) fn new(spec: &ProviderSpec, services: &[String], items: &[Item]) -> Self {
        if spec.parts <= 1 {
            return Self { parts: Vec::new() };
        }
        let mut size: BTreeMap<&str, usize> = services.iter().map(|s| (s.as_str(), 0)).collect();
        for it in items {
            if let Some(n) = size.get_mut(it.service.as_str()) {
                *n += it
                    .model
                    .defs
                    .iter()
                    .map(|d| d.fields.len() + 1)
                    .sum::<usize>();
            }
        }
        let mut order: Vec<(&str, usize)> = size.into_iter().collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut parts: Vec<(usize, Vec<String>)> = vec![(0, Vec::new()); spec.parts];
        for (svc, n) in order {
            let i = (0..parts.len())
                .min_by_key(|i| (parts[*i].0, *i))
                .unwrap_or(0);
            parts[i].0 += n;
            parts[i].1.push(svc.to_owned());
        }
        let mut parts: Vec<Vec<String>> = parts
            .into_iter()
            .map(|(_, mut v)| {
                v.sort();
                v
            })
            .filter(|v| !v.is_empty())
            .collect();
        parts.sort();
        Self { parts }
    }

    /// The part that holds `svc`.
    pub fn part_of(&self, svc: &str) -> usize {
        self.parts
            .iter()
            .position(|p| p.iter().any(|s| s == svc))
            .unwrap_or(0)
    }

    /// The core crate's package name.
    pub fn core_package(&self, spec: &ProviderSpec) -> String {
        format!("{}-core", spec.package)
    }

    /// Part `i`'s package name (numbered from 1).
    pub fn part_package(&self, spec: &ProviderSpec, i: usize) -> String {
        format!("{}-p{}", spec.package, i + 1)
    }
}

/// The package of the enums crate (with parts).
pub(super) fn enums_package(spec: &ProviderSpec) -> String {
    format!("{}-enums", spec.package)
}

/// The crates: the files of the types and modules (`files`) placed in one crate or in the core
/// and parts, with their roots. `svc_roots`: per service, its root lines and `data` lines.
pub(super) fn assemble(
    spec: &ProviderSpec,
    layout: &Layout,
    files: Vec<GenFile>,
    svc_roots: &[(String, String, String)],
    services: &[String],
    has_common: bool,
) -> Vec<CrateOut> {
    let mut files = files;
    let header_doc = format!(
        "Bindings of `{}` {}, generated from its schema by tfsynth-codegen.",
        spec.source, spec.version
    );
    let mut crates = Vec::new();
    let provider_lines = format!(
        "#[path = \"provider.rs\"]\npub mod provider;\npub use provider::{};\n",
        spec.provider_struct()
    );
    let common_lines = if !has_common {
        String::new()
    } else {
        "#[path = \"common.rs\"]\npub mod common;\n".to_owned()
    };
    let svc_decl = |svc: &str| {
        format!("#[cfg(feature = \"{svc}\")]\n#[path = \"{svc}/mod.rs\"]\npub mod {svc};\n")
    };
    let mut data_mod = String::from(
        "/// Data sources: `data::Ami`, with their nested types in `data::ami`.\npub mod data {\n",
    );
    for (_, _, d) in svc_roots {
        data_mod.push_str(d);
    }
    data_mod.push_str("}\n");
    // Included by the crate root (`include!("gen/root.rs")`), so that a service whose feature
    // is off is reported by rustc as "gated behind the feature"; an included file cannot carry
    // inner attributes, so its header is a plain comment.
    let root_file = |text: String, what: &str| {
        let mut top = spec.header();
        top.push_str(&format!("// {what}\n\n"));
        top.push_str(&text);
        GenFile {
            path: "root.rs".into(),
            contents: top,
        }
    };
    if layout.parts.is_empty() {
        let mut text = provider_lines + &common_lines + "\n";
        for (svc, uses, _) in svc_roots {
            text.push_str(&svc_decl(svc));
            text.push_str(uses);
            text.push('\n');
        }
        text.push_str(&data_mod);
        files.push(root_file(text, &header_doc));
        files.sort_by(|a, b| a.path.cmp(&b.path));
        crates.push(CrateOut {
            package: spec.package.clone(),
            files,
            services: services.to_vec(),
            kind: CrateKind::Main,
        });
    } else {
        let core = layout.core_package(spec);
        let core_ident = core.replace('-', "_");
        let mut core_files = Vec::new();
        let mut part_files: Vec<Vec<GenFile>> = vec![Vec::new(); layout.parts.len()];
        let mut enum_files = Vec::new();
        let mut enum_services = Vec::new();
        for f in files {
            if f.path == "provider.rs" || f.path == "common.rs" {
                core_files.push(f);
            } else if let Some(svc) = f.path.strip_suffix("/enums.rs") {
                enum_services.push(svc.to_owned());
                enum_files.push(f);
            } else {
                let svc = f.path.split('/').next().unwrap_or_default();
                part_files[layout.part_of(svc)].push(f);
            }
        }
        core_files.push(root_file(
            provider_lines + &common_lines,
            &format!(
                "The provider block and the shared nested types of {}.",
                spec.package
            ),
        ));
        core_files.sort_by(|a, b| a.path.cmp(&b.path));
        crates.push(CrateOut {
            package: core.clone(),
            files: core_files,
            services: Vec::new(),
            kind: CrateKind::Core,
        });
        if !enum_files.is_empty() {
            let mut text = String::new();
            for svc in &enum_services {
                text.push_str(&format!(
                    "#[cfg(feature = \"{svc}\")]\n#[path = \"{svc}/enums.rs\"]\npub mod {svc};\n"
                ));
            }
            enum_files.push(root_file(
                text,
                &format!(
                    "The enums of {} (generated), by service: depend on `{}`, which re-exports them \
                     as `<service>::enums`.",
                    spec.package, spec.package
                ),
            ));
            enum_files.sort_by(|a, b| a.path.cmp(&b.path));
            crates.push(CrateOut {
                package: enums_package(spec),
                files: enum_files,
                services: enum_services,
                kind: CrateKind::Enums,
            });
        }
        let mut facade = format!(
            "#[doc(no_inline)]\npub use {core_ident}::{{provider, {}}};\n",
            spec.provider_struct()
        );
        if has_common {
            facade.push_str(&format!(
                "#[doc(no_inline)]\npub use {core_ident}::common;\n"
            ));
        }
        facade.push('\n');
        for (p, (pfiles, psvcs)) in part_files.into_iter().zip(&layout.parts).enumerate() {
            let package = layout.part_package(spec, p);
            let mut text = String::new();
            if has_common {
                text.push_str(&format!(
                    "#[doc(no_inline)]\npub use {core_ident}::common;\n"
                ));
            }
            for svc in psvcs {
                text.push_str(&svc_decl(svc));
            }
            let mut pfiles = pfiles;
            pfiles.push(root_file(
                text,
                &format!(
                    "Services {} of {} (generated): depend on `{}`, which re-exports them.",
                    psvcs.join(", "),
                    spec.package,
                    spec.package
                ),
            ));
            pfiles.sort_by(|a, b| a.path.cmp(&b.path));
            crates.push(CrateOut {
                package,
                files: pfiles,
                services: psvcs.clone(),
                kind: CrateKind::Part,
            });
        }
        for (svc, uses, _) in svc_roots {
            let part = layout
                .part_package(spec, layout.part_of(svc))
                .replace('-', "_");
            // Re-exports are listed, not documented again: the part crate's docs (built by
            // `cargo doc` with the dependencies) are the one copy, which halves the docs.
            let uses = uses.replacen("pub use", "#[doc(no_inline)]\npub use", 1);
            facade.push_str(&format!(
                "#[cfg(feature = \"{svc}\")]\n#[doc(no_inline)]\npub use {part}::{svc};\n{uses}\n"
            ));
        }
        facade.push_str(&data_mod);
        crates.insert(
            0,
            CrateOut {
                package: spec.package.clone(),
                files: vec![root_file(facade, &header_doc)],
                services: services.to_vec(),
                kind: CrateKind::Main,
            },
        );
    }
    crates
}

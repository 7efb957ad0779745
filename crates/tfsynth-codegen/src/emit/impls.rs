//! What a struct is to the core: `ProviderBlock` (the provider configuration), `Block` and
//! `Resource`/`DataSource` (a resource or data source), `ToBody` (a nested block),
//! `ObjectValue` (an object of an attribute); and for nested structs, the type of the object
//! (`TfType`, `ObjectType`) for typed references to it.

use super::{value_ty, DefEmit, RootKind};
use crate::model::DefKind;

/// The core trait impls. Returns true for the provider configuration, which has nothing more.
pub(super) fn emit_core_impls(out: &mut String, e: &DefEmit<'_>) -> bool {
    let def = &e.model.defs[e.idx];
    let name = &e.names.name;
    match (def.kind, e.root) {
        (DefKind::Root, RootKind::Provider { source, constraint }) => {
            w!(out, "impl ProviderBlock for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn provider_name(&self) -> &str {{");
            w!(out, "        \"{}\"", e.model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn source(&self) -> Option<&str> {{");
            w!(out, "        Some(\"{source}\")");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn version_constraint(&self) -> Option<&str> {{");
            if constraint.is_empty() {
                w!(out, "        None");
            } else {
                w!(out, "        Some(\"{constraint}\")");
            }
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn alias(&self) -> Option<&str> {{");
            w!(out, "        self.0.extra().as_deref()");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_body(self) -> Body {{");
            w!(out, "        self.0.into_parts().0");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
            return true;
        }
        (DefKind::Root, _) => {
            w!(out, "impl Block for {name} {{");
            w!(out, "    type Attrs = {};", e.names.attrs);
            w!(out, "    #[inline]");
            w!(out, "    fn type_name(&self) -> &str {{");
            w!(out, "        \"{}\"", e.model.type_name);
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn into_parts(self) -> (Body, Meta) {{");
            w!(out, "        self.0.into_parts()");
            w!(out, "    }}");
            w!(out, "    #[inline]");
            w!(out, "    fn meta_mut(&mut self) -> &mut Meta {{");
            w!(out, "        self.0.extra_mut()");
            w!(out, "    }}");
            if let Some(rules) = &e.model.rules {
                w!(out, "    #[inline]");
                w!(
                    out,
                    "    fn rules(&self) -> Option<&'static tfsynth::provider_rules::TypeRules> {{"
                );
                // Short names for the table, those it uses only.
                let mut uses = vec!["TypeRules"];
                for (mark, u) in [
                    ("A {", "ArgRule as A"),
                    ("C::", "Check as C"),
                    ("F::", "Format as F"),
                    ("K::", "GroupKind as K"),
                    ("G {", "GroupRule as G"),
                ] {
                    if rules.contains(mark) {
                        uses.push(u);
                    }
                }
                w!(
                    out,
                    "        use tfsynth::provider_rules::{{{}}};",
                    uses.join(", ")
                );
                w!(out, "        static RULES: TypeRules = {rules};");
                w!(out, "        Some(&RULES)");
                w!(out, "    }}");
            }
            w!(out, "}}");
            w!(out, "");
            let kind = if matches!(e.root, RootKind::Data) {
                "DataSource"
            } else {
                "Resource"
            };
            w!(out, "impl {kind} for {name} {{}}");
            w!(out, "");
        }
        (DefKind::Block, _) => {
            w!(out, "impl ToBody for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn into_body(self) -> Body {{");
            w!(out, "        self.0.into_body()");
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
        }
        (DefKind::Object, _) => {
            let keys: Vec<String> = def
                .fields
                .iter()
                .map(|f| format!("\"{}\"", f.name))
                .collect();
            w!(out, "impl ObjectValue for {name} {{");
            w!(out, "    #[inline]");
            w!(out, "    fn into_object(self) -> RawExpr {{");
            w!(out, "        self.0.into_object(&[{}])", keys.join(", "));
            w!(out, "    }}");
            w!(out, "}}");
            w!(out, "");
        }
    }
    false
}

/// `TfType` and `ObjectType` of a nested struct (none for a root).
pub(super) fn emit_type_impls(out: &mut String, e: &DefEmit<'_>) {
    let def = &e.model.defs[e.idx];
    let name = &e.names.name;
    let path_of = e.path_of;
    if def.kind != DefKind::Root {
        w!(out, "impl TfType for {name} {{");
        w!(out, "    #[inline]");
        w!(out, "    fn type_expr() -> TypeExpr {{");
        if def.fields.is_empty() {
            w!(
                out,
                "        TypeExpr::object(Vec::<(&str, TypeExpr)>::new())"
            );
        } else {
            w!(out, "        TypeExpr::object([");
            for f in &def.fields {
                w!(
                    out,
                    "            (\"{}\", <{} as TfType>::type_expr()),",
                    f.name,
                    value_ty(f, path_of)
                );
            }
            w!(out, "        ])");
        }
        w!(out, "    }}");
        w!(out, "}}");
        w!(out, "");
        w!(out, "impl ObjectType for {name} {{");
        w!(out, "    type Fields = {};", e.names.attrs);
        w!(out, "}}");
        w!(out, "");
    }
}

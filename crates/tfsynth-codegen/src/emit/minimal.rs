//! Placeholder values for the every-type test: each type built with `new(...)` and the least
//! it requires.

use super::{rust_ty, DefNames, Field, FieldKind, Ty, TypeModel};
use crate::model::Multiplicity;

/// A minimal value of a type for the every-type test stacks: `new(...)` with placeholder
/// required arguments (`"x"`, `1`, `false`, empty collections), nested blocks built the same way.
pub fn minimal_value(
    model: &TypeModel,
    idx: usize,
    names: &dyn Fn(usize) -> DefNames,
    path_of: &dyn Fn(usize) -> String,
) -> String {
    let def = &model.defs[idx];
    let n = names(idx);
    let ty_path = path_of(idx);
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.is_required()).collect();
    // The crate's name, for enum paths (`crate::lambda::enums::Runtime` seen from outside).
    let krate = ty_path.split("::").next().unwrap_or("crate").to_owned();
    let value = |f: &Field| -> String {
        if let Some(e) = &f.enum_ty {
            let one = format!("{}::unlisted(\"x\")", e.path().replacen("crate", &krate, 1));
            return if e.list { format!("[{one}]") } else { one };
        }
        match &f.kind {
            FieldKind::Attr { ty, .. } => placeholder(ty, model, names, path_of),
            FieldKind::Block { def, .. } => minimal_value(model, *def, names, path_of),
        }
    };
    if required.is_empty() {
        format!("{ty_path}::new()")
    } else if let Some(args) = &n.args {
        let args_path = match ty_path.rsplit_once("::") {
            Some((prefix, _)) => format!("{prefix}::{args}"),
            None => args.clone(),
        };
        let fields: Vec<String> = required
            .iter()
            .map(|f| {
                let v = value(f);
                match &f.kind {
                    FieldKind::Attr { ty, .. } if ty.has_any() => {
                        format!(
                            "{}: Value::from_raw(tfsynth::IntoAny::into_raw({v}))",
                            f.ident
                        )
                    }
                    FieldKind::Attr { .. } => format!("{}: {v}.into()", f.ident),
                    FieldKind::Block {
                        multiplicity: Multiplicity::One,
                        ..
                    } => format!("{}: {v}", f.ident),
                    FieldKind::Block { .. } => format!("{}: {v}.into()", f.ident),
                }
            })
            .collect();
        format!("{ty_path}::new({args_path} {{ {} }})", fields.join(", "))
    } else {
        format!("{ty_path}::new({})", value(required[0]))
    }
}

fn placeholder(
    ty: &Ty,
    model: &TypeModel,
    names: &dyn Fn(usize) -> DefNames,
    path_of: &dyn Fn(usize) -> String,
) -> String {
    match ty {
        Ty::String | Ty::Any => "\"x\"".into(),
        Ty::Number => "1".into(),
        Ty::Bool => "false".into(),
        Ty::List(t) => format!(
            "Value::<List<{}>>::from(Vec::<Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Set(t) => format!(
            "Value::<Set<{}>>::from(Vec::<Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Map(t) => format!(
            "Value::<Map<{}>>::from(std::collections::BTreeMap::<String, Value<{0}>>::new())",
            rust_ty(t, path_of)
        ),
        Ty::Object(i) => minimal_value(model, *i, names, path_of),
    }
}

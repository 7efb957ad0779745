//! Every nested block and object is reached under its own name where it is used: a setter
//! (and an `XArgs` field, and a one-block constructor) takes a type named after its block, never
//! after another block whose shape happens to be identical (`add_principals(NotPrincipals)`),
//! and each block's type is in its type's module under the block's own name
//! (`iam_policy_document::Principals`, `PrincipalsArgs`, `PrincipalsAttrs`). Checked on the
//! generated code, parsed with syn, of the whole pinned aws provider and of a schema made to
//! collide.

use std::collections::BTreeSet;

use syn::{Expr, ImplItem, Item, Lit, Meta, Type, TypeParamBound, UseTree};
use tfsynth_codegen::model::build;
use tfsynth_codegen::names::type_name;
use tfsynth_codegen::pinned::{self, aws_spec, workspace_root, AWS_ADDRESS};
use tfsynth_codegen::provider::{generate, DefaultFeatures, Generated, ProviderSpec};
use tfsynth_codegen::schema::{ProviderSchema, SchemaDoc};

fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut s = String::new();
    for a in attrs {
        if let Meta::NameValue(nv) = &a.meta {
            if nv.path.is_ident("doc") {
                if let Expr::Lit(l) = &nv.value {
                    if let Lit::Str(t) = &l.lit {
                        s.push_str(&t.value());
                        s.push('\n');
                    }
                }
            }
        }
    }
    s
}

/// The Terraform name of the block or object attribute a member's doc is about.
fn block_of(doc: &str) -> Option<String> {
    for (start, end) in [
        ("Block `", '`'),
        ("Appends one object to `", '`'),
        ("dynamic \"", '"'),
    ] {
        if let Some(i) = doc.find(start) {
            let rest = &doc[i + start.len()..];
            return rest.find(end).map(|j| rest[..j].to_owned());
        }
    }
    None
}

/// `impl Into<AtLeastOne<T>>`: a required block that may be `dynamic`, given positionally.
fn into_at_least_one(ty: &Type) -> bool {
    let Type::ImplTrait(t) = ty else {
        return false;
    };
    t.bounds.iter().any(|b| match b {
        TypeParamBound::Trait(tb) => tb.path.segments.last().is_some_and(|seg| {
            seg.ident == "Into"
                && matches!(&seg.arguments, syn::PathArguments::AngleBracketed(a)
                    if a.args.iter().any(|g| matches!(g,
                        syn::GenericArgument::Type(Type::Path(p))
                            if p.path.segments.last().is_some_and(|s| s.ident == "AtLeastOne"))))
        }),
        _ => false,
    })
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        // `AtLeastOne<T>` (a required block that may be `dynamic`) is read as `T`.
        Type::Path(p) => {
            let seg = p.path.segments.last()?;
            match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) if seg.ident == "AtLeastOne" => {
                    a.args.iter().find_map(|g| match g {
                        syn::GenericArgument::Type(t) => last_ident(t),
                        _ => None,
                    })
                }
                _ => Some(seg.ident.to_string()),
            }
        }
        // `content: impl FnOnce(Expr<Any>) -> T`, `block: impl Into<AtLeastOne<T>>`
        Type::ImplTrait(t) => t.bounds.iter().find_map(|b| match b {
            TypeParamBound::Trait(tb) => {
                let seg = tb.path.segments.last()?;
                match &seg.arguments {
                    syn::PathArguments::Parenthesized(p) => match &p.output {
                        syn::ReturnType::Type(_, t) => last_ident(t),
                        syn::ReturnType::Default => None,
                    },
                    syn::PathArguments::AngleBracketed(a) if seg.ident == "Into" => {
                        a.args.iter().find_map(|g| match g {
                            syn::GenericArgument::Type(t @ Type::Path(_)) => last_ident(t),
                            _ => None,
                        })
                    }
                    _ => None,
                }
            }
            _ => None,
        }),
        _ => None,
    }
}

/// True when `name` is named after `block` of struct `parent`: the block's type name or the
/// parent's name followed by it, either optionally numbered.
fn named_after(name: &str, block: &str, parent: &str) -> bool {
    let base = type_name(block);
    [base.clone(), format!("{parent}{base}")].iter().any(|x| {
        name.strip_prefix(x.as_str())
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
    })
}

/// (members checked, violations) of one generated file.
fn check_file(path: &str, code: &str) -> (usize, Vec<String>) {
    let file = syn::parse_file(code).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut checked = 0;
    let mut bad = Vec::new();
    let mut check = |parent: &str, member: &str, doc: &str, ty: Option<String>| {
        let (Some(block), Some(ty)) = (block_of(doc), ty) else {
            return;
        };
        checked += 1;
        if !named_after(&ty, &block, parent) {
            bad.push(format!(
                "{path}: {parent}::{member} takes `{ty}` for `{block}`"
            ));
        }
    };
    for item in &file.items {
        match item {
            Item::Impl(imp) if imp.trait_.is_none() => {
                let Some(parent) = last_ident(&imp.self_ty) else {
                    continue;
                };
                for it in &imp.items {
                    let ImplItem::Fn(f) = it else { continue };
                    let doc = doc_text(&f.attrs);
                    let ty = f.sig.inputs.iter().find_map(|arg| match arg {
                        syn::FnArg::Typed(pt) => {
                            let name = match &*pt.pat {
                                syn::Pat::Ident(i) => i.ident.to_string(),
                                _ => return None,
                            };
                            let is_new = f.sig.ident == "new";
                            let wanted = ["block", "item", "content"].contains(&name.as_str())
                                || (is_new && matches!(&*pt.ty, Type::Path(_)))
                                || (is_new && into_at_least_one(&pt.ty));
                            wanted.then(|| last_ident(&pt.ty)).flatten()
                        }
                        syn::FnArg::Receiver(_) => None,
                    });
                    check(&parent, &f.sig.ident.to_string(), &doc, ty);
                }
            }
            Item::Struct(s) => {
                let name = s.ident.to_string();
                let Some(parent) = name.strip_suffix("Args") else {
                    continue;
                };
                for field in &s.fields {
                    let member = field.ident.as_ref().map(ToString::to_string);
                    let doc = doc_text(&field.attrs);
                    if doc.contains("Block `") {
                        check(
                            parent,
                            member.as_deref().unwrap_or("?"),
                            &doc,
                            last_ident(&field.ty),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    (checked, bad)
}

/// The type names a file defines or re-exports (structs, aliases, `pub use` names).
fn defined(code: &str) -> BTreeSet<String> {
    fn uses(tree: &UseTree, out: &mut BTreeSet<String>) {
        match tree {
            UseTree::Path(p) => uses(&p.tree, out),
            UseTree::Name(n) => {
                out.insert(n.ident.to_string());
            }
            UseTree::Rename(r) => {
                out.insert(r.rename.to_string());
            }
            UseTree::Group(g) => g.items.iter().for_each(|t| uses(t, out)),
            UseTree::Glob(_) => {}
        }
    }
    let file = syn::parse_file(code).expect("parses");
    let mut out = BTreeSet::new();
    for item in &file.items {
        match item {
            Item::Struct(s) => {
                out.insert(s.ident.to_string());
            }
            Item::Type(t) => {
                out.insert(t.ident.to_string());
            }
            Item::Use(u) => uses(&u.tree, &mut out),
            _ => {}
        }
    }
    out
}

/// The types defined twice in one file (a compile error).
fn defined_twice(code: &str) -> Vec<String> {
    let file = syn::parse_file(code).expect("parses");
    let mut seen = BTreeSet::new();
    let mut twice = Vec::new();
    for item in &file.items {
        let name = match item {
            Item::Struct(s) => s.ident.to_string(),
            Item::Type(t) => t.ident.to_string(),
            _ => continue,
        };
        if !seen.insert(name.clone()) {
            twice.push(name);
        }
    }
    twice
}

fn rust_files(g: &Generated) -> impl Iterator<Item = &tfsynth_codegen::GenFile> {
    g.crates
        .iter()
        .flat_map(|c| &c.files)
        .filter(|f| f.path.ends_with(".rs") && f.path != "root.rs")
}

/// Checks every file: setters named after their blocks, no name defined twice, and each nested
/// def of each type (its model's local names) reachable in the type's file. Returns the number
/// of members checked.
fn check_all(schema: &ProviderSchema, spec: &ProviderSpec, g: &Generated) -> usize {
    let mut checked = 0;
    let mut bad = Vec::new();
    for f in rust_files(g) {
        let (n, b) = check_file(&f.path, &f.contents);
        checked += n;
        bad.extend(b);
        for t in defined_twice(&f.contents) {
            bad.push(format!("{}: `{t}` defined twice", f.path));
        }
        // `//! The `aws_x` resource: [`X`], ...`: its every nested def by its local name.
        let Some(head) = f.contents.lines().find(|l| l.starts_with("//! The `")) else {
            continue;
        };
        let Some((tn, rest)) = head["//! The `".len()..].split_once('`') else {
            continue;
        };
        let (is_resource, schema_of) = if rest.starts_with(" resource:") {
            (true, schema.resource_schemas.get(tn))
        } else if rest.starts_with(" data source:") {
            (false, schema.data_source_schemas.get(tn))
        } else {
            continue;
        };
        let s = schema_of.unwrap_or_else(|| panic!("{}: {tn} not in the schema", f.path));
        let root = rest
            .split("[`")
            .nth(1)
            .and_then(|r| r.split('`').next())
            .expect("the root struct's name");
        let model = build(tn, root, tn, &s.block, &spec.overrides, is_resource).expect("model");
        let names = defined(&f.contents);
        for d in &model.defs {
            for n in std::iter::once(&d.name)
                .chain([&d.attrs_name])
                .chain(&d.args_name)
            {
                if !names.contains(n) {
                    bad.push(format!(
                        "{}: `{}` is not reachable as `{n}`",
                        f.path, d.path
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} violations, the first: {:#?}",
        bad.len(),
        &bad[..bad.len().min(20)]
    );
    checked
}

#[test]
fn every_block_of_aws_is_reached_under_its_own_name() {
    let root = workspace_root();
    let doc = pinned::full_schema(&root).expect("the pinned schema");
    let schema = doc.provider(AWS_ADDRESS).expect("aws");
    let spec = aws_spec();
    let g = generate(schema, &spec, None).expect("generates");
    let checked = check_all(schema, &spec, &g);
    // Setters, `XArgs` fields and one-block constructors over the whole provider.
    assert!(checked > 10_000, "{checked}");
    // Merged shapes stay merged: aliases, not structs.
    assert_eq!(g.structs, 7221);
    let documented: usize = rust_files(&g)
        .map(|f| f.contents.matches("/// The same struct as [`").count())
        .sum();
    assert_eq!(g.aliases, documented, "every alias has its doc");
    assert!(g.aliases > 1000, "{}", g.aliases);
    eprintln!("aws: {checked} members checked, {} aliases", g.aliases);
    let iam = rust_files(&g)
        .find(|f| f.path == "iam/data/iam_policy_document.rs")
        .expect("iam_policy_document");
    for line in [
        "pub fn add_principals(self, block: Principals) -> Self",
        "pub fn add_not_principals(self, block: NotPrincipals) -> Self",
        "pub type Principals = NotPrincipals;",
        "pub type PrincipalsArgs = NotPrincipalsArgs;",
        "pub type PrincipalsAttrs = NotPrincipalsAttrs;",
        "/// The `aws_iam_policy_document.statement.principals` block.",
        "/// A block shape shared by: `aws_iam_policy_document.statement.not_principals`, \
         `aws_iam_policy_document.statement.principals`.",
    ] {
        assert!(iam.contents.contains(line), "{line}");
    }
}

fn spec(name: &str) -> ProviderSpec {
    ProviderSpec {
        local_name: name.into(),
        source: format!("acme/{name}"),
        version: "1.0.0".into(),
        constraint: "~> 1.0".into(),
        services: vec![],
        overrides: Default::default(),
        crate_name: format!("tfsynth_{name}"),
        package: format!("tfsynth-{name}"),
        parts: 1,
        default_features: DefaultFeatures::All,
        rules: None,
        docs: None,
        enum_services: None,
    }
}

/// Blocks that would get one name: the rule of names decides, never a compile error.
/// `x_thing` has `other { principals }`, `rule { not_principals, principals }` of one shape, a
/// top-level `principals` of another, and `x { y }` next to a top-level `x_y` and `y`; `x_other`
/// (another service) has a `principals` of the shared shape and an `attribute { output }` whose
/// `output` is the shape of `x_third`'s `input`.
#[test]
fn blocks_that_would_get_one_name_are_named_by_the_rule() {
    let p = r#"{"nesting_mode": "list", "block": {"attributes": {
        "type": {"type": "string", "required": true},
        "identifiers": {"type": ["set", "string"], "required": true}}}}"#;
    let kv = r#"{"nesting_mode": "list", "block": {"attributes": {
        "name": {"type": "string", "required": true}}}}"#;
    let a = r#"{"nesting_mode": "single", "block": {"attributes": {
        "a": {"type": "string", "optional": true}}}}"#;
    let text = format!(
        r#"{{"format_version": "1.0", "provider_schemas": {{"registry.terraform.io/acme/x": {{
          "provider": {{"block": {{}}}},
          "resource_schemas": {{
            "x_thing": {{"block": {{"block_types": {{
              "other": {{"nesting_mode": "list", "block": {{"block_types": {{"principals": {p}}}}}}},
              "principals": {a},
              "rule": {{"nesting_mode": "list", "block": {{"block_types": {{
                "not_principals": {p}, "principals": {p}}}}}}},
              "x": {{"nesting_mode": "single", "block": {{"block_types": {{"y": {a}}},
                "attributes": {{"b": {{"type": "string", "optional": true}}}}}}}},
              "x_y": {{"nesting_mode": "single", "block": {{"attributes": {{
                "c": {{"type": "string", "optional": true}}}}}}}},
              "y": {{"nesting_mode": "single", "block": {{"attributes": {{
                "d": {{"type": "string", "optional": true}}}}}}}}
            }}}}}},
            "x_other": {{"block": {{"block_types": {{
              "principals": {p},
              "attribute": {{"nesting_mode": "list", "block": {{"block_types": {{"output": {kv}}}}}}}
            }}}}}},
            "x_third": {{"block": {{"block_types": {{
              "attribute": {{"nesting_mode": "list", "block": {{"block_types": {{"output": {kv}}}}}}},
              "input": {kv}
            }}}}}}
          }}}}}}}}"#
    );
    let doc = SchemaDoc::parse(&text).expect("parses");
    let schema = doc.provider("registry.terraform.io/acme/x").expect("x");
    let mut s = spec("x");
    s.services = vec![
        ("thing".into(), "one".into()),
        ("other".into(), "two".into()),
        ("third".into(), "three".into()),
    ];
    let g = generate(schema, &s, None).expect("generates");
    check_all(schema, &s, &g);
    let file = |p: &str| {
        &rust_files(&g)
            .find(|f| f.path == p)
            .unwrap_or_else(|| panic!("{p}"))
            .contents
    };
    let thing = file("one/thing.rs");
    // Breadth first: the top-level `principals` (its own shape) keeps the plain name; the
    // nested ones are prefixed with their parent's name. `other.principals` comes first, so the
    // shared struct (in `common`, since `x_other` uses the shape too) is named after it, and
    // `rule`'s two blocks are aliases of it.
    for line in [
        "pub struct Principals(Node);",
        "pub fn add_principals(self, block: crate::common::OtherPrincipals) -> Self",
        "pub fn add_principals(self, block: RulePrincipals) -> Self",
        "pub fn add_not_principals(self, block: NotPrincipals) -> Self",
        "pub type RulePrincipals = crate::common::OtherPrincipals;",
        "pub type NotPrincipals = crate::common::OtherPrincipals;",
        // `x.y` wants `Y` (taken by the top-level `y`), then `XY` (taken by `x_y`): numbered;
        // its shape is the top-level `principals`'s.
        "pub fn y(self, block: XY2) -> Self",
        "pub struct XY(Node);",
        "pub type XY2 = Principals;",
    ] {
        assert!(thing.contains(line), "{line}\n{thing}");
    }
    assert!(!thing.contains("pub type OtherPrincipals"), "{thing}");
    let other = file("two/other.rs");
    assert!(
        other.contains("pub type Principals = crate::common::OtherPrincipals;"),
        "{other}"
    );
    let third = file("three/third.rs");
    assert!(
        third.contains("pub type Output = crate::common::Input;"),
        "{third}"
    );
    // In `common`: the shape of `x_third.input` (named first, items go by service) is also
    // `attribute.output`'s, so `Attribute`'s setter takes an alias named after `output`.
    let common = file("common.rs");
    for line in [
        "pub type Output = Input;",
        "pub fn add_output(self, block: Output) -> Self",
        "/// A block shape shared by: `x_thing.other.principals`, `x_thing.rule.not_principals`, \
         `x_thing.rule.principals` and 1 more.",
    ] {
        assert!(common.contains(line), "{line}\n{common}");
    }
    // thing: RulePrincipals, NotPrincipals, XY2; other: Principals, Output; third: Output;
    // common: Output.
    assert_eq!(g.aliases, 7);
}

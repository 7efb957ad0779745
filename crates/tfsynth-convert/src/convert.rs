//! The blocks of a configuration to the statements of a stack function.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use hcl::edit::expr::{Expression, TraversalOperator};
use hcl::edit::structure::{Block, Body, Structure};
use hcl::edit::visit::{visit_expr, Visit};
use hcl::edit::Span;
use tfsynth_codegen::model::{FieldKind, Multiplicity};

use crate::bindings::{provider_of, Bindings, TypeInfo};
use crate::expr::{is_plain_literal, rust_str, Diagnostic, Handle, Repeat, Scope, Ty};
use crate::load::SourceFile;

/// One top-level block of a file.
struct Item<'a> {
    file: usize,
    block: &'a Block,
    /// The addresses it declares (`aws_vpc.main`, `var.x`; one per local).
    declares: Vec<String>,
    /// The addresses it references.
    refs: BTreeSet<String>,
}

/// What converting a configuration made.
#[derive(Debug, Default)]
pub struct Output {
    /// The body of the stack function.
    pub body: String,
    /// `use` lines, by crate: the paths imported.
    pub imports: BTreeMap<String, BTreeSet<String>>,
    /// Cargo features by crate package name (`tfsynth-aws` -> `ec2`).
    pub features: BTreeMap<String, BTreeSet<String>>,
    /// Blocks kept verbatim (HCL text, each after a `# from FILE:LINE` line).
    pub verbatim: String,
    /// Findings: what was not converted, references to undeclared things.
    pub diagnostics: Vec<Diagnostic>,
    /// Escapes (`hcl::<T>(...)`) written.
    pub escapes: usize,
    /// Prelude names used.
    pub uses: BTreeSet<&'static str>,
    /// Local module directories called (`./modules/net`).
    pub local_modules: BTreeSet<String>,
}

struct Refs<'s>(&'s mut BTreeSet<String>);

impl Visit for Refs<'_> {
    fn visit_expr(&mut self, e: &Expression) {
        if let Expression::Traversal(t) = e {
            if let Expression::Variable(v) = &t.expr {
                let names: Vec<String> = t
                    .operators
                    .iter()
                    .map_while(|o| match o.value() {
                        TraversalOperator::GetAttr(a) => Some(a.value().as_str().to_owned()),
                        _ => None,
                    })
                    .collect();
                let root = v.value().as_str();
                let take = if root == "data" { 2 } else { 1 };
                if names.len() >= take {
                    self.0.insert(format!("{root}.{}", names[..take].join(".")));
                }
            }
        }
        visit_expr(self, e);
    }

    // hcl-edit's default visit of a `%{ for }` directive skips its collection.
    fn visit_for_template_expr(&mut self, node: &hcl::edit::template::ForTemplateExpr) {
        self.visit_expr(&node.collection_expr);
        hcl::edit::visit::visit_for_template_expr(self, node);
    }
}

fn refs_of_body(body: &Body, out: &mut BTreeSet<String>) {
    let mut v = Refs(out);
    hcl::edit::visit::visit_body(&mut v, body);
}

fn label(b: &Block, i: usize) -> String {
    b.labels
        .get(i)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_default()
}

/// The converter of one configuration.
pub struct Converter<'a> {
    files: &'a [SourceFile],
    bindings: &'a Bindings,
    scope: Scope,
    out: Output,
    idents: BTreeSet<String>,
    /// Provider addresses referenced (`aws.west`).
    provider_refs: BTreeSet<String>,
    providers: BTreeMap<String, String>,
    /// Every address some block references: the others need no Rust binding.
    referenced: BTreeSet<String>,
}

impl std::fmt::Debug for Converter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Converter").finish_non_exhaustive()
    }
}

impl<'a> Converter<'a> {
    /// A converter over parsed files.
    pub fn new(files: &'a [SourceFile], bindings: &'a Bindings) -> Self {
        Self {
            files,
            bindings,
            scope: Scope::default(),
            out: Output::default(),
            idents: ["s", "ctx", "hcl", "app"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            provider_refs: BTreeSet::new(),
            providers: BTreeMap::new(),
            referenced: BTreeSet::new(),
        }
    }

    fn ident(&mut self, want: &str) -> String {
        let base = tfsynth_codegen::names::ident(want);
        let mut name = base.clone();
        let mut n = 2;
        while self.idents.contains(&name) || self.scope.taken.contains(&name) {
            name = format!("{}_{n}", base.trim_end_matches('_'));
            n += 1;
        }
        self.idents.insert(name.clone());
        self.scope.taken.insert(name.clone());
        name
    }

    fn line(&mut self, s: &str) {
        self.out.body.push_str(s);
        self.out.body.push('\n');
    }

    /// The comments of the block or argument at `offset`: the comment lines above it and the
    /// comment at the end of its first line.
    fn comments(&mut self, f: &SourceFile, offset: usize) -> String {
        f.comments_above(offset)
            .into_iter()
            .chain(f.comment_at_end_of_line(offset))
            .map(|c| format!("// {c}\n"))
            .collect()
    }

    /// A string literal given to an enum argument: the enum's variant, or, for a value the
    /// pinned provider does not list, `Enum::unlisted("value")` (reported: the provider
    /// refuses it at plan unless it is newer than the pinned version).
    fn enum_literal(
        &mut self,
        f: &SourceFile,
        info: &TypeInfo,
        er: &tfsynth_codegen::rules::EnumRef,
        value: &str,
        span: Option<std::ops::Range<usize>>,
    ) -> String {
        let path = format!("{}::{}::{}", info.krate, er.service, er.name);
        let variant = info
            .enums
            .get(&er.name)
            .and_then(|vs| vs.iter().find(|(_, v)| v == value))
            .map(|(n, _)| n.clone());
        match variant {
            Some(n) => format!("{path}::{n}"),
            None => {
                self.out.diagnostics.push(Diagnostic {
                    at: f.at(span.map(|s| s.start).unwrap_or(0)),
                    message: format!(
                        "{value:?} is not a value of {} in the pinned provider: written as \
                         {}::unlisted(..), which tfsynth does not check",
                        er.name, er.name
                    ),
                });
                format!("{path}::unlisted({})", rust_str(value))
            }
        }
    }

    fn verbatim(&mut self, f: &SourceFile, b: &Block, why: &str) {
        let span = b.span().unwrap_or(0..0);
        let at = f.at(span.start);
        self.out.diagnostics.push(Diagnostic {
            at: at.clone(),
            message: format!("kept verbatim in unconverted/unconverted.tf: {why}"),
        });
        self.out.verbatim.push_str(&format!("# from {at}\n"));
        self.out.verbatim.push_str(f.slice(&span).trim());
        self.out.verbatim.push_str("\n\n");
    }

    /// True when `name` is imported, or will be, from a crate other than `krate`: a type of
    /// that name from `krate` is then written with its crate path.
    fn clashes(&self, krate: &str, name: &str) -> bool {
        self.out.imports.iter().any(|(k, paths)| {
            k != krate && paths.iter().any(|p| p.rsplit("::").next() == Some(name))
        })
    }

    fn import(&mut self, krate: &str, path: &str) {
        self.out
            .imports
            .entry(krate.to_owned())
            .or_default()
            .insert(path.to_owned());
    }

    fn feature(&mut self, info: &TypeInfo) {
        let package = info.krate.replace('_', "-");
        let e = self.out.features.entry(package).or_default();
        if let Some(f) = &info.feature {
            e.insert(f.clone());
        }
    }

    /// Converts every file.
    pub fn run(mut self) -> Output {
        let files = self.files;
        let mut items = Vec::new();
        for (fi, f) in files.iter().enumerate() {
            for s in f.body.iter() {
                match s {
                    Structure::Block(b) => {
                        let mut refs = BTreeSet::new();
                        refs_of_body(&b.body, &mut refs);
                        let declares = self.declares(b);
                        for d in &declares {
                            self.scope.known.insert(d.clone());
                        }
                        self.scan_provider_refs(&b.body);
                        items.push(Item {
                            file: fi,
                            block: b,
                            declares,
                            refs,
                        });
                    }
                    Structure::Attribute(a) => {
                        let at = a.span().map(|s| f.at(s.start)).unwrap_or_default();
                        self.out.diagnostics.push(Diagnostic {
                            at,
                            message: format!(
                                "argument `{}` outside any block: not converted",
                                a.key.value().as_str()
                            ),
                        });
                    }
                }
            }
        }
        for it in &items {
            self.referenced.extend(it.refs.iter().cloned());
        }
        for i in order(&items) {
            let it = &items[i];
            self.item(&files[it.file], it.block);
        }
        self.out.body = drop_unused_bindings(&self.out.body);
        self.out.escapes = self.scope.escapes;
        self.out.uses = std::mem::take(&mut self.scope.uses);
        self.out
            .diagnostics
            .append(&mut std::mem::take(&mut self.scope.diagnostics));
        self.out
    }

    fn scan_provider_refs(&mut self, body: &Body) {
        for a in body.attributes() {
            if a.key.value().as_str() == "provider" {
                self.provider_refs
                    .insert(a.value.to_string().trim().to_owned());
            }
            if a.key.value().as_str() == "providers" {
                if let Expression::Object(o) = &a.value {
                    for (_, v) in o.iter() {
                        self.provider_refs
                            .insert(v.expr().to_string().trim().to_owned());
                    }
                }
            }
        }
        for b in body.blocks() {
            self.scan_provider_refs(&b.body);
        }
    }

    fn declares(&self, b: &Block) -> Vec<String> {
        match b.ident.value().as_str() {
            "resource" => vec![format!("{}.{}", label(b, 0), label(b, 1))],
            "data" => vec![format!("data.{}.{}", label(b, 0), label(b, 1))],
            "variable" => vec![format!("var.{}", label(b, 0))],
            "module" => vec![format!("module.{}", label(b, 0))],
            "locals" => b
                .body
                .attributes()
                .map(|a| format!("local.{}", a.key.value().as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn item(&mut self, f: &SourceFile, b: &Block) {
        let start = b.span().map(|s| s.start).unwrap_or(0);
        let kind = b.ident.value().as_str().to_owned();
        let done = match kind.as_str() {
            "terraform" => self.terraform(f, b),
            "provider" => self.provider(f, b),
            "variable" => self.variable(f, b),
            "locals" => self.locals(f, b),
            "output" => self.output(f, b),
            "resource" | "data" => self.resource(f, b, kind == "data"),
            "module" => self.module(f, b),
            "moved" => self.moved(f, b),
            "import" => self.import_block(f, b),
            "removed" => self.removed(f, b),
            "check" => self.check(f, b),
            _ => Err(format!("`{kind}` blocks are not converted")),
        };
        if let Err(why) = done {
            self.verbatim(f, b, &why);
        } else {
            let _ = start;
        }
    }

    fn terraform(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let mut code = String::new();
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) if a.key.value().as_str() == "required_version" => {
                    let Expression::String(v) = &a.value else {
                        return Err("required_version is not a string".into());
                    };
                    code.push_str(&format!(".required_version({})", rust_str(v.value())));
                }
                Structure::Block(rp) if rp.ident.value().as_str() == "required_providers" => {
                    for a in rp.body.attributes() {
                        let name = a.key.value().as_str();
                        let Expression::Object(o) = &a.value else {
                            return Err(format!("required provider `{name}` is not an object"));
                        };
                        let mut source = None;
                        let mut version = String::new();
                        for (k, v) in o.iter() {
                            let key = crate::expr::key_name(k).unwrap_or_default();
                            let val = match v.expr() {
                                Expression::String(s) => s.value().clone(),
                                _ => return Err(format!("required provider `{name}`")),
                            };
                            match key.trim() {
                                "source" => source = Some(val),
                                "version" => version = val,
                                _ => return Err(format!("required provider `{name}`")),
                            }
                        }
                        let source = source.unwrap_or_else(|| format!("hashicorp/{name}"));
                        code.push_str(&format!(
                            ".require_provider({}, {}, {})",
                            rust_str(name),
                            rust_str(&source),
                            rust_str(&version)
                        ));
                    }
                }
                _ => return Err("only required_version and required_providers convert".into()),
            }
        }
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!("{c}s{code};"));
        Ok(())
    }

    fn provider(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let local = label(b, 0);
        let info = self
            .bindings
            .provider(&local)
            .ok_or_else(|| format!("the workspace has no bindings for provider `{local}`"))?;
        let alias = match b.body.get_attribute("alias").map(|a| &a.value) {
            Some(Expression::String(s)) => Some(s.value().clone()),
            Some(_) => return Err("alias is not a string".into()),
            None => None,
        };
        let mut inner = b.body.clone();
        inner.remove_attribute("alias");
        let path = format!("{}::provider", info.krate);
        let root = info.model.defs[0].name.clone();
        let mut code = self.build(f, &inner, &info, 0, &path, &root)?;
        self.import(&info.krate, &info.root_path);
        self.feature(&info);
        if let Some(a) = &alias {
            code = code.replacen("::new()", &format!("::new().alias({})", rust_str(a)), 1);
        }
        let addr = match &alias {
            Some(a) => format!("{local}.{a}"),
            None => local.clone(),
        };
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        if self.provider_refs.contains(&addr) {
            let name = self.ident(&addr.replace('.', "_"));
            self.providers.insert(addr, name.clone());
            self.line(&format!("{c}let {name} = s.provider({code});"));
        } else {
            self.line(&format!("{c}s.provider({code});"));
        }
        Ok(())
    }

    fn variable(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let name = label(b, 0);
        let (ty, mut code) = match b.body.get_attribute("type").map(|a| &a.value) {
            None => (Ty::Any, "Variable::new()".to_owned()),
            Some(t) => match type_of(t) {
                Some(ty) => (ty, "Variable::new()".to_owned()),
                None => {
                    let te = type_expr(t).ok_or("its type is not one the converter reads")?;
                    self.import("tfsynth", "TypeExpr");
                    (Ty::Any, format!("Variable::of_type({te})"))
                }
            },
        };
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key = a.key.value().as_str();
                    let c = self.comments(f, a.span().map(|s| s.start).unwrap_or(0));
                    code.push_str(&c);
                    match (key, &a.value) {
                        ("type", _) => {}
                        ("description", Expression::String(d)) => {
                            code.push_str(&format!(".description({})", rust_str(d.value())))
                        }
                        ("sensitive" | "nullable", Expression::Bool(v)) => {
                            code.push_str(&format!(".{key}({})", v.value()))
                        }
                        ("default", v) if is_plain_literal(v) || empty_collection(v) => {
                            if empty_collection(v) {
                                return Err("an empty default".into());
                            }
                            let mut e = self.scope.expr(f, v, &ty);
                            if e.starts_with("hcl::") {
                                return Err("a default the converter does not type".into());
                            }
                            if ty == Ty::Any {
                                if e.starts_with("list![") {
                                    e.push_str(".any()");
                                } else if !e.starts_with("obj!(") {
                                    return Err("a default of an untyped variable".into());
                                }
                            }
                            code.push_str(&format!(".default_value({e})"));
                        }
                        _ => return Err(format!("variable argument `{key}`")),
                    }
                }
                Structure::Block(v) if v.ident.value().as_str() == "validation" => {
                    let cond = v.body.get_attribute("condition").ok_or("validation")?;
                    let msg = v.body.get_attribute("error_message").ok_or("validation")?;
                    // Inside the rule, `var.NAME` is the closure's parameter, a `&Expr<T>`.
                    let addr = format!("var.{name}");
                    let param = if self.scope.taken.contains("v") {
                        "value"
                    } else {
                        "v"
                    };
                    self.scope
                        .handles
                        .insert(addr.clone(), Handle::Value(format!("*{param}"), ty.clone()));
                    let before = self.scope.escapes;
                    let cond = self.scope.expr(f, &cond.value, &Ty::Bool);
                    self.scope.handles.remove(&addr);
                    let msg = self.scope.expr(f, &msg.value, &Ty::Str);
                    let p = if self.scope.escapes > before {
                        "_"
                    } else {
                        param
                    };
                    code.push_str(&format!(".validation(|{p}| {cond}, {msg})"));
                }
                Structure::Block(_) => return Err("a block in a variable".into()),
            }
        }
        let rname = self.ident(&name);
        let mut u = Vec::new();
        ty_uses(&ty, &mut u);
        self.scope.uses.extend(u);
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        if self.referenced.contains(&format!("var.{name}")) {
            self.line(&format!(
                "{c}let {rname}: Expr<{}> = s.variable({}, {code});",
                ty.rust(),
                rust_str(&name)
            ));
        } else {
            self.line(&format!(
                "{c}s.variable::<{}>({}, {code});",
                ty.rust(),
                rust_str(&name)
            ));
        }
        self.scope
            .handles
            .insert(format!("var.{name}"), Handle::Value(rname, ty));
        Ok(())
    }

    fn locals(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        for a in b.body.attributes() {
            let name = a.key.value().as_str().to_owned();
            let ty = self.scope.infer(&a.value);
            let code = self.scope.expr(f, &a.value, &ty);
            let rname = self.ident(&name);
            let mut u = Vec::new();
            ty_uses(&ty, &mut u);
            self.scope.uses.extend(u);
            let c = self.comments(f, a.span().map(|s| s.start).unwrap_or(0));
            if self.referenced.contains(&format!("local.{name}")) {
                self.line(&format!(
                    "{c}let {rname}: Expr<{}> = s.local({}, {code});",
                    ty.rust(),
                    rust_str(&name)
                ));
            } else {
                self.line(&format!(
                    "{c}s.local::<{}, _>({}, {code});",
                    ty.rust(),
                    rust_str(&name)
                ));
            }
            self.scope
                .handles
                .insert(format!("local.{name}"), Handle::Value(rname, ty));
        }
        Ok(())
    }

    fn output(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let name = label(b, 0);
        let value = b
            .body
            .get_attribute("value")
            .ok_or("an output without value")?;
        let mut code = format!(
            "Output::new({})",
            self.scope.expr(f, &value.value, &Ty::Any)
        );
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) => match (a.key.value().as_str(), &a.value) {
                    ("value", _) => {}
                    ("description", Expression::String(d)) => {
                        code.push_str(&format!(".description({})", rust_str(d.value())))
                    }
                    ("sensitive", Expression::Bool(v)) => {
                        code.push_str(&format!(".sensitive({})", v.value()))
                    }
                    (k, _) => return Err(format!("output argument `{k}`")),
                },
                Structure::Block(_) => return Err("a block in an output".into()),
            }
        }
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!("{c}s.output({}, {code});", rust_str(&name)));
        Ok(())
    }

    fn module(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let name = label(b, 0);
        let Some(Expression::String(source)) = b.body.get_attribute("source").map(|a| &a.value)
        else {
            return Err("a module without a literal source".into());
        };
        let source = source.value().clone();
        if source.starts_with("./") || source.starts_with("../") {
            self.out.local_modules.insert(source.clone());
        }
        let mut code = format!("Module::new({})", rust_str(&source));
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key = a.key.value().as_str();
                    let c = self.comments(f, a.span().map(|s| s.start).unwrap_or(0));
                    code.push_str(&c);
                    match key {
                        "source" => {}
                        "version" => {
                            let v = self.scope.expr(f, &a.value, &Ty::Str);
                            code.push_str(&format!(".version({v})"));
                        }
                        "count" => {
                            let v = self.scope.expr(f, &a.value, &Ty::Num);
                            code.push_str(&format!(".count({v})"));
                        }
                        "for_each" => {
                            let v = self.scope.expr(f, &a.value, &Ty::Any);
                            code.push_str(&format!(".for_each({v})"));
                        }
                        "providers" => {
                            let Expression::Object(o) = &a.value else {
                                return Err("providers is not an object".into());
                            };
                            for (k, v) in o.iter() {
                                let addr = v.expr().to_string().trim().to_owned();
                                let p = self.providers.get(&addr).ok_or("providers")?.clone();
                                code.push_str(&format!(
                                    ".provider({}, &{p})",
                                    rust_str(&crate::expr::key_name(k).unwrap_or_default())
                                ));
                            }
                        }
                        "depends_on" => return Err("module depends_on".into()),
                        _ => {
                            let v = self.scope.expr(f, &a.value, &Ty::Any);
                            code.push_str(&format!(".input({}, {v})", rust_str(key)));
                        }
                    }
                }
                Structure::Block(_) => return Err("a block in a module call".into()),
            }
        }
        self.import("tfsynth", "Module");
        let rname = self.ident(&name);
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        let bind = if self.referenced.contains(&format!("module.{name}")) {
            format!("let {rname} = ")
        } else {
            String::new()
        };
        self.line(&format!("{c}{bind}s.module({}, {code});", rust_str(&name)));
        self.scope
            .handles
            .insert(format!("module.{name}"), Handle::Module(rname));
        Ok(())
    }

    /// `ignore_changes = [a, b]` as `.ignore_changes(|r| r.a())...`, `all` as
    /// `.ignore_all_changes()`: top-level arguments and blocks of the type.
    fn ignore_changes(&self, info: &TypeInfo, v: &Expression) -> Result<String, String> {
        if let Expression::Variable(all) = v {
            if all.value().as_str() == "all" {
                return Ok(".ignore_all_changes()".into());
            }
        }
        let Expression::Array(arr) = v else {
            return Err("ignore_changes".into());
        };
        let mut out = String::new();
        for item in arr.iter() {
            let name = match item {
                Expression::Variable(n) => n.value().as_str().to_owned(),
                Expression::String(n) => n.value().clone(),
                _ => return Err("ignore_changes of a nested path".into()),
            };
            let field = info.model.defs[0]
                .fields
                .iter()
                .find(|f| f.name == name)
                .ok_or_else(|| format!("ignore_changes of `{name}`, not an argument"))?;
            out.push_str(&format!(".ignore_changes(|r| r.{}())", field.ident));
        }
        Ok(out)
    }

    fn target(&self, e: &Expression) -> Option<String> {
        let text = e.to_string().trim().to_owned();
        match self.scope.handles.get(&text)? {
            Handle::Block(b, _, _) | Handle::Module(b) => Some(b.clone()),
            Handle::Value(..) => None,
        }
    }

    fn moved(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let from = b.body.get_attribute("from").ok_or("moved without from")?;
        let to = b.body.get_attribute("to").ok_or("moved without to")?;
        let to = self
            .target(&to.value)
            .ok_or("moved to something not declared in Rust")?;
        let from = from.value.to_string().trim().to_owned();
        self.import("tfsynth", "Moved");
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!(
            "{c}s.moved(Moved::new({}, &{to}));",
            rust_str(&from)
        ));
        Ok(())
    }

    fn removed(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let from = b.body.get_attribute("from").ok_or("removed without from")?;
        let from = from.value.to_string().trim().to_owned();
        // Terraform's default is to destroy.
        let mut destroy = true;
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) if a.key.value().as_str() == "from" => {}
                Structure::Block(l) if l.ident.value().as_str() == "lifecycle" => {
                    for la in l.body.iter() {
                        match la {
                            Structure::Attribute(a) if a.key.value().as_str() == "destroy" => {
                                let Expression::Bool(v) = &a.value else {
                                    return Err("removed with a computed destroy".into());
                                };
                                destroy = *v.value();
                            }
                            _ => return Err("removed with lifecycle beyond destroy".into()),
                        }
                    }
                }
                _ => return Err("removed with provisioners".into()),
            }
        }
        self.import("tfsynth", "Removed");
        let how = if destroy { "destroy" } else { "forget" };
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!(
            "{c}s.removed(Removed::{how}({}));",
            rust_str(&from)
        ));
        Ok(())
    }

    fn import_block(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let to = b.body.get_attribute("to").ok_or("import without to")?;
        let id = b.body.get_attribute("id").ok_or("import without id")?;
        if b.body.iter().count() != 2 {
            return Err("import with for_each or provider".into());
        }
        let to = self
            .target(&to.value)
            .ok_or("import to something not declared in Rust")?;
        let id = self.scope.expr(f, &id.value, &Ty::Str);
        self.import("tfsynth", "Import");
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!("{c}s.import(Import::new(&{to}, {id}));"));
        Ok(())
    }

    fn check(&mut self, f: &SourceFile, b: &Block) -> Result<(), String> {
        let name = label(b, 0);
        let mut code = "Check::new()".to_owned();
        for blk in b.body.blocks() {
            if blk.ident.value().as_str() != "assert" {
                return Err("a check with a scoped data source".into());
            }
            let cond = blk.body.get_attribute("condition").ok_or("assert")?;
            let msg = blk.body.get_attribute("error_message").ok_or("assert")?;
            let cond = self.scope.expr(f, &cond.value, &Ty::Bool);
            let msg = self.scope.expr(f, &msg.value, &Ty::Str);
            code.push_str(&format!(".assert({cond}, {msg})"));
        }
        self.import("tfsynth", "Check");
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        self.line(&format!("{c}s.check({}, {code});", rust_str(&name)));
        Ok(())
    }

    fn resource(&mut self, f: &SourceFile, b: &Block, is_data: bool) -> Result<(), String> {
        let tn = label(b, 0);
        let name = label(b, 1);
        let Some(info) = self.bindings.lookup(is_data, &tn) else {
            let p = provider_of(&tn);
            return Err(if Bindings::binds_provider(p) {
                format!("unknown type `{tn}` (not in the pinned {p} schema)")
            } else {
                format!("no bindings for provider `{p}` (type `{tn}`)")
            });
        };
        let mut meta = String::new();
        let mut inner = Body::new();
        let mut repeat = Repeat::One;
        for s in b.body.iter() {
            match s {
                Structure::Attribute(a) => match a.key.value().as_str() {
                    "count" => {
                        repeat = Repeat::Count;
                        meta.push_str(&format!(
                            ".count({})",
                            self.scope.expr(f, &a.value, &Ty::Num)
                        ));
                    }
                    "for_each" => {
                        repeat = Repeat::ForEach;
                        let v = self.scope.expr(f, &a.value, &Ty::Any);
                        meta.push_str(&format!(".for_each({v})"));
                    }
                    "provider" => {
                        let addr = a.value.to_string().trim().to_owned();
                        let p = self.providers.get(&addr).ok_or("provider not declared")?;
                        meta.push_str(&format!(".provider(&{p})"));
                    }
                    "depends_on" => {
                        let Expression::Array(arr) = &a.value else {
                            return Err("depends_on".into());
                        };
                        let mut deps = Vec::new();
                        for d in arr.iter() {
                            deps.push(format!("&{}", self.target(d).ok_or("depends_on")?));
                        }
                        meta.push_str(&format!(".depends_on([{}])", deps.join(", ")));
                    }
                    _ => inner.push(s.clone()),
                },
                Structure::Block(bl) if bl.ident.value().as_str() == "lifecycle" => {
                    for la in bl.body.iter() {
                        match la {
                            Structure::Attribute(x)
                                if matches!(
                                    x.key.value().as_str(),
                                    "create_before_destroy" | "prevent_destroy"
                                ) =>
                            {
                                let Expression::Bool(v) = &x.value else {
                                    return Err("lifecycle".into());
                                };
                                meta.push_str(&format!(
                                    ".{}({})",
                                    x.key.value().as_str(),
                                    v.value()
                                ));
                            }
                            Structure::Attribute(x)
                                if x.key.value().as_str() == "ignore_changes" =>
                            {
                                meta.push_str(&self.ignore_changes(&info, &x.value)?);
                            }
                            Structure::Attribute(x)
                                if x.key.value().as_str() == "replace_triggered_by" =>
                            {
                                let Expression::Array(arr) = &x.value else {
                                    return Err("replace_triggered_by".into());
                                };
                                for d in arr.iter() {
                                    let before = self.scope.escapes;
                                    let code = match self.target(d) {
                                        Some(h) => {
                                            format!("tfsynth::Ref::expr::<tfsynth::Any>(&{h})")
                                        }
                                        None => self.scope.expr(f, d, &Ty::Any),
                                    };
                                    if self.scope.escapes > before {
                                        return Err("replace_triggered_by an expression".into());
                                    }
                                    meta.push_str(&format!(".replace_triggered_by({code})"));
                                }
                            }
                            Structure::Block(c) if c.ident.value().as_str() == "precondition" => {
                                let cond =
                                    c.body.get_attribute("condition").ok_or("precondition")?;
                                let msg = c
                                    .body
                                    .get_attribute("error_message")
                                    .ok_or("precondition")?;
                                let cond = self.scope.expr(f, &cond.value, &Ty::Bool);
                                let msg = self.scope.expr(f, &msg.value, &Ty::Str);
                                meta.push_str(&format!(".precondition({cond}, {msg})"));
                            }
                            _ => {
                                return Err("lifecycle beyond create_before_destroy, \
                                            prevent_destroy, ignore_changes, \
                                            replace_triggered_by and precondition"
                                    .into())
                            }
                        }
                    }
                }
                Structure::Block(bl)
                    if matches!(bl.ident.value().as_str(), "provisioner" | "connection") =>
                {
                    return Err(format!("a `{}` block", bl.ident.value().as_str()));
                }
                _ => inner.push(s.clone()),
            }
        }
        let root = info.model.defs[0].name.clone();
        // Nested types are named through their module (`lb_listener::DefaultAction`), data
        // sources through the crate's `data` module.
        let data_mod = if info.provider == "aws" {
            "data".to_owned()
        } else {
            format!("{}_data", info.provider)
        };
        let (path, tyname) = if is_data {
            let m = info.module.trim_start_matches("data::");
            (format!("{data_mod}::{m}"), format!("{data_mod}::{root}"))
        } else if self.clashes(&info.krate, &root) || self.clashes(&info.krate, &info.module) {
            // Another provider's type has this name: this one goes by its crate path.
            let krate_path = format!("{}::{}", info.krate, info.module);
            (krate_path, format!("{}::{root}", info.krate))
        } else {
            (info.module.clone(), root.clone())
        };
        let code = self.build(f, &inner, &info, 0, &path, &tyname)?;
        if !meta.is_empty() {
            self.scope.uses.insert("MetaArgs");
        }
        if is_data {
            let imp = if data_mod == "data" {
                "data".to_owned()
            } else {
                format!("data as {data_mod}")
            };
            self.import(&info.krate, &imp);
        } else if !tyname.contains("::") {
            self.import(&info.krate, &root);
            if code.contains(&format!("{path}::")) {
                self.import(&info.krate, &path);
            }
        }
        self.feature(&info);
        let addr = if is_data {
            format!("data.{tn}.{name}")
        } else {
            format!("{tn}.{name}")
        };
        let short = tn.split_once('_').map(|x| x.1).unwrap_or(&tn);
        let want = if self.idents.contains(&name) || name == "this" || name == "main" {
            format!("{name}_{short}")
        } else {
            name.clone()
        };
        let rname = self.ident(&want);
        let c = self.comments(f, b.span().map(|s| s.start).unwrap_or(0));
        let call = if is_data { "data" } else { "resource" };
        let bind = if self.referenced.contains(&addr) {
            format!("let {rname} = ")
        } else {
            String::new()
        };
        self.line(&format!(
            "{c}{bind}s.{call}({}, {code}{meta});",
            rust_str(&name)
        ));
        self.scope
            .handles
            .insert(addr, Handle::Block(rname, info.clone(), repeat));
        Ok(())
    }

    /// `Type::new(required...)` and its setters, for the body of a block of `def`.
    fn build(
        &mut self,
        f: &SourceFile,
        body: &Body,
        info: &Rc<TypeInfo>,
        def: usize,
        path: &str,
        tyname: &str,
    ) -> Result<String, String> {
        let d = &info.model.defs[def];
        let full = format!("{}::{}", info.krate, info.module);
        let mut required: BTreeMap<String, String> = BTreeMap::new();
        let mut setters = String::new();
        let mut seen_required_block: BTreeSet<String> = BTreeSet::new();
        for s in body.iter() {
            let (key, offset) = match s {
                Structure::Attribute(a) => (a.key.value().as_str().to_owned(), a.span()),
                Structure::Block(bl) => {
                    let k = if bl.ident.value().as_str() == "dynamic" {
                        label(bl, 0)
                    } else {
                        bl.ident.value().as_str().to_owned()
                    };
                    (k, bl.span())
                }
            };
            // In a builder chain a comment goes on lines of its own above its setter (rustfmt
            // would move one that follows a setter onto that setter's line).
            let comment = self.comments(f, offset.map(|s| s.start).unwrap_or(0));
            let comment = if comment.is_empty() {
                comment
            } else {
                format!("\n{comment}")
            };
            let field =
                d.fields.iter().find(|fl| fl.name == key).ok_or_else(|| {
                    format!("`{key}` is not an argument or block of `{}`", d.path)
                })?;
            match (&field.kind, s) {
                (
                    FieldKind::Attr {
                        ty,
                        required: req,
                        settable,
                        ..
                    },
                    Structure::Attribute(a),
                ) => {
                    let t = Ty::from_model(ty, info, &full);
                    let mut v = self.scope.expr(f, &a.value, &t);
                    match (&field.enum_ty, &a.value) {
                        (Some(er), Expression::String(lit)) if !er.list => {
                            v = self.enum_literal(f, info, er, lit.value(), a.span());
                        }
                        // A list of enum values: the variants when every element is one,
                        // else each element an `EnumValue` (a variant, an unlisted value, or
                        // an expression).
                        (Some(er), Expression::Array(items)) if er.list && items.is_empty() => {
                            v = format!(
                                "Vec::<{}::{}::{}>::new()",
                                info.krate, er.service, er.name
                            );
                        }
                        (Some(er), Expression::Array(items)) if er.list => {
                            let mut parts = Vec::new();
                            for item in items {
                                parts.push(match item {
                                    Expression::String(lit) => (
                                        self.enum_literal(f, info, er, lit.value(), a.span()),
                                        true,
                                    ),
                                    other => (
                                        format!(
                                            "tfsynth::provider_rules::EnumValue::from({})",
                                            self.scope.expr(f, other, &Ty::Str)
                                        ),
                                        false,
                                    ),
                                });
                            }
                            let variants = parts
                                .iter()
                                .all(|(p, lit)| *lit && !p.contains("::unlisted("));
                            let parts: Vec<String> = parts
                                .into_iter()
                                .map(|(p, lit)| {
                                    if variants || !lit || p.contains("::unlisted(") {
                                        p
                                    } else {
                                        format!("{p}.into()")
                                    }
                                })
                                .collect();
                            v = format!("[{}]", parts.join(", "));
                        }
                        _ => {}
                    }
                    if *req {
                        required.insert(field.ident.clone(), v);
                    } else if *settable {
                        setters.push_str(&format!("{comment}.{}({v})", field.ident));
                    } else {
                        return Err(format!("`{key}` cannot be set"));
                    }
                }
                (
                    FieldKind::Block {
                        def: bd,
                        multiplicity,
                        required: req,
                        ..
                    },
                    Structure::Block(bl),
                ) => {
                    let bname = info.model.defs[*bd].name.clone();
                    let bpath = format!("{path}::{bname}");
                    if bl.ident.value().as_str() == "dynamic" {
                        if *multiplicity == Multiplicity::Map {
                            return Err("a dynamic map block".into());
                        }
                        let (fe, content) = dynamic_parts(bl)?;
                        let (fe, elem) = self.scope.for_each_of(f, &fe.value);
                        let param = self.ident(&key);
                        self.scope
                            .iterators
                            .push((key.clone(), param.clone(), elem));
                        let inner = self.build(f, &content.body, info, *bd, path, &bpath);
                        self.scope.iterators.pop();
                        self.idents.remove(&param);
                        let inner = inner?;
                        if *req
                            && *multiplicity == Multiplicity::Many
                            && !seen_required_block.contains(&key)
                        {
                            // A required block given only as `dynamic`: `AtLeastOne::dynamic`,
                            // whose iterator keeps the block's name.
                            seen_required_block.insert(key.clone());
                            required.insert(
                                field.ident.clone(),
                                format!(
                                    "tfsynth::AtLeastOne::dynamic({fe}, {key:?}, |{param}, _| {inner})"
                                ),
                            );
                            continue;
                        }
                        setters.push_str(&format!(
                            "{comment}.dynamic_{}({fe}, |{param}| {inner})",
                            field.ident.trim_end_matches('_')
                        ));
                        continue;
                    }
                    if !bl.labels.is_empty() || *multiplicity == Multiplicity::Map {
                        return Err("a labelled nested block".into());
                    }
                    let inner = self.build(f, &bl.body, info, *bd, path, &bpath)?;
                    if *req && !seen_required_block.contains(&key) {
                        seen_required_block.insert(key.clone());
                        required.insert(field.ident.clone(), inner);
                    } else if *multiplicity == Multiplicity::Many {
                        setters.push_str(&format!(
                            "{comment}.add_{}({inner})",
                            field.ident.trim_end_matches('_')
                        ));
                    } else {
                        setters.push_str(&format!("{comment}.{}({inner})", field.ident));
                    }
                }
                (
                    FieldKind::Attr {
                        ty, settable: true, ..
                    },
                    Structure::Block(bl),
                ) => {
                    // An attribute of objects written as blocks (`route { ... }`).
                    use tfsynth_codegen::model::Ty as M;
                    let (M::List(inner) | M::Set(inner)) = ty else {
                        return Err(format!("`{key}` is an argument, written as a block"));
                    };
                    let M::Object(od) = **inner else {
                        return Err(format!("`{key}` is an argument, written as a block"));
                    };
                    let oname = info.model.defs[od].name.clone();
                    let opath = format!("{path}::{oname}");
                    let setter = field.ident.trim_end_matches('_').to_owned();
                    if bl.ident.value().as_str() == "dynamic" {
                        let (fe, content) = dynamic_parts(bl)?;
                        let (fe, elem) = self.scope.for_each_of(f, &fe.value);
                        let param = self.ident(&key);
                        self.scope
                            .iterators
                            .push((key.clone(), param.clone(), elem));
                        let inner = self.build(f, &content.body, info, od, path, &opath);
                        self.scope.iterators.pop();
                        self.idents.remove(&param);
                        let inner = inner?;
                        setters.push_str(&format!(
                            "{comment}.dynamic_{setter}({fe}, |{param}| {inner})"
                        ));
                    } else {
                        if !bl.labels.is_empty() {
                            return Err("a labelled nested block".into());
                        }
                        let inner = self.build(f, &bl.body, info, od, path, &opath)?;
                        setters.push_str(&format!("{comment}.add_{setter}({inner})"));
                    }
                }
                _ => {
                    return Err(format!(
                        "`{key}` is written as the wrong kind (block or argument)"
                    ))
                }
            }
        }
        let req_fields: Vec<_> = d.fields.iter().filter(|fl| fl.is_required()).collect();
        for fl in &req_fields {
            if !required.contains_key(&fl.ident) {
                return Err(format!("required `{}` is missing", fl.name));
            }
        }
        let ctor = match (req_fields.len(), &d.args_name) {
            (0, _) => format!("{tyname}::new()"),
            (_, Some(args)) => {
                let args_path = match tyname.rsplit_once("::") {
                    Some((prefix, _)) => format!("{prefix}::{args}"),
                    None => {
                        self.import(&info.krate, args);
                        args.clone()
                    }
                };
                let fields: Vec<String> = req_fields
                    .iter()
                    .map(|fl| {
                        let v = &required[&fl.ident];
                        if matches!(
                            fl.kind,
                            FieldKind::Block {
                                multiplicity: Multiplicity::Many,
                                ..
                            }
                        ) && !v.starts_with("tfsynth::AtLeastOne::")
                        {
                            format!("{}: {v}.into()", fl.ident)
                        } else if matches!(fl.kind, FieldKind::Block { .. }) {
                            format!("{}: {v}", fl.ident)
                        } else {
                            format!("{}: {}.into()", fl.ident, paren(v))
                        }
                    })
                    .collect();
                format!("{tyname}::new({args_path} {{ {} }})", fields.join(", "))
            }
            (_, None) => {
                let v = &required[&req_fields[0].ident];
                format!("{tyname}::new({v})")
            }
        };
        Ok(format!("{ctor}{setters}"))
    }
}

/// `for_each` and `content` of a `dynamic` block without an `iterator`.
fn dynamic_parts(bl: &Block) -> Result<(&hcl::edit::structure::Attribute, &Block), String> {
    let fe = bl
        .body
        .get_attribute("for_each")
        .ok_or("a dynamic block without for_each")?;
    if bl.body.get_attribute("iterator").is_some() || bl.body.iter().count() != 2 {
        return Err("a dynamic block with an iterator or labels".into());
    }
    let content = bl
        .body
        .get_blocks("content")
        .next()
        .ok_or("a dynamic block without content")?;
    Ok((fe, content))
}

/// `let x = s.resource(...)` where `x` is not used again (its references were all escaped)
/// becomes `s.resource(...)`; `let x: Expr<T> = s.variable(` becomes `s.variable::<T>(`.
fn drop_unused_bindings(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix("let ") else {
            out.push_str(line);
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if uses_of(body, &name) > 1 {
            out.push_str(line);
            continue;
        }
        let indent = &line[..line.len() - t.len()];
        let after = &rest[name.len()..];
        if let Some(typed) = after.strip_prefix(": Expr<") {
            // `: Expr<T> = s.variable(` or `s.local(`
            let Some((ty, call)) = typed.split_once("> = s.") else {
                out.push_str(line);
                continue;
            };
            let Some((method, args)) = call.split_once('(') else {
                out.push_str(line);
                continue;
            };
            let turbofish = if method == "local" {
                format!("{ty}, _")
            } else {
                ty.to_owned()
            };
            out.push_str(&format!("{indent}s.{method}::<{turbofish}>({args}"));
        } else if let Some(call) = after.strip_prefix(" = ") {
            out.push_str(&format!("{indent}{call}"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// How often `name` occurs in `text` as a whole word outside string literals (plain and raw
/// ones, as the converter writes them).
fn uses_of(text: &str, name: &str) -> usize {
    let bytes = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let prev_word = i > 0 && word(bytes[i - 1]);
        if bytes[i] == b'r' && !prev_word && matches!(bytes.get(i + 1), Some(b'#' | b'"')) {
            let hashes = bytes[i + 1..].iter().take_while(|c| **c == b'#').count();
            if bytes.get(i + 1 + hashes) == Some(&b'"') {
                let close = format!("\"{}", "#".repeat(hashes));
                let from = i + 2 + hashes;
                i = text[from..]
                    .find(&close)
                    .map_or(bytes.len(), |e| from + e + close.len());
                continue;
            }
        }
        if bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            continue;
        }
        if !prev_word
            && text[i..].starts_with(name)
            && bytes.get(i + name.len()).is_none_or(|c| !word(*c))
        {
            n += 1;
            i += name.len();
            continue;
        }
        i += 1;
    }
    n
}

fn paren(v: &str) -> String {
    if v.starts_with('&') {
        format!("({v})")
    } else {
        v.to_owned()
    }
}

fn ty_uses(t: &Ty, out: &mut Vec<&'static str>) {
    match t {
        Ty::Num => out.push("Number"),
        Ty::Any => out.push("Any"),
        Ty::List(x) => {
            out.push("List");
            ty_uses(x, out)
        }
        Ty::Set(x) => {
            out.push("Set");
            ty_uses(x, out)
        }
        Ty::Map(x) => {
            out.push("Map");
            ty_uses(x, out)
        }
        _ => {}
    }
}

fn empty_collection(e: &Expression) -> bool {
    match e {
        Expression::Array(a) => a.is_empty(),
        Expression::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A variable's `type` as a Rust type, for the types the converter types.
fn type_of(e: &Expression) -> Option<Ty> {
    match e {
        Expression::Variable(v) => match v.value().as_str() {
            "string" => Some(Ty::Str),
            "number" => Some(Ty::Num),
            "bool" => Some(Ty::Bool),
            "any" => Some(Ty::Any),
            _ => None,
        },
        Expression::FuncCall(c) if c.args.len() == 1 => {
            let inner = Box::new(type_of(c.args.iter().next()?)?);
            if *inner == Ty::Any {
                return None;
            }
            match c.name.name.value().as_str() {
                "list" => Some(Ty::List(inner)),
                "set" => Some(Ty::Set(inner)),
                "map" => Some(Ty::Map(inner)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A type constraint as `TypeExpr` code: primitives, collections, objects (with `optional`
/// attributes and literal defaults) and tuples.
fn type_expr(e: &Expression) -> Option<String> {
    match e {
        Expression::Variable(v) => Some(
            match v.value().as_str() {
                "string" => "TypeExpr::String",
                "number" => "TypeExpr::Number",
                "bool" => "TypeExpr::Bool",
                "any" => "TypeExpr::Any",
                _ => return None,
            }
            .to_owned(),
        ),
        Expression::FuncCall(c) if c.name.namespace.is_empty() => {
            let args: Vec<&Expression> = c.args.iter().collect();
            match (c.name.name.value().as_str(), &args[..]) {
                (name @ ("list" | "set" | "map"), [t]) => {
                    Some(format!("TypeExpr::{name}({})", type_expr(t)?))
                }
                ("tuple", [Expression::Array(a)]) => {
                    let items: Option<Vec<String>> = a.iter().map(type_expr).collect();
                    Some(format!("TypeExpr::tuple([{}])", items?.join(", ")))
                }
                ("object", [Expression::Object(o)]) => {
                    let mut required = Vec::new();
                    let mut optional = String::new();
                    for (k, v) in o.iter() {
                        let name = crate::expr::key_name(k)?;
                        match v.expr() {
                            Expression::FuncCall(oc)
                                if oc.name.name.value().as_str() == "optional" =>
                            {
                                let oargs: Vec<&Expression> = oc.args.iter().collect();
                                let t = type_expr(oargs.first()?)?;
                                let default = match oargs.get(1) {
                                    None => "None".to_owned(),
                                    Some(Expression::String(s)) => {
                                        format!("Some({}.into())", rust_str(s.value()))
                                    }
                                    Some(Expression::Number(n)) => {
                                        format!("Some({}.into())", n.value())
                                    }
                                    Some(Expression::Bool(b)) => {
                                        format!("Some({}.into())", b.value())
                                    }
                                    Some(_) => return None,
                                };
                                optional.push_str(&format!(
                                    ".with_optional({}, {t}, {default})",
                                    rust_str(&name)
                                ));
                            }
                            t => required.push(format!("({}, {})", rust_str(&name), type_expr(t)?)),
                        }
                    }
                    let attrs = if required.is_empty() {
                        "::<&str>([])".to_owned()
                    } else {
                        format!("([{}])", required.join(", "))
                    };
                    Some(format!("TypeExpr::object{attrs}{optional}"))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The order to declare items in: each after the items it references, otherwise as written.
fn order(items: &[Item<'_>]) -> Vec<usize> {
    let mut by_addr: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        for d in &it.declares {
            by_addr.insert(d, i);
        }
    }
    let mut done = vec![false; items.len()];
    let mut visiting = vec![false; items.len()];
    let mut out = Vec::new();
    fn visit(
        i: usize,
        items: &[Item<'_>],
        by_addr: &BTreeMap<&str, usize>,
        done: &mut [bool],
        visiting: &mut [bool],
        out: &mut Vec<usize>,
    ) {
        if done[i] || visiting[i] {
            return;
        }
        visiting[i] = true;
        for r in &items[i].refs {
            if let Some(&j) = by_addr.get(r.as_str()) {
                visit(j, items, by_addr, done, visiting, out);
            }
        }
        visiting[i] = false;
        done[i] = true;
        out.push(i);
    }
    // Settings and providers first, as a reader expects them.
    let rank = |it: &Item<'_>| match it.block.ident.value().as_str() {
        "terraform" => 0,
        "provider" => 1,
        "variable" => 2,
        _ => 3,
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&i| (rank(&items[i]), i));
    for i in idx {
        visit(i, items, &by_addr, &mut done, &mut visiting, &mut out);
    }
    // `moved`, `import` and `output` need what they name: keep them after it.
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_in_strings_are_not_uses() {
        assert_eq!(
            uses_of("let a = 1; f(&a); g(\"a\"); h(r#\"a \"q\" a\"#)", "a"),
            2
        );
        assert_eq!(uses_of("let ab = a_b;", "a"), 0);
    }

    #[test]
    fn unused_bindings_become_plain_calls() {
        let body = "let vpc = s.resource(\"v\", Vpc::new());\nlet x: Expr<String> = s.variable(\"x\", Variable::new());\nlet l: Expr<Any> = s.local(\"l\", hcl::<Any>(\"var.x\"));\nlet y: Expr<String> = s.variable(\"y\", Variable::new());\ns.output(\"o\", Output::new(&y));\n";
        assert_eq!(
            drop_unused_bindings(body),
            "s.resource(\"v\", Vpc::new());\ns.variable::<String>(\"x\", Variable::new());\ns.local::<Any, _>(\"l\", hcl::<Any>(\"var.x\"));\nlet y: Expr<String> = s.variable(\"y\", Variable::new());\ns.output(\"o\", Output::new(&y));\n"
        );
    }

    #[test]
    fn for_expressions_and_comparisons_are_typed() {
        let c = crate::convert_str(
            "t.tf",
            "variable \"names\" {\n  type = list(string)\n}\nlocals {\n  up = [for n in var.names : upper(n) if n != \"x\"]\n  many = length(var.names) > 2\n}\noutput \"o\" {\n  value = local.up\n}\noutput \"m\" {\n  value = local.many\n}\n",
            "t",
        )
        .unwrap();
        assert_eq!(c.escapes, 0, "{}", c.lib_rs);
        assert!(
            c.lib_rs.contains("For::values(\"n\", &names).filter(|_, n| n.not_equals(\"x\")).to_list::<String, _>(|n| functions::upper(&n))"),
            "{}",
            c.lib_rs
        );
        assert!(
            c.lib_rs.contains("functions::length(&names).gt(2)"),
            "{}",
            c.lib_rs
        );
    }

    #[test]
    fn two_providers_types_of_one_name_do_not_clash() {
        let c = crate::convert_str(
            "t.tf",
            "resource \"local_file\" \"a\" {\n  filename = \"a\"\n}\nresource \"archive_file\" \"z\" {\n  type = \"zip\"\n  output_path = \"z.zip\"\n}\n",
            "t",
        )
        .unwrap();
        assert!(
            c.lib_rs.contains("use tfsynth_local::File;"),
            "{}",
            c.lib_rs
        );
        assert!(
            c.lib_rs
                .contains("tfsynth_archive::File::new(tfsynth_archive::FileArgs {"),
            "{}",
            c.lib_rs
        );
    }
}

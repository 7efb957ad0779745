//! HCL expressions to Rust expressions of tfsynth, typed where the type is known.
//!
//! Each expression is converted for the type its place wants (a setter's, a variable's):
//! literals become Rust literals, references to declared things their typed handles
//! (`vpc.id()`, `&region`, `count_index()`), string templates `template!(...)`. What the
//! converter cannot type is written as the one escape, `hcl::<T>("source text")`, which
//! passes the HCL through unchanged ([`tfsynth::Expr::raw_hcl`]).

use std::collections::BTreeMap;
use std::rc::Rc;

use hcl::edit::expr::{
    BinaryOp, BinaryOperator, Expression, ForExpr, ObjectKey, TraversalOperator, UnaryOperator,
};
use hcl::edit::template::{Directive, Element};
use hcl::edit::Span;

use crate::bindings::TypeInfo;
use crate::load::SourceFile;

/// A Terraform type as the converted code spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`
    Str,
    /// `Number`
    Num,
    /// `bool`
    Bool,
    /// `Any`
    Any,
    /// `List<T>`
    List(Box<Ty>),
    /// `Set<T>`
    Set(Box<Ty>),
    /// `Map<T>`
    Map(Box<Ty>),
    /// A generated object type, by its Rust path.
    Named(String),
}

impl Ty {
    /// The Rust type.
    pub fn rust(&self) -> String {
        match self {
            Self::Str => "String".into(),
            Self::Num => "Number".into(),
            Self::Bool => "bool".into(),
            Self::Any => "Any".into(),
            Self::List(t) => format!("List<{}>", t.rust()),
            Self::Set(t) => format!("Set<{}>", t.rust()),
            Self::Map(t) => format!("Map<{}>", t.rust()),
            Self::Named(p) => p.clone(),
        }
    }

    /// From the generator's model type; `path` names the module of the type's nested structs.
    pub fn from_model(t: &tfsynth_codegen::model::Ty, info: &TypeInfo, path: &str) -> Self {
        use tfsynth_codegen::model::Ty as M;
        match t {
            M::String => Self::Str,
            M::Number => Self::Num,
            M::Bool => Self::Bool,
            M::Any => Self::Any,
            M::List(t) => Self::List(Box::new(Self::from_model(t, info, path))),
            M::Set(t) => Self::Set(Box::new(Self::from_model(t, info, path))),
            M::Map(t) => Self::Map(Box::new(Self::from_model(t, info, path))),
            M::Object(i) => Self::Named(format!("{path}::{}", info.model.defs[*i].name)),
        }
    }

    /// The prelude names the type uses.
    fn uses(&self, out: &mut Vec<&'static str>) {
        match self {
            Self::Num => out.push("Number"),
            Self::Any => out.push("Any"),
            Self::List(t) => {
                out.push("List");
                t.uses(out);
            }
            Self::Set(t) => {
                out.push("Set");
                t.uses(out);
            }
            Self::Map(t) => {
                out.push("Map");
                t.uses(out);
            }
            _ => {}
        }
    }
}

/// How a declared thing is reached from Rust.
#[derive(Debug, Clone)]
pub enum Handle {
    /// A variable or local: a Rust binding of `Expr<T>`.
    Value(String, Ty),
    /// A resource or data source: a `Ref<_>` binding, its type, and how it repeats.
    Block(String, Rc<TypeInfo>, Repeat),
    /// A module call: a `ModuleRef` binding.
    Module(String),
}

/// `count`, `for_each` or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// One instance.
    One,
    /// `count`
    Count,
    /// `for_each`
    ForEach,
}

/// A finding about the input, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `file:line`
    pub at: String,
    /// What was found.
    pub message: String,
}

/// What expressions are converted against.
#[derive(Debug, Default)]
pub struct Scope {
    /// Declared things by their HCL address (`var.region`, `aws_vpc.main`, `module.net`).
    pub handles: BTreeMap<String, Handle>,
    /// Every address the configuration declares (declared in Rust yet or not).
    pub known: std::collections::BTreeSet<String>,
    /// Iterator names of the dynamic blocks being converted, with their closure parameter and
    /// the element's type.
    pub iterators: Vec<(String, String, Ty)>,
    /// Symbols of the `for` expressions being converted: HCL name, closure parameter, type.
    pub symbols: Vec<(String, String, Ty)>,
    /// Rust names in use (closure parameters must not shadow a handle they use).
    pub taken: std::collections::BTreeSet<String>,
    /// Escapes written.
    pub escapes: usize,
    /// The template being converted is a heredoc: its literals are one token per line, so a
    /// strip marker (`~`) trims the line beside it only, as Terraform's scanner splits them.
    per_line: bool,
    /// Prelude names used.
    pub uses: std::collections::BTreeSet<&'static str>,
    /// References to things the configuration does not declare.
    pub diagnostics: Vec<Diagnostic>,
}

/// A Rust string literal.
pub fn rust_str(s: &str) -> String {
    if s.contains('"') || s.contains('\\') || s.contains('\n') {
        let mut hashes = String::from("#");
        while s.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        if !s.contains('\r') && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return format!("r{hashes}\"{s}\"{hashes}");
        }
    }
    format!("{s:?}")
}

impl Scope {
    fn escape(&mut self, f: &SourceFile, e: &Expression, want: &Ty) -> String {
        self.escapes += 1;
        let mut text = e
            .span()
            .map(|s| f.slice(&s).trim().to_owned())
            .unwrap_or_default();
        if text.is_empty() {
            text = e.to_string().trim().to_owned();
        }
        // A heredoc ends with its marker on a line of its own: the closing `}` of the
        // interpolation this becomes must not follow it on that line.
        if matches!(e, Expression::HeredocTemplate(_)) {
            text.push('\n');
        }
        want.uses(&mut Vec::new());
        let mut u = Vec::new();
        want.uses(&mut u);
        self.uses.extend(u);
        format!("hcl::<{}>({})", want.rust(), rust_str(&text))
    }

    fn use_ty(&mut self, t: &Ty) {
        let mut u = Vec::new();
        t.uses(&mut u);
        self.uses.extend(u);
    }

    /// Rust code for `e` where a `want` is expected (`impl Into<Value<want>>`, or `IntoAny`).
    pub fn expr(&mut self, f: &SourceFile, e: &Expression, want: &Ty) -> String {
        let any = *want == Ty::Any;
        match e {
            Expression::String(s) if any || *want == Ty::Str => rust_str(s.value()),
            Expression::Number(n) if any || *want == Ty::Num => n.value().to_string(),
            Expression::Bool(b) if any || *want == Ty::Bool => b.value().to_string(),
            Expression::Array(a) => {
                let inner = match want {
                    Ty::List(t) | Ty::Set(t) => Some((**t).clone()),
                    Ty::Any => None,
                    _ => return self.escape(f, e, want),
                };
                match inner {
                    Some(t) if a.iter().all(|x| is_literal_of(x, &t)) => {
                        let items: Vec<String> = a.iter().map(|x| self.expr(f, x, &t)).collect();
                        format!("vec![{}]", items.join(", "))
                    }
                    None if !a.is_empty() => {
                        self.uses.insert("list");
                        let items: Vec<String> =
                            a.iter().map(|x| self.expr(f, x, &Ty::Any)).collect();
                        format!("list![{}]", items.join(", "))
                    }
                    _ => self.escape(f, e, want),
                }
            }
            Expression::Object(o)
                if matches!(want, Ty::Any | Ty::Map(_))
                    && o.iter().all(|(k, _)| key_name(k).is_some()) =>
            {
                if o.is_empty() {
                    return self.escape(f, e, want);
                }
                self.uses.insert("obj");
                let inner = match want {
                    Ty::Map(t) => (**t).clone(),
                    _ => Ty::Any,
                };
                let mut items = Vec::new();
                for (k, v) in o.iter() {
                    let k = key_name(k).unwrap_or_default();
                    let key = if is_rust_ident(&k) { k } else { rust_str(&k) };
                    items.push(format!("{key} = {}", self.expr(f, v.expr(), &inner)));
                }
                let cast = if any {
                    String::new()
                } else {
                    self.use_ty(want);
                    format!(".cast::<{}>()", want.rust())
                };
                format!("obj!({}){cast}", items.join(", "))
            }
            Expression::Traversal(_) | Expression::Variable(_) => {
                match self.reference(f, e, want) {
                    Some((code, have)) => self.adapt(code, &have, want),
                    None => self.escape(f, e, want),
                }
            }
            Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
                let els: Vec<&Element> = match e {
                    Expression::StringTemplate(t) => t.iter().collect(),
                    Expression::HeredocTemplate(h) => h.template.iter().collect(),
                    _ => Vec::new(),
                };
                if els.iter().all(|el| matches!(el, Element::Literal(_))) {
                    if !(any || *want == Ty::Str) {
                        return self.escape(f, e, want);
                    }
                    let text: String = els
                        .iter()
                        .filter_map(|el| match el {
                            Element::Literal(s) => Some(s.value().as_str()),
                            _ => None,
                        })
                        .collect();
                    return rust_str(&text);
                }
                if let Expression::HeredocTemplate(h) = e {
                    // `<<-`: Terraform dedents after applying the strip markers, and a
                    // stripped newline leaves the next line undedented; hcl-edit dedents
                    // before. With directives or markers such a heredoc keeps the escape.
                    if h.indent().is_some() && els.iter().any(|el| has_marker_or_directive(el)) {
                        return self.escape(f, e, want);
                    }
                }
                self.per_line = matches!(e, Expression::HeredocTemplate(_));
                let parts = self.template_parts(f, &els, false, false);
                self.per_line = false;
                let Some(parts) = parts else {
                    return self.escape(f, e, want);
                };
                let code = self.template_of(parts);
                self.adapt(code, &Ty::Str, want)
            }
            Expression::FuncCall(c) if c.name.namespace.is_empty() && !c.args.expand_final() => {
                let name = c.name.name.value().as_str();
                let args: Vec<&Expression> = c.args.iter().collect();
                if let ("contains" | "toset", Some(first)) = (name, args.first()) {
                    if let Some((list, Ty::List(t))) = self
                        .reference(f, first, &Ty::Any)
                        .filter(|(_, t)| *t != Ty::List(Box::new(Ty::Any)))
                    {
                        self.uses.insert("functions");
                        if name == "toset" && args.len() == 1 {
                            let code = format!("functions::toset({list})");
                            return self.adapt(code, &Ty::Set(t), want);
                        }
                        if name == "contains" && args.len() == 2 {
                            let x = self.expr(f, args[1], &t);
                            return self.adapt(
                                format!("functions::contains({list}, {x})"),
                                &Ty::Bool,
                                want,
                            );
                        }
                    }
                }
                if name == "merge" && args.len() >= 2 {
                    if let Ty::Map(_) = want {
                        let parts: Vec<String> =
                            args.iter().map(|a| self.expr(f, a, want)).collect();
                        self.uses.insert("functions");
                        return format!("functions::merge(({}))", parts.join(", "));
                    }
                }
                match FUNCTIONS.iter().find(|(n, _, _)| *n == name) {
                    Some((_, params, ret)) if params.len() == args.len() => {
                        let mut out = Vec::new();
                        for (p, a) in params.iter().zip(&args) {
                            out.push(self.expr(f, a, &sig(*p)));
                        }
                        self.uses.insert("functions");
                        let code = format!("functions::{name}({})", out.join(", "));
                        self.adapt(code, &sig(*ret), want)
                    }
                    _ => self.escape(f, e, want),
                }
            }
            Expression::Conditional(c) if matches!(want, Ty::Str | Ty::Num | Ty::Bool) => {
                let cnd = self.expr(f, &c.cond_expr, &Ty::Bool);
                let t = self.expr(f, &c.true_expr, want);
                let o = self.expr(f, &c.false_expr, want);
                self.uses.insert("cond");
                self.use_ty(want);
                format!("cond::<{}>({cnd}, {t}, {o})", want.rust())
            }
            Expression::BinaryOp(op) => match self.binary(f, op) {
                Some((code, have)) => self.adapt(code, &have, want),
                None => self.escape(f, e, want),
            },
            Expression::UnaryOp(op) => {
                let (sym, ty) = match op.operator.value() {
                    UnaryOperator::Neg => ("-", Ty::Num),
                    UnaryOperator::Not => ("!", Ty::Bool),
                };
                match self.receiver(f, &op.expr, &ty) {
                    Some(recv) => {
                        let code = format!("{sym}{recv}.clone()");
                        self.adapt(code, &ty, want)
                    }
                    None => self.escape(f, e, want),
                }
            }
            Expression::ForExpr(fe) => match self.for_expr(f, fe, want) {
                Some((code, have)) => self.adapt(code, &have, want),
                None => self.escape(f, e, want),
            },
            Expression::Parenthesis(p) if !matches!(p.inner(), Expression::Traversal(_)) => {
                self.expr(f, p.inner(), want)
            }
            _ => self.escape(f, e, want),
        }
    }

    /// The parts of a template (the arguments of `template!`), or `None` when one needs the
    /// escape. `~` strip markers are applied to the literals beside them, as Terraform does:
    /// `strip_first` / `strip_last` say whether the enclosing directive strips the start of
    /// the first literal / the end of the last. `%{ if c }a%{ else }b%{ endif }` is the
    /// interpolation `cond::<String>(c, "a", "b")`; `%{ for x in xs }body%{ endfor }` is
    /// `functions::join("", For::values("x", &xs).to_list(|x| body))`, as Terraform
    /// concatenates the bodies.
    fn template_parts(
        &mut self,
        f: &SourceFile,
        els: &[&Element],
        strip_first: bool,
        strip_last: bool,
    ) -> Option<Vec<String>> {
        fn strips_after(el: &Element) -> bool {
            match el {
                Element::Interpolation(i) => i.strip.strip_end(),
                Element::Directive(dir) => match &**dir {
                    Directive::If(d) => d.endif_expr.strip.strip_end(),
                    Directive::For(d) => d.endfor_expr.strip.strip_end(),
                },
                Element::Literal(_) => false,
            }
        }
        fn strips_before(el: &Element) -> bool {
            match el {
                Element::Interpolation(i) => i.strip.strip_start(),
                Element::Directive(dir) => match &**dir {
                    Directive::If(d) => d.if_expr.strip.strip_start(),
                    Directive::For(d) => d.for_expr.strip.strip_start(),
                },
                Element::Literal(_) => false,
            }
        }
        let mut parts = Vec::new();
        for (i, el) in els.iter().enumerate() {
            match el {
                Element::Literal(s) => {
                    let text: &str = s.value();
                    let after = if i == 0 {
                        strip_first
                    } else {
                        strips_after(els[i - 1])
                    };
                    let before = match els.get(i + 1) {
                        Some(next) => strips_before(next),
                        None => strip_last,
                    };
                    let text = strip(text, after, before, self.per_line);
                    if !text.is_empty() {
                        parts.push(rust_str(&text));
                    }
                }
                Element::Interpolation(i) => match self.reference(f, &i.expr, &Ty::Str) {
                    Some((code, _)) => parts.push(code),
                    None => {
                        // Interpolated as it is: a number or bool needs no conversion.
                        let t = match self.infer(&i.expr) {
                            t @ (Ty::Num | Ty::Bool) => t,
                            _ => Ty::Str,
                        };
                        parts.push(self.typed_only(f, &i.expr, &t)?);
                    }
                },
                Element::Directive(dir) if matches!(**dir, Directive::If(_)) => {
                    let Directive::If(d) = &**dir else {
                        return None;
                    };
                    let c = self.typed_only(f, &d.if_expr.cond_expr, &Ty::Bool)?;
                    let then_last = match &d.else_expr {
                        Some(e) => e.strip.strip_start(),
                        None => d.endif_expr.strip.strip_start(),
                    };
                    let then: Vec<&Element> = d.if_expr.template.iter().collect();
                    let then =
                        self.template_parts(f, &then, d.if_expr.strip.strip_end(), then_last)?;
                    let other = match &d.else_expr {
                        Some(e) => {
                            let els: Vec<&Element> = e.template.iter().collect();
                            self.template_parts(
                                f,
                                &els,
                                e.strip.strip_end(),
                                d.endif_expr.strip.strip_start(),
                            )?
                        }
                        None => Vec::new(),
                    };
                    let (then, other) = (self.template_of(then), self.template_of(other));
                    self.uses.insert("cond");
                    parts.push(format!("cond::<String>({c}, {then}, {other})"));
                }
                Element::Directive(dir) => {
                    let Directive::For(d) = &**dir else {
                        return None;
                    };
                    let fe = &d.for_expr;
                    let (coll, kty, elem) = self.collection(f, &fe.collection_expr)?;
                    let vname = fe.value_var.value().as_str().to_owned();
                    let kname = fe.key_var.as_ref().map(|k| k.value().as_str().to_owned());
                    let vparam = self.fresh(&vname);
                    let kparam = kname.as_ref().map(|k| self.fresh(k));
                    self.symbols.push((vname.clone(), vparam.clone(), elem));
                    if let (Some(k), Some(kp)) = (&kname, &kparam) {
                        self.symbols.push((k.clone(), kp.clone(), kty));
                    }
                    let body: Vec<&Element> = fe.template.iter().collect();
                    let body = self.template_parts(
                        f,
                        &body,
                        fe.strip.strip_end(),
                        d.endfor_expr.strip.strip_start(),
                    );
                    self.symbols.pop();
                    if kname.is_some() {
                        self.symbols.pop();
                    }
                    let body = self.template_of(body?);
                    let list = match (&kname, &kparam) {
                        (Some(k), Some(kp)) => format!(
                            "For::entries({}, {}, {coll}).to_list_kv::<String, _>(|{kp}, {vparam}| {body})",
                            rust_str(k),
                            rust_str(&vname)
                        ),
                        _ => format!(
                            "For::values({}, {coll}).to_list::<String, _>(|{vparam}| {body})",
                            rust_str(&vname)
                        ),
                    };
                    self.uses.insert("For");
                    self.uses.insert("functions");
                    parts.push(format!("functions::join(\"\", {list})"));
                }
            }
        }
        Some(parts)
    }

    /// A template from its parts: `""`, a string literal, or `template!(..)`.
    fn template_of(&mut self, parts: Vec<String>) -> String {
        match parts.as_slice() {
            [] => "\"\"".to_owned(),
            [one] if one.starts_with('"') || one.starts_with("r#") => one.clone(),
            _ => {
                self.uses.insert("template");
                format!("template!({})", parts.join(", "))
            }
        }
    }

    /// The `for_each` of a `dynamic` block and the type of its elements: a typed collection
    /// gives its element type (the content then reads `port.value` as an `Expr<Number>`),
    /// anything else is iterated as `any`.
    pub fn for_each_of(&mut self, f: &SourceFile, e: &Expression) -> (String, Ty) {
        if let Some((code, Ty::List(t) | Ty::Set(t) | Ty::Map(t))) = self.reference(f, e, &Ty::Any)
        {
            if *t != Ty::Any {
                return (code, *t);
            }
        }
        (self.expr(f, e, &Ty::Any), Ty::Any)
    }

    /// `e` converted without the escape, or `None`.
    fn typed_only(&mut self, f: &SourceFile, e: &Expression, want: &Ty) -> Option<String> {
        let before = self.escapes;
        let code = self.expr(f, e, want);
        if self.escapes > before {
            self.escapes = before;
            return None;
        }
        Some(code)
    }

    /// `e` as an `Expr` a method can be called on, of type `ty`, when it converts without
    /// an escape and is not a literal.
    fn receiver(&mut self, f: &SourceFile, e: &Expression, ty: &Ty) -> Option<String> {
        if is_plain_literal(e) {
            return None;
        }
        let code = self.typed_only(f, e, ty)?;
        Some(match code.strip_prefix('&') {
            // An operation (`&a + 1`, `-a.clone()`) is grouped before a method or operator.
            _ if is_operation(&code) => format!("({code})"),
            Some(c) => c.to_owned(),
            None if code.contains(' ') && !code.ends_with(')') => format!("({code})"),
            None => code,
        })
    }

    /// Comparisons and logic: `a == b` is `a.equals(b)`, `a > b` is `a.gt(b)`, `a && b` is
    /// `a.and(b)`; arithmetic is Rust's operators on `Expr<Number>` (`&a + 1`), the operands
    /// kept in their order (a literal on the left of `-`, `/` or `%` goes to the escape).
    fn binary(&mut self, f: &SourceFile, op: &BinaryOp) -> Option<(String, Ty)> {
        let arith = match op.operator.value() {
            BinaryOperator::Plus => Some(("+", true)),
            BinaryOperator::Minus => Some(("-", false)),
            BinaryOperator::Mul => Some(("*", true)),
            BinaryOperator::Div => Some(("/", false)),
            BinaryOperator::Mod => Some(("%", false)),
            _ => None,
        };
        if let Some((sym, commutes)) = arith {
            let (lhs, rhs) = match self.receiver(f, &op.lhs_expr, &Ty::Num) {
                Some(recv) => (recv, &op.rhs_expr),
                None if commutes => (self.receiver(f, &op.rhs_expr, &Ty::Num)?, &op.lhs_expr),
                None => return None,
            };
            let rhs = self.typed_only(f, rhs, &Ty::Num)?;
            return Some((format!("&{lhs} {sym} {rhs}"), Ty::Num));
        }
        let (method, operand) = match op.operator.value() {
            BinaryOperator::Eq => ("equals", None),
            BinaryOperator::NotEq => ("not_equals", None),
            BinaryOperator::Less => ("lt", Some(Ty::Num)),
            BinaryOperator::LessEq => ("le", Some(Ty::Num)),
            BinaryOperator::Greater => ("gt", Some(Ty::Num)),
            BinaryOperator::GreaterEq => ("ge", Some(Ty::Num)),
            BinaryOperator::And => ("and", Some(Ty::Bool)),
            BinaryOperator::Or => ("or", Some(Ty::Bool)),
            _ => return None,
        };
        let ty = match operand {
            Some(t) => t,
            None => match self.infer(&op.lhs_expr) {
                Ty::Any => match self.reference(f, &op.lhs_expr, &Ty::Any) {
                    Some((_, t)) if t != Ty::Any => t,
                    _ => return None,
                },
                t => t,
            },
        };
        let recv = self.receiver(f, &op.lhs_expr, &ty)?;
        let rhs = self.expr(f, &op.rhs_expr, &ty);
        Some((format!("{recv}.{method}({rhs})"), Ty::Bool))
    }

    /// The collection of a `for` expression or `%{ for }` directive, borrowed (`&coll`), with
    /// the types of its keys and elements; `None` when it is not a typed reference.
    fn collection(&mut self, f: &SourceFile, e: &Expression) -> Option<(String, Ty, Ty)> {
        let (coll, cty) = self.reference(f, e, &Ty::Any)?;
        let (kty, elem) = match &cty {
            Ty::List(t) | Ty::Set(t) => (Ty::Num, (**t).clone()),
            Ty::Map(t) => (Ty::Str, (**t).clone()),
            Ty::Any => (Ty::Any, Ty::Any),
            _ => return None,
        };
        let coll = if coll.starts_with('&') {
            coll
        } else {
            format!("&{coll}")
        };
        Some((coll, kty, elem))
    }

    /// `[for v in coll : value if cond]` and `{for k, v in coll : key => value}` over a typed
    /// collection, as `For::values("v", &coll).to_list(..)` and the like.
    fn for_expr(&mut self, f: &SourceFile, fe: &ForExpr, want: &Ty) -> Option<(String, Ty)> {
        if fe.grouping {
            return None;
        }
        let before = self.escapes;
        let (coll, kty, elem) = self.collection(f, &fe.intro.collection_expr)?;
        let vname = fe.intro.value_var.value().as_str().to_owned();
        let kname = fe
            .intro
            .key_var
            .as_ref()
            .map(|k| k.value().as_str().to_owned());
        let vparam = self.fresh(&vname);
        let kparam = kname.as_ref().map(|k| self.fresh(k));
        let start = match &kname {
            Some(k) => format!(
                "For::entries({}, {}, {coll})",
                rust_str(k),
                rust_str(&vname)
            ),
            None => format!("For::values({}, {coll})", rust_str(&vname)),
        };
        self.uses.insert("For");
        self.symbols
            .push((vname.clone(), vparam.clone(), elem.clone()));
        if let (Some(k), Some(kp)) = (&kname, &kparam) {
            self.symbols.push((k.clone(), kp.clone(), kty.clone()));
        }
        let params = format!(
            "|{}, {vparam}|",
            kparam.clone().unwrap_or_else(|| "_".into())
        );
        let result = (|| {
            let mut code = start;
            if let Some(c) = &fe.cond {
                let c = self.owned(f, &c.expr, &Ty::Bool);
                code.push_str(&format!(".filter({params} {c})"));
            }
            let out_elem = match want {
                Ty::List(t) | Ty::Set(t) | Ty::Map(t) => (**t).clone(),
                _ => self.infer(&fe.value_expr),
            };
            if out_elem == Ty::Any {
                return None;
            }
            let value = self.owned(f, &fe.value_expr, &out_elem);
            self.use_ty(&out_elem);
            let u = out_elem.rust();
            match &fe.key_expr {
                None if kname.is_none() => {
                    code.push_str(&format!(".to_list::<{u}, _>(|{vparam}| {value})"));
                    Some((code, Ty::List(Box::new(out_elem))))
                }
                None => {
                    code.push_str(&format!(".to_list_kv::<{u}, _>({params} {value})"));
                    Some((code, Ty::List(Box::new(out_elem))))
                }
                Some(k) => {
                    let key = self.owned(f, k, &Ty::Str);
                    code.push_str(&format!(
                        ".to_map::<{u}, _, _>({params} {key}, {params} {value})"
                    ));
                    Some((code, Ty::Map(Box::new(out_elem))))
                }
            }
        })();
        self.symbols.pop();
        if kname.is_some() {
            self.symbols.pop();
        }
        // The parameters' names stay taken: a handle declared later must not be called like
        // them, or finding unused handles by name would count the parameters.
        if self.escapes > before {
            self.escapes = before;
            return None;
        }
        result
    }

    /// A closure's result: owned, never a reference to its parameter.
    fn owned(&mut self, f: &SourceFile, e: &Expression, want: &Ty) -> String {
        let code = self.expr(f, e, want);
        match code.strip_prefix('&') {
            Some(c) if self.symbols.iter().any(|(_, p, _)| p == c) => c.to_owned(),
            _ => code,
        }
    }

    fn fresh(&mut self, name: &str) -> String {
        let base = tfsynth_codegen::names::ident(name);
        let mut n = base.clone();
        let mut i = 2;
        while self.taken.contains(&n) || self.symbols.iter().any(|(_, p, _)| *p == n) {
            n = format!("{}_{i}", base.trim_end_matches('_'));
            i += 1;
        }
        self.taken.insert(n.clone());
        n
    }

    fn adapt(&mut self, code: String, have: &Ty, want: &Ty) -> String {
        if have == want || *want == Ty::Any {
            code
        } else {
            self.use_ty(want);
            let owned = if is_operation(&code) {
                format!("({code})")
            } else {
                code.strip_prefix('&')
                    .map_or(code.clone(), |c| format!("{c}.clone()"))
            };
            format!("{owned}.cast::<{}>()", want.rust())
        }
    }

    /// A reference converted to typed code, when every part of it is understood.
    fn reference(&mut self, f: &SourceFile, e: &Expression, want: &Ty) -> Option<(String, Ty)> {
        let (root, ops) = match e {
            Expression::Variable(v) => (v.value().as_str().to_owned(), &[][..]),
            Expression::Traversal(t) => match &t.expr {
                Expression::Variable(v) => (v.value().as_str().to_owned(), &t.operators[..]),
                _ => return None,
            },
            _ => return None,
        };
        let attr = |i: usize| -> Option<String> {
            match ops.get(i).map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(a)) => Some(a.value().as_str().to_owned()),
                _ => None,
            }
        };
        let at = e.span().map(|s| f.at(s.start)).unwrap_or_default();
        match root.as_str() {
            "var" | "local" => {
                let name = attr(0)?;
                let addr = format!("{root}.{name}");
                self.check_known(&addr, &at);
                match self.handles.get(&addr)?.clone() {
                    // A closure's `&Expr<T>` parameter (a variable's validation rule).
                    Handle::Value(b, t) if ops.len() == 1 && b.starts_with('*') => {
                        Some((format!("{}.clone()", &b[1..]), t))
                    }
                    Handle::Value(b, t) if ops.len() == 1 => Some((format!("&{b}"), t)),
                    Handle::Value(b, Ty::Any) if ops.len() == 2 => {
                        let TraversalOperator::GetAttr(a) = ops[1].value() else {
                            return None;
                        };
                        self.use_ty(want);
                        let a = a.value().as_str().to_owned();
                        Some((format!("{b}.attr::<{}>({a:?})", want.rust()), want.clone()))
                    }
                    Handle::Value(b, Ty::List(t)) if ops.len() == 2 => {
                        let TraversalOperator::Index(i) = ops[1].value() else {
                            return None;
                        };
                        let i = self.expr(f, i, &Ty::Num);
                        Some((format!("{b}.at({i})"), *t))
                    }
                    Handle::Value(b, Ty::Map(t)) if ops.len() == 2 => {
                        let TraversalOperator::Index(i) = ops[1].value() else {
                            return None;
                        };
                        let i = self.expr(f, i, &Ty::Str);
                        Some((format!("{b}.get({i})"), *t))
                    }
                    _ => None,
                }
            }
            "count" if ops.len() == 1 && attr(0)?.as_str() == "index" => {
                self.uses.insert("count_index");
                Some(("count_index()".into(), Ty::Num))
            }
            "each" if ops.len() == 1 => match attr(0)?.as_str() {
                "key" => {
                    self.uses.insert("each_key");
                    Some(("each_key()".into(), Ty::Str))
                }
                "value" => {
                    self.uses.insert("each_value");
                    self.use_ty(want);
                    Some((format!("each_value::<{}>()", want.rust()), want.clone()))
                }
                _ => None,
            },
            "path" if ops.len() == 1 && attr(0)?.as_str() == "module" => {
                self.uses.insert("path_module");
                Some(("path_module()".into(), Ty::Str))
            }
            "module" => {
                let name = attr(0)?;
                let addr = format!("module.{name}");
                self.check_known(&addr, &at);
                let out = attr(1)?;
                match self.handles.get(&addr)?.clone() {
                    Handle::Module(b) if ops.len() == 2 => {
                        self.use_ty(want);
                        Some((
                            format!("{b}.output::<{}>({:?})", want.rust(), out),
                            want.clone(),
                        ))
                    }
                    _ => None,
                }
            }
            "data" => {
                let addr = format!("data.{}.{}", attr(0)?, attr(1)?);
                self.block_ref(f, &addr, &ops[2..], &at, want)
            }
            _ if self.symbols.iter().any(|(n, _, _)| *n == root) => {
                let (_, param, t) = self
                    .symbols
                    .iter()
                    .rev()
                    .find(|(n, _, _)| *n == root)?
                    .clone();
                match ops.len() {
                    0 => Some((format!("&{param}"), t)),
                    1 if t == Ty::Any => {
                        self.use_ty(want);
                        let a = attr(0)?;
                        Some((
                            format!("{param}.attr::<{}>({a:?})", want.rust()),
                            want.clone(),
                        ))
                    }
                    _ => None,
                }
            }
            _ => {
                if let Some((_, param, elem)) =
                    self.iterators.iter().rev().find(|(n, _, _)| *n == root)
                {
                    let (param, elem) = (param.clone(), elem.clone());
                    if attr(0)?.as_str() != "value" {
                        return None;
                    }
                    return match ops.len() {
                        1 => Some((format!("&{param}"), elem)),
                        2 if elem == Ty::Any => {
                            self.use_ty(want);
                            let a = attr(1)?;
                            Some((
                                format!("{param}.attr::<{}>({a:?})", want.rust()),
                                want.clone(),
                            ))
                        }
                        _ => None,
                    };
                }
                if ["self", "terraform", "each", "count", "path"].contains(&root.as_str())
                    || !root.contains('_')
                {
                    return None;
                }
                let addr = format!("{root}.{}", attr(0)?);
                self.block_ref(f, &addr, &ops[1..], &at, want)
            }
        }
    }

    fn check_known(&mut self, addr: &str, at: &str) {
        if !self.known.contains(addr) {
            let d = Diagnostic {
                at: at.to_owned(),
                message: format!("reference to undeclared `{addr}`"),
            };
            if !self.diagnostics.contains(&d) {
                self.diagnostics.push(d);
            }
        }
    }

    fn block_ref(
        &mut self,
        f: &SourceFile,
        addr: &str,
        ops: &[hcl::edit::Decorated<TraversalOperator>],
        at: &str,
        _want: &Ty,
    ) -> Option<(String, Ty)> {
        self.check_known(addr, at);
        let Handle::Block(b, info, repeat) = self.handles.get(addr)?.clone() else {
            return None;
        };
        let accessor = |name: &str| -> Option<(String, Ty)> {
            let def = &info.model.defs[0];
            let field = def.fields.iter().find(|fl| fl.name == name)?;
            match &field.kind {
                tfsynth_codegen::model::FieldKind::Attr { ty, .. } => {
                    let path = format!("{}::{}", info.krate, info.module);
                    Some((field.ident.clone(), Ty::from_model(ty, &info, &path)))
                }
                tfsynth_codegen::model::FieldKind::Block { .. } => None,
            }
        };
        let get = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.value().as_str().to_owned()),
            _ => None,
        };
        match (repeat, ops.len()) {
            (Repeat::One, 1) => {
                let (m, t) = accessor(&get(0)?)?;
                Some((format!("{b}.{m}()"), t))
            }
            (Repeat::Count | Repeat::ForEach, 2) => {
                let (m, t) = accessor(&get(1)?)?;
                match ops[0].value() {
                    TraversalOperator::Index(i) if repeat == Repeat::Count => {
                        let i = self.expr(f, i, &Ty::Num);
                        Some((format!("Ref::at(&{b}, {i}).{m}()"), t))
                    }
                    TraversalOperator::Index(k) if repeat == Repeat::ForEach => {
                        let k = self.expr(f, k, &Ty::Str);
                        Some((format!("Ref::key(&{b}, {k}).{m}()"), t))
                    }
                    TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_)
                        if repeat == Repeat::Count =>
                    {
                        self.uses.insert("List");
                        Some((
                            format!("Ref::splat(&{b}, |x| x.{m}())"),
                            Ty::List(Box::new(t)),
                        ))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The type of `e` when converted without a wanted type (locals).
    pub fn infer(&mut self, e: &Expression) -> Ty {
        match e {
            Expression::String(_) | Expression::StringTemplate(_) => Ty::Str,
            Expression::HeredocTemplate(_) => Ty::Str,
            Expression::Number(_) => Ty::Num,
            Expression::Bool(_) => Ty::Bool,
            Expression::BinaryOp(op) => match op.operator.value() {
                BinaryOperator::Plus
                | BinaryOperator::Minus
                | BinaryOperator::Mul
                | BinaryOperator::Div
                | BinaryOperator::Mod => Ty::Num,
                _ => Ty::Bool,
            },
            Expression::UnaryOp(op) => match op.operator.value() {
                UnaryOperator::Neg => Ty::Num,
                UnaryOperator::Not => Ty::Bool,
            },
            Expression::FuncCall(c) if c.name.namespace.is_empty() => {
                match FUNCTIONS
                    .iter()
                    .find(|(n, _, _)| *n == c.name.name.value().as_str())
                {
                    Some((_, _, r)) => sig(*r),
                    None => Ty::Any,
                }
            }
            Expression::Conditional(c) => {
                let (a, b) = (self.infer(&c.true_expr), self.infer(&c.false_expr));
                if a == b && matches!(a, Ty::Str | Ty::Num | Ty::Bool) {
                    a
                } else {
                    Ty::Any
                }
            }
            Expression::ForExpr(fe) if !fe.grouping => {
                let elem = match self.infer(&fe.intro.collection_expr) {
                    Ty::List(t) | Ty::Set(t) | Ty::Map(t) => *t,
                    _ => Ty::Any,
                };
                let name = fe.intro.value_var.value().as_str().to_owned();
                self.symbols.push((name, String::new(), elem));
                let inner = Box::new(self.infer(&fe.value_expr));
                self.symbols.pop();
                if fe.key_expr.is_some() {
                    Ty::Map(inner)
                } else {
                    Ty::List(inner)
                }
            }
            Expression::Variable(v) => self
                .symbols
                .iter()
                .rev()
                .find(|(n, _, _)| n == v.value().as_str())
                .map_or(Ty::Any, |(_, _, t)| t.clone()),
            Expression::Traversal(t) => {
                if let (Expression::Variable(v), [op]) = (&t.expr, &t.operators[..]) {
                    if let TraversalOperator::GetAttr(a) = op.value() {
                        let addr = format!("{}.{}", v.value().as_str(), a.value().as_str());
                        if let Some(Handle::Value(_, t)) = self.handles.get(&addr) {
                            return t.clone();
                        }
                    }
                }
                Ty::Any
            }
            _ => Ty::Any,
        }
    }
}

/// Functions converted to `tfsynth::functions` calls: parameter and return types
/// (`s` string, `n` number, `b` bool, `a` any).
const FUNCTIONS: &[(&str, &[char], char)] = &[
    ("abs", &['n'], 'n'),
    ("base64encode", &['s'], 's'),
    ("basename", &['s'], 's'),
    ("can", &['a'], 'b'),
    ("cidrhost", &['s', 'n'], 's'),
    ("cidrnetmask", &['s'], 's'),
    ("cidrsubnet", &['s', 'n', 'n'], 's'),
    ("file", &['s'], 's'),
    ("jsondecode", &['s'], 'a'),
    ("jsonencode", &['a'], 's'),
    ("length", &['a'], 'n'),
    ("lower", &['s'], 's'),
    ("md5", &['s'], 's'),
    ("replace", &['s', 's', 's'], 's'),
    ("sha256", &['s'], 's'),
    ("startswith", &['s', 's'], 'b'),
    ("substr", &['s', 'n', 'n'], 's'),
    ("templatefile", &['s', 'a'], 's'),
    ("title", &['s'], 's'),
    ("tonumber", &['a'], 'n'),
    ("tostring", &['a'], 's'),
    ("trimspace", &['s'], 's'),
    ("upper", &['s'], 's'),
];

fn sig(c: char) -> Ty {
    match c {
        's' => Ty::Str,
        'n' => Ty::Num,
        'b' => Ty::Bool,
        _ => Ty::Any,
    }
}

pub(crate) fn key_name(k: &ObjectKey) -> Option<String> {
    match k {
        ObjectKey::Ident(i) => Some(i.value().as_str().to_owned()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.value().clone()),
        _ => None,
    }
}

fn is_rust_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_uppercase() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !tfsynth_codegen::names::is_keyword(s)
        && s != "_"
}

/// A literal string, number or bool, or a list or object of them.
pub fn is_plain_literal(e: &Expression) -> bool {
    match e {
        Expression::String(_) | Expression::Number(_) | Expression::Bool(_) => true,
        Expression::Array(a) => !a.is_empty() && a.iter().all(is_plain_literal),
        Expression::Object(o) => {
            !o.is_empty()
                && o.iter()
                    .all(|(k, v)| key_name(k).is_some() && is_plain_literal(v.expr()))
        }
        _ => false,
    }
}

fn is_literal_of(e: &Expression, t: &Ty) -> bool {
    matches!(
        (e, t),
        (Expression::String(_), Ty::Str)
            | (Expression::Number(_), Ty::Num)
            | (Expression::Bool(_), Ty::Bool)
    )
}

/// Whether converted code is an operation (`&a + 1`, `-a.clone()`, `!b.clone()`) that must be
/// grouped before a method call or another operator.
fn is_operation(code: &str) -> bool {
    code.starts_with(['-', '!'])
        || [" + ", " - ", " * ", " / ", " % "]
            .iter()
            .any(|op| top_level_contains(code, op))
}

/// Whether `op` occurs in `code` outside parentheses, brackets and string literals.
fn top_level_contains(code: &str, op: &str) -> bool {
    let mut depth = 0i32;
    let mut in_str = false;
    let bytes = code.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => in_str = !in_str,
            _ if in_str => {}
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ if depth == 0 && code[i..].starts_with(op) => return true,
            _ => {}
        }
    }
    false
}

/// A template literal with the strip markers beside it applied: `after` (a `~}` before it)
/// trims its start, `before` (a `{~` after it) its end. In a heredoc the literal is one token
/// per line (Terraform's scanner), so only the first / last line is trimmed.
fn strip(text: &str, after: bool, before: bool, per_line: bool) -> String {
    let mut t = text.to_owned();
    if after {
        t = if per_line {
            match t.find('\n') {
                Some(nl) => format!("{}{}", t[..=nl].trim_start(), &t[nl + 1..]),
                None => t.trim_start().to_owned(),
            }
        } else {
            t.trim_start().to_owned()
        };
    }
    if before {
        t = if per_line {
            // The last line token: the last line with its newline, if it ends in one.
            let body = t.strip_suffix('\n').unwrap_or(&t);
            let start = body.rfind('\n').map_or(0, |nl| nl + 1);
            format!("{}{}", &t[..start], t[start..].trim_end())
        } else {
            t.trim_end().to_owned()
        };
    }
    t
}

/// Whether a template element is a directive or carries a strip marker.
fn has_marker_or_directive(el: &Element) -> bool {
    match el {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start() || i.strip.strip_end(),
        Element::Directive(_) => true,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn conv(src: &str, want: Ty) -> String {
        let f = SourceFile::parse("t.tf", format!("x = {src}\n")).unwrap();
        let attr = f.body.attributes().next().unwrap();
        let mut s = Scope::default();
        s.known.insert("var.region".into());
        s.handles
            .insert("var.region".into(), Handle::Value("region".into(), Ty::Str));
        s.expr(&f, &attr.value, &want)
    }

    #[test]
    fn literals_and_references_are_typed() {
        assert_eq!(conv("\"a\"", Ty::Str), "\"a\"");
        assert_eq!(conv("443", Ty::Num), "443");
        assert_eq!(conv("var.region", Ty::Str), "&region");
        assert_eq!(conv("var.region", Ty::Any), "&region");
        assert_eq!(
            conv("[\"a\", \"b\"]", Ty::List(Box::new(Ty::Str))),
            "vec![\"a\", \"b\"]"
        );
        assert_eq!(
            conv("\"${var.region}a\"", Ty::Str),
            "template!(&region, \"a\")"
        );
        assert_eq!(conv("count.index", Ty::Num), "count_index()");
    }

    #[test]
    fn the_rest_is_escaped_as_written() {
        assert_eq!(
            conv("cidrsubnet(var.region, 8, 1)", Ty::Str),
            "functions::cidrsubnet(&region, 8, 1)"
        );
        assert_eq!(
            conv("format(\"%s\", var.cidr)", Ty::Str),
            "hcl::<String>(r#\"format(\"%s\", var.cidr)\"#)"
        );
    }

    #[test]
    fn arithmetic_and_unary_operators_are_typed() {
        assert_eq!(conv("count.index + 10", Ty::Num), "&count_index() + 10");
        assert_eq!(conv("2 * count.index", Ty::Num), "&count_index() * 2");
        assert_eq!(conv("-count.index", Ty::Num), "-count_index().clone()");
        assert_eq!(
            conv("(count.index + 1) % 3", Ty::Num),
            "&(&count_index() + 1) % 3"
        );
        assert_eq!(
            conv("count.index * 2 + 1 > 3", Ty::Bool),
            "(&(&count_index() * 2) + 1).gt(3)"
        );
        // Where a string is wanted, the sum is converted as Terraform does.
        assert_eq!(
            conv("count.index + 1", Ty::Str),
            "(&count_index() + 1).cast::<String>()"
        );
        // A literal left of a non-commuting operator keeps the escape.
        assert_eq!(
            conv("10 - count.index", Ty::Num),
            "hcl::<Number>(\"10 - count.index\")"
        );
    }

    #[test]
    fn escaped_interpolations_stay_literal() {
        // `$${` in HCL is a literal `${`: the Rust string holds it unescaped, tfsynth escapes
        // it again on output.
        assert_eq!(conv("\"$${x}\"", Ty::Str), "\"${x}\"");
    }
}

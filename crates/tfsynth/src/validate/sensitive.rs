//! Which values Terraform treats as sensitive, as far as the stack can tell: what a
//! non-sensitive output may not expose ("Output refers to sensitive values").
//!
//! Terraform marks a value sensitive when it comes from a variable declared `sensitive` or a
//! `sensitive(...)` call, and the mark follows the value through every operator, function,
//! index, conditional and `for` expression, so an expression that mentions such a source
//! anywhere is sensitive; `nonsensitive(...)` removes the mark and `issensitive(...)` answers
//! with a plain bool. A resource or data source attribute is sensitive when the provider's
//! schema marks it so ([`crate::provider_rules::TypeRules::sensitive`], which typed bindings
//! record): a reference to it, to something nested under it, or to an object that contains it
//! (the whole resource, a block around it). Blocks without rules, module outputs (the module
//! decides) and raw HCL text count as not sensitive.

use std::collections::{HashSet, VecDeque};

use crate::expr::{RawExpr, RefRoot};
use crate::stack::Stack;

/// The analysis over one stack, remembering the locals found not sensitive.
pub(crate) struct Sensitivity<'s> {
    stack: &'s Stack,
    /// Locals known not to be sensitive: everything they refer to was followed.
    clean: HashSet<&'s str>,
}

impl<'s> Sensitivity<'s> {
    pub(crate) fn new(stack: &'s Stack) -> Self {
        Self {
            stack,
            clean: HashSet::new(),
        }
    }

    /// What makes `e` sensitive, if anything, for a message: `var.password`,
    /// `sensitive(...)`, or `local.conn (sensitive through var.password)`. Locals are followed
    /// breadth first, each once, so a cycle of locals ends; the first source found in the
    /// expression's order is named.
    pub(crate) fn source(&mut self, e: &RawExpr) -> Option<String> {
        let mut locals = Vec::new();
        if let Some(source) = self.direct(e, &mut locals) {
            return Some(source);
        }
        let mut seen: HashSet<&'s str> = HashSet::new();
        let mut queue: VecDeque<(&'s str, &'s str)> = VecDeque::new();
        for l in locals {
            if seen.insert(l) {
                queue.push_back((l, l));
            }
        }
        while let Some((local, origin)) = queue.pop_front() {
            let Some(item) = self.stack.locals.get(local) else {
                continue;
            };
            let mut next = Vec::new();
            if let Some(source) = self.direct(&item.value, &mut next) {
                return Some(format!("local.{origin} (sensitive through {source})"));
            }
            for l in next {
                if seen.insert(l) {
                    queue.push_back((l, origin));
                }
            }
        }
        // Everything reachable from these locals was followed: none is sensitive.
        self.clean.extend(seen);
        None
    }

    /// A source of sensitivity in `e` itself (outside `nonsensitive` and `issensitive`), or
    /// else the declared locals `e` refers to there that are not known to be clean. Walks the
    /// tree on the heap: any depth.
    fn direct(&self, e: &RawExpr, locals: &mut Vec<&'s str>) -> Option<String> {
        let mut todo = vec![e];
        while let Some(node) = todo.pop() {
            if let Some(t) = Traversal::of(node) {
                if let Some(source) = self.sensitive_attribute(&t) {
                    return Some(source);
                }
                todo.extend(t.keys.iter().rev());
                continue;
            }
            match node {
                RawExpr::Call(name, ..) if unmarks(name) => continue,
                RawExpr::Call(name, ..) if marks(name) => return Some(format!("{name}(...)")),
                RawExpr::Ref(RefRoot::Var(v)) => {
                    let sensitive = self.stack.variables.get(v);
                    if sensitive.is_some_and(|item| item.value.sensitive == Some(true)) {
                        return Some(format!("var.{v}"));
                    }
                }
                RawExpr::Ref(RefRoot::Local(l)) => {
                    if let Some((name, _)) = self.stack.locals.get_key_value(l.as_str()) {
                        if !self.clean.contains(name.as_str()) {
                            locals.push(name.as_str());
                        }
                    }
                }
                _ => {}
            }
            let start = todo.len();
            node.for_each_child(|c| todo.push(c));
            todo[start..].reverse();
        }
        None
    }
}

impl<'s> Sensitivity<'s> {
    /// The attribute `t` reaches, when it is one the provider marks sensitive, contains one, or
    /// is nested under one: `aws_db_instance.db.password`.
    fn sensitive_attribute(&self, t: &Traversal<'_>) -> Option<String> {
        let (blocks, type_name, name, prefix) = match t.root {
            RefRoot::Resource { type_name, name } => (&self.stack.resources, type_name, name, ""),
            RefRoot::Data { type_name, name } => (&self.stack.data, type_name, name, "data."),
            _ => return None,
        };
        let rules = blocks.get(&**type_name)?.get(&**name)?.value.rules?;
        let hit = rules.sensitive.iter().find(|s| {
            let s: Vec<&str> = s.split('.').collect();
            // Under a sensitive attribute, or (all of the path known) around one.
            t.path.starts_with(&s) || (t.complete && s.starts_with(&t.path))
        })?;
        let reached = if t.path.is_empty() {
            String::new()
        } else {
            format!(".{}", t.path.join("."))
        };
        Some(format!(
            "{prefix}{type_name}.{name}{reached} (the provider marks {hit} sensitive)"
        ))
    }
}

/// A reference to a resource or data source and the attribute path it follows: instance
/// keys and list indices are left out, a literal string key is a segment, and another key
/// ends what is known of the path.
struct Traversal<'e> {
    root: &'e RefRoot,
    path: Vec<&'e str>,
    /// False when a computed key cut the path short.
    complete: bool,
    /// The key expressions on the way, which are walked like any expression.
    keys: Vec<&'e RawExpr>,
}

impl<'e> Traversal<'e> {
    fn of(e: &'e RawExpr) -> Option<Self> {
        // Steps from the outside in; reversed once the root is found.
        let mut steps: Vec<Step<'e>> = Vec::new();
        let mut node = e;
        let root = loop {
            match node {
                RawExpr::Ref(root @ (RefRoot::Resource { .. } | RefRoot::Data { .. })) => {
                    break root;
                }
                RawExpr::Attr(inner, name) => {
                    steps.push(Step::Name(name));
                    node = inner;
                }
                RawExpr::Index(inner, key) => {
                    steps.push(Step::Key(key));
                    node = inner;
                }
                RawExpr::Splat(inner) | RawExpr::Group(inner) => node = inner,
                _ => return None,
            }
        };
        let mut t = Traversal {
            root,
            path: Vec::new(),
            complete: true,
            keys: Vec::new(),
        };
        for step in steps.into_iter().rev() {
            match step {
                Step::Name(n) if t.complete => t.path.push(n),
                Step::Name(_) => {}
                Step::Key(k) => {
                    match k {
                        // An instance key or a list index: not part of the attribute path.
                        RawExpr::Number(_) => {}
                        RawExpr::String(s) if !t.path.is_empty() && t.complete => t.path.push(s),
                        _ if t.path.is_empty() => {}
                        _ => t.complete = false,
                    }
                    t.keys.push(k);
                }
            }
        }
        Some(t)
    }
}

enum Step<'e> {
    Name(&'e str),
    Key(&'e RawExpr),
}

/// `sensitive(...)`: its result is sensitive.
fn marks(function: &str) -> bool {
    matches!(function, "sensitive" | "core::sensitive")
}

/// `nonsensitive(...)` and `issensitive(...)`: their result is not sensitive, whatever the
/// argument.
fn unmarks(function: &str) -> bool {
    matches!(
        function,
        "nonsensitive" | "core::nonsensitive" | "issensitive" | "core::issensitive"
    )
}

impl Stack {
    /// True when Terraform will treat `expr` as sensitive in this stack, so that an output of
    /// it must be marked sensitive ([`crate::Output::sensitive`]) or Terraform refuses the
    /// configuration ("Output refers to sensitive values"). Validation reports such an output
    /// with the same analysis.
    ///
    /// `expr` is sensitive when it mentions, anywhere outside `nonsensitive(...)` and
    /// `issensitive(...)`: a variable declared with `sensitive = true`, a call to
    /// `sensitive(...)`, or a local whose value is sensitive (followed through other locals;
    /// a cycle of locals ends the search), or a resource or data source attribute its
    /// provider's schema marks sensitive ([`crate::Block::rules`]; a reference to the whole
    /// resource, or to a block around the attribute, contains it). Terraform's mark follows a
    /// value through every operator, function, index, conditional and `for` expression, so a
    /// mention anywhere counts. What the stack cannot see counts as not sensitive: attributes
    /// of blocks declared without rules (untyped blocks), module outputs (the module decides)
    /// and raw HCL text. Expressions of any depth are answered without recursion.
    ///
    /// # Example
    /// ```
    /// use tfsynth::prelude::*;
    /// let mut stack = Stack::new();
    /// let password: Expr<String> = stack.variable("password", Variable::new().sensitive(true));
    /// let url = stack.local::<String, _>("url", template!("postgres://app:", &password, "@db"));
    /// assert!(stack.is_sensitive(url.raw()));
    /// assert!(!stack.is_sensitive(functions::nonsensitive(&url).raw()));
    /// assert!(!stack.is_sensitive(template!("db").raw()));
    /// ```
    pub fn is_sensitive(&self, expr: &RawExpr) -> bool {
        Sensitivity::new(self).source(expr).is_some()
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;
    use crate::{RawExpr, RefRoot};

    fn local(name: &str) -> Expr<String> {
        Expr::from_raw(RawExpr::Ref(RefRoot::Local(name.to_owned())))
    }

    #[test]
    fn a_cycle_of_locals_reaching_a_sensitive_variable_is_sensitive() {
        let mut stack = Stack::new();
        let secret: Expr<String> = stack.variable("secret", Variable::new().sensitive(true));
        let a = stack.local::<String, _>("a", template!(local("b"), "-", local("c")));
        stack.local::<String, _>("b", functions::upper(&a));
        stack.local::<String, _>("c", functions::lower(&secret));
        stack.local::<String, _>("d", local("d"));
        assert!(stack.is_sensitive(a.raw()));
        assert!(stack.is_sensitive(local("b").raw()));
        assert!(!stack.is_sensitive(local("d").raw()));
        assert!(!stack.is_sensitive(local("undeclared").raw()));
        // Found once clean, a local stays clean for the next question of the same analysis.
        let mut s = super::Sensitivity::new(&stack);
        assert_eq!(s.source(local("d").raw()), None);
        assert_eq!(
            s.source(template!(local("d"), &a).raw()).as_deref(),
            Some("local.a (sensitive through var.secret)")
        );
    }

    #[test]
    fn the_mark_is_removed_only_around_what_nonsensitive_holds() {
        let mut stack = Stack::new();
        let secret: Expr<Map<String>> = stack.variable("secret", Variable::new().sensitive(true));
        let open: Expr<Map<String>> = stack.variable("open", Variable::new());
        // A sensitive key makes the element sensitive.
        let e = functions::nonsensitive(&open)
            .cast::<Map<String>>()
            .get(secret.get("k"));
        assert!(stack.is_sensitive(e.raw()));
        let e = functions::nonsensitive(secret.get("k"));
        assert!(!stack.is_sensitive(e.raw()));
    }
}

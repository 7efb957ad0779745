//! `variable` and `output` blocks.

use std::marker::PhantomData;

use crate::block::Condition;
use crate::expr::{Expr, IntoAny, RawExpr, Value};
use crate::types::{TfType, TypeExpr};

/// An input variable of type `T`. Declaring it returns an [`Expr<T>`] for `var.NAME`.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, Variable};
/// let mut stack = Stack::new();
/// let key: Expr<String> = stack.variable(
///     "key_name",
///     Variable::new().description("Name of the EC2 key pair").nullable(false),
/// );
/// assert_eq!(key.to_string(), "var.key_name");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Variable<T> {
    pub(crate) spec: VariableSpec,
    _t: PhantomData<fn() -> T>,
}

/// The untyped contents of a `variable` block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VariableSpec {
    /// `type`
    pub ty: Option<TypeExpr>,
    /// `default` (a literal)
    pub default: Option<RawExpr>,
    /// `description`
    pub description: Option<String>,
    /// `sensitive`
    pub sensitive: Option<bool>,
    /// `nullable`
    pub nullable: Option<bool>,
    /// `ephemeral`
    pub ephemeral: Option<bool>,
    /// `validation` blocks.
    pub validations: Vec<Condition>,
    /// A value to show in documentation (a module README's usage snippet); never written to
    /// Terraform.
    pub example: Option<RawExpr>,
}

impl<T: TfType> Variable<T> {
    /// A variable whose `type` is `T`'s.
    pub fn new() -> Self {
        Self::of_type(T::type_expr())
    }
}

impl<T: TfType> Default for Variable<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Variable<T> {
    /// A variable with an explicit type constraint (objects, tuples, optional attributes).
    pub fn of_type(ty: TypeExpr) -> Self {
        Self {
            spec: VariableSpec {
                ty: Some(ty),
                ..VariableSpec::default()
            },
            _t: PhantomData,
        }
    }
    /// `default`: must be a literal (Terraform evaluates defaults without any context).
    #[must_use]
    pub fn default_value(mut self, value: impl Into<Value<T>>) -> Self {
        self.spec.default = Some(value.into().into_raw());
        self
    }
    /// `description`
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.spec.description = Some(text.into());
        self
    }
    /// A value that shows how to set the variable, for documentation only: the usage snippet
    /// of [`crate::module_docs::readme`] sets a required input to it (else to an empty value
    /// of its type). Not written to Terraform.
    #[must_use]
    pub fn example(mut self, value: impl Into<Value<T>>) -> Self {
        self.spec.example = Some(value.into().into_raw());
        self
    }
    /// `sensitive`
    #[must_use]
    pub fn sensitive(mut self, yes: bool) -> Self {
        self.spec.sensitive = Some(yes);
        self
    }
    /// `nullable`
    #[must_use]
    pub fn nullable(mut self, yes: bool) -> Self {
        self.spec.nullable = Some(yes);
        self
    }
    /// `ephemeral`
    #[must_use]
    pub fn ephemeral(mut self, yes: bool) -> Self {
        self.spec.ephemeral = Some(yes);
        self
    }
    /// A `validation` block; `condition` receives `var.NAME`.
    #[must_use]
    pub fn validation(
        mut self,
        condition: impl FnOnce(&Expr<T>) -> Expr<bool>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        // The variable's own name is filled in when it is declared.
        let me = Expr::from_raw(RawExpr::Ref(crate::expr::RefRoot::Var(String::new())));
        self.spec
            .validations
            .push(Condition::new(condition(&me), error_message));
        self
    }
}

/// An `output` block.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, Output};
/// let mut stack = Stack::new();
/// let v: Expr<String> = stack.variable("x", Variable::new());
/// stack.output("x", Output::new(v).description("echo").sensitive(true));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub(crate) value: RawExpr,
    pub(crate) description: Option<String>,
    pub(crate) sensitive: Option<bool>,
    pub(crate) ephemeral: Option<bool>,
    pub(crate) depends_on: Vec<String>,
    pub(crate) preconditions: Vec<Condition>,
}

impl Output {
    /// An output of `value`.
    pub fn new(value: impl IntoAny) -> Self {
        Self {
            value: value.into_raw(),
            description: None,
            sensitive: None,
            ephemeral: None,
            depends_on: Vec::new(),
            preconditions: Vec::new(),
        }
    }
    /// `description`
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
    /// `sensitive`
    #[must_use]
    pub fn sensitive(mut self, yes: bool) -> Self {
        self.sensitive = Some(yes);
        self
    }
    /// `ephemeral`
    #[must_use]
    pub fn ephemeral(mut self, yes: bool) -> Self {
        self.ephemeral = Some(yes);
        self
    }
    /// `depends_on`: one handle (`&vpc`) or several
    /// ([`Dependencies`](crate::handle::Dependencies)).
    #[must_use]
    pub fn depends_on(mut self, others: impl crate::handle::Dependencies) -> Self {
        for addr in others.dependency_addresses() {
            if !self.depends_on.contains(&addr) {
                self.depends_on.push(addr);
            }
        }
        self
    }
    /// A `precondition` block.
    #[must_use]
    pub fn precondition(
        mut self,
        condition: impl Into<Value<bool>>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        self.preconditions
            .push(Condition::new(condition, error_message));
        self
    }
}

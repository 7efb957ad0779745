//! The expression AST ([`RawExpr`]) and its typed views ([`Expr`], [`Value`]).
//!
//! Anything that is not a literal renders as a `"${...}"` string in Terraform JSON; literals
//! stay JSON literals, with `${` and `%{` escaped in strings.

mod collection;
pub mod convert;
mod escape;
mod for_expr;
mod mixed;
mod object;
pub(crate) mod render;
mod tree;
mod typed;

pub use collection::{ForEachArg, ListArg, MapArg, Nested};
pub use escape::{escape_template, unescape_template};
pub use for_expr::For;
pub use mixed::{list_of, null, value_of, AnyArgs, Args, Null, ValueOf};
pub use object::ObjectMap;
pub use render::render_hcl;
pub use tree::MAX_DEPTH;
pub(crate) use tree::{fmt_nested, BODY_FMT_DEPTH, RECURSION, TYPE_FMT_DEPTH};
pub use typed::{
    cond, count_index, each_key, each_value, path_cwd, path_module, path_root, terraform_workspace,
    Expr, IntoAny, ObjectType, ObjectValue, Value,
};

use std::sync::Arc;

/// A name in the model: borrowed when it is known at compile time (generated attribute and
/// block names), owned otherwise.
pub type Name = std::borrow::Cow<'static, str>;

/// A name given by the caller: any `&str` (borrowed for any lifetime, copied), a `String`, or
/// a [`Name`]. What the untyped builders take (`RawResource::attr`, `Body::attr`,
/// `Expr::attr`), so a name computed at run time works as well as a literal.
pub trait IntoName {
    /// The name.
    fn into_name(self) -> Name;
}
impl IntoName for &str {
    fn into_name(self) -> Name {
        Name::Owned(self.to_owned())
    }
}
impl IntoName for String {
    fn into_name(self) -> Name {
        Name::Owned(self)
    }
}
impl IntoName for &String {
    fn into_name(self) -> Name {
        Name::Owned(self.clone())
    }
}
impl IntoName for Name {
    fn into_name(self) -> Name {
        self
    }
}

/// The root of a reference: the first name of a traversal such as `aws_vpc.main.id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefRoot {
    /// `TYPE.NAME`: a managed resource.
    Resource {
        /// Resource type, e.g. `aws_vpc`.
        type_name: Arc<str>,
        /// Logical name.
        name: Arc<str>,
    },
    /// `data.TYPE.NAME`: a data source.
    Data {
        /// Data source type, e.g. `aws_ami`.
        type_name: Arc<str>,
        /// Logical name.
        name: Arc<str>,
    },
    /// `ephemeral.TYPE.NAME`: an ephemeral resource (Terraform 1.10).
    Ephemeral {
        /// Ephemeral resource type, e.g. `aws_secretsmanager_secret_version`.
        type_name: Arc<str>,
        /// Logical name.
        name: Arc<str>,
    },
    /// `var.NAME`
    Var(String),
    /// `local.NAME`
    Local(String),
    /// `module.NAME`
    Module(String),
    /// `count.index`
    CountIndex,
    /// `each.key`
    EachKey,
    /// `each.value`
    EachValue,
    /// `path.module`
    PathModule,
    /// `path.root`
    PathRoot,
    /// `path.cwd`
    PathCwd,
    /// `terraform.workspace`
    TerraformWorkspace,
    /// `self` (in postconditions, provisioners and connections)
    SelfRef,
    /// A symbol bound by a `for` expression or a `dynamic` block's iterator.
    Symbol(String),
    /// The empty root of an attribute path relative to a resource (`ignore_changes`).
    AttrPath,
}

impl RefRoot {
    /// The address this root refers to when it names something the stack declares
    /// (`aws_vpc.main`, `data.aws_ami.x`, `var.x`, `local.x`, `module.x`).
    pub fn address(&self) -> Option<String> {
        match self {
            Self::Resource { type_name, name } => Some(format!("{type_name}.{name}")),
            Self::Data { type_name, name } => Some(format!("data.{type_name}.{name}")),
            Self::Ephemeral { type_name, name } => Some(format!("ephemeral.{type_name}.{name}")),
            Self::Var(n) => Some(format!("var.{n}")),
            Self::Local(n) => Some(format!("local.{n}")),
            Self::Module(n) => Some(format!("module.{n}")),
            _ => None,
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Self::Mul => "*",
            Self::Div => "/",
            Self::Rem => "%",
            Self::Add => "+",
            Self::Sub => "-",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::And => "&&",
            Self::Or => "||",
        }
    }
    /// Higher binds tighter (HCL's precedence table).
    pub(crate) fn precedence(self) -> u8 {
        match self {
            Self::Mul | Self::Div | Self::Rem => 6,
            Self::Add | Self::Sub => 5,
            Self::Lt | Self::Le | Self::Gt | Self::Ge => 4,
            Self::Eq | Self::Ne => 3,
            Self::And => 2,
            Self::Or => 1,
        }
    }
}

/// A unary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `!x`
    Not,
    /// `-x`
    Neg,
}

/// One part of a template string.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    /// Literal text (escaped on output).
    Lit(String),
    /// `${expr}`
    Interp(RawExpr),
}

impl From<&str> for TemplatePart {
    fn from(s: &str) -> Self {
        Self::Lit(s.to_owned())
    }
}
impl From<String> for TemplatePart {
    fn from(s: String) -> Self {
        Self::Lit(s)
    }
}
impl From<&String> for TemplatePart {
    fn from(s: &String) -> Self {
        Self::Lit(s.clone())
    }
}
impl<T> From<Expr<T>> for TemplatePart {
    fn from(e: Expr<T>) -> Self {
        Self::Interp(e.into_raw())
    }
}
impl<T> From<&Expr<T>> for TemplatePart {
    fn from(e: &Expr<T>) -> Self {
        Self::Interp(e.raw().clone())
    }
}

/// A `for` expression: `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    /// The key (or index) symbol, when bound.
    pub key_var: Option<String>,
    /// The value symbol.
    pub value_var: String,
    /// The collection iterated over.
    pub collection: RawExpr,
    /// The key expression: `Some` makes it an object (map) `for`.
    pub key: Option<RawExpr>,
    /// The value expression.
    pub value: RawExpr,
    /// Grouping mode (`...`) of an object `for`.
    pub grouping: bool,
    /// The `if` filter.
    pub cond: Option<RawExpr>,
}

/// The untyped expression tree. Users normally build it through [`Expr`] and [`Value`].
///
/// Trees of any depth are cloned, walked, compared and dropped without recursion past a few
/// dozen levels; `Debug` (128 levels for `{:#?}`), [`render_hcl`] and
/// [`to_json_string`](crate::to_json_string) write 512 levels and mark where they stop; a stack
/// refuses a tree nested deeper than [`MAX_DEPTH`] levels.
///
/// `RawExpr` implements `Drop` (to take deep trees apart on the heap), so a pattern cannot move
/// a part out of it: match on `&mut` and take the part with `std::mem::take`.
#[non_exhaustive]
pub enum RawExpr {
    /// `null`
    Null,
    /// A boolean literal.
    Bool(bool),
    /// A number literal; integers stay integers.
    Number(serde_json::Number),
    /// A literal string (escaped on output).
    String(String),
    /// A tuple/list constructor `[a, b]`.
    Tuple(Vec<RawExpr>),
    /// An object constructor `{ key = value }` with literal keys.
    Object(ObjectMap),
    /// The root of a reference.
    Ref(RefRoot),
    /// `expr.name`
    Attr(Box<RawExpr>, Name),
    /// `expr[key]`
    Index(Box<RawExpr>, Box<RawExpr>),
    /// `expr[*]`
    Splat(Box<RawExpr>),
    /// A finished splat traversal (`x[*].id`): rendered in parentheses when another
    /// attribute or index follows, so `(x[*].id)[0]` takes the first id instead of
    /// indexing every id.
    Group(Box<RawExpr>),
    /// A template string `"a${b}c"`.
    Template(Vec<TemplatePart>),
    /// A `for` expression.
    For(Box<ForExpr>),
    /// `cond ? a : b`
    Conditional(Box<RawExpr>, Box<RawExpr>, Box<RawExpr>),
    /// `a op b`
    Binary(BinOp, Box<RawExpr>, Box<RawExpr>),
    /// `op a`
    Unary(UnOp, Box<RawExpr>),
    /// `name(args...)`, with `...` expansion of the last argument when the flag is set.
    Call(String, Vec<RawExpr>, bool),
    /// Raw HCL expression text, rendered as-is inside `${...}`: the last resort when the model
    /// cannot express something. Not checked by validation.
    Raw(String),
    /// A value that cannot be represented (a non-finite float); reported by validation.
    Invalid(String),
}

impl RawExpr {
    /// True when the expression is a literal (no references, calls or operators anywhere in it).
    pub fn is_literal(&self) -> bool {
        let mut literal = true;
        self.walk(&mut |node| {
            literal &= matches!(
                node,
                Self::Null
                    | Self::Bool(_)
                    | Self::Number(_)
                    | Self::String(_)
                    | Self::Tuple(_)
                    | Self::Object(_)
            );
        });
        literal
    }

    /// Calls `f` on every node of the tree, parents before children (children in order).
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a RawExpr)) {
        self.walk_bounded(f, tree::RECURSION);
    }

    /// Calls `f` on every node of the tree, mutably, parents before children.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut RawExpr)) {
        self.walk_mut_bounded(f, tree::RECURSION);
    }

    /// A function call. `name` must be a function name: an identifier (`upper`), `core::NAME`
    /// or `provider::PROVIDER::NAME`; validation reports anything else.
    pub fn call(name: impl Into<String>, args: Vec<RawExpr>) -> Self {
        Self::Call(name.into(), args, false)
    }

    /// `self.name`
    pub fn attr(self, name: impl Into<Name>) -> Self {
        Self::Attr(Box::new(self), name.into())
    }

    /// `self[key]`
    pub fn index(self, key: RawExpr) -> Self {
        Self::Index(Box::new(self), Box::new(key))
    }
}

impl From<&str> for RawExpr {
    fn from(s: &str) -> Self {
        Self::String(s.to_owned())
    }
}
impl From<String> for RawExpr {
    fn from(s: String) -> Self {
        Self::String(s)
    }
}
impl From<bool> for RawExpr {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}
macro_rules! raw_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for RawExpr {
            fn from(n: $t) -> Self {
                Self::Number(n.into())
            }
        }
    )*};
}
raw_from_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);
impl From<f64> for RawExpr {
    fn from(n: f64) -> Self {
        if n.fract() == 0.0 && n.abs() < 9.0e15 {
            // Integral floats serialize as integers (`443`, never `443.0`).
            #[allow(clippy::cast_possible_truncation)]
            return Self::Number((n as i64).into());
        }
        match serde_json::Number::from_f64(n) {
            Some(num) => Self::Number(num),
            None => Self::Invalid(format!(
                "number {n} is not finite; Terraform numbers must be finite"
            )),
        }
    }
}
impl From<f32> for RawExpr {
    fn from(n: f32) -> Self {
        f64::from(n).into()
    }
}
impl From<serde_json::Value> for RawExpr {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(b) => Self::Bool(b),
            serde_json::Value::Number(n) => Self::Number(n),
            serde_json::Value::String(s) => Self::String(s),
            serde_json::Value::Array(a) => Self::Tuple(a.into_iter().map(Into::into).collect()),
            serde_json::Value::Object(o) => {
                Self::Object(o.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

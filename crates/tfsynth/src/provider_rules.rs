//! What a provider refuses at plan, as data: the validation rules and sensitive attributes of
//! a resource or data source type, which generated bindings hand to the stack through
//! [`Block::rules`](crate::Block::rules) and which [`Stack::synth`](crate::Stack::synth)
//! checks every literal value against.
//!
//! Only literal values are checked (a string, number or bool, and the literal elements of a
//! list, set or map literal): a reference, a function call, a template with an interpolation
//! or a variable is never refused for being unknown, since Terraform checks it at plan.
//!
//! # Example
//! ```
//! use tfsynth::provider_rules::{ArgRule, Check, TypeRules};
//! use tfsynth::{prelude::*, Block, Body, Meta, RawAttrs, Ref, Resource};
//!
//! static RULES: TypeRules = TypeRules {
//!     args: &[ArgRule {
//!         path: "memory_size",
//!         check: Check::IntRange { min: Some(128), max: Some(10240) },
//!     }],
//!     groups: &[],
//!     sensitive: &[],
//! };
//!
//! struct Function(Body, Meta);
//! impl Block for Function {
//!     type Attrs = RawAttrs;
//!     fn type_name(&self) -> &str { "aws_lambda_function" }
//!     fn into_parts(self) -> (Body, Meta) { (self.0, self.1) }
//!     fn meta_mut(&mut self) -> &mut Meta { &mut self.1 }
//!     fn rules(&self) -> Option<&'static TypeRules> { Some(&RULES) }
//! }
//! impl Resource for Function {}
//!
//! let mut stack = Stack::new();
//! let f = stack.resource("fn", Function(Body::new().attr("memory_size", 64), Meta::default()));
//! assert_eq!(Ref::address(&f), "aws_lambda_function.fn");
//! let err = stack.synth().unwrap_err().to_string();
//! assert_eq!(
//!     err,
//!     "1 error:\n  - aws_lambda_function.fn (at fn): memory_size: expected memory_size to be in \
//!      the range (128 - 10240), got 64"
//! );
//! ```

use std::marker::PhantomData;

use crate::{Expr, RawExpr};

/// The rules of one resource or data source type: one `static` per generated type that has
/// rules or sensitive attributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeRules {
    /// Rules on single arguments.
    pub args: &'static [ArgRule],
    /// Rules on groups of arguments (`conflicts_with`, `exactly_one_of`, ...).
    pub groups: &'static [GroupRule],
    /// Attribute paths the provider marks sensitive (`password`,
    /// `master_user_secret.secret_arn`): an output that refers to one must be sensitive.
    pub sensitive: &'static [&'static str],
}

impl TypeRules {
    /// No rules: what a type without any has.
    pub const EMPTY: Self = Self {
        args: &[],
        groups: &[],
        sensitive: &[],
    };
}

/// A rule on one argument.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArgRule {
    /// Argument names joined by `.` through nested blocks from the type's root, no indices;
    /// `x.*` is each element of the list, set or map of primitives argument `x`.
    pub path: &'static str,
    /// What the value must be.
    pub check: Check,
}

/// What a literal value must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// One of `values` (enums, `StringInSlice`), compared ignoring ASCII case when
    /// `ignore_case`.
    OneOf {
        /// The allowed values.
        values: &'static [&'static str],
        /// Compare without case.
        ignore_case: bool,
    },
    /// An integer among `values` (`IntInSlice`).
    IntOneOf {
        /// The allowed values.
        values: &'static [i64],
    },
    /// An integer within inclusive bounds (`IntBetween`, `IntAtLeast`, `IntAtMost`).
    IntRange {
        /// The least allowed.
        min: Option<i64>,
        /// The greatest allowed.
        max: Option<i64>,
    },
    /// A number within inclusive bounds (`FloatBetween`, `FloatAtLeast`, `FloatAtMost`).
    FloatRange {
        /// The least allowed.
        min: Option<f64>,
        /// The greatest allowed.
        max: Option<f64>,
    },
    /// A string length within inclusive bounds.
    Length {
        /// The shortest allowed.
        min: Option<u64>,
        /// The longest allowed.
        max: Option<u64>,
        /// `false`: counted in bytes (SDK v2 `StringLenBetween`); `true`: in UTF-8 characters
        /// (plugin framework `stringvalidator.LengthBetween`).
        chars: bool,
    },
    /// A string that matches (or, when `negate`, does not match) a Go RE2 regular expression.
    /// A pattern that does not compile here is skipped: the provider checks it at plan.
    Pattern {
        /// The expression's source, as in the provider.
        regex: &'static str,
        /// The provider's message for a value that does not match, if it gives one.
        message: Option<&'static str>,
        /// The value must not match.
        negate: bool,
    },
    /// A string of a well-known format.
    Format(Format),
    /// How many elements a list or set argument has, or how many blocks a repeated block.
    Items {
        /// The fewest allowed.
        min: Option<u64>,
        /// The most allowed.
        max: Option<u64>,
    },
}

/// Well-known string formats the providers validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// An ARN (`arn:partition:service:region:account:resource`, `verify.ValidARN`).
    Arn,
    /// An IPv4 or IPv6 CIDR block (`validation.IsCIDR`).
    Cidr,
    /// An IPv4 CIDR block (`validation.IsCIDRNetwork(0, 32)`, `verify.ValidIPv4CIDRNetworkAddress`).
    Ipv4Cidr,
    /// An IPv6 CIDR block (`verify.ValidIPv6CIDRNetworkAddress`).
    Ipv6Cidr,
    /// An IPv4 address (`validation.IsIPv4Address`).
    Ipv4,
    /// An IPv6 address (`validation.IsIPv6Address`).
    Ipv6,
    /// A JSON document (`validation.StringIsJSON`).
    Json,
    /// Base64 text (`validation.StringIsBase64`).
    Base64,
    /// An RFC 3339 timestamp (`validation.IsRFC3339Time`).
    Rfc3339,
}

/// A rule on a group of arguments, within one block instance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupRule {
    /// The kind of constraint.
    pub kind: GroupKind,
    /// The argument the rule is declared on, as in [`ArgRule::path`].
    pub path: &'static str,
    /// The other arguments it names, as full paths from the type's root like `path`.
    pub others: &'static [&'static str],
}

/// The constraint of a [`GroupRule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// `path` may not be set together with any of `others`.
    ConflictsWith,
    /// Exactly one of `path` and `others` is set.
    ExactlyOneOf,
    /// At least one of `path` and `others` is set.
    AtLeastOneOf,
    /// When `path` is set, all of `others` are set.
    RequiredWith,
}

/// A provider enum of generated bindings (`lambda::Runtime`): the values the pinned provider
/// lists, each with the provider's exact string.
pub trait ProviderEnum: Copy {
    /// The provider's exact string for the value.
    fn as_str(self) -> &'static str;
}

/// The value of an enum argument: a variant of the enum `E` (`Runtime::Python3_12`), an
/// expression of type string (a variable, another resource's attribute), or a value the pinned
/// provider does not list yet ([`EnumValue::unlisted`]). A string literal is not one.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// use tfsynth::provider_rules::{EnumValue, ProviderEnum};
///
/// #[derive(Clone, Copy)]
/// enum Tier { Standard }
/// impl ProviderEnum for Tier {
///     fn as_str(self) -> &'static str { "standard" }
/// }
///
/// let listed: EnumValue<Tier> = Tier::Standard.into();
/// let var: Expr<String> = Expr::raw_hcl("var.tier");
/// let from_var: EnumValue<Tier> = (&var).into();
/// let newer: EnumValue<Tier> = EnumValue::unlisted("premium");
/// assert_eq!(listed.into_raw(), tfsynth::RawExpr::String("standard".into()));
/// assert_eq!(from_var.into_raw(), var.into_raw());
/// assert!(!matches!(newer.into_raw(), tfsynth::RawExpr::String(_)));
/// ```
pub struct EnumValue<E> {
    raw: RawExpr,
    _enum: PhantomData<fn() -> E>,
}

impl<E> EnumValue<E> {
    /// A value the pinned provider does not list: written as given (the plain string) and left
    /// to the provider's plan. In the model it is a template of one interpolated string, which
    /// the synth check does not take for a literal, so this value is never refused.
    pub fn unlisted(value: impl Into<String>) -> Self {
        Self {
            raw: RawExpr::Template(vec![crate::expr::TemplatePart::Interp(RawExpr::String(
                value.into(),
            ))]),
            _enum: PhantomData,
        }
    }

    /// The expression.
    #[inline]
    pub fn into_raw(self) -> RawExpr {
        self.raw
    }
}

impl<E> Clone for EnumValue<E> {
    fn clone(&self) -> Self {
        Self {
            raw: self.raw.clone(),
            _enum: PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for EnumValue<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("EnumValue").field(&self.raw).finish()
    }
}

impl<E: ProviderEnum> From<E> for EnumValue<E> {
    /// A string literal, checked at synth like any literal.
    fn from(e: E) -> Self {
        Self {
            raw: RawExpr::String(e.as_str().to_owned()),
            _enum: PhantomData,
        }
    }
}

impl<E: ProviderEnum> From<Expr<String>> for EnumValue<E> {
    fn from(e: Expr<String>) -> Self {
        Self {
            raw: e.into_raw(),
            _enum: PhantomData,
        }
    }
}

impl<E: ProviderEnum> From<&Expr<String>> for EnumValue<E> {
    fn from(e: &Expr<String>) -> Self {
        Self {
            raw: e.raw().clone(),
            _enum: PhantomData,
        }
    }
}

/// The value of an argument that is a list or set of enum values (`architectures` of a Lambda
/// function): the variants (`[Architecture::Arm64]`, a `Vec` of them), [`EnumValue`]s (to mix
/// in an expression or an [`EnumValue::unlisted`] value), or an expression of type list or set
/// of strings. A list of string literals is not one.
///
/// # Example
/// ```
/// use tfsynth::prelude::*;
/// use tfsynth::provider_rules::{EnumValue, EnumValues, ProviderEnum};
///
/// #[derive(Clone, Copy)]
/// enum Arch { X86_64, Arm64 }
/// impl ProviderEnum for Arch {
///     fn as_str(self) -> &'static str {
///         match self { Arch::X86_64 => "x86_64", Arch::Arm64 => "arm64" }
///     }
/// }
///
/// let listed: EnumValues<Arch> = [Arch::Arm64].into();
/// assert_eq!(tfsynth::to_json_string(&listed.into_raw()), r#"["arm64"]"#);
/// let mixed: EnumValues<Arch> = vec![Arch::X86_64.into(), EnumValue::unlisted("riscv64")].into();
/// // An unlisted value is written as the plain string and left to the provider's plan.
/// assert_eq!(tfsynth::to_json_string(&mixed.into_raw()), r#"["x86_64","riscv64"]"#);
/// let var: Expr<List<String>> = Expr::raw_hcl("var.architectures");
/// let from_var: EnumValues<Arch> = (&var).into();
/// assert_eq!(from_var.into_raw(), var.into_raw());
/// ```
pub struct EnumValues<E> {
    raw: RawExpr,
    _enum: PhantomData<fn() -> E>,
}

impl<E> EnumValues<E> {
    fn new(raw: RawExpr) -> Self {
        Self {
            raw,
            _enum: PhantomData,
        }
    }

    /// The expression.
    #[inline]
    pub fn into_raw(self) -> RawExpr {
        self.raw
    }
}

impl<E> Clone for EnumValues<E> {
    fn clone(&self) -> Self {
        Self::new(self.raw.clone())
    }
}

impl<E> std::fmt::Debug for EnumValues<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("EnumValues").field(&self.raw).finish()
    }
}

impl<E: ProviderEnum> From<Vec<E>> for EnumValues<E> {
    /// String literals, checked at synth like any literal.
    fn from(v: Vec<E>) -> Self {
        Self::new(RawExpr::Tuple(
            v.into_iter()
                .map(|e| RawExpr::String(e.as_str().to_owned()))
                .collect(),
        ))
    }
}

impl<E: ProviderEnum, const N: usize> From<[E; N]> for EnumValues<E> {
    fn from(v: [E; N]) -> Self {
        Self::from(Vec::from(v))
    }
}

impl<E: ProviderEnum> From<Vec<EnumValue<E>>> for EnumValues<E> {
    fn from(v: Vec<EnumValue<E>>) -> Self {
        Self::new(RawExpr::Tuple(
            v.into_iter().map(EnumValue::into_raw).collect(),
        ))
    }
}

impl<E: ProviderEnum, const N: usize> From<[EnumValue<E>; N]> for EnumValues<E> {
    fn from(v: [EnumValue<E>; N]) -> Self {
        Self::from(Vec::from(v))
    }
}

macro_rules! enum_values_from_expr {
    ($($c:ident),*) => {$(
        impl<E: ProviderEnum> From<Expr<crate::types::$c<String>>> for EnumValues<E> {
            fn from(e: Expr<crate::types::$c<String>>) -> Self {
                Self::new(e.into_raw())
            }
        }
        impl<E: ProviderEnum> From<&Expr<crate::types::$c<String>>> for EnumValues<E> {
            fn from(e: &Expr<crate::types::$c<String>>) -> Self {
                Self::new(e.raw().clone())
            }
        }
    )*};
}
enum_values_from_expr!(List, Set);

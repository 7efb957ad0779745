//! Terraform's implicit conversions, as `From` impls into [`Value`]: where Terraform converts
//! a value to the type an argument expects, the typed setter takes the source type too.
//!
//! | source | into | written as |
//! |--------|------|------------|
//! | a Rust number (`3000`, `1.5`) | `Value<String>` | the string Terraform would make: `"3000"`, `"1.5"` |
//! | `true` / `false` | `Value<String>` | `"true"` / `"false"` |
//! | `Expr<Number>`, `Expr<bool>` (owned or borrowed) | `Value<String>` | the expression; Terraform converts it |
//! | `Expr<List<T>>` (owned or borrowed) | `Value<Set<T>>` | the expression |
//! | `Expr<Set<T>>` (owned or borrowed) | `Value<List<T>>` | the expression |
//! | `Expr<Any>` (owned or borrowed) | a `Value` of any type | the expression; Terraform checks it when it plans |
//!
//! `Expr<Any>` is Terraform's `dynamic`: an `any` variable, `jsondecode(...)`, an
//! [`obj!`](crate::obj) literal (an object, which Terraform converts to a map or an object type
//! where one is expected), the element of a `dynamic` block. Terraform accepts such a value for
//! any argument and checks it at plan, so it needs no `cast` here either.
//!
//! Everything else stays a compile error: a list where a string is expected, a string where a
//! number or a bool is expected (Terraform converts those only when the text parses; write
//! [`crate::functions::tonumber`] / [`crate::functions::tobool`]), a list of numbers where a
//! bool is expected.
//!
//! # Example
//! ```
//! use tfsynth::prelude::*;
//! let port: Value<String> = 3000.into();
//! assert_eq!(port.as_literal_str(), Some("3000"));
//! let mut stack = Stack::new();
//! let n: Expr<Number> = stack.variable("n", Variable::new());
//! let ids: Expr<List<String>> = stack.variable("ids", Variable::new());
//! let as_text: Value<String> = (&n).into();
//! let as_set: Value<Set<String>> = (&ids).into();
//! assert_eq!(as_text.into_expr().to_string(), "var.n");
//! assert_eq!(as_set.into_expr().to_string(), "var.ids");
//! ```
//!
//! A list never converts to a string:
//! ```compile_fail
//! use tfsynth::prelude::*;
//! let ids: Expr<List<String>> = Expr::raw_hcl("var.ids");
//! let _: Value<String> = ids.into();
//! ```
//! nor a string to a number:
//! ```compile_fail
//! use tfsynth::prelude::*;
//! let _: Value<Number> = "3000".into();
//! ```
//! nor a list of numbers to a bool:
//! ```compile_fail
//! use tfsynth::prelude::*;
//! let ports: Expr<List<Number>> = Expr::raw_hcl("var.ports");
//! let _: Value<bool> = ports.into();
//! ```
//! nor a bool to a number:
//! ```compile_fail
//! use tfsynth::prelude::*;
//! let _: Value<Number> = true.into();
//! ```

use super::{Expr, ObjectType, RawExpr, Value};
use crate::types::{Any, List, Map, Number, Set};

/// The text Terraform makes of a number (`3000`, `1.5`, `-0.25`; never an exponent).
fn number_text(n: f64) -> RawExpr {
    if !n.is_finite() {
        return RawExpr::from(n);
    }
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        return RawExpr::String((n as i64).to_string());
    }
    RawExpr::String(format!("{n}"))
}

macro_rules! string_from_int {
    ($($t:ty),*) => {$(
        /// Terraform converts a number to its decimal text where a string is expected.
        impl From<$t> for Value<String> {
            fn from(n: $t) -> Self {
                Self::from_raw(RawExpr::String(n.to_string()))
            }
        }
    )*};
}
string_from_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

/// Terraform converts a number to its decimal text where a string is expected: `1.5` is
/// `"1.5"`, `3.0` is `"3"`.
impl From<f64> for Value<String> {
    fn from(n: f64) -> Self {
        Self::from_raw(number_text(n))
    }
}
/// As `f64`: the number the JSON would carry, as text.
impl From<f32> for Value<String> {
    fn from(n: f32) -> Self {
        Self::from_raw(number_text(f64::from(n)))
    }
}
/// Terraform converts a bool to `"true"` or `"false"` where a string is expected.
impl From<bool> for Value<String> {
    fn from(b: bool) -> Self {
        Self::from_raw(RawExpr::String(b.to_string()))
    }
}

macro_rules! expr_converts {
    ($(($($g:ident)?) $from:ty => $to:ty),* $(,)?) => {$(
        impl<$($g)?> From<Expr<$from>> for Value<$to> {
            fn from(e: Expr<$from>) -> Self {
                Self::from_raw(e.into_raw())
            }
        }
        impl<$($g)?> From<&Expr<$from>> for Value<$to> {
            fn from(e: &Expr<$from>) -> Self {
                Self::from_raw(e.raw().clone())
            }
        }
    )*};
}
expr_converts!(
    () Number => String,
    () bool => String,
    (T) Set<T> => List<T>,
    (T) List<T> => Set<T>,
    () Any => String,
    () Any => Number,
    () Any => bool,
    (T) Any => List<T>,
    (T) Any => Set<T>,
    (T) Any => Map<T>,
);

/// A dynamic value where an object type is expected: Terraform checks its attributes at plan.
impl<O: ObjectType> From<Expr<Any>> for Value<O> {
    fn from(e: Expr<Any>) -> Self {
        Self::from_raw(e.into_raw())
    }
}
/// A dynamic value where an object type is expected: Terraform checks its attributes at plan.
impl<O: ObjectType> From<&Expr<Any>> for Value<O> {
    fn from(e: &Expr<Any>) -> Self {
        Self::from_raw(e.raw().clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_json_string;

    fn json<T>(v: impl Into<Value<T>>) -> String {
        to_json_string(v.into().raw())
    }

    #[test]
    fn numbers_and_bools_become_the_text_terraform_makes() {
        assert_eq!(json::<String>(3000), r#""3000""#);
        assert_eq!(json::<String>(-7_i64), r#""-7""#);
        assert_eq!(json::<String>(443_u16), r#""443""#);
        assert_eq!(json::<String>(1.5), r#""1.5""#);
        assert_eq!(json::<String>(3.0), r#""3""#);
        assert_eq!(json::<String>(-0.25_f32), r#""-0.25""#);
        assert_eq!(json::<String>(1e21), r#""1000000000000000000000""#);
        assert_eq!(json::<String>(true), r#""true""#);
        assert_eq!(json::<String>(false), r#""false""#);
        // Not a number Terraform has: the same error as the number literal.
        assert!(matches!(
            Value::<String>::from(f64::NAN).raw(),
            RawExpr::Invalid(_)
        ));
    }

    #[test]
    fn literal_lists_of_numbers_become_lists_of_strings() {
        assert_eq!(json::<List<String>>(vec![80, 443]), r#"["80","443"]"#);
        assert_eq!(json::<Set<String>>([true]), r#"["true"]"#);
    }

    #[test]
    fn expressions_convert_as_they_are() {
        let n: Expr<Number> = Expr::raw_hcl("var.n");
        let b: Expr<bool> = Expr::raw_hcl("var.b");
        let l: Expr<List<String>> = Expr::raw_hcl("var.l");
        let s: Expr<Set<String>> = Expr::raw_hcl("var.s");
        let a: Expr<Any> = Expr::raw_hcl("var.a");
        assert_eq!(json::<String>(&n), r#""${var.n}""#);
        assert_eq!(json::<String>(b), r#""${var.b}""#);
        assert_eq!(json::<Set<String>>(&l), r#""${var.l}""#);
        assert_eq!(json::<List<String>>(&s), r#""${var.s}""#);
        assert_eq!(json::<Map<String>>(&a), r#""${var.a}""#);
        assert_eq!(json::<Number>(a), r#""${var.a}""#);
    }

    #[test]
    fn a_literal_dollar_brace_stays_text_after_conversion() {
        let v: Value<List<String>> = vec!["${x}"].into();
        assert_eq!(to_json_string(v.raw()), r#"["$${x}"]"#);
    }
}

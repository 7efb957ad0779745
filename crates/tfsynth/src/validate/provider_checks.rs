//! One literal value against one check of a provider rule, and the provider's words for why
//! it is refused.

use std::fmt::Write as _;

use crate::expr::{RawExpr, TemplatePart};
use crate::provider_rules::Check;

/// A literal scalar.
pub(super) enum Literal<'a> {
    Str(std::borrow::Cow<'a, str>),
    Num(&'a serde_json::Number),
    Bool(bool),
}

impl<'a> Literal<'a> {
    pub(super) fn of(e: &'a RawExpr) -> Option<Self> {
        Some(match e {
            RawExpr::String(s) => Self::Str(s.into()),
            RawExpr::Number(n) => Self::Num(n),
            RawExpr::Bool(b) => Self::Bool(*b),
            RawExpr::Template(parts) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        TemplatePart::Lit(l) => s.push_str(l),
                        TemplatePart::Interp(_) => return None,
                    }
                }
                Self::Str(s.into())
            }
            _ => return None,
        })
    }

    /// As Terraform converts it to a string.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Str(s) => s.as_ref().into(),
            Self::Num(n) => n.to_string().into(),
            Self::Bool(b) => b.to_string().into(),
        }
    }

    /// As Terraform converts it to a number.
    fn number(&self) -> Option<f64> {
        match self {
            Self::Num(n) => n.as_f64(),
            Self::Str(s) => s.trim().parse().ok().filter(|f: &f64| f.is_finite()),
            Self::Bool(_) => None,
        }
    }

    /// As Terraform converts it to a whole number.
    fn integer(&self) -> Option<i64> {
        match self {
            Self::Num(n) => n.as_i64(),
            Self::Str(s) => s.trim().parse().ok(),
            Self::Bool(_) => None,
        }
    }
}

/// `["a", "b"]`
fn quoted_list(values: &[&str]) -> String {
    let mut out = String::from("[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{v:?}");
    }
    out.push(']');
    out
}

fn range<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("to be in the range ({a} - {b})"),
        (Some(a), None) => format!("to be at least ({a})"),
        (None, Some(b)) => format!("to be at most ({b})"),
        (None, None) => String::new(),
    }
}

/// A bound or value as people write it: `0.5`, `100`, and `8.51592e-109` rather than a hundred
/// zeros.
struct Float(f64);

impl std::fmt::Display for Float {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.0.abs();
        if a != 0.0 && !(1e-4..1e15).contains(&a) {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// Why the literal `v` of the argument `arg` breaks `check`, in the provider's words.
pub(super) fn value_check(check: &Check, arg: &str, v: &Literal<'_>) -> Option<String> {
    match *check {
        Check::OneOf {
            values,
            ignore_case,
        } => {
            let text = v.text();
            let ok = values.iter().any(|a| {
                *a == text.as_ref() || (ignore_case && a.to_lowercase() == text.to_lowercase())
            });
            let case = if ignore_case { " (in any case)" } else { "" };
            (!ok).then(|| {
                format!(
                    "expected {arg} to be one of {}{case}, got {text}",
                    quoted_list(values)
                )
            })
        }
        Check::IntOneOf { values } => {
            let n = v.integer()?;
            (!values.contains(&n)).then(|| {
                let list: Vec<String> = values.iter().map(i64::to_string).collect();
                format!("expected {arg} to be one of [{}], got {n}", list.join(", "))
            })
        }
        Check::IntRange { min, max } => {
            let n = v.integer()?;
            let out = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
            out.then(|| format!("expected {arg} {}, got {n}", range(min, max)))
        }
        Check::FloatRange { min, max } => {
            let n = v.number()?;
            let out = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
            out.then(|| {
                format!(
                    "expected {arg} {}, got {}",
                    range(min.map(Float), max.map(Float)),
                    Float(n)
                )
            })
        }
        Check::Length { min, max, chars } => {
            let text = v.text();
            let n = if chars {
                text.chars().count()
            } else {
                text.len()
            } as u64;
            let out = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
            let unit = if chars { "characters" } else { "bytes" };
            out.then(|| {
                format!(
                    "expected length of {arg} {}, got {text:?} ({n} {unit})",
                    range(min, max)
                )
            })
        }
        Check::Pattern {
            regex,
            message,
            negate,
        } => {
            let text = v.text();
            let matched = super::pattern::is_match(regex, &text)?;
            (matched == negate).then(|| match message {
                Some(m) => format!("invalid value for {arg} ({m}), got {text:?}"),
                None => format!(
                    "expected value of {arg} to {}match regular expression {regex:?}, got {text}",
                    if negate { "not " } else { "" }
                ),
            })
        }
        Check::Format(format) => super::formats::check(format, arg, &v.text()),
        Check::Items { .. } => None,
    }
}

/// Why `count` elements (or blocks) of `name` break the bounds.
pub(super) fn items(
    name: &str,
    count: u64,
    min: Option<u64>,
    max: Option<u64>,
    blocks: bool,
) -> Option<String> {
    if let Some(max) = max.filter(|m| count > *m) {
        return Some(if blocks {
            format!("too many {name:?} blocks: no more than {max} are allowed, {count} declared")
        } else {
            format!("attribute {name} supports {max} item maximum, but config has {count} declared")
        });
    }
    if let Some(min) = min.filter(|m| count < *m) {
        return Some(if blocks {
            format!("insufficient {name:?} blocks: at least {min} are required, {count} declared")
        } else {
            format!("attribute {name} requires {min} item minimum, but config has only {count} declared")
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Float;

    #[test]
    fn floats_are_written_short() {
        assert_eq!(Float(0.5).to_string(), "0.5");
        assert_eq!(Float(100.0).to_string(), "100");
        assert_eq!(Float(0.0).to_string(), "0");
        assert_eq!(Float(8.51592e-109).to_string(), "8.51592e-109");
        assert_eq!(Float(-1.174271e108).to_string(), "-1.174271e108");
    }
}

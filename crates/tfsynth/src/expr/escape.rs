//! Escaping of literal strings so that Terraform never evaluates them.

use std::borrow::Cow;

/// Escapes a literal string for a Terraform template: `${` becomes `$${` and `%{` becomes `%%{`.
///
/// This is right for a whole string. Inside a template the joined literal text is escaped, and
/// a `$` right before an interpolation needs more (see [`crate::template!`]): the writers do
/// that; this function alone does not.
///
/// # Example
/// ```
/// assert_eq!(tfsynth::escape_template("${file(\"/etc/passwd\")}"), "$${file(\"/etc/passwd\")}");
/// assert_eq!(tfsynth::escape_template("100%{x}"), "100%%{x}");
/// assert_eq!(tfsynth::escape_template("plain"), "plain");
/// ```
pub fn escape_template(s: &str) -> Cow<'_, str> {
    // One pass over the bytes: most strings have no `{` at all.
    let b = s.as_bytes();
    let needs_escape = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'{' && i > 0 && (b[i - 1] == b'$' || b[i - 1] == b'%'));
    if !needs_escape {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if (c == '$' || c == '%') && chars.peek() == Some(&'{') {
            out.push(c);
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Reverses [`escape_template`] the way Terraform's template parser does: `$${` reads as `${`
/// and `%%{` as `%{`. Used by tests to check that literals round-trip.
pub fn unescape_template(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while i + 2 < b.len() {
        if (b[i] == b'$' || b[i] == b'%') && b[i + 1] == b[i] && b[i + 2] == b'{' {
            out.push_str(&s[last..=i]);
            i += 2;
            last = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&s[last..]);
    out
}

/// Writes `s` as an HCL quoted string literal (for use inside `${...}`).
pub(crate) fn write_hcl_string(s: &str, out: &mut String) {
    out.push('"');
    write_hcl_string_body(s, out);
    out.push('"');
}

/// Writes the inside of an HCL quoted string: backslash escapes plus template escapes.
pub(crate) fn write_hcl_string_body(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_interpolation_and_directive_openers() {
        assert_eq!(escape_template("a${b}c%{d}"), "a$${b}c%%{d}");
        assert_eq!(escape_template("$${x}"), "$$${x}");
        assert_eq!(escape_template("$ { } % {"), "$ { } % {");
        assert_eq!(escape_template("$"), "$");
        assert_eq!(escape_template("{"), "{");
    }

    #[test]
    fn unescape_reverses_escape() {
        for s in [
            "",
            "$",
            "${",
            "$${",
            "$$${x}",
            "%{",
            "%%{",
            "a${b}%{c}$",
            "${${",
        ] {
            assert_eq!(unescape_template(&escape_template(s)), s, "{s:?}");
        }
    }

    #[test]
    fn hcl_strings_escape_quotes_backslashes_controls_and_templates() {
        let mut s = String::new();
        write_hcl_string("a\"b\\c\nd\te${f}%{g}\u{1}", &mut s);
        insta::assert_snapshot!(s, @r#""a\"b\\c\nd\te$${f}%%{g}\u0001""#);
    }
}

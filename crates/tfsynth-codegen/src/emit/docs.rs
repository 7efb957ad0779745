//! Doc comments: provider text made safe for rustdoc, and the doc of each field.

use super::{object_in, Field, FieldKind};
use crate::schema::CtyType;

/// Doc comment lines (`/// ...`) for a text. Code fences are neutralized so provider
/// descriptions never become doctests.
pub fn doc(out: &mut String, indent: &str, text: &str) {
    // A bare carriage return ends a line (rustc refuses one in a doc comment); other control
    // characters become spaces.
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    for line in text.trim().lines() {
        let l = markdown_safe(&line.trim().replace("```", "'''"));
        if l.is_empty() {
            w!(out, "{indent}///");
        } else {
            w!(out, "{indent}/// {l}");
        }
    }
}

/// Makes provider text safe for rustdoc: a `<` that does not open an autolink is escaped
/// (`<region>` is not an HTML tag), and bare URLs become autolinks (`<https://...>`).
pub fn markdown_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let linked = (i >= 2 && &bytes[i - 2..i] == b"](") || (i >= 1 && bytes[i - 1] == b'<');
            let end = rest
                .find(|ch: char| ch.is_whitespace() || ch == '>')
                .unwrap_or(rest.len());
            let mut url = &rest[..end];
            if linked {
                out.push_str(url);
            } else {
                // Trailing punctuation and an unmatched `)` belong to the sentence.
                loop {
                    let mut t = url.trim_end_matches(['.', ',', ';', ':', '"', '\'']);
                    if t.ends_with(')') && t.matches('(').count() < t.matches(')').count() {
                        t = &t[..t.len() - 1];
                    }
                    if t.len() == url.len() {
                        break;
                    }
                    url = t;
                }
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            i += url.len();
            continue;
        }
        if !in_code && c == '<' && !rest.starts_with("<http") {
            out.push_str("\\<");
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// The doc text of a field: the provider's description, then its name, type and flags.
pub fn field_doc(f: &Field, path_of: &dyn Fn(usize) -> String) -> String {
    let mut s = String::new();
    if let Some(d) = &f.description {
        s.push_str(d.trim());
        s.push_str("\n\n");
    }
    if let Some(d) = &f.deprecated {
        s.push_str("Deprecated by the provider");
        if !d.is_empty() {
            s.push_str(": ");
            s.push_str(d.trim());
        }
        s.push_str("\n\n");
    }
    match &f.kind {
        FieldKind::Attr {
            ty,
            cty,
            required,
            settable,
            computed,
            write_only,
        } => {
            let mut what = vec![
                format!("`{}`", f.name),
                format!("`{}`", cty.terraform_name()),
            ];
            if *required {
                what.push("required".into());
            } else if *settable && *computed {
                what.push("optional, computed".into());
            } else if *settable {
                what.push("optional".into());
            } else if *computed {
                what.push("computed".into());
            }
            if *write_only {
                what.push("write-only".into());
            }
            if f.sensitive {
                what.push("sensitive".into());
            }
            s.push_str(&what.join(", "));
            if let Some(i) = object_in(ty) {
                s.push_str(&format!(": see [`{}`]", path_of(i)));
            }
            if matches!(cty, CtyType::Dynamic) {
                s.push_str(" (any value)");
            }
            if let Some(e) = &f.enum_ty {
                if e.list {
                    s.push_str(&format!(
                        "\n\nTakes [`{}`] values (`[..]`, a `Vec`) or an `Expr` of a list or \
                         set of strings.",
                        e.path()
                    ));
                } else {
                    s.push_str(&format!(
                        "\n\nTakes a [`{}`] or an `Expr<String>`.",
                        e.path()
                    ));
                }
            }
        }
        FieldKind::Block {
            def,
            nesting,
            min_items,
            max_items,
            ..
        } => {
            s.push_str(&format!(
                "Block `{}`, nesting mode `{}`",
                f.name,
                nesting.as_str()
            ));
            if let Some(m) = min_items.filter(|m| *m > 0) {
                s.push_str(&format!(", min {m}"));
            }
            if let Some(m) = max_items {
                s.push_str(&format!(", max {m}"));
            }
            s.push_str(&format!(": see [`{}`]", path_of(*def)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::markdown_safe;

    #[test]
    fn bare_urls_become_autolinks_and_tags_are_escaped() {
        assert_eq!(
            markdown_safe("path-style, i.e., https://s3.amazonaws.com/BUCKET/KEY. By default"),
            "path-style, i.e., <https://s3.amazonaws.com/BUCKET/KEY>. By default"
        );
        assert_eq!(
            markdown_safe("when possible (https://BUCKET.s3.amazonaws.com/KEY)."),
            "when possible (<https://BUCKET.s3.amazonaws.com/KEY>)."
        );
        assert_eq!(
            markdown_safe("[docs](https://x.example/a)"),
            "[docs](https://x.example/a)"
        );
        assert_eq!(markdown_safe("<https://x.example>"), "<https://x.example>");
        assert_eq!(
            markdown_safe("format <region>:<id>"),
            "format \\<region>:\\<id>"
        );
        assert_eq!(markdown_safe("`a <b>` <c>"), "`a <b>` \\<c>");
    }
}

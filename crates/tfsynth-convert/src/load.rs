//! Reading a configuration directory: every `*.tf` file, parsed with hcl-rs (its `edit`
//! parser, which keeps spans and comments), within limits.

use std::fs;
use std::path::{Path, PathBuf};

use hcl::edit::parser;
use hcl::edit::structure::Body;

use crate::Error;

/// The largest file read (bytes): a configuration file larger than this is refused.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The deepest nesting of brackets and braces accepted in a file.
pub const MAX_DEPTH: usize = 64;
/// The most files read from one directory.
pub const MAX_FILES: usize = 1000;

/// One parsed file.
#[derive(Debug)]
pub struct SourceFile {
    /// The path shown in messages.
    pub shown: String,
    /// Its text.
    pub text: String,
    /// Its body.
    pub body: Body,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Parses `text`, shown as `shown` in messages.
    ///
    /// # Errors
    /// A syntax error (with line and column) or a nesting deeper than [`MAX_DEPTH`].
    pub fn parse(shown: &str, text: String) -> Result<Self, Error> {
        if let Some((line, col)) = too_deep(&text) {
            return Err(Error::TooDeep {
                at: format!("{shown}:{line}:{col}"),
                limit: MAX_DEPTH,
            });
        }
        let body = parser::parse_body(&text).map_err(|e| Error::Syntax {
            at: format!("{shown}:{}:{}", e.location().line(), e.location().column()),
            message: e.message().to_owned(),
        })?;
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Ok(Self {
            shown: shown.to_owned(),
            text,
            body,
            line_starts,
        })
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// `file:line` of a byte offset.
    pub fn at(&self, offset: usize) -> String {
        format!("{}:{}", self.shown, self.line_of(offset))
    }

    /// The source text of a span.
    pub fn slice(&self, span: &std::ops::Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// The comment at the end of the line that holds `offset` (`cidr = var.cidr # the range`,
    /// `resource "aws_vpc" "main" { // the network`), read from `offset` on, outside string
    /// literals; without its marker.
    pub fn comment_at_end_of_line(&self, offset: usize) -> Option<String> {
        let line = self.line_of(offset);
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let rest = self.text.get(offset..end)?;
        let bytes = rest.as_bytes();
        let mut in_str = false;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if in_str => i += 1,
                b'"' => in_str = !in_str,
                b'#' if !in_str => return comment_text(&rest[i + 1..]),
                b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => {
                    return comment_text(&rest[i + 2..])
                }
                b'/' if !in_str && bytes.get(i + 1) == Some(&b'*') => {
                    let body = rest[i + 2..].trim_end();
                    return comment_text(body.strip_suffix("*/").unwrap_or(body));
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// The comment lines (`#`, `//`, `/* */` on their own lines) directly above the line that
    /// holds `offset`, without their markers. A blank line ends them.
    pub fn comments_above(&self, offset: usize) -> Vec<String> {
        let line = self.line_of(offset);
        let mut out = Vec::new();
        let mut l = line;
        while l > 1 {
            l -= 1;
            let start = self.line_starts[l - 1];
            let end = self.line_starts.get(l).copied().unwrap_or(self.text.len());
            let t = self.text[start..end].trim();
            let body = if let Some(r) = t.strip_prefix('#') {
                r
            } else if let Some(r) = t.strip_prefix("//") {
                r
            } else if t.starts_with("/*") && t.ends_with("*/") && t.len() >= 4 {
                &t[2..t.len() - 2]
            } else {
                break;
            };
            out.push(body.trim().to_owned());
        }
        out.reverse();
        out
    }
}

fn comment_text(body: &str) -> Option<String> {
    let t = body.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Line and column where the nesting of `{`, `[` and `(` first exceeds [`MAX_DEPTH`].
/// Brackets inside strings count too: a rough bound, meant to stop hostile input early.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut col) = (1, 0);
    for c in text.chars() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '{' | '[' | '(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((line, col));
                }
            }
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Reads a file as UTF-8 text within [`MAX_FILE_BYTES`].
///
/// # Errors
/// When it cannot be read, is too large or is not UTF-8.
pub fn read_text(path: &Path, shown: &str) -> Result<String, Error> {
    let meta = fs::metadata(path).map_err(|e| Error::Io {
        path: shown.to_owned(),
        message: e.to_string(),
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            path: shown.to_owned(),
            bytes: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(|e| Error::Io {
        path: shown.to_owned(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = ok.iter().filter(|b| **b == b'\n').count() + 1;
        Error::NotUtf8 {
            at: format!("{shown}:{line}"),
        }
    })
}

/// The `*.tf` and `*.tf.json` files of a directory, sorted by name.
///
/// # Errors
/// When the directory cannot be listed or holds more than [`MAX_FILES`] of them.
pub fn config_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    let mut tf = Vec::new();
    let mut json = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if !p.is_file() {
            continue;
        }
        if name.ends_with(".tf.json") {
            json.push(p);
        } else if name.ends_with(".tf") {
            tf.push(p);
        }
    }
    if tf.len() + json.len() > MAX_FILES {
        return Err(Error::TooMany {
            path: dir.display().to_string(),
            limit: MAX_FILES,
        });
    }
    tf.sort();
    json.sort();
    Ok((tf, json))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn end_of_line_comments_are_read_outside_strings() {
        let f = SourceFile::parse(
            "t.tf",
            "a = \"x # y\" # the a\nb = 1 // the b\nc = \"//\"\nd = 2 /* the d */\n".into(),
        )
        .unwrap();
        let at = |l: usize| f.line_starts[l - 1];
        assert_eq!(f.comment_at_end_of_line(at(1)).as_deref(), Some("the a"));
        assert_eq!(f.comment_at_end_of_line(at(2)).as_deref(), Some("the b"));
        assert_eq!(f.comment_at_end_of_line(at(3)), None);
        assert_eq!(f.comment_at_end_of_line(at(4)).as_deref(), Some("the d"));
    }

    #[test]
    fn comments_directly_above_are_found() {
        let f = SourceFile::parse(
            "main.tf",
            "# not this\n\n# The network.\n// second\nresource \"a\" \"b\" {}\n".into(),
        )
        .unwrap();
        let off = f.text.find("resource").unwrap();
        assert_eq!(f.comments_above(off), vec!["The network.", "second"]);
        assert_eq!(f.at(off), "main.tf:5");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = SourceFile::parse("x.tf", "a = {\n  b = \n".into()).unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("x.tf:"), "{s}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a = {}{}", "[".repeat(200), "]".repeat(200));
        let e = SourceFile::parse("d.tf", text).unwrap_err();
        assert!(e.to_string().contains("nested deeper than 64"), "{e}");
    }
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// Snapshots a whole synthesized stack in the top-level `snapshots/` folder, byte for byte.
pub fn snapshot_stack(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    // `../../snapshots` from the crate: the workspace's top-level snapshot folder.
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// Parses synthesized Terraform JSON.
pub fn parse(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("synth produced invalid JSON: {e}\n{text}"),
    }
}

/// Synthesizes or fails the test with every error listed.
pub fn synth(stack: &tfsynth::Stack) -> String {
    match stack.synth() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// A piece of a template as Terraform reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text.
    Text(String),
    /// An interpolation, `${...}`, with its expression text.
    Interp(String),
}

/// Reads a template the way Terraform's scanner does, left to right: `$${` is the text `${`,
/// `%%{` the text `%{`, `${...}` an interpolation (one whose expression is a plain quoted
/// string, such as `${"$"}`, is that text). `quoted` reads the body of an HCL quoted string
/// (backslash escapes too); otherwise a JSON string's decoded value. Adjacent text is merged.
pub fn read_template(s: &str, quoted: bool) -> Vec<Piece> {
    let b = s.as_bytes();
    let mut out: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &s[i..];
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            text.push_str(&rest[1..3]);
            i += 3;
        } else if rest.starts_with("${") || rest.starts_with("%{") {
            let end = close_of(b, i + 2);
            let body = &s[i + 2..end];
            match plain_string(body) {
                Some(t) if rest.starts_with('$') => text.push_str(&t),
                _ => {
                    if !text.is_empty() {
                        out.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    out.push(Piece::Interp(body.to_owned()));
                }
            }
            i = end + 1;
        } else if quoted && b[i] == b'\\' {
            let (c, len) = backslash(&s[i..]);
            text.push(c);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            text.push(c);
            i += c.len_utf8();
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// The index of the `}` closing a template sequence whose expression starts at `start`.
fn close_of(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    // A backslash escape or `$$`: skip the second character too.
                    if b[i] == b'\\' || (b[i] == b'$' && b.get(i + 1) == Some(&b'$')) {
                        i += 1;
                    } else if b[i] == b'$' && b.get(i + 1) == Some(&b'{') {
                        i = close_of(b, i + 2);
                    }
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' if depth == 0 => return i,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The value of an HCL quoted string without interpolations, such as `"$$"`.
fn plain_string(expr: &str) -> Option<String> {
    let inner = expr.strip_prefix('"')?.strip_suffix('"')?;
    match read_template(inner, true).as_slice() {
        [] => Some(String::new()),
        [Piece::Text(t)] => Some(t.clone()),
        _ => None,
    }
}

/// An HCL backslash escape at the start of `s`: the character and the escape's length.
fn backslash(s: &str) -> (char, usize) {
    let mut chars = s.chars().skip(1);
    match chars.next() {
        Some('n') => ('\n', 2),
        Some('r') => ('\r', 2),
        Some('t') => ('\t', 2),
        Some('"') => ('"', 2),
        Some('\\') => ('\\', 2),
        Some('u') => {
            let hex: String = chars.take(4).collect();
            let c = u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            (c, 6)
        }
        _ => ('\u{fffd}', 1),
    }
}

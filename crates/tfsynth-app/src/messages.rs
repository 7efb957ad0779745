//! serde's messages in the user's words: no Rust type names (`u8`, `struct Common`,
//! `newtype variant`, `map with a single key`), no bare `expected value`, and long values cut.

/// Rewrites one serde / serde_json message. `expected`, when known from the config's schema,
/// replaces serde's own "expected ..." part.
pub(crate) fn humanize(msg: &str, expected: Option<&str>) -> String {
    shorten(&rewrite(msg, expected))
}

fn rewrite(msg: &str, expected: Option<&str>) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            if let Some((found, exp)) = rest.split_once(", expected ") {
                if found == "unit variant"
                    && matches!(exp, "newtype variant" | "struct variant" | "tuple variant")
                {
                    return format!(
                        "this variant needs a value: expected {}",
                        expected.map_or_else(|| "{\"VARIANT\": VALUE}".to_owned(), str::to_owned)
                    );
                }
                let exp = expected.map_or_else(|| expected_words(exp), str::to_owned);
                return format!("invalid value {}: expected {exp}", found_words(found));
            }
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        if let Some((n, exp)) = rest.split_once(", expected ") {
            let exp = expected.map_or_else(|| expected_words(exp), str::to_owned);
            return format!("a list of {n} items: expected {exp}");
        }
    }
    match msg {
        "expected value" => {
            return "expected a value: a string in quotes, a number, true, false, null, [...] or \
                    {...}"
                .to_owned()
        }
        "expected ident" => {
            return "expected true, false or null (write text in double quotes)".to_owned()
        }
        "EOF while parsing a value" => return "the text ends where a value should be".to_owned(),
        "EOF while parsing an object" => {
            return "the text ends inside an object: a `}` is missing".to_owned()
        }
        "EOF while parsing a list" => {
            return "the text ends inside a list: a `]` is missing".to_owned()
        }
        _ => {}
    }
    msg.to_owned()
}

/// serde's "found" part: `string "x"` -> `"x"`, `integer `5`` -> `5`, `map` -> `an object`.
fn found_words(found: &str) -> String {
    for p in [
        "string ",
        "integer ",
        "floating point ",
        "boolean ",
        "char ",
    ] {
        if let Some(v) = found.strip_prefix(p) {
            return v.trim_matches('`').to_owned();
        }
    }
    match found {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" | "unit" => "null".to_owned(),
        "unit variant" => "a variant name alone".to_owned(),
        "newtype variant" | "tuple variant" | "struct variant" => {
            "a variant with a value".to_owned()
        }
        other => other.to_owned(),
    }
}

/// serde's "expected" part, when the schema does not say better.
fn expected_words(exp: &str) -> String {
    let range = |min: &str, max: &str| format!("a whole number from {min} to {max}");
    match exp {
        "u8" => range("0", "255"),
        "u16" => range("0", "65535"),
        "u32" => range("0", "4294967295"),
        "u64" | "usize" => range("0", "18446744073709551615"),
        "i8" => range("-128", "127"),
        "i16" => range("-32768", "32767"),
        "i32" => range("-2147483648", "2147483647"),
        "i64" | "isize" => range("-9223372036854775808", "9223372036854775807"),
        "f32" | "f64" => "a number".to_owned(),
        "a string" => "a string in quotes".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a sequence" => "a list ([...])".to_owned(),
        "a map" => "an object ({...})".to_owned(),
        "map with a single key"
        | "newtype variant"
        | "struct variant"
        | "tuple variant"
        | "unit variant" => "exactly one variant as the only key, e.g. {\"VARIANT\": VALUE} \
                             (`tfsynth schema` lists the variants)"
            .to_owned(),
        e if e.starts_with("struct ") => "an object ({...}) of options (`tfsynth schema` lists \
                                          them)"
            .to_owned(),
        e if e.starts_with("enum ") => "one of the variants `tfsynth schema` lists".to_owned(),
        e if e.starts_with("tuple of size ") => format!("a list of {} items", &e[14..]),
        e if e.starts_with("a string") || e.starts_with("one of") || e.starts_with('`') => {
            e.to_owned()
        }
        e => e.to_owned(),
    }
}

/// Longest value quoted whole in a message, in characters.
const MAX_QUOTED: usize = 80;
/// What is kept of a longer one.
const KEEP: usize = 60;

/// Cuts every `"..."` or `` `...` `` longer than [`MAX_QUOTED`] characters to its start, with
/// how long it was: a 10 MB string in a config must not come back in the message.
pub(crate) fn shorten(msg: &str) -> String {
    let chars: Vec<char> = msg.chars().collect();
    let mut out = String::with_capacity(msg.len().min(4096));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '`' {
            // find the closing quote (a \" inside a "..." does not close it)
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if c == '"' && chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            if j < chars.len() && j - i - 1 > MAX_QUOTED {
                out.push(c);
                out.extend(&chars[i + 1..i + 1 + KEEP]);
                out.push('…');
                out.push(c);
                out.push_str(&format!(" ({} characters)", j - i - 1));
                i = j + 1;
                continue;
            }
            let end = j.min(chars.len() - 1);
            out.extend(&chars[i..=end]);
            i = end + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `text` itself, or its start and its length when it is longer than [`MAX_QUOTED`].
pub(crate) fn short(text: &str) -> String {
    let n = text.chars().count();
    if n <= MAX_QUOTED {
        text.to_owned()
    } else {
        let start: String = text.chars().take(KEEP).collect();
        format!("{start}… ({n} characters)")
    }
}

/// `text` as one word for a POSIX shell: as it is when it has only characters no shell
/// treats specially, otherwise in single quotes (a `'` in it written `'\''`).
pub(crate) fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./,:=+@%".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_rust_types() {
        assert_eq!(
            humanize("invalid type: string \"four\", expected u8", None),
            "invalid value \"four\": expected a whole number from 0 to 255"
        );
        assert_eq!(
            humanize("invalid value: integer `70000`, expected u16", None),
            "invalid value 70000: expected a whole number from 0 to 65535"
        );
        assert_eq!(
            humanize("invalid type: string \"x\", expected struct Common", None),
            "invalid value \"x\": expected an object ({...}) of options (`tfsynth schema` lists \
             them)"
        );
        assert_eq!(
            humanize(
                "invalid type: map, expected map with a single key",
                Some("one of X")
            ),
            "invalid value an object: expected one of X"
        );
        assert_eq!(
            humanize("invalid type: unit variant, expected newtype variant", None),
            "this variant needs a value: expected {\"VARIANT\": VALUE}"
        );
        assert!(humanize("expected value", None).starts_with("expected a value: a string"));
    }

    #[test]
    fn shell_words() {
        assert_eq!(
            shell_quote("dir/tfsynth.demo.json"),
            "dir/tfsynth.demo.json"
        );
        assert_eq!(shell_quote("my dir/x"), "'my dir/x'");
        assert_eq!(shell_quote("it's $HOME"), "'it'\\''s $HOME'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a*b;c"), "'a*b;c'");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "a".repeat(10_000);
        let m = shorten(&format!("invalid value \"{long}\": expected x"));
        assert_eq!(
            m,
            format!(
                "invalid value \"{}…\" (10000 characters): expected x",
                "a".repeat(60)
            )
        );
        assert_eq!(shorten("`short` and \"also\""), "`short` and \"also\"");
        assert_eq!(short("abc"), "abc");
        assert!(short(&long).ends_with("… (10000 characters)"));
    }
}

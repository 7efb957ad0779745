//! Bounds on input that amplifies: a config file is read only up to [`MAX_CONFIG_BYTES`], and
//! tags are held to AWS's own limits (a tag map is copied onto every resource, so 200,000 tags
//! made a 372 MB stack that AWS would refuse anyway).

use std::io::Read;
use std::path::Path;

use serde_json::Value;

/// The largest config file read: the shipped stacks' configs are a few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

/// How deep objects and lists nest in a config at most, the top-level object counted: what
/// serde_json's recursion limit (128) lets through, which keeps reading a config from
/// overflowing the stack. The stacks' options nest a few levels.
pub const MAX_CONFIG_DEPTH: usize = 127;

/// How far a config read from a pipe or device past [`MAX_CONFIG_BYTES`] is read on, to say
/// how large it is.
const COUNT_UP_TO: u64 = 64 * 1024 * 1024;

/// AWS: at most 50 tags on a resource.
pub const MAX_TAGS: usize = 50;
/// AWS: a tag key has 1 to 128 characters.
pub const MAX_TAG_KEY_CHARS: usize = 128;
/// AWS: a tag value has at most 256 characters.
pub const MAX_TAG_VALUE_CHARS: usize = 256;

/// Reads a config file, refusing one larger than [`MAX_CONFIG_BYTES`] before reading it all.
///
/// # Errors
/// A message naming the file: it cannot be read, is too large or is not UTF-8.
pub fn read_config(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let too_large = |n: String| {
        format!(
            "the config file {shown} is {n}; a config is at most {MAX_CONFIG_BYTES} bytes ({} \
             MiB), and the options of a stack fit in a few kilobytes: check that --config names \
             the right file",
            MAX_CONFIG_BYTES / (1024 * 1024)
        )
    };
    let mut file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read the config file {shown}: {e}"))?;
    if let Ok(m) = file.metadata() {
        if m.is_dir() {
            return Err(format!(
                "the config file {shown} is a directory: give the JSON file, e.g. \
                 --config tfsynth.demo.json"
            ));
        }
        if m.is_file() && m.len() > MAX_CONFIG_BYTES {
            return Err(too_large(format!("{} bytes", m.len())));
        }
    }
    // A fifo or device has no size: read one byte past the limit to know.
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the config file {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        // Read on (up to a point) to say how large it is.
        let more =
            std::io::copy(&mut (&mut file).take(COUNT_UP_TO), &mut std::io::sink()).unwrap_or(0);
        let total = bytes.len() as u64 + more;
        return Err(too_large(if more < COUNT_UP_TO {
            format!("{total} bytes")
        } else {
            format!("more than {} bytes", total - 1)
        }));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the config file {shown} is not UTF-8 text (at byte {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A tag map that AWS would refuse: its path in the config (to the map, or to the key) and
/// the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagProblem {
    pub(crate) path: Vec<String>,
    pub(crate) message: String,
}

/// Checks every object under a key named `tags` against AWS's limits. The constructs add a
/// `Name` tag to each resource, so at most 49 others fit.
pub(crate) fn check_tags(config: &Value) -> Result<(), TagProblem> {
    fn walk(v: &Value, path: &mut Vec<String>) -> Result<(), TagProblem> {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    path.push(k.clone());
                    if k == "tags" {
                        if let Value::Object(tags) = x {
                            check_map(tags, path)?;
                        }
                    }
                    walk(x, path)?;
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    path.push(i.to_string());
                    walk(x, path)?;
                    path.pop();
                }
            }
            _ => {}
        }
        Ok(())
    }
    walk(config, &mut Vec::new())
}

fn check_map(tags: &serde_json::Map<String, Value>, path: &[String]) -> Result<(), TagProblem> {
    let dotted = path.join(".");
    let others = tags.keys().filter(|k| *k != "Name").count();
    if others > MAX_TAGS - 1 {
        return Err(TagProblem {
            path: path.to_vec(),
            message: format!(
                "`{dotted}` has {others} tags: AWS allows {MAX_TAGS} on a resource, and tfsynth \
                 adds a Name tag to each, so keep at most {} others",
                MAX_TAGS - 1
            ),
        });
    }
    for (k, v) in tags {
        let mut at = path.to_vec();
        at.push(k.clone());
        let key = crate::messages::short(k);
        let n = k.chars().count();
        if n == 0 || n > MAX_TAG_KEY_CHARS {
            return Err(TagProblem {
                path: at,
                message: format!(
                    "the tag key {key:?} in `{dotted}` has {n} characters: AWS allows 1 to \
                     {MAX_TAG_KEY_CHARS}"
                ),
            });
        }
        if k.to_lowercase().starts_with("aws:") {
            return Err(TagProblem {
                path: at,
                message: format!(
                    "the tag key {key:?} in `{dotted}` starts with aws:, which AWS reserves for \
                     its own tags: use another prefix"
                ),
            });
        }
        if let Value::String(s) = v {
            let n = s.chars().count();
            if n > MAX_TAG_VALUE_CHARS {
                return Err(TagProblem {
                    path: at,
                    message: format!(
                        "the value of the tag {key:?} in `{dotted}` has {n} characters: AWS \
                         allows at most {MAX_TAG_VALUE_CHARS}"
                    ),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_within_aws_limits() {
        let ok: serde_json::Map<String, Value> = (0..49)
            .map(|i| (format!("k{i}"), json!("v")))
            .chain([("Name".to_owned(), json!("n"))])
            .collect();
        assert!(check_tags(&json!({"common": {"tags": ok}})).is_ok());
        let many: serde_json::Map<String, Value> =
            (0..50).map(|i| (format!("k{i}"), json!("v"))).collect();
        let e = check_tags(&json!({"common": {"tags": many}})).expect_err("too many");
        assert_eq!(e.path, ["common", "tags"]);
        assert!(
            e.message
                .starts_with("`common.tags` has 50 tags: AWS allows 50"),
            "{e:?}"
        );
        let e = check_tags(&json!({"tags": {"k": "v".repeat(257)}})).expect_err("long value");
        assert_eq!(e.path, ["tags", "k"]);
        let e = check_tags(&json!({"tags": {"é".repeat(129): "v"}})).expect_err("long key");
        assert!(e.message.contains("has 129 characters"), "{e:?}");
        assert!(check_tags(&json!({"tags": {"é".repeat(128): "é".repeat(256)}})).is_ok());
        let e = check_tags(&json!({"tags": {"AWS:x": "v"}})).expect_err("reserved");
        assert!(e.message.contains("reserves"), "{e:?}");
    }
}

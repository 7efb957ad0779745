//! `tfsynth new DIR`: a new project of your own, an [`App`](crate) with one stack, its test
//! and a README, that builds outside this repository.
//!
//! [`new_project`] returns the files to write (nothing is touched); [`write_project`] writes
//! them all or none.

use std::path::{Path, PathBuf};

/// Where the new project takes the tfsynth crates from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DepSource {
    /// A checkout of this repository: its root, the directory that holds `crates/`.
    Path(PathBuf),
    /// A git repository URL (`https://...` or `ssh://...`) that cargo can clone.
    Git(String),
}

/// The crates of this workspace: a package of that name would shadow its dependency.
pub const WORKSPACE_CRATES: &[&str] = &[
    "tfsynth",
    "tfsynth-aws",
    "tfsynth-tls",
    "tfsynth-random",
    "tfsynth-archive",
    "tfsynth-null",
    "tfsynth-local",
    "tfsynth-time",
    "tfsynth-http",
    "tfsynth-external",
    "tfsynth-app",
    "tfsynth-cli",
    "tfsynth-privatelink",
    "tfsynth-codegen",
    "tfsynth-examples",
    "tfsynth-benches",
];

/// Rust keywords (strict and reserved, every edition): cargo refuses them as package names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names of the standard library's crates and of cargo's own directories, and names Windows
/// reserves for devices: cargo refuses or warns about them.
const RESERVED: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "proc-macro",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The longest package name crates.io takes.
const MAX_NAME_LEN: usize = 64;

/// Why `name` cannot be the package name, if it cannot.
fn name_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("it is empty".to_owned());
    };
    if !first.is_ascii_alphabetic() {
        return Some("it must start with an ASCII letter".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "{bad:?} is not allowed: use ASCII letters, digits, '-' and '_'"
        ));
    }
    if name.len() > MAX_NAME_LEN {
        return Some(format!("it is longer than {MAX_NAME_LEN} characters"));
    }
    let lower = name.to_ascii_lowercase();
    if KEYWORDS.contains(&name) || name == "Self" {
        return Some("it is a Rust keyword".to_owned());
    }
    if RESERVED.contains(&lower.as_str()) {
        return Some(
            "it is reserved (a standard library crate, a cargo directory or a Windows device \
             name)"
                .to_owned(),
        );
    }
    let canonical = lower.replace('_', "-");
    if WORKSPACE_CRATES.contains(&canonical.as_str()) {
        return Some(format!(
            "it is the name of tfsynth's own crate {canonical}, which the project depends on"
        ));
    }
    None
}

/// `s` as a TOML basic string, quotes included.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `{ path = ... }` or `{ git = ... }` source of one crate, as an inline table's first
/// key.
fn source_of(deps: &ResolvedSource, krate: &str) -> String {
    match deps {
        ResolvedSource::Path(root) => {
            format!("path = {}", toml_string(&format!("{root}/crates/{krate}")))
        }
        ResolvedSource::Git(url) => format!("git = {}", toml_string(url)),
    }
}

/// A [`DepSource`] checked, with the checkout's absolute path as text (`/` separated).
enum ResolvedSource {
    Path(String),
    Git(String),
}

fn resolve_source(deps: &DepSource) -> Result<ResolvedSource, String> {
    match deps {
        DepSource::Path(root) => {
            let marker = root.join("crates").join("tfsynth-app").join("Cargo.toml");
            if !marker.is_file() {
                return Err(format!(
                    "{} is not a tfsynth checkout (it has no crates/tfsynth-app/Cargo.toml): \
                     give the root of a tfsynth checkout, or a git URL",
                    root.display()
                ));
            }
            let real = std::fs::canonicalize(root)
                .map_err(|e| format!("cannot resolve {}: {e}", root.display()))?;
            let text = real.to_str().ok_or_else(|| {
                format!(
                    "the path {} is not UTF-8, so Cargo.toml cannot name it: move the checkout \
                     to a UTF-8 path",
                    real.display()
                )
            })?;
            // Cargo.toml takes `/` on every platform; a Windows verbatim prefix would not
            // parse as a path cargo accepts.
            let text = text
                .strip_prefix(r"\\?\")
                .unwrap_or(text)
                .replace('\\', "/");
            Ok(ResolvedSource::Path(text))
        }
        DepSource::Git(url) => {
            if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(format!(
                    "{url:?} is not a git URL: give one such as https://example.com/tfsynth.git"
                ));
            }
            Ok(ResolvedSource::Git(url.clone()))
        }
    }
}

/// The package name: `name`, or the directory's own name.
fn package_name(dir: &Path, name: Option<&str>) -> Result<String, String> {
    let (name, from_dir) = match name {
        Some(n) => (n.to_owned(), false),
        None => {
            let last = dir
                .file_name()
                .map(ToOwned::to_owned)
                .or_else(|| {
                    std::fs::canonicalize(dir)
                        .ok()?
                        .file_name()
                        .map(ToOwned::to_owned)
                })
                .ok_or_else(|| {
                    format!(
                        "{} has no name to take the package name from: give one with --name NAME",
                        dir.display()
                    )
                })?;
            let last = last.into_string().map_err(|n| {
                format!(
                    "the directory name {} is not UTF-8: give the package name with --name NAME",
                    n.to_string_lossy()
                )
            })?;
            (last, true)
        }
    };
    if let Some(why) = name_problem(&name) {
        let fix = if from_dir {
            "choose another directory name, or give the package name with --name NAME"
        } else {
            "choose another name, such as infra or my-stacks"
        };
        let whose = if from_dir {
            format!(" (the name of {})", dir.display())
        } else {
            String::new()
        };
        return Err(format!(
            "{name:?}{whose} cannot be the package name: {why}; {fix}"
        ));
    }
    Ok(name)
}

/// Refuses a `dir` that exists and is not an empty directory.
fn check_dir(dir: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read {}: {e}", dir.display())),
        Ok(_) => {
            let meta = std::fs::metadata(dir)
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            if !meta.is_dir() {
                return Err(format!(
                    "{} exists and is not a directory: give a new directory's path",
                    dir.display()
                ));
            }
            let mut entries = std::fs::read_dir(dir)
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            if entries.next().is_some() {
                return Err(format!(
                    "{} exists and is not empty: give a new directory's path, or empty it first",
                    dir.display()
                ));
            }
            Ok(())
        }
    }
}

/// An S3 bucket name prefix from the package name: lowercase, `-` for `_`, at most 20
/// characters, then `-` (Terraform appends a unique suffix; the whole name stays under 63).
fn bucket_prefix(name: &str) -> String {
    let mut p: String = name
        .chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .take(20)
        .collect();
    while p.ends_with('-') {
        p.pop();
    }
    format!("{p}-")
}

fn cargo_toml(name: &str, deps: &ResolvedSource) -> String {
    let app = source_of(deps, "tfsynth-app");
    format!(
        r#"[package]
name = {name}
version = "0.1.0"
edition = "2021"
publish = false

# This project is a workspace of its own, wherever it is. Resolver 3 picks dependency
# versions that the installed Rust toolchain can build.
[workspace]
resolver = "3"

[dependencies]
tfsynth = {{ {core} }}
# One cargo feature per AWS service: add the ones your stacks use.
tfsynth-aws = {{ {aws}, features = ["s3", "iam"] }}
tfsynth-app = {{ {app} }}

[dev-dependencies]
tfsynth-app = {{ {app}, features = ["testing"] }}
insta = "1"
"#,
        name = toml_string(name),
        core = source_of(deps, "tfsynth"),
        aws = source_of(deps, "tfsynth-aws"),
    )
}

fn main_rs(lib: &str) -> String {
    format!(
        r#"//! The whole tfsynth command line over this project's stacks: `cargo run -- --help`.

fn main() {{
    {lib}::app().run()
}}
"#
    )
}

fn lib_rs(name: &str) -> String {
    let prefix = bucket_prefix(name);
    format!(
        r#"//! {name}: Terraform stacks written in Rust with tfsynth.

use tfsynth::prelude::*;
use tfsynth_app::{{App, Ctx, Error}};
use tfsynth_aws::s3_bucket_versioning::VersioningConfiguration;
use tfsynth_aws::{{
    AwsProvider, S3Bucket, S3BucketPublicAccessBlock, S3BucketVersioning, S3BucketVersioningArgs,
}};

/// The app: its stacks, by name.
pub fn app() -> App {{
    App::new({name_lit}).stack("site", site)
}}

/// A private S3 bucket that keeps every version of its objects.
pub fn site(stack: &mut Stack, _ctx: &mut Ctx) -> Result<(), Error> {{
    stack
        .required_version(">= 1.7")
        .require_provider("aws", "hashicorp/aws", "~> 6.0");
    stack.provider(AwsProvider::new().region("us-east-1"));

    let bucket = stack.resource("site", S3Bucket::new().bucket_prefix({prefix_lit}));
    stack.resource(
        "site",
        S3BucketVersioning::new(S3BucketVersioningArgs {{
            bucket: bucket.id().into(),
            versioning_configuration: VersioningConfiguration::new("Enabled"),
        }}),
    );
    stack.resource(
        "site",
        S3BucketPublicAccessBlock::new(bucket.id())
            .block_public_acls(true)
            .block_public_policy(true)
            .ignore_public_acls(true)
            .restrict_public_buckets(true),
    );
    stack.output("bucket_arn", Output::new(bucket.arn()));
    Ok(())
}}
"#,
        name_lit = rust_string(name),
        prefix_lit = rust_string(&prefix),
    )
}

/// `s` as a Rust string literal (names here are ASCII letters, digits, `-` and `_`).
fn rust_string(s: &str) -> String {
    format!("{s:?}")
}

fn stack_test(lib: &str) -> String {
    format!(
        r#"//! The site stack, checked on its Terraform JSON (no cloud account needed).

use tfsynth_app::testing::{{json, Template}};

fn site() -> Template {{
    let stack = {lib}::app().build_stack("site").expect("the site stack builds");
    Template::from_stack(&stack).expect("the site stack is valid")
}}

#[test]
fn the_bucket_is_versioned_and_private() {{
    let t = site();
    t.assert_resource_count("aws_s3_bucket", 1);
    t.has_resource_with(
        "aws_s3_bucket_versioning",
        json!({{ "versioning_configuration": {{ "status": "Enabled" }} }}),
    );
    t.has_resource_with(
        "aws_s3_bucket_public_access_block",
        json!({{
            "block_public_acls": true,
            "block_public_policy": true,
            "ignore_public_acls": true,
            "restrict_public_buckets": true
        }}),
    );
    t.has_output("bucket_arn");
}}

// To pin every stack's whole output, add a snapshot test (review with `cargo insta review`):
//
// #[test]
// fn stacks_are_unchanged() {{
//     tfsynth_app::testing::assert_stacks_snapshot(&{lib}::app().synth_all().unwrap());
// }}
"#
    )
}

const GITIGNORE: &str = "target/\nout/\n.terraform/\n*.tfstate\n*.tfstate.*\n";

fn readme(name: &str) -> String {
    format!(
        r#"# {name}

Terraform stacks written in Rust with tfsynth: `src/lib.rs` declares them, `tests/stack.rs`
checks them.

```sh
cargo run -- synth --out main.tf.json
cargo test
```

then

```sh
terraform init && terraform apply
```
"#
    )
}

/// The files of a new project in `dir` (paths under `dir`), without touching the disk but to
/// check `dir`.
///
/// The package is named `name`, or after `dir`'s last component. It depends on `tfsynth`,
/// `tfsynth-aws` (features `s3`, `iam`) and `tfsynth-app` from `deps`, and holds
/// `Cargo.toml`, `src/main.rs`, `src/lib.rs` (one stack: a versioned S3 bucket with public
/// access blocked, and its ARN as an output), `tests/stack.rs`, `.gitignore` and
/// `README.md`.
///
/// # Errors
/// A message naming the value and the fix: `dir` exists and is not an empty directory; the
/// package name is not a valid cargo package name (ASCII letters, digits, `-`, `_`, starting
/// with a letter, at most 64 characters), is a Rust keyword, a standard library crate, a
/// cargo or Windows reserved name, or one of this workspace's crates; `deps` is a path that
/// is not a tfsynth checkout, or not a plausible git URL.
pub fn new_project(
    dir: &Path,
    name: Option<&str>,
    deps: &DepSource,
) -> Result<Vec<(PathBuf, String)>, String> {
    check_dir(dir)?;
    let name = package_name(dir, name)?;
    let deps = resolve_source(deps)?;
    let lib = name.replace('-', "_");
    Ok(vec![
        (dir.join(".gitignore"), GITIGNORE.to_owned()),
        (dir.join("Cargo.toml"), cargo_toml(&name, &deps)),
        (dir.join("README.md"), readme(&name)),
        (dir.join("src").join("lib.rs"), lib_rs(&name)),
        (dir.join("src").join("main.rs"), main_rs(&lib)),
        (dir.join("tests").join("stack.rs"), stack_test(&lib)),
    ])
}

/// [`new_project`], then writes its files, all or none (directories created as needed).
/// Returns the paths written.
///
/// # Errors
/// See [`new_project`]; or a message naming the file that could not be written (then
/// nothing is left behind).
pub fn write_project(
    dir: &Path,
    name: Option<&str>,
    deps: &DepSource,
) -> Result<Vec<PathBuf>, String> {
    let files = new_project(dir, name, deps)?;
    crate::output::write_all(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A stand-in checkout: only the marker file `resolve_source` looks for.
    fn checkout() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let app = root.path().join("crates/tfsynth-app");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(app.join("Cargo.toml"), "").unwrap();
        root
    }

    fn files(dir: &Path, name: Option<&str>, deps: &DepSource) -> Vec<(String, String)> {
        new_project(dir, name, deps)
            .unwrap()
            .into_iter()
            .map(|(p, text)| {
                let rel = p.strip_prefix(dir).unwrap();
                let rel: Vec<&str> = rel.iter().map(|c| c.to_str().unwrap()).collect();
                (rel.join("/"), text)
            })
            .collect()
    }

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn the_file_set() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("my-infra");
        let git = DepSource::Git("https://example.com/tfsynth.git".to_owned());
        let f = files(&dir, None, &git);
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                ".gitignore",
                "Cargo.toml",
                "README.md",
                "src/lib.rs",
                "src/main.rs",
                "tests/stack.rs"
            ]
        );
        // Nothing written.
        assert!(!dir.exists());
        assert_eq!(
            file(&f, "src/main.rs"),
            "//! The whole tfsynth command line over this project's stacks: `cargo run -- \
             --help`.\n\nfn main() {\n    my_infra::app().run()\n}\n"
        );
        let lib = file(&f, "src/lib.rs");
        assert!(
            lib.contains("App::new(\"my-infra\").stack(\"site\", site)"),
            "{lib}"
        );
        assert!(lib.contains(".bucket_prefix(\"my-infra-\")"), "{lib}");
        assert!(
            lib.contains("pub fn site(stack: &mut Stack, _ctx: &mut Ctx) -> Result<(), Error> {")
        );
        assert!(lib.contains("VersioningConfiguration::new(\"Enabled\")"));
        assert!(lib.contains("AwsProvider::new().region(\"us-east-1\")"));
        assert!(lib.contains("stack.output(\"bucket_arn\", Output::new(bucket.arn()));"));
        let test = file(&f, "tests/stack.rs");
        assert!(
            test.contains("my_infra::app().build_stack(\"site\")"),
            "{test}"
        );
        assert!(
            test.contains("use tfsynth_app::testing::{json, Template};"),
            "{test}"
        );
        assert_eq!(
            file(&f, ".gitignore"),
            "target/\nout/\n.terraform/\n*.tfstate\n*.tfstate.*\n"
        );
        let readme = file(&f, "README.md");
        assert!(readme.starts_with("# my-infra\n"));
        let commands: Vec<&str> = readme
            .lines()
            .filter(|l| l.starts_with("cargo ") || l.starts_with("terraform "))
            .collect();
        assert_eq!(
            commands,
            [
                "cargo run -- synth --out main.tf.json",
                "cargo test",
                "terraform init && terraform apply"
            ]
        );
    }

    #[test]
    fn cargo_toml_parses_with_git_sources() {
        let out = tempfile::tempdir().unwrap();
        let url = "https://example.com/tfsynth.git";
        let f = files(
            &out.path().join("infra"),
            None,
            &DepSource::Git(url.to_owned()),
        );
        let toml: toml::Table = file(&f, "Cargo.toml").parse().unwrap();
        assert_eq!(toml["package"]["name"].as_str(), Some("infra"));
        assert_eq!(toml["package"]["edition"].as_str(), Some("2021"));
        let workspace = toml["workspace"].as_table().unwrap();
        assert_eq!(workspace.len(), 1, "{workspace:?}");
        assert_eq!(workspace["resolver"].as_str(), Some("3"));
        let deps = toml["dependencies"].as_table().unwrap();
        let names: Vec<&String> = deps.keys().collect();
        assert_eq!(names, ["tfsynth", "tfsynth-app", "tfsynth-aws"]);
        for d in deps.values() {
            assert_eq!(d["git"].as_str(), Some(url));
            assert!(d.get("path").is_none());
        }
        let features: Vec<&str> = deps["tfsynth-aws"]["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(features, ["s3", "iam"]);
        let dev = toml["dev-dependencies"].as_table().unwrap();
        assert_eq!(dev["tfsynth-app"]["git"].as_str(), Some(url));
        assert_eq!(dev["tfsynth-app"]["features"][0].as_str(), Some("testing"));
        assert_eq!(dev["insta"].as_str(), Some("1"));
    }

    #[test]
    fn cargo_toml_parses_with_path_sources() {
        let root = checkout();
        let out = tempfile::tempdir().unwrap();
        let f = files(
            &out.path().join("x"),
            Some("infra_2"),
            &DepSource::Path(root.path().to_owned()),
        );
        let toml: toml::Table = file(&f, "Cargo.toml").parse().unwrap();
        assert_eq!(toml["package"]["name"].as_str(), Some("infra_2"));
        let real = std::fs::canonicalize(root.path()).unwrap();
        for krate in ["tfsynth", "tfsynth-aws", "tfsynth-app"] {
            let path = toml["dependencies"][krate]["path"].as_str().unwrap();
            assert_eq!(Path::new(path), real.join("crates").join(krate));
            assert!(Path::new(path).is_absolute());
        }
        assert!(file(&f, "src/main.rs").contains("infra_2::app().run()"));
        assert!(file(&f, "src/lib.rs").contains(".bucket_prefix(\"infra-2-\")"));
    }

    #[test]
    fn a_path_that_is_not_a_checkout_or_a_bad_url_is_refused() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("infra");
        let e = new_project(&dir, None, &DepSource::Path(out.path().to_owned())).unwrap_err();
        assert!(e.ends_with(
            "is not a tfsynth checkout (it has no crates/tfsynth-app/Cargo.toml): give the \
             root of a tfsynth checkout, or a git URL"
        ));
        for url in ["", "https://x y"] {
            let e = new_project(&dir, None, &DepSource::Git(url.to_owned())).unwrap_err();
            assert_eq!(
                e,
                format!(
                    "{url:?} is not a git URL: give one such as https://example.com/tfsynth.git"
                )
            );
        }
    }

    #[test]
    fn a_directory_that_is_not_empty_or_a_file_is_refused() {
        let out = tempfile::tempdir().unwrap();
        let git = DepSource::Git("https://example.com/tfsynth.git".to_owned());
        let dir = out.path().join("infra");
        std::fs::create_dir(&dir).unwrap();
        // An empty directory is fine.
        assert!(new_project(&dir, None, &git).is_ok());
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        let e = new_project(&dir, None, &git).unwrap_err();
        assert_eq!(
            e,
            format!(
                "{} exists and is not empty: give a new directory's path, or empty it first",
                dir.display()
            )
        );
        let e = new_project(&dir.join("notes.txt"), Some("infra"), &git).unwrap_err();
        assert!(e.ends_with("notes.txt exists and is not a directory: give a new directory's path"));
    }

    #[test]
    fn bad_package_names_are_refused() {
        let out = tempfile::tempdir().unwrap();
        let git = DepSource::Git("https://example.com/tfsynth.git".to_owned());
        let dir = out.path().join("ok");
        let cases = [
            ("", "it is empty"),
            ("1infra", "it must start with an ASCII letter"),
            ("-infra", "it must start with an ASCII letter"),
            (
                "my infra",
                "' ' is not allowed: use ASCII letters, digits, '-' and '_'",
            ),
            (
                "infrå",
                "'å' is not allowed: use ASCII letters, digits, '-' and '_'",
            ),
            ("fn", "it is a Rust keyword"),
            ("self", "it is a Rust keyword"),
            ("Self", "it is a Rust keyword"),
            ("std", "it is reserved"),
            ("test", "it is reserved"),
            ("CON", "it is reserved"),
            ("tfsynth", "it is the name of tfsynth's own crate tfsynth,"),
            (
                "tfsynth_aws",
                "it is the name of tfsynth's own crate tfsynth-aws,",
            ),
            (
                "TfSynth-Benches",
                "it is the name of tfsynth's own crate tfsynth-benches,",
            ),
        ];
        for (name, why) in cases {
            let e = new_project(&dir, Some(name), &git).unwrap_err();
            assert!(
                e.starts_with(&format!("{name:?} cannot be the package name: {why}")),
                "{name}: {e}"
            );
            assert!(
                e.ends_with("; choose another name, such as infra or my-stacks"),
                "{e}"
            );
        }
        let long = "a".repeat(65);
        assert!(new_project(&dir, Some(&long), &git)
            .unwrap_err()
            .contains("it is longer than 64 characters"));
        assert!(new_project(&dir, Some(&"a".repeat(64)), &git).is_ok());
        // From the directory: the fix says how to name it otherwise.
        let e = new_project(&out.path().join("tfsynth-app"), None, &git).unwrap_err();
        assert!(e.starts_with("\"tfsynth-app\" (the name of "), "{e}");
        assert!(
            e.ends_with("choose another directory name, or give the package name with --name NAME")
        );
        // The same directory with a name given is fine.
        assert!(new_project(&out.path().join("tfsynth-app"), Some("infra"), &git).is_ok());
    }

    #[test]
    fn write_project_writes_every_file_then_refuses_to_overwrite() {
        let out = tempfile::tempdir().unwrap();
        let git = DepSource::Git("https://example.com/tfsynth.git".to_owned());
        let dir = out.path().join("a/b/infra");
        let written = write_project(&dir, None, &git).unwrap();
        assert_eq!(written.len(), 6);
        for path in &written {
            assert!(path.is_file(), "{}", path.display());
        }
        let expected = new_project(&out.path().join("elsewhere/infra"), None, &git).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            expected[3].1
        );
        let e = write_project(&dir, None, &git).unwrap_err();
        assert!(e.contains("exists and is not empty"), "{e}");
    }

    #[test]
    fn strings_are_escaped_for_toml() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
        let parsed: toml::Table = format!("x = {}", toml_string("a\"\\\n\u{1}b"))
            .parse()
            .unwrap();
        assert_eq!(parsed["x"].as_str(), Some("a\"\\\n\u{1}b"));
    }
}

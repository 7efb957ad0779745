//! The converted crate's files, written all or none.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::convert::Output;
use crate::load::SourceFile;
use crate::{Converted, Error};

/// Where the converted crate takes the tfsynth crates from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DepSource {
    /// A checkout of the tfsynth repository: the directory that holds `crates/`.
    Path(PathBuf),
    /// A git URL cargo can clone.
    Git(String),
}

/// The crate's `src/lib.rs`.
pub(crate) fn lib_rs(name: &str, out: &Output, files: &[SourceFile]) -> String {
    let mut s = String::new();
    let shown: Vec<&str> = files.iter().map(|f| f.shown.as_str()).collect();
    let _ = writeln!(
        s,
        "//! {name}: converted by `tfsynth convert` from {}.\n",
        shown.join(", ")
    );
    let body = &out.body;
    let mut core: Vec<String> = out
        .imports
        .get("tfsynth")
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default();
    if body.contains("Ref::") {
        core.push("Ref".into());
    }
    core.sort();
    let _ = writeln!(s, "use tfsynth::prelude::*;");
    if !core.is_empty() {
        let _ = writeln!(s, "use tfsynth::{{{}}};", core.join(", "));
    }
    let _ = writeln!(s, "use tfsynth_app::{{App, Ctx, Error}};");
    for (krate, paths) in &out.imports {
        if krate == "tfsynth" {
            continue;
        }
        let list: Vec<&str> = paths.iter().map(String::as_str).collect();
        if list.len() == 1 {
            let _ = writeln!(s, "use {krate}::{};", list[0]);
        } else {
            let _ = writeln!(s, "use {krate}::{{{}}};", list.join(", "));
        }
    }
    let _ = write!(
        s,
        r#"
/// The app: the converted configuration as one stack, `main`.
pub fn app() -> App {{
    App::new({name:?}).stack("main", main)
}}

/// The configuration's blocks, in an order where each follows what it references.
pub fn main(s: &mut Stack, _ctx: &mut Ctx<'_>) -> Result<(), Error> {{
{body}    Ok(())
}}
"#
    );
    if out.escapes > 0 {
        s.push_str(
            r#"
/// The escape: HCL the converter did not type, passed to Terraform as written.
fn hcl<T>(source: &str) -> Expr<T> {
    Expr::raw_hcl(source)
}
"#,
        );
    }
    s
}

fn dep(src: &DepSource, package: &str) -> String {
    match src {
        DepSource::Path(root) => {
            let dir = root.join("crates").join(package);
            format!("path = {}", toml_str(&dir.display().to_string()))
        }
        DepSource::Git(url) => format!("git = {}", toml_str(url)),
    }
}

fn toml_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn cargo_toml(c: &Converted, deps: &DepSource) -> String {
    let mut s = format!(
        "[package]\nname = {}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         # A workspace of its own, wherever it is.\n[workspace]\nresolver = \"3\"\n\n\
         [dependencies]\ntfsynth = {{ {} }}\ntfsynth-app = {{ {} }}\n",
        toml_str(&c.name),
        dep(deps, "tfsynth"),
        dep(deps, "tfsynth-app"),
    );
    for (package, features) in &c.features {
        let f: Vec<String> = features.iter().map(|x| toml_str(x)).collect();
        if f.is_empty() {
            let _ = writeln!(s, "{package} = {{ {} }}", dep(deps, package));
        } else {
            let _ = writeln!(
                s,
                "{package} = {{ {}, features = [{}] }}",
                dep(deps, package),
                f.join(", ")
            );
        }
    }
    s
}

const MAIN_RS: &str = "//! The whole tfsynth command line over this crate's stack: `cargo run -- --help`.\n\nfn main() {\n    CRATE::app().run()\n}\n";

/// The crate's rustfmt settings (also written as its `rustfmt.toml`, so `cargo fmt` keeps the
/// layout): setter chains and argument lists stay on one line up to a line width of 120, which
/// keeps converted code about as long as its HCL (at rustfmt's defaults, 15-30% longer).
const RUSTFMT_CONFIG: &str = "use_small_heuristics=Max,max_width=120";

/// Formats Rust source with `rustfmt --edition 2021` when rustfmt is installed; otherwise
/// returns it as it is.
pub fn rustfmt(src: &str) -> String {
    use std::io::Write as _;
    let child = Command::new("rustfmt")
        .args([
            "--edition",
            "2021",
            "--emit",
            "stdout",
            "--quiet",
            "--config",
            RUSTFMT_CONFIG,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return src.to_owned();
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(src.as_bytes());
    }
    match child.wait_with_output() {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => {
            String::from_utf8(o.stdout).unwrap_or_else(|_| src.to_owned())
        }
        _ => src.to_owned(),
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn copy_dir(from: &Path, to: &Path, budget: &mut usize) -> Result<(), Error> {
    fs::create_dir_all(to).map_err(io(to))?;
    let mut entries: Vec<_> = fs::read_dir(from).map_err(io(from))?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        *budget = budget.saturating_sub(1);
        if *budget == 0 {
            return Err(Error::TooMany {
                path: from.display().to_string(),
                limit: crate::MAX_FILES,
            });
        }
        let p = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let ft = e.file_type().map_err(io(&p))?;
        if ft.is_dir() {
            copy_dir(&p, &to.join(&name), budget)?;
        } else if ft.is_file() {
            fs::copy(&p, to.join(&name)).map_err(io(&p))?;
        }
    }
    Ok(())
}

/// Writes the crate into `out`, which must not exist or be empty: into a temporary directory
/// beside it, renamed into place when every file is written. Returns the files written,
/// relative to `out`.
///
/// # Errors
/// `out` holds something ([`Error::OutputNotEmpty`], nothing is touched), or a write fails
/// (nothing is left behind).
pub fn write_crate(
    c: &Converted,
    src_dir: &Path,
    out: &Path,
    deps: &DepSource,
) -> Result<Vec<PathBuf>, Error> {
    let empty_dir = match fs::read_dir(out) {
        Ok(mut d) => {
            if d.next().is_some() {
                return Err(Error::OutputNotEmpty {
                    path: out.display().to_string(),
                });
            }
            true
        }
        Err(_) if out.exists() || out.is_symlink() => {
            return Err(Error::OutputNotEmpty {
                path: out.display().to_string(),
            })
        }
        Err(_) => false,
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let tmp = tempfile::Builder::new()
        .prefix(".tfsynth-convert-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let root = tmp.path();
    let mut written = Vec::new();
    let mut put = |rel: &str, text: &str| -> Result<(), Error> {
        let p = root.join(rel);
        if let Some(d) = p.parent() {
            fs::create_dir_all(d).map_err(io(d))?;
        }
        fs::write(&p, text).map_err(io(&p))?;
        written.push(PathBuf::from(rel));
        Ok(())
    };
    put("Cargo.toml", &cargo_toml(c, deps))?;
    put(
        "src/main.rs",
        &MAIN_RS.replace("CRATE", &c.name.replace('-', "_")),
    )?;
    put("src/lib.rs", &rustfmt(&c.lib_rs))?;
    put(
        "rustfmt.toml",
        "max_width = 120\nuse_small_heuristics = \"Max\"\n",
    )?;
    put(
        ".gitignore",
        "target/\n*.tfstate\n*.tfstate.*\n.terraform/\n",
    )?;
    if !c.unconverted.is_empty() {
        put(
            "unconverted/unconverted.tf",
            &format!(
                "# Blocks `tfsynth convert` kept as written: copy this directory's files next \
                 to the synthesized main.tf.json.\n\n{}",
                c.unconverted
            ),
        )?;
    }
    for j in &c.json_files {
        if let Some(n) = j.file_name() {
            let dest = root.join("unconverted").join(n);
            fs::create_dir_all(root.join("unconverted")).map_err(io(root))?;
            fs::copy(j, &dest).map_err(io(j))?;
            written.push(PathBuf::from("unconverted").join(n));
        }
    }
    let mut budget = crate::MAX_FILES;
    for m in &c.local_modules {
        copy_dir(&src_dir.join(m), &root.join(m), &mut budget)?;
        written.push(m.clone());
    }
    let kept = tmp.keep();
    if empty_dir {
        let _ = fs::remove_dir(out);
    }
    if let Err(e) = fs::rename(&kept, out) {
        let _ = fs::remove_dir_all(&kept);
        return Err(io(out)(e));
    }
    Ok(written)
}

//! Regressions of the any-provider tool found by review: it must never touch files it did not
//! write, never write a crate that does not build, bound what it reads, blame bad input (not
//! itself), and handle deeply nested schemas.

use std::path::{Path, PathBuf};

use tfsynth_codegen::provider::DefaultFeatures;
use tfsynth_codegen::user_crate::{generate_crate, write_crate, Request, MANIFEST};
use tfsynth_codegen::GenFile;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tfsynth-regressions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn request(schema: PathBuf, out: PathBuf) -> Request {
    Request {
        schema,
        out,
        provider: None,
        provider_version: Some("1.0.0".into()),
        name: None,
        default_features: DefaultFeatures::All,
        rules: None,
        tfsynth_dep: "path = \"../tfsynth\"".into(),
        standalone: true,
    }
}

/// A schema document of provider `acme/x` with these resources (name -> attributes JSON).
fn doc(resources: &[(&str, &str)]) -> String {
    let res: Vec<String> = resources
        .iter()
        .map(|(n, attrs)| format!("\"{n}\": {{\"block\": {{\"attributes\": {attrs}}}}}"))
        .collect();
    format!(
        r#"{{"format_version": "1.0", "provider_schemas": {{"registry.terraform.io/acme/x": {{
            "provider": {{"block": {{}}}},
            "resource_schemas": {{{}}}}}}}}}"#,
        res.join(",")
    )
}

const A: &str = r#"{"a": {"type": "string", "optional": true}}"#;

/// Generates the crate of `schema_text` (written to `dir/schema.json`) into `out`.
fn generate(dir: &Path, schema_text: &str, out: &Path) -> Result<Vec<String>, String> {
    let files = files_of(dir, schema_text)?;
    write_crate(out, &files).map_err(|e| e.to_string())
}

fn files_of(dir: &Path, schema_text: &str) -> Result<Vec<GenFile>, String> {
    let schema = dir.join("schema.json");
    std::fs::write(&schema, schema_text).expect("write the schema");
    generate_crate(&request(schema, dir.join("unused"))).map_err(|e| e.to_string())
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
    std::fs::write(p, text).expect("write");
}

// 1. Files it did not write.

#[test]
fn a_non_empty_directory_without_a_manifest_is_refused_and_left_alone() {
    let dir = temp("foreign");
    let out = dir.join("crate");
    // No Cargo.toml: this used to count as an empty directory.
    write(&out.join("README.md"), "mine\n");
    write(&out.join("src/lib.rs"), "// mine\n");
    write(&out.join("src/gen/keep.rs"), "// mine\n");
    let e = generate(&dir, &doc(&[("x_thing", A)]), &out).expect_err("refused");
    assert!(
        e.contains(&out.display().to_string())
            && e.contains("not written by tfsynth-codegen")
            && e.contains("choose an empty or new directory"),
        "{e}"
    );
    assert_eq!(read(&out.join("README.md")), "mine\n");
    assert_eq!(read(&out.join("src/lib.rs")), "// mine\n");
    assert_eq!(read(&out.join("src/gen/keep.rs")), "// mine\n");
    assert!(!out.join("Cargo.toml").exists() && !out.join(MANIFEST).exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_out_of_the_output_directory() {
    let dir = temp("symlink");
    let out = dir.join("crate");
    let two = doc(&[("x_one", A), ("x_two", A)]);
    generate(&dir, &two, &out).expect("first run");
    // `src/gen` becomes a link to a directory outside --out holding a file named like a stale
    // generated one and one of its own.
    let linked = dir.join("linked/src/gen");
    write(&linked.join("keep.rs"), "// not generated\n");
    write(&linked.join("two_service/two.rs"), "// not generated\n");
    std::fs::remove_dir_all(out.join("src/gen")).expect("rm");
    std::os::unix::fs::symlink(&linked, out.join("src/gen")).expect("symlink");
    let e = generate(&dir, &doc(&[("x_one", A)]), &out).expect_err("refused");
    let gen = out.join("src/gen").display().to_string();
    assert!(
        e.contains(&gen) && e.contains("symbolic link"),
        "names {gen}: {e}"
    );
    assert_eq!(read(&linked.join("keep.rs")), "// not generated\n");
    assert_eq!(
        read(&linked.join("two_service/two.rs")),
        "// not generated\n"
    );

    // A linked `src`, and a linked --out, are refused the same way.
    let other = dir.join("other");
    generate(&dir, &two, &other).expect("first run");
    std::fs::remove_dir_all(other.join("src")).expect("rm");
    std::os::unix::fs::symlink(dir.join("linked"), other.join("src")).expect("symlink");
    let e = generate(&dir, &two, &other).expect_err("refused");
    assert!(
        e.contains(&other.join("src").display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    let link = dir.join("link-out");
    std::os::unix::fs::symlink(dir.join("linked"), &link).expect("symlink");
    let e = generate(&dir, &two, &link).expect_err("refused");
    assert!(
        e.contains(&link.display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    assert_eq!(read(&linked.join("keep.rs")), "// not generated\n");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn regenerating_replaces_and_removes_only_the_files_it_wrote() {
    let dir = temp("regenerate");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect("first run");
    let manifest = read(&out.join(MANIFEST));
    assert!(
        manifest.contains("\nsrc/gen/two_service/two.rs\n"),
        "{manifest}"
    );
    assert!(manifest.contains("\nCargo.toml\n") && manifest.contains("\nREADME.md\n"));
    // Files of the user's beside the generated ones (and a lock file cargo wrote).
    write(&out.join("src/gen/two_service/notes.rs"), "// mine\n");
    write(&out.join("Cargo.lock"), "# cargo's\n");
    write(&out.join("docs/extra.md"), "mine\n");
    let changed = generate(&dir, &doc(&[("x_one", A)]), &out).expect("second run");
    assert!(
        !out.join("src/gen/two_service/two.rs").exists(),
        "stale file removed"
    );
    assert!(
        changed.iter().any(|c| c.ends_with("two.rs (removed)")),
        "{changed:?}"
    );
    assert_eq!(read(&out.join("src/gen/two_service/notes.rs")), "// mine\n");
    assert_eq!(read(&out.join("Cargo.lock")), "# cargo's\n");
    assert_eq!(read(&out.join("docs/extra.md")), "mine\n");
    assert!(!read(&out.join(MANIFEST)).contains("two.rs"));

    // A file of the user's where a new generated file would go is refused, not replaced.
    write(&out.join("src/gen/two_service/two.rs"), "// mine now\n");
    let e = generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect_err("refused");
    assert!(
        e.contains(&out.join("src/gen/two_service/two.rs").display().to_string())
            && e.contains("not written by tfsynth-codegen"),
        "{e}"
    );
    assert_eq!(
        read(&out.join("src/gen/two_service/two.rs")),
        "// mine now\n"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A crate generated before the manifest existed: the files that carry the `@generated` header
/// are the ones it wrote.
#[test]
fn a_crate_generated_without_a_manifest_is_updated_by_its_headers() {
    let dir = temp("legacy");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect("first run");
    std::fs::remove_file(out.join(MANIFEST)).expect("rm manifest");
    write(&out.join("src/gen/two_service/notes.rs"), "// mine\n");
    generate(&dir, &doc(&[("x_one", A)]), &out).expect("second run");
    assert!(
        !out.join("src/gen/two_service/two.rs").exists(),
        "stale file removed"
    );
    assert_eq!(read(&out.join("src/gen/two_service/notes.rs")), "// mine\n");
    assert!(out.join(MANIFEST).exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_manifest_naming_paths_outside_the_directory_is_refused() {
    let dir = temp("bad-manifest");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A)]), &out).expect("first run");
    write(&dir.join("victim.rs"), "// mine\n");
    let mut m = read(&out.join(MANIFEST));
    m.push_str("../victim.rs\n");
    write(&out.join(MANIFEST), &m);
    let e = generate(&dir, &doc(&[("x_one", A)]), &out).expect_err("refused");
    assert!(e.contains("../victim.rs") && e.contains(MANIFEST), "{e}");
    assert_eq!(read(&dir.join("victim.rs")), "// mine\n");
    let _ = std::fs::remove_dir_all(dir);
}

// 2. Crates that would not build.

/// The `[features]` table of a generated `Cargo.toml`: its keys.
fn feature_keys(files: &[GenFile]) -> Vec<String> {
    let toml = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("Cargo.toml")
        .contents;
    let features = toml.split("[features]\n").nth(1).expect("features");
    features
        .lines()
        .filter(|l| !l.starts_with(['#', ' ', ']']) && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap_or_default().to_owned())
        .collect()
}

/// Every feature key is the snake-case first word of a type name, so a type name must be an
/// identifier tfsynth accepts: `x_café` (no feature key, and refused by tfsynth when it
/// synthesizes) is refused with its path; odd but valid names give valid keys.
#[test]
fn type_names_give_valid_cargo_feature_keys_or_are_refused() {
    let dir = temp("cafe");
    let e = files_of(&dir, &doc(&[("x_café", A)])).expect_err("refused");
    assert!(
        e.contains(r#"resource_schemas["x_café"]"#) && e.contains("ASCII"),
        "{e}"
    );
    let names = [
        ("x__double", A),
        ("x_foo-bar", A),
        ("x_3d_thing", A),
        ("x_Upper_Case", A),
        ("x_", A),
    ];
    let e = files_of(&dir, &doc(&names)).expect_err("refused");
    assert!(
        e.contains(r#"resource_schemas["x_"]"#) && e.contains("`x_`"),
        "{e}"
    );
    let files = files_of(&dir, &doc(&names[..4])).expect("generates");
    let keys = feature_keys(&files);
    assert_eq!(keys.len(), 2 + 4, "{keys:?}");
    for k in &keys {
        assert!(
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c)),
            "{keys:?}"
        );
    }
    for f in &files {
        assert!(f.path.is_ascii(), "{}", f.path);
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn refused_with(req: &Request) -> String {
    generate_crate(req).expect_err("refused").to_string()
}

#[test]
fn package_names_that_would_not_build_are_refused() {
    let dir = temp("names");
    let schema = dir.join("schema.json");
    std::fs::write(&schema, doc(&[("x_thing", A)])).expect("write");
    for name in [
        "std",
        "core",
        "alloc",
        "proc_macro",
        "proc-macro",
        "test",
        "tfsynth",
        "tfsynth-aws",
        "tfsynth_tls",
        "tfsynth-privatelink",
        "tfsynth-cli",
        "tfsynth-codegen",
        "tfsynth-app",
        "tfsynth-examples",
        "tfsynth-benches",
        "serde_json",
        "123",
        "1abc",
        "fn",
        "self",
        "Self",
        "crate",
        "",
        "a b",
        "a.b",
        "_",
        "café",
    ] {
        let mut req = request(schema.clone(), dir.join("out"));
        req.name = Some(name.into());
        let e = refused_with(&req);
        assert!(
            e.contains(&format!("--name \"{}\"", name.escape_debug())) && e.contains("choose"),
            "{name}: {e}"
        );
        assert!(!e.contains("does not parse"), "{name}: {e}");
    }
    // The default name is checked too: the provider `aws` would be `tfsynth-aws`.
    let aws = dir.join("aws.json");
    std::fs::write(
        &aws,
        doc(&[("x_thing", A)])
            .replace("acme/x", "hashicorp/aws")
            .replace("x_thing", "aws_thing"),
    )
    .expect("write");
    let e = refused_with(&request(aws, dir.join("out")));
    assert!(e.contains("tfsynth-aws") && e.contains("--name"), "{e}");
    for ok in ["tfsynth-x", "my_bindings", "X1"] {
        let mut req = request(schema.clone(), dir.join("out"));
        req.name = Some(ok.into());
        generate_crate(&req).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    assert!(!dir.join("out").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn provider_versions_must_be_versions_or_constraints() {
    let dir = temp("versions");
    let schema = dir.join("schema.json");
    std::fs::write(&schema, doc(&[("x_thing", A)])).expect("write");
    let with = |v: &str| {
        let mut req = request(schema.clone(), dir.join("out"));
        req.provider_version = Some(v.into());
        req
    };
    for bad in [
        "banana", "", " ", "= banana", "~>", "1.2.3.4", "1..2", ">= 3.0,", "3.0\n4.0", "3.0\"",
        "v1.2.3", "1.2.3-", "=> 1.0",
    ] {
        let e = refused_with(&with(bad));
        assert!(
            e.contains(&format!("--provider-version \"{}\"", bad.escape_debug()))
                && e.contains("~> 3.7"),
            "{bad:?}: {e}"
        );
    }
    let provider_rs = |v: &str| {
        let files = generate_crate(&with(v)).unwrap_or_else(|e| panic!("{v}: {e}"));
        files
            .into_iter()
            .find(|f| f.path == "src/gen/provider.rs")
            .expect("provider.rs")
            .contents
    };
    assert!(provider_rs("3.7.2").contains("Some(\"= 3.7.2\")"));
    assert!(provider_rs("~> 3.7").contains("Some(\"~> 3.7\")"));
    assert!(provider_rs(">= 3.0, < 4.0").contains("Some(\">= 3.0, < 4.0\")"));
    assert!(provider_rs("= 1.0.0-beta.1").contains("Some(\"= 1.0.0-beta.1\")"));
    // Whitespace only separates: one form is written.
    assert!(provider_rs("!=1.2.0,>=1.1\n").contains("Some(\"!= 1.2.0, >= 1.1\")"));
    let _ = std::fs::remove_dir_all(dir);
}

// 4. Input errors are blamed on the input.

#[test]
fn bad_names_in_the_schema_are_blamed_with_their_json_path() {
    let dir = temp("blame");
    let res =
        r#"provider_schemas["registry.terraform.io/acme/x"].resource_schemas["x_thing"].block"#;
    for (attrs, path) in [
        (
            r#"{"": {"type": "string", "optional": true}}"#.to_owned(),
            format!("{res}.attributes[\"\"]"),
        ),
        (
            r#"{"😀": {"type": "string", "optional": true}}"#.to_owned(),
            format!("{res}.attributes[\"😀\"]"),
        ),
        (
            r#"{"_": {"type": "string", "optional": true}}"#.to_owned(),
            format!("{res}.attributes[\"_\"]"),
        ),
        (
            r#"{"a\"b": {"type": "string", "optional": true}}"#.to_owned(),
            format!("{res}.attributes[\"a\\\"b\"]"),
        ),
        (
            r#"{"o": {"type": ["list", ["object", {"ok": "string", "x y": "string"}]], "optional": true}}"#
                .to_owned(),
            format!("{res}.attributes[\"o\"].type[1][1][\"x y\"]"),
        ),
        (
            r#"{"n": {"nested_type": {"nesting_mode": "single", "attributes": {"¿": {"type": "string", "optional": true}}}, "optional": true}}"#
                .to_owned(),
            format!("{res}.attributes[\"n\"].nested_type.attributes[\"¿\"]"),
        ),
    ] {
        let e = files_of(&dir, &doc(&[("x_thing", &attrs)])).expect_err("refused");
        assert!(
            e.contains(&path) && e.contains(" must be ") && !e.contains("does not parse"),
            "{path}: {e}"
        );
    }
    // A nested block's name, and a type's.
    let block = doc(&[("x_thing", A)]).replace(
        r#""attributes": {"a""#,
        r#""block_types": {"b-": {"nesting_mode": "list", "block": {"block_types": {"🙂": {"nesting_mode": "single", "block": {}}}}}}, "attributes": {"a""#,
    );
    let e = files_of(&dir, &block).expect_err("refused");
    assert!(
        e.contains(&format!(
            "{res}.block_types[\"b-\"].block.block_types[\"🙂\"]"
        )),
        "{e}"
    );
    let e = files_of(&dir, &doc(&[("x_a+b", A)])).expect_err("refused");
    assert!(
        e.contains(r#"provider_schemas["registry.terraform.io/acme/x"].resource_schemas["x_a+b"]"#),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bad_provider_address_is_blamed_on_the_document() {
    let dir = temp("address");
    for (bad, shown) in [
        ("acme/x\\\"", r#""registry.terraform.io/acme/x\"""#),
        ("acme/x\\n", r#""registry.terraform.io/acme/x\n""#),
        ("ac me/x", r#""registry.terraform.io/ac me/x""#),
    ] {
        let text = doc(&[("x_thing", A)]).replace("acme/x", bad);
        let e = files_of(&dir, &text).expect_err("refused");
        assert!(
            e.contains(&format!("provider_schemas[{shown}]"))
                && e.contains("provider address")
                && !e.contains("does not parse"),
            "{bad}: {e}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn descriptions_with_carriage_returns_are_normalized() {
    let dir = temp("cr");
    let attrs = r#"{"a": {"type": "string", "optional": true, "description": "one\rtwo\r\nthree\u000bfour\u0000"}}"#;
    let files = files_of(&dir, &doc(&[("x_thing", attrs)])).expect("generates");
    let thing = files
        .iter()
        .find(|f| f.contents.contains("The `x_thing` resource."))
        .expect("the resource");
    assert!(!thing.contents.contains('\r'), "{}", thing.contents);
    assert!(
        thing.contents.contains("/// one\n") && thing.contents.contains("/// two\n"),
        "{}",
        thing.contents
    );
    let _ = std::fs::remove_dir_all(dir);
}

// 3. The size of what it reads.

/// A gzip stream of `mib` MiB of zeros, built without compressing them all: deflate blocks of
/// one MiB that refer back to the zeros before them repeat as often as wanted.
fn gzip_of_zeros(mib: usize) -> Vec<u8> {
    use std::io::Write as _;
    let chunk = vec![0u8; 1 << 20];
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&chunk).expect("deflate");
    enc.flush().expect("sync flush");
    let first = enc.get_ref().len();
    enc.write_all(&chunk).expect("deflate");
    enc.flush().expect("sync flush");
    let body = enc.get_ref();
    let (head, again) = body.split_at(first);
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(head);
    for _ in 1..mib {
        out.extend_from_slice(again);
    }
    // A final empty block (fixed Huffman, end of block), then CRC-32 and size.
    out.extend_from_slice(&[0x03, 0x00]);
    let mut crc = flate2::Crc::new();
    for _ in 0..mib {
        crc.update(&chunk);
    }
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(((mib as u64) << 20) as u32).to_le_bytes());
    out
}

#[test]
fn the_zeros_gzip_is_what_it_claims() {
    use std::io::Read as _;
    let mut n = 0u64;
    let gz = gzip_of_zeros(3);
    let mut d = flate2::read::GzDecoder::new(&gz[..]);
    let mut buf = vec![0; 1 << 16];
    loop {
        let k = d.read(&mut buf).expect("a valid gzip stream");
        if k == 0 {
            break;
        }
        assert!(buf[..k].iter().all(|b| *b == 0));
        n += k as u64;
    }
    assert_eq!(n, 3 << 20);
}

fn read_refusal(schema: &Path) -> String {
    let started = std::time::Instant::now();
    let e = generate_crate(&request(schema.to_path_buf(), schema.with_extension("out")))
        .expect_err("refused")
        .to_string();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "refused only after {:?}",
        started.elapsed()
    );
    e
}

#[test]
fn a_gzip_that_expands_past_the_limit_is_refused() {
    let dir = temp("bomb");
    let bomb = dir.join("bomb.json.gz");
    // ~300 KB that expands to 320 MiB.
    std::fs::write(&bomb, gzip_of_zeros(320)).expect("write");
    let e = read_refusal(&bomb);
    assert!(
        e.contains(&bomb.display().to_string())
            && e.contains("256 MiB")
            && e.contains("decompressed"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_past_the_limit_is_refused_without_reading_it() {
    let dir = temp("big");
    let big = dir.join("big.json");
    // Sparse: nothing is stored.
    let f = std::fs::File::create(&big).expect("create");
    f.set_len((256 << 20) + 1).expect("set_len");
    let e = read_refusal(&big);
    assert!(
        e.contains(&big.display().to_string()) && e.contains("256 MiB"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn an_endless_stream_is_refused() {
    let e = read_refusal(Path::new("/dev/zero"));
    assert!(
        e.contains("/dev/zero") && e.contains("not a provider schema document"),
        "{e}"
    );
}

// 5. Deeply nested schemas.

/// A resource whose top-level block nests `levels` blocks, one in another.
fn nested_blocks(levels: usize) -> String {
    let mut b = r#"{"attributes": {"leaf": {"type": "string", "required": true}}}"#.to_owned();
    for i in 0..levels {
        b = format!(
            r#"{{"attributes": {{"v{i}": {{"type": "string", "optional": true}}}}, "block_types": {{"b{i}": {{"nesting_mode": "list", "min_items": 1, "block": {b}}}}}}}"#
        );
    }
    b
}

/// An attribute with `levels` nested attribute types, one in another.
fn nested_attribute_types(levels: usize) -> String {
    let mut a = r#"{"type": "string", "optional": true}"#.to_owned();
    for i in 0..levels {
        a = format!(
            r#"{{"nested_type": {{"nesting_mode": "list", "attributes": {{"a{i}": {a}}}}}, "optional": true}}"#
        );
    }
    format!(r#"{{"attributes": {{"top": {a}}}}}"#)
}

/// An attribute of type list(object({k: list(object({...}))})), `levels` objects deep.
fn nested_object_types(levels: usize) -> String {
    let mut t = r#""string""#.to_owned();
    for i in 0..levels {
        t = format!(r#"["list", ["object", {{"k{i}": {t}}}]]"#);
    }
    format!(r#"{{"attributes": {{"top": {{"type": {t}, "optional": true}}}}}}"#)
}

fn doc_with_block(block: &str) -> String {
    format!(
        r#"{{"format_version": "1.0", "provider_schemas": {{"registry.terraform.io/acme/x": {{
            "provider": {{"block": {{}}}},
            "resource_schemas": {{"x_deep": {{"block": {block}}}}}}}}}}}"#
    )
}

#[test]
fn schemas_nested_sixty_levels_deep_generate() {
    let dir = temp("deep");
    for (what, block) in [
        ("blocks", nested_blocks(60)),
        ("nested attribute types", nested_attribute_types(60)),
        ("object types", nested_object_types(60)),
    ] {
        let files =
            files_of(&dir, &doc_with_block(&block)).unwrap_or_else(|e| panic!("{what}: {e}"));
        let deep = files
            .iter()
            .find(|f| f.path.ends_with("/deep.rs"))
            .expect("the resource's file");
        assert!(deep.contents.matches("pub struct ").count() > 60, "{what}");
        // Its every-type test reads the stack's JSON (two levels a list block) without
        // serde_json's recursion limit.
        let toml = &files
            .iter()
            .find(|f| f.path == "Cargo.toml")
            .expect("toml")
            .contents;
        assert!(toml.contains("features = [\"unbounded_depth\"]"), "{toml}");
        let test = &files
            .iter()
            .find(|f| f.path == "tests/gen/every_type.rs")
            .expect("the every-type test")
            .contents;
        assert!(test.contains("de.disable_recursion_limit();"), "{test}");
    }
    // A shallow schema keeps the plain read.
    let files = files_of(&dir, &doc_with_block(&nested_blocks(3))).expect("generates");
    let toml = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("toml")
        .contents;
    assert!(toml.contains("serde_json = \"1\""), "{toml}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_type_nested_past_the_limit_is_refused_naming_it_and_the_limit() {
    let dir = temp("too-deep");
    let limit = tfsynth_codegen::validate::MAX_NESTING;
    files_of(&dir, &doc_with_block(&nested_blocks(limit))).expect("the limit itself generates");
    for block in [
        nested_blocks(limit + 1),
        nested_attribute_types(limit + 1),
        nested_object_types(limit / 2 + 1),
    ] {
        let e = files_of(&dir, &doc_with_block(&block)).expect_err("refused");
        assert!(
            e.contains(r#"resource_schemas["x_deep"]: nests "#)
                && e.contains(&format!("at most {limit}"))
                && e.contains("dynamic"),
            "{e}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_document_nested_past_the_json_limit_is_refused_without_recursing() {
    let dir = temp("json-deep");
    // Far deeper than any stack would take with recursion.
    let text = format!(
        "{{\"format_version\": \"1.0\", \"x\": {}",
        "[".repeat(1_000_000)
    );
    let e = files_of(&dir, &text).expect_err("refused");
    assert!(
        e.contains("schema.json")
            && e.contains("nest more than 1000 levels")
            && e.contains("line 1 column"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A generated file that became a link (or a directory) is no longer the file it wrote: a
/// later run that drops it leaves it alone, and one that writes it refuses.
#[cfg(unix)]
#[test]
fn a_generated_file_turned_into_a_link_is_left_alone() {
    let dir = temp("file-link");
    let out = dir.join("crate");
    generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect("first run");
    write(&dir.join("elsewhere.rs"), "// mine\n");
    let two = out.join("src/gen/two_service/two.rs");
    std::fs::remove_file(&two).expect("rm");
    std::os::unix::fs::symlink(dir.join("elsewhere.rs"), &two).expect("symlink");
    let e = generate(&dir, &doc(&[("x_one", A), ("x_two", A)]), &out).expect_err("refused");
    assert!(
        e.contains(&two.display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    generate(&dir, &doc(&[("x_one", A)]), &out).expect("drops x_two");
    assert!(std::fs::symlink_metadata(&two).is_ok(), "the link is left");
    assert_eq!(read(&dir.join("elsewhere.rs")), "// mine\n");
    let _ = std::fs::remove_dir_all(dir);
}

/// A type named exactly like its provider (hashicorp/http's data source `http`) is its own short
/// name (`X` in the module `x`), where it was refused as having nothing after the prefix.
#[test]
fn a_type_named_like_its_provider_generates() {
    let dir = temp("own-name");
    let files = files_of(&dir, &doc(&[("x", A), ("x_thing", A)])).expect("generates");
    let x = files
        .iter()
        .find(|f| f.contents.contains("pub struct X(Node<Meta>);"))
        .expect("the type `x` as `X`");
    assert!(x.path.ends_with("/x.rs"), "{}", x.path);
    assert!(x.contents.contains("The `x` resource."), "{}", x.contents);
    let _ = std::fs::remove_dir_all(dir);
}

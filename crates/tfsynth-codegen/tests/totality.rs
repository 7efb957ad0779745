//! The generator is total: every type of the whole aws + tls schema (about 2,400) generates,
//! into a temporary directory, files that all parse, with no skipped type and no collision.

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::PathBuf;

use tfsynth_codegen::pinned::{
    aws_spec, tls_spec, workspace_root, AWS_ADDRESS, FULL_SCHEMA_GZ, TLS_ADDRESS,
};
use tfsynth_codegen::provider::generate;
use tfsynth_codegen::schema::SchemaDoc;

fn full_schema() -> SchemaDoc {
    let path = workspace_root().join(FULL_SCHEMA_GZ);
    let file = std::fs::File::open(&path).expect("the pinned full schema is committed");
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .expect("the full schema is gzipped UTF-8");
    SchemaDoc::parse(&text).expect("the full schema parses")
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn every_type_of_the_full_schema_generates_and_parses() {
    let started = std::time::Instant::now();
    let doc = full_schema();
    eprintln!("schema read in {:?}", started.elapsed());
    let tmp =
        TempDir(std::env::temp_dir().join(format!("tfsynth-totality-{}", std::process::id())));
    let mut lines = 0;
    for (address, spec) in [(AWS_ADDRESS, aws_spec()), (TLS_ADDRESS, tls_spec())] {
        let schema = doc.provider(address).expect("provider present");
        let generated = generate(schema, &spec, None).unwrap_or_else(|e| panic!("{address}: {e}"));
        eprintln!("{address}: generated in {:?}", started.elapsed());
        // No skipped type: one file per resource and data source.
        assert_eq!(
            generated.resources,
            schema.resource_schemas.len(),
            "{address}"
        );
        assert_eq!(
            generated.data_sources,
            schema.data_source_schemas.len(),
            "{address}"
        );
        let mut expected: BTreeSet<String> = BTreeSet::new();
        for n in schema.resource_schemas.keys() {
            expected.insert(format!("The `{n}` resource: "));
        }
        for n in schema.data_source_schemas.keys() {
            expected.insert(format!("The `{n}` data source: "));
        }
        let dir = tmp.0.join(&spec.local_name);
        for f in &generated.files {
            let p = dir.join(&f.path);
            std::fs::create_dir_all(p.parent().expect("a parent")).expect("temp dir");
            std::fs::write(&p, &f.contents).expect("write");
        }
        // Parse on every core: about 1.5 million lines.
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunk = generated.files.len().div_ceil(threads);
        let results: Vec<(usize, BTreeSet<String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = generated
                .files
                .chunks(chunk)
                .map(|files| {
                    let dir = &dir;
                    let header = spec.header();
                    s.spawn(move || {
                        let mut lines = 0;
                        let mut found = BTreeSet::new();
                        for f in files {
                            let text =
                                std::fs::read_to_string(dir.join(&f.path)).expect("read back");
                            assert!(
                                text.starts_with(&header),
                                "{}: no @generated header",
                                f.path
                            );
                            if let Err(e) = syn::parse_file(&text) {
                                panic!("{}: does not parse: {e}", f.path);
                            }
                            lines += text.lines().count();
                            if let Some(l) = text.lines().nth(1) {
                                if let (Some(rest), Some(end)) =
                                    (l.strip_prefix("//! "), l.find(": ["))
                                {
                                    found.insert(format!("{}: ", &rest[..end - 4]));
                                }
                            }
                        }
                        (lines, found)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a parser thread"))
                .collect()
        });
        let mut found = BTreeSet::new();
        for (n, f) in results {
            lines += n;
            found.extend(f);
        }
        let missing: Vec<&String> = expected.difference(&found).collect();
        assert!(
            missing.is_empty(),
            "{address}: types without a file: {missing:?}"
        );
    }
    eprintln!(
        "totality: {lines} lines generated and parsed in {:?}",
        started.elapsed()
    );
    assert!(lines > 100_000, "suspiciously little output: {lines} lines");
}

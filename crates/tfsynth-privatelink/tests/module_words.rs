//! The shipped modules refuse a Terraform user's mistakes in the words the Rust constructs use.
//!
//! Each directory of `modules/tests/refusals/` is a root configuration calling a shipped module
//! with one bad input, and its `expected.txt` the message `terraform plan` must print
//! (`scripts/module-roots` runs them with tf-plan and looks for it). Here the same value goes
//! through the Rust constructs, and the message they give must be `expected.txt`, with the two
//! names a module says differently: the region is the provider's (a module has no stack
//! region) and the zones variable is `availability_zones`.
//!
//! `TFSYNTH_BLESS=1 cargo test --test module_words` writes the files instead of comparing.

use std::path::PathBuf;

use tfsynth_privatelink::config::ConsumerVpc;
use tfsynth_privatelink::stacks::{Consumer, ConsumerConfig, Service, ServiceConfig, ShippedStack};
use tfsynth_privatelink::{
    AppTargets, Az, CertificateArn, Cidr, Error, InstanceType, PrincipalArn,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../modules/tests/refusals")
}

fn azs(list: &[&str]) -> Vec<Az> {
    list.iter().map(|s| s.parse().expect("a zone")).collect()
}

fn service(f: impl FnOnce(&mut ServiceConfig)) -> Error {
    let mut c = ServiceConfig::default();
    f(&mut c);
    Service::build(&c).expect_err("the construct refuses it")
}

fn consumer(f: impl FnOnce(&mut ConsumerConfig)) -> Error {
    let mut c = ConsumerConfig::default();
    f(&mut c);
    Consumer::build(&c).expect_err("the construct refuses it")
}

fn cidr(s: &str) -> Cidr {
    s.parse().expect("a block")
}

/// Every case: its directory and what the Rust side says for the same value.
fn cases() -> Vec<(&'static str, String)> {
    let p = |s: &str| PrincipalArn::new(s).expect("an arn");
    let root = "arn:aws:iam::111122223333:root";
    vec![
        (
            "cidr-shape",
            "10.0.0/16"
                .parse::<Cidr>()
                .expect_err("refused")
                .to_string(),
        ),
        (
            "cidr-host-bits",
            "10.0.0.1/16"
                .parse::<Cidr>()
                .expect_err("refused")
                .to_string(),
        ),
        (
            "cidr-size",
            service(|c| c.service.network.cidr = cidr("10.0.0.0/8")).to_string(),
        ),
        (
            "subnets-do-not-fit",
            service(|c| c.service.network.cidr = cidr("10.0.0.0/26")).to_string(),
        ),
        (
            "zones-of-another-region",
            service(|c| c.service.network.azs = azs(&["euw1-az1", "euw1-az2"])).to_string(),
        ),
        (
            "too-few-zones",
            service(|c| c.service.network.azs = azs(&["use1-az1"])).to_string(),
        ),
        (
            "zone-twice",
            service(|c| c.service.network.azs = azs(&["use1-az1", "use1-az1"])).to_string(),
        ),
        (
            "zones-mixed",
            service(|c| c.service.network.azs = azs(&["use1-az1", "us-east-1b"])).to_string(),
        ),
        (
            "not-a-zone",
            "nowhere".parse::<Az>().expect_err("refused").to_string(),
        ),
        (
            "no-principals",
            service(|c| c.service.endpoint_service.allowed_principals = Vec::new()).to_string(),
        ),
        (
            "principal-shape",
            PrincipalArn::new("bob").expect_err("refused").to_string(),
        ),
        (
            "principal-twice",
            service(|c| c.service.endpoint_service.allowed_principals = vec![p(root), p(root)])
                .to_string(),
        ),
        (
            "certificate-shape",
            CertificateArn::new("arn:aws:acm:us-east-1:1234:cert")
                .expect_err("refused")
                .to_string(),
        ),
        (
            "instance-type-shape",
            tfsynth_privatelink::InstanceType::new("micro")
                .expect_err("refused")
                .to_string(),
        ),
        (
            "consumer-zones-of-another-region",
            consumer(|c| {
                if let ConsumerVpc::New(n) = &mut c.consumer.vpc {
                    n.azs = azs(&["euw1-az1"]);
                }
            })
            .to_string(),
        ),
        (
            "endpoint-vpc-id-shape",
            tfsynth_privatelink::VpcId::new("vpc-123")
                .expect_err("refused")
                .to_string(),
        ),
        (
            "endpoint-no-subnets",
            consumer(|c| {
                c.consumer.client_instance = false;
                c.consumer.vpc = ConsumerVpc::Existing {
                    vpc_id: tfsynth_privatelink::VpcId::new("vpc-0123456789abcdef0")
                        .expect("an id"),
                    cidr: cidr("10.40.0.0/16"),
                    subnet_ids: Vec::new(),
                    subnet_azs: Vec::new(),
                };
            })
            .to_string(),
        ),
        (
            "endpoint-subnet-id-shape",
            tfsynth_privatelink::SubnetId::new("subnet-xyz")
                .expect_err("refused")
                .to_string(),
        ),
        (
            "endpoint-client-cidr-shape",
            "10.0.0.0/33"
                .parse::<Cidr>()
                .expect_err("refused")
                .to_string(),
        ),
        (
            "endpoint-service-name-shape",
            tfsynth_privatelink::ServiceName::new("vpce-svc-0123456789abcdef0")
                .expect_err("refused")
                .to_string(),
        ),
        (
            "endpoint-service-port-range",
            tfsynth_privatelink::Port::new(70000)
                .expect_err("refused")
                .to_string(),
        ),
        (
            "consumer-cidr-host-bits",
            "10.1.0.1/16"
                .parse::<Cidr>()
                .expect_err("refused")
                .to_string(),
        ),
        (
            "instance-count-range",
            service(|c| {
                c.service.app.targets = AppTargets::Nginx {
                    instance_count: 21,
                    instance_type: InstanceType::t3_micro(),
                };
            })
            .to_string(),
        ),
        (
            "tags-aws-prefix",
            service(|c| {
                c.common.tags.insert("aws:team".into(), "net".into());
            })
            .to_string(),
        ),
        (
            "tags-bad-character",
            consumer(|c| {
                c.common.tags.insert("Team".into(), "net#1".into());
            })
            .to_string(),
        ),
        (
            "tags-too-many",
            consumer(|c| {
                c.common.tags = (0..50)
                    .map(|i| (format!("Key{i}"), "value".into()))
                    .collect();
            })
            .to_string(),
        ),
    ]
}

/// A module's names for what a stack calls the stack's region and `azs`.
fn in_module_words(rust: &str) -> String {
    rust.replace("the stack's region", "the provider's region")
        .replace("leave azs empty", "leave availability_zones empty")
}

#[test]
fn module_refusals_say_what_the_constructs_say() {
    let bless = std::env::var_os("TFSYNTH_BLESS").is_some();
    let mut wrong = Vec::new();
    let listed = cases();
    for (name, rust) in &listed {
        let path = dir().join(name).join("expected.txt");
        let want = in_module_words(rust);
        if bless {
            std::fs::write(&path, format!("{want}\n")).expect("writable");
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have.trim_end() != want {
            wrong.push(format!(
                "{}:\n  file: {}\n  rust: {want}",
                path.display(),
                have.trim_end()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "expected.txt differs from the constructs' words (TFSYNTH_BLESS=1 rewrites):\n{}",
        wrong.join("\n")
    );
    // Every case directory is one of these, and each has its root configuration.
    let mut dirs: Vec<String> = std::fs::read_dir(dir())
        .expect("modules/tests/refusals")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    dirs.sort();
    let mut names: Vec<String> = listed.iter().map(|(n, _)| (*n).to_owned()).collect();
    names.sort();
    assert_eq!(dirs, names);
    for n in &names {
        assert!(dir().join(n).join("main.tf").is_file(), "{n}/main.tf");
    }
}

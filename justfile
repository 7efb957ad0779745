# Recipes CI runs too (see .ci/run). `just --list` shows them all.

default:
    @just --list

# Format the code.
fmt:
    cargo fmt --all

# Check formatting (CI).
fmt-check:
    cargo fmt --all -- --check

# Lints, warnings are errors.
clippy:
    cargo clippy --workspace --all-targets --locked -- -D warnings

# The test command of the README.
test:
    cargo test --workspace

# API docs, warnings are errors.
doc:
    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

# Regenerate the aws, tls, random, archive, null, local, time, http and external bindings and the function wrappers from the pinned schemas (offline).
codegen:
    cargo run --locked -q -p tfsynth-codegen -- all

# Fail when generated code is not what the generator makes from the pinned schemas.
codegen-check: codegen
    @test -z "$(git status --porcelain -- crates)" || (git status --porcelain -- crates; echo "generated code is stale: run 'just codegen' and commit"; exit 1)

# Every generated binding through the compiler and real Terraform: tfsynth-aws with every service (the all-features build) and tfsynth-tls declare each type once and pass tf-validate; tfsynth-random, -archive, -null, -local, -time, -http and -external declare each type once and pass tf-validate and tf-plan (plan + apply); crates generated for five other providers compile and pass tf-validate too (needs ../shared). `python3 scripts/codegen-acceptance --only-small` checks the small providers alone.
codegen-acceptance:
    python3 scripts/codegen-acceptance

# Synthesize the default stack to main.tf.json.
synth:
    cargo run --locked -q -- synth --out main.tf.json

# The provider rule corpus's good cases through real Terraform's validate and plan + apply (needs ../shared); `cargo test` covers the bad ones.
provider-rules-corpus:
    python3 scripts/provider-rules-corpus

# Every pinned stack through real Terraform's validate (needs ../shared).
validate:
    python3 scripts/tf-validate-snapshots

# Every pinned stack through real Terraform's plan and apply against stand-in providers (needs ../shared; exceptions and their reasons are printed).
plan:
    python3 scripts/tf-validate-snapshots --plan

# Benchmarks (see BENCHMARKS.md): divan (synth, validate, serde_json limit), then the tables. `just bench --sample-count 2 --sample-size 1` is the quick mode.
bench *DIVAN_ARGS:
    cargo bench --locked -p tfsynth-benches -- {{DIVAN_ARGS}}
    cargo run --locked --release -q -p tfsynth-benches --bin synth-report

# Peer comparison (CDKTF 0.21, terrars 0.1) at N = 1..1000: installs them into ~/.cache/tfsynth-bench, then times every peer. Needs node/npm and /usr/bin/time.
bench-peers *RUN_ARGS:
    bench/peers/setup
    bench/peers/run {{RUN_ARGS}}

# Build cost of the bindings next to terrars-hashicorp-aws: whole-provider check, a user crate with six services (clean and incremental), docs. Fetches terrars from crates.io.
bench-bindings:
    bench/peers/bindings-cost

# checkov over the service and consumer stacks (zero failures beyond .checkov.yaml's commented skips).
checkov:
    scripts/checkov

# The benchmarks in a quick mode, so they never rot (numbers from `just bench` only).
bench-quick:
    cargo bench --locked -p tfsynth-benches -- --sample-count 2 --sample-size 1

# Every command of README.md, docs/cli.md and the tfsynth-codegen and tfsynth-aws READMEs, as written, in a fresh clone of HEAD (skips terraform, dot without Graphviz, the test suite; says why).
readme:
    python3 scripts/readme-commands

# Write the shipped stacks as reusable Terraform modules (HCL, with a README each) into modules/.
modules:
    cargo run --locked -q -- synth --stack service --as-module --format hcl --out-dir modules/privatelink-service
    cargo run --locked -q -- synth --stack consumer --as-module --format hcl --out-dir modules/privatelink-consumer
    cargo run --locked -q -- synth --stack endpoint --as-module --format hcl --out-dir modules/privatelink-endpoint

# Fail when the committed modules are not what the stacks make.
modules-check: modules
    @test -z "$(git status --porcelain -- modules)" || (git status --porcelain -- modules; echo "modules/ is stale: run 'just modules' and commit"; exit 1)

# Every example App's stacks through tf-validate, then tf-plan in deploy order, each reading the state the one before it applied (needs ../shared).
app-chain:
    python3 scripts/app-chain

# A new user's first steps: tfsynth new, build, test, synth, then tf-validate and tf-plan of the project (needs ../shared).
new-project:
    bash scripts/new-project

# The root configurations of modules/examples/ (which call the modules) through tf-validate and tf-plan, then the corpus of modules/tests/: every refusal refused in the constructs' words (each validation block by some case), every accepted value planned (needs ../shared).
modules-plan:
    python3 scripts/module-roots

# The Terraform half of the rule-agreement property test: 200 generated values (fixed seed) through the shipped modules with tf-plan, each refused or accepted as the Rust checks say, in their words (needs ../shared).
rule-agreement:
    python3 scripts/rule-agreement

# tfsynth convert, proven lossless: every configuration of crates/tfsynth-convert/corpus converted, built (one shared target dir), synthesized, and its addresses, planned and applied values compared with its HCL's under tf-plan; line counts and the conversion time of a 1,000-line configuration (needs ../shared).
convert-check:
    python3 scripts/convert-check

# Everything CI runs.
ci: fmt-check clippy test doc codegen-check codegen-acceptance validate plan app-chain new-project checkov bench-quick modules-check modules-plan rule-agreement readme convert-check provider-rules-corpus

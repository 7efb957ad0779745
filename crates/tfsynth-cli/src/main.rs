//! The `tfsynth` command. See `tfsynth --help`.

use tfsynth_cli::Registry;

fn registry() -> Registry {
    Registry::new()
}

fn main() -> anyhow::Result<()> {
    let code = tfsynth_cli::run(
        std::env::args_os(),
        &registry(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code)
}

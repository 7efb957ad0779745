//! `validate --terraform`: the real `terraform validate` on the synthesized JSON.
//!
//! `terraform validate` needs the providers installed, so this runs `terraform init
//! -backend=false` first in a temporary directory. Without network access (or a provider
//! mirror configured in the Terraform CLI config) init cannot install them: the check is then
//! skipped with a message saying so, and the library's checks decide the exit code. When init
//! fails for any other reason, such as a configuration Terraform refuses (it reads the
//! configuration before installing anything), that is a failure with Terraform's message.

use std::process::Command;

/// What the Terraform check found.
#[derive(Debug)]
pub(crate) enum Outcome {
    Passed,
    /// `terraform validate` found problems: its report.
    Failed(String),
    /// `terraform init` failed for another reason than installing providers or modules:
    /// Terraform's errors.
    InitFailed(String),
    Skipped(String),
}

pub(crate) fn validate(stack: &tfsynth::Stack) -> Outcome {
    let found = Command::new("terraform").arg("version").output();
    if !matches!(&found, Ok(o) if o.status.success()) {
        return Outcome::Skipped(
            "no working `terraform` on PATH; install Terraform to run this check".into(),
        );
    }
    let json = match stack.synth() {
        Ok(j) => j,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let dir = match tempfile::Builder::new()
        .prefix("tfsynth-validate-")
        .tempdir()
    {
        Ok(d) => d,
        Err(e) => return Outcome::Skipped(format!("cannot create a temporary directory: {e}")),
    };
    let mut files = vec![("main.tf.json".to_owned(), json)];
    files.extend(stack.files().iter().map(|(k, v)| (k.clone(), v.clone())));
    for (name, contents) in &files {
        if let Err(e) = std::fs::write(dir.path().join(name), contents) {
            return Outcome::Skipped(format!("cannot write {name}: {e}"));
        }
    }
    let init = Command::new("terraform")
        .args(["init", "-backend=false", "-input=false", "-no-color"])
        .env("CHECKPOINT_DISABLE", "1")
        .current_dir(dir.path())
        .output();
    match init {
        Err(e) => return Outcome::Skipped(format!("cannot run terraform init: {e}")),
        Ok(o) if !o.status.success() => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            if !only_download_errors(&text) {
                return Outcome::InitFailed(errors(&text));
            }
            let reason = init_error(&text);
            return Outcome::Skipped(format!(
                "`terraform init` could not install the providers (offline, or no provider \
                 mirror configured), so `terraform validate` did not run: {reason}"
            ));
        }
        Ok(_) => {}
    }
    match Command::new("terraform")
        .args(["validate", "-no-color"])
        .env("CHECKPOINT_DISABLE", "1")
        .current_dir(dir.path())
        .output()
    {
        Err(e) => Outcome::Skipped(format!("cannot run terraform validate: {e}")),
        Ok(o) if o.status.success() => Outcome::Passed,
        Ok(o) => Outcome::Failed(format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
    }
}

/// Summaries of the errors `terraform init` gives when it cannot download or install a
/// provider or a module (no network, no mirror, a registry that does not answer).
const DOWNLOAD_ERRORS: &[&str] = &[
    "Failed to query available provider packages",
    "Failed to install provider",
    "Failed to install provider from shared cache",
    "Failed to resolve provider packages",
    "Failed to download module",
    "Failed to retrieve available versions for module",
    "Error accessing remote module registry",
    "Module source has changed",
    "Invalid response from remote module registry",
];

/// Terraform's output lines without box drawing and blank lines.
fn lines(output: &str) -> Vec<&str> {
    output
        .lines()
        .map(|l| l.trim_start_matches(['│', '╷', '╵']).trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// True when `terraform init` failed only because it could not install something: every
/// `Error:` it printed is a download error, and it printed at least one.
fn only_download_errors(output: &str) -> bool {
    let summaries: Vec<&str> = lines(output)
        .into_iter()
        .filter_map(|l| l.strip_prefix("Error: "))
        .collect();
    !summaries.is_empty()
        && summaries
            .iter()
            .all(|s| DOWNLOAD_ERRORS.iter().any(|d| s.starts_with(d)))
}

/// Terraform's errors, from the first `Error:` on (warnings about the CLI configuration
/// before it left out), without box drawing.
fn errors(output: &str) -> String {
    let all: Vec<&str> = output
        .lines()
        .map(|l| l.trim_start_matches(['│', '╷', '╵']).trim_end())
        .collect();
    let start = all
        .iter()
        .position(|l| l.trim_start().starts_with("Error:"))
        .unwrap_or(0);
    all[start..].join("\n").trim().to_owned()
}

/// The first `Error:` of Terraform's output with the line after it, without box drawing.
fn init_error(stderr: &str) -> String {
    let lines = lines(stderr);
    match lines.iter().position(|l| l.starts_with("Error:")) {
        Some(i) => lines[i..lines.len().min(i + 2)]
            .join(": ")
            .trim_end_matches(':')
            .to_owned(),
        None => lines.last().map_or("no message", |l| l).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    /// What terraform 1.11 prints when the configuration is wrong (it reads it before
    /// installing anything).
    const CONFIG_ERROR: &str = "There are some problems with the CLI configuration:\n\u{256d}\n\u{2502} Warning: Unable to open CLI configuration file\n\u{2575}\n\n\nError: Terraform encountered problems during initialisation, including problems\nwith the configuration, described below.\n\nThe Terraform configuration must be valid before initialization so that\nTerraform can determine which modules and providers need to be installed.\n\n\nError: Invalid version constraint\n\n  on main.tf.json line 1, in terraform:\n   1: {\"terraform\":{\"required_version\":\">= banana\"}}\n\nThis string does not use correct version constraint syntax.\n";

    /// What it prints offline with a valid configuration.
    const OFFLINE: &str = "Initializing provider plugins...\n- Finding latest version of hashicorp/aws...\n\nError: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider hashicorp/aws:\ncould not connect to registry.terraform.io: failed to request discovery\ndocument\n";

    #[test]
    fn a_configuration_error_is_not_a_download_error() {
        assert!(super::only_download_errors(OFFLINE));
        assert!(!super::only_download_errors(CONFIG_ERROR));
        assert!(!super::only_download_errors("Error: something else\n"));
        assert!(!super::only_download_errors("killed\n"), "no Error: line");
        insta::assert_snapshot!(super::errors(CONFIG_ERROR), @r#"
        Error: Terraform encountered problems during initialisation, including problems
        with the configuration, described below.

        The Terraform configuration must be valid before initialization so that
        Terraform can determine which modules and providers need to be installed.


        Error: Invalid version constraint

          on main.tf.json line 1, in terraform:
           1: {"terraform":{"required_version":">= banana"}}

        This string does not use correct version constraint syntax.
        "#);
    }

    #[test]
    fn init_error_skips_warnings() {
        let text = "There are some problems with the CLI configuration:\n\u{256d}\n\u{2502} Warning: x\n\u{2575}\nError: Failed to query available provider packages\nCould not retrieve the list of available versions for provider hashicorp/aws:\nmore\n";
        assert_eq!(
            super::init_error(text),
            "Error: Failed to query available provider packages: Could not retrieve the list of \
             available versions for provider hashicorp/aws"
        );
    }
}

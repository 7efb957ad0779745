//! `validate --terraform`: the real `terraform validate` on the synthesized JSON.
//!
//! `terraform validate` needs the providers installed, so this runs `terraform init
//! -backend=false` first in a temporary directory. Without network access (or a provider
//! mirror configured in the Terraform CLI config) init cannot install them: the check is then
//! skipped with a message saying so, and the library's checks decide the exit code.

use std::process::Command;

/// What the Terraform check found.
#[derive(Debug)]
pub(crate) enum Outcome {
    Passed,
    Failed(String),
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
            let text = String::from_utf8_lossy(&o.stderr);
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

/// The first `Error:` of Terraform's output with the line after it, without box drawing.
fn init_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(|l| l.trim_start_matches(['│', '╷', '╵']).trim())
        .filter(|l| !l.is_empty())
        .collect();
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

//! A stack as a reusable Terraform module: [`Stack::into_module`].

use crate::config::settings::ProviderRequirement;
use crate::error::{Error, Errors};
use crate::stack::Stack;

/// A stack made into a module by [`Stack::into_module`], and what its caller now does.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleStack {
    /// The module: no `provider` blocks, no `backend`, no `cloud`.
    pub stack: Stack,
    /// What moved to the calling module, one plain sentence each, in declaration order:
    /// `provider "aws" (region, default_tags): configure it in the calling module`.
    pub moved_to_caller: Vec<String>,
}

impl Stack {
    /// This stack as a child module that another configuration calls with
    /// `module "NAME" { source = "..." }`.
    ///
    /// A module cannot configure providers or keep state, so:
    /// - every `provider` block is removed; its provider stays (or is added, with the source
    ///   `hashicorp/NAME` Terraform assumes) in `required_providers`, and an aliased
    ///   configuration becomes a `configuration_aliases` entry there (`aws.peer`), which the
    ///   caller fills with `providers = { aws.peer = aws.somewhere }`;
    /// - `backend` and `cloud` are removed: the root module that calls this one keeps the state.
    ///
    /// `required_version`, `required_providers`, `provider_meta` and every other block
    /// (variables, outputs, locals, data sources, resources, module calls, checks, `moved`,
    /// `removed`) are kept as they are. Validation runs as for any stack, in
    /// [`Stack::synth`] and [`Stack::validate`].
    ///
    /// # Errors
    /// [`Error::ImportInModule`] for every `import` block: Terraform refuses import blocks
    /// outside the root module, so they belong to the caller.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Backend, RawProvider, RawResource};
    /// let mut stack = Stack::new();
    /// stack.provider(RawProvider::new("aws").requirement("hashicorp/aws", ">= 6.0").attr("region", "eu-west-1"));
    /// let peer = stack.provider(RawProvider::new("aws").alias("peer").attr("region", "us-east-1"));
    /// stack.resource("vpc", RawResource::new("aws_vpc").provider(&peer).attr("cidr_block", "10.0.0.0/16"));
    /// stack.settings_mut().backend = Some(Backend::local("state.tfstate"));
    ///
    /// let module = stack.into_module().unwrap();
    /// let json = module.stack.synth().unwrap();
    /// assert!(json.contains(r#""configuration_aliases": [
    ///           "aws.peer"
    ///         ]"#));
    /// assert!(!json.contains(r#""provider": {"#) && !json.contains("backend"));
    /// assert_eq!(module.moved_to_caller, [
    ///     r#"provider "aws" (region): configure it in the calling module"#,
    ///     r#"provider "aws" alias "peer" (region): configure it in the calling module and pass it as providers = { aws.peer = ... }"#,
    ///     r#"backend "local": a module has no backend; the root module that calls it keeps state"#,
    /// ]);
    /// ```
    pub fn into_module(mut self) -> Result<ModuleStack, Errors> {
        let errors: Vec<Error> = self
            .imports
            .iter()
            .map(|i| Error::ImportInModule {
                to: i.value.to_text(),
                path: i.path.clone(),
            })
            .collect();
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        let mut moved = Vec::new();
        for (name, configs) in std::mem::take(&mut self.providers) {
            let requirement = self
                .settings
                .required_providers
                .entry(name.clone())
                .or_insert_with(|| ProviderRequirement {
                    source: format!("hashicorp/{name}"),
                    version: None,
                    configuration_aliases: Vec::new(),
                });
            for c in configs {
                let body = &c.value.body;
                let mut keys: Vec<String> =
                    body.entries().iter().map(|(k, _)| k.to_string()).collect();
                keys.extend(body.dynamic_blocks().iter().map(|(k, _)| k.clone()));
                keys.dedup();
                let settings = if keys.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", keys.join(", "))
                };
                match &c.value.alias {
                    None => moved.push(format!(
                        "provider \"{name}\"{settings}: configure it in the calling module"
                    )),
                    Some(alias) => {
                        let full = format!("{name}.{alias}");
                        moved.push(format!(
                            "provider \"{name}\" alias \"{alias}\"{settings}: configure it in \
                             the calling module and pass it as providers = {{ {full} = ... }}"
                        ));
                        if !requirement.configuration_aliases.contains(&full) {
                            requirement.configuration_aliases.push(full);
                        }
                    }
                }
            }
        }
        if let Some(b) = self.settings.backend.take() {
            moved.push(format!(
                "backend \"{}\": a module has no backend; the root module that calls it keeps \
                 state",
                b.backend_type()
            ));
        }
        if self.settings.cloud.take().is_some() {
            moved.push(
                "cloud: a module has no cloud block; the root module that calls it picks the \
                 HCP Terraform workspace and keeps state"
                    .to_owned(),
            );
        }
        Ok(ModuleStack {
            stack: self,
            moved_to_caller: moved,
        })
    }
}

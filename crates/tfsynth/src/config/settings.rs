//! The `terraform` block: required version and providers, backend, HCP Terraform `cloud`.

use indexmap::IndexMap;

use crate::body::Body;
use crate::expr::IntoAny;

/// A `required_providers` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRequirement {
    /// `source`, e.g. `hashicorp/aws`.
    pub source: String,
    /// `version` constraint, e.g. `~> 6.0`.
    pub version: Option<String>,
    /// `configuration_aliases`: the aliased configurations a module expects its caller to pass
    /// in `providers = { ... }`, each as `NAME.ALIAS` (`aws.peer`). Written as references in
    /// HCL (`[aws.peer]`) and as strings in JSON (`["aws.peer"]`), the forms Terraform reads.
    /// Empty in a root module, which configures its providers itself.
    pub configuration_aliases: Vec<String>,
}

/// A `backend "TYPE" { ... }` block.
///
/// # Example
/// ```
/// use tfsynth::Backend;
/// let b = Backend::s3("tf-state", "privatelink/terraform.tfstate", "eu-west-1").use_lockfile(true);
/// assert_eq!(b.backend_type(), "s3");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    backend_type: String,
    body: Body,
}

impl Backend {
    /// Any backend type with its attributes set through [`Backend::attr`].
    pub fn new(backend_type: impl Into<String>) -> Self {
        Self {
            backend_type: backend_type.into(),
            body: Body::new(),
        }
    }
    /// The `s3` backend.
    pub fn s3(bucket: &str, key: &str, region: &str) -> Self {
        Self::new("s3")
            .attr("bucket", bucket)
            .attr("key", key)
            .attr("region", region)
            .attr("encrypt", true)
    }
    /// `use_lockfile` (S3-native state locking) of the `s3` backend.
    #[must_use]
    pub fn use_lockfile(self, yes: bool) -> Self {
        self.attr("use_lockfile", yes)
    }
    /// `dynamodb_table` (legacy state locking) of the `s3` backend.
    #[must_use]
    pub fn dynamodb_table(self, table: &str) -> Self {
        self.attr("dynamodb_table", table)
    }
    /// The `local` backend writing state to `path`.
    pub fn local(path: &str) -> Self {
        Self::new("local").attr("path", path)
    }
    /// The `remote` backend (HCP Terraform / Terraform Enterprise) for one workspace.
    pub fn remote(hostname: &str, organization: &str, workspace: &str) -> Self {
        let mut b = Self::new("remote")
            .attr("hostname", hostname)
            .attr("organization", organization);
        b.body = b
            .body
            .block("workspaces", Body::new().attr("name", workspace));
        b
    }
    /// Sets an attribute.
    #[must_use]
    pub fn attr(mut self, name: &str, value: impl IntoAny) -> Self {
        self.body.set(name.to_owned(), value);
        self
    }
    /// The backend type.
    pub fn backend_type(&self) -> &str {
        &self.backend_type
    }
    /// The backend's body.
    pub fn body(&self) -> &Body {
        &self.body
    }
}

/// The `cloud` block (HCP Terraform).
#[derive(Debug, Clone, PartialEq)]
pub struct Cloud {
    pub(crate) body: Body,
}

impl Cloud {
    /// `cloud { organization = ...; workspaces { name = ... } }`
    pub fn new(organization: &str, workspace: &str) -> Self {
        Self {
            body: Body::new()
                .attr("organization", organization)
                .block("workspaces", Body::new().attr("name", workspace)),
        }
    }
    /// `cloud { organization = ...; workspaces { tags = [...] } }`
    pub fn with_tags(organization: &str, tags: &[&str]) -> Self {
        Self {
            body: Body::new()
                .attr("organization", organization)
                .block("workspaces", Body::new().attr("tags", tags.to_vec())),
        }
    }
    /// Sets another attribute (`hostname`, `project`, ...).
    #[must_use]
    pub fn attr(mut self, name: &str, value: impl IntoAny) -> Self {
        self.body.set(name.to_owned(), value);
        self
    }
}

/// The `terraform` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// `required_version`
    pub required_version: Option<String>,
    /// `required_providers`, by local name.
    pub required_providers: IndexMap<String, ProviderRequirement>,
    /// `backend`
    pub backend: Option<Backend>,
    /// `cloud`
    pub cloud: Option<Cloud>,
    /// `provider_meta "NAME" { ... }`, by provider local name: metadata a provider receives
    /// from this module (module attribution). Literal values only.
    pub provider_meta: IndexMap<String, Body>,
}

impl Settings {
    /// True when nothing is set (no `terraform` block is written).
    pub fn is_empty(&self) -> bool {
        self.required_version.is_none()
            && self.required_providers.is_empty()
            && self.backend.is_none()
            && self.cloud.is_none()
            && self.provider_meta.is_empty()
    }

    /// `provider_meta "NAME" { ... }`: metadata for the provider `name` (module attribution,
    /// `module_name = "my-module"` for `hashicorp/google`). Values must be literals (Terraform
    /// reads the block before anything is evaluated); validation reports any other. Only a
    /// provider that declares a `provider_meta` schema accepts the block: `hashicorp/aws` and
    /// `hashicorp/tls` declare none, and `terraform plan` refuses it for them ("doesn't
    /// support provider_meta"), which tfsynth, knowing no provider, cannot check.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, Body};
    /// let mut stack = Stack::new();
    /// stack.settings_mut().provider_meta("google", Body::new().attr("module_name", "blueprints/net/v1.0"));
    /// assert!(stack.synth().unwrap().contains(r#""provider_meta": {"#));
    /// ```
    pub fn provider_meta(&mut self, name: &str, body: Body) -> &mut Self {
        self.provider_meta.insert(name.to_owned(), body);
        self
    }
}

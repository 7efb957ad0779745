//! `provider` blocks.

use crate::body::Body;
use crate::expr::IntoAny;

/// A provider configuration: generated provider structs implement this.
pub trait ProviderBlock {
    /// The provider's local name (`aws`).
    fn provider_name(&self) -> &str;
    /// The registry source (`hashicorp/aws`), added to `required_providers`.
    fn source(&self) -> Option<&str> {
        None
    }
    /// The version constraint added to `required_providers`.
    fn version_constraint(&self) -> Option<&str> {
        None
    }
    /// The alias, if this is an additional configuration.
    fn alias(&self) -> Option<&str>;
    /// The configuration body (without `alias`).
    fn into_body(self) -> Body;
}

/// An untyped provider configuration.
///
/// # Example
/// ```
/// use tfsynth::{prelude::*, RawProvider};
/// let mut stack = Stack::new();
/// let east = stack.provider(RawProvider::new("aws").alias("east").attr("region", "us-east-1"));
/// assert_eq!(east.to_string(), "aws.east");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RawProvider {
    name: String,
    source: Option<String>,
    version: Option<String>,
    alias: Option<String>,
    body: Body,
}

impl RawProvider {
    /// A configuration of the provider with local name `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            source: None,
            version: None,
            alias: None,
            body: Body::new(),
        }
    }
    /// Adds `required_providers.NAME = { source, version }`.
    #[must_use]
    pub fn requirement(mut self, source: &str, version: &str) -> Self {
        self.source = Some(source.to_owned());
        self.version = Some(version.to_owned());
        self
    }
    /// `alias`
    #[must_use]
    pub fn alias(mut self, alias: &str) -> Self {
        self.alias = Some(alias.to_owned());
        self
    }
    /// Sets an attribute.
    #[must_use]
    pub fn attr(mut self, name: &str, value: impl IntoAny) -> Self {
        self.body.set(name.to_owned(), value);
        self
    }
    /// Sets a nested block.
    #[must_use]
    pub fn block(mut self, name: &str, body: Body) -> Self {
        self.body = self.body.block(name.to_owned(), body);
        self
    }
}

impl ProviderBlock for RawProvider {
    fn provider_name(&self) -> &str {
        &self.name
    }
    fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }
    fn version_constraint(&self) -> Option<&str> {
        self.version.as_deref()
    }
    fn alias(&self) -> Option<&str> {
        self.alias.as_deref()
    }
    fn into_body(self) -> Body {
        self.body
    }
}

//! Validation errors. A synth reports all of them together.

use std::fmt;

/// One problem found in a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A name that Terraform does not accept as an identifier.
    InvalidIdentifier {
        /// What was being named (`resource`, `variable`, `scope`, ...).
        kind: &'static str,
        /// The name received.
        name: String,
        /// Where in the construct tree.
        path: String,
    },
    /// Two declarations with the same address.
    Duplicate {
        /// The address declared twice.
        address: String,
        /// Construct path of the first declaration.
        first: String,
        /// Construct path of the second declaration.
        second: String,
    },
    /// A reference to something the stack does not declare.
    UndeclaredReference {
        /// The reference (`aws_vpc.nope`, `var.x`).
        reference: String,
        /// The address of the block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A reference to an output a module call does not declare ([`crate::Module::outputs`]).
    UnknownModuleOutput {
        /// `module.net`
        module: String,
        /// The output named.
        output: String,
        /// The outputs the module declares.
        known: Vec<String>,
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A feature that needs a newer Terraform than `required_version` allows.
    NeedsNewerTerraform {
        /// The feature (`import with for_each`).
        feature: String,
        /// The Terraform version it needs (`1.7`).
        needs: String,
        /// The `required_version` constraint.
        required_version: String,
        /// Where it is used.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A handle from [`crate::Declare::forward`] that was never declared.
    UnfilledForward {
        /// The address reserved.
        address: String,
        /// Where it was reserved.
        path: String,
    },
    /// `count.index` in a block without `count`.
    CountIndexWithoutCount {
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// `each.key` / `each.value` in a block without `for_each`.
    EachWithoutForEach {
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// `self` outside a `postcondition`.
    SelfOutsidePostcondition {
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// An attribute of a `count`/`for_each` block reached without an instance key.
    MissingInstanceKey {
        /// The reference (`aws_subnet.x.id`).
        reference: String,
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A `provider` meta-argument naming a configuration the stack does not declare, or one
    /// of another provider.
    UnknownProvider {
        /// `aws.east`
        provider: String,
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A variable default that is not a literal.
    NonLiteralDefault {
        /// The variable.
        variable: String,
        /// Its construct path.
        path: String,
    },
    /// A value Terraform cannot represent (e.g. a non-finite number).
    InvalidValue {
        /// What is wrong.
        message: String,
        /// The block that holds it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A malformed address in `moved`, `removed` or `depends_on`.
    InvalidAddress {
        /// The address received.
        address: String,
        /// Where it was given.
        used_in: String,
    },
    /// A `moved` or `removed` block whose `from` the stack still declares.
    StillDeclared {
        /// The address.
        address: String,
        /// `a moved block` or `a removed block`.
        used_in: String,
    },
    /// A `for` or `dynamic` iterator symbol used outside the expression or block binding it
    /// (or the key of a `for` that binds only values).
    UnboundSymbol {
        /// The symbol.
        symbol: String,
        /// The block that uses it.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A [`crate::Stack::file`] name that would be written outside the output directory, over
    /// the stack's own output, or twice.
    InvalidFileName {
        /// The name received.
        name: String,
        /// Why it is refused and what to write instead.
        reason: String,
    },
    /// References that form a cycle. The message names the first links of a long cycle and
    /// counts the others; the field holds them all.
    Cycle {
        /// The addresses on the cycle, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// Expressions and nested blocks nested deeper than [`crate::expr::MAX_DEPTH`] levels.
    TooDeep {
        /// The block that holds them.
        used_in: String,
        /// Its construct path.
        path: String,
        /// The limit.
        limit: usize,
    },
    /// A name Terraform reserves (a variable called `count`, ...).
    ReservedName {
        /// What is named (`variable`).
        kind: &'static str,
        /// The name received.
        name: String,
        /// Its construct path.
        path: String,
    },
    /// An attribute, nested block or module input named like a meta-argument or block that
    /// Terraform reserves (`count`, `depends_on`, `lifecycle`, `source`, ...).
    MetaArgumentName {
        /// What carries the name (`attribute`, `nested block`, `dynamic block`, `module input`).
        kind: &'static str,
        /// The name.
        name: String,
        /// The block that holds it.
        used_in: String,
        /// Its construct path.
        path: String,
        /// What to do instead.
        fix: &'static str,
    },
    /// A module `source` or `version` Terraform refuses.
    InvalidModuleSource {
        /// The source received.
        source: String,
        /// The module call.
        used_in: String,
        /// Its construct path.
        path: String,
        /// What is wrong and the fix.
        reason: String,
    },
    /// A version constraint that does not parse.
    InvalidVersionConstraint {
        /// The constraint received.
        constraint: String,
        /// Where (`required_version`, `required_providers.aws`, `module.net`).
        used_in: String,
        /// What is wrong.
        reason: String,
    },
    /// A provider source address that does not parse.
    InvalidProviderSource {
        /// The source received.
        source: String,
        /// The provider's local name.
        provider: String,
        /// What is wrong.
        reason: String,
    },
    /// A function call whose name is not a function name.
    InvalidFunctionName {
        /// The name received.
        name: String,
        /// The block that holds the call.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A `precondition`, `postcondition`, `check` assertion or variable `validation` whose
    /// condition refers to nothing (or, for a validation, not to its variable).
    ConditionWithoutReference {
        /// `precondition`, `postcondition`, `assert`, `validation`.
        kind: &'static str,
        /// The block that holds it.
        used_in: String,
        /// Its construct path.
        path: String,
        /// What the condition must refer to: `var.NAME` for a validation, empty for any
        /// object.
        must_refer_to: String,
    },
    /// A literal `count` that is not a whole number of zero or more.
    InvalidCount {
        /// The value received.
        value: String,
        /// The block.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// A `for_each` over a literal that is not a map or a set (a list or tuple, a string...).
    InvalidForEach {
        /// What was given (`a list`, `a string`, ...).
        given: &'static str,
        /// The block.
        used_in: String,
        /// Its construct path.
        path: String,
    },
    /// An output that is not marked sensitive while its value is ([`crate::Stack::is_sensitive`]):
    /// Terraform refuses it ("Output refers to sensitive values").
    SensitiveOutput {
        /// The output (`output.url`).
        output: String,
        /// What makes the value sensitive: `var.password`, `sensitive(...)`,
        /// `local.url (sensitive through var.password)`.
        source: String,
        /// Its construct path.
        path: String,
    },
    /// A literal value the provider refuses at plan, found with the rules of the block's
    /// type ([`crate::provider_rules`]).
    ProviderRule {
        /// The block (`aws_lambda_function.fn`).
        address: String,
        /// Its construct path.
        path: String,
        /// The argument, through nested blocks (`runtime`, `vpc_config.subnet_ids`,
        /// `ingress[1].from_port`).
        argument: String,
        /// What the provider says, with what is allowed.
        message: String,
    },
    /// An `import` block in a stack made into a module ([`crate::Stack::into_module`]):
    /// Terraform allows import blocks only in the root module.
    ImportInModule {
        /// The import's `to` address.
        to: String,
        /// Its construct path.
        path: String,
    },
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (at {path})")
    }
}

/// The links of a cycle a message names before it counts the rest.
const CYCLE_LINKS_SHOWN: usize = 10;

/// `a -> b -> a`; a long cycle names its first [`CYCLE_LINKS_SHOWN`] links and counts the
/// others (`local.a -> local.b -> ... (99,990 more) -> local.a`), so that the message of a
/// 100,000-link cycle stays one line.
fn write_cycle(cycle: &[String], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    // The first address is repeated at the end.
    let links = cycle.len().saturating_sub(1);
    if links <= CYCLE_LINKS_SHOWN + 2 {
        return f.write_str(&cycle.join(" -> "));
    }
    for address in &cycle[..CYCLE_LINKS_SHOWN] {
        write!(f, "{address} -> ")?;
    }
    write!(
        f,
        "... ({} more) -> {}",
        thousands(links - CYCLE_LINKS_SHOWN),
        cycle[cycle.len() - 1]
    )
}

/// `99990` as `99,990`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidIdentifier { kind, name, path } => write!(
                f,
                "invalid {kind} name {name:?}{}: a Terraform identifier starts with a letter or \
                 underscore and continues with letters, digits, underscores or dashes \
                 (^[A-Za-z_][A-Za-z0-9_-]*$)",
                at(path)
            ),
            Self::Duplicate {
                address,
                first,
                second,
            } => write!(
                f,
                "duplicate address {address}: declared at {} and again at {}; give one of them \
                 another name",
                if first.is_empty() { "<root>" } else { first },
                if second.is_empty() { "<root>" } else { second },
            ),
            Self::UndeclaredReference {
                reference,
                used_in,
                path,
            } => write!(
                f,
                "reference to undeclared {reference} in {used_in}{}: declare it in the stack or \
                 fix the reference",
                at(path)
            ),
            Self::UnknownModuleOutput {
                module,
                output,
                known,
                used_in,
                path,
            } => write!(
                f,
                "{module} has no output {output:?}, used in {used_in}{}: its outputs are {}; fix \
                 the name or add the output to Module::outputs",
                at(path),
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ),
            Self::NeedsNewerTerraform {
                feature,
                needs,
                required_version,
                used_in,
                path,
            } => write!(
                f,
                "{feature} in {used_in}{} needs Terraform {needs} or newer, but required_version \
                 {required_version:?} allows older versions: raise it to \">= {needs}\" or drop \
                 the feature",
                at(path)
            ),
            Self::UnfilledForward { address, path } => write!(
                f,
                "{address} was reserved with a forward handle{} but never declared: declare it \
                 with the Declare::fill, fill_data or fill_module that matches the Declare::forward, \
                 forward_data or forward_module it came from, or drop the forward handle and the \
                 references to it",
                at(path)
            ),
            Self::CountIndexWithoutCount { used_in, path } => write!(
                f,
                "count.index used in {used_in}{}, which does not set count: set count on the \
                 block or remove the reference",
                at(path)
            ),
            Self::EachWithoutForEach { used_in, path } => write!(
                f,
                "each.key/each.value used in {used_in}{}, which does not set for_each: set \
                 for_each on the block or remove the reference",
                at(path)
            ),
            Self::SelfOutsidePostcondition { used_in, path } => write!(
                f,
                "self used in {used_in}{} outside a postcondition: refer to the block by its \
                 handle instead",
                at(path)
            ),
            Self::MissingInstanceKey {
                reference,
                used_in,
                path,
            } => write!(
                f,
                "missing instance key in {reference} (used in {used_in}{}): the block sets \
                 count or for_each, so pick an instance with .at(i)/.key(k) or all of them with \
                 .splat(...)",
                at(path)
            ),
            Self::UnknownProvider {
                provider,
                used_in,
                path,
            } => write!(
                f,
                "provider {provider} used by {used_in}{} is not configured for this type: \
                 declare it with stack.provider(...) and pass that handle",
                at(path)
            ),
            Self::NonLiteralDefault { variable, path } => write!(
                f,
                "default of var.{variable}{} is not a literal: Terraform evaluates variable \
                 defaults without references or function calls; use a literal or a local",
                at(path)
            ),
            Self::InvalidValue {
                message,
                used_in,
                path,
            } => write!(f, "{message} (in {used_in}{})", at(path)),
            Self::InvalidAddress { address, used_in } => write!(
                f,
                "invalid address {address:?} in {used_in}: expected TYPE.NAME, data.TYPE.NAME \
                 or module.NAME"
            ),
            Self::StillDeclared { address, used_in } => write!(
                f,
                "{used_in} has from = {address}, which the stack still declares: Terraform \
                 refuses it; remove the declaration, or the block if the address did not go away"
            ),
            Self::UnboundSymbol {
                symbol,
                used_in,
                path,
            } => write!(
                f,
                "symbol {symbol:?} used in {used_in}{} is not bound there: use it only inside \
                 the for expression or dynamic block that binds it (a for over values only, \
                 For::values, binds no key: use For::entries)",
                at(path)
            ),
            Self::InvalidFileName { name, reason } => {
                write!(f, "invalid file name {name:?} in stack.file(...): {reason}")
            }
            Self::Cycle { cycle } => {
                f.write_str("dependency cycle: ")?;
                write_cycle(cycle, f)?;
                f.write_str("; break it by removing one of these references or depends_on")
            }
            Self::TooDeep {
                used_in,
                path,
                limit,
            } => write!(
                f,
                "{used_in}{} nests expressions, types or blocks more than {limit} levels deep, \
                 which tfsynth refuses: build the value in steps, through locals, instead of \
                 nesting it",
                at(path)
            ),
            Self::ReservedName { kind, name, path } => write!(
                f,
                "{kind} name {name:?}{} is reserved by Terraform (count, depends_on, for_each, \
                 lifecycle, locals, providers, source and version are module call arguments): \
                 rename the {kind}",
                at(path)
            ),
            Self::MetaArgumentName {
                kind,
                name,
                used_in,
                path,
                fix,
            } => write!(
                f,
                "{kind} {name:?} in {used_in}{} is a name Terraform reserves for a \
                 meta-argument or block: {fix}",
                at(path)
            ),
            Self::InvalidModuleSource {
                source,
                used_in,
                path,
                reason,
            } => write!(f, "{used_in}{} has source {source:?}: {reason}", at(path)),
            Self::InvalidVersionConstraint {
                constraint,
                used_in,
                reason,
            } => write!(
                f,
                "invalid version constraint {constraint:?} in {used_in}: {reason}; write \
                 comma-separated constraints such as \">= 1.2.0, < 2.0.0\" or \"~> 6.0\" \
                 (operators =, !=, >, >=, <, <=, ~>)"
            ),
            Self::InvalidProviderSource {
                source,
                provider,
                reason,
            } => write!(
                f,
                "invalid source {source:?} for provider {provider}: {reason}; write \
                 [HOSTNAME/]NAMESPACE/TYPE, such as \"hashicorp/aws\""
            ),
            Self::InvalidFunctionName {
                name,
                used_in,
                path,
            } => write!(
                f,
                "call of {name:?} in {used_in}{}: not a function name; use a Terraform \
                 function (an identifier such as \"upper\") or a provider function \
                 (\"provider::NAME::FUNCTION\")",
                at(path)
            ),
            Self::ConditionWithoutReference {
                kind,
                used_in,
                path,
                must_refer_to,
            } => {
                let a = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                if must_refer_to.is_empty() {
                    write!(
                        f,
                        "the condition of {a} {kind} in {used_in}{} refers to nothing, so \
                         Terraform rejects it (it would check nothing): make it test a \
                         variable, local, resource, data source, module output, path, count, \
                         each or self",
                        at(path)
                    )
                } else {
                    write!(
                        f,
                        "the condition of {a} {kind} in {used_in}{} does not refer to \
                         {must_refer_to}, so Terraform rejects it (a validation tests its \
                         variable): make it test {must_refer_to}",
                        at(path)
                    )
                }
            }
            Self::InvalidCount {
                value,
                used_in,
                path,
            } => write!(
                f,
                "count = {value} in {used_in}{}: Terraform needs a whole number of zero or \
                 more",
                at(path)
            ),
            Self::InvalidForEach {
                given,
                used_in,
                path,
            } => write!(
                f,
                "for_each over {given} in {used_in}{}: Terraform needs a map or a set of \
                 strings; wrap a list in functions::toset(...) or give a map",
                at(path)
            ),
            Self::SensitiveOutput {
                output,
                source,
                path,
            } => write!(
                f,
                "{output}{} is not marked sensitive but its value is, through {source}, so \
                 Terraform refuses it (\"Output refers to sensitive values\"): mark the output \
                 with Output::sensitive(true), or wrap the value in functions::nonsensitive(...) \
                 if it may be shown",
                at(path)
            ),
            Self::ProviderRule {
                address,
                path,
                argument,
                message,
            } => write!(f, "{address}{}: {argument}: {message}", at(path)),
            Self::ImportInModule { to, path } => write!(
                f,
                "import block for {to}{} cannot go into a module: Terraform allows import \
                 blocks only in the root module; import in the root configuration that calls \
                 the module (to = module.NAME.{to}) and leave it out of the module",
                at(path)
            ),
        }
    }
}

impl std::error::Error for Error {}

/// All the problems a synth found, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// The errors.
    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.0.iter()
    }
    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} error{}:", if n == 1 { "" } else { "s" })?;
        for e in &self.0 {
            write!(f, "\n  - {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Something Terraform accepts that is probably not what was meant. [`crate::Stack::warnings`]
/// lists them; they never stop a synth.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A block without `provider` whose provider has only aliased configurations: Terraform
    /// gives it an empty default configuration (no region, no credentials) instead.
    DefaultProviderFallback {
        /// The block (`aws_s3_bucket.logs`).
        address: String,
        /// Its construct path.
        path: String,
        /// The provider's local name (`aws`).
        provider: String,
        /// The configurations declared (`aws.east`, `aws.west`).
        configured: Vec<String>,
    },
    /// A literal string containing `${` or `%{`, written as text (`$${`): in HCL it would have
    /// been an interpolation. Opt-in, see [`crate::Stack::warn_literal_interpolations`].
    LiteralInterpolation {
        /// The text.
        text: String,
        /// Where it is used.
        used_in: String,
        /// Its construct path.
        path: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DefaultProviderFallback {
                address,
                path,
                provider,
                configured,
            } => write!(
                f,
                "{address}{} sets no provider and {provider} has only aliased configurations \
                 ({}): Terraform gives it an empty default {provider} configuration; set \
                 .provider(..) on it, or Declare::use_provider on its scope",
                at(path),
                configured.join(", ")
            ),
            Self::LiteralInterpolation {
                text,
                used_in,
                path,
            } => write!(
                f,
                "literal string {text:?} in {used_in}{} contains an interpolation sequence and is \
                 written as text; build the expression with template!(..) and handles, or keep \
                 it as text and turn this warning off",
                at(path)
            ),
        }
    }
}

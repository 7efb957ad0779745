//! Typed bindings of the tls provider.

//! Hand-written conveniences on the generated types (inherent impls; never in `gen/`).

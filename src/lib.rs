//! lambdabox: a self-hosted, single-binary Functions-as-a-Service appliance.

pub mod runtime;

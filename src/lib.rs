//! lambdabox: a self-hosted, single-binary Functions-as-a-Service appliance.

pub mod egress;
pub mod runtime;

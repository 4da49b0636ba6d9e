//! Engine checks for lambdabox's patched QuickJS: the pieces of the test262 runner
//! (`src/bin/test262.rs`) that deserve unit tests (front matter, skip list, baseline), and the
//! program generator of the fuzzer (`src/bin/engine_fuzz.rs`).

pub mod baseline;
pub mod front_matter;
pub mod generator;
pub mod skip;

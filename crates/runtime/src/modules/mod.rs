//! `require()`: the fixed set of modules a lambda may load. Bundled JS (vendored npm
//! packages and our own wrappers) is compiled to bytecode once at sandbox start; native
//! helpers (hashing, HMAC, keys, signatures, ciphers, JWT, encodings) are Rust functions on
//! a `natives` object that only the modules which need them receive (the prelude's `GRANTS`
//! table, prelude-extras.js).

use super::bytecode;
use super::compile::{CompileError, compile_source};
use super::state::HostState;
use rquickjs::{Ctx, Exception, Function, Object, Result};
use std::collections::HashMap;

mod ciphers;
mod helpers;
mod keys;
mod sign;

/// Module name → JS source, wrapped as `(function (module, exports, require, natives, op) {…})`.
/// `lambdabox:*` modules are internals behind globals (Buffer, URL, TextEncoder, fetch) and
/// the part of the prelude set up on first use (`lambdabox:runtime`).
const SOURCES: &[(&str, &[&str])] = &[
    ("lp-faas-toolbelt", &[include_str!("js/toolbelt.js")]),
    (
        "crypto",
        &[
            include_str!("js/crypto/base.js"),
            include_str!("js/crypto/keys.js"),
            include_str!("js/crypto/ciphers.js"),
            include_str!("js/crypto/subtle.js"),
            include_str!("js/crypto/exports.js"),
        ],
    ),
    ("jsonwebtoken", &[include_str!("js/jsonwebtoken.js")]),
    ("lodash", &[include_str!("vendor/lodash/lodash.min.js")]),
    ("luxon", &[include_str!("js/intl-shim.js"), include_str!("vendor/luxon/luxon.js")]),
    ("oauth-1.0a", &[include_str!("vendor/oauth-1.0a/oauth-1.0a.js")]),
    ("lambdabox:buffer", &[include_str!("js/buffer.js")]),
    ("lambdabox:url", &[include_str!("js/url.js")]),
    ("lambdabox:encoding", &[include_str!("js/encoding.js")]),
    ("lambdabox:fetch", &[include_str!("js/fetch.js")]),
    ("lambdabox:runtime", &[include_str!("../js/prelude-extras.js")]),
];

/// The prelude's lazily loaded part: loadable once per context (by the prelude, first).
const RUNTIME_MODULE: &str = "lambdabox:runtime";

/// Bytecode of every bundled module, compiled once per sandbox.
#[derive(Debug, Default)]
pub(crate) struct Bundles {
    bytecode: HashMap<&'static str, Vec<u8>>,
}

impl Bundles {
    /// Compiles every bundled module.
    pub(crate) fn compile() -> std::result::Result<Self, CompileError> {
        let mut bytecode = HashMap::new();
        for (name, parts) in SOURCES {
            let source = parts.join("\n");
            let wrapped = format!("(function (module, exports, require, natives, op) {{{source}\n}})");
            bytecode.insert(*name, compile_source(&wrapped, &format!("{name}.js"), false)?);
        }
        Ok(Self { bytecode })
    }
}

/// Returns the factory function of module `name`, or throws "module X is not available".
pub(crate) fn load<'js>(ctx: &Ctx<'js>, state: &HostState, name: &str) -> Result<Function<'js>> {
    let refused = name == RUNTIME_MODULE && !state.first_runtime_module_load();
    let Some(code) = state.shared.bundles.bytecode.get(name).filter(|_| !refused) else {
        return Err(Exception::throw_message(ctx, &format!("module {name} is not available")));
    };
    bytecode::run_script(ctx, code)?.get()
}

/// The native helpers of the bundled modules, as a frozen object without prototype.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>) -> Result<Object<'js>> {
    helpers::make(ctx)
}

//! `require()`: the fixed set of modules a lambda may load. Bundled JS (vendored npm
//! packages and our own wrappers) is compiled to bytecode once per sandbox, on first use (the
//! server checks at start that every module compiles); native helpers (hashing, HMAC, keys,
//! signatures, ciphers, JWT, encodings) are Rust functions on a `natives` object that only the
//! modules which need them receive (the prelude's `GRANTS` table, prelude-extras.js).

use super::bytecode;
use super::compile::{CompileError, compile_source};
use super::state::HostState;
use rquickjs::{Ctx, Exception, Function, Object, Result};
use std::sync::OnceLock;

mod ciphers;
mod helpers;
mod intl;
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
    ("luxon", &[include_str!("vendor/luxon/luxon.js")]),
    ("oauth-1.0a", &[include_str!("vendor/oauth-1.0a/oauth-1.0a.js")]),
    // Node's built-ins: browserify's ports from npm (vendor/<name>, rebuilt by
    // tools/node-builtins) and our own http, https and timers.
    ("assert", &[include_str!("vendor/assert/assert.js")]),
    (
        "buffer",
        &[
            include_str!("js/buffer-globals.js"),
            include_str!("vendor/buffer/buffer.js"),
            include_str!("js/node-buffer.js"),
        ],
    ),
    ("events", &[include_str!("vendor/events/events.js")]),
    ("http", &["module.exports = require('lambdabox:http')('http:');"]),
    ("https", &["module.exports = require('lambdabox:http')('https:');"]),
    ("path", &[include_str!("vendor/path/path.js")]),
    ("querystring", &[include_str!("vendor/querystring/querystring.js"), include_str!("js/node-querystring.js")]),
    ("string_decoder", &[include_str!("vendor/string_decoder/string_decoder.js")]),
    ("timers", &[include_str!("js/timers.js")]),
    ("timers/promises", &["module.exports = require('timers').promises;"]),
    ("url", &[include_str!("vendor/url/url.js"), include_str!("js/node-url.js")]),
    ("util", &[include_str!("vendor/util/util.js")]),
    ("lambdabox:base64", &[include_str!("js/base64.js")]),
    ("lambdabox:buffer", &[include_str!("js/buffer.js")]),
    ("lambdabox:http", &[include_str!("js/http.js")]),
    ("lambdabox:url", &[include_str!("js/url.js")]),
    ("lambdabox:toolbelt-more", &[include_str!("js/toolbelt-more.js")]),
    ("lambdabox:encoding", &[include_str!("js/encoding.js")]),
    ("lambdabox:fetch", &[include_str!("js/fetch.js")]),
    ("lambdabox:intl", &[include_str!("js/intl.js")]),
    ("lambdabox:runtime", &[include_str!("../js/prelude-extras.js")]),
];

/// The prelude's lazily loaded part: loadable once per context (by the prelude, first).
const RUNTIME_MODULE: &str = "lambdabox:runtime";

/// Bytecode of the bundled modules, each compiled once per sandbox when first loaded: a
/// process that runs one lambda (`lambdabox invoke --local`) or a worker that never sees a
/// lambda load luxon does not spend the time compiling it.
#[derive(Debug)]
pub(crate) struct Bundles {
    /// By the index of the module in [`SOURCES`]; `None` for a module that did not compile.
    bytecode: Vec<OnceLock<Option<Vec<u8>>>>,
}

impl Bundles {
    /// Nothing compiled yet.
    pub(crate) fn lazy() -> Self {
        Self { bytecode: SOURCES.iter().map(|_| OnceLock::new()).collect() }
    }

    /// Compiles every bundled module now (the server's check at start).
    pub(crate) fn compile() -> std::result::Result<Self, CompileError> {
        let bundles = Self::lazy();
        for (index, (name, parts)) in SOURCES.iter().enumerate() {
            let code = compile_module(name, parts)?;
            if let Some(slot) = bundles.bytecode.get(index) {
                let _ = slot.set(Some(code));
            }
        }
        Ok(bundles)
    }

    /// The bytecode of module `name`, compiled now if this is its first use.
    fn get(&self, name: &str) -> Option<&[u8]> {
        let index = SOURCES.iter().position(|(known, _)| *known == name)?;
        let (_, parts) = SOURCES.get(index)?;
        let code = self.bytecode.get(index)?.get_or_init(|| match compile_module(name, parts) {
            Ok(code) => Some(code),
            Err(e) => {
                tracing::error!(module = name, error = %e, "a bundled module does not compile");
                None
            }
        });
        code.as_deref()
    }
}

fn compile_module(name: &str, parts: &[&str]) -> std::result::Result<Vec<u8>, CompileError> {
    let source = parts.join("\n");
    let wrapped = format!("(function (module, exports, require, natives, op) {{{source}\n}})");
    compile_source(&wrapped, &format!("{name}.js"), false)
}

/// Returns the factory function of module `name`, or throws "module X is not available".
pub(crate) fn load<'js>(ctx: &Ctx<'js>, state: &HostState, name: &str) -> Result<Function<'js>> {
    let refused = name == RUNTIME_MODULE && !state.first_runtime_module_load();
    let Some(code) = state.shared.bundles.get(name).filter(|_| !refused) else {
        return Err(Exception::throw_message(ctx, &format!("module {name} is not available")));
    };
    bytecode::run_script(ctx, code)?.get()
}

/// The native helpers of the bundled modules, as a frozen object without prototype.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>) -> Result<Object<'js>> {
    helpers::make(ctx)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests fail loudly

    /// Sandboxes compile modules on first use; the server checks them all at start with this.
    #[test]
    fn every_bundled_module_compiles() {
        super::Bundles::compile().unwrap();
    }
}

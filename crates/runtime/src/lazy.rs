//! Intrinsic families and globals installed on first use. A fresh context starts without the
//! typed-array family (ArrayBuffer, Uint8Array, DataView, Atomics, ...), the Map/Set family,
//! Date and RegExp: creating them is close to half of a context's cost and many lambdas
//! never touch them. A regular expression literal or `String.prototype.match` installs RegExp
//! by itself. Their global names are auto-init properties (the engine's patch series, see
//! vendor/rquickjs-sys/LAMBDABOX.md): the first access of any of them installs the whole
//! family, and lambda code sees ordinary globals. The engine's generic lazy globals serve the
//! prelude's globals the same way: the names below are defined on the global object, and the
//! first access of one calls the prelude's `lazyGlobal(name)` (registered with `set_handler`).
#![allow(unsafe_code)]

use rquickjs::{Ctx, Error, Function, Result, qjs};
use std::ffi::{CStr, c_char, c_int};

unsafe extern "C" {
    fn JS_AddLazyIntrinsics(ctx: *mut qjs::JSContext) -> c_int;
    fn JS_EnsureLazyIntrinsic(ctx: *mut qjs::JSContext, family: c_int) -> c_int;
    fn JS_DefineLazyGlobals(ctx: *mut qjs::JSContext, names: *const *const c_char, count: c_int, flags: c_int)
    -> c_int;
    fn JS_SetLazyGlobalHandler(ctx: *mut qjs::JSContext, handler: qjs::JSValue) -> c_int;
    fn JS_SetLocaleHandler(ctx: *mut qjs::JSContext, handler: qjs::JSValue) -> c_int;
}

/// The engine's family number of the typed arrays (`JS_LAZY_TYPED_ARRAYS`).
const JS_LAZY_TYPED_ARRAYS: c_int = 0;

/// Globals the prelude makes on first use from bundled modules (the `LAZY` table of
/// js/prelude-extras.js must list the same names).
const MODULE_GLOBALS: [&CStr; 12] = [
    c"Buffer",
    c"atob",
    c"btoa",
    c"TextEncoder",
    c"TextDecoder",
    c"URL",
    c"URLSearchParams",
    c"fetch",
    c"Headers",
    c"Request",
    c"Response",
    c"Intl",
];

/// Globals the prelude makes on first use that are enumerable, as in Node: the timers (the
/// `TIMERS` table of js/prelude-extras.js), `process` (there too) and `console` (made by the
/// core prelude, js/prelude.js).
const ENUMERABLE_GLOBALS: [&CStr; 8] = [
    c"setTimeout",
    c"setInterval",
    c"setImmediate",
    c"clearTimeout",
    c"clearInterval",
    c"clearImmediate",
    c"process",
    c"console",
];

fn status(code: c_int) -> Result<()> {
    if code < 0 { Err(Error::Exception) } else { Ok(()) }
}

fn define<const N: usize>(ctx: &Ctx<'_>, names: &[&CStr; N], flags: u32) -> Result<()> {
    let pointers: [*const c_char; N] = names.map(CStr::as_ptr);
    // SAFETY: a live context on this thread; `pointers` holds N NUL-terminated names that
    // outlive the call (the engine copies what it keeps).
    status(unsafe { JS_DefineLazyGlobals(ctx.as_raw().as_ptr(), pointers.as_ptr(), N as c_int, flags as c_int) })
}

/// Puts the lazy families' globals and the prelude's lazy globals on a context created
/// without them.
pub(crate) fn add(ctx: &Ctx<'_>) -> Result<()> {
    // SAFETY: a live context on this thread, created without the typed-array, Map/Set, Date
    // and RegExp intrinsics; called once, before any script runs in it.
    status(unsafe { JS_AddLazyIntrinsics(ctx.as_raw().as_ptr()) })?;
    define(ctx, &MODULE_GLOBALS, qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE)?;
    define(ctx, &ENUMERABLE_GLOBALS, qjs::JS_PROP_C_W_E)
}

/// Makes `handler` (the prelude's `lazyGlobal`) the function that gives a lazy global its
/// value on first access.
pub(crate) fn set_handler(ctx: &Ctx<'_>, handler: &Function<'_>) -> Result<()> {
    // SAFETY: a live context on this thread and a function of that context; the engine takes
    // its own reference.
    status(unsafe { JS_SetLazyGlobalHandler(ctx.as_raw().as_ptr(), handler.as_raw()) })
}

/// Makes `handler` (the prelude's entry) the function that does the work of the
/// locale-sensitive built-ins (`Date.prototype.toLocaleString`, `Number.prototype.toLocaleString`,
/// `String.prototype.localeCompare`…) when lambda code calls one: the prelude hands the call
/// to `Intl`, which is made then (the engine's patch 0015).
pub(crate) fn set_locale_handler(ctx: &Ctx<'_>, handler: &Function<'_>) -> Result<()> {
    // SAFETY: a live context on this thread and a function of that context; the engine takes
    // its own reference.
    status(unsafe { JS_SetLocaleHandler(ctx.as_raw().as_ptr(), handler.as_raw()) })
}

/// Installs the typed-array family now, for host code that creates typed arrays itself (a
/// no-op once installed).
pub(crate) fn ensure_typed_arrays(ctx: &Ctx<'_>) -> Result<()> {
    // SAFETY: a live context on this thread that `add` was called on.
    status(unsafe { JS_EnsureLazyIntrinsic(ctx.as_raw().as_ptr(), JS_LAZY_TYPED_ARRAYS) })
}

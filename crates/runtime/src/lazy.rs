//! Intrinsic families installed on first use. A fresh context starts without the typed-array
//! family (ArrayBuffer, Uint8Array, DataView, Atomics, ...), the Map/Set family, Date and
//! RegExp: creating them is close to half of a context's cost and many lambdas never touch
//! them. A regular expression literal or `String.prototype.match` installs RegExp by itself. Their global
//! names are auto-init properties (added to the vendored QuickJS, see
//! vendor/rquickjs-sys/LAMBDABOX.md): the first access of any of them installs the whole
//! family, and lambda code sees ordinary globals. The same mechanism serves the prelude's
//! module-backed globals (`Buffer`, `URL`, `fetch`, ...) through `__lambdabox.lazyGlobal`.
#![allow(unsafe_code)]

use rquickjs::{Ctx, Error, Result, qjs};

unsafe extern "C" {
    fn JS_AddLazyIntrinsics(ctx: *mut qjs::JSContext) -> i32;
    fn JS_EnsureLazyIntrinsic(ctx: *mut qjs::JSContext, family: i32) -> i32;
}

/// Puts the lazy families' globals on a context created without them.
pub(crate) fn add(ctx: &Ctx<'_>) -> Result<()> {
    // SAFETY: a live context on this thread, created without the typed-array and Map/Set
    // intrinsics; called once, before any script runs in it.
    let status = unsafe { JS_AddLazyIntrinsics(ctx.as_raw().as_ptr()) };
    if status < 0 { Err(Error::Exception) } else { Ok(()) }
}

/// Installs the typed-array family now, for host code that creates typed arrays itself (a
/// no-op once installed).
pub(crate) fn ensure_typed_arrays(ctx: &Ctx<'_>) -> Result<()> {
    // SAFETY: a live context on this thread that `add` was called on; family 0 = typed arrays.
    let status = unsafe { JS_EnsureLazyIntrinsic(ctx.as_raw().as_ptr(), 0) };
    if status < 0 { Err(Error::Exception) } else { Ok(()) }
}

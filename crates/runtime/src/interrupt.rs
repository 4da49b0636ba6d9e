//! Cross-thread interrupt requests. QuickJS polls its interrupt handler only every 10000
//! interpreter steps, which in a loop of slow built-ins can be minutes; the watchdog thread
//! uses this to make a worker's interpreter poll at its very next step.
#![allow(unsafe_code)]

use rquickjs::{Context, qjs};
use std::ptr::NonNull;
use std::sync::Mutex;

unsafe extern "C" {
    /// Added in vendor/rquickjs-sys (see LAMBDABOX.md there): zeroes the context's
    /// interrupt countdown with an atomic store.
    fn JS_RequestInterrupt(ctx: *mut qjs::JSContext);
}

struct RawContext(NonNull<qjs::JSContext>);

// SAFETY: the pointer is only dereferenced by `JS_RequestInterrupt`, an atomic store into a
// context that `RunningSlice` guarantees is alive (see `request`).
unsafe impl Send for RawContext {}

/// The context a worker is executing JS in right now, if any.
#[derive(Default)]
pub(crate) struct RunningSlice(Mutex<Option<RawContext>>);

impl RunningSlice {
    /// Marks `context` as executing until `leave`.
    pub(crate) fn enter(&self, context: &Context) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(RawContext(context.as_raw()));
        }
    }

    /// Marks the worker as no longer executing JS.
    pub(crate) fn leave(&self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }

    /// Asks the running interpreter (if any) to poll its interrupt handler now.
    pub(crate) fn request(&self) {
        if let Ok(slot) = self.0.lock()
            && let Some(raw) = slot.as_ref()
        {
            // SAFETY: `leave` runs (under this lock) before a slice ends, and contexts are
            // only freed outside slices, so the context is alive while we hold the lock.
            unsafe { JS_RequestInterrupt(raw.0.as_ptr()) };
        }
    }
}

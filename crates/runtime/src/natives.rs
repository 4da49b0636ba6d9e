//! The native `host` object handed to the prelude: logging, settlement, timers, host ops and
//! module loading. Every function closes over the invocation's [`HostState`].
//!
//! Lambda code may have reshaped every prototype by the time a native object is made (the
//! module natives are made on first use), so native objects are built to be inert: no
//! prototype, properties defined (never set, so no inherited setter runs), frozen. The prelude
//! reads `host` once, before lambda code runs, and passes on none of it.

use super::lazy;
use super::state::{HostState, Settlement};
use super::{modules, ops};
use lambdabox_domain::outcome::LogLevel;
use rquickjs::function::Opt;
use rquickjs::{Ctx, Error, Function, IntoJs, Object, Result};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// An object without prototype whose properties are defined one by one (read-only) and then
/// frozen with [`freeze`].
pub(crate) struct Inert<'js>(Object<'js>);

impl<'js> Inert<'js> {
    pub(crate) fn new(ctx: &Ctx<'js>) -> Result<Self> {
        Ok(Self(Object::new_proto(ctx.clone(), None)?))
    }

    /// Defines `name` as a non-writable, non-enumerable, non-configurable data property.
    pub(crate) fn define<V: IntoJs<'js>>(&self, name: &str, value: V) -> Result<()> {
        self.0.prop(name, value.into_js(self.0.ctx())?)
    }

    /// Makes the object non-extensible (its properties are read-only already): frozen.
    #[allow(unsafe_code)]
    pub(crate) fn freeze(self) -> Result<Object<'js>> {
        // SAFETY: a live object of a live context on this thread.
        let status = unsafe { rquickjs::qjs::JS_PreventExtensions(self.0.ctx().as_raw().as_ptr(), self.0.as_raw()) };
        if status < 0 { Err(Error::Exception) } else { Ok(self.0) }
    }
}

/// Builds the `host` object for one context.
pub(crate) fn host<'js>(ctx: &Ctx<'js>, state: &Rc<HostState>) -> Result<Object<'js>> {
    let host = Inert::new(ctx)?;

    let s = state.clone();
    host.define(
        "log",
        Function::new(ctx.clone(), move |level: u8, message: String, extras: String, system: Opt<bool>| {
            let level = match level {
                0 => LogLevel::Debug,
                1 => LogLevel::Info,
                2 => LogLevel::Warn,
                _ => LogLevel::Error,
            };
            let extras_chars = extras.chars().count().saturating_sub(2);
            let values = serde_json::from_str(&extras).unwrap_or_default();
            s.log(level, message, values, extras_chars, system.0.unwrap_or(false));
        })?,
    )?;

    let s = state.clone();
    host.define(
        "settle",
        Function::new(ctx.clone(), move |kind: String, payload: String| {
            s.settle(match kind.as_str() {
                "ok" => Settlement::Ok(payload),
                "custom" => Settlement::Custom(payload),
                _ => Settlement::Runtime(payload),
            });
        })?,
    )?;

    let s = state.clone();
    host.define(
        "timerStart",
        Function::new(ctx.clone(), move |id: u32, ms: f64| {
            let delay = Duration::from_millis(ms.clamp(0.0, 2_147_483_647.0) as u64);
            s.timers.borrow_mut().start(id, Instant::now() + delay);
        })?,
    )?;

    let s = state.clone();
    host.define("timerClear", Function::new(ctx.clone(), move |id: u32| s.timers.borrow_mut().clear(id))?)?;

    let s = state.clone();
    host.define(
        "op",
        Function::new(ctx.clone(), move |name: String, args: String| {
            let id = s.next_op_id();
            let task = ops::start(&s, &name, &args);
            s.new_ops.borrow_mut().push((id, task));
            id
        })?,
    )?;

    let s = state.clone();
    host.define(
        "loadModule",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, name: String| modules::load(&ctx, &s, &name))?,
    )?;

    // The helpers behind require()d modules are made on first use, not per context; they
    // hand out Uint8Arrays, so the typed-array family goes first. Each call makes a new object.
    host.define(
        "installNatives",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            lazy::ensure_typed_arrays(&ctx)?;
            modules::natives(&ctx)
        })?,
    )?;
    host.freeze()
}

//! The native `host` object handed to the prelude: logging, settlement, timers, host ops and
//! module loading. Every function closes over the invocation's [`HostState`].

use super::lazy;
use super::state::{HostState, Settlement};
use super::{modules, ops};
use lambdabox_domain::outcome::LogLevel;
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object, Result};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Builds the `host` object for one context.
pub(crate) fn host<'js>(ctx: &Ctx<'js>, state: &Rc<HostState>) -> Result<Object<'js>> {
    let host = Object::new(ctx.clone())?;

    let s = state.clone();
    host.set(
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
    host.set(
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
    host.set(
        "timerStart",
        Function::new(ctx.clone(), move |id: u32, ms: f64| {
            let delay = Duration::from_millis(ms.clamp(0.0, 2_147_483_647.0) as u64);
            s.timers.borrow_mut().start(id, Instant::now() + delay);
        })?,
    )?;

    let s = state.clone();
    host.set("timerClear", Function::new(ctx.clone(), move |id: u32| s.timers.borrow_mut().clear(id))?)?;

    let s = state.clone();
    host.set(
        "op",
        Function::new(ctx.clone(), move |name: String, args: String| {
            let id = s.next_op_id();
            let task = ops::start(&s, &name, &args);
            s.new_ops.borrow_mut().push((id, task));
            id
        })?,
    )?;

    let s = state.clone();
    host.set(
        "loadModule",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, name: String| modules::load(&ctx, &s, &name))?,
    )?;

    // The helpers behind require()d modules are installed on first use, not per context;
    // they hand out Uint8Arrays, so the typed-array family goes first.
    host.set(
        "installNatives",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, target: Object<'js>| {
            lazy::ensure_typed_arrays(&ctx)?;
            modules::install_natives(&ctx, &target)
        })?,
    )?;
    Ok(host)
}

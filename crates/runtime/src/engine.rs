//! A ready-to-run QuickJS runtime + context with limits set and the prelude installed. One
//! per invocation (QuickJS accounts memory per runtime); the worker builds the next one while
//! idle, so creation stays off the request path.

use super::bytecode;
use super::lazy;
use super::natives;
use super::shared::Shared;
use super::state::{HostState, Interrupt};
use rquickjs::context::intrinsic;
use rquickjs::{Context, Function, Persistent, Runtime};
use std::rc::Rc;
use std::sync::Arc;

/// The intrinsics a context is created with (the conformance runner makes its realms with them too).
pub(crate) type Intrinsics = (
    intrinsic::Eval,
    intrinsic::RegExpCompiler,
    intrinsic::Json,
    intrinsic::Proxy,
    intrinsic::Promise,
    intrinsic::Performance,
    intrinsic::WeakRef,
);

/// What the host asks of the prelude's entry function (js/prelude.js, `enter`), its first
/// argument; the engine calls it with a lazy global's name instead, or with one of its locale
/// kinds (`JS_LOCALE_*`, 0 to 4: a locale-sensitive built-in was called, see `lazy`).
#[derive(Clone, Copy)]
pub(crate) enum Entry {
    /// `(wrapper, inputJson, style, envJson)`: start the lambda.
    Run = 10,
    /// `(id)`: a timer is due.
    FireTimer = 11,
    /// `(id, ok, json)`: a host operation's answer.
    OpDone = 12,
}

/// A prepared, unused sandbox for exactly one invocation.
pub(crate) struct Warm {
    // Field order matters: the prelude's entry before the context, the context before its
    // runtime. The engine holds the entry too (lazy-global handler), so dropping this handle
    // frees nothing: the prelude goes with the runtime, released wholesale.
    pub(crate) entry: Persistent<Function<'static>>,
    pub(crate) context: Context,
    pub(crate) runtime: Runtime,
    pub(crate) state: Rc<HostState>,
}

impl Warm {
    /// Creates a runtime with memory, stack and interrupt settings and runs the prelude.
    pub(crate) fn new(shared: &Arc<Shared>) -> rquickjs::Result<Self> {
        let runtime = Runtime::new()?;
        runtime.set_memory_limit(shared.limits.memory_bytes);
        runtime.set_max_stack_size(shared.limits.stack_bytes);
        let interrupt = Rc::new(Interrupt::default());
        let flag = interrupt.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || flag.should_stop())));
        // Everything of `Context::full` except DOMException and atob/btoa (the prelude
        // provides those lazily) and, until first use, typed arrays, Map/Set, Date and
        // RegExp (see `lazy`): creating intrinsics is most of a fresh context's cost.
        let context = Context::custom::<Intrinsics>(&runtime)?;
        let state = Rc::new(HostState::new(shared.clone(), interrupt));
        let entry = context.with(|ctx| -> rquickjs::Result<Persistent<Function<'static>>> {
            lazy::add(&ctx)?;
            let host = natives::host(&ctx, &state)?;
            let install: Function = bytecode::run_script(&ctx, &shared.prelude)?.get()?;
            let entry: Function = install.call((host,))?;
            lazy::set_handler(&ctx, &entry)?;
            lazy::set_locale_handler(&ctx, &entry)?;
            Ok(Persistent::save(&ctx, entry))
        })?;
        Ok(Self { entry, context, runtime, state })
    }
}

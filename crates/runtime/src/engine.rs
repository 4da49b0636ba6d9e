//! A ready-to-run QuickJS runtime + context with limits set and the prelude installed. One
//! per invocation (QuickJS accounts memory per runtime); the worker builds the next one while
//! idle, so creation stays off the request path.

use super::bytecode;
use super::lazy;
use super::natives;
use super::pool::Shared;
use super::state::{HostState, Interrupt};
use rquickjs::context::intrinsic;
use rquickjs::{Array, Context, Function, Persistent, Runtime};
use std::rc::Rc;
use std::sync::Arc;

type Intrinsics = (
    intrinsic::Eval,
    intrinsic::RegExpCompiler,
    intrinsic::Json,
    intrinsic::Proxy,
    intrinsic::Promise,
    intrinsic::Performance,
    intrinsic::WeakRef,
);

/// The prelude's functions the host calls; kept here, not on the global object, so lambda
/// code cannot call them.
pub(crate) struct Dispatch {
    /// `run(wrapper, inputJson, style, envJson)`: starts the lambda.
    pub(crate) run: Persistent<Function<'static>>,
    /// `fireTimer(id)`.
    pub(crate) fire_timer: Persistent<Function<'static>>,
    /// `opDone(id, ok, json)`: a host operation's answer.
    pub(crate) op_done: Persistent<Function<'static>>,
}

/// A prepared, unused sandbox for exactly one invocation.
pub(crate) struct Warm {
    // Field order matters: the prelude's functions before the context, the context before
    // its runtime.
    pub(crate) dispatch: Dispatch,
    pub(crate) context: Context,
    pub(crate) _runtime: Runtime,
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
        let dispatch = context.with(|ctx| -> rquickjs::Result<Dispatch> {
            lazy::add(&ctx)?;
            let host = natives::host(&ctx, &state)?;
            let install: Function = bytecode::run_script(&ctx, &shared.prelude)?.get()?;
            // [lazyGlobal, run, fireTimer, opDone]
            let functions: Array = install.call((host,))?;
            lazy::set_handler(&ctx, &functions.get(0)?)?;
            Ok(Dispatch { run: functions.get(1)?, fire_timer: functions.get(2)?, op_done: functions.get(3)? })
        })?;
        Ok(Self { dispatch, context, _runtime: runtime, state })
    }
}

//! Conformance hooks (cargo feature `conformance`, off in the product build): runs one
//! ECMAScript conformance test (test262) in a runtime and context made exactly as a worker makes
//! one for an invocation ([`Warm::new`]: limits, interrupt handler, the custom intrinsics, the
//! lazy families and the prelude), with the small host the test262 harness expects: `print`
//! and `$262` (`createRealm`, `evalScript`, `detachArrayBuffer`, `gc`, `global`, `IsHTMLDDA`). Realms made by
//! `$262.createRealm` are further contexts of the same runtime, made the same way. Used by
//! `crates/conformance`; the test262 front matter, includes and verdicts are its business.
#![allow(unsafe_code)]

use super::bytecode;
use super::engine::Warm;
use super::limits::Limits;
use super::shared::Shared;
use super::state::{HostState, Interrupt};
use super::{PRELUDE, RuntimeError, compile, lazy, modules, natives, rate};
use rquickjs::context::Intrinsic;
use rquickjs::{Ctx, Error, Function, Object, Value, qjs};
use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char, c_void};
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

// Realms get the intrinsics the sandbox's contexts get.
use super::engine::Intrinsics;

/// One test to run: harness scripts, then the test itself.
#[derive(Debug, Clone, Copy)]
pub struct Test<'a> {
    /// Harness files run first as sloppy global scripts: (file name, source).
    pub harness: &'a [(&'a str, &'a str)],
    /// The test's source (with `'use strict';` already prepended for a strict run).
    pub source: &'a str,
    /// The test file's path: its name in stack traces, and the base for a module's imports.
    pub path: &'a str,
    /// Evaluated as an ES module (its imports are read from files next to it).
    pub module: bool,
    /// Wall-clock limit; the runtime's interrupt handler stops the test after it.
    pub time_limit: Duration,
}

/// When an exception escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// While a harness file ran.
    Harness,
    /// While the test was compiled.
    Parse,
    /// While a module's imports were loaded, resolved and linked.
    Resolution,
    /// While the test ran (its top level, or later promise jobs of a module's evaluation).
    Runtime,
}

/// An exception that escaped the test.
#[derive(Debug, Clone)]
pub struct Thrown {
    /// When it escaped.
    pub phase: Phase,
    /// The constructor name of the thrown value (`SyntaxError`, `Test262Error`, ...), or its
    /// `typeof` for a primitive.
    pub name: String,
    /// Its message (or string form).
    pub message: String,
}

/// What one test did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The exception that escaped, if any.
    pub thrown: Option<Thrown>,
    /// Everything passed to `print` (async tests report through it).
    pub printed: Vec<String>,
    /// The time limit was reached.
    pub timed_out: bool,
}

/// What the sandbox's workers share, built the way `Sandbox::start` builds it; one per thread.
pub struct Engine {
    shared: Arc<Shared>,
    // No task runs on it: host operations (fetch, ...) are not part of the conformance run.
    _io: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

/// Per-test host state behind `print` and `$262`.
struct TestHost {
    shared: Arc<Shared>,
    interrupt: Rc<Interrupt>,
    printed: RefCell<Vec<String>>,
    /// Contexts made by `$262.createRealm`, each holding one reference, freed after the test.
    realms: RefCell<Vec<NonNull<qjs::JSContext>>>,
}

impl Engine {
    /// Compiles the prelude and bundled modules as `Sandbox::start` does, with default limits.
    pub fn new() -> Result<Self, RuntimeError> {
        Self::with_limits(Limits::default())
    }

    /// As [`Engine::new`], with the given limits (memory, stack).
    pub fn with_limits(limits: Limits) -> Result<Self, RuntimeError> {
        let io = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (_, jobs) = async_channel::bounded(1);
        let shared = Arc::new(Shared {
            limits: limits.checked(),
            prelude: compile::compile_source(PRELUDE, "prelude.js", false)?,
            bundles: modules::Bundles::compile()?,
            rates: rate::RateLimits::default(),
            io: io.handle().clone(),
            jobs,
            epoch: Instant::now(),
            max_overshoot_us: Arc::default(),
            link: None,
            beacon: None,
        });
        Ok(Self { shared, _io: io })
    }

    /// Checks that a realm made by `$262.createRealm` has the same global names as the
    /// invocation context (so the intrinsics list above matches `engine.rs`).
    pub fn self_check(&self) -> Result<(), String> {
        let source = "(() => {\n\
                      const names = (g) => Object.getOwnPropertyNames(g).filter((n) => n !== '$262' && n !== 'print').sort().join();\n\
                      const here = names(globalThis), there = names($262.createRealm().global);\n\
                      if (here !== there) throw new Error('realm globals differ: ' + here + ' / ' + there);\n\
                      })();";
        let test =
            Test { harness: &[], source, path: "self-check.js", module: false, time_limit: Duration::from_secs(10) };
        match self.run(&test)?.thrown {
            None => Ok(()),
            Some(thrown) => Err(format!("{}: {}", thrown.name, thrown.message)),
        }
    }

    /// Runs one test in a fresh runtime and context made as the sandbox makes them. `Err` when
    /// no context could be made.
    pub fn run(&self, test: &Test<'_>) -> Result<Outcome, String> {
        let warm = Warm::new(&self.shared).map_err(|e| format!("could not make a context: {e}"))?;
        let deadline = Instant::now() + test.time_limit;
        warm.state.interrupt.set_deadline(deadline);
        let host = Rc::new(TestHost {
            shared: self.shared.clone(),
            interrupt: warm.state.interrupt.clone(),
            printed: RefCell::new(Vec::new()),
            realms: RefCell::new(Vec::new()),
        });
        let dir = test.path.rfind('/').map_or(".", |i| &test.path[..i]).to_owned();
        TEST_DIR.with(|d| *d.borrow_mut() = dir);
        let thrown = warm.context.with(|ctx| {
            // SAFETY: a live context on this thread; the loader is a plain function that only
            // uses the context it is called with.
            unsafe {
                let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
                qjs::JS_SetModuleLoaderFunc(rt, Some(normalize_module), Some(load_module), std::ptr::null_mut());
            }
            let thrown = run_in(&ctx, &host, &warm.state, test, deadline);
            // A test may leave jobs queued (a timed-out one); they die with the runtime.
            thrown
        });
        let timed_out = Instant::now() >= deadline;
        let printed = std::mem::take(&mut *host.printed.borrow_mut());
        for realm in host.realms.borrow_mut().drain(..) {
            // SAFETY: each pointer holds the one reference `create_realm` left to us.
            unsafe { qjs::JS_FreeContext(realm.as_ptr()) };
        }
        warm.state.new_ops.borrow_mut().clear();
        drop(warm);
        Ok(Outcome { thrown, printed, timed_out })
    }
}

fn run_in<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<TestHost>,
    state: &HostState,
    test: &Test<'_>,
    deadline: Instant,
) -> Option<Thrown> {
    if let Err(e) = install_host(ctx, host) {
        return Some(thrown(ctx, Phase::Harness, e));
    }
    for (name, source) in test.harness {
        if let Err(e) = eval_script(ctx, source, name).and_then(|v| run_function(ctx, v)) {
            return Some(thrown(ctx, Phase::Harness, e));
        }
    }
    let compiled = if test.module {
        eval_compile(ctx, test.source, test.path, qjs::JS_EVAL_TYPE_MODULE)
    } else {
        eval_script(ctx, test.source, test.path)
    };
    let function = match compiled {
        Ok(function) => function,
        Err(e) => return Some(thrown(ctx, Phase::Parse, e)),
    };
    if test.module {
        // SAFETY: `function` is the live module object just compiled in `ctx`.
        let resolved = unsafe { qjs::JS_ResolveModule(ctx.as_raw().as_ptr(), function.as_raw()) };
        if resolved < 0 {
            return Some(thrown(ctx, Phase::Resolution, Error::Exception));
        }
    }
    let result = match run_function(ctx, function) {
        Ok(result) => result,
        Err(e) => return Some(thrown(ctx, Phase::Runtime, e)),
    };
    drain(ctx, state, deadline);
    if !test.module {
        return None;
    }
    // A module's evaluation is a promise: a rejection is the test's exception.
    // SAFETY: `result` is a live value of `ctx`; the returned reason is owned and wrapped once.
    unsafe {
        let raw_ctx = ctx.as_raw().as_ptr();
        if qjs::JS_PromiseState(raw_ctx, result.as_raw()) == qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED {
            let reason = Value::from_raw(ctx.clone(), qjs::JS_PromiseResult(raw_ctx, result.as_raw()));
            return Some(describe(ctx, Phase::Runtime, reason));
        }
    }
    None
}

/// Runs promise jobs and the prelude's timers until nothing is left or time is up.
fn drain(ctx: &Ctx<'_>, state: &HostState, deadline: Instant) {
    loop {
        while ctx.execute_pending_job() {
            if Instant::now() >= deadline {
                return;
            }
        }
        let next = state.timers.borrow().next_due();
        let Some(due) = next else { return };
        if due >= deadline {
            return;
        }
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let fired = state.timers.borrow_mut().pop_due(Instant::now());
        if let Some(id) = fired {
            let dispatch: rquickjs::Result<()> = ctx
                .globals()
                .get::<_, Object>("__lambdabox")
                .and_then(|d| d.get::<_, Function>("fireTimer"))
                .and_then(|f| f.call((id,)));
            if dispatch.is_err() {
                // An exception from a timer callback is uncaught, as in the sandbox.
                let _ = ctx.catch();
            }
        }
    }
}

/// Puts `print` and `$262` on `ctx`'s global object.
fn install_host<'js>(ctx: &Ctx<'js>, host: &Rc<TestHost>) -> rquickjs::Result<Object<'js>> {
    let globals = ctx.globals();
    let h = host.clone();
    let print = Function::new(ctx.clone(), move |ctx: Ctx<'js>, value: Value<'js>| -> rquickjs::Result<()> {
        let text = to_text(&ctx, value);
        h.printed.borrow_mut().push(text);
        Ok(())
    })?;
    globals.set("print", print)?;

    let t262 = Object::new(ctx.clone())?;
    t262.set("global", globals.clone())?;
    t262.set(
        "gc",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            // SAFETY: called from JS on this thread; QuickJS allows a collection here.
            unsafe { qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
        })?,
    )?;
    t262.set(
        "detachArrayBuffer",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, buffer: Value<'js>| {
            // SAFETY: a live value of this runtime; QuickJS ignores anything but an ArrayBuffer.
            unsafe { qjs::JS_DetachArrayBuffer(ctx.as_raw().as_ptr(), buffer.as_raw()) };
        })?,
    )?;
    t262.set(
        "evalScript",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, source: String| -> rquickjs::Result<Value<'js>> {
            let function = eval_script(&ctx, &source, "evalScript")?;
            run_function(&ctx, function)
        })?,
    )?;
    // An object with the [[IsHTMLDDA]] slot (Annex B `document.all`): callable, returns null.
    let dda = Function::new(ctx.clone(), || rquickjs::Null)?;
    // SAFETY: a live function object of this runtime.
    unsafe { qjs::JS_SetIsHTMLDDA(ctx.as_raw().as_ptr(), dda.as_raw()) };
    t262.set("IsHTMLDDA", dda)?;
    let h = host.clone();
    t262.set(
        "createRealm",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>| -> rquickjs::Result<Object<'js>> { create_realm(&ctx, &h) })?,
    )?;
    globals.set("$262", t262.clone())?;
    Ok(t262)
}

/// A further context of `ctx`'s runtime, made as `Warm::new` makes one, with its own `$262`.
fn create_realm<'js>(ctx: &Ctx<'js>, host: &Rc<TestHost>) -> rquickjs::Result<Object<'js>> {
    // SAFETY: `Context::custom` does the same three calls; the new context's own reference
    // is kept in `host.realms` and released after the test, before the runtime is freed.
    // `Ctx::from_raw` takes a further reference, released when `realm` is dropped.
    let realm = unsafe {
        let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        let raw = NonNull::new(qjs::JS_NewContextRaw(rt)).ok_or(Error::Allocation)?;
        qjs::JS_AddIntrinsicBaseObjects(raw.as_ptr());
        Intrinsics::add_intrinsic(raw);
        host.realms.borrow_mut().push(raw);
        Ctx::from_raw(raw)
    };
    lazy::add(&realm)?;
    let state = Rc::new(HostState::new(host.shared.clone(), host.interrupt.clone()));
    let natives = natives::host(&realm, &state)?;
    let install: Function = bytecode::run_script(&realm, &host.shared.prelude)?.get()?;
    install.call::<_, ()>((natives,))?;
    install_host(&realm, host)
}

/// Compiles a sloppy global script (not run yet).
fn eval_script<'js>(ctx: &Ctx<'js>, source: &str, name: &str) -> rquickjs::Result<Value<'js>> {
    eval_compile(ctx, source, name, qjs::JS_EVAL_TYPE_GLOBAL)
}

fn eval_compile<'js>(ctx: &Ctx<'js>, source: &str, name: &str, kind: u32) -> rquickjs::Result<Value<'js>> {
    // QuickJS wants a NUL after the source, and takes its length: a NUL inside is source text.
    let mut src = Vec::with_capacity(source.len() + 1);
    src.extend_from_slice(source.as_bytes());
    src.push(0);
    let file = CString::new(name)?;
    let flags = (kind | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    // SAFETY: `src` is NUL-terminated after `source.len()` bytes, `file` is NUL-terminated;
    // both outlive the call; the result is owned.
    unsafe {
        let raw = qjs::JS_Eval(ctx.as_raw().as_ptr(), src.as_ptr().cast(), source.len() as _, file.as_ptr(), flags);
        if qjs::JS_IsException(raw) {
            return Err(Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), raw))
    }
}

/// Runs a compiled script or module (taking it over) and returns its completion value.
fn run_function<'js>(ctx: &Ctx<'js>, function: Value<'js>) -> rquickjs::Result<Value<'js>> {
    // SAFETY: JS_EvalFunction takes one reference, so one is added for it; the result is owned.
    unsafe {
        let raw_ctx = ctx.as_raw().as_ptr();
        let result = qjs::JS_EvalFunction(raw_ctx, qjs::JS_DupValue(raw_ctx, function.as_raw()));
        if qjs::JS_IsException(result) {
            return Err(Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), result))
    }
}

thread_local! {
    /// The directory of the test running on this thread: imports from code that is not a
    /// module file (a script, `eval` code) resolve against it.
    static TEST_DIR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The module name normaliser: a specifier names a file relative to the importing file's
/// directory (test262 hosts resolve `./x_FIXTURE.js` and `x_FIXTURE.js` alike).
unsafe extern "C" fn normalize_module(
    ctx: *mut qjs::JSContext,
    base: *const c_char,
    name: *const c_char,
    _opaque: *mut c_void,
) -> *mut c_char {
    // SAFETY: QuickJS passes NUL-terminated names.
    let (base, name) = unsafe { (CStr::from_ptr(base).to_string_lossy(), CStr::from_ptr(name).to_string_lossy()) };
    let joined = if name.starts_with('/') {
        name.into_owned()
    } else {
        let dir = match base.rfind('/') {
            Some(end) => base[..end].to_owned(),
            None => TEST_DIR.with(|d| d.borrow().clone()),
        };
        format!("{dir}/{name}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let Ok(normalized) = CString::new(parts.join("/")) else {
        // SAFETY: a plain format string.
        unsafe { qjs::JS_ThrowTypeError(ctx, c"module name contains a NUL".as_ptr()) };
        return std::ptr::null_mut();
    };
    // SAFETY: QuickJS frees the returned name with js_free.
    unsafe { qjs::js_strdup(ctx, normalized.as_ptr()) }
}

/// The module loader: reads `name` (a path made by QuickJS's default normaliser from the
/// importing module's path) and compiles it as a module.
unsafe extern "C" fn load_module(
    ctx: *mut qjs::JSContext,
    name: *const c_char,
    _opaque: *mut c_void,
) -> *mut qjs::JSModuleDef {
    // SAFETY: QuickJS passes a live context and a NUL-terminated name.
    let path = unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned();
    let Some(mut source) = std::fs::read(&path).ok() else {
        // SAFETY: the format string takes one `%s`, given as a NUL-terminated string.
        unsafe { qjs::JS_ThrowReferenceError(ctx, c"could not load module '%s'".as_ptr(), name) };
        return std::ptr::null_mut();
    };
    let flags = (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    // SAFETY: NUL-terminated source and name; a compiled module's value is its JSModuleDef
    // pointer, which stays alive (owned by the context) after the value is freed.
    unsafe {
        let len = source.len();
        source.push(0);
        let module = qjs::JS_Eval(ctx, source.as_ptr().cast(), len as _, name, flags);
        if qjs::JS_IsException(module) {
            return std::ptr::null_mut();
        }
        let def = qjs::JS_VALUE_GET_PTR(module).cast::<qjs::JSModuleDef>();
        qjs::JS_FreeValue(ctx, module);
        def
    }
}

/// Takes the pending exception (for `Error::Exception`) and describes it.
fn thrown(ctx: &Ctx<'_>, phase: Phase, error: Error) -> Thrown {
    if !matches!(error, Error::Exception) {
        return Thrown { phase, name: "HostError".to_owned(), message: error.to_string() };
    }
    let value = ctx.catch();
    describe(ctx, phase, value)
}

fn describe<'js>(ctx: &Ctx<'js>, phase: Phase, value: Value<'js>) -> Thrown {
    let name = match value.as_object() {
        Some(object) => object
            .get::<_, Object>("constructor")
            .and_then(|c| c.get::<_, String>("name"))
            .or_else(|_| object.get::<_, String>("name"))
            .unwrap_or_else(|_| "Object".to_owned()),
        None => value.type_name().to_owned(),
    };
    let _ = ctx.catch();
    let message = match value.as_object().map(|o| o.get::<_, Value>("message")) {
        Some(Ok(message)) if message.is_string() => to_text(ctx, message),
        _ => to_text(ctx, value),
    };
    Thrown { phase, name, message }
}

/// `String(value)` (without looking the global `String` up; lone surrogates become U+FFFD), or
/// a placeholder when that throws.
fn to_text<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: a live value; the returned buffer holds `len` bytes and is freed once.
    unsafe {
        let text = qjs::JS_ToCStringLen2(raw_ctx, &mut len, value.as_raw(), false);
        if text.is_null() {
            let _ = ctx.catch();
            return "<value that cannot be converted to a string>".to_owned();
        }
        let bytes = std::slice::from_raw_parts(text.cast::<u8>(), len as usize);
        let owned = String::from_utf8_lossy(bytes).into_owned();
        qjs::JS_FreeCString(raw_ctx, text);
        owned
    }
}

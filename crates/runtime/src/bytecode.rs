//! Script bytecode: compile JS source to QuickJS bytecode once, and read it back into a
//! fresh context for every invocation. rquickjs only offers this for ES modules (strict mode);
//! lambdas are sloppy-mode CommonJS-style scripts, so this one file talks to the C API.
#![allow(unsafe_code)]

use rquickjs::{Ctx, Error, Value, qjs};
use std::ffi::CString;

/// Compiles `source` as a global script (without running it) and serialises it to bytecode.
/// A syntax error is left pending on `ctx` and reported as `Error::Exception`.
/// Without `keep_debug`, line numbers are stripped too (bundled code); function source text
/// is never kept, which makes bytecode smaller and faster to read.
pub(crate) fn compile_script(ctx: &Ctx<'_>, source: &str, file_name: &str, keep_debug: bool) -> Result<Vec<u8>, Error> {
    let src = CString::new(source)?;
    let name = CString::new(file_name)?;
    let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    // SAFETY: `ctx` is a live context on this thread; `src` and `name` are NUL-terminated and
    // outlive the call; the returned value is owned and handed to `Value`, which frees it.
    let function = unsafe {
        let raw = qjs::JS_Eval(ctx.as_raw().as_ptr(), src.as_ptr(), source.len() as _, name.as_ptr(), flags);
        if qjs::JS_IsException(raw) {
            return Err(Error::Exception);
        }
        Value::from_raw(ctx.clone(), raw)
    };
    let mut size: qjs::size_t = 0;
    // SAFETY: `function` is a live bytecode function object of this context; on success the
    // returned buffer holds `size` bytes allocated by QuickJS, copied out and then freed once.
    unsafe {
        let buf = qjs::JS_WriteObject(ctx.as_raw().as_ptr(), &mut size, function.as_raw(), write_flags(keep_debug));
        if buf.is_null() {
            return Err(Error::Exception);
        }
        let bytes = std::slice::from_raw_parts(buf, size as usize).to_vec();
        qjs::js_free(ctx.as_raw().as_ptr(), buf.cast());
        Ok(bytes)
    }
}

fn write_flags(keep_debug: bool) -> i32 {
    let mut flags = qjs::JS_WRITE_OBJ_BYTECODE | qjs::JS_WRITE_OBJ_STRIP_SOURCE;
    if !keep_debug {
        flags |= qjs::JS_WRITE_OBJ_STRIP_DEBUG;
    }
    flags as i32
}

/// Reads bytecode produced by [`compile_script`] and runs the script's top level, returning its
/// completion value. Only ever called with bytecode this process compiled itself: QuickJS does
/// not validate bytecode, which is why it is never accepted from outside.
pub(crate) fn run_script<'js>(ctx: &Ctx<'js>, bytecode: &[u8]) -> Result<Value<'js>, Error> {
    // SAFETY: the buffer comes from `compile_script` in this process (same QuickJS build), so
    // it is well-formed; every returned JSValue is owned and wrapped exactly once.
    unsafe {
        let raw_ctx = ctx.as_raw().as_ptr();
        let function =
            qjs::JS_ReadObject(raw_ctx, bytecode.as_ptr(), bytecode.len() as _, qjs::JS_READ_OBJ_BYTECODE as i32);
        if qjs::JS_IsException(function) {
            return Err(Error::Exception);
        }
        // JS_EvalFunction takes ownership of `function`.
        let result = qjs::JS_EvalFunction(raw_ctx, function);
        if qjs::JS_IsException(result) {
            return Err(Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), result))
    }
}

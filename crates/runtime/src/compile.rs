//! Deploy-time checks and compilation: the first-line contract, the size limit and a parse
//! into QuickJS bytecode. Done once per deploy; every invocation reads the bytecode back.

use super::bytecode;
use rquickjs::{Context, Ctx, Runtime};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Longest accepted lambda source, in characters.
pub const MAX_CODE_CHARS: usize = 100_000;

/// The first line every lambda must start with (parameter names may differ).
pub const EXPECTED_FIRST_LINE: &str = "function lambda(input, callback) {";

/// File name used in stack traces and syntax errors.
pub(crate) const LAMBDA_FILE: &str = "lambda.js";

/// How the lambda reports its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LambdaStyle {
    /// `function lambda(input, callback)`: the first `callback(err, result)` settles it.
    Callback,
    /// `async function lambda(input)`: the returned value (or rejection) settles it.
    Return,
}

/// Why code was refused at save/deploy time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// The code is longer than [`MAX_CODE_CHARS`].
    #[error("code is {0} characters long; at most 100000 are allowed")]
    TooLong(usize),
    /// The first line does not declare the lambda (the message quotes it and, when the
    /// declaration is further down, names its line and how to fix it).
    #[error("{0}")]
    Contract(String),
    /// The code does not parse.
    #[error("syntax error on line {line}: {message}")]
    Syntax {
        /// 1-based line in the submitted code.
        line: u32,
        /// The parser's message.
        message: String,
    },
    /// QuickJS itself failed (out of memory while compiling, …).
    #[error("could not compile the lambda: {0}")]
    Engine(String),
}

/// A lambda that passed the contract and was compiled to bytecode: cheap to clone, shareable
/// across threads.
#[derive(Debug, Clone)]
pub struct Compiled(Arc<CompiledInner>);

#[derive(Debug)]
struct CompiledInner {
    /// Unique in this process: worker processes cache code under it.
    id: u64,
    bytecode: Vec<u8>,
    style: LambdaStyle,
    source_chars: usize,
}

impl Compiled {
    /// The calling convention found on the first line.
    pub fn style(&self) -> LambdaStyle {
        self.0.style
    }

    /// Size of the bytecode in bytes.
    pub fn bytecode_len(&self) -> usize {
        self.0.bytecode.len()
    }

    /// Length of the source in characters.
    pub fn source_chars(&self) -> usize {
        self.0.source_chars
    }

    pub(crate) fn bytecode(&self) -> &[u8] {
        &self.0.bytecode
    }

    pub(crate) fn id(&self) -> u64 {
        self.0.id
    }

    /// Code compiled elsewhere (in the server, for a worker process).
    pub(crate) fn from_parts(bytecode: Vec<u8>, style: LambdaStyle, source_chars: usize) -> Self {
        Self(Arc::new(CompiledInner { id: next_id(), bytecode, style, source_chars }))
    }
}

fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Checks the contract and compiles `code`. Runs on the calling thread in a small throwaway
/// QuickJS runtime; user code is parsed, never executed.
pub fn compile(code: &str) -> Result<Compiled, CompileError> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let chars = code.chars().count();
    if chars > MAX_CODE_CHARS {
        return Err(CompileError::TooLong(chars));
    }
    let style = check_first_line(code)?;
    let bytecode = compile_source(&wrap(code), LAMBDA_FILE, true)?;
    Ok(Compiled::from_parts(bytecode, style, chars))
}

/// Wraps the lambda in a function so its top-level names stay out of the global scope and
/// `module`/`exports`/`require` are defined. The prefix shares line 1, so line numbers in
/// errors and stack traces match the submitted code.
fn wrap(code: &str) -> String {
    format!("(function (module, exports, require) {{{code}\n;return lambda;\n}})")
}

/// Compiles trusted or wrapped source into script bytecode (also used for bundled modules).
pub(crate) fn compile_source(source: &str, file_name: &str, keep_debug: bool) -> Result<Vec<u8>, CompileError> {
    let runtime = Runtime::new().map_err(|e| CompileError::Engine(e.to_string()))?;
    // The parser recurses; a low limit turns absurd nesting into a SyntaxError instead of
    // overflowing the caller's (possibly small) thread stack.
    runtime.set_max_stack_size(256 * 1024);
    runtime.set_memory_limit(512 * 1024 * 1024);
    let context = Context::full(&runtime).map_err(|e| CompileError::Engine(e.to_string()))?;
    context.with(|ctx| match bytecode::compile_script(&ctx, source, file_name, keep_debug) {
        Ok(bytes) => Ok(bytes),
        Err(rquickjs::Error::Exception) => Err(syntax_error(&ctx, file_name)),
        Err(other) => Err(CompileError::Engine(other.to_string())),
    })
}

fn syntax_error(ctx: &Ctx<'_>, file_name: &str) -> CompileError {
    let exception = ctx.catch();
    let Some(error) = exception.as_exception() else {
        return CompileError::Engine(format!("{exception:?}"));
    };
    let message = error.message().unwrap_or_default();
    let stack = error.stack().unwrap_or_default();
    let line = stack
        .split(&format!("{file_name}:"))
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0);
    if message.contains("out of memory") {
        return CompileError::Engine(message);
    }
    CompileError::Syntax { line, message }
}

/// Accepts `[async ]function lambda(a, b) {` (two parameters) or `async function lambda(a) {`
/// on the first line.
fn check_first_line(code: &str) -> Result<LambdaStyle, CompileError> {
    let first = code.lines().next().unwrap_or("");
    declaration(first).ok_or_else(|| {
        let found: String = first.trim().chars().take(120).collect();
        let mut message = format!(
            "the first line must declare the lambda, like `{EXPECTED_FIRST_LINE}` (or `async function \
             lambda(input, callback) {{` / `async function lambda(input) {{`); found: `{found}`"
        );
        // Code brought from LivePerson often has `require`s or helpers above the lambda.
        if let Some(line) = code.lines().position(|line| declaration(line).is_some()) {
            message.push_str(&format!(
                ". The lambda is declared on line {}: move that line to the top (function \
                 declarations are hoisted, so the code above it keeps working)",
                line + 1
            ));
        }
        CompileError::Contract(message)
    })
}

/// The calling convention of a line that declares the lambda, if it is one.
fn declaration(line: &str) -> Option<LambdaStyle> {
    let rest = line.trim_start();
    let (is_async, rest) = match rest.strip_prefix("async") {
        Some(after) if after.starts_with(char::is_whitespace) => (true, after.trim_start()),
        _ => (false, rest),
    };
    let rest = rest.strip_prefix("function")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix("lambda")?.trim_start().strip_prefix('(')?;
    let (params, rest) = rest.split_once(')')?;
    if !rest.trim_start().starts_with('{') {
        return None;
    }
    let names: Vec<&str> = params.split(',').map(str::trim).collect();
    if !names.iter().all(|name| is_identifier(name)) {
        return None;
    }
    match (names.len(), is_async) {
        (2, _) => Some(LambdaStyle::Callback),
        (1, true) => Some(LambdaStyle::Return),
        _ => None,
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

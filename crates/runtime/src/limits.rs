//! The limits every invocation runs under: wall-clock deadline, heap, JS stack, logs and
//! outgoing requests. One table of defaults; `Limits::checked` clamps what callers configure.

use std::time::Duration;

/// The hard ceiling for an invocation's wall-clock time (LivePerson Functions: 30 s).
pub const MAX_TIMEOUT: Duration = Duration::from_secs(30);

/// Resource limits applied to each invocation.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock limit, counted from the call to `Sandbox::run`; never above [`MAX_TIMEOUT`].
    pub timeout: Duration,
    /// Heap limit of the invocation's own QuickJS runtime, in bytes.
    pub memory_bytes: usize,
    /// JS stack limit in bytes; kept well below the worker thread's real stack.
    pub stack_bytes: usize,
    /// Log entries allowed per invocation before it fails with `log-limit-reached`.
    pub max_log_entries: usize,
    /// Characters (message + extras) allowed across all log entries of one invocation.
    pub max_log_chars: usize,
    /// Outgoing HTTP requests per second and lambda before requests are refused with 429.
    pub http_requests_per_second: u32,
    /// Invocations one worker thread keeps in flight (most of them waiting on I/O).
    pub max_in_flight_per_worker: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: MAX_TIMEOUT,
            memory_bytes: 256 * 1024 * 1024,
            stack_bytes: 1024 * 1024,
            max_log_entries: 10,
            max_log_chars: 6000,
            http_requests_per_second: 20,
            max_in_flight_per_worker: 512,
        }
    }
}

impl Limits {
    /// Returns the limits with every value clamped into its allowed range.
    pub fn checked(mut self) -> Self {
        self.timeout = self.timeout.clamp(Duration::from_millis(1), MAX_TIMEOUT);
        self.memory_bytes = self.memory_bytes.max(4 * 1024 * 1024);
        self.stack_bytes = self.stack_bytes.clamp(64 * 1024, MAX_JS_STACK);
        self.max_in_flight_per_worker = self.max_in_flight_per_worker.max(1);
        self
    }
}

/// Largest JS stack we allow; worker threads get [`WORKER_THREAD_STACK`], several times more,
/// because native code called from JS (JSON, regexp, our own converters) needs headroom.
pub const MAX_JS_STACK: usize = 4 * 1024 * 1024;

/// Real stack size of each worker thread.
pub const WORKER_THREAD_STACK: usize = 32 * 1024 * 1024;

/// How long past an invocation's deadline a worker may stay inside one JS slice before the
/// watchdog gives up on it and starts a replacement thread.
pub const WATCHDOG_GRACE: Duration = Duration::from_millis(50);

/// How long past an invocation's deadline a worker *process* may stay inside one JS slice
/// before the server kills it (SIGKILL) and starts another. Longer than [`CALLER_GRACE`], so
/// the stuck invocation's caller has its timeout answer already.
pub const KILL_GRACE: Duration = Duration::from_millis(100);

/// How long past the deadline the caller waits for the worker's own answer before answering
/// `executiontime-exceeded` itself.
pub const CALLER_GRACE: Duration = Duration::from_millis(60);

//! Per-invocation host state shared by the native bindings and the event loop: the
//! interrupt flag, the settlement, log buffer and limits, timers and newly started host ops.
//! Lives on one worker thread (Rc/RefCell); nothing here holds a JS value.

use super::cancel::Cancel;
use super::capabilities::Capabilities;
use super::ops::IoTask;
use super::shared::Shared;
use lambdabox_domain::outcome::{LogEntry, LogLevel};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Read by QuickJS's interrupt handler: stop at the deadline or when the run must end early.
#[derive(Debug, Default)]
pub(crate) struct Interrupt {
    deadline: Cell<Option<Instant>>,
    abort: Cell<bool>,
    cancel: RefCell<Option<Cancel>>,
}

impl Interrupt {
    pub(crate) fn should_stop(&self) -> bool {
        self.abort.get()
            || self.deadline.get().is_some_and(|d| Instant::now() >= d)
            || self.cancel.borrow().as_ref().is_some_and(Cancel::is_cancelled)
    }
    pub(crate) fn set_cancel(&self, cancel: Cancel) {
        *self.cancel.borrow_mut() = Some(cancel);
    }
    pub(crate) fn set_deadline(&self, deadline: Instant) {
        self.deadline.set(Some(deadline));
    }
    pub(crate) fn abort(&self) {
        self.abort.set(true);
    }
}

/// How the lambda settled, as reported by the prelude.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Settlement {
    /// JSON text of the result.
    Ok(String),
    /// `callback(error)` with a non-runtime error or value.
    Custom(String),
    /// A throw, rejection or runtime error.
    Runtime(String),
}

/// Pending timers ordered by due time, then by creation.
#[derive(Debug, Default)]
pub(crate) struct Timers {
    queue: BTreeMap<(Instant, u64), u32>,
    by_id: HashMap<u32, (Instant, u64)>,
    seq: u64,
}

impl Timers {
    pub(crate) fn start(&mut self, id: u32, due: Instant) {
        self.clear(id);
        self.seq += 1;
        self.queue.insert((due, self.seq), id);
        self.by_id.insert(id, (due, self.seq));
    }
    pub(crate) fn clear(&mut self, id: u32) {
        if let Some(key) = self.by_id.remove(&id) {
            self.queue.remove(&key);
        }
    }
    pub(crate) fn next_due(&self) -> Option<Instant> {
        self.queue.keys().next().map(|(due, _)| *due)
    }
    pub(crate) fn pop_due(&mut self, now: Instant) -> Option<u32> {
        let (&key, &id) = self.queue.iter().next()?;
        if key.0 > now {
            return None;
        }
        self.queue.remove(&key);
        self.by_id.remove(&id);
        Some(id)
    }
}

/// Runtime warnings kept per invocation: they are outside the lambda's log limits, so they
/// are bounded here, whoever asks for them.
pub(crate) const MAX_SYSTEM_ENTRIES: usize = 4;

/// Longest runtime warning kept, in bytes (the runtime's own are one short sentence).
const MAX_SYSTEM_MESSAGE_BYTES: usize = 512;

/// State of the invocation running in one context.
pub(crate) struct HostState {
    pub(crate) shared: Arc<Shared>,
    pub(crate) interrupt: Rc<Interrupt>,
    pub(crate) settlement: RefCell<Option<Settlement>>,
    pub(crate) timers: RefCell<Timers>,
    pub(crate) new_ops: RefCell<Vec<(u32, IoTask)>>,
    pub(crate) caps: RefCell<Option<Capabilities>>,
    logs: RefCell<Option<Arc<Mutex<Vec<LogEntry>>>>>,
    log_count: Cell<usize>,
    log_chars: Cell<usize>,
    log_limit_hit: Cell<bool>,
    system_entries: Cell<usize>,
    next_op: Cell<u32>,
    /// The job this state runs (its id between server and worker process).
    pub(crate) job: Cell<u64>,
    /// `lambdabox:runtime` (the prelude's lazily loaded part) was handed out: once per
    /// context, to the prelude; any later load is refused (it would let its caller pass its
    /// own `apply` and see the host bindings).
    runtime_module_loaded: Cell<bool>,
}

impl HostState {
    pub(crate) fn new(shared: Arc<Shared>, interrupt: Rc<Interrupt>) -> Self {
        Self {
            shared,
            interrupt,
            settlement: RefCell::new(None),
            timers: RefCell::default(),
            new_ops: RefCell::default(),
            caps: RefCell::new(None),
            logs: RefCell::new(None),
            log_count: Cell::new(0),
            log_chars: Cell::new(0),
            log_limit_hit: Cell::new(false),
            system_entries: Cell::new(0),
            next_op: Cell::new(1),
            job: Cell::new(0),
            runtime_module_loaded: Cell::new(false),
        }
    }

    /// Whether `lambdabox:runtime` may be loaded now (true once per context).
    pub(crate) fn first_runtime_module_load(&self) -> bool {
        !self.runtime_module_loaded.replace(true)
    }

    /// Binds the state to one job.
    pub(crate) fn begin(&self, job: u64, caps: Capabilities, logs: Arc<Mutex<Vec<LogEntry>>>, deadline: Instant) {
        self.job.set(job);
        *self.caps.borrow_mut() = Some(caps);
        *self.logs.borrow_mut() = Some(logs);
        self.interrupt.set_deadline(deadline);
    }

    pub(crate) fn settle(&self, settlement: Settlement) {
        let mut slot = self.settlement.borrow_mut();
        if slot.is_none() {
            *slot = Some(settlement);
        }
    }

    pub(crate) fn is_settled(&self) -> bool {
        self.settlement.borrow().is_some()
    }

    pub(crate) fn log_limit_hit(&self) -> bool {
        self.log_limit_hit.get()
    }

    pub(crate) fn next_op_id(&self) -> u32 {
        let id = self.next_op.get();
        self.next_op.set(id.wrapping_add(1));
        id
    }

    /// Records a console call; `system` entries (runtime warnings) do not count against the
    /// limits, but only the first [`MAX_SYSTEM_ENTRIES`] of an invocation are kept. Past the
    /// limits the run is stopped and fails with `log-limit-reached`.
    pub(crate) fn log(
        &self,
        level: LogLevel,
        mut message: String,
        extras: Vec<serde_json::Value>,
        extras_chars: usize,
        system: bool,
    ) {
        if self.log_limit_hit.get() {
            return;
        }
        let limits = &self.shared.limits;
        if system {
            let kept = self.system_entries.get();
            if kept >= MAX_SYSTEM_ENTRIES {
                return;
            }
            self.system_entries.set(kept + 1);
            if message.len() > MAX_SYSTEM_MESSAGE_BYTES {
                let mut end = MAX_SYSTEM_MESSAGE_BYTES;
                while !message.is_char_boundary(end) {
                    end -= 1;
                }
                message.truncate(end);
            }
        } else {
            let count = self.log_count.get() + 1;
            let chars = self.log_chars.get() + message.chars().count() + extras_chars;
            self.log_count.set(count);
            self.log_chars.set(chars);
            if count > limits.max_log_entries || chars > limits.max_log_chars {
                self.log_limit_hit.set(true);
                self.interrupt.abort();
                let note = format!(
                    "log limit reached: at most {} entries and {} characters per invocation",
                    limits.max_log_entries, limits.max_log_chars
                );
                self.push(LogEntry { level: LogLevel::Error, message: note, extras: Vec::new(), timestamp: now_ms() });
                return;
            }
        }
        self.push(LogEntry { level, message, extras, timestamp: now_ms() });
    }

    /// A runtime warning in the invocation's log.
    pub(crate) fn warn_system(&self, message: &str) {
        self.log(LogLevel::Warn, message.to_owned(), Vec::new(), 0, true);
    }

    fn push(&self, entry: LogEntry) {
        if let Some(link) = &self.shared.link {
            link.log(self.job.get(), &entry);
            return;
        }
        if let Some(logs) = self.logs.borrow().as_ref()
            && let Ok(mut logs) = logs.lock()
        {
            logs.push(entry);
        }
    }
}

pub(crate) use lambdabox_domain::now_ms;

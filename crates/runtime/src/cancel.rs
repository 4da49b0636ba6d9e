//! Ending a run early from outside its worker: the caller of `Sandbox::run` stops waiting (its
//! future is dropped, for example because the parent invocation of an orchestrated call
//! ended), and the run stops at its next interrupt poll or wake-up instead of at its deadline.
//! When the run is in a worker process, a hook set by the server forwards the cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// Runs once when the run is cancelled (the server's message to the worker process).
type Hook = Box<dyn FnOnce() + Send>;

/// Shared between the caller and the run; cheap to clone.
#[derive(Clone, Default)]
pub(crate) struct Cancel(Arc<Inner>);

#[derive(Default)]
struct Inner {
    flag: AtomicBool,
    wake: Notify,
    hook: Mutex<Option<Hook>>,
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Cancel").field(&self.is_cancelled()).finish()
    }
}

impl Cancel {
    /// Ends the run.
    pub(crate) fn cancel(&self) {
        self.0.flag.store(true, Ordering::Release);
        self.0.wake.notify_waiters();
        if let Some(hook) = self.take_hook() {
            hook();
        }
    }

    /// Whether the run should end (polled by the interrupt handler: one atomic load).
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.flag.load(Ordering::Acquire)
    }

    /// Completes once the run is cancelled.
    pub(crate) async fn cancelled(&self) {
        loop {
            // Registered before the check, so a cancel in between still wakes it.
            let woken = self.0.wake.notified();
            if self.is_cancelled() {
                return;
            }
            woken.await;
        }
    }

    /// Runs `hook` on cancellation (at once if the run is cancelled already).
    pub(crate) fn on_cancel(&self, hook: Hook) {
        if let Ok(mut slot) = self.0.hook.lock() {
            *slot = Some(hook);
        }
        if self.is_cancelled()
            && let Some(hook) = self.take_hook()
        {
            hook();
        }
    }

    /// Forgets the hook (the run ended; nothing is left to cancel).
    pub(crate) fn clear_hook(&self) {
        drop(self.take_hook());
    }

    fn take_hook(&self) -> Option<Hook> {
        self.0.hook.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// Cancels the run when the caller's future is dropped before the answer arrived.
pub(crate) struct CancelOnDrop(Option<Cancel>);

impl CancelOnDrop {
    pub(crate) fn new(cancel: Cancel) -> Self {
        Self(Some(cancel))
    }

    /// The run answered and goes on by itself: dropping this no longer cancels it.
    pub(crate) fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(cancel) = &self.0 {
            cancel.cancel();
        }
    }
}

//! Ending a run early from outside its worker: the caller of `Sandbox::run` stops waiting (its
//! future is dropped, for example because the parent invocation of an orchestrated call
//! ended), and the run stops at its next interrupt poll or wake-up instead of at its deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Shared between the caller and the run; cheap to clone.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cancel(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    flag: AtomicBool,
    wake: Notify,
}

impl Cancel {
    /// Ends the run.
    pub(crate) fn cancel(&self) {
        self.0.flag.store(true, Ordering::Release);
        self.0.wake.notify_waiters();
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
}

/// Cancels the run when the caller's future is dropped before the answer arrived.
pub(crate) struct CancelOnDrop(pub(crate) Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

//! The sending side of the socket between the server and a worker, for every thread. A frame
//! is either written at once by the thread that has it (no hand-over to another thread; a log
//! line leaves even while the JavaScript that wrote it is still running) or added to the
//! pending bytes that the writer task sends soon, together with whatever else is ready by then
//! (one write, one wake-up of the peer, for many frames); any thread may also flush the
//! pending bytes ([`Outbox::flush`]). Order is kept: every write happens under one lock, and
//! a frame is written at once only when nothing is pending or being written.
//!
//! The event loop watches the socket for reading only ([`Inbox`]): one that also watched for
//! writing would be woken each time the peer read something (the kernel reports the freed
//! space), for nothing. Waiting for space is rare (a full socket buffer) and registers then.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::Mutex;
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;
use tokio::sync::Notify;

use super::os;

/// Most times the writer task lets the other tasks run before it writes what they added.
const GATHER_YIELDS: usize = 8;

pub(crate) struct Outbox {
    /// The socket, for writes that cannot wait (non-blocking, like the task's half).
    direct: UnixStream,
    state: Mutex<State>,
    wake: Notify,
}

#[derive(Default)]
struct State {
    pending: Vec<u8>,
    /// The writer task is sending what was pending.
    busy: bool,
}

impl Outbox {
    /// `direct` is a non-blocking handle to the socket.
    pub(crate) fn new(direct: UnixStream) -> Self {
        Self { direct, state: Mutex::default(), wake: Notify::new() }
    }

    /// Writes `frame` now if the socket takes it, else leaves it to the writer task.
    pub(crate) fn send_now(&self, frame: &[u8]) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if state.pending.is_empty() && !state.busy {
            let written = match (&self.direct).write(frame) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => 0,
                // The peer is gone; whoever supervises it finds out from the reading side.
                Err(_) => return,
            };
            if written == frame.len() {
                return;
            }
            state.pending.extend_from_slice(&frame[written..]);
        } else {
            state.pending.extend_from_slice(frame);
            if state.busy {
                return;
            }
        }
        drop(state);
        self.wake.notify_one();
    }

    /// Writes what is pending now, if the socket takes it and the writer task is not in the
    /// middle of a write (then it sends the pending bytes itself). Any thread may call it: the
    /// writer task gathers frames while the JS thread runs other tasks, and a task stuck in a
    /// long slice would otherwise hold the frames of those that already answered.
    pub(crate) fn flush(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if state.busy || state.pending.is_empty() {
            return;
        }
        if let Ok(written) = (&self.direct).write(&state.pending) {
            state.pending.drain(..written);
        }
    }

    /// Leaves `frame` to the writer task, which sends it with the others ready by then.
    pub(crate) fn send_soon(&self, frame: &[u8]) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.pending.extend_from_slice(frame);
        let busy = state.busy;
        drop(state);
        if !busy {
            self.wake.notify_one();
        }
    }

    /// The writer task: sends the pending bytes until the socket fails.
    pub(crate) async fn run(&self) {
        loop {
            self.wake.notified().await;
            // Let the tasks that are ready add their frames first, as long as they keep
            // adding: every write wakes the reading thread on the other side, and under load
            // one write per few jobs instead of one per job halves the context switches of
            // both processes. A task that starts a long slice meanwhile does not hold the
            // frames for long: the worker's watchdog thread flushes them within a tick.
            let mut seen = 0;
            for _ in 0..GATHER_YIELDS {
                tokio::task::yield_now().await;
                let pending = self.state.lock().map_or(0, |state| state.pending.len());
                if pending == seen {
                    break;
                }
                seen = pending;
            }
            loop {
                let batch = {
                    let Ok(mut state) = self.state.lock() else {
                        return;
                    };
                    if state.pending.is_empty() {
                        state.busy = false;
                        break;
                    }
                    state.busy = true;
                    std::mem::take(&mut state.pending)
                };
                if self.write_all(&batch).await.is_err() {
                    return;
                }
            }
        }
    }

    async fn write_all(&self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            match (&self.direct).write(bytes) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    let waiting = os::watch(self.direct.try_clone()?, Interest::WRITABLE)?;
                    drop(waiting.writable().await?);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The receiving side of the socket, watched for reading only.
pub(crate) struct Inbox {
    socket: AsyncFd<UnixStream>,
    chunk: Box<[u8]>,
}

impl Inbox {
    /// `socket` must be non-blocking; call inside the runtime that reads it.
    pub(crate) fn new(socket: UnixStream) -> io::Result<Self> {
        Ok(Self { socket: os::watch(socket, Interest::READABLE)?, chunk: vec![0; 64 * 1024].into() })
    }

    /// Appends what arrived to `buffer`; 0 when the peer closed the socket.
    pub(crate) async fn read(&mut self, buffer: &mut Vec<u8>) -> io::Result<usize> {
        loop {
            let mut ready = self.socket.readable().await?;
            match ready.try_io(|socket| socket.get_ref().read(&mut self.chunk)) {
                Ok(Ok(n)) => {
                    buffer.extend_from_slice(&self.chunk[..n]);
                    return Ok(n);
                }
                Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(Err(e)) => return Err(e),
                Err(_would_block) => {}
            }
        }
    }
}

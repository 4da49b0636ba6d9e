//! The binary's memory allocator, chosen per process role before the first allocation.
//!
//! - The server (and every other command) uses mimalloc. Its threads allocate on one thread
//!   and free on another all the time (requests, JSON, frames to and from the workers, egress
//!   responses), where glibc's malloc spends a quarter of the server's CPU; mimalloc's
//!   thread-local heaps make that cheap.
//! - A worker process keeps glibc's malloc: the server tunes it for the worker
//!   (`GLIBC_TUNABLES`), the worker's address space is limited to its share of the memory
//!   budget, and its resident size is what the budget counts. mimalloc reserves address space
//!   up front and keeps freed pages for reuse, which fits neither. The QuickJS heaps allocate
//!   through their own arenas anyway.
//!
//! The server starts workers with [`lambdabox_services::invoke::WORKER_PROCESS_ENV`] set; the first
//! allocation (before `main`) reads it with `getenv`, which does not allocate, and the choice
//! holds for the life of the process.

// A global allocator is an unsafe trait, and getenv a C call.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

const UNDECIDED: u8 = 0;
const SYSTEM: u8 = 1;
const MIMALLOC: u8 = 2;

/// mimalloc, or the system allocator in a worker process.
pub struct ProcessAllocator;

static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

#[inline]
fn use_system() -> bool {
    match CHOICE.load(Ordering::Relaxed) {
        UNDECIDED => decide(),
        choice => choice == SYSTEM,
    }
}

#[cold]
fn decide() -> bool {
    // SAFETY: the name is a NUL-terminated constant; getenv only reads the environment.
    let worker = unsafe { !libc::getenv(lambdabox_services::invoke::WORKER_PROCESS_ENV.as_ptr()).is_null() };
    let wanted = if worker { SYSTEM } else { MIMALLOC };
    // Should two threads get here at once, the first choice stands for both.
    match CHOICE.compare_exchange(UNDECIDED, wanted, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => worker,
        Err(chosen) => chosen == SYSTEM,
    }
}

// SAFETY: every call goes to the one allocator chosen at the first allocation, so memory is
// always freed or reallocated by the allocator that gave it out; both uphold GlobalAlloc.
unsafe impl GlobalAlloc for ProcessAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if use_system() { unsafe { System.alloc(layout) } } else { unsafe { mimalloc::MiMalloc.alloc(layout) } }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if use_system() {
            unsafe { System.alloc_zeroed(layout) }
        } else {
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if use_system() {
            unsafe { System.dealloc(ptr, layout) }
        } else {
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if use_system() {
            unsafe { System.realloc(ptr, layout, new_size) }
        } else {
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

//! The few operating-system calls the worker processes need that the standard library does
//! not offer: the shared heartbeat page, the monotonic clock both processes read, process
//! controls (parent-death signal, no-new-privileges) and resource limits. Each unsafe block
//! is one FFI call with its arguments checked here.
#![allow(unsafe_code)]

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::ptr::NonNull;
use std::sync::atomic::AtomicU64;

/// The descriptor number the heartbeat page has in a worker process.
pub(crate) const BEACON_FD: RawFd = 3;

/// Words of the heartbeat page.
const WORDS: usize = 2;
const PAGE: usize = 4096;

/// A page of memory shared by the server and one worker process. The worker's JS thread
/// writes the deadline of the slice it is running (and its longest overshoot); the server's
/// watchdog reads them, so a worker stuck in a built-in is seen even though it cannot answer.
pub(crate) struct Beacon {
    page: NonNull<AtomicU64>,
}

// SAFETY: the page holds only atomics, and the mapping lives as long as the `Beacon`.
unsafe impl Send for Beacon {}
// SAFETY: as above; every access is an atomic operation.
unsafe impl Sync for Beacon {}

impl Beacon {
    /// A new zeroed page and the descriptor that the worker maps it from.
    pub(crate) fn create() -> io::Result<(Self, OwnedFd)> {
        // SAFETY: the name is a NUL-terminated literal; flags are valid.
        let raw = unsafe { libc::memfd_create(c"lambdabox-beacon".as_ptr(), libc::MFD_CLOEXEC) };
        if raw < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `raw` was just returned by memfd_create and is owned by nobody else.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        // SAFETY: a valid descriptor and a positive length.
        if unsafe { libc::ftruncate(fd.as_raw_fd(), PAGE as libc::off_t) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok((Self::map(&fd)?, fd))
    }

    /// Maps the page the server handed to this worker process as [`BEACON_FD`].
    pub(crate) fn inherited() -> io::Result<Self> {
        // SAFETY: the server's spawn places the page's descriptor at BEACON_FD (see
        // `place_beacon`) and nothing else in the worker uses that number.
        let fd = unsafe { OwnedFd::from_raw_fd(BEACON_FD) };
        // The mapping keeps the memory; the descriptor is not needed afterwards.
        Self::map(&fd)
    }

    fn map(fd: &OwnedFd) -> io::Result<Self> {
        // SAFETY: maps PAGE bytes of a descriptor whose size is PAGE; checked for failure.
        let address = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                PAGE,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if address == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        NonNull::new(address.cast::<AtomicU64>())
            .map(|page| Self { page })
            .ok_or_else(|| io::Error::other("mmap returned null"))
    }

    /// The running slice's deadline (monotonic ms + 1), 0 when no JS runs.
    pub(crate) fn slice_deadline(&self) -> &AtomicU64 {
        self.word(0)
    }

    /// The longest time any slice ran past its deadline, in µs.
    pub(crate) fn max_overshoot_us(&self) -> &AtomicU64 {
        self.word(1)
    }

    fn word(&self, index: usize) -> &AtomicU64 {
        debug_assert!(index < WORDS);
        // SAFETY: the page is PAGE bytes, mapped for the lifetime of `self`, page-aligned,
        // and `index < WORDS` keeps the word inside it.
        unsafe { &*self.page.as_ptr().add(index) }
    }
}

impl Drop for Beacon {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `map`; no reference outlives `self`.
        unsafe { libc::munmap(self.page.as_ptr().cast(), PAGE) };
    }
}

/// Milliseconds of CLOCK_MONOTONIC, the same in every process of the machine.
pub(crate) fn monotonic_ms() -> u64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    now.tv_sec as u64 * 1000 + now.tv_nsec as u64 / 1_000_000
}

/// In the child between fork and exec: put the heartbeat page at [`BEACON_FD`], without
/// close-on-exec, and close every other descriptor above it (whatever the server inherited
/// without close-on-exec must not reach a worker). Only async-signal-safe calls.
pub(crate) fn place_beacon(fd: RawFd) -> io::Result<()> {
    if fd == BEACON_FD {
        // SAFETY: fcntl on a descriptor the child owns; clears FD_CLOEXEC.
        if unsafe { libc::fcntl(fd, libc::F_SETFD, 0) } != 0 {
            return Err(io::Error::last_os_error());
        }
    } else {
        // SAFETY: dup2 of a descriptor the child owns; the copy has no FD_CLOEXEC.
        if unsafe { libc::dup2(fd, BEACON_FD) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    // SAFETY: close_range with plain integer arguments; it only closes descriptors.
    // Kernels before 5.9 lack it: their leftover descriptors are closed on exec or harmless.
    unsafe { libc::syscall(libc::SYS_close_range, BEACON_FD + 1, libc::c_uint::MAX, 0) };
    Ok(())
}

/// The worker dies with the server: SIGKILL when the parent thread that spawned it ends.
pub(crate) fn die_with_parent(expected_parent: u32) -> io::Result<()> {
    // SAFETY: prctl with integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // The parent may have died before the call above: then nobody would send the signal.
    if std::os::unix::process::parent_id() != expected_parent {
        return Err(io::Error::other("the server exited while the worker started"));
    }
    Ok(())
}

/// Neither this process nor anything it could start may gain privileges (setuid, file
/// capabilities); required for an unprivileged seccomp filter and Landlock.
pub(crate) fn no_new_privileges() -> io::Result<()> {
    // SAFETY: prctl with integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1 as libc::c_ulong, 0, 0, 0) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A resource limit the kernel enforces on this process.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Resource {
    /// Address space: allocations past it fail (the engine reports out of memory).
    AddressSpace,
    /// Open descriptors: none beyond those the worker already holds (plus a few for its
    /// own event loops).
    OpenFiles,
    /// Core dumps: none (a dump would write the worker's memory to disk).
    CoreSize,
    /// Largest file the process may write: nothing.
    FileSize,
}

/// Sets both the soft and the hard limit (so the worker cannot raise it again).
pub(crate) fn limit(resource: Resource, value: u64) -> io::Result<()> {
    let which = match resource {
        Resource::AddressSpace => libc::RLIMIT_AS,
        Resource::OpenFiles => libc::RLIMIT_NOFILE,
        Resource::CoreSize => libc::RLIMIT_CORE,
        Resource::FileSize => libc::RLIMIT_FSIZE,
    };
    let value = value as libc::rlim_t;
    let limit = libc::rlimit { rlim_cur: value, rlim_max: value };
    // SAFETY: setrlimit with a valid resource and a valid struct.
    if unsafe { libc::setrlimit(which, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Resident memory of process `pid` in bytes, from /proc (None once it is gone).
pub(crate) fn resident_bytes(pid: u32) -> Option<u64> {
    let statm = std::fs::read_to_string(format!("/proc/{pid}/statm")).ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * page_size())
}

fn page_size() -> u64 {
    // SAFETY: sysconf with a valid name.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 { size as u64 } else { 4096 }
}

/// Total memory of the machine in bytes (for the default memory budget).
pub(crate) fn machine_memory_bytes() -> Option<u64> {
    // SAFETY: sysconf with valid names.
    let (pages, size) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
    (pages > 0 && size > 0).then(|| pages as u64 * size as u64)
}

/// Makes the spawned worker find the heartbeat page `fd` at [`BEACON_FD`].
pub(crate) fn pass_beacon(command: &mut tokio::process::Command, fd: RawFd) {
    // SAFETY: the closure runs in the child between fork and exec and only calls
    // `place_beacon`, which makes async-signal-safe system calls and does not allocate.
    unsafe {
        command.pre_exec(move || place_beacon(fd));
    }
}

/// Registers `socket` with the current tokio runtime for `interest` only (see `outbox`).
pub(crate) fn watch(
    socket: std::os::unix::net::UnixStream,
    interest: tokio::io::Interest,
) -> io::Result<tokio::io::unix::AsyncFd<std::os::unix::net::UnixStream>> {
    // SAFETY: the `AsyncFd` owns the stream, so its descriptor stays open and names the same
    // socket for the `AsyncFd`'s whole life, and `as_raw_fd` always returns that descriptor.
    unsafe { tokio::io::unix::AsyncFd::register_with_interest(socket, interest) }.map_err(io::Error::from)
}

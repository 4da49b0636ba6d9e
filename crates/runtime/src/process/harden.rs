//! What a worker process gives up before it runs any lambda: new privileges, files, sockets,
//! other processes. Lambda code never makes a system call itself (it is interpreted), so this
//! is the second wall, for the day an engine bug lets it run native code: the worker can then
//! still only compute, allocate within its limit, and talk to the server over the socket it
//! was given.
//!
//! - `PR_SET_PDEATHSIG`: the worker dies with the server.
//! - `PR_SET_NO_NEW_PRIVS`: nothing it runs gains privileges.
//! - rlimits: address space (its share of `--lambda-memory-total-mb`), no new descriptors past
//!   a handful, no core dumps, no file writes.
//! - Landlock (when the kernel has it): no file system access and no TCP bind or connect.
//! - seccomp: an allowlist of the system calls the engine and its event loops use; anything
//!   else (open, socket, connect, execve, fork, ptrace, kill, …) fails with `ENOSYS`.

use super::os::{self, Resource};
use seccompiler::{SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule};
use std::collections::BTreeMap;
use std::io;

/// Descriptors a worker may hold: stdio, the socket, the heartbeat page, and those its
/// event loops open after the restriction (epoll and eventfd, two per loop).
const MAX_OPEN_FILES: u64 = 32;

/// How far the restriction went, for the start-up log line.
#[derive(Debug)]
pub(crate) struct Report {
    pub(crate) landlock: &'static str,
}

/// First step, on the main thread before any other thread exists (Landlock and the limits
/// are inherited by threads started later).
pub(crate) fn restrict_process(expected_parent: u32, address_space_bytes: u64) -> io::Result<Report> {
    os::die_with_parent(expected_parent)?;
    os::no_new_privileges()?;
    if address_space_bytes > 0 {
        os::limit(Resource::AddressSpace, address_space_bytes)?;
    }
    os::limit(Resource::CoreSize, 0)?;
    os::limit(Resource::FileSize, 0)?;
    os::limit(Resource::OpenFiles, MAX_OPEN_FILES)?;
    // Landlock is the second layer under the seccomp allowlist (which already refuses opening
    // files and sockets): where the kernel or a container's own filter does not offer it, the
    // worker goes on without it and says so.
    let landlock = landlock_everything().unwrap_or("not available here");
    Ok(Report { landlock })
}

fn landlock_everything() -> Result<&'static str, landlock::RulesetError> {
    use landlock::{ABI, Access, AccessFs, AccessNet, Ruleset, RulesetAttr, RulesetStatus, Scope};
    let abi = ABI::V6;
    let status = Ruleset::default()
        .handle_access(AccessFs::from_all(abi))
        .and_then(|r| r.handle_access(AccessNet::from_all(abi)))
        .and_then(|r| r.scope(Scope::from_all(abi)))
        .and_then(|r| r.create())
        .and_then(|r| r.restrict_self())?;
    Ok(match status.ruleset {
        RulesetStatus::FullyEnforced => "enforced",
        RulesetStatus::PartiallyEnforced => "partly enforced (older kernel)",
        RulesetStatus::NotEnforced => "not available in this kernel",
    })
}

/// Last step, once the worker's event loop exists: the system-call allowlist, for every
/// thread of the process.
pub(crate) fn restrict_system_calls() -> io::Result<()> {
    let filter = SeccompFilter::new(
        rules()?,
        SeccompAction::Errno(libc::ENOSYS as u32),
        SeccompAction::Allow,
        std::env::consts::ARCH.try_into().map_err(|e| io::Error::other(format!("seccomp: {e}")))?,
    )
    .map_err(|e| io::Error::other(format!("seccomp: {e}")))?;
    let program: seccompiler::BpfProgram =
        filter.try_into().map_err(|e: seccompiler::BackendError| io::Error::other(format!("seccomp: {e}")))?;
    seccompiler::apply_filter_all_threads(&program).map_err(|e| io::Error::other(format!("seccomp: {e}")))
}

fn rules() -> io::Result<BTreeMap<i64, Vec<SeccompRule>>> {
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> =
        ALLOWED.iter().chain(ALLOWED_HERE).map(|&call| (call, Vec::new())).collect();
    let condition = |arg: u8, op: SeccompCmpOp, value: u64| {
        SeccompCondition::new(arg, SeccompCmpArgLen::Qword, op, value)
            .map_err(|e| io::Error::other(format!("seccomp: {e}")))
    };
    let rule = |conditions| SeccompRule::new(conditions).map_err(|e| io::Error::other(format!("seccomp: {e}")));
    // Threads only: a clone without CLONE_THREAD would be a new process. (clone3 passes its
    // flags in memory the filter cannot read; it gets ENOSYS and the C library falls back to
    // clone.)
    let thread = libc::CLONE_THREAD as u64;
    rules.insert(libc::SYS_clone, vec![rule(vec![condition(0, SeccompCmpOp::MaskedEq(thread), thread)?])?]);
    // Thread names only.
    rules.insert(libc::SYS_prctl, vec![rule(vec![condition(0, SeccompCmpOp::Eq, libc::PR_SET_NAME as u64)?])?]);
    // Signals to itself only (an abort raises SIGABRT on its own thread).
    let pid = u64::from(std::process::id());
    rules.insert(libc::SYS_tgkill, vec![rule(vec![condition(0, SeccompCmpOp::Eq, pid)?])?]);
    Ok(rules)
}

/// System calls a worker makes while it runs lambdas: memory, threads and futexes, its event
/// loops on descriptors it already has, clocks and randomness.
const ALLOWED: &[i64] = &[
    libc::SYS_read,
    libc::SYS_write,
    libc::SYS_readv,
    libc::SYS_writev,
    libc::SYS_recvfrom,
    libc::SYS_sendto,
    libc::SYS_recvmsg,
    libc::SYS_sendmsg,
    libc::SYS_close,
    libc::SYS_fstat,
    libc::SYS_newfstatat,
    libc::SYS_statx,
    libc::SYS_lseek,
    libc::SYS_fcntl,
    libc::SYS_ioctl,
    libc::SYS_mmap,
    libc::SYS_munmap,
    libc::SYS_mprotect,
    libc::SYS_mremap,
    libc::SYS_madvise,
    libc::SYS_brk,
    libc::SYS_futex,
    libc::SYS_set_robust_list,
    libc::SYS_rseq,
    libc::SYS_sched_yield,
    libc::SYS_sched_getaffinity,
    libc::SYS_getpid,
    libc::SYS_gettid,
    libc::SYS_getrandom,
    libc::SYS_clock_gettime,
    libc::SYS_clock_getres,
    libc::SYS_clock_nanosleep,
    libc::SYS_nanosleep,
    libc::SYS_gettimeofday,
    libc::SYS_epoll_create1,
    libc::SYS_epoll_ctl,
    libc::SYS_epoll_pwait,
    libc::SYS_epoll_pwait2,
    libc::SYS_eventfd2,
    libc::SYS_ppoll,
    libc::SYS_rt_sigaction,
    libc::SYS_rt_sigprocmask,
    libc::SYS_rt_sigreturn,
    libc::SYS_sigaltstack,
    libc::SYS_restart_syscall,
    libc::SYS_exit,
    libc::SYS_exit_group,
    libc::SYS_getrusage,
    libc::SYS_shutdown,
];

/// The older calls that only some architectures have (aarch64 has only their `p` variants).
#[cfg(target_arch = "x86_64")]
const ALLOWED_HERE: &[i64] = &[libc::SYS_epoll_wait, libc::SYS_poll];
#[cfg(not(target_arch = "x86_64"))]
const ALLOWED_HERE: &[i64] = &[];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

    use super::*;
    use std::io::Write;
    use std::process::Command;

    const CHILD: &str = "LAMBDABOX_HARDEN_TEST_CHILD";

    /// Runs in a child process (started by the test below): restricts itself as a worker
    /// does, then tries what a worker must not do and prints one line per attempt.
    #[test]
    fn restricted_child() {
        let Ok(target) = std::env::var(CHILD) else {
            return;
        };
        // AddressSanitizer reserves terabytes of address space for its shadow memory up front:
        // under it (the engine's CI) an address-space limit would fail every allocation.
        let sanitized = std::env::var_os("ASAN_OPTIONS").is_some();
        restrict_process(std::os::unix::process::parent_id(), if sanitized { 0 } else { 2 << 30 }).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        restrict_system_calls().unwrap();
        let mut out = std::io::stdout().lock();
        let mut report = |what: &str, allowed: bool| {
            writeln!(out, "{what}={}", if allowed { "allowed" } else { "refused" }).unwrap()
        };
        report("open", std::fs::File::open("/proc/self/status").is_ok());
        report("create", std::fs::File::create(std::env::temp_dir().join("lambdabox-harden-test")).is_ok());
        report("connect", std::net::TcpStream::connect(&target).is_ok());
        report("listen", std::net::TcpListener::bind("127.0.0.1:0").is_ok());
        report("socketpair", std::os::unix::net::UnixStream::pair().is_ok());
        report("exec", Command::new("/bin/true").status().is_ok());
        let mut huge = Vec::<u8>::new();
        let reserved = huge.try_reserve(3 << 30).is_ok();
        // Kept observable, so that an optimised build cannot leave the allocation out.
        std::hint::black_box(&mut huge);
        report("allocate past the address-space limit", reserved && !sanitized);
        // What a worker needs still works: threads, timers, memory.
        let thread = std::thread::spawn(|| vec![7u8; 64 << 20].iter().map(|&b| u64::from(b)).sum::<u64>());
        report("thread", thread.join().is_ok_and(|sum| sum == 7 * (64 << 20)));
        report(
            "timer",
            runtime.block_on(async {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                true
            }),
        );
    }

    #[test]
    fn a_worker_cannot_open_files_connect_listen_or_start_programs() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let output = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "process::harden::tests::restricted_child", "--nocapture", "--test-threads=1"])
            .env(CHILD, listener.local_addr().unwrap().to_string())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let refusals =
            ["open", "create", "connect", "listen", "socketpair", "exec", "allocate past the address-space limit"];
        for refused in refusals {
            assert!(text.contains(&format!("{refused}=refused")), "{refused} should be refused:\n{text}");
        }
        for allowed in ["thread", "timer"] {
            assert!(text.contains(&format!("{allowed}=allowed")), "{allowed} should work:\n{text}");
        }
    }
}

//! The framed protocol between the server and a worker process, over a socketpair.
//!
//! A frame is a little-endian `u32` body length, then the body: one tag byte and the
//! message's fields in order. Integers are little-endian fixed width; strings and byte
//! strings are a `u32` length and the bytes; JSON values travel as their text (the engine
//! takes and gives JSON text anyway). Nothing here trusts the peer: every read is bounds
//! checked, and a malformed frame is an error that ends the connection.

use lambdabox_domain::outcome::{FailureCode, LogEntry, LogLevel, RunOutcome};

/// Largest frame either side accepts (a job carries at most the lambda's bytecode and its
/// input; both are far below this).
pub(crate) const MAX_FRAME: usize = 64 * 1024 * 1024;

/// The limits a worker runs its invocations under, sent once at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WorkerInit {
    pub(crate) timeout_ms: u64,
    pub(crate) memory_bytes: u64,
    pub(crate) stack_bytes: u64,
    pub(crate) max_log_entries: u64,
    pub(crate) max_log_chars: u64,
    pub(crate) max_in_flight: u64,
    /// The kernel's address-space limit for the whole worker process (0: none).
    pub(crate) address_space_bytes: u64,
}

/// Code a job runs, sent with the first job that needs it on a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeBody {
    pub(crate) bytecode: Vec<u8>,
    pub(crate) callback_style: bool,
    pub(crate) source_chars: u64,
}

/// Server → worker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ToWorker {
    Init(WorkerInit),
    Job {
        id: u64,
        code_id: u64,
        code: Option<CodeBody>,
        /// Time left until the deadline when the frame was written, in µs.
        remaining_us: u64,
        /// The invocation's whole time limit (for its timeout message), in µs.
        timeout_us: u64,
        input_json: String,
        env: Vec<(String, String)>,
        lambda_uuid: String,
    },
    Cancel {
        id: u64,
    },
    OpReply {
        op: u64,
        ok: bool,
        json: String,
    },
    /// Drop every cached code body; later jobs bring theirs again.
    ForgetCode,
}

/// Worker → server.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FromWorker {
    /// The worker's JS thread is idle and takes this many more jobs.
    Ready {
        jobs: u32,
    },
    /// The worker wants this many fewer of the jobs it asked for and has not been given (as
    /// many as are still owed; the server may have sent some already).
    Withdraw {
        jobs: u32,
    },
    Log {
        id: u64,
        entry: LogEntry,
    },
    /// Job `id` answered; `tail`: work the lambda left running goes on, and `End` follows.
    Done {
        id: u64,
        outcome: RunOutcome,
        tail: bool,
    },
    /// Job `id`, which answered with a tail, has ended.
    End {
        id: u64,
    },
    /// A host operation (`http`, `secret.read`, …) for the server to run with the job's
    /// capabilities.
    Op {
        id: u64,
        op: u64,
        name: String,
        args_json: String,
    },
}

/// A frame that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("malformed frame: {0}")]
pub(crate) struct Malformed(&'static str);

/// Appends one frame to `out`.
pub(crate) fn encode_to_worker(message: &ToWorker, out: &mut Vec<u8>) {
    let mut w = Writer::start(out);
    match message {
        ToWorker::Init(init) => {
            w.u8(0);
            for value in [
                init.timeout_ms,
                init.memory_bytes,
                init.stack_bytes,
                init.max_log_entries,
                init.max_log_chars,
                init.max_in_flight,
                init.address_space_bytes,
            ] {
                w.u64(value);
            }
        }
        ToWorker::Job { id, code_id, code, remaining_us, timeout_us, input_json, env, lambda_uuid } => {
            w.u8(1);
            w.u64(*id);
            w.u64(*code_id);
            match code {
                Some(body) => {
                    w.u8(1);
                    w.bytes(&body.bytecode);
                    w.u8(u8::from(body.callback_style));
                    w.u64(body.source_chars);
                }
                None => w.u8(0),
            }
            w.u64(*remaining_us);
            w.u64(*timeout_us);
            w.str(input_json);
            w.u32(env.len() as u32);
            for (name, value) in env {
                w.str(name);
                w.str(value);
            }
            w.str(lambda_uuid);
        }
        ToWorker::Cancel { id } => {
            w.u8(2);
            w.u64(*id);
        }
        ToWorker::OpReply { op, ok, json } => {
            w.u8(3);
            w.u64(*op);
            w.u8(u8::from(*ok));
            w.str(json);
        }
        ToWorker::ForgetCode => w.u8(4),
    }
    w.finish();
}

/// Appends one frame to `out`.
pub(crate) fn encode_from_worker(message: &FromWorker, out: &mut Vec<u8>) {
    let mut w = Writer::start(out);
    match message {
        FromWorker::Ready { jobs } => {
            w.u8(10);
            w.u32(*jobs);
        }
        FromWorker::Log { id, entry } => {
            w.u8(11);
            w.u64(*id);
            w.u8(level_tag(entry.level));
            w.str(&entry.message);
            w.str(&serde_json::Value::Array(entry.extras.clone()).to_string());
            w.u64(entry.timestamp as u64);
        }
        FromWorker::Done { id, outcome, tail } => {
            w.u8(12);
            w.u64(*id);
            w.u8(u8::from(*tail));
            match outcome {
                RunOutcome::Ok(value) => {
                    w.u8(0);
                    w.str(&value.to_string());
                }
                RunOutcome::Failure { code, message } => {
                    w.u8(1 + failure_tag(*code));
                    w.str(message);
                }
            }
        }
        FromWorker::Op { id, op, name, args_json } => {
            w.u8(13);
            w.u64(*id);
            w.u64(*op);
            w.str(name);
            w.str(args_json);
        }
        FromWorker::End { id } => {
            w.u8(14);
            w.u64(*id);
        }
        FromWorker::Withdraw { jobs } => {
            w.u8(15);
            w.u32(*jobs);
        }
    }
    w.finish();
}

/// Reads one frame body (without its length prefix).
pub(crate) fn decode_to_worker(body: &[u8]) -> Result<ToWorker, Malformed> {
    let mut r = Reader(body);
    let message = match r.u8()? {
        0 => ToWorker::Init(WorkerInit {
            timeout_ms: r.u64()?,
            memory_bytes: r.u64()?,
            stack_bytes: r.u64()?,
            max_log_entries: r.u64()?,
            max_log_chars: r.u64()?,
            max_in_flight: r.u64()?,
            address_space_bytes: r.u64()?,
        }),
        1 => {
            let id = r.u64()?;
            let code_id = r.u64()?;
            let code = match r.u8()? {
                0 => None,
                _ => Some(CodeBody {
                    bytecode: r.bytes()?.to_vec(),
                    callback_style: r.u8()? != 0,
                    source_chars: r.u64()?,
                }),
            };
            let remaining_us = r.u64()?;
            let timeout_us = r.u64()?;
            let input_json = r.string()?;
            let count = r.u32()? as usize;
            let mut env = Vec::with_capacity(count.min(1024));
            for _ in 0..count {
                env.push((r.string()?, r.string()?));
            }
            let lambda_uuid = r.string()?;
            ToWorker::Job { id, code_id, code, remaining_us, timeout_us, input_json, env, lambda_uuid }
        }
        2 => ToWorker::Cancel { id: r.u64()? },
        3 => ToWorker::OpReply { op: r.u64()?, ok: r.u8()? != 0, json: r.string()? },
        4 => ToWorker::ForgetCode,
        _ => return Err(Malformed("unknown message")),
    };
    r.end()?;
    Ok(message)
}

/// Reads one frame body (without its length prefix).
pub(crate) fn decode_from_worker(body: &[u8]) -> Result<FromWorker, Malformed> {
    let mut r = Reader(body);
    let message = match r.u8()? {
        10 => FromWorker::Ready { jobs: r.u32()? },
        15 => FromWorker::Withdraw { jobs: r.u32()? },
        11 => {
            let id = r.u64()?;
            let level = level_of(r.u8()?)?;
            let message = r.string()?;
            let extras = match serde_json::from_str(&r.string()?) {
                Ok(serde_json::Value::Array(extras)) => extras,
                _ => return Err(Malformed("log extras are not a JSON array")),
            };
            let timestamp = r.u64()? as i64;
            FromWorker::Log { id, entry: LogEntry { level, message, extras, timestamp } }
        }
        12 => {
            let id = r.u64()?;
            let tail = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(Malformed("bad tail flag")),
            };
            let outcome = match r.u8()? {
                0 => RunOutcome::Ok(serde_json::from_str(&r.string()?).map_err(|_| Malformed("result is not JSON"))?),
                tag => RunOutcome::Failure { code: failure_of(tag - 1)?, message: r.string()? },
            };
            FromWorker::Done { id, outcome, tail }
        }
        14 => FromWorker::End { id: r.u64()? },
        13 => FromWorker::Op { id: r.u64()?, op: r.u64()?, name: r.string()?, args_json: r.string()? },
        _ => return Err(Malformed("unknown message")),
    };
    r.end()?;
    Ok(message)
}

/// Splits the first complete frame off `buffer`: `Ok(Some(body range end))` once a whole
/// frame is there.
pub(crate) fn frame_len(buffer: &[u8]) -> Result<Option<usize>, Malformed> {
    let Some(prefix) = buffer.get(..4) else {
        return Ok(None);
    };
    let len = u32::from_le_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]) as usize;
    if len > MAX_FRAME {
        return Err(Malformed("frame too large"));
    }
    Ok((buffer.len() >= 4 + len).then_some(len))
}

fn level_tag(level: LogLevel) -> u8 {
    match level {
        LogLevel::Debug => 0,
        LogLevel::Info => 1,
        LogLevel::Warn => 2,
        LogLevel::Error => 3,
    }
}

fn level_of(tag: u8) -> Result<LogLevel, Malformed> {
    Ok(match tag {
        0 => LogLevel::Debug,
        1 => LogLevel::Info,
        2 => LogLevel::Warn,
        3 => LogLevel::Error,
        _ => return Err(Malformed("unknown log level")),
    })
}

fn failure_tag(code: FailureCode) -> u8 {
    match code {
        FailureCode::CustomFailure => 0,
        FailureCode::RuntimeException => 1,
        FailureCode::ExecutionTimeExceeded => 2,
        FailureCode::LogLimitReached => 3,
        FailureCode::PlatformFailure => 4,
    }
}

fn failure_of(tag: u8) -> Result<FailureCode, Malformed> {
    Ok(match tag {
        0 => FailureCode::CustomFailure,
        1 => FailureCode::RuntimeException,
        2 => FailureCode::ExecutionTimeExceeded,
        3 => FailureCode::LogLimitReached,
        4 => FailureCode::PlatformFailure,
        _ => return Err(Malformed("unknown failure code")),
    })
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
}

impl<'a> Writer<'a> {
    fn start(out: &'a mut Vec<u8>) -> Self {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        Self { out, start }
    }
    fn u8(&mut self, value: u8) {
        self.out.push(value);
    }
    fn u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }
    fn u64(&mut self, value: u64) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }
    fn bytes(&mut self, value: &[u8]) {
        self.u32(value.len() as u32);
        self.out.extend_from_slice(value);
    }
    fn str(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }
    fn finish(self) {
        let len = (self.out.len() - self.start - 4) as u32;
        self.out[self.start..self.start + 4].copy_from_slice(&len.to_le_bytes());
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if self.0.len() < n {
            return Err(Malformed("truncated"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, Malformed> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, Malformed> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
    fn bytes(&mut self) -> Result<&'a [u8], Malformed> {
        let len = self.u32()? as usize;
        self.take(len)
    }
    fn string(&mut self) -> Result<String, Malformed> {
        std::str::from_utf8(self.bytes()?).map(str::to_owned).map_err(|_| Malformed("text is not UTF-8"))
    }
    fn end(&self) -> Result<(), Malformed> {
        if self.0.is_empty() { Ok(()) } else { Err(Malformed("trailing bytes")) }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

    use super::*;

    fn round_trip_to(message: ToWorker) {
        let mut out = Vec::new();
        encode_to_worker(&message, &mut out);
        let len = frame_len(&out).unwrap().unwrap();
        assert_eq!(len + 4, out.len());
        assert_eq!(decode_to_worker(&out[4..]).unwrap(), message);
    }

    fn round_trip_from(message: FromWorker) {
        let mut out = Vec::new();
        encode_from_worker(&message, &mut out);
        let len = frame_len(&out).unwrap().unwrap();
        assert_eq!(decode_from_worker(&out[4..4 + len]).unwrap(), message);
    }

    #[test]
    fn every_message_survives_the_wire() {
        round_trip_to(ToWorker::Init(WorkerInit {
            timeout_ms: 30_000,
            memory_bytes: 1 << 28,
            stack_bytes: 1 << 20,
            max_log_entries: 10,
            max_log_chars: 6000,
            max_in_flight: 512,
            address_space_bytes: 0,
        }));
        round_trip_to(ToWorker::Job {
            id: 7,
            code_id: 9,
            code: Some(CodeBody { bytecode: vec![1, 2, 3], callback_style: true, source_chars: 40 }),
            remaining_us: 1_000_000,
            timeout_us: 30_000_000,
            input_json: r#"{"payload":"é"}"#.to_owned(),
            env: vec![("BRAND_ID".to_owned(), "le1".to_owned())],
            lambda_uuid: "u".to_owned(),
        });
        round_trip_to(ToWorker::Cancel { id: 3 });
        round_trip_to(ToWorker::OpReply { op: 1, ok: false, json: "{}".to_owned() });
        round_trip_to(ToWorker::ForgetCode);
        round_trip_from(FromWorker::Ready { jobs: 3 });
        round_trip_from(FromWorker::Withdraw { jobs: 2 });
        round_trip_from(FromWorker::Log {
            id: 1,
            entry: LogEntry {
                level: LogLevel::Warn,
                message: "m".to_owned(),
                extras: vec![serde_json::json!({"a": 1})],
                timestamp: 1_700_000_000_000,
            },
        });
        round_trip_from(FromWorker::Done { id: 2, outcome: RunOutcome::Ok(serde_json::json!([1, "x"])), tail: false });
        round_trip_from(FromWorker::Done {
            id: 2,
            outcome: RunOutcome::failure(FailureCode::PlatformFailure, "gone"),
            tail: true,
        });
        round_trip_from(FromWorker::End { id: 2 });
        round_trip_from(FromWorker::Op { id: 4, op: 5, name: "http".to_owned(), args_json: "{}".to_owned() });
    }

    #[test]
    fn malformed_frames_are_refused_not_trusted() {
        assert!(decode_from_worker(&[]).is_err());
        assert!(decode_from_worker(&[99]).is_err());
        assert!(decode_from_worker(&[12, 1, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255]).is_err());
        assert!(decode_from_worker(&[10, 0, 0, 0, 0, 0]).is_err());
        assert!(frame_len(&(MAX_FRAME as u32 + 1).to_le_bytes()).is_err());
        assert_eq!(frame_len(&[1, 0, 0]).unwrap(), None);
    }
}

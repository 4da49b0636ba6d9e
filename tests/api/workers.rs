//! Lambdas run in worker processes of the real binary: a worker stuck in a built-in is
//! killed and replaced and leaves no CPU burning, a worker that dies ends its invocations with
//! a platform failure, and past the memory budget new invocations are refused.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lambdas::{Api, HELLO};

async fn api_with(configure: impl FnOnce(&mut lambdabox::Config)) -> (Api, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    configure(&mut config);
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    (Api { token: app.token(&admin).await, app, admin }, dir)
}

/// CPU time (user + system) a process has used, in clock ticks; None once it is gone.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at ") ".
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
    if fields.first() == Some(&"Z") {
        return None;
    }
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn alive(pid: u32) -> bool {
    cpu_ticks(pid).is_some()
}

/// Starts invoking `uuid` (with `{}`) without waiting for the answer.
fn invoke_in_background(api: &Api, uuid: &str) -> tokio::task::JoinHandle<reqwest::Response> {
    let (client, url, token) = (api.app.client(), api.url(&format!("/lambdas/{uuid}/invoke?v=1")), api.token.clone());
    tokio::spawn(async move { client.post(url).bearer_auth(token).json(&json!({})).send().await.unwrap() })
}

/// Invokes `hello` until it answers 200; fails after 3 s.
async fn answers_within_3_s(api: &Api, hello: &str) {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let res = api.invoke(hello, json!({"name": "x"})).await;
        if res.status() == StatusCode::OK {
            return;
        }
        assert!(Instant::now() < deadline, "the box does not answer again: {}", res.text().await.unwrap());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_built_in_stuck_past_its_deadline_is_killed_and_leaves_no_cpu_burning() {
    let (api, _dir) = api_with(|config| config.lambda_timeout = Duration::from_millis(500)).await;
    let hello = api.deployed("hello", HELLO).await;
    let stuck = [
        "[].concat({ length: 2 ** 53 - 1, [Symbol.isConcatSpreadable]: true });",
        "Array.prototype.reverse.call({ length: 2 ** 53 - 1 });",
        "Array.prototype.copyWithin.call({ length: 2 ** 53 - 1 }, 0, 1);",
        "new Array(2 ** 32 - 1).join('');",
    ];
    for (i, line) in stuck.iter().enumerate() {
        let code = format!(
            "function lambda(input, callback) {{\n  console.info('before');\n  {line}\n  callback(null, 1);\n}}"
        );
        let uuid = api.deployed(&format!("stuck{i}"), &code).await;
        let before = api.app.state.hooks().worker_pids();
        let started = Instant::now();
        let res = api.invoke(&uuid, json!({})).await;
        let answered = Instant::now();
        assert_eq!(res.status().as_u16(), 901, "{line}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errorCode"], "com.liveperson.faas.handler.executiontime-exceeded", "{line}: {body}");
        assert_eq!(body["errorLogs"][0]["message"], "before", "{line}: the log written before it came along");
        assert!(answered - started < Duration::from_secs(2), "{line}: answered at its deadline");

        // Within 3 s the stuck worker is gone and the workers are idle again.
        let mut stuck_gone = false;
        while answered.elapsed() < Duration::from_secs(3) {
            let now = api.app.state.hooks().worker_pids();
            if before.iter().any(|pid| !alive(*pid)) && now.len() == before.len() {
                stuck_gone = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(stuck_gone, "{line}: a worker was killed and replaced (before {before:?})");
        let workers = api.app.state.hooks().worker_pids();
        let ticks = |pids: &[u32]| pids.iter().filter_map(|pid| cpu_ticks(*pid)).sum::<u64>();
        let (t0, at) = (ticks(&workers), Instant::now());
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let used = ticks(&workers) - t0;
        // Clock ticks are 10 ms: 5 % of the elapsed second is 5 ticks.
        let allowed = (at.elapsed().as_millis() as u64 / 10) / 20;
        assert!(used <= allowed.max(5), "{line}: workers used {used} ticks of CPU in a second after the kill");
        assert!(answered.elapsed() < Duration::from_secs(5));

        let started = Instant::now();
        let res = api.invoke(&hello, json!({"name": "next"})).await;
        assert_eq!(res.status(), StatusCode::OK, "{line}: the box answers again");
        assert_eq!(res.json::<Value>().await.unwrap(), json!({"hello": "next"}));
        assert!(started.elapsed() < Duration::from_millis(500), "{line}: at normal latency");
    }
}

#[tokio::test]
async fn invocations_on_a_worker_that_dies_end_with_a_platform_failure_and_the_worker_comes_back() {
    let (api, _dir) = api_with(|config| config.lambda_workers = 1).await;
    let waiter = api
        .deployed(
            "waiter",
            "function lambda(input, callback) {\n  console.info('waiting');\n  setTimeout(() => callback(null, 'late'), 5000);\n}",
        )
        .await;
    let hello = api.deployed("hello", HELLO).await;
    let worker = api.app.state.hooks().worker_pids();
    assert_eq!(worker.len(), 1);
    let pending = invoke_in_background(&api, &waiter);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let killed = std::process::Command::new("kill").args(["-9", &worker[0].to_string()]).status().unwrap();
    assert!(killed.success());
    let res = pending.await.unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errorCode"], "com.liveperson.faas.es.general", "{body}");
    assert!(body["errorMsg"].as_str().unwrap().contains("worker process"), "{body}");
    assert_eq!(body["errorLogs"][0]["message"], "waiting", "{body}");

    let res = api.invoke(&hello, json!({"name": "again"})).await;
    assert_eq!(res.status(), StatusCode::OK, "a new worker serves");
    let now = api.app.state.hooks().worker_pids();
    assert_eq!(now.len(), 1);
    assert_ne!(now, worker);

    api.app.state.hooks().flush().await;
    let res = api.get(&format!("/lambdas/{waiter}")).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_answer_leaves_the_worker_while_the_work_after_it_still_runs() {
    let (api, _dir) = api_with(|config| config.lambda_workers = 1).await;
    // The timer is due at once: its two seconds of work start right after the answer is
    // decided, before the worker's writer had a turn to send it.
    let code = "function lambda(input, callback) {\n  callback(null, 'early');\n  setTimeout(() => {\n    \
                const end = Date.now() + 2000;\n    while (Date.now() < end) {}\n  }, 0);\n}";
    let busy = api.deployed("busy_after", code).await;
    let started = Instant::now();
    let res = api.invoke(&busy, json!({})).await;
    let took = started.elapsed();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap(), json!("early"));
    assert!(took < Duration::from_millis(1000), "answered after {took:?}, with the work after the answer");
}

#[tokio::test]
async fn a_worker_whose_jobs_run_long_holds_few_jobs_behind_them() {
    let (api, _dir) = api_with(|config| config.lambda_workers = 2).await;
    let busy = |ms: u32| {
        format!(
            "function lambda(input, callback) {{\n  const end = Date.now() + {ms};\n  while (Date.now() < end) {{}}\n  \
             callback(null, 'done');\n}}"
        )
    };
    let warm = api.deployed("slow", &busy(40)).await;
    let long = api.deployed("long", &busy(3000)).await;
    let hello = api.deployed("hello", HELLO).await;
    // Both workers run slow jobs and learn that theirs take long: bursts of calls at once
    // go to the workers in turn.
    let started = Instant::now();
    while api.app.state.hooks().worker_pids().len() < 2 {
        assert!(started.elapsed() < Duration::from_secs(10), "two workers start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for _ in 0..3 {
        let burst = futures_util::future::join_all((0..4).map(|_| api.invoke(&warm, json!({})))).await;
        assert!(burst.iter().all(|res| res.status() == StatusCode::OK));
    }
    let running = invoke_in_background(&api, &long);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (api, hello) = (&api, &hello);
    let calls = (0..10).map(|i| async move {
        let started = Instant::now();
        let res = api.invoke(hello, json!({"name": format!("n{i}")})).await;
        assert_eq!(res.status(), StatusCode::OK);
        started.elapsed()
    });
    let took = futures_util::future::join_all(calls).await;
    let waited = took.iter().filter(|t| **t >= Duration::from_millis(1500)).count();
    // The other worker serves them, except the one the busy worker had asked for before
    // its long job began.
    assert!(waited <= 1, "{waited} of 10 waited for the long job: {took:?}");
    assert_eq!(running.await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn past_the_memory_budget_new_invocations_get_429_and_the_server_stays_small() {
    let (api, _dir) = api_with(|config| {
        config.lambda_workers = 1;
        config.lambda_memory_total_bytes = 256 << 20;
    })
    .await;
    let holder = api
        .deployed(
            "holder",
            "function lambda(input, callback) {\n  const held = new Uint8Array(96 * 1024 * 1024).fill(1);\n  \
             setTimeout(() => callback(null, held.length), 3000);\n}",
        )
        .await;
    let hello = api.deployed("hello", HELLO).await;
    let mut holders = Vec::new();
    for _ in 0..3 {
        let (client, url, token) =
            (api.app.client(), api.url(&format!("/lambdas/{holder}/invoke?v=1")), api.token.clone());
        holders.push(tokio::spawn(async move {
            client.post(url).bearer_auth(token).json(&json!({})).send().await.unwrap().status()
        }));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let (used, budget) = api.app.state.hooks().lambda_memory().unwrap();
    assert!(used >= budget, "the holders fill the budget: {used} of {budget}");
    let res = api.invoke(&hello, json!({"name": "x"})).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = res.json().await.unwrap();
    assert!(body["errorMsg"].as_str().unwrap().contains("--lambda-memory-total-mb"), "{body}");
    for holder in holders {
        assert_eq!(holder.await.unwrap(), StatusCode::OK, "the invocations already running finish");
    }
    // Their memory is returned; new invocations are admitted again.
    answers_within_3_s(&api, &hello).await;
}

#[tokio::test]
async fn a_worker_limited_by_the_kernel_fails_the_allocation_not_the_server() {
    let (api, _dir) = api_with(|config| {
        config.lambda_workers = 1;
        config.lambda_memory_total_bytes = 64 << 20;
        config.lambda_memory_bytes = 1024 << 20;
    })
    .await;
    let greedy = api
        .deployed(
            "greedy",
            "function lambda(input, callback) {\n  const chunks = [];\n  \
             for (let i = 0; i < 64; i++) chunks.push(new Uint8Array(16 * 1024 * 1024).fill(1));\n  \
             callback(null, chunks.length);\n}",
        )
        .await;
    let res = api.invoke(&greedy, json!({})).await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.as_u16() == 901 || status == StatusCode::INTERNAL_SERVER_ERROR, "{status}: {body}");
    let message = body["errorMsg"].as_str().unwrap();
    assert!(message.contains("memory") || message.contains("worker process"), "{body}");
    let hello = api.deployed("hello", HELLO).await;
    answers_within_3_s(&api, &hello).await;
}

//! Several nodes of the real binary sharing one PostgreSQL database: a change made on one node
//! (a deployment, an undeployment, revoked credentials) reaches the others within a second,
//! sessions work on every node, and a schedule fires exactly once per due minute while nodes
//! are killed and restarted.
//!
//! `LAMBDABOX_TEST_POSTGRES_URL` names a PostgreSQL server and a user who may create databases
//! (each test makes its own). Without it the tests are skipped, unless
//! `LAMBDABOX_REQUIRE_POSTGRES=1`. `LAMBDABOX_CLUSTER_SEED` repeats a kill order.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{ACCOUNT, ADMIN, ADMIN_PASSWORD, element_text, hidden_value};
use crate::postgres::TestDatabase;

/// How long a change made on one node may take to reach the others.
const PROPAGATION: Duration = Duration::from_secs(1);
/// How long to keep asking past that, to tell a late change (the periodic resync) from a lost one.
const PATIENCE: Duration = Duration::from_secs(40);

/// Both tests' clusters on the same cores at once would make each other's timings meaningless.
static ONE_CLUSTER_AT_A_TIME: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(|| tokio::sync::Mutex::new(()));

#[tokio::test]
async fn changes_on_one_node_reach_the_others_within_a_second() {
    let Some(db) = TestDatabase::create("cluster") else { return };
    let _turn = ONE_CLUSTER_AT_A_TIME.lock().await;
    let cluster = Cluster::start(db, 3).await;
    for n in 1..=3 {
        let ready: Value = http().get(cluster.url(n, "/readyz")).send().await.unwrap().json().await.unwrap();
        assert_eq!(ready["database"]["engine"], "postgresql", "node {n}: {ready}");
    }

    // A session made by signing in on node 1 works on every node.
    let browser = Browser::sign_in(&cluster.base(1)).await;
    for n in 1..=3 {
        let res = browser.get(&cluster.base(n), "/").await;
        assert_eq!(res.status(), StatusCode::OK, "node {n} knows the session made on node 1");
    }
    let res = http().get(cluster.url(2, "/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "without the cookie: off to the login page");
    let api = Api::new(&cluster.base(1), &browser.credentials(&cluster.base(1), "deployer").await).await;

    // Nodes 2 and 3 know the lambda as a draft first, so their caches have something to forget.
    let uuid = api.create(&cluster.base(1), "probe", &answering("v1")).await;
    for n in [2, 3] {
        let answer = api.invoke(&cluster.base(n), &uuid).await;
        assert!(answer.is_not_deployed(), "node {n} before the deploy: {answer:?}");
    }
    api.deploy(&cluster.base(1), &uuid).await;
    let since = Instant::now();
    let ask = async |base: &str| api.invoke(base, &uuid).await;
    reach_the_others("the deployment of v1", &cluster, since, &ask, |a| a.is_result("v1")).await;

    // Their caches hold v1 now: v2 reaches them only if the change does.
    api.update_code(&cluster.base(1), &uuid, &answering("v2")).await;
    api.deploy(&cluster.base(1), &uuid).await;
    let since = Instant::now();
    reach_the_others("the deployment of v2", &cluster, since, &ask, |a| a.is_result("v2")).await;

    let res = api.send(Method::DELETE, &cluster.base(1), &format!("/deployments/{uuid}"), None).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let since = Instant::now();
    let on_node_1 = api.invoke(&cluster.base(1), &uuid).await;
    assert!(on_node_1.is_not_deployed(), "node 1 refuses an undeployed lambda: {on_node_1:?}");
    reach_the_others("the undeployment", &cluster, since, &ask, Answer::is_not_deployed).await;

    // A token of credentials made on node 1, issued by node 2, used on nodes 2 and 3 ...
    let revocable = browser.credentials(&cluster.base(1), "revocable").await;
    let token = token(&cluster.base(2), &revocable).await;
    let client = http();
    let runtimes = async |base: &str| {
        let url = format!("{base}/api/account/{ACCOUNT}/runtimes");
        Answer::of(client.get(url).bearer_auth(&token).send().await.unwrap()).await
    };
    for n in [2, 3] {
        let answer = runtimes(&cluster.base(n)).await;
        assert_eq!(answer.status, StatusCode::OK, "node {n} takes the token: {answer:?}");
    }
    // ... stops working everywhere when node 1 revokes the credentials.
    let res = browser.post_form(&cluster.base(1), &format!("/account/credentials/{}/revoke", revocable.id), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let since = Instant::now();
    assert_eq!(runtimes(&cluster.base(1)).await.status, StatusCode::UNAUTHORIZED, "node 1 refuses it at once");
    let refused = |a: &Answer| a.status == StatusCode::UNAUTHORIZED;
    reach_the_others("the revocation of the credentials", &cluster, since, &runtimes, refused).await;
}

#[tokio::test]
async fn a_schedule_fires_once_per_due_minute_while_nodes_are_killed_and_restarted() {
    let Some(db) = TestDatabase::create("cluster") else { return };
    let _turn = ONE_CLUSTER_AT_A_TIME.lock().await;
    let seed = std::env::var("LAMBDABOX_CLUSTER_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    println!("kill order seed {seed} (LAMBDABOX_CLUSTER_SEED={seed} repeats it)");
    let mut rng = StdRng::seed_from_u64(seed);
    let mut cluster = Cluster::start(db, 3).await;
    let browser = Browser::sign_in(&cluster.base(1)).await;
    let api = Api::new(&cluster.base(1), &browser.credentials(&cluster.base(1), "chaos").await).await;
    let lambda = api.create(&cluster.base(1), "ticker", &answering("tick")).await;
    api.deploy(&cluster.base(1), &lambda).await;

    // Created well clear of a minute boundary, the first due minute is unambiguous.
    clear_of_a_minute_boundary().await;
    let created = now_ms();
    let body = json!({"lambdaUUID": lambda, "cronExpression": "* * * * *", "isActive": true, "payload": {}});
    let res = api.send(Method::POST, &cluster.base(1), "/schedules", Some(body)).await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let schedule = res.json::<Value>().await.unwrap()["uuid"].as_str().unwrap().to_owned();
    let first_due = (created / 60_000 + 1) * 60_000;
    let due: Vec<i64> = (0..3).map(|i| first_due + i * 60_000).collect();
    // The last due minute's run is long over by then.
    let end = due[2] + 25_000;
    println!("schedule {schedule} created at {created}; due {due:?}; chaos until {end}");

    let live = cluster.live.clone();
    let workload = create_lambdas(&api, &live, StdRng::seed_from_u64(seed ^ 1), end);
    let (kills, (attempted, acknowledged)) = tokio::join!(chaos(&mut cluster, &mut rng, end), workload);
    println!("{kills} kills; {} of {attempted} lambda creations acknowledged", acknowledged.len());
    assert!(kills >= 3, "the chaos killed nodes");
    assert!(!acknowledged.is_empty(), "some lambdas were created during the chaos");

    let runs = schedule_runs(&cluster.db.url, &schedule).await;
    println!("runs (due_at, status): {runs:?}");
    let missed: Vec<_> = runs.iter().filter(|(_, status)| status == "missed").collect();
    assert!(missed.is_empty(), "no run was missed: {missed:?} of {runs:?}");
    let in_window: Vec<_> = runs.iter().filter(|(due_at, _)| *due_at < end).collect();
    for minute in &due {
        let count = in_window.iter().filter(|(due_at, _)| due_at == minute).count();
        assert_eq!(count, 1, "due minute {minute} has {count} run(s): {runs:?}");
    }
    assert!(in_window.iter().all(|(due_at, _)| due.contains(due_at)), "runs only at due minutes after creation");
    assert_eq!(in_window.len(), due.len(), "one run per due minute: {runs:?}");

    let res = api.send(Method::GET, &cluster.base(1), "/lambdas", None).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let listed: Vec<Value> = res.json().await.unwrap();
    let names: Vec<&str> = listed.iter().filter_map(|l| l["name"].as_str()).collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|name| !names.contains(&name.as_str())).collect();
    assert!(lost.is_empty(), "acknowledged lambdas were lost: {lost:?}");
}

/// Kills a random node (never the last one up) every 15 to 25 seconds and starts it again, until
/// `until` (Unix ms); the number of kills.
async fn chaos(cluster: &mut Cluster, rng: &mut StdRng, until: i64) -> usize {
    let started = Instant::now();
    let mut kills = 0;
    loop {
        let pause = rng.gen_range(15_000..=25_000);
        if now_ms() + pause >= until {
            tokio::time::sleep(Duration::from_millis(u64::try_from(until - now_ms()).unwrap_or(0))).await;
            return kills;
        }
        tokio::time::sleep(Duration::from_millis(pause.unsigned_abs())).await;
        let up = cluster.live.up();
        assert!(up.len() > 1, "a node to spare: {up:?}");
        let victim = up[rng.gen_range(0..up.len())];
        println!("{:6.1} s: SIGKILL node {victim}", started.elapsed().as_secs_f64());
        cluster.kill(victim);
        kills += 1;
        tokio::time::sleep(Duration::from_millis(rng.gen_range(0..3_000))).await;
        cluster.start_node(victim).await;
        println!("{:6.1} s: node {victim} is back", started.elapsed().as_secs_f64());
    }
}

/// Creates lambdas on whichever nodes are up until `until` (Unix ms), every few seconds and
/// fewer than an account may have: how many it tried, and the names of those a node acknowledged.
async fn create_lambdas(api: &Api, live: &Live, mut rng: StdRng, until: i64) -> (usize, Vec<String>) {
    // Room for the scheduled lambda, and for every attempt having created one.
    let most = lambdabox_domain::lambda::MAX_LAMBDAS - 1;
    let (mut attempted, mut acknowledged) = (0, Vec::new());
    while now_ms() < until && attempted < most {
        if let Some(base) = live.pick(&mut rng) {
            attempted += 1;
            let name = format!("chaos_{attempted}");
            let body = json!({"name": name, "implementation": {"code": answering(&name)}});
            match api.send(Method::POST, &base, "/lambdas", Some(body)).await {
                Ok(res) if res.status().is_success() => acknowledged.push(name),
                Ok(res) => println!("creating {name} on {base}: {:?}", Answer::of(res).await),
                Err(err) => println!("creating {name} on {base}: {err}"),
            }
        }
        tokio::time::sleep(Duration::from_millis(rng.gen_range(2_000..5_000))).await;
    }
    (attempted, acknowledged)
}

/// Asks nodes 2 and 3 (at the same time) until their answers satisfy `done`: each must within
/// `PROPAGATION` of `since`.
async fn reach_the_others(
    what: &str,
    cluster: &Cluster,
    since: Instant,
    ask: &impl AsyncFn(&str) -> Answer,
    done: impl Fn(&Answer) -> bool,
) {
    let nodes = [2, 3];
    let waits = nodes.map(|n| wait_for(since, cluster.base(n), ask, &done));
    let results = futures_util::future::join_all(waits).await;
    for (n, result) in nodes.into_iter().zip(results) {
        match result {
            Ok(took) => {
                println!("{what} reached node {n} after {took:?}");
                assert!(took < PROPAGATION, "{what} reached node {n} only after {took:?}, not within {PROPAGATION:?}");
            }
            Err(last) => panic!("{what} did not reach node {n} within {PATIENCE:?}; it still answers {last:?}"),
        }
    }
}

/// Asks the node at `base` until `done` holds: how long after `since` that was, or the last
/// answer if it did not within `PATIENCE`.
async fn wait_for(
    since: Instant,
    base: String,
    ask: &impl AsyncFn(&str) -> Answer,
    done: &impl Fn(&Answer) -> bool,
) -> Result<Duration, Answer> {
    loop {
        let answer = ask(&base).await;
        if done(&answer) {
            return Ok(since.elapsed());
        }
        if since.elapsed() > PATIENCE {
            return Err(answer);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the wall clock is at least 5 s away from a minute boundary, before and after.
async fn clear_of_a_minute_boundary() {
    let into_minute = now_ms() % 60_000;
    if !(5_000..=45_000).contains(&into_minute) {
        let wait = (60_000 - into_minute + 5_000) % 60_000;
        tokio::time::sleep(Duration::from_millis(wait.unsigned_abs())).await;
    }
}

fn now_ms() -> i64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(since_epoch.as_millis()).unwrap()
}

/// A lambda answering `value`.
fn answering(value: &str) -> String {
    format!("function lambda(input, callback) {{\n  callback(null, '{value}');\n}}\n")
}

/// A client that follows no redirects and keeps no cookies.
fn http() -> Client {
    Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(10)).build().unwrap()
}

/// A node's answer: status and body (JSON, or the text as a JSON string).
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    body: Value,
}

impl Answer {
    async fn of(res: Response) -> Self {
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        Self { status, body: serde_json::from_str(&text).unwrap_or(Value::String(text)) }
    }

    fn is_result(&self, value: &str) -> bool {
        self.status == StatusCode::OK && self.body == json!(value)
    }

    /// What a single node answers for a lambda that is not deployed.
    fn is_not_deployed(&self) -> bool {
        self.status == StatusCode::NOT_FOUND && self.body["errorCode"] == "com.liveperson.faas.es.notdeployed"
    }
}

/// API credentials.
struct Credentials {
    id: String,
    secret: String,
}

/// An access token for `credentials`, issued by the node at `base`.
async fn token(base: &str, credentials: &Credentials) -> String {
    let form =
        [("grant_type", "client_credentials"), ("client_id", &credentials.id), ("client_secret", &credentials.secret)];
    let res = http().post(format!("{base}/oauth/token")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned()
}

/// A browser signed in as the administrator: its session cookie goes by hand to any node.
struct Browser {
    http: Client,
    cookie: String,
}

impl Browser {
    async fn sign_in(base: &str) -> Self {
        let http = http();
        let form = [("username", ADMIN), ("password", ADMIN_PASSWORD)];
        let res = http.post(format!("{base}/login")).form(&form).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "the administrator signs in");
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("lambdabox_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        Self { http, cookie }
    }

    async fn get(&self, base: &str, path: &str) -> Response {
        self.http.get(format!("{base}{path}")).header("cookie", &self.cookie).send().await.unwrap()
    }

    /// Posts a form with the session's CSRF token.
    async fn post_form(&self, base: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let page = self.get(base, "/account/credentials").await.text().await.unwrap();
        let csrf = hidden_value(&page, "csrf_token").expect("a csrf token");
        let mut form = fields.to_vec();
        form.push(("csrf_token", &csrf));
        self.http.post(format!("{base}{path}")).header("cookie", &self.cookie).form(&form).send().await.unwrap()
    }

    /// Creates API credentials named `name` on the node at `base`.
    async fn credentials(&self, base: &str, name: &str) -> Credentials {
        let res = self.post_form(base, "/account/credentials", &[("name", name)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "credentials created");
        let page = self.get(base, "/account/credentials").await.text().await.unwrap();
        Credentials { id: element_text(&page, "client-id"), secret: element_text(&page, "client-secret") }
    }
}

/// The LivePerson V1 API with a bearer token, on any node.
struct Api {
    http: Client,
    token: String,
}

impl Api {
    async fn new(base: &str, credentials: &Credentials) -> Self {
        Self { http: http(), token: token(base, credentials).await }
    }

    async fn send(&self, method: Method, base: &str, path: &str, body: Option<Value>) -> reqwest::Result<Response> {
        let url = format!("{base}/api/account/{ACCOUNT}{path}");
        let request = self.http.request(method, url).bearer_auth(&self.token);
        match body {
            Some(body) => request.json(&body),
            None => request,
        }
        .send()
        .await
    }

    /// Creates a lambda; its uuid.
    async fn create(&self, base: &str, name: &str, code: &str) -> String {
        let body = json!({"name": name, "implementation": {"code": code}});
        let res = self.send(Method::POST, base, "/lambdas", Some(body)).await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["uuid"].as_str().unwrap().to_owned()
    }

    async fn update_code(&self, base: &str, uuid: &str, code: &str) {
        let res = self.send(Method::GET, base, &format!("/lambdas/{uuid}"), None).await.unwrap();
        let lambda = res.json::<Value>().await.unwrap()[0].clone();
        let body = json!({"name": lambda["name"], "version": lambda["version"], "implementation": {"code": code}});
        let res = self.send(Method::PUT, base, &format!("/lambdas/{uuid}"), Some(body)).await.unwrap();
        assert_eq!(res.status(), StatusCode::ACCEPTED);
    }

    async fn deploy(&self, base: &str, uuid: &str) {
        let res = self.send(Method::POST, base, &format!("/deployments/{uuid}"), Some(json!({}))).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }

    async fn invoke(&self, base: &str, uuid: &str) -> Answer {
        let body = json!({"timestamp": 1, "headers": [], "payload": {}});
        let path = format!("/lambdas/{uuid}/invoke?v=1&externalSystem=tests");
        Answer::of(self.send(Method::POST, base, &path, Some(body)).await.unwrap()).await
    }
}

/// The addresses of the nodes that are up (by node number, from 1), shared with whoever sends
/// requests while nodes come and go.
#[derive(Clone, Default)]
struct Live(Arc<Mutex<Vec<Option<String>>>>);

impl Live {
    fn set(&self, number: usize, addr: Option<String>) {
        let mut addrs = self.0.lock().unwrap();
        if addrs.len() < number {
            addrs.resize(number, None);
        }
        addrs[number - 1] = addr;
    }

    fn addr(&self, number: usize) -> Option<String> {
        self.0.lock().unwrap().get(number - 1).cloned().flatten()
    }

    /// The numbers of the nodes that are up.
    fn up(&self) -> Vec<usize> {
        self.0.lock().unwrap().iter().enumerate().filter(|(_, a)| a.is_some()).map(|(i, _)| i + 1).collect()
    }

    /// The base URL of a random node that is up.
    fn pick(&self, rng: &mut StdRng) -> Option<String> {
        let up = self.up();
        let number = *up.get(rng.gen_range(0..up.len().max(1)))?;
        self.addr(number).map(|addr| format!("http://{addr}"))
    }
}

/// Nodes of the real binary on one database, set up once, each with a data dir of its own and
/// the same master key. Dropping it kills every node.
struct Cluster {
    nodes: Vec<Node>,
    live: Live,
    key: String,
    db: TestDatabase,
}

impl Cluster {
    async fn start(db: TestDatabase, nodes: usize) -> Self {
        let key = base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>());
        let mut cluster = Self { nodes: (1..=nodes).map(Node::new).collect(), live: Live::default(), key, db };
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(["setup", "--database-url", &cluster.db.url, "--account", ACCOUNT, "--admin", ADMIN])
            .arg("--data-dir")
            .arg(cluster.nodes[0].dir.path())
            .env("LAMBDABOX_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("LAMBDABOX_MASTER_KEY", &cluster.key)
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap();
        assert!(out.status.success(), "setup: {}", String::from_utf8_lossy(&out.stderr));
        let (url, key) = (&cluster.db.url, &cluster.key);
        let starts = cluster.nodes.iter_mut().map(|node| node.start(url, key));
        let addrs = futures_util::future::join_all(starts).await;
        for (i, addr) in addrs.into_iter().enumerate() {
            cluster.live.set(i + 1, Some(addr));
        }
        cluster
    }

    /// The base URL of node `number` (from 1), which must be up.
    fn base(&self, number: usize) -> String {
        let addr = self.live.addr(number).unwrap_or_else(|| panic!("node {number} is down"));
        format!("http://{addr}")
    }

    fn url(&self, number: usize, path: &str) -> String {
        format!("{}{path}", self.base(number))
    }

    /// SIGKILLs node `number`.
    fn kill(&mut self, number: usize) {
        self.live.set(number, None);
        self.nodes[number - 1].kill();
    }

    /// Starts node `number` again (same data dir, a new port) and waits until it is ready.
    async fn start_node(&mut self, number: usize) {
        let addr = self.nodes[number - 1].start(&self.db.url, &self.key).await;
        self.live.set(number, Some(addr));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for node in &self.nodes {
                eprintln!("--- node {} stderr, last lines ---\n{}", node.number, node.log_tail(60));
            }
        }
    }
}

/// One node: its data dir, its process while it runs, and its stderr over every start.
struct Node {
    number: usize,
    dir: tempfile::TempDir,
    process: Option<Child>,
    starts: usize,
    log: Arc<Mutex<Vec<String>>>,
}

impl Node {
    fn new(number: usize) -> Self {
        Self { number, dir: tempfile::tempdir().unwrap(), process: None, starts: 0, log: Arc::default() }
    }

    /// Starts `lambdabox serve` on a free port; its address once `/readyz` answers 200.
    async fn start(&mut self, database_url: &str, key: &str) -> String {
        self.starts += 1;
        let mut child = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(["serve", "--database-url", database_url, "--bind", "127.0.0.1:0", "--lambda-workers", "1"])
            .arg("--data-dir")
            .arg(self.dir.path())
            .env("LAMBDABOX_MASTER_KEY", key)
            .env("LAMBDABOX_LOG_FORMAT", "text")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        self.process = Some(child);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let (log, prefix) = (self.log.clone(), format!("[start {}]", self.starts));
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1)
                    && let Some(tx) = tx.take()
                {
                    let _ = tx.send(rest.split_whitespace().next().unwrap_or_default().to_owned());
                }
                log.lock().unwrap().push(format!("{prefix} {line}"));
            }
        });
        let addr = match tokio::time::timeout(Duration::from_secs(60), rx).await {
            Ok(Ok(addr)) => addr,
            _ => panic!("node {} did not say where it listens:\n{}", self.number, self.log_tail(40)),
        };
        let started = Instant::now();
        loop {
            if let Ok(res) = http().get(format!("http://{addr}/readyz")).send().await
                && res.status() == StatusCode::OK
            {
                return addr;
            }
            if let Some(status) = self.process.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("node {} exited ({status}) before it was ready:\n{}", self.number, self.log_tail(40));
            }
            assert!(started.elapsed() < Duration::from_secs(60), "node {} is not ready after 60 s", self.number);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL, and the process reaped.
    fn kill(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn log_tail(&self, lines: usize) -> String {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log[log.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Every run of `schedule` in the database at `url`: (due_at in Unix ms, status), oldest first.
async fn schedule_runs(url: &str, schedule: &str) -> Vec<(i64, String)> {
    let (url, schedule) = (url.to_owned(), schedule.to_owned());
    tokio::task::spawn_blocking(move || {
        let sql = "SELECT due_at, status FROM schedule_runs WHERE schedule_uuid = $1 ORDER BY due_at";
        let rows = connect(&url).query(sql, &[&schedule]).unwrap();
        rows.iter().map(|row| (row.get(0), row.get(1))).collect()
    })
    .await
    .unwrap()
}

/// The synchronous client: only on a thread of its own, never on the runtime's.
fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|e| panic!("cannot connect to {url}: {e}"))
}

//! The lpf-style commands of the real binary against a real server on port 0, through a whole
//! project: init → invoke --local → login → push → deploy → invoke → get → logs → pull into an
//! empty folder → undeploy; an lpf project from LivePerson's own layout pushes unchanged; and
//! the clear errors (no login, unreachable server, wrong secret, malformed config, unknown name).

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use crate::helpers::{ACCOUNT, TestApp};

/// The binary, run in `dir` with its own config home (no login from the machine leaks in).
struct Cli {
    config_home: tempfile::TempDir,
}

impl Cli {
    fn new() -> Self {
        Self { config_home: tempfile::tempdir().unwrap() }
    }

    async fn run(&self, dir: &Path, args: &[&str]) -> Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(args)
            .current_dir(dir)
            .env("XDG_CONFIG_HOME", self.config_home.path())
            .env_remove("LAMBDABOX_SERVER")
            .env_remove("LAMBDABOX_CLIENT_ID")
            .env_remove("LAMBDABOX_CLIENT_SECRET")
            .env("RUST_LOG", "error")
            .output()
            .await
            .unwrap()
    }

    /// Runs and expects success; returns stdout.
    async fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.run(dir, args).await;
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{args:?} failed:\n{stdout}\n{stderr}");
        stdout.into_owned()
    }

    /// Runs and expects failure; returns stderr.
    async fn fails(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.run(dir, args).await;
        assert!(!out.status.success(), "{args:?} succeeded: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

/// A running server and API credentials for its administrator.
async fn server() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let admin = app.setup().await;
    let (id, secret) = app.credentials(&admin).await;
    (app, id, secret)
}

fn read_json(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

const GREETER: &str = "function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  console.info('greeting', input.payload.name);
  Toolbelt.SecretClient().readSecret('motto').then(({ value }) => {
    callback(null, { hello: input.payload.name, greeting: process.env.GREETING, motto: value });
  }, (e) => callback(null, { hello: input.payload.name, greeting: process.env.GREETING, motto: e.code }));
}
";

#[tokio::test]
async fn a_project_goes_from_init_to_the_server_and_back() {
    let (app, id, secret) = server().await;
    let cli = Cli::new();
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();

    let out = cli.ok(dir, &["init", "greeter"]).await;
    assert!(out.contains("functions/greeter/index.js"), "{out}");
    let config_path = dir.join("functions/greeter/config.json");
    let mut config = read_json(config_path.clone());
    assert_eq!(config["name"], "greeter");
    assert_eq!(config["event"], "No Event");
    assert_eq!(config["input"], json!({"headers": [], "payload": {}}));
    assert_eq!(config["environmentVariables"], json!([]));
    assert!(dir.join("functions/settings.json").is_file() && dir.join("README.md").is_file());

    std::fs::write(dir.join("functions/greeter/index.js"), GREETER).unwrap();
    config["input"]["payload"] = json!({"name": "lpf"});
    config["environmentVariables"] = json!([{"key": "GREETING", "value": "hi"}]);
    config["description"] = json!("Greets");
    std::fs::write(&config_path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
    std::fs::write(
        dir.join("functions/settings.json"),
        r#"{"secrets": [{"key": "motto", "value": "be kind"}], "whitelist": []}"#,
    )
    .unwrap();

    // Locally: no server, no login; secrets from settings.json.
    let local: Value = serde_json::from_str(&cli.ok(dir, &["invoke", "greeter", "--local"]).await).unwrap();
    assert_eq!(local["result"], json!({"hello": "lpf", "greeting": "hi", "motto": "be kind"}));
    assert_eq!(local["logs"][0]["message"], "greeting");
    assert_eq!(local["logs"][0]["extras"], json!(["lpf"]));

    let not_logged_in = cli.fails(dir, &["push", "greeter", "--yes"]).await;
    assert!(not_logged_in.contains("not logged in"), "{not_logged_in}");
    let server = app.url("");
    let wrong = cli.fails(dir, &["login", "--server", &server, "--client-id", &id, "--client-secret", "nope"]).await;
    assert!(wrong.contains("refused the credentials"), "{wrong}");
    let unreachable = cli
        .fails(dir, &["login", "--server", "http://127.0.0.1:9", "--client-id", &id, "--client-secret", &secret])
        .await;
    assert!(unreachable.contains("cannot reach the lambdabox server at http://127.0.0.1:9"), "{unreachable}");
    let out = cli.ok(dir, &["login", "--server", &server, "--client-id", &id, "--client-secret", &secret]).await;
    assert!(out.contains("Logged in"), "{out}");
    let stored = cli.config_home.path().join("lambdabox/login.json");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&stored).unwrap().permissions().mode() & 0o777, 0o600);

    let refused = cli.fails(dir, &["push", "greeter"]).await;
    assert!(refused.contains("pass --yes"), "without a terminal a change needs --yes: {refused}");
    assert!(cli.ok(dir, &["push", "greeter", "--yes"]).await.contains("greeter: created"));
    assert!(cli.ok(dir, &["push", "--yes"]).await.contains("greeter: no changes"));
    assert!(cli.ok(dir, &["deploy", "greeter", "--yes"]).await.contains("greeter: deployed"));

    let remote: Value = serde_json::from_str(&cli.ok(dir, &["invoke", "greeter"]).await).unwrap();
    assert_eq!(remote, json!({"hello": "lpf", "greeting": "hi", "motto": "com.liveperson.faas.secret.not-found"}));

    let functions = cli.ok(dir, &["get", "functions"]).await;
    let row = functions.lines().find(|l| l.starts_with("greeter")).unwrap_or_else(|| panic!("{functions}"));
    assert!(row.contains("Productive") && row.contains("No Event"), "{functions}");
    let listed: Value = serde_json::from_str(&cli.ok(dir, &["get", "functions", "--json"]).await).unwrap();
    assert_eq!(listed[0]["name"], "greeter");
    let account = cli.ok(dir, &["get", "account"]).await;
    assert!(account.contains("Total Functions: 1/") && account.contains("Deployed Functions: 1/"), "{account}");
    assert!(account.contains("Total Invocations (since the 1st of the month): 1"), "{account}");
    let events = cli.ok(dir, &["get", "events"]).await;
    assert!(events.lines().next().unwrap().starts_with("Name") && events.contains("Event ID"), "{events}");
    let deployments = cli.ok(dir, &["get", "deployments"]).await;
    assert!(deployments.lines().any(|l| l.starts_with("greeter") && l.contains("Succeeded")), "{deployments}");

    let logs = cli.ok(dir, &["logs", "greeter"]).await;
    let mut lines = logs.lines();
    assert_eq!(lines.next(), Some("lambdaUUID;requestID;timestamp;level;message;extras"));
    assert!(lines.next().is_some_and(|l| l.contains(";Info;greeting;")), "{logs}");
    assert!(!cli.ok(dir, &["logs", "greeter", "--remove-header"]).await.starts_with("lambdaUUID"));

    // --follow prints what the earlier call logged, then each new entry once, as it comes.
    let mut follow = tokio::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["logs", "greeter", "--follow", "--remove-header"])
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", cli.config_home.path())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut followed = tokio::io::BufReader::new(follow.stdout.take().unwrap()).lines();
    let first = followed.next_line().await.unwrap().unwrap();
    assert!(first.contains(";Info;greeting;"), "{first}");
    cli.ok(dir, &["invoke", "greeter"]).await;
    let next = tokio::time::timeout(std::time::Duration::from_secs(10), followed.next_line()).await;
    let next = next.expect("the new entry is printed within a few seconds").unwrap().unwrap();
    assert!(next.contains(";Info;greeting;") && next != first, "{next}");
    follow.kill().await.unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    assert!(cli.ok(elsewhere.path(), &["pull", "--yes"]).await.contains("pulled greeter"));
    assert_eq!(std::fs::read_to_string(elsewhere.path().join("functions/greeter/index.js")).unwrap(), GREETER);
    let pulled = read_json(elsewhere.path().join("functions/greeter/config.json"));
    assert_eq!(pulled["name"], "greeter");
    assert_eq!(pulled["description"], "Greets");
    assert_eq!(pulled["event"], "No Event");
    assert_eq!(pulled["input"]["payload"], json!({"name": "lpf"}));
    assert_eq!(pulled["environmentVariables"], json!([{"key": "GREETING", "value": "hi"}]));

    assert!(cli.ok(dir, &["undeploy", "greeter", "--yes"]).await.contains("greeter: undeployed"));
    let gone = cli.fails(dir, &["invoke", "greeter"]).await;
    assert!(gone.contains("the invocation failed"), "{gone}");
    let unknown = cli.fails(dir, &["deploy", "ghost", "--yes"]).await;
    assert!(unknown.contains("no function named ghost"), "{unknown}");

    std::fs::write(&config_path, r#"{"name": "greeter", "event": "No Event"}"#).unwrap();
    let malformed = cli.fails(dir, &["push", "greeter", "--yes"]).await;
    assert!(malformed.contains("functions/greeter/config.json") && malformed.contains("description"), "{malformed}");
    let missing = cli.fails(dir, &["invoke", "nothing", "--local"]).await;
    assert!(missing.contains("functions/nothing") && missing.contains("no function nothing"), "{missing}");

    // Code from LivePerson with a require above the declaration: refused with its line, pushed
    // with --fix-declaration (the local file stays as it is).
    std::fs::write(&config_path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let brought = "const _ = require('lodash');\n\nfunction lambda(input, callback) {\n  callback(null, _.kebabCase('Hello World'));\n}\n";
    std::fs::write(dir.join("functions/greeter/index.js"), brought).unwrap();
    let refused = cli.fails(dir, &["push", "greeter", "--yes"]).await;
    assert!(refused.contains("line 3"), "the refusal names the declaration's line: {refused}");
    let fixed = cli.ok(dir, &["push", "greeter", "--yes", "--fix-declaration"]).await;
    assert!(fixed.contains("greeter: moved the lambda declaration to the first line"), "{fixed}");
    assert!(fixed.contains("greeter: updated"), "{fixed}");
    assert!(cli.ok(dir, &["deploy", "greeter", "--yes"]).await.contains("greeter: deployed"));
    assert_eq!(
        serde_json::from_str::<Value>(&cli.ok(dir, &["invoke", "greeter"]).await).unwrap(),
        json!("hello-world")
    );
    assert_eq!(std::fs::read_to_string(dir.join("functions/greeter/index.js")).unwrap(), brought);

    assert!(cli.ok(dir, &["logout"]).await.contains("Logged out"));
    assert!(!stored.exists());
}

/// A folder as LivePerson's `lpf init exampleFunction` leaves it (tests/fixtures/lpf-project,
/// with its placeholder environment variable and secret) runs locally and pushes unchanged,
/// with the credentials from the environment as in CI.
#[tokio::test]
async fn an_lpf_project_pushes_unchanged() {
    let (app, id, secret) = server().await;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lpf-project");
    let copy = tempfile::tempdir().unwrap();
    let status =
        std::process::Command::new("cp").arg("-r").arg(format!("{}/.", fixture.display())).arg(copy.path()).status();
    assert!(status.unwrap().success());
    let cli = Cli::new();
    let local: Value =
        serde_json::from_str(&cli.ok(copy.path(), &["invoke", "exampleFunction", "--local"]).await).unwrap();
    assert_eq!(local["result"], "Hello World");

    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["push", "--yes"])
        .current_dir(copy.path())
        .env("XDG_CONFIG_HOME", cli.config_home.path())
        .env("LAMBDABOX_SERVER", app.url(""))
        .env("LAMBDABOX_CLIENT_ID", &id)
        .env("LAMBDABOX_CLIENT_SECRET", &secret)
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("exampleFunction: created"));
    let token: Value = app
        .client()
        .post(app.url("/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", &id), ("client_secret", &secret)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let lambdas: Value = app
        .client()
        .get(app.url(&format!("/api/account/{ACCOUNT}/lambdas")))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pushed = &lambdas[0];
    assert_eq!(pushed["name"], "exampleFunction");
    assert_eq!(pushed["description"], "Hello World function");
    assert_eq!(pushed["implementation"]["environmentVariables"], json!([]));
    assert_eq!(
        pushed["implementation"]["code"],
        std::fs::read_to_string(fixture.join("functions/exampleFunction/index.js")).unwrap()
    );
}

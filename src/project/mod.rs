//! The lpf-style commands: a project folder in LivePerson's `lpf` layout kept in step with a
//! lambdabox server over its API (`login`, `pull`, `push`, `deploy`, `undeploy`, `invoke`,
//! `get`, `logs`), made by `init`, and run on this machine by `invoke --local`.

mod client;
mod files;
mod login;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::cli::{GetArgs, GetWhat, InitArgs, InvokeArgs, LoginArgs, LogsArgs, NamesArgs, PushArgs, SyncArgs};
use client::Api;
use files::{FunctionConfig, Input, KeyValue, Project};
use lambdabox_domain::now_ms;

/// `lambdabox login`: checks the credentials with a token exchange, then stores them.
pub async fn login(args: LoginArgs) -> anyhow::Result<()> {
    let login = login::Login { server: args.server, client_id: args.client_id, client_secret: args.client_secret };
    let api = Api::connect(&login).await?;
    let path = login::store(&login)?;
    println!("Logged in to {} (account {}); saved in {}", login.server, api.account(), path.display());
    Ok(())
}

/// `lambdabox logout`.
pub fn logout() -> anyhow::Result<()> {
    if login::forget()? {
        println!("Logged out; the stored credentials are removed.");
    } else {
        println!("Not logged in.");
    }
    Ok(())
}

async fn connect() -> anyhow::Result<Api> {
    Api::connect(&login::current()?).await
}

/// Names lpf accepts for functions.
fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = !name.is_empty() && name.len() <= 50 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        bail!("{name:?} is not a function name: use 1 to 50 letters, digits and underscores");
    }
    Ok(())
}

const HELLO_WORLD: &str = "function lambda(input, callback) {\n  callback(null, `Hello World`);\n}\n";

const README: &str = "# Functions\n\nA lambdabox project in LivePerson's lpf layout: each function is a folder under\n`functions/` with `index.js` (the lambda) and `config.json` (name, event, description, the\ninput `invoke` sends, environment variables). `functions/settings.json` holds the secrets and\nthe allowlist that `lambdabox invoke NAME --local` uses.\n\n```sh\nlambdabox login --server URL --client-id ID --client-secret SECRET\nlambdabox invoke NAME --local   # run index.js here\nlambdabox push NAME             # create or update it on the server\nlambdabox deploy NAME\nlambdabox invoke NAME\nlambdabox logs NAME\n```\n";

/// `lambdabox init [NAME...]`.
pub fn init(args: InitArgs) -> anyhow::Result<()> {
    for name in &args.names {
        check_name(name)?;
    }
    let project = Project::here()?;
    for (file, text) in [
        ("README.md", README),
        (".gitignore", "node_modules/\n.DS_Store\n"),
        ("functions/settings.json", "{\n  \"secrets\": [],\n  \"whitelist\": []\n}\n"),
    ] {
        if project.write_new(file, text)? {
            println!("created {file}");
        }
    }
    let names = if args.names.is_empty() { vec!["exampleFunction".to_owned()] } else { args.names };
    for name in names {
        if project.function_dir(&name).exists() {
            println!("functions/{name} exists; left as it is");
            continue;
        }
        let config = FunctionConfig {
            name: name.clone(),
            event: lambdabox_domain::events::NO_EVENT_NAME.to_owned(),
            description: "Hello World".to_owned(),
            input: Input { headers: Vec::new(), payload: json!({}) },
            environment_variables: Vec::new(),
        };
        project.write(&config, HELLO_WORLD)?;
        println!("created functions/{name}/index.js and functions/{name}/config.json");
    }
    Ok(())
}

/// Asks before a change unless `yes`; refuses to guess without a terminal.
fn confirm(question: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        bail!("{question} — not asked without a terminal: pass --yes to confirm");
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// The config.json a server's function makes.
fn config_of(lambda: &Value) -> FunctionConfig {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let sample = &lambda["samplePayload"];
    let input = if sample.get("payload").is_some() || sample.get("headers").is_some() {
        Input {
            headers: serde_json::from_value(sample["headers"].clone()).unwrap_or_default(),
            payload: sample.get("payload").cloned().unwrap_or(json!({})),
        }
    } else {
        Input { headers: Vec::new(), payload: if sample.is_null() { json!({}) } else { sample.clone() } }
    };
    let event = lambda["eventId"].as_str().filter(|e| !e.is_empty()).unwrap_or(lambdabox_domain::events::NO_EVENT_NAME);
    FunctionConfig {
        name: text(&lambda["name"]),
        event: event.to_owned(),
        description: text(&lambda["description"]),
        input,
        environment_variables: serde_json::from_value(lambda["implementation"]["environmentVariables"].clone())
            .unwrap_or_default(),
    }
}

/// `lambdabox pull [NAME...]`.
pub async fn pull(args: SyncArgs) -> anyhow::Result<()> {
    let api = connect().await?;
    let remote = api.lambdas().await?;
    let chosen: Vec<&Value> = if args.names.is_empty() {
        remote.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in &args.names {
            match remote.iter().find(|l| l["name"] == name.as_str()) {
                Some(lambda) => chosen.push(lambda),
                None => bail!("there is no function named {name} on the server (`lambdabox get functions` lists them)"),
            }
        }
        chosen
    };
    let project = Project::here()?;
    let names: Vec<String> = chosen.iter().map(|l| l["name"].as_str().unwrap_or_default().to_owned()).collect();
    if chosen.is_empty() {
        println!("The server has no functions.");
        return Ok(());
    }
    let existing: Vec<&String> = names.iter().filter(|n| project.function_dir(n).exists()).collect();
    if !existing.is_empty() {
        let list = existing.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ");
        if !confirm(&format!("Overwrite the local {list} with the server's?"), args.yes)? {
            println!("Nothing pulled.");
            return Ok(());
        }
    }
    for lambda in chosen {
        let config = config_of(lambda);
        check_name(&config.name)?;
        project.write(&config, lambda["implementation"]["code"].as_str().unwrap_or_default())?;
        println!("pulled {} into functions/{}", config.name, config.name);
    }
    Ok(())
}

/// `lambdabox push [NAME...]`.
pub async fn push(args: PushArgs) -> anyhow::Result<()> {
    let project = Project::here()?;
    let names = if args.sync.names.is_empty() { project.function_names()? } else { args.sync.names.clone() };
    if names.is_empty() {
        bail!("there are no functions under {} to push", project.functions_dir().display());
    }
    let mut local = Vec::new();
    for name in &names {
        let mut function = project.read(name)?;
        if args.fix_declaration {
            fix_declaration(name, &mut function.code)?;
        }
        local.push(function);
    }
    let api = connect().await?;
    let remote = api.lambdas().await?;
    if !confirm(&format!("Push {} to {}?", names.join(", "), api.account()), args.sync.yes)? {
        println!("Nothing pushed.");
        return Ok(());
    }
    for function in local {
        let config = &function.config;
        let env: Vec<Value> =
            config.environment_variables.iter().filter(|kv| !kv.key.is_empty()).map(|kv| json!(kv)).collect();
        let mut body = json!({
            "name": config.name,
            "description": config.description,
            "eventId": config.event,
            "implementation": {"code": function.code, "environmentVariables": env},
            "samplePayload": {"headers": config.input.headers, "payload": config.input.payload},
        });
        match remote.iter().find(|l| l["name"] == config.name.as_str()) {
            None => {
                api.create(&body).await.with_context(|| format!("cannot create {}", config.name))?;
                println!("{}: created", config.name);
            }
            Some(existing) => {
                let current_event = existing["eventId"].as_str().filter(|e| !e.is_empty());
                let wanted_event =
                    Some(config.event.as_str()).filter(|e| *e != lambdabox_domain::events::NO_EVENT_NAME);
                if current_event != wanted_event {
                    println!(
                        "{}: the event of a function cannot change; it stays {}",
                        config.name,
                        current_event.unwrap_or(lambdabox_domain::events::NO_EVENT_NAME)
                    );
                }
                body["version"] = existing["version"].clone();
                let uuid = existing["uuid"].as_str().unwrap_or_default();
                match api.update(uuid, &body).await.with_context(|| format!("cannot update {}", config.name))? {
                    None => println!("{}: no changes", config.name),
                    Some(_) => println!("{}: updated", config.name),
                }
            }
        }
    }
    Ok(())
}

/// `push --fix-declaration`: moves the lambda's declaration to the first line when it is not
/// there, and says so (the file itself is left as it is).
fn fix_declaration(name: &str, code: &mut String) -> anyhow::Result<()> {
    use lambdabox_domain::declaration::{is_declaration, move_declaration_to_first_line};
    if is_declaration(code.trim_start_matches('\u{feff}').lines().next().unwrap_or("")) {
        return Ok(());
    }
    let moved = move_declaration_to_first_line(code).map_err(|why| {
        anyhow::anyhow!("functions/{name}/index.js: cannot move the declaration to the first line: {why}")
    })?;
    println!("{name}: moved the lambda declaration to the first line");
    if let Some(note) = moved.note {
        println!("{name}: {note}");
    }
    *code = moved.code;
    Ok(())
}

/// `lambdabox deploy NAME...` and `undeploy NAME...`.
pub async fn deploy(args: NamesArgs, deploy: bool) -> anyhow::Result<()> {
    let api = connect().await?;
    let mut targets = Vec::new();
    for name in &args.names {
        let lambda = api.lambda_named(name).await?;
        targets.push((name.clone(), lambda["uuid"].as_str().unwrap_or_default().to_owned()));
    }
    let verb = if deploy { "Deploy" } else { "Undeploy" };
    if !confirm(&format!("{verb} {}?", args.names.join(", ")), args.yes)? {
        println!("Nothing done.");
        return Ok(());
    }
    for (name, uuid) in targets {
        if deploy {
            api.deploy(&uuid).await.with_context(|| format!("cannot deploy {name}"))?;
            println!("{name}: deployed");
        } else {
            api.undeploy(&uuid).await.with_context(|| format!("cannot undeploy {name}"))?;
            println!("{name}: undeployed");
        }
    }
    Ok(())
}

/// The input object of an invocation from a config's `input`.
fn input_of(input: &Input) -> Value {
    json!({"timestamp": now_ms(), "headers": input.headers, "payload": input.payload})
}

/// `lambdabox invoke NAME [--local]`.
pub async fn invoke(args: InvokeArgs) -> anyhow::Result<bool> {
    let project = Project::here()?;
    if args.local {
        let function = project.read(&args.name)?;
        let settings = project.settings()?;
        let setup = lambdabox_services::local::LocalSetup {
            account: std::env::var("BRAND_ID").unwrap_or_else(|_| "local".to_owned()),
            env: function
                .config
                .environment_variables
                .iter()
                .filter(|kv| !kv.key.is_empty())
                .map(|KeyValue { key, value }| (key.clone(), value.clone()))
                .collect(),
            secrets: settings
                .secrets
                .into_iter()
                .filter(|s| !s.key.is_empty())
                .map(|s| (s.key, s.value))
                .collect::<HashMap<_, _>>(),
            allowlist: settings.whitelist.into_iter().filter(|w| !w.trim().is_empty()).collect(),
            limits: Default::default(),
        };
        let run = lambdabox_services::local::invoke_local(&function.code, input_of(&function.config.input), setup)
            .await
            .with_context(|| format!("functions/{}/index.js", args.name))?;
        let (ok, output) = match run.outcome {
            lambdabox_services::local::RunOutcome::Ok(result) => (true, json!({"result": result, "logs": run.logs})),
            lambdabox_services::local::RunOutcome::Failure { code, message } => {
                (false, json!({"errorCode": code.as_str(), "errorMsg": message, "errorLogs": run.logs}))
            }
        };
        println!("{}", serde_json::to_string_pretty(&output)?);
        return Ok(ok);
    }
    let function = project.read(&args.name)?;
    let api = connect().await?;
    let lambda = api.lambda_named(&args.name).await?;
    let answer = api.invoke(lambda["uuid"].as_str().unwrap_or_default(), &input_of(&function.config.input)).await?;
    println!("{}", serde_json::to_string_pretty(&answer.body)?);
    Ok(answer.status.is_success())
}

/// Prints rows as columns under a header.
fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| (*h).to_owned()).collect());
    line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for row in rows {
        line(row.clone());
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(text) if text.is_empty() => "-".to_owned(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The first of this month, 00:00 UTC, in epoch milliseconds.
fn start_of_month(now: i64) -> i64 {
    let days = now.div_euclid(86_400_000);
    // The day of the month of `days` (days since 1970-01-01), then back to the 1st.
    let (_, _, day) = civil(days);
    (days - (day - 1)) * 86_400_000
}

/// Year, month and day of a day number (days since 1970-01-01), proleptic Gregorian.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// `lambdabox get functions|deployments|account|events`.
pub async fn get(args: GetArgs) -> anyhow::Result<()> {
    let api = connect().await?;
    for what in args.what {
        match what {
            GetWhat::Functions | GetWhat::Deployments => {
                let lambdas = api.lambdas().await?;
                if args.json {
                    println!("{}", serde_json::to_string_pretty(&lambdas)?);
                    continue;
                }
                if what == GetWhat::Functions {
                    let rows: Vec<Vec<String>> = lambdas
                        .iter()
                        .map(|l| {
                            let event = l["eventId"]
                                .as_str()
                                .filter(|e| !e.is_empty())
                                .unwrap_or(lambdabox_domain::events::NO_EVENT_NAME);
                            vec![
                                cell(&l["name"]),
                                cell(&l["state"]),
                                cell(&l["updatedAt"]),
                                cell(&l["updatedBy"]),
                                event.to_owned(),
                            ]
                        })
                        .collect();
                    table(&["Name", "Status", "Last changed at", "Last changed by", "Event"], &rows);
                } else {
                    let rows: Vec<Vec<String>> = lambdas
                        .iter()
                        .map(|l| {
                            let serving = &l["servingDeployment"];
                            let changes = if l["state"] == "Modified" { cell(&l["updatedAt"]) } else { "-".to_owned() };
                            vec![
                                cell(&l["name"]),
                                changes,
                                cell(&serving["deployedAt"]),
                                cell(&serving["createdBy"]),
                                cell(&l["lastDeployment"]["deploymentState"]),
                            ]
                        })
                        .collect();
                    table(
                        &[
                            "Name",
                            "Undeployed changes from",
                            "Last successful deployment",
                            "Deployed by",
                            "Deployment state",
                        ],
                        &rows,
                    );
                }
            }
            GetWhat::Account => {
                let counts = api.get("/reports/lambdaCounts").await?;
                let limits = api.get("/reports/limitCounts").await?;
                let now = now_ms();
                let invocations = api
                    .get(&format!(
                        "/reports/invocationCounts?startTimestamp={}&endTimestamp={now}",
                        start_of_month(now)
                    ))
                    .await?;
                if args.json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(
                            &json!({"account": api.account(), "lambdaCounts": counts, "limitCounts": limits, "invocationCounts": invocations})
                        )?
                    );
                    continue;
                }
                let total = invocations["successfulInvocations"].as_i64().unwrap_or(0)
                    + invocations["unsuccessfulInvocations"].as_i64().unwrap_or(0);
                println!("Account: {}", api.account());
                println!("Total Functions: {}/{}", cell(&counts["total"]), cell(&limits["limitTotalLambdas"]));
                println!("Deployed Functions: {}/{}", cell(&counts["deployed"]), cell(&limits["limitDeployedLambdas"]));
                println!("Total Invocations (since the 1st of the month): {total}");
            }
            GetWhat::Events => {
                let events = api.get("/events").await?;
                if args.json {
                    println!("{}", serde_json::to_string_pretty(&events)?);
                    continue;
                }
                let rows: Vec<Vec<String>> = events
                    .as_array()
                    .map(|list| list.iter().map(|e| vec![cell(&e["name"]), cell(&e["eventId"])]).collect())
                    .unwrap_or_default();
                table(&["Name", "Event ID"], &rows);
            }
        }
    }
    Ok(())
}

/// How far back `logs --follow` looks again at each poll: entries written after an answer are
/// stored when the invocation's work ends, up to its time limit later.
const FOLLOW_OVERLAP_MS: i64 = 60_000;

/// `lambdabox logs NAME`.
pub async fn logs(args: LogsArgs) -> anyhow::Result<()> {
    let api = connect().await?;
    let lambda = api.lambda_named(&args.name).await?;
    let uuid = lambda["uuid"].as_str().unwrap_or_default().to_owned();
    let now = now_ms();
    let start = args.start.unwrap_or(now - 86_400_000);
    let levels = args
        .levels
        .iter()
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(",");
    let query = |from: i64, to: i64| {
        let mut q = format!("lambdaUUID={uuid}&startTimestamp={from}&endTimestamp={to}");
        if !levels.is_empty() {
            q.push_str(&format!("&filterLevels={levels}"));
        }
        q
    };
    let csv = api.logs_csv(&query(start, args.end.unwrap_or(now))).await?;
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    if !args.remove_header {
        println!("{header}");
    }
    let mut seen: HashSet<String> = HashSet::new();
    for line in lines {
        println!("{line}");
        seen.insert(line.to_owned());
    }
    if !args.follow {
        return Ok(());
    }
    std::io::stdout().flush()?;
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        let now = now_ms();
        let csv = api.logs_csv(&query(start.max(now - FOLLOW_OVERLAP_MS), now)).await?;
        let fresh: Vec<&str> = csv.lines().skip(1).collect();
        for line in &fresh {
            if !seen.contains(*line) {
                println!("{line}");
            }
        }
        seen = fresh.into_iter().map(str::to_owned).collect();
        std::io::stdout().flush()?;
    }
}

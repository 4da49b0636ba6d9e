//! What each subcommand does: `serve` runs the server until SIGTERM/Ctrl-C, `setup` provisions
//! without a browser, `credentials create` prints new API credentials as JSON.

use std::io::BufRead;

use anyhow::{Context, bail};

use crate::cli::{
    BackupArgs, Cli, Command, CredentialsCommand, CredentialsCreateArgs, HealthcheckArgs, ServeArgs, SetupArgs,
};
use crate::config::Config;
use crate::startup::App;
use lambdabox_domain::{AccountId, Password, Username};
use lambdabox_services::Error as ServiceError;
use lambdabox_services::accounts::Accounts;
use lambdabox_services::clock::Clock;
use lambdabox_services::data_dir::{check_master_key, open_data_dir};

/// Runs the chosen subcommand to completion.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match cli.command {
        None => runtime.block_on(serve(cli.serve)),
        Some(Command::Serve(args)) => runtime.block_on(serve(*args)),
        Some(Command::Setup(args)) => runtime.block_on(setup(args)),
        Some(Command::Credentials(CredentialsCommand::Create(args))) => runtime.block_on(credentials(args)),
        Some(Command::Healthcheck(args)) => healthcheck(&args),
        Some(Command::Worker) => {
            bail!("`lambdabox worker` is started by the server, with its socket on standard input")
        }
        Some(Command::Login(args)) => runtime.block_on(crate::project::login(args)),
        Some(Command::Logout) => crate::project::logout(),
        Some(Command::Init(args)) => crate::project::init(args),
        Some(Command::Pull(args)) => runtime.block_on(crate::project::pull(args)),
        Some(Command::Push(args)) => runtime.block_on(crate::project::push(args)),
        Some(Command::Deploy(args)) => runtime.block_on(crate::project::deploy(args, true)),
        Some(Command::Undeploy(args)) => runtime.block_on(crate::project::deploy(args, false)),
        Some(Command::Invoke(args)) => {
            if runtime.block_on(crate::project::invoke(args))? {
                Ok(())
            } else {
                bail!("the invocation failed")
            }
        }
        Some(Command::Get(args)) => runtime.block_on(crate::project::get(args)),
        Some(Command::Logs(args)) => runtime.block_on(crate::project::logs(args)),
        Some(Command::RotateKey(args)) => runtime.block_on(async {
            let n = lambdabox_services::data_dir::rotate_key(&args.data_dir, &args.database()).await?;
            println!("Master key rotated; {n} secret(s) re-encrypted. API tokens issued before no longer work.");
            Ok(())
        }),
        Some(Command::Backup(args)) => runtime.block_on(backup(args)),
    }
}

/// `lambdabox backup --to FILE`: an online copy of the SQLite database.
async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    if args.data.database().postgres_url().is_some() {
        bail!("a PostgreSQL database is backed up with its own tools: pg_dump --format=custom --file=FILE URL");
    }
    let db = lambdabox_services::data_dir::backup_sqlite(&args.data.data_dir, &args.to).await?;
    println!("Backed up {} to {}.", db.display(), args.to.display());
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let app = App::build(Config::from_serve_args(&args)?).await?;
    let handle = app.handle();
    if let Some(certificate) = app.certificate() {
        tokio::spawn(reload_on_hangup(certificate));
    }
    let state = app.state();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing in-flight requests");
        state.begin_stopping();
        handle.stop(true).await;
    });
    app.run_until_stopped().await
}

/// SIGHUP reads the TLS certificate and key again (after a renewal, say).
async fn reload_on_hangup(certificate: std::sync::Arc<crate::tls::ServingCertificate>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            tracing::warn!("cannot watch SIGHUP: the TLS certificate is read only at start");
            return;
        };
        while hangups.recv().await.is_some() {
            let cert = certificate.files().cert.display().to_string();
            match certificate.reload() {
                Ok(()) => tracing::info!(%cert, "SIGHUP: TLS certificate and key reloaded"),
                Err(e) => tracing::error!(%cert, "SIGHUP: TLS certificate not reloaded, the old one stays: {e:#}"),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = certificate;
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(pw) = std::env::var("LAMBDABOX_ADMIN_PASSWORD") {
        return Ok(pw);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn setup(args: SetupArgs) -> anyhow::Result<()> {
    let account = AccountId::parse(&args.account).map_err(anyhow::Error::msg)?;
    let admin = Username::parse(&args.admin).map_err(anyhow::Error::msg)?;
    let password = Password::parse_new(read_password()?).map_err(anyhow::Error::msg)?;
    let (store, key) = open_data_dir(&args.data.data_dir, &args.data.database())?;
    check_master_key(&store, &key).await?;
    let hash = crate::auth::password::hash(password).await?;
    match Accounts::new(store.clone(), Clock::system()).provision(&account, &admin, hash).await {
        Ok(_) => {}
        Err(ServiceError::Conflict(msg)) => bail!("{msg}"),
        Err(other) => return Err(other.into()),
    }
    store.checkpoint().await?;
    println!("Account {account} is set up; administrator '{admin}' can sign in.");
    Ok(())
}

async fn credentials(args: CredentialsCreateArgs) -> anyhow::Result<()> {
    let (store, _key) = open_data_dir(&args.data.data_dir, &args.data.database())?;
    let accounts = Accounts::new(store.clone(), Clock::system());
    if accounts.account().await?.is_none() {
        bail!("lambdabox is not set up yet: run `lambdabox setup` first");
    }
    let user = accounts.user_by_name(&args.user).await?.with_context(|| format!("no user named '{}'", args.user))?;
    if user.disabled {
        bail!("user '{}' is disabled", user.username);
    }
    let created = accounts.create_credentials(user.id, &args.name).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    store.checkpoint().await?;
    println!("{}", serde_json::to_string(&created)?);
    Ok(())
}

/// A minimal HTTP/1.0 probe of `/healthz`, so container images need no curl.
fn healthcheck(args: &HealthcheckArgs) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    use std::time::Duration;
    let mut addr = args.bind;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let timeout = Duration::from_secs(3);
    let mut stream =
        std::net::TcpStream::connect_timeout(&addr, timeout).with_context(|| format!("cannot connect to {addr}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head)?;
    if head.starts_with(b"HTTP/1.1 200") || head.starts_with(b"HTTP/1.0 200") {
        Ok(())
    } else {
        bail!("unhealthy: {}", String::from_utf8_lossy(&head))
    }
}

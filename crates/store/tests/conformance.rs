//! One conformance suite for both engines of the store: every scenario runs against SQLite (a
//! fresh file in a temporary directory, `sqlite::<scenario>`) and against PostgreSQL (a fresh
//! database per test, `postgres::<scenario>`), with the same assertions. SQLite is the
//! reference: where the engines could differ (sort orders, case folding, text search), the
//! expected values are what SQLite answers.
//!
//! PostgreSQL tests need `LAMBDABOX_TEST_POSTGRES_URL`, the URL of a role that may create
//! databases (e.g. `postgres://lambdabox@127.0.0.1:54329/postgres`, connected to without TLS).
//! Without it they are skipped, unless `LAMBDABOX_REQUIRE_POSTGRES=1` (as in CI) makes that a
//! failure. Each test database is created with ICU's root locale as its default collation
//! (PostgreSQL 15 and later), as most servers have a linguistic one, so that results never
//! depend on the server's defaults; it is dropped when the test ends.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use lambdabox_domain::lambda::{DEPLOYMENT_HISTORY, EnvVar, LambdaId, LambdaState, MAX_LAMBDAS};
use lambdabox_domain::report::{Frequency, SmtpSecurity};
use lambdabox_domain::schedule::{RunStatus, ScheduleId};
use lambdabox_domain::{AccountId, Permission, ProfileId, UserId, Username, now_ms};
use lambdabox_store::email_reports::{PeriodClaim, RecipientAdded, ReportSettings, SendStatus};
use lambdabox_store::invocations::InvocationRow;
use lambdabox_store::lambdas::{Lambda, LambdaChanges, NewLambda, SaveOutcome};
use lambdabox_store::logs::{LogFilter, LogRow, Plan};
use lambdabox_store::schedules::{Claim, RUN_HISTORY, ScheduleFields};
use lambdabox_store::{
    Connection, Dialect, PostgresOptions, Store, StoreError, Transaction, accounts, activity, allowlist, cluster,
    credentials, email_reports, invocations, lambdas, logs, metrics, migrate, profiles, schedules, secrets, sessions,
    users,
};
use serde_json::json;

/// Admin URL of the PostgreSQL server the tests create their databases on.
const POSTGRES_URL: &str = "LAMBDABOX_TEST_POSTGRES_URL";
/// `1`: a missing `POSTGRES_URL` fails the PostgreSQL tests instead of skipping them.
const REQUIRE_POSTGRES: &str = "LAMBDABOX_REQUIRE_POSTGRES";

/// Generates, for every scenario, `sqlite::<scenario>` and `postgres::<scenario>`.
macro_rules! conformance {
    ($($scenario:ident),+ $(,)?) => {
        /// Every scenario on a fresh SQLite file.
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let store = super::Store::open(dir.path()).expect("open the SQLite store");
                    super::$scenario(store).await;
                }
            )+
        }

        /// Every scenario on a fresh PostgreSQL database.
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let Some(database) = super::TestDatabase::create(stringify!($scenario)) else { return };
                    super::$scenario(database.connect().expect("connect to the test database")).await;
                }
            )+
        }
    };
}

conformance! {
    basics,
    failed_writes_roll_back,
    provisioning,
    users,
    profiles,
    sso_groups_can_be_cleared,
    sessions,
    credentials,
    secrets,
    allowlist,
    lambdas,
    schedules,
    scheduled_lambda_counts,
    email_reports,
    invocations,
    invocation_counts,
    home_metrics,
    logs_without_text,
    logs_text_search,
    logs_purge,
    activity,
    cluster,
    writes_are_serialized,
    user_names_sort_alike,
    lambda_names_sort_alike,
    allowlist_sorts_alike,
    secret_names_sort_alike,
    non_ascii_names_fold_by_engine,
    activity_kind_filter_folds_case_alike,
    log_search_folds_diacritics_alike,
    log_search_phrases_stay_within_a_field,
}

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// A database of its own on the PostgreSQL server, dropped with this value.
struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates the database for one test, or `None` (after saying so) when no server is
    /// configured and none is required.
    fn create(scenario: &str) -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL) else {
            assert!(
                std::env::var(REQUIRE_POSTGRES).as_deref() != Ok("1"),
                "{REQUIRE_POSTGRES}=1 but {POSTGRES_URL} is not set: the PostgreSQL tests cannot run"
            );
            println!("skipped: set {POSTGRES_URL}");
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let mut name = format!("lbx_test_{}_{}_{scenario}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        name.truncate(63); // PostgreSQL's longest identifier
        admin(&admin_url, |client| {
            let icu: bool =
                client.query_one("SELECT current_setting('server_version_num')::int >= 150000", &[])?.get(0);
            let locale = if icu { " LOCALE_PROVIDER icu ICU_LOCALE 'und'" } else { "" };
            // One statement each: neither may run in a transaction block.
            client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
            client.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'{locale}"))
        });
        let url = database_url(&admin_url, &name);
        Some(Self { admin_url, name, url })
    }

    /// A store on this database (migrated).
    fn connect(&self) -> Result<Store, StoreError> {
        Store::connect(&self.url, &PostgresOptions::default())
    }

    /// Runs `f` with a client connected to this database as the admin role.
    fn admin<T: Send>(&self, f: impl FnOnce(&mut ::postgres::Client) -> Result<T, ::postgres::Error> + Send) -> T {
        admin(&self.url, f)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Best effort, also while a failed test unwinds: FORCE ends connections still open.
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let url = self.admin_url.clone();
        let _ = std::thread::spawn(move || ::postgres::Client::connect(&url, ::postgres::NoTls)?.batch_execute(&sql))
            .join();
    }
}

/// Runs `f` with a client connected to `url`, on a thread of its own: the synchronous client
/// drives a runtime of its own, which cannot run on one of Tokio's threads.
fn admin<T: Send>(url: &str, f: impl FnOnce(&mut ::postgres::Client) -> Result<T, ::postgres::Error> + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut client = ::postgres::Client::connect(url, ::postgres::NoTls)
                    .unwrap_or_else(|e| panic!("cannot connect to {url}: {e}"));
                f(&mut client).unwrap_or_else(|e| panic!("PostgreSQL administration failed: {e:?}"))
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// `admin_url` with its database replaced by `name` (URL or key=value form).
fn database_url(admin_url: &str, name: &str) -> String {
    let Some((scheme, rest)) = admin_url.split_once("://") else {
        return format!("{admin_url} dbname={name}"); // the last dbname wins
    };
    let (location, query) = rest.split_once('?').map_or((rest, None), |(l, q)| (l, Some(q)));
    let authority = location.split_once('/').map_or(location, |(authority, _)| authority);
    match query {
        Some(query) => format!("{scheme}://{authority}/{name}?{query}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// Runs `f` on a read connection; a store error fails the test.
async fn read<T, F>(store: &Store, f: F) -> T
where
    T: Send + 'static,
    F: FnOnce(&Connection<'_>) -> Result<T, StoreError> + Send + 'static,
{
    store.read(f).await.expect("read")
}

/// Runs `f` in a write transaction; a store error fails the test.
async fn write<T, F>(store: &Store, f: F) -> T
where
    T: Send + 'static,
    F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
{
    store.write(f).await.expect("write")
}

/// Runs `f` in an append transaction; a store error fails the test.
async fn append<T, F>(store: &Store, f: F) -> T
where
    T: Send + 'static,
    F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
{
    store.append(f).await.expect("append")
}

/// The message of a `Conflict`; anything else fails the test.
#[track_caller]
fn conflict<T: Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Conflict(message)) => message,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// Lets the clock move on, so that rows stamped with `now_ms()` get distinct times.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

fn username(name: &str) -> Username {
    Username::parse(name).unwrap()
}

/// Sets up the account; returns the administrator's id.
async fn provision(store: &Store) -> UserId {
    write(store, |tx| accounts::provision(tx, &AccountId::parse("le12345").unwrap(), &username("Admin"), "admin-hash"))
        .await
}

async fn insert_user(store: &Store, name: &str, profile: ProfileId) -> UserId {
    let name = username(name);
    write(store, move |tx| users::insert_user(tx, &name, &format!("hash-{name}"), profile)).await
}

async fn insert_profile(store: &Store, name: &str, permissions: &[Permission]) -> ProfileId {
    let (name, permissions) = (name.to_owned(), permissions.to_vec());
    write(store, move |tx| profiles::insert_profile(tx, &name, &permissions)).await
}

async fn user_names(store: &Store) -> Vec<String> {
    read(store, users::list_users).await.into_iter().map(|u| u.username).collect()
}

fn new_lambda(name: &str, event: Option<&str>) -> NewLambda {
    NewLambda {
        name: name.to_owned(),
        description: format!("the {name} lambda"),
        event_id: event.map(str::to_owned),
        template_id: Some("blank".to_owned()),
        skills: Vec::new(),
        code: format!("// {name}\nexport default async () => 'ok';"),
        env: vec![EnvVar { key: "REGION".to_owned(), value: "emea".to_owned() }],
        sample_input: json!({"headers": [], "payload": {"name": name, "n": 1}}),
    }
}

async fn insert_lambda(store: &Store, name: &str, event: Option<&str>) -> LambdaId {
    let new = new_lambda(name, event);
    write(store, move |tx| lambdas::insert_lambda(tx, &new, "alice")).await
}

async fn get_lambda(store: &Store, id: &LambdaId) -> Lambda {
    let id = id.clone();
    read(store, move |conn| lambdas::get_lambda(conn, &id)).await.expect("the lambda exists")
}

fn changes_of(lambda: &Lambda) -> LambdaChanges {
    LambdaChanges {
        name: lambda.name.clone(),
        description: lambda.description.clone(),
        code: lambda.code.clone(),
        env: lambda.env.clone(),
        sample_input: lambda.sample_input.clone(),
        skills: lambda.skills.clone(),
    }
}

async fn update_lambda(store: &Store, id: &LambdaId, expected: i64, changes: LambdaChanges) -> SaveOutcome {
    let id = id.clone();
    write(store, move |tx| lambdas::update_lambda(tx, &id, expected, &changes, "bob")).await
}

/// Records a deploy attempt of the lambda's current version.
async fn deploy(store: &Store, id: &LambdaId, state: &'static str, error: Option<(&'static str, Option<i64>)>) -> i64 {
    let id = id.clone();
    write(store, move |tx| {
        let lambda = lambdas::get_lambda(tx, &id)?.expect("the lambda exists");
        lambdas::record_deployment(tx, &lambda, state, error, "bob")
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/// The handle answers and says which engine it is.
async fn basics(store: Store) {
    store.ping().await.unwrap();
    let prefix = match store.dialect() {
        Dialect::Sqlite => "SQLite ",
        Dialect::Postgres => "PostgreSQL ",
    };
    assert!(store.describe().starts_with(prefix), "{}", store.describe());
    let dialect = store.dialect();
    assert_eq!(read(&store, |conn| Ok(conn.dialect())).await, dialect);
    store.checkpoint().await.unwrap();
}

/// A write whose closure fails leaves nothing behind, and the engine stays usable after it.
async fn failed_writes_roll_back(store: Store) {
    // A statement that fails (on PostgreSQL this aborts the transaction).
    let result = store
        .write(|tx| {
            allowlist::insert_entry(tx, "a.example.com", "alice")?;
            allowlist::insert_entry(tx, "A.EXAMPLE.COM", "alice")
        })
        .await;
    conflict(result);
    // A closure that changes its mind after writing.
    let result = store
        .write(|tx| {
            allowlist::insert_entry(tx, "b.example.com", "alice")?;
            Err::<(), _>(StoreError::Task("changed my mind".into()))
        })
        .await;
    assert!(matches!(result, Err(StoreError::Task(_))), "{result:?}");
    assert!(read(&store, allowlist::list_entries).await.is_empty());
    // More writes than the PostgreSQL pool has connections: none of them is left broken.
    for i in 0..20 {
        write(&store, move |tx| allowlist::insert_entry(tx, &format!("host{i:02}.example.com"), "alice")).await;
    }
    let patterns: Vec<String> = read(&store, allowlist::list_entries).await.into_iter().map(|e| e.pattern).collect();
    assert_eq!(patterns, (0..20).map(|i| format!("host{i:02}.example.com")).collect::<Vec<_>>());
}

/// Setup creates the account and its administrator, once.
async fn provisioning(store: Store) {
    assert!(read(&store, accounts::get_account).await.is_none());
    let before = now_ms();
    let admin = provision(&store).await;
    let account = read(&store, accounts::get_account).await.expect("the account exists");
    assert_eq!(account.account_id.as_str(), "le12345");
    assert!((before..=now_ms()).contains(&account.created_at));

    let user = read(&store, move |conn| users::get_user(conn, admin)).await.expect("the administrator exists");
    assert_eq!(user.username, "Admin");
    assert_eq!(user.profile_id, ProfileId::ADMINISTRATOR);
    assert_eq!(user.profile_name, "Administrator");
    assert_eq!(user.permissions, Permission::ALL);
    assert!(!user.disabled);
    let login = read(&store, |conn| users::get_login(conn, "admin")).await.expect("the administrator can sign in");
    assert_eq!(
        (login.id, login.password_hash.as_str(), login.disabled, login.break_glass),
        (admin, "admin-hash", false, true)
    );

    let again =
        store.write(|tx| accounts::provision(tx, &AccountId::parse("other").unwrap(), &username("root"), "x")).await;
    conflict(again);
    let account = read(&store, accounts::get_account).await.unwrap();
    assert_eq!(account.account_id.as_str(), "le12345");
    assert_eq!(user_names(&store).await, ["Admin"]);
}

/// Users: names compared without case, sessions ended on every change that must end them.
async fn users(store: Store) {
    let admin = provision(&store).await;
    let developers = insert_profile(&store, "Developers", &[Permission::FaasDeveloper]).await;
    let bob = insert_user(&store, "bob", developers).await;
    let carol = insert_user(&store, "Carol", ProfileId::ADMINISTRATOR).await;
    let alice = insert_user(&store, "alice", developers).await;

    let found = read(&store, |conn| users::get_user_by_name(conn, "BOB")).await.expect("found without case");
    assert_eq!((found.id, found.username.as_str()), (bob, "bob"));
    assert_eq!((found.profile_id, found.profile_name.as_str()), (developers, "Developers"));
    assert_eq!(found.permissions, [Permission::FaasDeveloper]);
    assert!(!found.disabled);
    assert!(read(&store, |conn| users::get_user_by_name(conn, "nobody")).await.is_none());
    assert!(read(&store, |conn| users::get_user(conn, UserId(9_999))).await.is_none());

    let message = conflict(store.write(move |tx| users::insert_user(tx, &username("CAROL"), "x", developers)).await);
    assert!(message.contains("CAROL"), "{message}");
    assert_eq!(user_names(&store).await, ["Admin", "alice", "bob", "Carol"]);

    let login = read(&store, |conn| users::get_login(conn, "ALICE")).await.expect("alice signs in");
    assert_eq!(
        (login.id, login.password_hash.as_str(), login.disabled, login.break_glass),
        (alice, "hash-alice", false, false)
    );

    assert_eq!(read(&store, |conn| users::count_active_admins(conn, None)).await, 2);
    assert_eq!(read(&store, move |conn| users::count_active_admins(conn, Some(carol))).await, 1);
    assert_eq!(read(&store, |conn| users::count_active_admins_outside(conn, ProfileId::ADMINISTRATOR)).await, 0);
    let ops = insert_profile(&store, "Ops", &[Permission::FaasAdmin]).await;
    insert_user(&store, "dave", ops).await;
    assert_eq!(read(&store, |conn| users::count_active_admins_outside(conn, ProfileId::ADMINISTRATOR)).await, 1);
    assert_eq!(read(&store, |conn| users::count_active_admins(conn, None)).await, 3);

    // Disabling ends the user's sessions (and only theirs).
    write(&store, move |tx| {
        sessions::insert_session(tx, b"bob-1", bob, "csrf-1", 1_000)?;
        sessions::insert_session(tx, b"bob-2", bob, "csrf-2", 1_000)?;
        sessions::insert_session(tx, b"carol-1", carol, "csrf-3", 1_000)
    })
    .await;
    assert!(write(&store, move |tx| users::update_user_disabled(tx, bob, true)).await);
    assert!(read(&store, |conn| sessions::get_session(conn, b"bob-1")).await.is_none());
    assert!(read(&store, |conn| sessions::get_session(conn, b"bob-2")).await.is_none());
    assert!(read(&store, |conn| sessions::get_session(conn, b"carol-1")).await.is_some());
    assert!(read(&store, move |conn| users::get_user(conn, bob)).await.unwrap().disabled);
    assert!(read(&store, |conn| users::get_login(conn, "bob")).await.unwrap().disabled);
    assert!(write(&store, move |tx| users::update_user_disabled(tx, bob, false)).await);
    assert!(!read(&store, move |conn| users::get_user(conn, bob)).await.unwrap().disabled);
    assert!(!write(&store, |tx| users::update_user_disabled(tx, UserId(9_999), true)).await);
    assert!(write(&store, move |tx| users::update_user_disabled(tx, carol, true)).await);
    assert_eq!(read(&store, |conn| users::count_active_admins(conn, None)).await, 2);
    assert!(write(&store, move |tx| users::update_user_disabled(tx, carol, false)).await);

    // A new password ends the sessions too.
    write(&store, move |tx| sessions::insert_session(tx, b"carol-2", carol, "csrf-4", 2_000)).await;
    assert!(write(&store, move |tx| users::update_user_password(tx, carol, "new-hash")).await);
    assert!(read(&store, |conn| sessions::get_session(conn, b"carol-1")).await.is_none());
    assert!(read(&store, |conn| sessions::get_session(conn, b"carol-2")).await.is_none());
    assert_eq!(read(&store, |conn| users::get_login(conn, "carol")).await.unwrap().password_hash, "new-hash");

    // Another profile.
    assert!(write(&store, move |tx| users::update_user_profile(tx, alice, ProfileId::ADMINISTRATOR)).await);
    let user = read(&store, move |conn| users::get_user(conn, alice)).await.unwrap();
    assert_eq!((user.profile_id, user.profile_name.as_str()), (ProfileId::ADMINISTRATOR, "Administrator"));
    assert_eq!(user.permissions, Permission::ALL);
    assert_eq!(read(&store, |conn| users::count_active_admins(conn, None)).await, 4);
    assert_eq!(read(&store, move |conn| users::count_active_admins(conn, Some(admin))).await, 3);

    // Deleting a user deletes their sessions and credentials.
    write(&store, move |tx| {
        sessions::insert_session(tx, b"bob-3", bob, "csrf-5", 3_000)?;
        credentials::insert_credential(tx, "cid-bob", bob, "ci", b"secret-hash")
    })
    .await;
    assert!(write(&store, move |tx| users::delete_user(tx, bob)).await);
    assert!(read(&store, move |conn| users::get_user(conn, bob)).await.is_none());
    assert!(read(&store, |conn| sessions::get_session(conn, b"bob-3")).await.is_none());
    assert!(read(&store, |conn| credentials::get_credential(conn, "cid-bob")).await.is_none());
    assert!(!write(&store, move |tx| users::delete_user(tx, bob)).await);
    assert_eq!(user_names(&store).await, ["Admin", "alice", "Carol", "dave"]);

    // Single sign-on users.
    let erin =
        write(&store, move |tx| users::insert_sso_user(tx, &username("erin"), "https://idp|erin", developers)).await;
    let user = read(&store, |conn| users::get_user_by_sso_subject(conn, "https://idp|erin")).await.unwrap();
    assert_eq!((user.id, user.username.as_str()), (erin, "erin"));
    assert!(read(&store, |conn| users::get_user_by_sso_subject(conn, "https://idp|ERIN")).await.is_none());
    assert_eq!(read(&store, |conn| users::get_login(conn, "erin")).await.unwrap().password_hash, "");
    conflict(
        store.write(move |tx| users::insert_sso_user(tx, &username("Erin"), "https://idp|other", developers)).await,
    );
}

/// Profiles: permissions, names, identity-provider groups, and what may not be deleted.
async fn profiles(store: Store) {
    let developers =
        insert_profile(&store, "Developers", &[Permission::FaasInvocation, Permission::FaasDeveloper]).await;
    let profile = read(&store, move |conn| profiles::get_profile(conn, developers)).await.unwrap();
    assert_eq!((profile.name.as_str(), profile.builtin, profile.user_count), ("Developers", false, 0));
    assert_eq!(profile.permissions, [Permission::FaasDeveloper, Permission::FaasInvocation]);
    assert!(profile.sso_groups.is_empty());
    conflict(store.write(|tx| profiles::insert_profile(tx, "DEVELOPERS", &[Permission::FaasAdmin])).await);

    assert!(
        write(&store, move |tx| profiles::update_profile(tx, developers, "Devs", &[Permission::FaasInvocation])).await
    );
    let profile = read(&store, move |conn| profiles::get_profile(conn, developers)).await.unwrap();
    assert_eq!(
        (profile.name.as_str(), profile.permissions.as_slice()),
        ("Devs", [Permission::FaasInvocation].as_slice())
    );
    assert_eq!(read(&store, |conn| profiles::profile_id_by_name(conn, "dEVS")).await, Some(developers));
    assert_eq!(read(&store, |conn| profiles::profile_id_by_name(conn, "Developers")).await, None);
    let builtin = store.write(|tx| profiles::update_profile(tx, ProfileId::ADMINISTRATOR, "Root", &[])).await;
    assert!(!builtin.unwrap());
    let admin = read(&store, |conn| profiles::get_profile(conn, ProfileId::ADMINISTRATOR)).await.unwrap();
    assert_eq!((admin.name.as_str(), admin.builtin), ("Administrator", true));
    assert_eq!(admin.permissions, Permission::ALL);

    let auditors = insert_profile(&store, "auditors", &[Permission::FaasInvocation]).await;
    conflict(
        store.write(move |tx| profiles::update_profile(tx, auditors, "DEVS", &[Permission::FaasInvocation])).await,
    );
    let names: Vec<String> = read(&store, profiles::list_profiles).await.into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Administrator", "auditors", "Devs"]);

    // Identity-provider groups: listed in the order given; kept ones keep their place.
    let groups = |names: &[&str]| names.iter().map(|g| (*g).to_owned()).collect::<Vec<String>>();
    let (dev_groups, audit_groups) = (groups(&["g-dev", "g-all"]), groups(&["g-audit"]));
    write(&store, move |tx| profiles::set_sso_groups(tx, developers, &dev_groups)).await;
    write(&store, move |tx| profiles::set_sso_groups(tx, auditors, &audit_groups)).await;
    let dev_groups = groups(&["g-all", "g-new"]);
    write(&store, move |tx| profiles::set_sso_groups(tx, developers, &dev_groups)).await;
    let profile = read(&store, move |conn| profiles::get_profile(conn, developers)).await.unwrap();
    assert_eq!(profile.sso_groups, ["g-all", "g-new"]);
    let mappings = read(&store, profiles::sso_mappings).await;
    let expected = [("g-all", developers), ("g-audit", auditors), ("g-new", developers)];
    assert_eq!(mappings, expected.map(|(g, p)| (g.to_owned(), p)));
    let taken = groups(&["g-audit", "g-all"]);
    let message = conflict(store.write(move |tx| profiles::set_sso_groups(tx, auditors, &taken)).await);
    assert!(message.contains("g-all") && message.contains("Devs"), "{message}");
    assert_eq!(read(&store, profiles::sso_mappings).await, expected.map(|(g, p)| (g.to_owned(), p)));

    // Deleting: refused while held or built in.
    let user = insert_user(&store, "bob", auditors).await;
    assert_eq!(read(&store, move |conn| profiles::get_profile(conn, auditors)).await.unwrap().user_count, 1);
    let message = conflict(store.write(move |tx| profiles::delete_profile(tx, auditors)).await);
    assert!(message.contains("auditors"), "{message}");
    conflict(store.write(|tx| profiles::delete_profile(tx, ProfileId::ADMINISTRATOR)).await);
    assert!(write(&store, move |tx| users::delete_user(tx, user)).await);
    assert!(write(&store, move |tx| profiles::delete_profile(tx, auditors)).await);
    assert!(!write(&store, move |tx| profiles::delete_profile(tx, auditors)).await);
    assert!(read(&store, move |conn| profiles::get_profile(conn, auditors)).await.is_none());
    let mappings = read(&store, profiles::sso_mappings).await;
    assert_eq!(mappings, [("g-all".to_owned(), developers), ("g-new".to_owned(), developers)]);
}

/// A profile's identity-provider groups can be set to none.
async fn sso_groups_can_be_cleared(store: Store) {
    let developers = insert_profile(&store, "Developers", &[Permission::FaasDeveloper]).await;
    write(&store, move |tx| profiles::set_sso_groups(tx, developers, &["g-dev".to_owned()])).await;
    write(&store, move |tx| profiles::set_sso_groups(tx, developers, &[])).await;
    assert!(read(&store, profiles::sso_mappings).await.is_empty());
}

/// Sessions by token hash (bytes of any value).
async fn sessions(store: Store) {
    let admin = provision(&store).await;
    let token: Vec<u8> = vec![0, 1, 0x7f, 0x80, 0xfe, 0xff, 0];
    let other: Vec<u8> = vec![0, 1, 0x7f, 0x80, 0xfe, 0xff];
    let (t, o) = (token.clone(), other.clone());
    write(&store, move |tx| {
        sessions::insert_session(tx, &t, admin, "csrf-a", 1_000)?;
        sessions::insert_session(tx, &o, admin, "csrf-b", 500)
    })
    .await;
    let t = token.clone();
    let session = read(&store, move |conn| sessions::get_session(conn, &t)).await.unwrap();
    assert_eq!((session.user_id, session.csrf_token.as_str(), session.last_seen_at), (admin, "csrf-a", 1_000));
    assert!(read(&store, |conn| sessions::get_session(conn, b"\0\x01")).await.is_none());

    let t = token.clone();
    write(&store, move |tx| sessions::touch_session(tx, &t, 2_000)).await;
    let t = token.clone();
    assert_eq!(read(&store, move |conn| sessions::get_session(conn, &t)).await.unwrap().last_seen_at, 2_000);

    assert_eq!(write(&store, |tx| sessions::delete_idle_sessions(tx, 1_500)).await, 1);
    let o = other.clone();
    assert!(read(&store, move |conn| sessions::get_session(conn, &o)).await.is_none());
    assert_eq!(write(&store, |tx| sessions::delete_idle_sessions(tx, 1_500)).await, 0);

    let t = token.clone();
    write(&store, move |tx| sessions::delete_session(tx, &t)).await;
    assert!(read(&store, move |conn| sessions::get_session(conn, &token)).await.is_none());
}

/// API credentials: listed newest first, revoked once.
async fn credentials(store: Store) {
    let admin = provision(&store).await;
    let bob = insert_user(&store, "bob", ProfileId::ADMINISTRATOR).await;
    let before = now_ms();
    write(&store, move |tx| credentials::insert_credential(tx, "cid-1", admin, "first", &[0, 255, 7])).await;
    tick().await;
    write(&store, move |tx| credentials::insert_credential(tx, "cid-2", admin, "second", &[1; 32])).await;
    write(&store, move |tx| credentials::insert_credential(tx, "cid-3", bob, "bob's", &[2; 32])).await;

    let credential = read(&store, |conn| credentials::get_credential(conn, "cid-1")).await.unwrap();
    assert_eq!(
        (credential.client_id.as_str(), credential.user_id, credential.name.as_str()),
        ("cid-1", admin, "first")
    );
    assert_eq!(credential.secret_hash, [0, 255, 7]);
    assert!((before..=now_ms()).contains(&credential.created_at));
    assert_eq!((credential.last_used_at, credential.revoked_at), (None, None));
    assert!(read(&store, |conn| credentials::get_credential(conn, "CID-1")).await.is_none());

    let listed: Vec<String> = read(&store, move |conn| credentials::list_credentials(conn, admin))
        .await
        .into_iter()
        .map(|c| c.client_id)
        .collect();
    assert_eq!(listed, ["cid-2", "cid-1"]);

    write(&store, |tx| credentials::touch_credential(tx, "cid-1")).await;
    let credential = read(&store, |conn| credentials::get_credential(conn, "cid-1")).await.unwrap();
    assert!(credential.last_used_at.is_some_and(|at| at >= credential.created_at));

    assert!(!write(&store, move |tx| credentials::revoke_credential(tx, "cid-1", bob)).await);
    assert!(write(&store, move |tx| credentials::revoke_credential(tx, "cid-1", admin)).await);
    assert!(!write(&store, move |tx| credentials::revoke_credential(tx, "cid-1", admin)).await);
    let credential = read(&store, |conn| credentials::get_credential(conn, "cid-1")).await.unwrap();
    assert!(credential.revoked_at.is_some());
    assert!(read(&store, |conn| credentials::get_credential(conn, "cid-2")).await.unwrap().revoked_at.is_none());
}

/// Secrets: sealed bytes come back exactly; updates and reseals keep what they should.
async fn secrets(store: Store) {
    let sealed: Vec<u8> = (0..=255).collect();
    let big: Vec<u8> = (0..70_000_u32).map(|i| (i * 7 % 251) as u8).collect();
    let (s, b) = (sealed.clone(), big.clone());
    write(&store, move |tx| {
        secrets::insert_secret(tx, "db_password", "string", &s, "key-1", "alice")?;
        secrets::insert_secret(tx, "api_token", "json", &b, "key-1", "alice")
    })
    .await;
    let secret = read(&store, |conn| secrets::get_secret(conn, "db_password")).await.unwrap();
    assert_eq!(
        (secret.name.as_str(), secret.kind.as_str(), secret.key_id.as_str()),
        ("db_password", "string", "key-1")
    );
    assert_eq!(secret.sealed, sealed);
    assert_eq!((secret.created_by.as_str(), secret.updated_by.as_str()), ("alice", "alice"));
    assert_eq!(secret.created_at, secret.updated_at);
    assert_eq!(read(&store, |conn| secrets::get_secret(conn, "api_token")).await.unwrap().sealed, big);
    assert!(read(&store, |conn| secrets::get_secret(conn, "missing")).await.is_none());

    let message =
        conflict(store.write(|tx| secrets::insert_secret(tx, "db_password", "number", b"x", "k", "bob")).await);
    assert!(message.contains("db_password"), "{message}");

    tick().await;
    assert!(write(&store, |tx| secrets::update_secret(tx, "db_password", b"new value", "key-1", "bob")).await);
    assert!(!write(&store, |tx| secrets::update_secret(tx, "missing", b"x", "key-1", "bob")).await);
    let updated = read(&store, |conn| secrets::get_secret(conn, "db_password")).await.unwrap();
    assert_eq!(updated.sealed, b"new value");
    assert_eq!((updated.created_by.as_str(), updated.updated_by.as_str()), ("alice", "bob"));
    assert_eq!(updated.created_at, secret.created_at);
    assert!(updated.updated_at > secret.updated_at);

    write(&store, |tx| secrets::reseal_secret(tx, "db_password", &[9, 0, 9], "key-2")).await;
    let resealed = read(&store, |conn| secrets::get_secret(conn, "db_password")).await.unwrap();
    assert_eq!((resealed.sealed.as_slice(), resealed.key_id.as_str()), ([9, 0, 9].as_slice(), "key-2"));
    assert_eq!((resealed.updated_at, resealed.updated_by.as_str()), (updated.updated_at, "bob"));

    let names = |rows: Vec<secrets::SecretRow>| rows.into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(names(read(&store, secrets::list_secrets).await), ["api_token", "db_password"]);
    assert!(write(&store, |tx| secrets::delete_secret(tx, "db_password")).await);
    assert!(!write(&store, |tx| secrets::delete_secret(tx, "db_password")).await);
    assert_eq!(names(read(&store, secrets::list_secrets).await), ["api_token"]);
}

/// The allowlist: entries unique without case, listed by pattern.
async fn allowlist(store: Store) {
    let before = now_ms();
    let api = write(&store, |tx| allowlist::insert_entry(tx, "api.example.com", "alice")).await;
    let wildcard = write(&store, |tx| allowlist::insert_entry(tx, "*.example.org", "bob")).await;
    assert_ne!(api, wildcard);
    let message = conflict(store.write(|tx| allowlist::insert_entry(tx, "API.Example.COM", "bob")).await);
    assert!(message.contains("API.Example.COM"), "{message}");

    let entries = read(&store, allowlist::list_entries).await;
    let listed: Vec<(i64, &str, &str)> =
        entries.iter().map(|e| (e.id, e.pattern.as_str(), e.created_by.as_str())).collect();
    assert_eq!(listed, [(wildcard, "*.example.org", "bob"), (api, "api.example.com", "alice")]);
    assert!(entries.iter().all(|e| (before..=now_ms()).contains(&e.created_at)));

    assert_eq!(write(&store, move |tx| allowlist::delete_entry(tx, api)).await.as_deref(), Some("api.example.com"));
    assert_eq!(write(&store, move |tx| allowlist::delete_entry(tx, api)).await, None);
    let patterns: Vec<String> = read(&store, allowlist::list_entries).await.into_iter().map(|e| e.pattern).collect();
    assert_eq!(patterns, ["*.example.org"]);
}

/// Lambdas: saves with the version as compare-and-set, deployments and their history.
async fn lambdas(store: Store) {
    const EVENT: &str = "conversation_end";
    let before = now_ms();
    let id = insert_lambda(&store, "order_hook", Some(EVENT)).await;
    let lambda = get_lambda(&store, &id).await;
    let new = new_lambda("order_hook", Some(EVENT));
    assert_eq!(
        (&lambda.id, lambda.name.as_str(), lambda.description.as_str()),
        (&id, "order_hook", new.description.as_str())
    );
    assert_eq!((lambda.event_id.as_deref(), lambda.template_id.as_deref()), (Some(EVENT), Some("blank")));
    assert_eq!(
        (lambda.code.as_str(), &lambda.env, &lambda.sample_input),
        (new.code.as_str(), &new.env, &new.sample_input)
    );
    assert!(lambda.skills.is_empty());
    assert_eq!(lambda.version, 1);
    assert!(lambda.serving.is_none() && lambda.last_attempt.is_none());
    assert_eq!(lambda.state(), LambdaState::Draft);
    assert_eq!((lambda.created_by.as_str(), lambda.updated_by.as_str()), ("alice", "alice"));
    assert!((before..=now_ms()).contains(&lambda.created_at));
    conflict(store.write(|tx| lambdas::insert_lambda(tx, &new_lambda("ORDER_HOOK", None), "bob")).await);

    // Saves.
    assert_eq!(update_lambda(&store, &id, 1, changes_of(&lambda)).await, SaveOutcome::Unchanged);
    let mut changes = changes_of(&lambda);
    changes.skills = vec!["1234".to_owned(), "5678".to_owned()];
    assert_eq!(update_lambda(&store, &id, 1, changes.clone()).await, SaveOutcome::SkillsSaved(1));
    let lambda = get_lambda(&store, &id).await;
    assert_eq!(
        (lambda.version, lambda.skills.as_slice(), lambda.updated_by.as_str()),
        (1, changes.skills.as_slice(), "bob")
    );
    changes.code = "export default async () => 'v2';".to_owned();
    changes.env.push(EnvVar { key: "MODE".to_owned(), value: "strict".to_owned() });
    assert_eq!(update_lambda(&store, &id, 1, changes.clone()).await, SaveOutcome::Saved(2));
    let lambda = get_lambda(&store, &id).await;
    assert_eq!((lambda.version, lambda.code.as_str(), &lambda.env), (2, changes.code.as_str(), &changes.env));
    assert_eq!(update_lambda(&store, &id, 1, changes.clone()).await, SaveOutcome::Stale { current: 2 });
    assert_eq!(update_lambda(&store, &LambdaId::generate(), 1, changes.clone()).await, SaveOutcome::NotFound);
    let billing = insert_lambda(&store, "billing", Some(EVENT)).await;
    let mut renamed = changes.clone();
    renamed.name = "BILLING".to_owned();
    let i = id.clone();
    conflict(store.write(move |tx| lambdas::update_lambda(tx, &i, 2, &renamed, "bob")).await);
    assert_eq!(get_lambda(&store, &id).await.version, 2);

    // A successful deployment serves the current version.
    let first = deploy(&store, &id, "Succeeded", None).await;
    let lambda = get_lambda(&store, &id).await;
    let serving = lambda.serving.clone().expect("deployed");
    assert_eq!((serving.id, serving.lambda_version, serving.state.as_str()), (first, 2, "Succeeded"));
    assert_eq!(
        (serving.code.as_str(), &serving.env, serving.created_by.as_str()),
        (changes.code.as_str(), &changes.env, "bob")
    );
    assert_eq!((serving.error.as_deref(), serving.error_line), (None, None));
    assert_eq!(lambda.last_attempt.as_ref().map(|d| d.id), Some(first));
    assert_eq!(lambda.state(), LambdaState::Productive);
    let i = id.clone();
    assert_eq!(read(&store, move |conn| lambdas::get_serving(conn, &i)).await.map(|d| d.id), Some(first));
    assert_eq!(read(&store, lambdas::count_lambdas).await, (2, 1));
    let i = id.clone();
    let message = conflict(store.write(move |tx| lambdas::delete_lambda(tx, &i)).await);
    assert!(message.contains("order_hook"), "{message}");

    // Failed attempts: the newest DEPLOYMENT_HISTORY are kept, and always the serving one.
    changes.code = "export default async () => { syntax error".to_owned();
    assert_eq!(update_lambda(&store, &id, 2, changes.clone()).await, SaveOutcome::Saved(3));
    assert_eq!(get_lambda(&store, &id).await.state(), LambdaState::Modified);
    let mut failed = Vec::new();
    for _ in 0..=DEPLOYMENT_HISTORY {
        failed.push(deploy(&store, &id, "BuildError", Some(("SyntaxError: unexpected end", Some(1)))).await);
    }
    let i = id.clone();
    let history: Vec<i64> =
        read(&store, move |conn| lambdas::list_deployments(conn, &i)).await.into_iter().map(|d| d.id).collect();
    let mut expected: Vec<i64> = failed.iter().rev().take(DEPLOYMENT_HISTORY).copied().collect();
    expected.push(first);
    assert_eq!(history, expected);
    let lambda = get_lambda(&store, &id).await;
    assert_eq!(lambda.state(), LambdaState::BuildError);
    assert_eq!(lambda.failure_cause(), Some("SyntaxError: unexpected end"));
    assert_eq!(lambda.last_attempt.as_ref().and_then(|d| d.error_line), Some(1));
    assert_eq!(lambda.serving.as_ref().map(|d| d.id), Some(first));
    let (i, b, oldest) = (id.clone(), billing.clone(), failed[0]);
    let (own, foreign, pruned) = read(&store, move |conn| {
        Ok((
            lambdas::get_deployment(conn, &i, first)?,
            lambdas::get_deployment(conn, &b, first)?,
            lambdas::get_deployment(conn, &i, oldest)?,
        ))
    })
    .await;
    assert_eq!(own.map(|d| d.id), Some(first));
    assert!(foreign.is_none() && pruned.is_none());

    // A new serving deployment lets the old one go.
    changes.code = "export default async () => 'v4';".to_owned();
    assert_eq!(update_lambda(&store, &id, 3, changes.clone()).await, SaveOutcome::Saved(4));
    let second = deploy(&store, &id, "Succeeded", None).await;
    let i = id.clone();
    let history: Vec<i64> =
        read(&store, move |conn| lambdas::list_deployments(conn, &i)).await.into_iter().map(|d| d.id).collect();
    let mut expected = vec![second];
    expected.extend(failed.iter().rev().take(DEPLOYMENT_HISTORY - 1));
    assert_eq!(history, expected, "the former serving deployment is no longer kept");
    assert_eq!(get_lambda(&store, &id).await.state(), LambdaState::Productive);

    // Event lookups.
    let serving = read(&store, |conn| lambdas::list_serving_for_event(conn, EVENT)).await;
    let serving: Vec<(i64, Vec<String>)> = serving.into_iter().map(|(d, skills)| (d.id, skills)).collect();
    assert_eq!(serving, [(second, changes.skills.clone())]);
    let billing_deployment = deploy(&store, &billing, "Succeeded", None).await;
    let serving = read(&store, |conn| lambdas::list_serving_for_event(conn, EVENT)).await;
    let serving: Vec<(i64, &str)> = serving.iter().map(|(d, _)| (d.id, d.lambda.as_str())).collect();
    assert_eq!(serving, [(billing_deployment, billing.as_str()), (second, id.as_str())]);
    let skills = read(&store, |conn| lambdas::list_event_skills(conn, EVENT)).await;
    assert_eq!(
        skills,
        [
            (billing.clone(), "billing".to_owned(), vec![]),
            (id.clone(), "order_hook".to_owned(), changes.skills.clone())
        ]
    );
    assert!(read(&store, |conn| lambdas::list_event_skills(conn, "other_event")).await.is_empty());
    assert_eq!(read(&store, |conn| lambdas::count_for_event(conn, EVENT)).await, 2);
    let names: Vec<String> = read(&store, lambdas::list_lambdas).await.into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["billing", "order_hook"]);
    assert_eq!(read(&store, lambdas::count_lambdas).await, (2, 2));

    // Undeploy, then delete.
    let i = id.clone();
    assert!(write(&store, move |tx| lambdas::undeploy(tx, &i)).await);
    let i = id.clone();
    assert!(!write(&store, move |tx| lambdas::undeploy(tx, &i)).await);
    let i = id.clone();
    assert!(read(&store, move |conn| lambdas::get_serving(conn, &i)).await.is_none());
    assert_eq!(get_lambda(&store, &id).await.state(), LambdaState::Draft);
    assert_eq!(read(&store, lambdas::count_lambdas).await, (2, 1));
    let i = id.clone();
    assert!(write(&store, move |tx| lambdas::delete_lambda(tx, &i)).await);
    let i = id.clone();
    let (gone, exists, history) = read(&store, move |conn| {
        Ok((lambdas::get_lambda(conn, &i)?, lambdas::lambda_exists(conn, &i)?, lambdas::list_deployments(conn, &i)?))
    })
    .await;
    assert!(gone.is_none() && !exists && history.is_empty());
    let i = id.clone();
    assert!(!write(&store, move |tx| lambdas::delete_lambda(tx, &i)).await);
    assert_eq!(read(&store, lambdas::count_lambdas).await, (1, 1));
}

fn schedule_fields(lambda: &LambdaId, active: bool) -> ScheduleFields {
    ScheduleFields { lambda: lambda.clone(), cron: "*/5 * * * *".to_owned(), payload: json!({"job": "sync"}), active }
}

async fn get_schedule(store: &Store, id: &ScheduleId) -> schedules::Schedule {
    let id = id.clone();
    read(store, move |conn| schedules::get_schedule(conn, &id)).await.expect("the schedule exists")
}

async fn claim_runs(
    store: &Store,
    id: &ScheduleId,
    expected: i64,
    last_due: i64,
    missed: Vec<i64>,
    fire: Option<(i64, &'static str)>,
) -> Claim {
    let id = id.clone();
    write(store, move |tx| schedules::claim_runs(tx, &id, expected, last_due, &missed, fire, last_due + 5)).await
}

async fn list_runs(store: &Store, id: &ScheduleId) -> Vec<schedules::ScheduleRun> {
    let id = id.clone();
    read(store, move |conn| schedules::list_runs(conn, &id, 1_000)).await
}

/// How many lambdas have a schedule, not counting one schedule.
async fn scheduled_lambda_counts(store: Store) {
    let (lambda, other) = (insert_lambda(&store, "nightly", None).await, insert_lambda(&store, "hourly", None).await);
    let (id, other_schedule) = (ScheduleId::generate(), ScheduleId::generate());
    let (i, o, l, fields, other_fields) = (
        id.clone(),
        other_schedule.clone(),
        lambda.clone(),
        schedule_fields(&lambda, true),
        schedule_fields(&other, false),
    );
    write(&store, move |tx| {
        schedules::insert_schedule(tx, &i, &fields, "alice", 1_000)?;
        schedules::insert_schedule(tx, &o, &other_fields, "alice", 1_000)?;
        // A second schedule of the same lambda counts it once.
        schedules::insert_schedule(tx, &ScheduleId::generate(), &schedule_fields(&l, true), "alice", 1_000)
    })
    .await;
    let counts = read(&store, move |conn| {
        Ok((
            schedules::count_scheduled_lambdas(conn, &lambda, None)?,
            schedules::count_scheduled_lambdas(conn, &LambdaId::generate(), None)?,
            schedules::count_scheduled_lambdas(conn, &lambda, Some(&id))?,
            schedules::count_scheduled_lambdas(conn, &other, Some(&other_schedule))?,
            schedules::count_scheduled_lambdas(conn, &other, Some(&id))?,
        ))
    })
    .await;
    assert_eq!(counts, ((2, true), (2, false), (2, true), (1, false), (2, true)));
}

/// Schedules: each due time is claimed once; runs are recorded and pruned.
async fn schedules(store: Store) {
    const CREATED: i64 = 1_000_000;
    let lambda = insert_lambda(&store, "nightly", None).await;
    let other = insert_lambda(&store, "hourly", None).await;
    let id = ScheduleId::generate();
    let (i, fields) = (id.clone(), schedule_fields(&lambda, true));
    write(&store, move |tx| schedules::insert_schedule(tx, &i, &fields, "alice", CREATED)).await;

    let schedule = get_schedule(&store, &id).await;
    assert_eq!(
        (&schedule.lambda, schedule.lambda_name.as_str(), schedule.lambda_deployed),
        (&lambda, "nightly", false)
    );
    assert_eq!(
        (schedule.cron.as_str(), &schedule.payload, schedule.active),
        ("*/5 * * * *", &json!({"job": "sync"}), true)
    );
    assert_eq!((schedule.paused_reason.as_deref(), schedule.last_due_at), (None, CREATED));
    assert_eq!(
        (schedule.created_at, schedule.created_by.as_str(), schedule.updated_by.as_str()),
        (CREATED, "alice", "alice")
    );
    assert!(schedule.last_run.is_none() && schedule.last_executed.is_none());
    let other_schedule = ScheduleId::generate();
    let (i, fields) = (other_schedule.clone(), schedule_fields(&other, false));
    write(&store, move |tx| schedules::insert_schedule(tx, &i, &fields, "alice", CREATED)).await;
    let listed: Vec<&str> = vec![other_schedule.as_str(), id.as_str()];
    let all = read(&store, schedules::list_schedules).await;
    assert_eq!(all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), listed);
    let active = read(&store, schedules::list_active).await;
    assert_eq!(active.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);

    // Editing never moves last_due_at back.
    let (i, fields) = (id.clone(), schedule_fields(&lambda, true));
    assert!(write(&store, move |tx| schedules::update_schedule(tx, &i, &fields, "bob", CREATED - 500)).await);
    let schedule = get_schedule(&store, &id).await;
    assert_eq!(
        (schedule.last_due_at, schedule.updated_at, schedule.updated_by.as_str()),
        (CREATED, CREATED - 500, "bob")
    );
    let (i, fields) = (id.clone(), schedule_fields(&lambda, true));
    assert!(write(&store, move |tx| schedules::update_schedule(tx, &i, &fields, "bob", 2_000_000)).await);
    assert_eq!(get_schedule(&store, &id).await.last_due_at, 2_000_000);
    let fields = schedule_fields(&lambda, true);
    assert!(!write(&store, move |tx| schedules::update_schedule(tx, &ScheduleId::generate(), &fields, "bob", 1)).await);

    // Claims: the first wins, the same claim again loses.
    let run =
        match claim_runs(&store, &id, 2_000_000, 2_300_000, vec![2_100_000, 2_200_000], Some((2_300_000, "req-1")))
            .await
        {
            Claim::Won(Some(run)) => run,
            other => panic!("expected a won claim with a run, got {other:?}"),
        };
    let again =
        claim_runs(&store, &id, 2_000_000, 2_300_000, vec![2_100_000, 2_200_000], Some((2_300_000, "req-2"))).await;
    assert_eq!(again, Claim::Lost);
    assert_eq!(claim_runs(&store, &id, 2_300_000, 2_300_000, vec![], None).await, Claim::Lost, "last_due must move on");
    let runs = list_runs(&store, &id).await;
    let summary: Vec<(i64, RunStatus, Option<&str>)> =
        runs.iter().map(|r| (r.due_at, r.status, r.request_id.as_deref())).collect();
    assert_eq!(
        summary,
        [
            (2_300_000, RunStatus::Running, Some("req-1")),
            (2_200_000, RunStatus::Missed, None),
            (2_100_000, RunStatus::Missed, None)
        ]
    );
    assert_eq!(runs[0].id, run);
    let schedule = get_schedule(&store, &id).await;
    assert_eq!(schedule.last_due_at, 2_300_000);
    assert_eq!(schedule.last_run.as_ref().map(|r| r.id), Some(run));
    assert_eq!(schedule.last_executed.as_ref().map(|r| r.id), Some(run));

    write(&store, move |tx| schedules::finish_run(tx, run, RunStatus::Succeeded, Some("SUCCEEDED"), None, 42)).await;
    let finished = &list_runs(&store, &id).await[0];
    assert_eq!(
        (finished.status, finished.outcome.as_deref(), finished.error.as_deref()),
        (RunStatus::Succeeded, Some("SUCCEEDED"), None)
    );
    assert_eq!(finished.duration_ms, Some(42));

    // Missed only: the newest run is missed, the newest executed one stays.
    assert_eq!(claim_runs(&store, &id, 2_300_000, 2_400_000, vec![2_400_000], None).await, Claim::Won(None));
    let schedule = get_schedule(&store, &id).await;
    assert_eq!(schedule.last_run.as_ref().map(|r| (r.due_at, r.status)), Some((2_400_000, RunStatus::Missed)));
    assert_eq!(schedule.last_executed.as_ref().map(|r| r.id), Some(run));

    // A run left running by a previous process.
    let Claim::Won(Some(interrupted)) =
        claim_runs(&store, &id, 2_400_000, 2_500_000, vec![], Some((2_500_000, "req-3"))).await
    else {
        panic!("expected a won claim with a run");
    };
    // Claimed (started) at 2_500_005: only a cutoff after that fails it.
    assert_eq!(write(&store, |tx| schedules::fail_interrupted_runs(tx, 2_500_005)).await, 0);
    assert_eq!(write(&store, |tx| schedules::fail_interrupted_runs(tx, 2_500_006)).await, 1);
    assert_eq!(write(&store, |tx| schedules::fail_interrupted_runs(tx, i64::MAX)).await, 0);
    let failed = &list_runs(&store, &id).await[0];
    assert_eq!((failed.id, failed.status), (interrupted, RunStatus::Failed));
    assert_eq!(failed.error.as_deref(), Some("lambdabox stopped before the run finished"));

    // Pausing stops claims; resuming clears the reason.
    let l = lambda.clone();
    assert_eq!(write(&store, move |tx| schedules::pause_for_lambda(tx, &l, "the lambda was undeployed")).await, 1);
    let l = lambda.clone();
    assert_eq!(write(&store, move |tx| schedules::pause_for_lambda(tx, &l, "again")).await, 0);
    let schedule = get_schedule(&store, &id).await;
    assert_eq!((schedule.active, schedule.paused_reason.as_deref()), (false, Some("the lambda was undeployed")));
    assert_eq!(claim_runs(&store, &id, 2_500_000, 2_600_000, vec![], Some((2_600_000, "req-4"))).await, Claim::Lost);
    let (i, fields) = (id.clone(), schedule_fields(&lambda, true));
    assert!(write(&store, move |tx| schedules::update_schedule(tx, &i, &fields, "bob", 2_500_000)).await);
    let schedule = get_schedule(&store, &id).await;
    assert_eq!((schedule.active, schedule.paused_reason.as_deref()), (true, None));

    // Only the newest RUN_HISTORY runs are kept.
    let missed: Vec<i64> = (0..150).map(|n| 3_000_000 + n * 1_000).collect();
    assert_eq!(claim_runs(&store, &id, 2_500_000, 3_149_000, missed, None).await, Claim::Won(None));
    let runs = list_runs(&store, &id).await;
    assert_eq!(i64::try_from(runs.len()).unwrap(), RUN_HISTORY);
    assert_eq!((runs[0].due_at, runs[runs.len() - 1].due_at), (3_149_000, 3_149_000 - (RUN_HISTORY - 1) * 1_000));

    // Deleting the schedule deletes its runs; deleting a lambda deletes its schedules.
    let i = id.clone();
    assert!(write(&store, move |tx| schedules::delete_schedule(tx, &i)).await);
    let i = id.clone();
    assert!(!write(&store, move |tx| schedules::delete_schedule(tx, &i)).await);
    assert!(list_runs(&store, &id).await.is_empty());
    assert!(write(&store, move |tx| lambdas::delete_lambda(tx, &other)).await);
    assert!(read(&store, schedules::list_schedules).await.is_empty());
}

fn report_settings(password: Option<Vec<u8>>) -> ReportSettings {
    ReportSettings {
        host: "smtp.example.com".to_owned(),
        port: 587,
        security: SmtpSecurity::StartTls,
        username: "mailer".to_owned(),
        password_sealed: password,
        from: "lambdabox@example.com".to_owned(),
        frequency: Frequency::Weekly,
        updated_at: 1_700_000_000_000,
        updated_by: "alice".to_owned(),
    }
}

#[track_caller]
fn assert_settings(actual: &ReportSettings, expected: &ReportSettings) {
    assert_eq!(
        (&actual.host, actual.port, actual.security, &actual.username, &actual.from, actual.frequency),
        (&expected.host, expected.port, expected.security, &expected.username, &expected.from, expected.frequency)
    );
    assert_eq!(actual.password_sealed, expected.password_sealed);
    assert_eq!((actual.updated_at, &actual.updated_by), (expected.updated_at, &expected.updated_by));
}

const PERIOD_START: i64 = 1_699_833_600_000;
const PERIOD_END: i64 = PERIOD_START + 7 * 86_400_000;
const STALE_MS: i64 = 600_000;

async fn claim_period(store: &Store, key: &'static str, start: i64, now: i64) -> Option<i64> {
    write(store, move |tx| {
        let claim = PeriodClaim {
            key,
            frequency: Frequency::Weekly,
            start,
            end: start + 7 * 86_400_000,
            lambdas: 3,
            deployed: 2,
        };
        email_reports::claim_period(tx, &claim, now, STALE_MS)
    })
    .await
}

/// Email reports: settings, recipients, and each period claimed for sending once.
async fn email_reports(store: Store) {
    assert!(read(&store, email_reports::get_settings).await.is_none());
    assert!(read(&store, email_reports::get_sealed_password).await.is_none());
    let settings = report_settings(None);
    let s = settings.clone();
    write(&store, move |tx| email_reports::put_settings(tx, &s)).await;
    assert_settings(&read(&store, email_reports::get_settings).await.unwrap(), &settings);
    assert!(read(&store, email_reports::get_sealed_password).await.is_none());

    let sealed: Vec<u8> = (0..=255).rev().collect();
    let settings = ReportSettings {
        port: 465,
        security: SmtpSecurity::Tls,
        frequency: Frequency::Daily,
        updated_by: "bob".to_owned(),
        ..report_settings(Some(sealed.clone()))
    };
    let s = settings.clone();
    write(&store, move |tx| email_reports::put_settings(tx, &s)).await;
    assert_settings(&read(&store, email_reports::get_settings).await.unwrap(), &settings);
    assert_eq!(read(&store, email_reports::get_sealed_password).await, Some(sealed));
    write(&store, |tx| email_reports::reseal_password(tx, &[1, 2, 3])).await;
    let resealed = ReportSettings { password_sealed: Some(vec![1, 2, 3]), ..settings.clone() };
    assert_settings(&read(&store, email_reports::get_settings).await.unwrap(), &resealed);
    let cleared = report_settings(None);
    let s = cleared.clone();
    write(&store, move |tx| email_reports::put_settings(tx, &s)).await;
    assert_settings(&read(&store, email_reports::get_settings).await.unwrap(), &cleared);

    // Recipients: unique without case, at most `max`, listed as added.
    let add = |email: &'static str| write(&store, move |tx| email_reports::insert_recipient(tx, email, "alice", 3));
    assert_eq!(add("zoe@example.com").await, RecipientAdded::Added);
    tick().await;
    assert_eq!(add("adam@example.com").await, RecipientAdded::Added);
    assert_eq!(add("ZOE@EXAMPLE.COM").await, RecipientAdded::Duplicate);
    tick().await;
    assert_eq!(add("mia@example.com").await, RecipientAdded::Added);
    assert_eq!(add("noah@example.com").await, RecipientAdded::Full);
    assert_eq!(add("Adam@Example.com").await, RecipientAdded::Duplicate);
    assert_eq!(
        read(&store, email_reports::list_recipients).await,
        ["zoe@example.com", "adam@example.com", "mia@example.com"]
    );
    assert!(write(&store, |tx| email_reports::delete_recipient(tx, "Zoe@Example.COM")).await);
    assert!(!write(&store, |tx| email_reports::delete_recipient(tx, "zoe@example.com")).await);
    tick().await;
    assert_eq!(add("noah@example.com").await, RecipientAdded::Added);
    assert_eq!(
        read(&store, email_reports::list_recipients).await,
        ["adam@example.com", "mia@example.com", "noah@example.com"]
    );

    // Periods.
    const KEY: &str = "weekly:2023-11-13";
    let now = PERIOD_END + 60_000;
    assert!(read(&store, email_reports::get_last_period).await.is_none());
    assert_eq!(claim_period(&store, KEY, PERIOD_START, now).await, Some(1));
    assert_eq!(claim_period(&store, KEY, PERIOD_START, now + 1_000).await, None, "being sent");
    assert_eq!(claim_period(&store, KEY, PERIOD_START, now + STALE_MS).await, Some(2), "stale");
    let retry = now + STALE_MS + 3_600_000;
    write(&store, move |tx| email_reports::update_period_failed(tx, KEY, "421 try again later", retry)).await;
    let period = read(&store, email_reports::get_last_period).await.unwrap();
    assert_eq!((period.key.as_str(), period.start, period.end), (KEY, PERIOD_START, PERIOD_END));
    assert_eq!((period.status, period.attempts, period.last_attempt_at), (SendStatus::Failed, 2, now + STALE_MS));
    assert_eq!(
        (period.next_attempt_at, period.last_error.as_deref(), period.sent_at),
        (Some(retry), Some("421 try again later"), None)
    );
    assert_eq!((period.lambdas, period.deployed), (3, 2));
    assert_eq!(claim_period(&store, KEY, PERIOD_START, retry - 1).await, None, "retry not due");
    assert_eq!(claim_period(&store, KEY, PERIOD_START, retry).await, Some(3));
    write(&store, move |tx| email_reports::update_period_sent(tx, KEY, retry + 5_000)).await;
    let period = read(&store, email_reports::get_last_period).await.unwrap();
    assert_eq!((period.status, period.attempts, period.sent_at), (SendStatus::Sent, 3, Some(retry + 5_000)));
    assert_eq!((period.next_attempt_at, period.last_error), (None, None));
    assert_eq!(claim_period(&store, KEY, PERIOD_START, retry + 30 * 86_400_000).await, None, "sent");

    let previous = |before: i64| read(&store, move |conn| email_reports::get_previous_sent(conn, before));
    assert_eq!(previous(PERIOD_END).await.map(|p| p.key), Some(KEY.to_owned()));
    assert!(previous(PERIOD_END - 1).await.is_none());
    const NEXT_KEY: &str = "weekly:2023-11-20";
    let next_start = PERIOD_END;
    assert_eq!(claim_period(&store, NEXT_KEY, next_start, retry + 86_400_000).await, Some(1));
    assert_eq!(read(&store, email_reports::get_last_period).await.map(|p| p.key), Some(NEXT_KEY.to_owned()));
    assert_eq!(
        previous(next_start + 7 * 86_400_000).await.map(|p| p.key),
        Some(KEY.to_owned()),
        "the next one is not sent"
    );
}

const OUTCOMES: [&str; 4] = ["SUCCEEDED", "CODING_FAILURE", "PLATFORM_FAILURE", "TIMEOUT"];
const SOURCES: [&str; 3] = ["api", "event", "schedule"];

fn invocation(lambda: &str, request_id: &str, outcome: &'static str, at: i64) -> InvocationRow {
    let failed = outcome != "SUCCEEDED";
    InvocationRow {
        lambda_uuid: lambda.to_owned(),
        request_id: request_id.to_owned(),
        source: "api",
        external_system: None,
        outcome,
        error_code: failed.then(|| "Lambda.Failure".to_owned()),
        error_message: failed.then(|| format!("{outcome} in {request_id}")),
        duration_us: 1_500,
        at,
    }
}

/// Invocations and failures per bucket, as the store should count them.
fn buckets(rows: &[InvocationRow], lambda: Option<&str>, from: i64, bucket: i64) -> Vec<(i64, i64, i64)> {
    let mut counts: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.at >= from && lambda.is_none_or(|l| r.lambda_uuid == l)) {
        let entry = counts.entry(row.at / bucket * bucket).or_default();
        entry.0 += 1;
        entry.1 += i64::from(row.outcome != "SUCCEEDED");
    }
    counts.into_iter().map(|(start, (n, failed))| (start, n, failed)).collect()
}

const BASE: i64 = 1_000_000;

/// Invocations of lambdas `a` and `b` as inserted, in two batches: 150 (on PostgreSQL,
/// statements of 64, 64, 16, 4 and 2 rows), then two at the same time and one that reuses a
/// request id.
fn invocation_batches(a: &str, b: &str) -> [Vec<InvocationRow>; 2] {
    let first = (0..150_usize)
        .map(|i| {
            let n = i64::try_from(i).unwrap();
            let mut row =
                invocation(if i % 3 == 0 { b } else { a }, &format!("req-{i}"), OUTCOMES[i % 4], BASE + n * 1_000);
            row.source = SOURCES[i % 3];
            row.external_system = (i % 2 == 0).then(|| "crm".to_owned());
            row.duration_us = n * 10;
            row
        })
        .collect();
    let later = vec![
        invocation(a, "tie-1", "SUCCEEDED", BASE + 150_000),
        invocation(a, "tie-2", "CODING_FAILURE", BASE + 150_000),
        invocation(b, "req-7", "TIMEOUT", BASE + 150_001),
    ];
    [first, later]
}

/// Inserts the batches; returns every row.
async fn insert_invocations(store: &Store, a: &str, b: &str) -> Vec<InvocationRow> {
    let mut rows = Vec::new();
    for batch in invocation_batches(a, b) {
        rows.extend(batch.iter().cloned());
        append(store, move |tx| invocations::insert_batch(tx, &batch)).await;
    }
    append(store, |tx| invocations::insert_batch(tx, &[])).await;
    rows
}

/// Invocation records: batches, the recent ones of a lambda, lookups by request.
async fn invocations(store: Store) {
    let (a, b) = (LambdaId::generate().to_string(), LambdaId::generate().to_string());
    insert_invocations(&store, &a, &b).await;

    // Newest first, ties by insertion.
    let l = a.clone();
    let recent = read(&store, move |conn| invocations::recent(conn, &l, 4)).await;
    let ids: Vec<&str> = recent.iter().map(|r| r.request_id.as_str()).collect();
    assert_eq!(ids, ["tie-2", "tie-1", "req-149", "req-148"]);
    let newest = &recent[0];
    assert_eq!((newest.source.as_str(), newest.outcome.as_str(), newest.at), ("api", "CODING_FAILURE", BASE + 150_000));
    assert_eq!(
        (newest.error_code.as_deref(), newest.error_message.as_deref()),
        (Some("Lambda.Failure"), Some("CODING_FAILURE in tie-2"))
    );
    let third = &recent[2];
    assert_eq!((third.source.as_str(), third.external_system.as_deref(), third.duration_us), ("schedule", None, 1_490));
    assert!(read(&store, |conn| invocations::recent(conn, "nobody", 10)).await.is_empty());

    let (lambda, found) = read(&store, |conn| invocations::by_request(conn, "req-7")).await.unwrap();
    assert_eq!(
        (lambda.as_str(), found.outcome.as_str(), found.at),
        (b.as_str(), "TIMEOUT", BASE + 150_001),
        "the newest"
    );
    let (lambda, found) = read(&store, |conn| invocations::by_request(conn, "req-8")).await.unwrap();
    assert_eq!((lambda.as_str(), found.request_id.as_str(), found.source.as_str()), (a.as_str(), "req-8", "schedule"));
    assert_eq!(
        (found.external_system.as_deref(), found.outcome.as_str(), found.duration_us),
        (Some("crm"), "SUCCEEDED", 80)
    );
    assert!(read(&store, |conn| invocations::by_request(conn, "nope")).await.is_none());
}

/// Invocation counts by outcome and per time bucket, of all lambdas or of one.
async fn invocation_counts(store: Store) {
    let (a, b) = (LambdaId::generate().to_string(), LambdaId::generate().to_string());
    let rows = insert_invocations(&store, &a, &b).await;

    let count = |lambda: Option<&str>, outcome: &str, from: i64, to: i64| {
        let rows = rows.iter().filter(|r| r.at >= from && r.at < to && lambda.is_none_or(|l| r.lambda_uuid == l));
        i64::try_from(rows.filter(|r| r.outcome == outcome).count()).unwrap()
    };
    for (lambda, from, to) in
        [(None, BASE, BASE + 150_000), (Some(&b), BASE, BASE + 150_000), (Some(&a), BASE + 10_000, BASE + 20_000)]
    {
        let (l, f, t) = (lambda.cloned(), from, to);
        let counts = read(&store, move |conn| invocations::count_outcomes(conn, f, t, l.as_deref())).await;
        let expected = [counts.succeeded, counts.coding_failures, counts.platform_failures, counts.timeouts];
        let lambda = lambda.map(String::as_str);
        assert_eq!(expected, OUTCOMES.map(|o| count(lambda, o, from, to)), "{lambda:?} in [{from}, {to})");
    }
    let all = read(&store, |conn| invocations::count_outcomes(conn, 0, i64::MAX, None)).await;
    assert_eq!((all.total(), all.failed(), all.timeouts), (153, 153 - 38 - 1, 37 + 1));

    let buckets_of = |lambda: Option<String>, from: i64, bucket: i64| {
        read(&store, move |conn| invocations::per_bucket(conn, lambda.as_deref(), from, bucket))
    };
    assert_eq!(buckets_of(None, BASE, 10_000).await, buckets(&rows, None, BASE, 10_000));
    assert_eq!(
        buckets_of(Some(a.clone()), BASE + 50_000, 25_000).await,
        buckets(&rows, Some(&a), BASE + 50_000, 25_000)
    );
    assert_eq!(buckets_of(None, BASE, 0).await, buckets(&rows, None, BASE, 1), "a bucket of at least 1 ms");
}

/// The Home page's figures.
async fn home_metrics(store: Store) {
    let deployed = insert_lambda(&store, "deployed", None).await;
    insert_lambda(&store, "draft", None).await;
    deploy(&store, &deployed, "Succeeded", None).await;
    let (month_start, month) = metrics::month_start();
    let now = now_ms();
    let lambda = deployed.to_string();
    let rows = vec![
        invocation(&lambda, "r1", "SUCCEEDED", now),
        invocation(&lambda, "r2", "SUCCEEDED", now),
        invocation(&lambda, "r3", "TIMEOUT", now),
        invocation(&lambda, "r4", "CODING_FAILURE", month_start - 1),
    ];
    append(&store, move |tx| invocations::insert_batch(tx, &rows)).await;
    let metrics = read(&store, metrics::home_metrics).await;
    assert_eq!((metrics.lambdas, metrics.lambda_limit, metrics.deployed), (2, MAX_LAMBDAS, 1));
    assert_eq!((metrics.invocations_this_month, metrics.failures_this_month), (3, 1));
    assert_eq!(metrics.month_start, month);
}

const LEVELS: [&str; 4] = ["Info", "Warn", "Error", "Debug"];

fn log_row(lambda: &LambdaId, request_id: &str, level: &str, message: &str, extras: &str, at: i64) -> LogRow {
    LogRow {
        id: 0,
        lambda_uuid: lambda.to_string(),
        request_id: request_id.to_owned(),
        level: level.to_owned(),
        message: message.to_owned(),
        extras: extras.to_owned(),
        at,
    }
}

fn all_time() -> LogFilter {
    LogFilter { from: 0, to: i64::MAX, ..LogFilter::default() }
}

async fn insert_logs(store: &Store, rows: &[LogRow]) {
    let rows = rows.to_vec();
    append(store, move |tx| logs::insert_batch(tx, &rows)).await;
}

async fn search_logs(store: &Store, filter: LogFilter, limit: i64, offset: i64) -> Vec<LogRow> {
    read(store, move |conn| logs::search(conn, &filter, limit, offset)).await
}

/// The ids a search should find: of the `rows` inserted first into an empty store (so row `i`
/// has id `i + 1`), those `keep` accepts, newest first, a page of them.
fn expected_ids(rows: &[LogRow], keep: impl Fn(&LogRow) -> bool, limit: usize, offset: usize) -> Vec<i64> {
    let mut found: Vec<(i64, i64)> =
        (1..).zip(rows).filter(|(_, row)| keep(row)).map(|(id, row)| (row.at, id)).collect();
    found.sort_unstable_by(|x, y| y.cmp(x));
    found.into_iter().skip(offset).take(limit).map(|(_, id)| id).collect()
}

fn ids(rows: &[LogRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

/// Log search without text: every filter, newest first, pages.
async fn logs_without_text(store: Store) {
    let (a, b) = (LambdaId::generate(), LambdaId::generate());
    // 300 entries, two per millisecond stamp (ties are ordered by id); on PostgreSQL inserted by
    // statements of 64, 64, 64, 64, 32, 8 and 4 rows.
    let rows: Vec<LogRow> = (0..300_usize)
        .map(|i| {
            let at = 1_000 + i64::try_from(i / 2).unwrap() * 10;
            let extras = format!("[{{\"i\":{i}}}]");
            log_row(
                if i % 3 == 0 { &b } else { &a },
                &format!("req-{}", i / 10),
                LEVELS[i % 4],
                &format!("tick {i}"),
                &extras,
                at,
            )
        })
        .collect();
    insert_logs(&store, &rows).await;

    let all = search_logs(&store, all_time(), 1_000, 0).await;
    assert_eq!(ids(&all), expected_ids(&rows, |_| true, 1_000, 0));
    for found in &all {
        let stored = &rows[usize::try_from(found.id - 1).unwrap()];
        assert_eq!(
            (&found.lambda_uuid, &found.request_id, &found.level),
            (&stored.lambda_uuid, &stored.request_id, &stored.level)
        );
        assert_eq!((&found.message, &found.extras, found.at), (&stored.message, &stored.extras, stored.at));
    }

    let by_lambda = LogFilter { lambda_uuid: Some(b.to_string()), ..all_time() };
    let b_uuid = b.to_string();
    assert_eq!(
        ids(&search_logs(&store, by_lambda, 1_000, 0).await),
        expected_ids(&rows, |r| r.lambda_uuid == b_uuid, 1_000, 0)
    );
    let by_level = LogFilter { levels: vec!["Warn".to_owned(), "Error".to_owned()], ..all_time() };
    let warn_or_error = |r: &LogRow| r.level == "Warn" || r.level == "Error";
    assert_eq!(ids(&search_logs(&store, by_level, 1_000, 0).await), expected_ids(&rows, warn_or_error, 1_000, 0));
    let by_request = LogFilter { request_id: Some("req-7".to_owned()), ..all_time() };
    assert_eq!(
        ids(&search_logs(&store, by_request, 1_000, 0).await),
        expected_ids(&rows, |r| r.request_id == "req-7", 1_000, 0)
    );
    let by_time = LogFilter { from: 1_500, to: 1_600, ..all_time() };
    let in_range = |r: &LogRow| (1_500..1_600).contains(&r.at);
    assert_eq!(ids(&search_logs(&store, by_time, 1_000, 0).await), expected_ids(&rows, in_range, 1_000, 0));
    let a_uuid = a.to_string();
    let combined = LogFilter {
        lambda_uuid: Some(a_uuid.clone()),
        levels: vec!["Info".to_owned()],
        from: 1_200,
        to: 2_000,
        ..all_time()
    };
    let keep = |r: &LogRow| r.lambda_uuid == a_uuid && r.level == "Info" && (1_200..2_000).contains(&r.at);
    assert_eq!(ids(&search_logs(&store, combined, 1_000, 0).await), expected_ids(&rows, keep, 1_000, 0));

    // Pages.
    assert_eq!(ids(&search_logs(&store, all_time(), 7, 5).await), expected_ids(&rows, |_| true, 7, 5));
    let by_lambda = LogFilter { lambda_uuid: Some(b.to_string()), ..all_time() };
    assert_eq!(
        ids(&search_logs(&store, by_lambda, 3, 10).await),
        expected_ids(&rows, |r| r.lambda_uuid == b_uuid, 3, 10)
    );
    assert!(search_logs(&store, all_time(), 10, 300).await.is_empty());
    assert!(search_logs(&store, all_time(), 0, 0).await.is_empty());
    let nobody = LogFilter { lambda_uuid: Some(LambdaId::generate().to_string()), ..all_time() };
    assert!(search_logs(&store, nobody, 10, 0).await.is_empty());
}

/// Entries for the text searches: ids 1 to 10 as listed, then older filler.
fn text_fixture(a: &LambdaId, b: &LambdaId) -> Vec<LogRow> {
    let entries: [(&LambdaId, &str, &str, &str); 10] = [
        (a, "Info", "Order received", r#"["order-42","EMEA"]"#),
        (a, "Info", "order shipped to user@example.com", "[]"),
        (a, "Error", "Payment FAILED for order 42", r#"[{"code":"E42"}]"#),
        (a, "Info", "invoice sent", "[]"),
        (a, "Warn", "Invoices due", "[]"),
        (b, "Info", "user example com", "[]"),
        (a, "Info", "example user com", "[]"),
        (a, "Debug", "UPPER lower MiXeD", "[]"),
        (b, "Info", "step done", r#"["trace-id abc123"]"#),
        (a, "Info", "nothing to see => here", "[]"),
    ];
    let mut rows: Vec<LogRow> = (1..)
        .zip(entries)
        .map(|(k, (lambda, level, message, extras))| {
            log_row(lambda, &format!("t-{k}"), level, message, extras, 10_000 + k * 100)
        })
        .collect();
    // Numbered from 1000, so that no filler holds a term the searches look for ("42").
    rows.extend((0..70).map(|i| log_row(a, "filler", "Info", &format!("filler entry {}", 1_000 + i), "[]", i)));
    rows
}

/// The ids of a text search, the same whichever plan SQLite uses.
async fn text_search(store: &Store, text: &str, filter: LogFilter, limit: i64, offset: i64) -> Vec<i64> {
    let filter = LogFilter { text: Some(text.to_owned()), ..filter };
    let results = read(store, move |conn| {
        [Plan::Auto, Plan::TextFirst, Plan::NewestFirst]
            .into_iter()
            .map(|plan| Ok(ids(&logs::search_with(conn, &filter, limit, offset, plan)?)))
            .collect::<Result<Vec<_>, StoreError>>()
    })
    .await;
    assert!(results.iter().all(|r| *r == results[0]), "plans disagree for {text:?}: {results:?}");
    results[0].clone()
}

async fn text(store: &Store, text: &str) -> Vec<i64> {
    text_search(store, text, all_time(), 100, 0).await
}

/// Log search with text: every word must match (message or extras), the last as a prefix,
/// without case; words with punctuation inside match as phrases.
async fn logs_text_search(store: Store) {
    let (a, b) = (LambdaId::generate(), LambdaId::generate());
    let rows = text_fixture(&a, &b);
    insert_logs(&store, &rows).await;

    assert_eq!(text(&store, "order").await, [3, 2, 1]);
    assert_eq!(text(&store, "ORDER").await, [3, 2, 1]);
    assert_eq!(text(&store, "\"order\"").await, [3, 2, 1], "quotes are not syntax");
    assert_eq!(text(&store, "ord").await, [3, 2, 1]);
    assert_eq!(text(&store, "emea").await, [1], "extras");
    assert_eq!(text(&store, "42").await, [3, 1]);
    assert_eq!(text(&store, "e42").await, [3]);
    assert_eq!(text(&store, "code").await, [3]);
    assert_eq!(text(&store, "order-42").await, [3, 1], "a phrase");
    assert_eq!(text(&store, "order-4").await, [3, 1], "a phrase whose last word is a prefix");
    assert_eq!(text(&store, "order 42").await, [3, 1]);
    assert_eq!(text(&store, "42 order").await, [3, 1]);
    assert_eq!(text(&store, "user@example.com").await, [6, 2]);
    assert_eq!(text(&store, "USER@EXAMPLE.COM").await, [6, 2]);
    assert_eq!(text(&store, "user@example.c").await, [6, 2]);
    assert_eq!(text(&store, "example.com user").await, [6, 2]);
    assert_eq!(text(&store, "example").await, [7, 6, 2]);
    assert_eq!(text(&store, "com").await, [7, 6, 2]);
    assert_eq!(text(&store, "invoic").await, [5, 4]);
    assert_eq!(text(&store, "INVOICE").await, [5, 4]);
    assert_eq!(text(&store, "invoices").await, [5]);
    assert_eq!(text(&store, "invoice sent").await, [4]);
    assert_eq!(text(&store, "sent invoice").await, [4]);
    assert_eq!(text(&store, "invoic sent").await, Vec::<i64>::new(), "only the last word is a prefix");
    assert_eq!(text(&store, "payment failed").await, [3]);
    assert_eq!(text(&store, "FAILED payment").await, [3]);
    assert_eq!(text(&store, "mixed upper").await, [8]);
    assert_eq!(text(&store, "lower").await, [8]);
    assert_eq!(text(&store, "abc123").await, [9]);
    assert_eq!(text(&store, "done abc").await, [9], "one word in the message, one in extras");
    assert_eq!(text(&store, "trace done").await, [9]);
    assert_eq!(text(&store, "shipped to").await, [2]);
    assert_eq!(text(&store, "=> here").await, [10], "punctuation-only words are dropped");
    assert_eq!(text(&store, "nothing =>").await, [10]);
    assert_eq!(text(&store, "=>").await, Vec::<i64>::new(), "only punctuation matches nothing");
    assert_eq!(text(&store, "-- **").await, Vec::<i64>::new());
    assert_eq!(text(&store, "zzz").await, Vec::<i64>::new());
    assert_eq!(text(&store, "filler entry").await, (11..=80).rev().collect::<Vec<_>>());
    assert_eq!(text(&store, "   ").await, expected_ids(&rows, |_| true, 100, 0), "blank text is no text");

    // With the other filters.
    let on = |lambda: &LambdaId| LogFilter { lambda_uuid: Some(lambda.to_string()), ..all_time() };
    assert_eq!(text_search(&store, "example", on(&b), 100, 0).await, [6]);
    assert_eq!(text_search(&store, "user", on(&a), 100, 0).await, [7, 2]);
    assert_eq!(text_search(&store, "abc", on(&a), 100, 0).await, Vec::<i64>::new());
    let levels = |levels: &[&str]| LogFilter { levels: levels.iter().map(|l| (*l).to_owned()).collect(), ..all_time() };
    assert_eq!(text_search(&store, "order", levels(&["Error"]), 100, 0).await, [3]);
    assert_eq!(text_search(&store, "invoic", levels(&["Info", "Warn"]), 100, 0).await, [5, 4]);
    assert_eq!(text_search(&store, "invoic", levels(&["Info"]), 100, 0).await, [4]);
    let request = LogFilter { request_id: Some("t-2".to_owned()), ..all_time() };
    assert_eq!(text_search(&store, "order", request, 100, 0).await, [2]);
    let range = LogFilter { from: rows[1].at, to: rows[2].at, ..all_time() };
    assert_eq!(text_search(&store, "order", range, 100, 0).await, [2]);
    assert_eq!(text_search(&store, "order", all_time(), 2, 0).await, [3, 2]);
    assert_eq!(text_search(&store, "order", all_time(), 2, 1).await, [2, 1]);
    assert_eq!(text_search(&store, "order", all_time(), 2, 3).await, Vec::<i64>::new());
    assert_eq!(text_search(&store, "filler", all_time(), 5, 60).await, [20, 19, 18, 17, 16]);
}

/// Purges delete the oldest entries in batches, and text search forgets them.
async fn logs_purge(store: Store) {
    let lambda = LambdaId::generate();
    let rows: Vec<LogRow> =
        (0..100).map(|i| log_row(&lambda, "req", "Info", &format!("purge entry {i}"), "[]", i * 10)).collect();
    insert_logs(&store, &rows).await;
    let mut purged = Vec::new();
    for _ in 0..4 {
        purged.push(append(&store, |tx| logs::purge_before(tx, 500, 20)).await);
    }
    assert_eq!(purged, [20, 20, 10, 0]);
    let remaining = (51..=100).rev().collect::<Vec<i64>>();
    assert_eq!(ids(&search_logs(&store, all_time(), 1_000, 0).await), remaining);
    assert_eq!(text(&store, "entry").await, remaining);
    assert_eq!(text(&store, "purge").await, remaining);
    assert_eq!(append(&store, |tx| logs::purge_before(tx, i64::MAX, 1_000)).await, 50);
    assert!(text(&store, "entry").await.is_empty());
}

async fn activity_of(store: &Store, user: Option<&'static str>, kind: Option<&'static str>, limit: i64) -> Vec<String> {
    read(store, move |conn| activity::search(conn, user, kind, limit)).await.into_iter().map(|a| a.subject).collect()
}

/// The activity stream: newest first, filtered by user and kind prefix, purged by age.
async fn activity(store: Store) {
    let before = now_ms();
    let insert = |user: &'static str, kind: &'static str, subject: &'static str| {
        write(&store, move |tx| activity::insert_activity(tx, user, kind, subject, &format!("{user} {kind} {subject}")))
    };
    insert("alice", "lambda.created", "s1").await;
    insert("bob", "lambda.deployed", "s2").await;
    tick().await;
    let cutoff = now_ms();
    tick().await;
    insert("alice", "user.created", "s3").await;
    insert("alice", "lambda.deployed", "s4").await;
    insert("bob", "secret.updated", "s5").await;

    let recent = read(&store, |conn| activity::list_recent(conn, 10)).await;
    assert_eq!(recent.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(), ["s5", "s4", "s3", "s2", "s1"]);
    let newest = &recent[0];
    assert_eq!(
        (newest.username.as_str(), newest.kind.as_str(), newest.description.as_str()),
        ("bob", "secret.updated", "bob secret.updated s5")
    );
    assert!((before..=now_ms()).contains(&newest.at));
    assert_eq!(activity_of(&store, Some("alice"), None, 10).await, ["s4", "s3", "s1"]);
    assert_eq!(activity_of(&store, None, Some("lambda."), 10).await, ["s4", "s2", "s1"]);
    assert_eq!(activity_of(&store, None, Some("lambda"), 10).await, ["s4", "s2", "s1"]);
    assert_eq!(activity_of(&store, Some("alice"), Some("lambda."), 10).await, ["s4", "s1"]);
    assert_eq!(activity_of(&store, None, Some("lambda.deployed"), 10).await, ["s4", "s2"]);
    assert_eq!(activity_of(&store, None, None, 2).await, ["s5", "s4"]);
    assert_eq!(activity_of(&store, None, Some(""), 10).await.len(), 5);
    assert!(activity_of(&store, Some("ALICE"), None, 10).await.is_empty(), "user names are compared exactly");
    assert!(activity_of(&store, Some("carol"), None, 10).await.is_empty());

    assert_eq!(write(&store, |tx| activity::purge_before(tx, 0)).await, 0);
    assert_eq!(write(&store, move |tx| activity::purge_before(tx, cutoff)).await, 2);
    assert_eq!(activity_of(&store, None, None, 10).await, ["s5", "s4", "s3"]);
    activity::record(&store, "carol", "user.deleted", "s6", "carol user.deleted s6".to_owned()).await.unwrap();
    assert_eq!(activity_of(&store, Some("carol"), None, 10).await, ["s6"]);
}

/// The id of the master key, recorded once and replaced after a rotation.
async fn cluster(store: Store) {
    assert_eq!(read(&store, cluster::master_key_id).await, None);
    write(&store, |tx| cluster::record_master_key_id(tx, "key-1")).await;
    assert_eq!(read(&store, cluster::master_key_id).await.as_deref(), Some("key-1"));
    write(&store, |tx| cluster::record_master_key_id(tx, "key-2")).await;
    assert_eq!(read(&store, cluster::master_key_id).await.as_deref(), Some("key-2"));
}

/// Write transactions run one at a time: concurrent read-then-write saves never both succeed
/// on the same version.
async fn writes_are_serialized(store: Store) {
    const TASKS: i64 = 20;
    let id = insert_lambda(&store, "counter", None).await;

    // Read and save in one transaction: every save sees the one before it.
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let (store, id) = (store.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            write(&store, move |tx| {
                let current = lambdas::get_lambda(tx, &id)?.expect("the lambda exists");
                let changes = LambdaChanges { code: format!("inside {task}"), ..changes_of(&current) };
                lambdas::update_lambda(tx, &id, current.version, &changes, "test")
            })
            .await
        }));
    }
    let mut saved = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            SaveOutcome::Saved(version) => saved.push(version),
            other => panic!("a read-then-save in one transaction must succeed, got {other:?}"),
        }
    }
    saved.sort_unstable();
    assert_eq!(saved, (2..=TASKS + 1).collect::<Vec<_>>());
    assert_eq!(get_lambda(&store, &id).await.version, TASKS + 1);

    // Read, then save with the version read: the losers see Stale and try again.
    let barrier = Arc::new(tokio::sync::Barrier::new(usize::try_from(TASKS).unwrap()));
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let (store, id, barrier) = (store.clone(), id.clone(), Arc::clone(&barrier));
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            loop {
                let current = get_lambda(&store, &id).await;
                let changes = LambdaChanges { code: format!("outside {task}"), ..changes_of(&current) };
                match update_lambda(&store, &id, current.version, changes).await {
                    SaveOutcome::Saved(version) => return version,
                    SaveOutcome::Stale { current: newer } => assert!(newer > current.version),
                    other => panic!("expected Saved or Stale, got {other:?}"),
                }
            }
        }));
    }
    let mut saved = Vec::new();
    for task in tasks {
        saved.push(task.await.unwrap());
    }
    saved.sort_unstable();
    assert_eq!(saved, (TASKS + 2..=2 * TASKS + 1).collect::<Vec<_>>(), "one save per version");
    assert_eq!(get_lambda(&store, &id).await.version, 2 * TASKS + 1);
}

// ---------------------------------------------------------------------------------------------
// Where the engines could part: names with punctuation, non-ASCII text, case in LIKE, and the
// text search's tokens. The expected values are SQLite's, but for one deliberate difference
// (non-ASCII case folding, below).
// ---------------------------------------------------------------------------------------------

/// Users are listed by name without case (SQLite's NOCASE: ASCII letters folded, then bytes).
async fn user_names_sort_alike(store: Store) {
    provision(&store).await;
    for name in ["a_b", "a1", "a@b", "a.b", "a-b"] {
        insert_user(&store, name, ProfileId::ADMINISTRATOR).await;
    }
    assert_eq!(user_names(&store).await, ["a-b", "a.b", "a1", "a@b", "a_b", "Admin"]);
}

/// Lambdas (and their schedules and event lookups) are listed by name without case.
async fn lambda_names_sort_alike(store: Store) {
    for name in ["order_v2", "OrderA", "order1", "order"] {
        insert_lambda(&store, name, Some("conversation_end")).await;
    }
    let expected = ["order", "order1", "order_v2", "OrderA"];
    let names: Vec<String> = read(&store, lambdas::list_lambdas).await.into_iter().map(|l| l.name).collect();
    assert_eq!(names, expected);
    let skills = read(&store, |conn| lambdas::list_event_skills(conn, "conversation_end")).await;
    assert_eq!(skills.into_iter().map(|(_, name, _)| name).collect::<Vec<_>>(), expected);
}

/// Allowlist entries are listed by pattern without case.
async fn allowlist_sorts_alike(store: Store) {
    for pattern in ["a1.example.com", "10.0.0.1:8080", "a.example.com", "10.0.0.12", "a-b.example.com", "10.0.0.1"] {
        write(&store, move |tx| allowlist::insert_entry(tx, pattern, "alice")).await;
    }
    let patterns: Vec<String> = read(&store, allowlist::list_entries).await.into_iter().map(|e| e.pattern).collect();
    assert_eq!(
        patterns,
        ["10.0.0.1", "10.0.0.12", "10.0.0.1:8080", "a-b.example.com", "a.example.com", "a1.example.com"]
    );
}

/// Secrets are listed by name, byte by byte (whatever the database's default collation).
async fn secret_names_sort_alike(store: Store) {
    for name in ["key_1", "db_password", "key1", "DB_PASSWORD", "key-1", "api_key"] {
        write(&store, move |tx| secrets::insert_secret(tx, name, "string", b"x", "key-1", "alice")).await;
    }
    let names: Vec<String> = read(&store, secrets::list_secrets).await.into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["DB_PASSWORD", "api_key", "db_password", "key-1", "key1", "key_1"]);
}

/// Names compared without case: SQLite's NOCASE folds ASCII letters only, PostgreSQL's `nocase`
/// collation every letter, so "équipe" is a second profile beside "Équipe" on SQLite and the
/// same name on PostgreSQL. The one place the engines differ on purpose: folding all letters
/// is what users expect, and SQLite cannot without an extension.
async fn non_ascii_names_fold_by_engine(store: Store) {
    let folds_all = store.dialect() == Dialect::Postgres;
    insert_profile(&store, "Équipe", &[Permission::FaasDeveloper]).await;
    let profile = store.write(|tx| profiles::insert_profile(tx, "équipe", &[Permission::FaasDeveloper])).await;
    let add = |email: &'static str| write(&store, move |tx| email_reports::insert_recipient(tx, email, "alice", 10));
    let recipients = [add("josé@example.com").await, add("JOSÉ@example.com").await];
    let second = if folds_all { RecipientAdded::Duplicate } else { RecipientAdded::Added };
    assert_eq!((profile.is_ok(), recipients), (!folds_all, [RecipientAdded::Added, second]), "{profile:?}");
    // ASCII letters fold on both.
    let ascii = store.write(|tx| profiles::insert_profile(tx, "EQUIPE-B", &[])).await;
    assert!(ascii.is_ok());
    assert!(conflict(store.write(|tx| profiles::insert_profile(tx, "equipe-b", &[])).await).contains("already exists"));
}

/// The activity's kind filter is a prefix that ignores the case of ASCII letters (SQLite's LIKE).
async fn activity_kind_filter_folds_case_alike(store: Store) {
    write(&store, |tx| activity::insert_activity(tx, "alice", "lambda.deployed", "s1", "deployed")).await;
    assert_eq!(activity_of(&store, None, Some("LAMBDA."), 10).await, ["s1"]);
}

/// Text search ignores diacritics (SQLite's unicode61 tokenizer folds "café" to "cafe").
async fn log_search_folds_diacritics_alike(store: Store) {
    let lambda = LambdaId::generate();
    insert_logs(
        &store,
        &[log_row(&lambda, "r", "Info", "Café au lait", "[]", 1), log_row(&lambda, "r", "Info", "cafe noir", "[]", 2)],
    )
    .await;
    let found = [text(&store, "caf").await, text(&store, "cafe").await, text(&store, "café").await];
    assert_eq!(found, [[2, 1], [2, 1], [2, 1]], "caf, cafe, café");
}

/// A phrase (a word with punctuation inside) matches within the message or within the extras,
/// never across the two.
async fn log_search_phrases_stay_within_a_field(store: Store) {
    let lambda = LambdaId::generate();
    insert_logs(&store, &[log_row(&lambda, "r", "Info", "step done", r#"["trace-id"]"#, 1)]).await;
    assert_eq!(text(&store, "done trace").await, [1], "two words");
    assert_eq!(text(&store, "done-trace").await, Vec::<i64>::new(), "one phrase across message and extras");
}

// ---------------------------------------------------------------------------------------------
// One engine only
// ---------------------------------------------------------------------------------------------

/// A SQLite file written by a newer lambdabox is refused and left as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(lambdabox_store::DB_FILE);
    let newer = i64::try_from(migrate::latest_version()).unwrap() + 1;
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();

    match Store::open(dir.path()) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (newer, migrate::latest_version()));
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("a newer schema was accepted"),
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    assert_eq!((version, tables), (newer, 0), "the file is unchanged");
}

/// A SQLite store opened again keeps its data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_reopens_at_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    write(&store, |tx| cluster::record_master_key_id(tx, "key-1")).await;
    store.checkpoint().await.unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(read(&store, cluster::master_key_id).await.as_deref(), Some("key-1"));
}

/// A PostgreSQL database written by a newer lambdabox is refused and left as it was; one at
/// the latest version is connected to again with its data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_refuses_a_newer_schema() {
    let Some(database) = TestDatabase::create("newer_schema") else { return };
    let store = database.connect().unwrap();
    write(&store, |tx| cluster::record_master_key_id(tx, "key-1")).await;
    drop(store);
    let store = database.connect().unwrap();
    assert_eq!(read(&store, cluster::master_key_id).await.as_deref(), Some("key-1"));
    drop(store);

    let latest = i64::try_from(migrate::latest_version()).unwrap();
    database.admin(|client| client.execute("UPDATE lambdabox_schema SET version = version + 1", &[]));
    match database.connect() {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (latest + 1, migrate::latest_version()));
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("a newer schema was accepted"),
    }
    let (version, key): (i64, String) = database.admin(|client| {
        let version = client.query_one("SELECT version FROM lambdabox_schema", &[])?.get(0);
        let key = client.query_one("SELECT master_key_id FROM cluster", &[])?.get(0);
        Ok((version, key))
    });
    assert_eq!((version, key.as_str()), (latest + 1, "key-1"), "the database is unchanged");
}

/// TLS to PostgreSQL with libpq's `sslmode` meanings: `require` encrypts without checking the
/// certificate, `verify-full` checks it against the CA file given (the default roots do not
/// know the test server's authority), `disable` turns TLS off. The test server
/// (scripts/postgres.sh) serves a certificate from an authority of its own, whose file
/// `LAMBDABOX_TEST_POSTGRES_CA` names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_tls_follows_sslmode() {
    let Some(database) = TestDatabase::create("tls") else { return };
    let Ok(ca) = std::env::var("LAMBDABOX_TEST_POSTGRES_CA") else {
        assert!(
            std::env::var(REQUIRE_POSTGRES).as_deref() != Ok("1"),
            "{REQUIRE_POSTGRES}=1 but LAMBDABOX_TEST_POSTGRES_CA is not set"
        );
        println!("skipped: set LAMBDABOX_TEST_POSTGRES_CA");
        return;
    };
    let with_mode = |mode: &str| {
        let separator = if database.url.contains('?') { '&' } else { '?' };
        format!("{}{separator}sslmode={mode}", database.url)
    };
    let encrypted = |url: String, options: PostgresOptions| async move {
        let store = Store::connect(&url, &options)?;
        store
            .read(|conn| {
                Ok(conn.query_row("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", [], |r| {
                    r.get::<_, bool>(0)
                })?)
            })
            .await
    };
    let trusted = || PostgresOptions { ca_file: Some(ca.clone().into()), ..PostgresOptions::default() };

    assert!(encrypted(with_mode("require"), PostgresOptions::default()).await.unwrap(), "require: TLS, unchecked");
    assert!(encrypted(with_mode("verify-full"), trusted()).await.unwrap(), "verify-full with the authority's file");
    assert!(encrypted(with_mode("verify-ca"), trusted()).await.unwrap(), "verify-ca with the authority's file");
    assert!(encrypted(with_mode("require"), trusted()).await.unwrap(), "require with a CA file checks the chain");
    match encrypted(with_mode("verify-full"), PostgresOptions::default()).await {
        Err(StoreError::Unavailable(message)) => assert!(message.contains("certificate"), "{message}"),
        other => panic!("verify-full accepted a certificate from an unknown authority: {other:?}"),
    }
    assert!(!encrypted(with_mode("disable"), PostgresOptions::default()).await.unwrap(), "disable: no TLS");
}

//! Narrow handles on the services, one per permission of the matrix. A handler gets a handle
//! only from the proof that its caller holds the permission (`Authorized<A>`), and a handle
//! has only the methods that permission allows: a handler that may read lambdas has no way to
//! save one, one that may change the allowlist none to touch users. `AppState` keeps the
//! services themselves private to this module.

use lambdabox_domain::lambda::LambdaId;
use lambdabox_domain::schedule::ScheduleId;
use lambdabox_domain::{AccountId, ProfileId, UserId, Username};
use lambdabox_services::Error as ServiceError;
use lambdabox_services::accounts::{Actor, Credential, NewCredentials, Profile, User};
use lambdabox_services::allowlist::{self, AddedEntries, AllowlistEntry};
use lambdabox_services::invoke::{CompileError, Invocation, InvokeError, InvokeRequest};
use lambdabox_services::lifecycle::{
    self, CreateLambda, Deployed, Deployment, Lambda, OutcomeCounts, SaveLambda, Saved, Undeployed,
};
use lambdabox_services::logsearch::{self, LogFilter, LogRow};
use lambdabox_services::overview::{self, Activity, HomeMetrics, RecentInvocation};
use lambdabox_services::reports::settings::ValidSettings;
use lambdabox_services::reports::{Overview, ReportError, TestResult};
use lambdabox_services::scheduler::{Schedule, ScheduleError, ScheduleInput, Scheduler};
use lambdabox_services::vault::SecretInfo;

use super::AppState;
use crate::auth::permission::marker;
use crate::auth::{Authorized, Caller};

type Result<T> = std::result::Result<T, ServiceError>;

/// Reading lambdas, their deployments and outcome counts: every profile may (each holds at
/// least one permission, and all of them include reading lambdas).
pub struct Lambdas<'a>(&'a AppState);

impl Lambdas<'_> {
    /// Every lambda.
    pub async fn list(&self) -> Result<Vec<Lambda>> {
        lifecycle::list(&self.0.store).await
    }

    /// One lambda.
    pub async fn get(&self, id: &LambdaId) -> Result<Lambda> {
        lifecycle::get(&self.0.store, id).await
    }

    /// How many lambdas, and how many deployed.
    pub async fn count(&self) -> Result<(i64, i64)> {
        lifecycle::count(&self.0.store).await
    }

    /// One kept deployment of a lambda.
    pub async fn deployment(&self, id: &LambdaId, deployment: i64) -> Result<Deployment> {
        lifecycle::deployment(&self.0.store, id, deployment).await
    }

    /// Kept deployments and outcome counts over the last hour, day, week and 30 days.
    pub async fn history_and_outcomes(
        &self,
        id: &LambdaId,
        now: i64,
    ) -> Result<(Vec<Deployment>, Vec<(&'static str, OutcomeCounts)>)> {
        lifecycle::history_and_outcomes(&self.0.store, id, now).await
    }
}

/// Creating, saving, deploying, undeploying and removing lambdas (FaaS-Developer).
pub struct LambdaEditor<'a> {
    state: &'a AppState,
    actor: &'a str,
}

impl LambdaEditor<'_> {
    /// Creates a lambda.
    pub async fn create(&self, req: CreateLambda) -> Result<Lambda> {
        lifecycle::create(&self.state.store, &self.state.invoker, self.actor, req).await
    }

    /// Saves changes (optimistic concurrency).
    pub async fn save(&self, id: &LambdaId, save: SaveLambda) -> Result<Saved> {
        lifecycle::save(&self.state.store, &self.state.invoker, self.actor, id, save).await
    }

    /// The problems `code` would have at save: `Err` for what refuses the save (the first-line
    /// contract, the size), `Ok(Some(warning))` for code that does not compile yet.
    pub async fn check(&self, code: String) -> Result<Option<String>> {
        let invoker = self.state.invoker.clone();
        tokio::task::spawn_blocking(move || lifecycle::check_code(&invoker, &code))
            .await
            .map_err(lambdabox_services::Error::internal)?
    }

    /// Deploys the saved code.
    pub async fn deploy(&self, id: &LambdaId) -> Result<Deployed> {
        lifecycle::deploy(&self.state.store, &self.state.invoker, self.actor, id).await
    }

    /// Stops serving a lambda.
    pub async fn undeploy(&self, id: &LambdaId) -> Result<Undeployed> {
        lifecycle::undeploy(&self.state.store, &self.state.invoker, self.actor, id).await
    }

    /// Deletes a lambda.
    pub async fn remove(&self, id: &LambdaId) -> Result<()> {
        lifecycle::remove(&self.state.store, &self.state.invoker, self.actor, id).await
    }
}

/// Invoking lambdas: deployed ones, events, and the saved code on the test page.
pub struct Invoking<'a>(&'a AppState);

impl Invoking<'_> {
    /// Runs a deployed lambda.
    pub async fn invoke(&self, request: InvokeRequest) -> std::result::Result<Invocation, InvokeError> {
        self.0.invoker.invoke(request).await
    }

    /// The deployments an invocation of the event runs (by `skillId` when given).
    pub async fn serving_for_event(&self, event_id: &str, skill_id: Option<&str>) -> Result<Vec<Deployment>> {
        lifecycle::serving_for_event(&self.0.store, event_id, skill_id).await
    }

    /// Runs code that is not deployed (the test page): not counted, logs not stored.
    pub async fn test_draft(
        &self,
        account: &AccountId,
        lambda: &Lambda,
        input: serde_json::Value,
    ) -> std::result::Result<std::result::Result<Invocation, CompileError>, InvokeError> {
        self.0.invoker.test_draft(account, &lambda.id, &lambda.code, &lambda.env, input).await
    }
}

/// Reading the allowlist (FaaS-Admin, FaaS-Developer).
pub struct Allowlist<'a>(&'a AppState);

impl Allowlist<'_> {
    /// Every entry.
    pub async fn list(&self) -> Result<Vec<AllowlistEntry>> {
        allowlist::list_allowlist(&self.0.store).await
    }
}

/// Changing the allowlist (FaaS-Admin).
pub struct AllowlistEditor<'a> {
    state: &'a AppState,
    actor: &'a str,
}

impl AllowlistEditor<'_> {
    /// Adds one entry; its id.
    pub async fn add(&self, raw: &str) -> Result<i64> {
        allowlist::add_allowlist_entry(&self.state.store, &self.state.invoker, self.actor, raw).await
    }

    /// Adds several entries, skipping those already listed.
    pub async fn add_all(&self, domains: &[String]) -> Result<AddedEntries> {
        allowlist::add_allowlist_entries(&self.state.store, &self.state.invoker, self.actor, domains).await
    }

    /// Removes an entry.
    pub async fn remove(&self, id: i64) -> Result<()> {
        allowlist::remove_allowlist_entry(&self.state.store, &self.state.invoker, self.actor, id).await
    }
}

/// Reading the secrets' names and kinds, never their values (FaaS-Admin, FaaS-Developer).
pub struct Secrets<'a>(&'a AppState);

impl Secrets<'_> {
    /// Every secret, value obfuscated.
    pub async fn list(&self) -> Result<Vec<SecretInfo>> {
        self.0.vault.list().await
    }
}

/// Creating, replacing and deleting secrets (FaaS-Admin).
pub struct SecretEditor<'a> {
    state: &'a AppState,
    actor: &'a str,
}

impl SecretEditor<'_> {
    /// Stores a new secret.
    pub async fn create(&self, account: &AccountId, name: &str, kind: &str, text: &str) -> Result<()> {
        self.state.vault.create(account, self.actor, name, kind, text).await
    }

    /// Replaces a secret's value.
    pub async fn replace(&self, account: &AccountId, name: &str, text: &str) -> Result<()> {
        self.state.vault.replace(account, self.actor, name, text).await
    }

    /// Deletes a secret.
    pub async fn delete(&self, name: &str) -> Result<()> {
        self.state.vault.delete(self.actor, name).await
    }
}

/// Reading schedules (every profile).
pub struct Schedules<'a>(&'a Scheduler);

impl Schedules<'_> {
    /// Every schedule.
    pub async fn list(&self) -> std::result::Result<Vec<Schedule>, ScheduleError> {
        self.0.list().await
    }

    /// One schedule.
    pub async fn get(&self, id: &ScheduleId) -> std::result::Result<Schedule, ScheduleError> {
        self.0.get(id).await
    }

    /// When an active schedule runs next (Unix ms).
    pub fn next_run(&self, schedule: &Schedule) -> Option<i64> {
        self.0.next_run(schedule)
    }

    /// The next run times of a cron expression, or why it is invalid.
    pub fn preview(&self, cron: &str) -> std::result::Result<Vec<i64>, ScheduleError> {
        self.0.preview(cron)
    }

    /// How many lambdas may have schedules.
    pub fn max_scheduled_lambdas(&self) -> usize {
        self.0.max_scheduled_lambdas()
    }
}

/// Creating, changing, pausing and deleting schedules (FaaS-Admin, FaaS-Developer); owned, so
/// a form handler can move it into the save step.
pub struct ScheduleEditor {
    scheduler: Scheduler,
    actor: String,
}

impl ScheduleEditor {
    /// Creates a schedule.
    pub async fn create(&self, input: ScheduleInput) -> std::result::Result<Schedule, ScheduleError> {
        self.scheduler.create(&self.actor, input).await
    }

    /// Changes a schedule.
    pub async fn update(&self, id: &ScheduleId, input: ScheduleInput) -> std::result::Result<Schedule, ScheduleError> {
        self.scheduler.update(&self.actor, id, input).await
    }

    /// Pauses or resumes a schedule.
    pub async fn set_active(&self, id: &ScheduleId, active: bool) -> std::result::Result<Schedule, ScheduleError> {
        self.scheduler.set_active(&self.actor, id, active).await
    }

    /// Deletes a schedule.
    pub async fn delete(&self, id: &ScheduleId) -> std::result::Result<(), ScheduleError> {
        self.scheduler.delete(&self.actor, id).await
    }
}

/// Reading what happened: the Home figures, activity, logs, invocation counts and the email
/// report settings (every profile).
pub struct Reporting<'a>(&'a AppState);

impl Reporting<'_> {
    /// The Home page's figures and newest activity.
    pub async fn home(&self, activity_limit: i64) -> Result<(HomeMetrics, Vec<Activity>)> {
        overview::home(&self.0.store, activity_limit).await
    }

    /// The newest activity entries.
    pub async fn recent_activity(&self, limit: i64) -> Result<Vec<Activity>> {
        overview::recent_activity(&self.0.store, limit).await
    }

    /// Activity entries by user and/or kind.
    pub async fn search_activity(
        &self,
        user: Option<String>,
        kind: Option<String>,
        limit: i64,
    ) -> Result<Vec<Activity>> {
        overview::search_activity(&self.0.store, user, kind, limit).await
    }

    /// Stored log entries, with the invocations answered just now included.
    pub async fn search_logs(&self, filter: LogFilter, limit: i64, offset: i64) -> Result<Vec<LogRow>> {
        self.0.invoker.flush().await;
        logsearch::search(&self.0.store, filter, limit, offset).await
    }

    /// Stored log entries, without waiting for the recorder (it stores within milliseconds):
    /// what a live stream polls.
    pub async fn stored_logs(&self, filter: LogFilter, limit: i64) -> Result<Vec<LogRow>> {
        logsearch::search(&self.0.store, filter, limit, 0).await
    }

    /// Invocation outcomes in a time range, with the invocations answered just now included.
    pub async fn outcome_counts(&self, from: i64, to: i64) -> Result<OutcomeCounts> {
        self.0.invoker.flush().await;
        overview::outcome_counts(&self.0.store, from, to).await
    }

    /// The latest invocations of a lambda, with the ones answered just now included.
    pub async fn recent_invocations(&self, id: &LambdaId, limit: usize) -> Result<Vec<RecentInvocation>> {
        self.0.invoker.flush().await;
        overview::recent_invocations(&self.0.store, id.to_string(), limit).await
    }

    /// The invocation recorded under a request id, with its lambda's uuid.
    pub async fn invocation_by_request(&self, request_id: &str) -> Result<Option<(String, RecentInvocation)>> {
        overview::invocation_by_request(&self.0.store, request_id.to_owned()).await
    }

    /// Invocations and failures per bucket up to `now` (see `overview::invocation_series`).
    pub async fn invocation_series(
        &self,
        id: Option<&LambdaId>,
        now: i64,
        bucket_ms: i64,
        buckets: i64,
    ) -> Result<Vec<(i64, i64, i64)>> {
        self.0.invoker.flush().await;
        overview::invocation_series(&self.0.store, id.map(ToString::to_string), now, bucket_ms, buckets).await
    }

    /// The email report settings, recipients and recent periods.
    pub async fn email_report(&self) -> std::result::Result<Overview, ReportError> {
        self.0.reporter.overview().await
    }
}

/// Changing the email report's SMTP settings and frequency, and sending a test (FaaS-Admin).
pub struct ReportSettingsEditor<'a> {
    state: &'a AppState,
    actor: &'a str,
}

impl ReportSettingsEditor<'_> {
    /// Saves validated settings.
    pub async fn save(&self, input: ValidSettings) -> std::result::Result<(), ReportError> {
        self.state.reporter.save_settings(input, self.actor).await
    }

    /// Sends a test email.
    pub async fn send_test(&self, to: Option<&str>) -> std::result::Result<TestResult, ReportError> {
        self.state.reporter.send_test(to).await
    }
}

/// Adding and removing report recipients (FaaS-Admin, FaaS-Developer).
pub struct RecipientEditor<'a> {
    state: &'a AppState,
    actor: &'a str,
}

impl RecipientEditor<'_> {
    /// Adds a recipient; the normalised address.
    pub async fn add(&self, raw: &str) -> std::result::Result<String, ReportError> {
        self.state.reporter.add_recipient(raw, self.actor).await
    }

    /// Removes a recipient.
    pub async fn remove(&self, raw: &str) -> std::result::Result<(), ReportError> {
        self.state.reporter.remove_recipient(raw, self.actor).await
    }
}

/// Managing users and profiles (FaaS-Admin).
pub struct UserAdmin<'a> {
    state: &'a AppState,
    actor: Actor,
}

impl UserAdmin<'_> {
    /// Every user and profile.
    pub async fn users_and_profiles(&self) -> Result<(Vec<User>, Vec<Profile>)> {
        self.state.accounts.users_and_profiles().await
    }

    /// Creates a user.
    pub async fn create_user(&self, name: Username, password_hash: String, profile: ProfileId) -> Result<UserId> {
        self.state.accounts.create_user(&self.actor, name, password_hash, profile).await
    }

    /// Gives a user another profile.
    pub async fn change_profile(&self, target: UserId, profile: ProfileId) -> Result<()> {
        self.state.accounts.change_profile(&self.actor, target, profile).await
    }

    /// Disables or enables a user.
    pub async fn set_disabled(&self, target: UserId, disabled: bool) -> Result<()> {
        self.state.accounts.set_disabled(&self.actor, target, disabled).await
    }

    /// Sets a new password.
    pub async fn reset_password(&self, target: UserId, password_hash: String) -> Result<()> {
        self.state.accounts.reset_password(&self.actor, target, password_hash).await
    }

    /// Deletes a user.
    pub async fn delete_user(&self, target: UserId) -> Result<()> {
        self.state.accounts.delete_user(&self.actor, target).await
    }

    /// Creates a profile.
    pub async fn create_profile(
        &self,
        name: &str,
        permissions: Vec<lambdabox_domain::Permission>,
        sso_groups: Vec<String>,
    ) -> Result<ProfileId> {
        self.state.accounts.create_profile(&self.actor, name, permissions, sso_groups).await
    }

    /// Renames a custom profile and sets its permissions.
    pub async fn update_profile(
        &self,
        id: ProfileId,
        name: &str,
        permissions: Vec<lambdabox_domain::Permission>,
        sso_groups: Option<Vec<String>>,
    ) -> Result<()> {
        self.state.accounts.update_profile(&self.actor, id, name, permissions, sso_groups).await
    }

    /// Sets the identity-provider groups that give a profile at single sign-on.
    pub async fn set_sso_groups(&self, id: ProfileId, groups: Vec<String>) -> Result<()> {
        self.state.accounts.set_sso_groups(&self.actor, id, groups).await
    }

    /// Deletes a profile nobody holds.
    pub async fn delete_profile(&self, id: ProfileId) -> Result<()> {
        self.state.accounts.delete_profile(&self.actor, id).await
    }
}

/// A signed-in user's own API credentials.
pub struct OwnCredentials<'a> {
    state: &'a AppState,
    user: UserId,
}

impl OwnCredentials<'_> {
    /// The caller's credentials, revoked ones included.
    pub async fn list(&self) -> Result<Vec<Credential>> {
        self.state.accounts.credentials_of(self.user).await
    }

    /// Creates credentials acting as the caller.
    pub async fn create(&self, name: &str) -> Result<NewCredentials> {
        self.state.accounts.create_credentials(self.user, name).await
    }

    /// Revokes one of the caller's credentials.
    pub async fn revoke(&self, client_id: &str) -> Result<()> {
        self.state.accounts.revoke_credentials(self.user, client_id).await
    }
}

impl Caller {
    /// Reading lambdas (every profile includes it).
    pub fn lambdas<'a>(&self, state: &'a AppState) -> Lambdas<'a> {
        Lambdas(state)
    }

    /// Reading schedules (every profile includes it).
    pub fn schedules<'a>(&self, state: &'a AppState) -> Schedules<'a> {
        Schedules(&state.scheduler)
    }

    /// Reading the Home figures, activity, logs and counts (every profile includes it).
    pub fn reporting<'a>(&self, state: &'a AppState) -> Reporting<'a> {
        Reporting(state)
    }

    /// The caller's own API credentials.
    pub fn credentials<'a>(&self, state: &'a AppState) -> OwnCredentials<'a> {
        OwnCredentials { state, user: self.user.id }
    }
}

impl Authorized<marker::LambdaWrite> {
    /// Changing lambdas.
    pub fn lambda_editor<'a>(&'a self, state: &'a AppState) -> LambdaEditor<'a> {
        LambdaEditor { state, actor: &self.caller.user.username }
    }
}

impl Authorized<marker::LambdaInvoke> {
    /// Invoking lambdas.
    pub fn invoking<'a>(&self, state: &'a AppState) -> Invoking<'a> {
        Invoking(state)
    }
}

impl Authorized<marker::WhitelistRead> {
    /// Reading the allowlist.
    pub fn allowlist<'a>(&self, state: &'a AppState) -> Allowlist<'a> {
        Allowlist(state)
    }
}

impl Authorized<marker::WhitelistWrite> {
    /// Reading the allowlist (whoever may change it may read it).
    pub fn allowlist<'a>(&self, state: &'a AppState) -> Allowlist<'a> {
        Allowlist(state)
    }

    /// Changing the allowlist.
    pub fn allowlist_editor<'a>(&'a self, state: &'a AppState) -> AllowlistEditor<'a> {
        AllowlistEditor { state, actor: &self.caller.user.username }
    }
}

impl Authorized<marker::SecretRead> {
    /// Reading the secrets' names.
    pub fn secrets<'a>(&self, state: &'a AppState) -> Secrets<'a> {
        Secrets(state)
    }
}

impl Authorized<marker::SecretWrite> {
    /// Reading the secrets' names (whoever may change them may read them).
    pub fn secrets<'a>(&self, state: &'a AppState) -> Secrets<'a> {
        Secrets(state)
    }

    /// Changing secrets.
    pub fn secret_editor<'a>(&'a self, state: &'a AppState) -> SecretEditor<'a> {
        SecretEditor { state, actor: &self.caller.user.username }
    }
}

impl Authorized<marker::ScheduleWrite> {
    /// Changing schedules.
    pub fn schedule_editor(&self, state: &AppState) -> ScheduleEditor {
        ScheduleEditor { scheduler: state.scheduler.clone(), actor: self.caller.user.username.clone() }
    }
}

impl Authorized<marker::EmailReportSettingsWrite> {
    /// Changing the email report settings.
    pub fn report_settings<'a>(&'a self, state: &'a AppState) -> ReportSettingsEditor<'a> {
        ReportSettingsEditor { state, actor: &self.caller.user.username }
    }
}

impl Authorized<marker::EmailReportRecipientsWrite> {
    /// Changing the report recipients.
    pub fn recipients<'a>(&'a self, state: &'a AppState) -> RecipientEditor<'a> {
        RecipientEditor { state, actor: &self.caller.user.username }
    }
}

impl Authorized<marker::UsersManage> {
    /// Managing users and profiles.
    pub fn user_admin<'a>(&self, state: &'a AppState) -> UserAdmin<'a> {
        UserAdmin { state, actor: Actor::from(&self.caller.user) }
    }
}

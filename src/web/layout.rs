//! The page context every signed-in page shares: navigation (only the sections the user may
//! see), the user menu, the CSRF token for forms and a one-line notice after an action.

use crate::auth::Caller;
use crate::auth::permission::Action;

/// A navigation entry.
pub struct NavItem {
    /// Icon and test id.
    pub key: &'static str,
    /// Visible label.
    pub label: &'static str,
    /// Target.
    pub href: &'static str,
    /// The current section.
    pub active: bool,
}

/// The nav sections: key, label, path, and the action needed to see it.
const SECTIONS: &[(&str, &str, &str, Action)] = &[
    ("home", "Home", "/", Action::ReportingRead),
    ("functions", "Functions", "/functions", Action::LambdaRead),
    ("deployments", "Deployments", "/deployments", Action::LambdaRead),
    ("schedules", "Schedules", "/schedules", Action::ScheduleRead),
    ("logs", "Logs", "/logs", Action::ReportingRead),
    ("settings", "Settings", "/settings", Action::ReportingRead),
    ("users", "Users", "/users", Action::UsersManage),
];

/// Shared page context.
pub struct Layout {
    /// Account id shown in the sidebar.
    pub account: String,
    /// Navigation entries the user may open.
    pub nav: Vec<NavItem>,
    /// Signed-in user's name.
    pub user_name: String,
    /// First letter, for the avatar.
    pub user_initial: String,
    /// Signed-in user's profile.
    pub user_profile: String,
    /// CSRF token for forms.
    pub csrf: String,
    /// A message about the last action.
    pub notice: Option<Notice>,
}

/// A message about the last action, and whether it reports a failure (shown red, as an alert).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// What to show.
    pub text: &'static str,
    /// The action failed (at least in part).
    pub failure: bool,
}

/// Notices shown after a redirect, by code (`?notice=...`); unknown codes show nothing, so
/// the query string cannot inject text.
const NOTICES: &[(&str, &str)] = &[
    ("user-created", "User created."),
    ("user-updated", "User updated."),
    ("user-deleted", "User deleted."),
    ("password-reset", "Password changed; the user's sessions were ended."),
    ("profile-created", "Profile created."),
    ("sso-groups-saved", "SSO groups saved."),
    ("profile-updated", "Profile saved."),
    ("profile-deleted", "Profile deleted."),
    ("credential-revoked", "Credentials revoked."),
    ("welcome", "Your account is ready. Welcome to lambdabox!"),
    ("lambda-created", "Function created. Edit its code, save, then deploy it."),
    (
        "declaration-moved",
        "The declaration of the lambda is now on line 1, the rest of the code below it. Review it, then Save.",
    ),
    (
        "lambda-created-domains",
        "Function created, and its domains were added to the allowlist. Edit its code, save, then deploy it.",
    ),
    (
        "lambda-created-domains-failed",
        "Function created, but its domains could not be added to the allowlist (it is full, or it \
         changed meanwhile). Add them under Settings.",
    ),
    (
        "lambda-created-domains-skipped",
        "Function created. Its new domains were added to the allowlist; those already on it were skipped. \
         Edit its code, save, then deploy it.",
    ),
    ("lambda-saved", "Saved."),
    ("lambda-unchanged", "No changes to save."),
    ("lambda-removed", "Function removed."),
    ("deployed", "Deployed: the function now serves invocations."),
    ("deploy-failed", "Deployment failed; the previous deployment (if any) keeps serving. See the cause below."),
    ("undeployed", "Undeployed: the function is a Draft again."),
    ("allowlist-added", "Added to the allowlist; it applies to the next invocation."),
    ("allowlist-removed", "Removed from the allowlist; it applies to the next invocation."),
    ("secret-saved", "Secret saved. Its value will not be shown again."),
    ("secret-deleted", "Secret deleted."),
    ("restored", "Restored into the editor. Save to keep it; restoring does not deploy."),
    (
        "undeployed-schedules-paused",
        "Undeployed: the function is a Draft again. Its schedules were paused; resume them after deploying it again.",
    ),
    ("schedule-created", "Schedule created."),
    ("schedule-saved", "Schedule saved."),
    ("schedule-paused", "Schedule paused: it does not run until resumed."),
    ("schedule-resumed", "Schedule resumed: it runs from its next due time; missed times are not replayed."),
    ("schedule-deleted", "Schedule deleted."),
    ("report-settings-saved", "Email report settings saved."),
    ("recipient-added", "Recipient added."),
    ("recipient-removed", "Recipient removed."),
];

/// The notices that report a failure.
const FAILURES: &[&str] = &["deploy-failed", "lambda-created-domains-failed"];

/// Looks up a notice by its code.
pub fn notice(code: Option<&str>) -> Option<Notice> {
    let code = code?;
    NOTICES.iter().find(|(c, _)| *c == code).map(|(c, text)| Notice { text, failure: FAILURES.contains(c) })
}

impl Layout {
    /// Context for `caller` on the page of section `active`.
    pub fn new(account: &str, caller: &Caller, active: &str, notice_code: Option<&str>) -> Self {
        let perms = &caller.user.permissions;
        let nav = SECTIONS
            .iter()
            .filter(|(_, _, _, action)| action.allows(perms))
            .map(|(key, label, href, _)| NavItem { key, label, href, active: *key == active })
            .collect();
        let name = caller.user.username.clone();
        Self {
            account: account.to_owned(),
            nav,
            user_initial: name.chars().next().map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_default(),
            user_name: name,
            user_profile: caller.user.profile_name.clone(),
            csrf: caller.csrf_token().to_owned(),
            notice: notice(notice_code),
        }
    }
}

/// Formats Unix milliseconds as `YYYY-MM-DD HH:MM UTC`.
pub fn format_time(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return "-".into();
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    t.format(&fmt).unwrap_or_else(|_| "-".into())
}

//! Permissions and THE permission matrix: which permission allows which action. Every UI and
//! API route names its action in its signature (`Authorized<A>`), and is checked against this
//! one table.

pub use lambdabox_domain::Permission;

/// Something a caller may want to do; one row of the matrix each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See lambdas and their code.
    LambdaRead,
    /// Create, edit, delete and deploy lambdas.
    LambdaWrite,
    /// Invoke lambdas (API, test page).
    LambdaInvoke,
    /// Change the domain allowlist.
    WhitelistWrite,
    /// See the domain allowlist.
    WhitelistRead,
    /// Create, edit and delete secrets.
    SecretWrite,
    /// See secrets (values obfuscated).
    SecretRead,
    /// See schedules.
    ScheduleRead,
    /// Create, edit and delete schedules.
    ScheduleWrite,
    /// Change the email report settings (SMTP, frequency).
    EmailReportSettingsWrite,
    /// Add and remove email report recipients.
    EmailReportRecipientsWrite,
    /// See email reports, logs and reporting (home metrics, activity).
    ReportingRead,
    /// Write log entries.
    LogsCreate,
    /// Manage users, profiles and their permissions.
    UsersManage,
}

use Permission::{FaasAdmin as A, FaasDeveloper as D, FaasInvocation as I};

/// THE matrix: each action and the permissions that allow it (any one suffices).
pub const MATRIX: &[(Action, &[Permission])] = &[
    (Action::LambdaRead, &[A, D, I]),
    (Action::LambdaWrite, &[D]),
    (Action::LambdaInvoke, &[D, I]),
    (Action::WhitelistWrite, &[A]),
    (Action::WhitelistRead, &[A, D]),
    (Action::SecretWrite, &[A]),
    (Action::SecretRead, &[A, D]),
    (Action::ScheduleRead, &[A, D, I]),
    (Action::ScheduleWrite, &[A, D]),
    (Action::EmailReportSettingsWrite, &[A]),
    (Action::EmailReportRecipientsWrite, &[A, D]),
    (Action::ReportingRead, &[A, D, I]),
    (Action::LogsCreate, &[D]),
    (Action::UsersManage, &[A]),
];

impl Action {
    /// The permissions that allow this action (empty if the action is missing from the matrix,
    /// which denies it).
    pub fn allowed_by(self) -> &'static [Permission] {
        MATRIX.iter().find(|(action, _)| *action == self).map_or(&[], |(_, perms)| perms)
    }

    /// Whether a holder of `held` may perform this action.
    pub fn allows(self, held: &[Permission]) -> bool {
        self.allowed_by().iter().any(|p| held.contains(p))
    }

    /// The permission to name in a denial: the first one that would allow the action.
    pub fn missing_permission(self) -> Permission {
        self.allowed_by().first().copied().unwrap_or(Permission::FaasAdmin)
    }
}

/// Type-level name of an action, so a handler's signature says what it needs:
/// `Authorized<LambdaWrite>`.
pub trait ActionMarker {
    /// The action the marked handler performs.
    const ACTION: Action;
}

macro_rules! action_markers {
    ($($name:ident),* $(,)?) => {
        /// Marker types for `Authorized<A>`, one per `Action`.
        pub mod marker {
            $(
                #[doc = concat!("Marker for `Action::", stringify!($name), "`.")]
                #[derive(Debug)]
                pub struct $name;
                impl super::ActionMarker for $name {
                    const ACTION: super::Action = super::Action::$name;
                }
            )*
        }
    };
}

action_markers!(
    LambdaRead,
    LambdaWrite,
    LambdaInvoke,
    WhitelistWrite,
    WhitelistRead,
    SecretWrite,
    SecretRead,
    ScheduleRead,
    ScheduleWrite,
    EmailReportSettingsWrite,
    EmailReportRecipientsWrite,
    ReportingRead,
    LogsCreate,
    UsersManage,
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix as the issue states it, written out once more on purpose: a change to
    /// `MATRIX` must be a deliberate change to this test too.
    #[test]
    fn matrix_matches_the_specification() {
        let yes_no = |a: bool, d: bool, i: bool| [a, d, i];
        let spec = [
            (Action::LambdaRead, yes_no(true, true, true)),
            (Action::LambdaWrite, yes_no(false, true, false)),
            (Action::LambdaInvoke, yes_no(false, true, true)),
            (Action::WhitelistWrite, yes_no(true, false, false)),
            (Action::WhitelistRead, yes_no(true, true, false)),
            (Action::SecretWrite, yes_no(true, false, false)),
            (Action::SecretRead, yes_no(true, true, false)),
            (Action::ScheduleRead, yes_no(true, true, true)),
            (Action::ScheduleWrite, yes_no(true, true, false)),
            (Action::EmailReportSettingsWrite, yes_no(true, false, false)),
            (Action::EmailReportRecipientsWrite, yes_no(true, true, false)),
            (Action::ReportingRead, yes_no(true, true, true)),
            (Action::LogsCreate, yes_no(false, true, false)),
            (Action::UsersManage, yes_no(true, false, false)),
        ];
        assert_eq!(spec.len(), MATRIX.len());
        for (action, expected) in spec {
            for (perm, allowed) in Permission::ALL.into_iter().zip(expected) {
                assert_eq!(action.allows(&[perm]), allowed, "{action:?} with {perm}");
            }
            assert!(!action.allows(&[]), "{action:?} with no permission");
            assert!(action.allows(&Permission::ALL), "{action:?} as Administrator");
        }
    }

    #[test]
    fn permission_names_round_trip() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
        assert_eq!(Permission::parse("FaaS-Root"), None);
    }
}

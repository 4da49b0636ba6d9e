//! Users, profiles, API credentials, browser sessions and the account itself. Every write to
//! users, profiles or credentials passes through `Accounts`, which keeps the rules (no
//! self-demotion, the last active FaaS-Admin stays), records the activity entry and empties
//! the bearer-token cache, in one place.

mod credentials;
mod sessions;

use std::sync::Arc;

use lambdabox_domain::{AccountId, Permission, ProfileId, UserId, Username};
use lambdabox_store::changes::{self, Change};
use lambdabox_store::{Store, StoreError, accounts, activity, profiles, users};

use crate::Error;
use crate::clock::Clock;
use crate::identity_cache::IdentityCache;
use crate::sso::SsoIdentity;

pub use credentials::NewCredentials;
pub use lambdabox_store::credentials::Credential;
pub use lambdabox_store::profiles::Profile;
pub use lambdabox_store::sessions::SessionRow;
pub use lambdabox_store::users::{Login, User};
pub use sessions::{NewSession, random_token, token_hash};

/// Who is making a change: recorded in the activity stream and checked by the rules.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The acting user.
    pub id: UserId,
    /// Their name, as the activity stream shows it.
    pub username: String,
}

impl From<&User> for Actor {
    fn from(user: &User) -> Self {
        Self { id: user.id, username: user.username.clone() }
    }
}

/// The accounts service; cheap to clone.
#[derive(Clone)]
pub struct Accounts {
    store: Store,
    clock: Clock,
    identities: Arc<IdentityCache>,
}

impl Accounts {
    /// The service over `store`, reading time from `clock`.
    pub fn new(store: Store, clock: Clock) -> Self {
        Self { store, clock, identities: Arc::new(IdentityCache::default()) }
    }

    /// The account id, or `None` before setup.
    pub async fn account(&self) -> Result<Option<AccountId>, Error> {
        Ok(self.store.read(accounts::get_account).await?.map(|a| a.account_id))
    }

    /// Creates the account and its administrator; refused (Conflict) if setup already ran.
    pub async fn provision(
        &self,
        account: &AccountId,
        admin: &Username,
        password_hash: String,
    ) -> Result<UserId, Error> {
        let (account, admin) = (account.clone(), admin.clone());
        let id = self
            .store
            .write(move |tx| {
                let id = accounts::provision(tx, &account, &admin, &password_hash)?;
                changes::publish(tx, &Change::Account)?;
                Ok(id)
            })
            .await?;
        self.changed().await;
        Ok(id)
    }

    /// A user by id.
    pub async fn user(&self, id: UserId) -> Result<Option<User>, Error> {
        Ok(self.store.read(move |conn| users::get_user(conn, id)).await?)
    }

    /// A user by name.
    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>, Error> {
        let name = name.to_owned();
        Ok(self.store.read(move |conn| users::get_user_by_name(conn, &name)).await?)
    }

    /// What sign-in checks for a user name.
    pub async fn login(&self, username: &str) -> Result<Option<Login>, Error> {
        let name = username.to_owned();
        Ok(self.store.read(move |conn| users::get_login(conn, &name)).await?)
    }

    /// Records a successful sign-in in the activity stream.
    pub async fn record_sign_in(&self, username: &str) -> Result<(), Error> {
        let description = format!("{username} signed in");
        Ok(activity::record(&self.store, username, "user.signed_in", username, description).await?)
    }

    /// Signs in a user the identity provider vouches for. Their profile comes from the first of
    /// their groups that `mapping` (from the command line, in its order) or a profile's SSO
    /// groups (in the order they were listed) maps; a user is created at the first sign-in and
    /// gets the mapped profile again at every one. Users are found by their SSO subject, never
    /// by name, so an identity-provider account cannot take over a local user.
    pub async fn sso_sign_in(&self, who: &SsoIdentity, mapping: &[(String, String)]) -> Result<SsoSignIn, Error> {
        let (who, mapping) = (who.clone(), mapping.to_vec());
        let outcome = self
            .store
            .write(move |tx| {
                let Some((group, profile)) = mapped_profile(tx, &who.groups, &mapping)? else {
                    // Taken out of every mapped group at the provider: their open sessions end too.
                    if let Some(user) = users::get_user_by_sso_subject(tx, &who.subject)? {
                        users::end_sessions(tx, user.id)?;
                    }
                    return Ok(SsoSignIn::Unmapped { groups: who.groups.clone() });
                };
                if let Some(user) = users::get_user_by_sso_subject(tx, &who.subject)? {
                    if user.disabled {
                        return Ok(SsoSignIn::Disabled { username: user.username });
                    }
                    if user.profile_id != profile {
                        users::update_user_profile(tx, user.id, profile)?;
                    }
                    let user =
                        users::get_user(tx, user.id)?.ok_or_else(|| StoreError::Conflict("no such user".into()))?;
                    return Ok(SsoSignIn::SignedIn { user, created: false, group });
                }
                let Ok(name) = Username::parse(&who.username) else {
                    return Ok(SsoSignIn::BadName { username: who.username.clone() });
                };
                if users::get_user_by_name(tx, name.as_str())?.is_some() {
                    return Ok(SsoSignIn::NameTaken { username: who.username.clone() });
                }
                let id = users::insert_sso_user(tx, &name, &who.subject, profile)?;
                let user = users::get_user(tx, id)?.ok_or_else(|| StoreError::Conflict("no such user".into()))?;
                Ok(SsoSignIn::SignedIn { user, created: true, group })
            })
            .await?;
        if let SsoSignIn::SignedIn { user, created, group } = &outcome {
            self.changed().await;
            let name = &user.username;
            if *created {
                let description =
                    format!("Created user {name} at their first SSO sign-in (group {group}: {})", user.profile_name);
                activity::record(&self.store, name, "user.created", name, description).await?;
            }
            let description = format!("{name} signed in with SSO (group {group}: {})", user.profile_name);
            activity::record(&self.store, name, "user.signed_in", name, description).await?;
        }
        Ok(outcome)
    }

    /// Sets the identity-provider groups that give profile `id` (empty: none).
    pub async fn set_sso_groups(&self, actor: &Actor, id: ProfileId, groups: Vec<String>) -> Result<(), Error> {
        let groups = checked_groups(groups)?;
        let shown = groups.join(", ");
        let name = self
            .store
            .write(move |tx| {
                let profile =
                    profiles::get_profile(tx, id)?.ok_or_else(|| StoreError::Conflict("no such profile".into()))?;
                profiles::set_sso_groups(tx, id, &groups)?;
                Ok(profile.name)
            })
            .await?;
        let description = if shown.is_empty() {
            format!("Removed the SSO groups of the profile {name}")
        } else {
            format!("Set the SSO groups of the profile {name}: {shown}")
        };
        self.note(actor, "user.profile_updated", &id.0.to_string(), description).await
    }

    /// Every user and every profile, for the Users page.
    pub async fn users_and_profiles(&self) -> Result<(Vec<User>, Vec<Profile>), Error> {
        Ok(self.store.read(|conn| Ok((users::list_users(conn)?, profiles::list_profiles(conn)?))).await?)
    }

    /// Creates a user holding `profile`.
    pub async fn create_user(
        &self,
        actor: &Actor,
        name: Username,
        password_hash: String,
        profile: ProfileId,
    ) -> Result<UserId, Error> {
        let shown = name.to_string();
        let id = self
            .store
            .write(move |tx| {
                if profiles::get_profile(tx, profile)?.is_none() {
                    return Err(StoreError::Conflict("that profile does not exist".into()));
                }
                users::insert_user(tx, &name, &password_hash, profile)
            })
            .await?;
        self.note(actor, "user.created", &shown, format!("Created user {shown}")).await?;
        Ok(id)
    }

    /// Gives `target` another profile; taking FaaS-Admin away is checked like disabling.
    pub async fn change_profile(&self, actor: &Actor, target: UserId, profile: ProfileId) -> Result<(), Error> {
        let new_profile = self
            .store
            .read(move |c| profiles::get_profile(c, profile))
            .await?
            .ok_or_else(|| Error::BadInput("that profile does not exist".into()))?;
        if !new_profile.permissions.contains(&Permission::FaasAdmin) {
            self.guard_admin_change(actor, target, "remove FaaS-Admin from").await?;
        }
        let changed = self.store.write(move |tx| users::update_user_profile(tx, target, profile)).await?;
        found(changed, "no such user")?;
        let description = format!("Gave {} the profile {}", self.name_of(target).await?, new_profile.name);
        self.note(actor, "user.updated", &target.0.to_string(), description).await
    }

    /// Disables or enables `target`.
    pub async fn set_disabled(&self, actor: &Actor, target: UserId, disabled: bool) -> Result<(), Error> {
        if disabled {
            self.guard_admin_change(actor, target, "disable").await?;
        }
        let changed = self.store.write(move |tx| users::update_user_disabled(tx, target, disabled)).await?;
        found(changed, "no such user")?;
        let what = if disabled { "Disabled" } else { "Enabled" };
        let description = format!("{what} user {}", self.name_of(target).await?);
        self.note(actor, "user.updated", &target.0.to_string(), description).await
    }

    /// Sets a new password for `target`.
    pub async fn reset_password(&self, actor: &Actor, target: UserId, password_hash: String) -> Result<(), Error> {
        let changed = self.store.write(move |tx| users::update_user_password(tx, target, &password_hash)).await?;
        found(changed, "no such user")?;
        let description = format!("Reset the password of user {}", self.name_of(target).await?);
        self.note(actor, "user.updated", &target.0.to_string(), description).await
    }

    /// Deletes `target`.
    pub async fn delete_user(&self, actor: &Actor, target: UserId) -> Result<(), Error> {
        self.guard_admin_change(actor, target, "delete").await?;
        let name = self.name_of(target).await?;
        self.store.write(move |tx| users::delete_user(tx, target)).await?;
        self.note(actor, "user.deleted", &target.0.to_string(), format!("Deleted user {name}")).await
    }

    /// Creates a profile with at least one permission and a name of 1-50 characters, and the
    /// identity-provider groups that give it (all or nothing).
    pub async fn create_profile(
        &self,
        actor: &Actor,
        name: &str,
        permissions: Vec<Permission>,
        sso_groups: Vec<String>,
    ) -> Result<ProfileId, Error> {
        let name = checked_profile(name, &permissions)?;
        let groups = checked_groups(sso_groups)?;
        let shown = name.clone();
        let id = self
            .store
            .write(move |tx| {
                let id = profiles::insert_profile(tx, &name, &permissions)?;
                profiles::set_sso_groups(tx, id, &groups)?;
                Ok(id)
            })
            .await?;
        self.note(actor, "user.profile_created", &id.0.to_string(), format!("Created the profile {shown}")).await?;
        Ok(id)
    }

    /// Renames a custom profile and sets its permissions and, when given, its SSO groups (the
    /// built-in Administrator profile stays as it is). Taking FaaS-Admin away is refused when the caller holds the profile or
    /// when no other active user would keep FaaS-Admin.
    pub async fn update_profile(
        &self,
        actor: &Actor,
        id: ProfileId,
        name: &str,
        permissions: Vec<Permission>,
        sso_groups: Option<Vec<String>>,
    ) -> Result<(), Error> {
        let name = checked_profile(name, &permissions)?;
        let groups = sso_groups.map(checked_groups).transpose()?;
        let (shown, me) = (name.clone(), actor.id);
        if self.store.read(move |c| profiles::get_profile(c, id)).await?.is_none() {
            return Err(Error::NotFound("no such profile".into()));
        }
        self.store
            .write(move |tx| {
                let current =
                    profiles::get_profile(tx, id)?.ok_or_else(|| StoreError::Conflict("no such profile".into()))?;
                if current.builtin {
                    return Err(StoreError::Conflict("the built-in Administrator profile cannot be changed".into()));
                }
                let loses_admin = current.permissions.contains(&Permission::FaasAdmin)
                    && !permissions.contains(&Permission::FaasAdmin);
                if loses_admin {
                    if users::get_user(tx, me)?.is_some_and(|user| user.profile_id == id) {
                        return Err(StoreError::Conflict("you cannot remove FaaS-Admin from your own profile".into()));
                    }
                    if users::count_active_admins_outside(tx, id)? == 0 {
                        return Err(StoreError::Conflict(
                            "cannot remove FaaS-Admin from the profile of the last active users with FaaS-Admin".into(),
                        ));
                    }
                }
                if let Some(groups) = &groups {
                    profiles::set_sso_groups(tx, id, groups)?;
                }
                profiles::update_profile(tx, id, &name, &permissions)
            })
            .await?;
        self.note(actor, "user.profile_updated", &id.0.to_string(), format!("Changed the profile {shown}")).await
    }

    /// Deletes a profile nobody holds.
    pub async fn delete_profile(&self, actor: &Actor, id: ProfileId) -> Result<(), Error> {
        let profile = self.store.read(move |c| profiles::get_profile(c, id)).await?;
        let deleted = self.store.write(move |tx| profiles::delete_profile(tx, id)).await?;
        found(deleted, "no such profile")?;
        let name = profile.map_or_else(|| format!("#{}", id.0), |p| p.name);
        self.note(actor, "user.profile_deleted", &id.0.to_string(), format!("Deleted the profile {name}")).await
    }

    /// Checks that changing `target` keeps at least one other active FaaS-Admin, and that
    /// callers do not lock themselves out.
    async fn guard_admin_change(&self, actor: &Actor, target: UserId, what: &str) -> Result<(), Error> {
        if target == actor.id {
            return Err(Error::Conflict(format!("you cannot {what} yourself")));
        }
        let (user, others) = self
            .store
            .read(move |conn| Ok((users::get_user(conn, target)?, users::count_active_admins(conn, Some(target))?)))
            .await?;
        let Some(user) = user else {
            return Err(Error::NotFound("no such user".into()));
        };
        if user.permissions.contains(&Permission::FaasAdmin) && !user.disabled && others == 0 {
            return Err(Error::Conflict(format!("cannot {what} the last active user with FaaS-Admin")));
        }
        Ok(())
    }

    /// A user's name for the activity stream (`#id` if there is no such user).
    async fn name_of(&self, id: UserId) -> Result<String, Error> {
        let user = self.store.read(move |conn| users::get_user(conn, id)).await?;
        Ok(user.map_or_else(|| format!("#{}", id.0), |u| u.username))
    }

    /// Records a change made by `username` (no `Actor` at hand: their own credentials, or the
    /// command line acting for them); cached tokens are checked again.
    async fn note_as(
        &self,
        username: &str,
        kind: &'static str,
        subject: &str,
        description: String,
    ) -> Result<(), Error> {
        self.changed().await;
        Ok(activity::record(&self.store, username, kind, subject, description).await?)
    }

    /// Records a change in the activity stream; users changed, so cached tokens are checked
    /// again.
    async fn note(&self, actor: &Actor, kind: &'static str, subject: &str, description: String) -> Result<(), Error> {
        self.changed().await;
        Ok(activity::record(&self.store, &actor.username, kind, subject, description).await?)
    }

    /// Users, profiles or credentials changed: the one place the token cache is emptied, here
    /// and on the other nodes sharing the database.
    async fn changed(&self) {
        self.identities.invalidate();
        if self.store.dialect() == lambdabox_store::Dialect::Postgres {
            let published = self.store.write(|tx| changes::publish(tx, &Change::Identities)).await;
            if let Err(err) = published {
                tracing::error!(error = %err, "could not tell the other nodes that users changed");
            }
        }
    }

    /// The store the accounts live in.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Forgets every cached token check (another node changed users, profiles or credentials).
    pub fn forget_identities(&self) {
        self.identities.invalidate();
    }
}

/// How a single sign-on ended.
#[derive(Debug, Clone)]
pub enum SsoSignIn {
    /// Signed in (and `created` at this first sign-in) with the profile `group` gives.
    SignedIn {
        /// The user, with their current profile.
        user: User,
        /// Whether this sign-in created the user.
        created: bool,
        /// The group that gave the profile.
        group: String,
    },
    /// None of the user's groups gives a profile.
    Unmapped {
        /// The groups the identity provider named.
        groups: Vec<String>,
    },
    /// The user exists and is disabled.
    Disabled {
        /// Their name.
        username: String,
    },
    /// A user of that name exists who does not sign in through SSO.
    NameTaken {
        /// The name.
        username: String,
    },
    /// The identity provider's name for the user is not a valid user name here.
    BadName {
        /// The name.
        username: String,
    },
}

/// The profile the first mapped group gives: the command line's mapping first, then the
/// profiles' SSO groups.
fn mapped_profile(
    conn: &lambdabox_store::Connection,
    groups: &[String],
    mapping: &[(String, String)],
) -> Result<Option<(String, ProfileId)>, StoreError> {
    for (group, profile) in mapping {
        if groups.contains(group) {
            return match profiles::profile_id_by_name(conn, profile)? {
                Some(id) => Ok(Some((group.clone(), id))),
                None => Err(StoreError::Conflict(format!(
                    "the SSO group '{group}' maps to the profile '{profile}', which does not exist \
                     (--oidc-group-profiles); create it in Users"
                ))),
            };
        }
    }
    Ok(profiles::sso_mappings(conn)?.into_iter().find(|(group, _)| groups.contains(group)))
}

/// Trimmed, distinct, non-empty group names of at most 200 characters.
fn checked_groups(groups: Vec<String>) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for group in groups.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
        if group.chars().count() > 200 || group.chars().any(char::is_control) {
            return Err(Error::BadInput(format!("the SSO group {group:?} is too long or has control characters")));
        }
        if !out.iter().any(|g| g == group) {
            out.push(group.to_owned());
        }
    }
    Ok(out)
}

/// A profile's trimmed name, if it is 1-50 characters and `permissions` has at least one.
fn checked_profile(name: &str, permissions: &[Permission]) -> Result<String, Error> {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(Error::BadInput("profile name is required and must be at most 50 characters".into()));
    }
    if permissions.is_empty() {
        return Err(Error::BadInput("choose at least one permission for the profile".into()));
    }
    Ok(name)
}

/// `NotFound(what)` unless a row was changed.
fn found(changed: bool, what: &str) -> Result<(), Error> {
    if changed { Ok(()) } else { Err(Error::NotFound(what.into())) }
}

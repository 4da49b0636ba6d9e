//! What authentication needs, registered as app data of its own so that the extractors, the
//! CSRF check and sign-in depend on it rather than on the whole `AppState`: who the callers
//! are (the identity part of the accounts service), the token keys, the sign-in throttle, the
//! API secrets waiting to be shown once, the account id and the session and token settings.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lambdabox_domain::{AccountId, UserId, Username};
use lambdabox_services::Error as ServiceError;
use lambdabox_services::accounts::{Accounts, Credential, Login, NewSession, SessionRow, SsoSignIn, User};
use lambdabox_services::crypto::MasterKey;
use lambdabox_services::sso::{Sso, SsoIdentity};

use super::reveal::PendingSecrets;
use super::token::TokenKeys;
use crate::config::Config;
use lambdabox_services::throttle::LoginThrottle;

/// Authentication's shared state; built once in `startup`.
pub struct AuthState {
    /// Who is calling.
    pub identity: Identity,
    /// Signing keys for API access tokens.
    pub tokens: TokenKeys,
    /// Failed sign-in counters.
    pub throttle: LoginThrottle,
    /// New API secrets waiting to be shown once.
    pub pending_secrets: PendingSecrets,
    /// Browser sessions end after this much inactivity.
    pub session_idle: Duration,
    /// Whether cookies carry the Secure attribute.
    pub secure_cookies: bool,
    /// Lifetime of API access tokens.
    pub token_ttl: Duration,
    /// Largest accepted request body (the CSRF check reads form bodies).
    pub max_body_bytes: usize,
    /// Single sign-on, when configured.
    pub sso: Option<SsoAuth>,
    account: Arc<OnceLock<AccountId>>,
}

/// Single sign-on: the provider's client and who gets which profile.
pub struct SsoAuth {
    /// The OpenID Connect client.
    pub client: Sso,
    /// `--oidc-group-profiles`.
    pub group_profiles: Vec<(String, String)>,
    /// Password sign-in only for the administrator created at setup.
    pub only: bool,
}

impl AuthState {
    /// Authentication over `accounts` (shared with the services, so that their writes empty
    /// the same token cache), with keys derived from the master key.
    pub fn new(config: &Config, accounts: Accounts, key: &MasterKey, account: Arc<OnceLock<AccountId>>) -> Self {
        let store = accounts.store().clone();
        Self {
            identity: Identity(accounts),
            tokens: TokenKeys::new(key),
            throttle: LoginThrottle::new(
                store,
                config.max_login_failures_per_user,
                config.max_login_failures_per_address,
                config.lockout,
            ),
            pending_secrets: PendingSecrets::default(),
            session_idle: config.session_idle,
            secure_cookies: config.secure_cookies,
            token_ttl: config.token_ttl,
            max_body_bytes: config.max_body_bytes,
            sso: config.sso.as_ref().map(|sso| SsoAuth {
                client: Sso::new(sso.settings.clone(), key, config.clock.clone()),
                group_profiles: sso.group_profiles.clone(),
                only: sso.only,
            }),
            account,
        }
    }

    /// The account id, or `None` before setup.
    pub fn account(&self) -> Option<&AccountId> {
        self.account.get()
    }
}

/// The part of the accounts service that identifies callers.
pub struct Identity(Accounts);

impl Identity {
    /// The account id as stored (setup may have run beside the server).
    pub async fn account(&self) -> Result<Option<AccountId>, ServiceError> {
        self.0.account().await
    }

    /// Creates the account and its administrator, once.
    pub async fn provision(
        &self,
        account: &AccountId,
        admin: &Username,
        password_hash: String,
    ) -> Result<UserId, ServiceError> {
        self.0.provision(account, admin, password_hash).await
    }

    /// A user by id.
    pub async fn user(&self, id: UserId) -> Result<Option<User>, ServiceError> {
        self.0.user(id).await
    }

    /// What sign-in checks for a user name.
    pub async fn login(&self, username: &str) -> Result<Option<Login>, ServiceError> {
        self.0.login(username).await
    }

    /// Records a successful sign-in.
    pub async fn record_sign_in(&self, username: &str) -> Result<(), ServiceError> {
        self.0.record_sign_in(username).await
    }

    /// Signs in a user the identity provider vouches for (see `Accounts::sso_sign_in`).
    pub async fn sso_sign_in(
        &self,
        who: &SsoIdentity,
        mapping: &[(String, String)],
    ) -> Result<SsoSignIn, ServiceError> {
        self.0.sso_sign_in(who, mapping).await
    }

    /// Starts a browser session.
    pub async fn start_session(&self, user: UserId, idle_ms: i64) -> Result<NewSession, ServiceError> {
        self.0.start_session(user, idle_ms).await
    }

    /// The live session stored under a token hash.
    pub async fn session(&self, hash: &[u8], idle_ms: i64) -> Result<Option<SessionRow>, ServiceError> {
        self.0.session(hash, idle_ms).await
    }

    /// Ends a session.
    pub async fn end_session(&self, hash: &[u8]) -> Result<(), ServiceError> {
        self.0.end_session(hash).await
    }

    /// The credential and its user, if the client secret is right and both are live.
    pub async fn check_client(
        &self,
        client_id: &str,
        secret: &str,
    ) -> Result<Option<(Credential, User)>, ServiceError> {
        self.0.check_client(client_id, secret).await
    }

    /// The user of a bearer token verified recently.
    pub fn cached_token_user(&self, token: &str) -> Option<User> {
        self.0.cached_token_user(token)
    }

    /// The user a validly signed bearer token acts as, if its credential is live.
    pub async fn token_user(
        &self,
        token: &str,
        client_id: &str,
        user: UserId,
        exp_ms: i64,
    ) -> Result<Option<User>, ServiceError> {
        self.0.token_user(token, client_id, user, exp_ms).await
    }
}

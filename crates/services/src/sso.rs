//! Single sign-on with OpenID Connect: the authorization code flow with PKCE, state and nonce,
//! against an identity provider found by discovery. `Sso::start` gives the address to send the
//! browser to and the flow's secrets, sealed for a cookie; `Sso::finish` checks the answer,
//! redeems the code and verifies the ID token (signature, issuer, audience, expiry, nonce), and
//! says who signed in and in which groups. Who may then sign in, with which profile, is
//! `Accounts::sso_sign_in`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AccessToken, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::Clock;
use crate::crypto::MasterKey;

/// How long a started sign-in may take at the identity provider.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// How long the provider's discovery document and keys are reused.
const METADATA_TTL: Duration = Duration::from_secs(5 * 60);
/// Calls to the identity provider give up after this long.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// How lambdabox is registered at the identity provider. `Debug` never shows the secret.
#[derive(Clone)]
pub struct SsoSettings {
    /// The issuer URL; `<issuer>/.well-known/openid-configuration` is read.
    pub issuer: String,
    /// The client id lambdabox has at the provider.
    pub client_id: String,
    /// Its client secret.
    pub client_secret: String,
    /// Scopes asked for (`openid` is always among them).
    pub scopes: Vec<String>,
    /// The claim holding the user's groups (ID token, else the userinfo answer).
    pub groups_claim: String,
}

impl std::fmt::Debug for SsoSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("scopes", &self.scopes)
            .field("groups_claim", &self.groups_claim)
            .finish()
    }
}

/// Why a sign-in through the identity provider did not come through.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    /// The provider cannot be reached or answers nonsense (HTTP 502).
    #[error("cannot reach the identity provider at {issuer}: {reason}")]
    Unreachable {
        /// The configured issuer.
        issuer: String,
        /// What went wrong.
        reason: String,
    },
    /// The answer that came back is not a valid end of this sign-in: expired, replayed,
    /// tampered with, or refused by the provider (HTTP 400).
    #[error("The sign-in could not be completed: {0}")]
    Refused(String),
}

/// The secrets of a started sign-in, kept sealed in the browser until the answer comes back.
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingFlow {
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: String,
    started_ms: i64,
}

/// A started sign-in: where to send the browser, and the sealed flow for its cookie.
#[derive(Debug)]
pub struct Started {
    /// The provider's authorization address with this flow's parameters.
    pub authorize_url: String,
    /// `PendingFlow`, encrypted and authenticated, as URL-safe base64.
    pub sealed_flow: String,
}

/// Who signed in at the identity provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoIdentity {
    /// `<issuer>#<sub>`: what the user is found by.
    pub subject: String,
    /// The name shown and signed in as: `preferred_username`, else `email`, else `sub`.
    pub username: String,
    /// The groups claim's values.
    pub groups: Vec<String>,
}

/// The single sign-on client.
pub struct Sso {
    settings: SsoSettings,
    flow_key: MasterKey,
    clock: Clock,
    http: reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sso").field("issuer", &self.settings.issuer).finish_non_exhaustive()
    }
}

impl Sso {
    /// The client for `settings`; flows are sealed with a key derived from `key`. Nothing is
    /// fetched yet: a provider that is down does not stop lambdabox from starting.
    pub fn new(settings: SsoSettings, key: &MasterKey, clock: Clock) -> Self {
        let http = reqwest::Client::builder()
            // The provider's documents must not send us elsewhere (OpenID Connect forbids it).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(CALL_TIMEOUT)
            .build()
            .unwrap_or_else(|e| {
                tracing::error!("cannot build the SSO HTTP client, using the defaults: {e}");
                reqwest::Client::new()
            });
        Self { settings, flow_key: key.derived("sso-flow"), clock, http, metadata: Mutex::new(None) }
    }

    /// The configured issuer.
    pub fn issuer(&self) -> &str {
        &self.settings.issuer
    }

    /// Starts a sign-in whose answer comes back to `redirect_uri`.
    pub async fn start(&self, redirect_uri: &str) -> Result<Started, SsoError> {
        let client = self.client(redirect_uri).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request =
            client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for scope in self.settings.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let flow = PendingFlow {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            redirect_uri: redirect_uri.to_owned(),
            started_ms: self.clock.now_ms(),
        };
        let plain = serde_json::to_vec(&flow).map_err(|e| SsoError::Refused(e.to_string()))?;
        let sealed = self.flow_key.seal(&plain, b"lambdabox sso flow").map_err(|e| SsoError::Refused(e.to_string()))?;
        Ok(Started { authorize_url: url.to_string(), sealed_flow: URL_SAFE_NO_PAD.encode(sealed) })
    }

    /// Ends a sign-in: `sealed_flow` from the browser's cookie, `state` and `code` from the
    /// provider's answer.
    pub async fn finish(&self, sealed_flow: Option<&str>, state: &str, code: &str) -> Result<SsoIdentity, SsoError> {
        let flow = self.open_flow(sealed_flow)?;
        if !bool::from(subtle::ConstantTimeEq::ct_eq(flow.state.as_bytes(), state.as_bytes())) {
            return Err(SsoError::Refused("the answer does not belong to the sign-in this browser started".into()));
        }
        let client = self.client(&flow.redirect_uri).await?;
        let request = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| self.unreachable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier.clone()));
        let tokens = request.request_async(&self.http).await.map_err(|e| match e {
            RequestTokenError::ServerResponse(answer) => {
                let detail = answer.error_description().map(|d| format!(": {d}")).unwrap_or_default();
                SsoError::Refused(format!("the identity provider refused the code ({}{detail})", answer.error()))
            }
            RequestTokenError::Request(e) => self.unreachable(format!("token request failed: {e}")),
            other => self.unreachable(format!("unexpected token answer: {other}")),
        })?;
        let id_token =
            tokens.id_token().ok_or_else(|| SsoError::Refused("the identity provider sent no ID token".into()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(flow.nonce.clone()))
            .map_err(|e| SsoError::Refused(format!("the ID token is not valid ({e})")))?;
        // The token is verified: read the claims the standard ones do not cover from it.
        let raw = raw_claims(&serde_json::to_value(id_token).unwrap_or(Value::Null));
        let sub = claims.subject().as_str().to_owned();
        let mut groups = groups_of(raw.get(&self.settings.groups_claim));
        // An address the provider has not verified could be anybody's.
        let verified_email = claims.email().filter(|_| claims.email_verified() == Some(true));
        let mut username = claims
            .preferred_username()
            .map(|u| u.as_str().to_owned())
            .or_else(|| verified_email.map(|e| e.as_str().to_owned()));
        if groups.is_none() || username.is_none() {
            let info = self.userinfo(tokens.access_token(), &sub).await?;
            if groups.is_none() {
                groups = groups_of(info.get(&self.settings.groups_claim));
            }
            if username.is_none() {
                let email_verified = info.get("email_verified").and_then(Value::as_bool) == Some(true);
                username = info
                    .get("preferred_username")
                    .and_then(Value::as_str)
                    .or_else(|| info.get("email").and_then(Value::as_str).filter(|_| email_verified))
                    .map(str::to_owned);
            }
        }
        Ok(SsoIdentity {
            subject: format!("{}#{sub}", self.settings.issuer),
            username: username.unwrap_or_else(|| sub.clone()),
            groups: groups.unwrap_or_default(),
        })
    }

    fn open_flow(&self, sealed_flow: Option<&str>) -> Result<PendingFlow, SsoError> {
        let lost = || {
            SsoError::Refused(
                "this browser has no sign-in waiting for that answer (it expired, or started in another browser); \
                 sign in again"
                    .into(),
            )
        };
        let sealed = URL_SAFE_NO_PAD.decode(sealed_flow.ok_or_else(lost)?).map_err(|_| lost())?;
        let plain = self.flow_key.open(&sealed, b"lambdabox sso flow").map_err(|_| lost())?;
        let flow: PendingFlow = serde_json::from_slice(&plain).map_err(|_| lost())?;
        let age_ms = self.clock.now_ms().saturating_sub(flow.started_ms);
        if u128::try_from(age_ms).map_or(true, |age| age > FLOW_LIFETIME.as_millis()) {
            return Err(lost());
        }
        Ok(flow)
    }

    /// The client for the provider's current metadata, discovered at most every few minutes.
    async fn client(
        &self,
        redirect_uri: &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        SsoError,
    > {
        let metadata = self.metadata().await?;
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| SsoError::Refused(format!("the redirect address {redirect_uri:?} is not a URL: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, SsoError> {
        if let Some((at, metadata)) = self.metadata.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| self.unreachable(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| self.unreachable(format!("discovery failed: {}", error_chain(&e))))?;
        *self.metadata.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    /// The userinfo answer, checked to be about `sub`.
    async fn userinfo(&self, token: &AccessToken, sub: &str) -> Result<serde_json::Map<String, Value>, SsoError> {
        let metadata = self.metadata().await?;
        let Some(endpoint) = metadata.userinfo_endpoint() else {
            return Ok(serde_json::Map::new());
        };
        let answer = self
            .http
            .get(endpoint.url().clone())
            .bearer_auth(token.secret())
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| self.unreachable(format!("userinfo request failed: {e}")))?;
        if !answer.status().is_success() {
            return Err(self.unreachable(format!("userinfo answered HTTP {}", answer.status())));
        }
        let info: serde_json::Map<String, Value> =
            answer.json().await.map_err(|e| self.unreachable(format!("userinfo is not JSON: {e}")))?;
        if info.get("sub").and_then(Value::as_str) != Some(sub) {
            return Err(SsoError::Refused("the userinfo answer is about another user".into()));
        }
        Ok(info)
    }

    fn unreachable(&self, reason: String) -> SsoError {
        SsoError::Unreachable { issuer: self.settings.issuer.clone(), reason }
    }
}

/// The payload of a compact JWT (already verified by the caller).
fn raw_claims(jwt: &Value) -> serde_json::Map<String, Value> {
    jwt.as_str()
        .and_then(|jwt| jwt.split('.').nth(1))
        .and_then(|payload| URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// A groups claim as a list: an array of strings, or one string.
fn groups_of(claim: Option<&Value>) -> Option<Vec<String>> {
    match claim? {
        Value::Array(items) => Some(items.iter().filter_map(Value::as_str).map(str::to_owned).collect()),
        Value::String(one) => Some(vec![one.clone()]),
        _ => None,
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_as_a_list_or_a_single_string() {
        assert_eq!(groups_of(Some(&serde_json::json!(["a", "b", 3]))), Some(vec!["a".into(), "b".into()]));
        assert_eq!(groups_of(Some(&serde_json::json!("ops"))), Some(vec!["ops".into()]));
        assert_eq!(groups_of(Some(&serde_json::json!({"x": 1}))), None);
        assert_eq!(groups_of(None), None);
    }

    #[test]
    fn a_flow_sealed_by_one_instance_opens_only_there_and_only_in_time() {
        let start = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let clock = Clock::manual(start);
        let settings = SsoSettings {
            issuer: "http://127.0.0.1:9/".into(),
            client_id: "c".into(),
            client_secret: "s".into(),
            scopes: vec!["openid".into()],
            groups_claim: "groups".into(),
        };
        let key = MasterKey::generate();
        let sso = Sso::new(settings.clone(), &key, clock.clone());
        let flow = PendingFlow {
            state: "st".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            redirect_uri: "http://x/cb".into(),
            started_ms: clock.now_ms(),
        };
        let sealed = URL_SAFE_NO_PAD
            .encode(sso.flow_key.seal(&serde_json::to_vec(&flow).unwrap(), b"lambdabox sso flow").unwrap());
        assert_eq!(sso.open_flow(Some(&sealed)).unwrap().state, "st");
        let other = Sso::new(settings, &MasterKey::generate(), clock.clone());
        assert!(matches!(other.open_flow(Some(&sealed)), Err(SsoError::Refused(_))));
        assert!(matches!(sso.open_flow(None), Err(SsoError::Refused(_))));
        let mut tampered = sealed.clone().into_bytes();
        tampered[20] = if tampered[20] == b'A' { b'B' } else { b'A' };
        assert!(sso.open_flow(Some(std::str::from_utf8(&tampered).unwrap())).is_err());
        clock.set(start + FLOW_LIFETIME + Duration::from_secs(1));
        assert!(matches!(sso.open_flow(Some(&sealed)), Err(SsoError::Refused(_))), "expired");
    }
}

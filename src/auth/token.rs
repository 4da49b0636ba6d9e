//! API access tokens: `/oauth/token` (client_credentials) exchanges a client id and secret for
//! a JWT signed with HS256 under a key derived from the master key. Bearer tokens are checked
//! for signature and `exp`, then against the credential (not revoked) and its user (enabled).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::UserId;
use lambdabox_services::crypto::MasterKey;
use lambdabox_store::users::{self, User};
use lambdabox_store::{credentials, now_ms};

const ISSUER: &str = "lambdabox";

/// Signing and verification keys.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    /// Keys derived from the master key (so tokens survive restarts).
    pub fn new(key: &MasterKey) -> Self {
        let secret = key.derive("access-token-hs256");
        Self { encoding: EncodingKey::from_secret(&secret), decoding: DecodingKey::from_secret(&secret) }
    }
}

/// Claims of an access token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The credential's client id.
    pub cid: String,
    /// Account id.
    pub acc: String,
    /// Issuer.
    pub iss: String,
    /// Issued at (Unix s).
    pub iat: i64,
    /// Expires at (Unix s).
    pub exp: i64,
}

/// What `/oauth/token` answers.
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    /// The signed JWT.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// Hash of a client secret as stored (the secret is 256 random bits, so a fast hash suffices).
pub fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Why a token request failed, in OAuth terms.
#[derive(Debug, PartialEq, Eq)]
pub enum GrantError {
    /// Unknown client, wrong secret, revoked credential or disabled user.
    InvalidClient,
}

/// Issues a token for valid client credentials.
pub async fn issue(
    state: &AppState,
    client_id: String,
    client_secret: String,
) -> Result<Result<TokenResponse, GrantError>, Error> {
    let Some(account) = state.account().cloned() else {
        return Err(Error::NotProvisioned);
    };
    let lookup = client_id.clone();
    let found = state
        .store
        .read(move |conn| {
            let Some(cred) = credentials::get_credential(conn, &lookup)? else {
                return Ok(None);
            };
            let user = lambdabox_store::users::get_user(conn, cred.user_id)?;
            Ok(Some((cred, user)))
        })
        .await?;
    let valid = match &found {
        Some((cred, Some(user))) => {
            bool::from(cred.secret_hash.ct_eq(&secret_hash(&client_secret)))
                && cred.revoked_at.is_none()
                && !user.disabled
        }
        _ => false,
    };
    let Some((cred, Some(user))) = found.filter(|_| valid) else {
        return Ok(Err(GrantError::InvalidClient));
    };
    let ttl = state.config.token_ttl.as_secs();
    let iat = now_ms() / 1000;
    let claims = Claims {
        sub: user.id.0.to_string(),
        cid: cred.client_id.clone(),
        acc: account.to_string(),
        iss: ISSUER.into(),
        iat,
        exp: iat + i64::try_from(ttl).unwrap_or(3600),
    };
    let access_token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &state.tokens.encoding)
        .map_err(Error::internal)?;
    let client = cred.client_id;
    state.store.write(move |tx| credentials::touch_credential(tx, &client)).await?;
    Ok(Ok(TokenResponse { access_token, token_type: "Bearer", expires_in: ttl }))
}

/// Checks a bearer token and returns its enabled user; `Ok(None)` if the token is invalid,
/// expired or revoked, or the user is disabled. Recent answers come from `TokenCache`.
pub async fn verify(state: &AppState, token: &str) -> Result<Option<User>, Error> {
    let now = now_ms();
    if let Some(user) = state.token_cache.get(token, now) {
        return Ok(Some(user));
    }
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.leeway = 0;
    let Ok(data) = jsonwebtoken::decode::<Claims>(token, &state.tokens.decoding, &validation) else {
        return Ok(None);
    };
    let claims = data.claims;
    if state.account().map(|a| a.as_str()) != Some(claims.acc.as_str()) {
        return Ok(None);
    }
    let Ok(user_id) = claims.sub.parse::<i64>().map(UserId) else {
        return Ok(None);
    };
    let client_id = claims.cid;
    let user = state
        .store
        .read(move |conn| {
            let live = credentials::get_credential(conn, &client_id)?
                .is_some_and(|c| c.revoked_at.is_none() && c.user_id == user_id);
            if !live {
                return Ok(None);
            }
            Ok(users::get_user(conn, user_id)?.filter(|u| !u.disabled))
        })
        .await?;
    if let Some(user) = &user {
        state.token_cache.put(token.to_owned(), user.clone(), claims.exp.saturating_mul(1000));
    }
    Ok(user)
}

/// Freshly created credentials; the secret exists only here and in the caller's hands.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCredentials {
    /// Public id.
    pub client_id: String,
    /// The secret, shown once.
    pub client_secret: String,
}

/// Creates API credentials acting as `user`.
pub async fn create_credentials(
    store: &lambdabox_store::Store,
    user: UserId,
    name: String,
) -> Result<NewCredentials, Error> {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(Error::BadInput("credential name is required and must be at most 50 characters".into()));
    }
    let client_id = format!("lbx_{}", uuid::Uuid::new_v4().simple());
    let client_secret = crate::auth::session::random_token();
    let hash = secret_hash(&client_secret);
    let id = client_id.clone();
    store.write(move |tx| credentials::insert_credential(tx, &id, user, &name, &hash)).await?;
    Ok(NewCredentials { client_id, client_secret })
}

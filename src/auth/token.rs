//! API access tokens: `/oauth/token` (client_credentials) exchanges a client id and secret for
//! a JWT signed with HS256 under a key derived from the master key. Bearer tokens are checked
//! for signature and `exp`, then against the credential (not revoked) and its user (enabled).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::AuthState;
use crate::error::Error;
use lambdabox_domain::UserId;
use lambdabox_domain::now_ms;
use lambdabox_services::accounts::User;
use lambdabox_services::crypto::MasterKey;

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

/// Why a token request failed, in OAuth terms.
#[derive(Debug, PartialEq, Eq)]
pub enum GrantError {
    /// Unknown client, wrong secret, revoked credential or disabled user.
    InvalidClient,
}

/// Issues a token for valid client credentials.
pub async fn issue(
    auth: &AuthState,
    client_id: String,
    client_secret: String,
) -> Result<Result<TokenResponse, GrantError>, Error> {
    let Some(account) = auth.account().cloned() else {
        return Err(Error::NotProvisioned);
    };
    let Some((cred, user)) = auth.identity.check_client(&client_id, &client_secret).await? else {
        return Ok(Err(GrantError::InvalidClient));
    };
    let ttl = auth.token_ttl.as_secs();
    let iat = now_ms() / 1000;
    let claims = Claims {
        sub: user.id.0.to_string(),
        cid: cred.client_id.clone(),
        acc: account.to_string(),
        iss: ISSUER.into(),
        iat,
        exp: iat + i64::try_from(ttl).unwrap_or(3600),
    };
    let access_token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &auth.tokens.encoding)
        .map_err(Error::internal)?;
    Ok(Ok(TokenResponse { access_token, token_type: "Bearer", expires_in: ttl }))
}

/// Checks a bearer token and returns its enabled user; `Ok(None)` if the token is invalid,
/// expired or revoked, or the user is disabled. Recent answers come from the
/// accounts service's cache.
pub async fn verify(auth: &AuthState, token: &str) -> Result<Option<User>, Error> {
    if let Some(user) = auth.identity.cached_token_user(token) {
        return Ok(Some(user));
    }
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.leeway = 0;
    let Ok(data) = jsonwebtoken::decode::<Claims>(token, &auth.tokens.decoding, &validation) else {
        return Ok(None);
    };
    let claims = data.claims;
    if auth.account().map(|a| a.as_str()) != Some(claims.acc.as_str()) {
        return Ok(None);
    }
    let Ok(user_id) = claims.sub.parse::<i64>().map(UserId) else {
        return Ok(None);
    };
    Ok(auth.identity.token_user(token, &claims.cid, user_id, claims.exp.saturating_mul(1000)).await?)
}

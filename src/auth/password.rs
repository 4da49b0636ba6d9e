//! Password hashing with argon2id (OWASP minimum: m=19 MiB, t=2, p=1), always on the blocking
//! pool. Unknown users are checked against a dummy hash so timing does not reveal them.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::Error;
use lambdabox_domain::Password;

fn hasher() -> Result<Argon2<'static>, Error> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| Error::internal(anyhow::anyhow!(e)))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &Password) -> Result<String, Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    hasher()?
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(anyhow::anyhow!("hashing failed: {e}")))
}

/// Hashes a new password (PHC string).
pub async fn hash(password: Password) -> Result<String, Error> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(Error::internal)?
}

/// Hashes on the calling thread, for the command line.
pub fn hash_blocking(password: &Password) -> Result<String, Error> {
    hash_now(password)
}

/// Whether `password` matches `stored`; with `None` (unknown user) it does the same work and
/// answers `false`.
pub async fn verify(password: Password, stored: Option<String>) -> Result<bool, Error> {
    tokio::task::spawn_blocking(move || {
        let dummy;
        let (phc, known) = match stored.as_deref() {
            Some(phc) => (phc, true),
            None => {
                dummy = dummy_hash()?;
                (dummy.as_str(), false)
            }
        };
        let parsed =
            PasswordHash::new(phc).map_err(|e| Error::internal(anyhow::anyhow!("stored hash unreadable: {e}")))?;
        let ok = hasher()?.verify_password(password.expose().as_bytes(), &parsed).is_ok();
        Ok(ok && known)
    })
    .await
    .map_err(Error::internal)?
}

fn dummy_hash() -> Result<String, Error> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_now(&Password::new("lambdabox-dummy-password".into()))?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

//! API credentials (client id + secret for the OAuth client-credentials grant) and the
//! bearer tokens issued for them: which user a credential acts as, and whether it still may.

use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use lambdabox_domain::UserId;
use lambdabox_store::credentials;

use super::{Accounts, Credential, User, found, random_token};
use crate::Error;

/// Freshly created credentials; the secret exists only here and in the caller's hands.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCredentials {
    /// Public id.
    pub client_id: String,
    /// The secret, shown once.
    pub client_secret: String,
}

/// Hash of a client secret as stored (the secret is 256 random bits, so a fast hash suffices).
fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

impl Accounts {
    /// The credentials of `user`, revoked ones included.
    pub async fn credentials_of(&self, user: UserId) -> Result<Vec<Credential>, Error> {
        Ok(self.store.read(move |conn| credentials::list_credentials(conn, user)).await?)
    }

    /// Creates API credentials acting as `user`.
    pub async fn create_credentials(&self, user: UserId, name: &str) -> Result<NewCredentials, Error> {
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 50 {
            return Err(Error::BadInput("credential name is required and must be at most 50 characters".into()));
        }
        let client_id = format!("lbx_{}", uuid::Uuid::new_v4().simple());
        let client_secret = random_token();
        let hash = secret_hash(&client_secret);
        let (id, label) = (client_id.clone(), name.clone());
        self.store.write(move |tx| credentials::insert_credential(tx, &id, user, &name, &hash)).await?;
        let owner = self.name_of(user).await?;
        let description = format!("Created API credentials {label} ({client_id})");
        self.note_as(&owner, "credentials.created", &client_id, description).await?;
        Ok(NewCredentials { client_id, client_secret })
    }

    /// Revokes one of `user`'s own live credentials.
    pub async fn revoke_credentials(&self, user: UserId, client_id: &str) -> Result<(), Error> {
        let id = client_id.to_owned();
        let revoked = self.store.write(move |tx| credentials::revoke_credential(tx, &id, user)).await?;
        self.changed().await;
        found(revoked, "no such active credentials of yours")?;
        let owner = self.name_of(user).await?;
        self.note_as(&owner, "credentials.revoked", client_id, format!("Revoked API credentials {client_id}")).await
    }

    /// The credential and its user if `secret` is right, the credential live and the user
    /// enabled (marking the credential used); `None` otherwise.
    pub async fn check_client(&self, client_id: &str, secret: &str) -> Result<Option<(Credential, User)>, Error> {
        let lookup = client_id.to_owned();
        let found = self
            .store
            .read(move |conn| {
                let Some(cred) = credentials::get_credential(conn, &lookup)? else {
                    return Ok(None);
                };
                let user = lambdabox_store::users::get_user(conn, cred.user_id)?;
                Ok(Some((cred, user)))
            })
            .await?;
        let Some((cred, Some(user))) = found else { return Ok(None) };
        let valid =
            bool::from(cred.secret_hash.ct_eq(&secret_hash(secret))) && cred.revoked_at.is_none() && !user.disabled;
        if !valid {
            return Ok(None);
        }
        let client = cred.client_id.clone();
        self.store.write(move |tx| credentials::touch_credential(tx, &client)).await?;
        Ok(Some((cred, user)))
    }

    /// The user of a bearer token verified recently, if nothing changed since.
    pub fn cached_token_user(&self, token: &str) -> Option<User> {
        self.identities.get(token, self.clock.now_ms())
    }

    /// The enabled user a validly signed token acts as, if its credential is still live;
    /// the answer is cached for the token until users or credentials change or `exp_ms`.
    pub async fn token_user(
        &self,
        token: &str,
        client_id: &str,
        user_id: UserId,
        exp_ms: i64,
    ) -> Result<Option<User>, Error> {
        // Read before the database read: a write that lands meanwhile keeps this answer out.
        let read_at = self.identities.epoch();
        let client_id = client_id.to_owned();
        let user = self
            .store
            .read(move |conn| {
                let live = credentials::get_credential(conn, &client_id)?
                    .is_some_and(|c| c.revoked_at.is_none() && c.user_id == user_id);
                if !live {
                    return Ok(None);
                }
                Ok(lambdabox_store::users::get_user(conn, user_id)?.filter(|u| !u.disabled))
            })
            .await?;
        if let Some(user) = &user {
            self.identities.put(read_at, token.to_owned(), user.clone(), exp_ms);
        }
        Ok(user)
    }
}

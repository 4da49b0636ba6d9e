//! Secrets of the account: values sealed with AES-256-GCM under the master key, bound to the
//! account and the secret's name (associated data) so a value cannot be moved to another row,
//! a fresh nonce per write. The UI and API never show a value again; lambdas read and update
//! existing secrets through `Toolbelt.SecretClient()`.

use serde_json::Value;

use crate::Error;
use crate::crypto::MasterKey;
use lambdabox_domain::AccountId;
use lambdabox_domain::secret::{SecretKind, parse_secret_name};
use lambdabox_store::secrets::{self, SecretRow};
use lambdabox_store::{Store, StoreError, activity};

/// Associated data binding a sealed value to its account and name.
pub(crate) fn aad(account: &AccountId, name: &str) -> Vec<u8> {
    format!("lambdabox-secret:{account}:{name}").into_bytes()
}

/// A secret as listed (value obfuscated).
#[derive(Debug, Clone)]
pub struct SecretInfo {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: String,
    /// Last change (Unix ms).
    pub updated_at: i64,
    /// Last changed by.
    pub updated_by: String,
}

/// The account's secrets.
#[derive(Clone)]
pub struct Vault {
    store: Store,
    key: MasterKey,
}

impl Vault {
    /// A vault over `store`, sealing with `key`.
    pub fn new(store: Store, key: MasterKey) -> Self {
        Self { store, key }
    }

    /// All secrets, values hidden.
    pub async fn list(&self) -> Result<Vec<SecretInfo>, Error> {
        let rows = self.store.read(secrets::list_secrets).await?;
        Ok(rows
            .into_iter()
            .map(|r| SecretInfo { name: r.name, kind: r.kind, updated_at: r.updated_at, updated_by: r.updated_by })
            .collect())
    }

    /// Creates a secret (`Conflict` if it exists).
    pub async fn create(
        &self,
        account: &AccountId,
        user: &str,
        name: &str,
        kind: &str,
        text: &str,
    ) -> Result<(), Error> {
        let name = parse_secret_name(name).map_err(Error::BadInput)?;
        let kind = SecretKind::parse(kind).map_err(Error::BadInput)?;
        let text = kind.check_text(text).map_err(Error::BadInput)?;
        let sealed = self.key.seal(text.as_bytes(), &aad(account, &name)).map_err(Error::internal)?;
        let (key_id, user) = (self.key.id(), user.to_owned());
        self.store
            .write(move |tx| {
                secrets::insert_secret(tx, &name, kind.as_str(), &sealed, &key_id, &user)?;
                activity::insert_activity(tx, &user, "secret.created", &name, &format!("Created secret {name}"))
            })
            .await
            .map_err(conflict)
    }

    /// Replaces a secret's value (keeping its type).
    pub async fn replace(&self, account: &AccountId, user: &str, name: &str, text: &str) -> Result<(), Error> {
        let row = self.row(name).await?;
        let kind = SecretKind::parse(&row.kind).map_err(Error::internal_msg)?;
        let text = kind.check_text(text).map_err(Error::BadInput)?;
        self.write_value(account, user, &row.name, &text, "secret.updated").await
    }

    /// Deletes a secret.
    pub async fn delete(&self, user: &str, name: &str) -> Result<(), Error> {
        let (name, user) = (name.to_owned(), user.to_owned());
        let found = self
            .store
            .write(move |tx| {
                let found = secrets::delete_secret(tx, &name)?;
                if found {
                    activity::insert_activity(tx, &user, "secret.deleted", &name, &format!("Deleted secret {name}"))?;
                }
                Ok(found)
            })
            .await?;
        if found { Ok(()) } else { Err(Error::NotFound("There is no such secret in this account".into())) }
    }

    /// The value a lambda reads (`readSecret`).
    pub async fn read_value(&self, account: &AccountId, name: &str) -> Result<Option<Value>, Error> {
        let lookup = name.to_owned();
        let Some(row) = self.store.read(move |conn| secrets::get_secret(conn, &lookup)).await? else {
            return Ok(None);
        };
        let plain = self.key.open(&row.sealed, &aad(account, &row.name)).map_err(Error::internal)?;
        let text = String::from_utf8(plain).map_err(Error::internal)?;
        let kind = SecretKind::parse(&row.kind).map_err(Error::internal_msg)?;
        Ok(Some(kind.to_value(&text)))
    }

    /// `updateSecret` from a lambda: existing secrets only, value checked against the type.
    pub async fn update_value(
        &self,
        account: &AccountId,
        lambda: &str,
        name: &str,
        value: &Value,
    ) -> Result<Option<Value>, Error> {
        let lookup = name.to_owned();
        let Some(row) = self.store.read(move |conn| secrets::get_secret(conn, &lookup)).await? else {
            return Ok(None);
        };
        let kind = SecretKind::parse(&row.kind).map_err(Error::internal_msg)?;
        let text = kind.check_value(value).map_err(Error::BadInput)?;
        self.write_value(account, &format!("lambda {lambda}"), &row.name, &text, "secret.updated").await?;
        Ok(Some(kind.to_value(&text)))
    }

    async fn row(&self, name: &str) -> Result<SecretRow, Error> {
        let lookup = name.to_owned();
        self.store
            .read(move |conn| secrets::get_secret(conn, &lookup))
            .await?
            .ok_or_else(|| Error::NotFound("There is no such secret in this account".into()))
    }

    async fn write_value(
        &self,
        account: &AccountId,
        user: &str,
        name: &str,
        text: &str,
        kind: &'static str,
    ) -> Result<(), Error> {
        let sealed = self.key.seal(text.as_bytes(), &aad(account, name)).map_err(Error::internal)?;
        let (key_id, user, name) = (self.key.id(), user.to_owned(), name.to_owned());
        let found = self
            .store
            .write(move |tx| {
                let found = secrets::update_secret(tx, &name, &sealed, &key_id, &user)?;
                if found {
                    activity::insert_activity(tx, &user, kind, &name, &format!("Updated secret {name}"))?;
                }
                Ok(found)
            })
            .await?;
        if found { Ok(()) } else { Err(Error::NotFound("There is no such secret in this account".into())) }
    }
}

fn conflict(err: StoreError) -> Error {
    match err {
        StoreError::Conflict(m) => Error::Conflict(m),
        other => other.into(),
    }
}

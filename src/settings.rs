//! Account settings shared by the UI and the API: the domain allowlist (applied to the very
//! next invocation) and the activity stream's retention.

use crate::domain::allowlist::{MAX_ENTRIES, parse_entry};
use crate::error::Error;
use crate::invoke::Invoker;
use crate::store::allowlist::{self, AllowlistEntry};
use crate::store::{Store, StoreError, activity};

/// The allowlist, by pattern.
pub async fn list_allowlist(store: &Store) -> Result<Vec<AllowlistEntry>, Error> {
    Ok(store.read(allowlist::list_entries).await?)
}

async fn apply(store: &Store, invoker: &Invoker) -> Result<(), Error> {
    let entries: Vec<String> = list_allowlist(store).await?.into_iter().map(|e| e.pattern).collect();
    invoker.set_allowlist(&entries);
    Ok(())
}

/// Adds an entry (validated, no duplicates); returns its id.
pub async fn add_allowlist_entry(store: &Store, invoker: &Invoker, user: &str, raw: &str) -> Result<i64, Error> {
    let pattern = parse_entry(raw).map_err(Error::BadInput)?;
    let user = user.to_owned();
    let id = store
        .write(move |tx| {
            if allowlist::list_entries(tx)?.len() >= MAX_ENTRIES {
                return Err(StoreError::Conflict(format!(
                    "the allowlist already has the maximum of {MAX_ENTRIES} entries"
                )));
            }
            let id = allowlist::insert_entry(tx, &pattern, &user)?;
            activity::insert_activity(
                tx,
                &user,
                "allowlist.added",
                &pattern,
                &format!("Added {pattern} to the domain allowlist"),
            )?;
            Ok(id)
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) => Error::Conflict(m),
            other => other.into(),
        })?;
    apply(store, invoker).await?;
    Ok(id)
}

/// Removes an entry.
pub async fn remove_allowlist_entry(store: &Store, invoker: &Invoker, user: &str, id: i64) -> Result<(), Error> {
    let user = user.to_owned();
    let removed = store
        .write(move |tx| {
            let removed = allowlist::delete_entry(tx, id)?;
            if let Some(p) = &removed {
                activity::insert_activity(
                    tx,
                    &user,
                    "allowlist.removed",
                    p,
                    &format!("Removed {p} from the domain allowlist"),
                )?;
            }
            Ok(removed)
        })
        .await?;
    if removed.is_none() {
        return Err(Error::NotFound("There is no such allowlist entry".into()));
    }
    apply(store, invoker).await
}

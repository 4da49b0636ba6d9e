//! The domain allowlist, shared by the UI and the API: the hosts lambdas may call, applied to
//! the very next invocation, each change in the activity stream.

use crate::Error;
use crate::invoke::Invoker;
use lambdabox_domain::allowlist::{MAX_ENTRIES, parse_entry};
use lambdabox_store::allowlist;
pub use lambdabox_store::allowlist::AllowlistEntry;
use lambdabox_store::changes::{self, Change};
use lambdabox_store::{Store, StoreError, activity};

/// What adding several entries at once did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AddedEntries {
    /// Entries now on the allowlist, in the order given.
    pub added: Vec<String>,
    /// Entries that were on it already (or given twice), left as they were.
    pub skipped: Vec<String>,
}

/// The allowlist, by pattern.
pub async fn list_allowlist(store: &Store) -> Result<Vec<AllowlistEntry>, Error> {
    Ok(store.read(allowlist::list_entries).await?)
}

/// Gives the invoker the allowlist as stored (after a change, here or on another node).
pub(crate) async fn apply(store: &Store, invoker: &Invoker) -> Result<(), Error> {
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
            insert_with_activity(tx, &pattern, &user)
        })
        .await
        .map_err(conflict)?;
    apply(store, invoker).await?;
    Ok(id)
}

/// Adds every entry not on the allowlist yet, in one transaction: all or none. Entries already
/// listed are skipped rather than refused (the Create-a-Function wizard adds what a new
/// function needs, whatever is there). Each entry is validated like a single one.
pub async fn add_allowlist_entries(
    store: &Store,
    invoker: &Invoker,
    user: &str,
    entries: &[String],
) -> Result<AddedEntries, Error> {
    let patterns = entries.iter().map(|e| parse_entry(e)).collect::<Result<Vec<_>, _>>().map_err(Error::BadInput)?;
    if patterns.is_empty() {
        return Ok(AddedEntries::default());
    }
    let user = user.to_owned();
    let result = store
        .write(move |tx| {
            let listed: Vec<String> = allowlist::list_entries(tx)?.into_iter().map(|e| e.pattern).collect();
            let mut result = AddedEntries::default();
            for pattern in patterns {
                if listed.contains(&pattern) || result.added.contains(&pattern) {
                    result.skipped.push(pattern);
                } else {
                    result.added.push(pattern);
                }
            }
            if listed.len() + result.added.len() > MAX_ENTRIES {
                return Err(StoreError::Conflict(format!(
                    "the allowlist has {} of at most {MAX_ENTRIES} entries; {} more do not fit",
                    listed.len(),
                    result.added.len()
                )));
            }
            for pattern in &result.added {
                insert_with_activity(tx, pattern, &user)?;
            }
            Ok(result)
        })
        .await
        .map_err(conflict)?;
    if !result.added.is_empty() {
        apply(store, invoker).await?;
    }
    Ok(result)
}

fn insert_with_activity(tx: &lambdabox_store::Transaction<'_>, pattern: &str, user: &str) -> Result<i64, StoreError> {
    let id = allowlist::insert_entry(tx, pattern, user)?;
    changes::publish(tx, &Change::Allowlist)?;
    activity::insert_activity(
        tx,
        user,
        "allowlist.added",
        pattern,
        &format!("Added {pattern} to the domain allowlist"),
    )?;
    Ok(id)
}

fn conflict(err: StoreError) -> Error {
    match err {
        StoreError::Conflict(m) => Error::Conflict(m),
        other => other.into(),
    }
}

/// Removes an entry.
pub async fn remove_allowlist_entry(store: &Store, invoker: &Invoker, user: &str, id: i64) -> Result<(), Error> {
    let user = user.to_owned();
    let removed = store
        .write(move |tx| {
            let removed = allowlist::delete_entry(tx, id)?;
            if let Some(p) = &removed {
                changes::publish(tx, &Change::Allowlist)?;
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

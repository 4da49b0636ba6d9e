//! Profiles: named sets of permissions. The built-in Administrator holds all and cannot change.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{StoreError, now_ms, unique_violation};
use lambdabox_domain::{Permission, ProfileId};

/// A profile with its permissions and how many users hold it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Database id.
    pub id: ProfileId,
    /// Display name, unique.
    pub name: String,
    /// The built-in Administrator profile.
    pub builtin: bool,
    /// Its permissions, in display order.
    pub permissions: Vec<Permission>,
    /// Users holding it.
    pub user_count: i64,
}

fn load_permissions(conn: &Connection, id: ProfileId) -> Result<Vec<Permission>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT permission FROM profile_permissions WHERE profile_id = ?1")?;
    let names = stmt.query_map([id.0], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut perms: Vec<Permission> = names.iter().filter_map(|n| Permission::parse(n)).collect();
    perms.sort();
    Ok(perms)
}

/// All profiles, the built-in one first.
pub fn list_profiles(conn: &Connection) -> Result<Vec<Profile>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.builtin, (SELECT count(*) FROM users u WHERE u.profile_id = p.id)
         FROM profiles p ORDER BY p.builtin DESC, p.name COLLATE NOCASE",
    )?;
    let rows = stmt
        .query_map([], |row| Ok((ProfileId(row.get(0)?), row.get(1)?, row.get(2)?, row.get(3)?)))?
        .collect::<Result<Vec<(ProfileId, String, bool, i64)>, _>>()?;
    rows.into_iter()
        .map(|(id, name, builtin, user_count)| {
            Ok(Profile { id, name, builtin, permissions: load_permissions(conn, id)?, user_count })
        })
        .collect()
}

/// One profile.
pub fn get_profile(conn: &Connection, id: ProfileId) -> Result<Option<Profile>, StoreError> {
    let row = conn
        .query_row(
            "SELECT p.name, p.builtin, (SELECT count(*) FROM users u WHERE u.profile_id = p.id)
             FROM profiles p WHERE p.id = ?1",
            [id.0],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?, row.get::<_, i64>(2)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((name, builtin, user_count)) => {
            Ok(Some(Profile { id, name, builtin, permissions: load_permissions(conn, id)?, user_count }))
        }
    }
}

/// Creates a custom profile; `Conflict` if the name is taken.
pub fn insert_profile(tx: &Transaction<'_>, name: &str, permissions: &[Permission]) -> Result<ProfileId, StoreError> {
    tx.execute("INSERT INTO profiles (name, builtin, created_at) VALUES (?1, 0, ?2)", params![name, now_ms()])
        .map_err(|e| unique_violation(e, format!("a profile named '{name}' already exists")))?;
    let id = ProfileId(tx.last_insert_rowid());
    set_permissions(tx, id, permissions)?;
    Ok(id)
}

/// Replaces a custom profile's name and permissions. Refused for the built-in profile.
pub fn update_profile(
    tx: &Transaction<'_>,
    id: ProfileId,
    name: &str,
    permissions: &[Permission],
) -> Result<bool, StoreError> {
    let n = tx
        .execute("UPDATE profiles SET name = ?2 WHERE id = ?1 AND builtin = 0", params![id.0, name])
        .map_err(|e| unique_violation(e, format!("a profile named '{name}' already exists")))?;
    if n == 1 {
        set_permissions(tx, id, permissions)?;
    }
    Ok(n == 1)
}

fn set_permissions(tx: &Transaction<'_>, id: ProfileId, permissions: &[Permission]) -> Result<(), StoreError> {
    tx.execute("DELETE FROM profile_permissions WHERE profile_id = ?1", [id.0])?;
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO profile_permissions (profile_id, permission) VALUES (?1, ?2)")?;
    for p in permissions {
        stmt.execute(params![id.0, p.as_str()])?;
    }
    Ok(())
}

/// Deletes a custom profile no user holds. `Conflict` if in use or built-in.
pub fn delete_profile(tx: &Transaction<'_>, id: ProfileId) -> Result<bool, StoreError> {
    let Some(profile) = get_profile(tx, id)? else {
        return Ok(false);
    };
    if profile.builtin {
        return Err(StoreError::Conflict("the Administrator profile cannot be deleted".into()));
    }
    if profile.user_count > 0 {
        return Err(StoreError::Conflict(format!(
            "profile '{}' is held by {} user(s); assign them another profile first",
            profile.name, profile.user_count
        )));
    }
    Ok(tx.execute("DELETE FROM profiles WHERE id = ?1", [id.0])? == 1)
}

//! Profiles: named sets of permissions. The built-in Administrator holds all and cannot change.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::params;

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
    /// Identity-provider groups whose members get it at single sign-on.
    pub sso_groups: Vec<String>,
}

fn load_permissions(conn: &Connection, id: ProfileId) -> Result<Vec<Permission>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT permission FROM profile_permissions WHERE profile_id = ?1")?;
    let names = stmt.query_map([id.0], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut perms: Vec<Permission> = names.iter().filter_map(|n| Permission::parse(n)).collect();
    perms.sort();
    Ok(perms)
}

fn load_sso_groups(conn: &Connection, id: ProfileId) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT sso_group FROM sso_groups WHERE profile_id = ?1 ORDER BY position")?;
    let groups = stmt.query_map([id.0], |row| row.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(groups)
}

/// Every group-to-profile mapping, in the order they were listed.
pub fn sso_mappings(conn: &Connection) -> Result<Vec<(String, ProfileId)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT sso_group, profile_id FROM sso_groups ORDER BY position")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, ProfileId(row.get(1)?))))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Replaces the identity-provider groups that give profile `id`; `Conflict` if one of them
/// already gives another profile. Kept groups keep their place in the order.
pub fn set_sso_groups(tx: &Transaction<'_>, id: ProfileId, groups: &[String]) -> Result<(), StoreError> {
    for group in groups {
        let other: Option<String> = tx
            .query_row(
                "SELECT p.name FROM sso_groups g JOIN profiles p ON p.id = g.profile_id
                 WHERE g.sso_group = ?1 AND g.profile_id != ?2",
                params![group, id.0],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Conflict(format!("the SSO group '{group}' already gives the profile '{other}'")));
        }
    }
    if groups.is_empty() {
        tx.execute("DELETE FROM sso_groups WHERE profile_id = ?1", [id.0])?;
    } else {
        let placeholders = vec!["?"; groups.len()].join(", ");
        let mut keep: Vec<&dyn crate::db::ToSql> = vec![&id.0];
        keep.extend(groups.iter().map(|g| g as &dyn crate::db::ToSql));
        tx.execute(
            &format!("DELETE FROM sso_groups WHERE profile_id = ?1 AND sso_group NOT IN ({placeholders})"),
            keep.as_slice(),
        )?;
    }
    for group in groups {
        tx.execute(
            "INSERT INTO sso_groups (sso_group, profile_id, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM sso_groups))
             ON CONFLICT (sso_group) DO NOTHING",
            params![group, id.0],
        )?;
    }
    Ok(())
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
            let (permissions, sso_groups) = (load_permissions(conn, id)?, load_sso_groups(conn, id)?);
            Ok(Profile { id, name, builtin, permissions, user_count, sso_groups })
        })
        .collect()
}

/// The id of the profile named `name` (case-insensitive).
pub fn profile_id_by_name(conn: &Connection, name: &str) -> Result<Option<ProfileId>, StoreError> {
    Ok(conn
        .query_row("SELECT id FROM profiles WHERE name = ?1", [name], |row| Ok(ProfileId(row.get(0)?)))
        .optional()?)
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
            let (permissions, sso_groups) = (load_permissions(conn, id)?, load_sso_groups(conn, id)?);
            Ok(Some(Profile { id, name, builtin, permissions, user_count, sso_groups }))
        }
    }
}

/// Creates a custom profile; `Conflict` if the name is taken.
pub fn insert_profile(tx: &Transaction<'_>, name: &str, permissions: &[Permission]) -> Result<ProfileId, StoreError> {
    let id = tx
        .query_row(
            "INSERT INTO profiles (name, builtin, created_at) VALUES (?1, 0, ?2) RETURNING id",
            params![name, now_ms()],
            |r| Ok(ProfileId(r.get(0)?)),
        )
        .map_err(|e| unique_violation(e, format!("a profile named '{name}' already exists")))?;
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
    let mut stmt = tx.prepare_cached(
        "INSERT INTO profile_permissions (profile_id, permission) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
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

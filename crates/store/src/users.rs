//! Users: who can sign in, with which profile, and whether they are disabled.

use crate::db::{Connection, OptionalExtension, Row, Transaction};
use crate::params;

use super::{StoreError, now_ms, unique_violation};
use lambdabox_domain::Permission;
use lambdabox_domain::{ProfileId, UserId, Username};

/// A user as shown in the UI and used for permission checks.
#[derive(Debug, Clone)]
pub struct User {
    /// Database id.
    pub id: UserId,
    /// Sign-in name.
    pub username: String,
    /// Profile the permissions come from.
    pub profile_id: ProfileId,
    /// The profile's name.
    pub profile_name: String,
    /// The profile's permissions.
    pub permissions: Vec<Permission>,
    /// Disabled users cannot sign in or use tokens.
    pub disabled: bool,
    /// Creation time (Unix ms).
    pub created_at: i64,
}

/// What sign-in needs to check a password.
#[derive(Debug, Clone)]
pub struct Login {
    /// The user's id.
    pub id: UserId,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// Disabled users are refused.
    pub disabled: bool,
    /// The administrator setup created: keeps password sign-in when only SSO is allowed.
    pub break_glass: bool,
}

const SELECT_USER: &str = "SELECT u.id, u.username, u.profile_id, p.name, u.disabled, u.created_at,
        (SELECT string_agg(permission, ',') FROM profile_permissions pp WHERE pp.profile_id = p.id)
     FROM users u JOIN profiles p ON p.id = u.profile_id";

fn user_from_row(row: &Row<'_>) -> Result<User, crate::DbError> {
    let perms: Option<String> = row.get(6)?;
    let mut permissions: Vec<Permission> = perms.unwrap_or_default().split(',').filter_map(Permission::parse).collect();
    permissions.sort();
    Ok(User {
        id: UserId(row.get(0)?),
        username: row.get(1)?,
        profile_id: ProfileId(row.get(2)?),
        profile_name: row.get(3)?,
        disabled: row.get(4)?,
        created_at: row.get(5)?,
        permissions,
    })
}

/// One user by id.
pub fn get_user(conn: &Connection, id: UserId) -> Result<Option<User>, StoreError> {
    let sql = format!("{SELECT_USER} WHERE u.id = ?1");
    Ok(conn.query_row(&sql, [id.0], user_from_row).optional()?)
}

/// One user by name (case-insensitive).
pub fn get_user_by_name(conn: &Connection, username: &str) -> Result<Option<User>, StoreError> {
    let sql = format!("{SELECT_USER} WHERE u.username = ?1");
    Ok(conn.query_row(&sql, [username], user_from_row).optional()?)
}

/// All users, by name.
pub fn list_users(conn: &Connection) -> Result<Vec<User>, StoreError> {
    let sql = format!("{SELECT_USER} ORDER BY u.username COLLATE NOCASE");
    let mut stmt = conn.prepare(&sql)?;
    let users = stmt.query_map([], user_from_row)?.collect::<Result<_, _>>()?;
    Ok(users)
}

/// The password hash and state for a sign-in attempt.
pub fn get_login(conn: &Connection, username: &str) -> Result<Option<Login>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, password_hash, disabled, break_glass FROM users WHERE username = ?1",
            [username],
            |row| {
                Ok(Login {
                    id: UserId(row.get(0)?),
                    password_hash: row.get(1)?,
                    disabled: row.get(2)?,
                    break_glass: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Creates a user; `Conflict` if the name is taken.
pub fn insert_user(
    tx: &Transaction<'_>,
    username: &Username,
    password_hash: &str,
    profile: ProfileId,
) -> Result<UserId, StoreError> {
    let now = now_ms();
    tx.query_row(
        "INSERT INTO users (username, password_hash, profile_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id",
        params![username.as_str(), password_hash, profile.0, now],
        |r| Ok(UserId(r.get(0)?)),
    )
    .map_err(|e| unique_violation(e, format!("a user named '{username}' already exists")))
}

/// The user who signs in through single sign-on as `subject` (issuer and `sub`).
pub fn get_user_by_sso_subject(conn: &Connection, subject: &str) -> Result<Option<User>, StoreError> {
    let sql = format!("{SELECT_USER} WHERE u.sso_subject = ?1");
    Ok(conn.query_row(&sql, [subject], user_from_row).optional()?)
}

/// Creates a user who signs in through single sign-on as `subject`, without a password;
/// `Conflict` if the name is taken.
pub fn insert_sso_user(
    tx: &Transaction<'_>,
    username: &Username,
    subject: &str,
    profile: ProfileId,
) -> Result<UserId, StoreError> {
    let id = insert_user(tx, username, "", profile)?;
    tx.execute("UPDATE users SET sso_subject = ?2 WHERE id = ?1", params![id.0, subject])?;
    Ok(id)
}

/// Ends every session of a user.
pub fn end_sessions(tx: &Transaction<'_>, id: UserId) -> Result<(), StoreError> {
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id.0])?;
    Ok(())
}

/// Marks the administrator setup created (password sign-in stays under SSO-only).
pub fn mark_break_glass(tx: &Transaction<'_>, id: UserId) -> Result<(), StoreError> {
    tx.execute("UPDATE users SET break_glass = 1 WHERE id = ?1", [id.0])?;
    Ok(())
}

/// Number of enabled users whose profile holds FaaS-Admin, optionally not counting one user.
pub fn count_active_admins(conn: &Connection, except: Option<UserId>) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users u
         JOIN profile_permissions pp ON pp.profile_id = u.profile_id AND pp.permission = 'FaaS-Admin'
         WHERE u.disabled = 0 AND u.id != ?1",
        [except.map_or(-1, |u| u.0)],
        |row| row.get(0),
    )?)
}

/// Active users with FaaS-Admin whose profile is not `profile`.
pub fn count_active_admins_outside(conn: &Connection, profile: ProfileId) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users u
         JOIN profile_permissions pp ON pp.profile_id = u.profile_id AND pp.permission = 'FaaS-Admin'
         WHERE u.disabled = 0 AND u.profile_id != ?1",
        [profile.0],
        |row| row.get(0),
    )?)
}

/// Changes a user's profile.
pub fn update_user_profile(tx: &Transaction<'_>, id: UserId, profile: ProfileId) -> Result<bool, StoreError> {
    let n = tx.execute(
        "UPDATE users SET profile_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, profile.0, now_ms()],
    )?;
    Ok(n == 1)
}

/// Enables or disables a user; disabling ends their sessions.
pub fn update_user_disabled(tx: &Transaction<'_>, id: UserId, disabled: bool) -> Result<bool, StoreError> {
    let n =
        tx.execute("UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, disabled, now_ms()])?;
    if disabled {
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id.0])?;
    }
    Ok(n == 1)
}

/// Sets a new password hash and ends the user's sessions.
pub fn update_user_password(tx: &Transaction<'_>, id: UserId, password_hash: &str) -> Result<bool, StoreError> {
    let n = tx.execute(
        "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, password_hash, now_ms()],
    )?;
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id.0])?;
    Ok(n == 1)
}

/// Deletes a user with their sessions and API credentials.
pub fn delete_user(tx: &Transaction<'_>, id: UserId) -> Result<bool, StoreError> {
    Ok(tx.execute("DELETE FROM users WHERE id = ?1", [id.0])? == 1)
}

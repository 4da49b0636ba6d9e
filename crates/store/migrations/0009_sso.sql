-- Single sign-on. A user who signs in through the identity provider is found by its subject
-- (issuer and `sub`), never by name; such users have no password (an empty hash).
ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject) WHERE sso_subject IS NOT NULL;

-- The administrator created by setup keeps a password sign-in under --oidc-only. On an
-- existing install: the first enabled user with the built-in Administrator profile.
ALTER TABLE users ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0;
UPDATE users SET break_glass = 1
WHERE id = (SELECT min(id) FROM users WHERE profile_id = 1 AND disabled = 0);

-- Which identity-provider group gives which profile ("SSO groups" of a profile); the first
-- mapped group of a user, in `position` order, decides.
CREATE TABLE sso_groups (
    sso_group TEXT PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);

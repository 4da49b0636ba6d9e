-- lambdabox schema 9 on PostgreSQL: single sign-on. Users found by the identity provider's
-- subject, the administrator setup created (who keeps password sign-in under SSO-only), and
-- the identity-provider groups that give each profile.
ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject) WHERE sso_subject IS NOT NULL;

ALTER TABLE users ADD COLUMN break_glass BIGINT NOT NULL DEFAULT 0;
UPDATE users SET break_glass = 1
WHERE id = (SELECT min(id) FROM users WHERE profile_id = 1 AND disabled = 0);

CREATE TABLE sso_groups (
    sso_group TEXT PRIMARY KEY,
    profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position BIGINT NOT NULL
);

-- lambdabox schema 1: the account, users, profiles and their permissions, browser sessions and
-- API credentials. Times are Unix milliseconds (UTC).

CREATE TABLE account (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    account_id TEXT NOT NULL,
    terms_accepted_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    builtin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE profile_permissions (
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    permission TEXT NOT NULL CHECK (permission IN ('FaaS-Admin', 'FaaS-Developer', 'FaaS-Invocation')),
    PRIMARY KEY (profile_id, permission)
) WITHOUT ROWID;

-- The built-in Administrator profile holds every permission and cannot be changed.
INSERT INTO profiles (id, name, builtin, created_at) VALUES (1, 'Administrator', 1, 0);
INSERT INTO profile_permissions (profile_id, permission) VALUES
    (1, 'FaaS-Admin'), (1, 'FaaS-Developer'), (1, 'FaaS-Invocation');

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    profile_id INTEGER NOT NULL REFERENCES profiles (id),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_credentials (
    client_id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX api_credentials_by_user ON api_credentials (user_id);

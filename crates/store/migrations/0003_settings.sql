-- lambdabox schema 3: the domain allowlist, encrypted secrets, and stored console logs of
-- production invocations with a full-text index. Times are Unix milliseconds (UTC).

CREATE TABLE allowlist (
    id INTEGER PRIMARY KEY,
    pattern TEXT NOT NULL UNIQUE COLLATE NOCASE,   -- host, *.domain or IP, optionally :port
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);

-- Values are sealed with AES-256-GCM under the master key (nonce || ciphertext || tag),
-- bound to the account and the secret's name; `key_id` names the key that sealed them.
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('string', 'number', 'json')),
    sealed BLOB NOT NULL,
    key_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE logs (
    id INTEGER PRIMARY KEY,
    lambda_uuid TEXT NOT NULL,
    request_id TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('Debug', 'Info', 'Warn', 'Error')),
    message TEXT NOT NULL,
    extras TEXT NOT NULL DEFAULT '[]',
    at INTEGER NOT NULL
);
CREATE INDEX logs_by_lambda_time ON logs (lambda_uuid, at);
CREATE INDEX logs_by_time ON logs (at);
CREATE INDEX logs_by_request ON logs (request_id);

CREATE VIRTUAL TABLE logs_fts USING fts5 (message, extras, content = 'logs', content_rowid = 'id');
CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN
    INSERT INTO logs_fts (rowid, message, extras) VALUES (new.id, new.message, new.extras);
END;
CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN
    INSERT INTO logs_fts (logs_fts, rowid, message, extras) VALUES ('delete', old.id, old.message, old.extras);
END;

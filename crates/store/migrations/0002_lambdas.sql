-- lambdabox schema 2: lambdas, their deployments (history and the one serving), production
-- invocations for metrics, and the activity stream. Times are Unix milliseconds (UTC).

CREATE TABLE lambdas (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    event_id TEXT,                          -- NULL: "No Event"
    template_id TEXT,
    code TEXT NOT NULL,
    env_json TEXT NOT NULL DEFAULT '[]',    -- [{"key": ..., "value": ...}]
    sample_input_json TEXT NOT NULL DEFAULT '{"headers":[],"payload":{}}',
    version INTEGER NOT NULL DEFAULT 1,
    serving_deployment_id INTEGER REFERENCES deployments (id),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX lambdas_by_event ON lambdas (event_id);

-- Every deploy attempt; the last five per lambda are kept. A failed attempt records its cause
-- and leaves the previous serving deployment in place.
CREATE TABLE deployments (
    id INTEGER PRIMARY KEY,
    lambda_uuid TEXT NOT NULL REFERENCES lambdas (uuid) ON DELETE CASCADE,
    lambda_version INTEGER NOT NULL,
    code TEXT NOT NULL,
    env_json TEXT NOT NULL,
    description TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('Succeeded', 'BuildError', 'DeployError')),
    error TEXT,
    error_line INTEGER,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX deployments_by_lambda ON deployments (lambda_uuid, id DESC);

CREATE TABLE invocations (
    id INTEGER PRIMARY KEY,
    lambda_uuid TEXT NOT NULL,              -- no FK: metrics outlive removed lambdas
    request_id TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('api', 'event', 'schedule')),
    external_system TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('SUCCEEDED', 'CODING_FAILURE', 'PLATFORM_FAILURE', 'TIMEOUT')),
    error_code TEXT,
    duration_us INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX invocations_by_time ON invocations (at);
CREATE INDEX invocations_by_lambda ON invocations (lambda_uuid, at);

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    username TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL
);
CREATE INDEX activity_by_time ON activity (at);

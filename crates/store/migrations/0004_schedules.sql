-- lambdabox schema 4: schedules (a productive lambda on a cron expression) and their runs.
-- Times are Unix milliseconds (UTC). Removing a lambda removes its schedules and their runs.

CREATE TABLE schedules (
    uuid TEXT PRIMARY KEY,
    lambda_uuid TEXT NOT NULL REFERENCES lambdas (uuid) ON DELETE CASCADE,
    cron TEXT NOT NULL,                     -- 5 fields or a shortcut (@hourly ...), UTC
    payload_json TEXT NOT NULL,
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    paused_reason TEXT,                     -- set when lambdabox paused it (the lambda was undeployed)
    -- Every due time at or before this one is accounted for: claimed, recorded as missed, or
    -- before the schedule was created, edited or resumed. It only moves forward (compare-and-set
    -- when a run is claimed), so no due time runs twice, even across restarts.
    last_due_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX schedules_by_lambda ON schedules (lambda_uuid);

-- One row per due time handled: fired (running, then succeeded or failed) or missed because
-- lambdabox was not running. The newest rows per schedule are kept.
CREATE TABLE schedule_runs (
    id INTEGER PRIMARY KEY,
    schedule_uuid TEXT NOT NULL REFERENCES schedules (uuid) ON DELETE CASCADE,
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'missed')),
    outcome TEXT,                           -- the invocation's outcome (SUCCEEDED, CODING_FAILURE, ...)
    request_id TEXT,                        -- ties the run to its invocation and logs
    error TEXT,
    started_at INTEGER,
    duration_ms INTEGER,
    UNIQUE (schedule_uuid, due_at)
);

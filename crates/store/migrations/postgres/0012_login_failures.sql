-- lambdabox schema 12 on PostgreSQL: failed sign-ins, counted by every node alike.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

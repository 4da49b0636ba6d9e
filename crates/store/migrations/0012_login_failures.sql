-- lambdabox schema 12: failed sign-ins per user name and per client address, kept in the
-- database so that every node sharing it counts the same failures (rows older than the lockout
-- window are purged).
CREATE TABLE login_failures (
    key TEXT NOT NULL,      -- user:<lower-case name> or addr:<address>
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- lambdabox schema 11 on PostgreSQL: the id of the master key that seals the secrets; every
-- node sharing the database must hold that key, and one that does not refuses to start.
CREATE TABLE cluster (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    master_key_id TEXT NOT NULL
);

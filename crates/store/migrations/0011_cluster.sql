-- lambdabox schema 11: the id of the master key that seals this database's secrets. A node
-- that starts with another key refuses to serve, instead of failing on every secret later
-- (several nodes share one PostgreSQL database, and each must be given the same key).

CREATE TABLE cluster (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    master_key_id TEXT NOT NULL
);

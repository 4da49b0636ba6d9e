-- lambdabox schema 6 on PostgreSQL: nothing to add. On SQLite this step lists the indexed terms
-- so that a search's last word, a prefix, can be expanded; a tsquery prefix (`word:*`) is
-- answered by the GIN index directly.
SELECT 1;

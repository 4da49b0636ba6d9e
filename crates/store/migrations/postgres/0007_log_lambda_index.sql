-- lambdabox schema 7 on PostgreSQL: nothing to add. On SQLite this step puts each entry's
-- lambda into the FTS5 index; here the planner combines the GIN index with logs_by_lambda_time.
SELECT 1;

-- lambdabox schema 10 on PostgreSQL: the failure message of each invocation.
ALTER TABLE invocations ADD COLUMN error_message TEXT;

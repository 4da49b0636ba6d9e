-- The message of a failed invocation (error.message, the callback's value or lambdabox's own),
-- shown beside its error code in a function's invocation history.
ALTER TABLE invocations ADD COLUMN error_message TEXT;

-- lambdabox schema 8: the skills of event lambdas (LivePerson skill ids). An invocation with
-- a skillId runs the lambdas listing it, else the event's default lambda (no skills). Skills
-- are read at invocation time, so changing them needs no new deployment.

ALTER TABLE lambdas ADD COLUMN skills_json TEXT NOT NULL DEFAULT '[]';   -- ["12345", ...]

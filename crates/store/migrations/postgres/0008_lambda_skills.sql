-- lambdabox schema 8 on PostgreSQL: the skills a lambda answers on its event.
ALTER TABLE lambdas ADD COLUMN skills_json TEXT NOT NULL DEFAULT '[]';

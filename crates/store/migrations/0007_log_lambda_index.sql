-- lambdabox schema 7: the lambda joins the log full-text index as a column of its own, so a
-- search within one lambda intersects two match lists inside FTS5 instead of reading every
-- match of the text in other lambdas. The column holds one term per entry: U+E000 (a
-- private-use character, which the tokenizer keeps in a term and no search word starts with)
-- followed by the lambda's uuid without its dashes; searches name it with `lambda : "..."` and
-- restrict the words to `{message extras}`. The index is rebuilt once from the stored entries.

DROP TRIGGER logs_fts_insert;
DROP TRIGGER logs_fts_delete;
DROP TABLE logs_fts_terms;
DROP TABLE logs_fts;

CREATE VIEW logs_fts_source AS
    SELECT id, message, extras, char(57344) || replace(lambda_uuid, '-', '') AS lambda FROM logs;
CREATE VIRTUAL TABLE logs_fts USING fts5 (message, extras, lambda, content = 'logs_fts_source', content_rowid = 'id');
CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN
    INSERT INTO logs_fts (rowid, message, extras, lambda)
        VALUES (new.id, new.message, new.extras, char(57344) || replace(new.lambda_uuid, '-', ''));
END;
CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN
    INSERT INTO logs_fts (logs_fts, rowid, message, extras, lambda)
        VALUES ('delete', old.id, old.message, old.extras, char(57344) || replace(old.lambda_uuid, '-', ''));
END;
INSERT INTO logs_fts (logs_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE logs_fts_terms USING fts5vocab (logs_fts, 'row');

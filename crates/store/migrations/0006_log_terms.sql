-- lambdabox schema 6: the terms of the log full-text index, read to expand the prefix a log
-- search ends with into the indexed terms it stands for (FTS5 answers a prefix query by merging
-- the whole match list of every such term before it returns a row; exact terms stream).

CREATE VIRTUAL TABLE logs_fts_terms USING fts5vocab (logs_fts, 'row');

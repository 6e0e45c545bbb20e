-- SQLite moved its name search to a narrow table of its own (`case_name_rows`); PostgreSQL
-- searches `applications.name_words` through its GIN index and needs no change. This file keeps
-- the two backends' migration numbers in step.
SELECT 1;

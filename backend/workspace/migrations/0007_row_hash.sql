-- Rows are fingerprinted with xxHash64 from now on; workspaces that already
-- hold rows keep FNV-1a so that re-importing a file still finds its rows
-- unchanged (workspace/row.go).
INSERT OR IGNORE INTO settings(key, value)
SELECT 'row_hash', 'fnv64a' WHERE EXISTS (SELECT 1 FROM imports);

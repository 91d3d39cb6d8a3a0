package workspace

// Checkpoint folds the write-ahead log into the workspace file, so that
// the file alone holds everything (before it is copied or moved).
func (db *DB) Checkpoint() error {
	if _, err := db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return internal("fold the write-ahead log into the workspace", err)
	}
	return nil
}

package workspace

import "sync"

// memo caches values derived from the imported records and the settings
// (the base currency, say) until an import, an undo or a setting changes
// them. One process holds the workspace (see lockFile), so nothing else
// can change it behind the cache's back.
type memo struct {
	mu   sync.Mutex
	vals map[string]any
}

// Memo returns the cached value for key, computing it with f when an
// import, undo or setting change happened since. Only for values that
// depend on records and settings alone.
func (db *DB) Memo(key string, f func() (any, error)) (any, error) {
	db.memo.mu.Lock()
	v, ok := db.memo.vals[key]
	db.memo.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := f()
	if err != nil {
		return nil, err
	}
	db.memo.mu.Lock()
	if db.memo.vals == nil {
		db.memo.vals = map[string]any{}
	}
	db.memo.vals[key] = v
	db.memo.mu.Unlock()
	return v, nil
}

// forget drops every cached value; called after each change to the data.
func (db *DB) forget() {
	db.memo.mu.Lock()
	db.memo.vals = nil
	db.memo.mu.Unlock()
}

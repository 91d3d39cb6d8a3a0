package review

import (
	"database/sql"
	"fmt"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// recordTables dates the records of each workspace table.
var recordTables = []struct{ name, date string }{
	{"customers", "created"},
	{"subscriptions", "COALESCE(start, created)"},
	{"invoices", "date"},
	{"payments", "created"},
	{"tickets", "created"},
	{"events", "time"},
}

// currentSources lists every import not undone, oldest first, with the
// rows of the workspace that came from it and their date range.
func currentSources(db *workspace.DB) ([]Source, error) {
	hist, err := db.History()
	if err != nil {
		return nil, err
	}
	type held struct {
		rows        int64
		first, last sql.NullInt64
	}
	byImport := map[int64]*held{}
	for _, t := range recordTables {
		q := fmt.Sprintf("SELECT import_id, COUNT(*), MIN(%[2]s), MAX(%[2]s) FROM %[1]s GROUP BY import_id", t.name, t.date)
		rows, err := db.SQL().Query(q)
		if err != nil {
			return nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
		}
		for rows.Next() {
			var id, n int64
			var first, last sql.NullInt64
			if err := rows.Scan(&id, &n, &first, &last); err != nil {
				rows.Close()
				return nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
			}
			h := byImport[id]
			if h == nil {
				h = &held{}
				byImport[id] = h
			}
			h.rows += n
			if first.Valid && (!h.first.Valid || first.Int64 < h.first.Int64) {
				h.first = first
			}
			if last.Valid && (!h.last.Valid || last.Int64 > h.last.Int64) {
				h.last = last
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
		}
	}
	var out []Source
	for i := len(hist) - 1; i >= 0; i-- {
		im := hist[i]
		if im.UndoneAt != nil {
			continue
		}
		s := Source{ImportID: im.ID, File: im.File, SHA256: im.SHA256, Source: im.Source, Kind: im.Kind, ImportedAt: im.At,
			Read: im.Read, Imported: im.Imported, Updated: im.Updated}
		if h := byImport[im.ID]; h != nil {
			s.Rows, s.First, s.Last = h.rows, unixTime(h.first), unixTime(h.last)
		}
		out = append(out, s)
	}
	return out, nil
}

func unixTime(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.Unix(n.Int64, 0).UTC()
	return &t
}

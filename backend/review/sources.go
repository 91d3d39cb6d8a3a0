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
	{"manual_work", "at"},
	{"cost_lines", "date"},
}

// currentSources lists every import not undone, oldest first, with the
// rows of the workspace that came from it and their date range; and, from
// the same scan, what each source holds of each kind of record (for the
// freshness step).
func currentSources(db *workspace.DB) ([]Source, []workspace.SourceStat, error) {
	hist, err := db.History()
	if err != nil {
		return nil, nil, err
	}
	type held struct {
		rows        int64
		first, last sql.NullInt64
	}
	byImport := map[int64]*held{}
	type key struct {
		imp   int64
		table string
	}
	perTable := map[key]*held{}
	for _, t := range recordTables {
		q := fmt.Sprintf("SELECT import_id, COUNT(*), MIN(%[2]s), MAX(%[2]s) FROM %[1]s WHERE import_id IS NOT NULL GROUP BY import_id", t.name, t.date)
		rows, err := db.SQL().Query(q)
		if err != nil {
			return nil, nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
		}
		for rows.Next() {
			var id, n int64
			var first, last sql.NullInt64
			if err := rows.Scan(&id, &n, &first, &last); err != nil {
				rows.Close()
				return nil, nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
			}
			perTable[key{id, t.name}] = &held{n, first, last}
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
			return nil, nil, backend.Errorf(backend.Internal, "summarise %s: %v", t.name, err)
		}
	}
	var out []Source
	stats := map[[2]string]*workspace.SourceStat{}
	var order [][2]string
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
		for _, t := range recordTables {
			h := perTable[key{im.ID, t.name}]
			if h == nil || h.rows == 0 {
				continue
			}
			k := [2]string{im.Source, t.name}
			st := stats[k]
			if st == nil {
				st = &workspace.SourceStat{Source: im.Source, Kind: t.name}
				stats[k] = st
				order = append(order, k)
			}
			st.Rows += h.rows
			if l := unixTime(h.last); l != nil && (st.To == nil || l.After(*st.To)) {
				st.To = l
			}
			if f := unixTime(h.first); f != nil && (st.From == nil || f.Before(*st.From)) {
				st.From = f
			}
			at := im.At
			if st.LastImport == nil || at.After(*st.LastImport) {
				st.LastImport = &at
			}
		}
	}
	var kinds []workspace.SourceStat
	for _, k := range order {
		kinds = append(kinds, *stats[k])
	}
	return out, kinds, nil
}

func unixTime(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.Unix(n.Int64, 0).UTC()
	return &t
}

package review

import (
	"time"

	"keel/backend/workspace"
)

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
		first, last *time.Time
	}
	byImport := map[int64]*held{}
	type key struct {
		imp   int64
		table string
	}
	perTable := map[key]*held{}
	counts, err := db.ImportedRows()
	if err != nil {
		return nil, nil, err
	}
	for _, c := range counts {
		perTable[key{c.Import, c.Table}] = &held{c.Rows, c.First, c.Last}
		h := byImport[c.Import]
		if h == nil {
			h = &held{}
			byImport[c.Import] = h
		}
		h.rows += c.Rows
		if c.First != nil && (h.first == nil || c.First.Before(*h.first)) {
			h.first = c.First
		}
		if c.Last != nil && (h.last == nil || c.Last.After(*h.last)) {
			h.last = c.Last
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
			s.Rows, s.First, s.Last = h.rows, h.first, h.last
		}
		out = append(out, s)
		for _, table := range workspace.RecordTables() {
			h := perTable[key{im.ID, table}]
			if h == nil || h.rows == 0 {
				continue
			}
			k := [2]string{im.Source, table}
			st := stats[k]
			if st == nil {
				st = &workspace.SourceStat{Source: im.Source, Kind: table}
				stats[k] = st
				order = append(order, k)
			}
			st.Rows += h.rows
			if l := h.last; l != nil && (st.To == nil || l.After(*st.To)) {
				st.To = l
			}
			if f := h.first; f != nil && (st.From == nil || f.Before(*st.From)) {
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

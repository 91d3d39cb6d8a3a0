package workspace

import (
	"database/sql"
	"fmt"
	"time"
)

// SourceStat summarises what one source contributed to one table.
type SourceStat struct {
	Source, Kind string // kind is the export's (payments, customers, ga4 reports …)
	Rows         int64
	From, To     *time.Time // range of the records' own dates
	LastImport   *time.Time
}

// timeCol is the column that dates the records of each table.
var timeCol = map[string]string{
	"customers":     "created",
	"subscriptions": "COALESCE(start, created)",
	"invoices":      "date",
	"payments":      "created",
	"tickets":       "created",
	"events":        "time",
	"traffic":       "period_start",
	"balance":       "created",
	"payouts":       "created",
	"flags":         "created",
}

// Sources lists, per table and source, the rows held, their date range,
// and the latest import that wrote them (its kind names the export, e.g.
// ga4 "reports" for traffic rows).
func (db *DB) Sources() ([]SourceStat, error) {
	imports := map[int64]Import{}
	hist, err := db.History()
	if err != nil {
		return nil, err
	}
	for _, im := range hist {
		imports[im.ID] = im
	}
	var out []SourceStat
	for _, name := range tableNames {
		q := fmt.Sprintf(`SELECT source, COUNT(*), MIN(%[2]s), MAX(%[2]s), MAX(import_id)
			FROM %[1]s GROUP BY source ORDER BY source`, name, timeCol[name])
		rows, err := db.sql.Query(q)
		if err != nil {
			return nil, internal("summarise "+name, err)
		}
		for rows.Next() {
			s := SourceStat{Kind: name}
			var from, to sql.NullInt64
			var last int64
			if err := rows.Scan(&s.Source, &s.Rows, &from, &to, &last); err != nil {
				rows.Close()
				return nil, internal("summarise "+name, err)
			}
			s.From, s.To = timep(from), timep(to)
			if im, ok := imports[last]; ok {
				s.Kind = im.Kind
				at := im.At
				s.LastImport = &at
			}
			out = append(out, s)
		}
		rows.Close()
	}
	return out, nil
}

func timep(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.Unix(n.Int64, 0).UTC()
	return &t
}

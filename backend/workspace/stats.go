package workspace

import (
	"database/sql"
	"fmt"
	"time"
)

// SourceStat summarises what one source contributed to one table.
type SourceStat struct {
	Source, Kind string // kind is the table: payments, customers, …
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
}

// Sources lists, per table and source, the rows held and their date range.
func (db *DB) Sources() ([]SourceStat, error) {
	var out []SourceStat
	for _, name := range tableNames {
		q := fmt.Sprintf(`SELECT t.source, COUNT(*), MIN(%[2]s), MAX(%[2]s),
			(SELECT MAX(at) FROM imports i WHERE i.source = t.source AND i.kind = ? AND i.undone_at IS NULL)
			FROM %[1]s t GROUP BY t.source ORDER BY t.source`, name, timeCol[name])
		rows, err := db.sql.Query(q, name)
		if err != nil {
			return nil, internal("summarise "+name, err)
		}
		for rows.Next() {
			s := SourceStat{Kind: name}
			var from, to, last sql.NullInt64
			if err := rows.Scan(&s.Source, &s.Rows, &from, &to, &last); err != nil {
				rows.Close()
				return nil, internal("summarise "+name, err)
			}
			s.From, s.To, s.LastImport = timep(from), timep(to), timep(last)
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

package workspace

import (
	"context"
	"database/sql"
)

// Read queries over the traffic table.

// TrafficRow is one number of a website-traffic export, as stored.
type TrafficRow struct {
	Source, Site, Report, Segment string
	Start, End                    *int64
	Dimension, Item, Metric       string
	Value                         string // as exported
	Attrs                         string // JSON
}

// EachTraffic calls fn with every traffic number.
func (db *DB) EachTraffic(ctx context.Context, fn func(TrafficRow)) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT source, site, report, segment, period_start, period_end, dimension, item, metric, value, attrs FROM traffic`)
	if err != nil {
		return internal("read the traffic", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r TrafficRow
		var start, end sql.NullInt64
		if err := rows.Scan(&r.Source, &r.Site, &r.Report, &r.Segment, &start, &end, &r.Dimension, &r.Item, &r.Metric, &r.Value, &r.Attrs); err != nil {
			return internal("read the traffic", err)
		}
		r.Start, r.End = intp(start), intp(end)
		fn(r)
	}
	if err := rows.Err(); err != nil {
		return internal("read the traffic", err)
	}
	return nil
}

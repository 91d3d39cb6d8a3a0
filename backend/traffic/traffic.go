// Package traffic reads the web analytics numbers stored from Plausible
// dashboard exports and GA4 report downloads (table traffic, one record per
// number; see backend.Traffic) back into what the Users screen shows: the
// visitors over time with their monthly totals, and each report's table
// with its totals.
//
// Those files are aggregates, so nothing is recounted: a time series is the
// report's own rows (Plausible visitors.csv, a GA4 table by Date, Nth day or
// Nth week) and a total is the sum of a report's rows only for metrics
// that add up across rows (pageviews, sessions, event counts), never for
// unique visitors or ratios.
package traffic

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend/workspace"
)

// Point is one value of a series: the first day of its bucket.
type Point struct {
	Day   string  `json:"day"` // YYYY-MM-DD
	Value float64 `json:"value"`
}

// Series is one metric of one report over time.
type Series struct {
	Source string  `json:"source"` // plausible | ga4
	Site   string  `json:"site"`
	Report string  `json:"report"`
	Metric string  `json:"metric"` // visitors, Active users
	Label  string  `json:"label"`  // "Visitors per day"
	Step   string  `json:"step"`   // day | week | month
	Points []Point `json:"points"` // oldest first
}

// MonthRow is one calendar month of a daily series: the sum of its days.
type MonthRow struct {
	Month  string   `json:"month"`  // YYYY-MM
	Days   int      `json:"days"`   // days with a row
	Value  float64  `json:"value"`  // Σ of the series' metric over the days
	Views  *float64 `json:"views"`  // Σ pageviews (Plausible) or views, when exported
	Visits *float64 `json:"visits"` // Σ visits or sessions, when exported
}

// Row is one row of a report table.
type Row struct {
	Item   string     `json:"item"`
	Values []*float64 `json:"values"` // by Table.Metrics
}

// Table is one report table that is not a time series: a GA4 report
// ("Events: Event name") or a Plausible breakdown (pages, sources).
type Table struct {
	Source    string     `json:"source"`
	Site      string     `json:"site"`
	Report    string     `json:"report"`
	Title     string     `json:"title"` // a Reports snapshot table's question, else ""
	Segment   string     `json:"segment"`
	Dimension string     `json:"dimension"`
	Start     string     `json:"start"` // YYYY-MM-DD, "" when the file does not say
	End       string     `json:"end"`
	Metrics   []string   `json:"metrics"`
	Totals    []*float64 `json:"totals"` // per metric: Σ over the rows when the metric adds up, else null
	Rows      []Row      `json:"rows"`   // the TopRows largest by the first metric
	Items     int        `json:"items"`  // rows in the report
}

// Summary is the traffic the workspace holds.
type Summary struct {
	HasData bool       `json:"has_data"`
	Sources []string   `json:"sources"` // plausible, ga4
	Main    *Series    `json:"main"`    // the visitors series, or null
	Months  []MonthRow `json:"months"`  // of Main when it is daily, newest first
	Tables  []Table    `json:"tables"`
}

// TopRows is how many rows of each table the summary keeps.
const TopRows = 8

// maxMetrics caps a table's columns (GA4 retention tables have dozens).
const maxMetrics = 6

// additive metrics add up across a report's rows.
var additive = map[string]bool{
	"pageviews": true, "visits": true, "events": true, "total_conversions": true, "conversions": true,
	"total_entrances": true, "total_exits": true, "revenue": true, "total_revenue": true,
	"event count": true, "views": true, "sessions": true, "key events": true, "new users": true, "total revenue": true,
	"conversions (key events)": true, "engaged sessions": true,
}

// mainMetrics are the metrics a visitors series is drawn from, best first.
var mainMetrics = []string{"visitors", "active users", "total users", "users", "new users", "sessions", "views"}

// dateDims are the dimensions whose rows are days or weeks.
var dateDims = map[string]string{"date": "day", "nth day": "day", "nth week": "week", "nth month": "month"}

type rec struct {
	source, site, report, segment, dimension, item, metric, table string
	start, end                                                    *int64
	value                                                         float64
}

type groupKey struct {
	source, site, report, segment, dimension, table string
	start, end                                      int64
}

func day(sec int64) string { return time.Unix(sec, 0).UTC().Format("2006-01-02") }

// Load reads every traffic number; series points from until on are left out
// (the Users screen's month ends there; zero keeps all).
func Load(ctx context.Context, db *workspace.DB, until time.Time) (*Summary, error) {
	var recs []rec
	err := db.EachTraffic(ctx, func(t workspace.TrafficRow) {
		v, err := strconv.ParseFloat(t.Value, 64)
		if err != nil {
			return // stored as exported: a value that is not a number is no number
		}
		r := rec{source: t.Source, site: t.Site, report: t.Report, segment: t.Segment, start: t.Start, end: t.End,
			dimension: t.Dimension, item: t.Item, metric: t.Metric, value: v}
		if t.Attrs != "" && t.Attrs != "{}" {
			var a map[string]string
			if json.Unmarshal([]byte(t.Attrs), &a) == nil {
				r.table = a["table"]
			}
		}
		recs = append(recs, r)
	})
	if err != nil {
		return nil, err
	}
	return summarise(recs, until), nil
}

func summarise(recs []rec, until time.Time) *Summary {
	s := &Summary{HasData: len(recs) > 0, Sources: []string{}, Months: []MonthRow{}, Tables: []Table{}}
	srcs := map[string]bool{}
	groups := map[groupKey][]rec{}
	var order []groupKey
	for _, r := range recs {
		if !srcs[r.source] {
			srcs[r.source] = true
			s.Sources = append(s.Sources, r.source)
		}
		k := groupKey{source: r.source, site: r.site, report: r.report, segment: r.segment, dimension: r.dimension, table: r.table}
		if _, timed := dateDims[strings.ToLower(r.dimension)]; !timed {
			// A table's rows share the report's dates; daily rows do not.
			if r.start != nil {
				k.start = *r.start
			}
			if r.end != nil {
				k.end = *r.end
			}
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	sort.Strings(s.Sources)
	s.Main = mainSeries(groups, order, until)
	if s.Main != nil && s.Main.Step == "day" {
		s.Months = monthly(s.Main, groups, until)
	}
	for _, k := range order {
		if _, timed := dateDims[strings.ToLower(k.dimension)]; timed {
			continue
		}
		s.Tables = append(s.Tables, table(k, groups[k]))
	}
	sort.SliceStable(s.Tables, func(i, j int) bool {
		a, b := s.Tables[i], s.Tables[j]
		if a.Source != b.Source {
			return a.Source > b.Source // ga4 before plausible: its tables carry their dates
		}
		return a.Report+a.Title < b.Report+b.Title
	})
	return s
}

// pointDay is the day a series row stands for.
func pointDay(r rec, step string) (int64, bool) {
	if r.start == nil {
		return 0, false
	}
	if strings.EqualFold(r.dimension, "Nth week") || strings.EqualFold(r.dimension, "Nth month") {
		n, err := strconv.Atoi(strings.TrimSpace(r.item))
		if err != nil {
			return 0, false
		}
		t := time.Unix(*r.start, 0).UTC()
		if step == "week" {
			return t.AddDate(0, 0, 7*n).Unix(), true
		}
		return t.AddDate(0, n, 0).Unix(), true
	}
	return *r.start, true
}

// mainSeries picks the visitors series: the best metric of the time
// series with the most points.
func mainSeries(groups map[groupKey][]rec, order []groupKey, until time.Time) *Series {
	var best *Series
	bestRank := len(mainMetrics)
	for _, k := range order {
		step, timed := dateDims[strings.ToLower(k.dimension)]
		if !timed {
			continue
		}
		byMetric := map[string][]rec{}
		for _, r := range groups[k] {
			byMetric[strings.ToLower(r.metric)] = append(byMetric[strings.ToLower(r.metric)], r)
		}
		for rank, m := range mainMetrics {
			rs, ok := byMetric[m]
			if !ok {
				continue
			}
			sr := &Series{Source: k.source, Site: k.site, Report: k.report, Metric: rs[0].metric, Step: step}
			days := map[int64]float64{}
			for _, r := range rs {
				d, ok := pointDay(r, step)
				if !ok || !until.IsZero() && d >= until.Unix() {
					continue
				}
				days[d] += r.value
			}
			for d, v := range days {
				sr.Points = append(sr.Points, Point{Day: day(d), Value: v})
			}
			sort.Slice(sr.Points, func(i, j int) bool { return sr.Points[i].Day < sr.Points[j].Day })
			if sr.Source == "plausible" {
				sr.Step = plausibleStep(sr.Points)
			}
			if best == nil || rank < bestRank || rank == bestRank && len(sr.Points) > len(best.Points) {
				best, bestRank = sr, rank
			}
			break
		}
	}
	if best == nil || len(best.Points) == 0 {
		return nil
	}
	per := map[string]string{"day": "per day", "week": "per week", "month": "per month"}[best.Step]
	name := strings.ToUpper(best.Metric[:1]) + best.Metric[1:]
	src := map[string]string{"plausible": "Plausible", "ga4": "GA4"}[best.Source]
	if src == "" {
		src = best.Source
	}
	best.Label = name + " " + per + " (" + src + ")"
	return best
}

// plausibleStep tells the bucket of a visitors.csv from the spacing of its
// rows (the file does not say): days, weeks or months.
func plausibleStep(ps []Point) string {
	if len(ps) < 2 {
		return "day"
	}
	gaps := make([]int, 0, len(ps)-1)
	for i := 1; i < len(ps); i++ {
		a, _ := time.Parse("2006-01-02", ps[i-1].Day)
		b, _ := time.Parse("2006-01-02", ps[i].Day)
		gaps = append(gaps, int(b.Sub(a).Hours()/24))
	}
	sort.Ints(gaps)
	switch g := gaps[len(gaps)/2]; {
	case g >= 28:
		return "month"
	case g >= 7:
		return "week"
	}
	return "day"
}

// monthly sums a daily series (and the report's views and visits) by
// calendar month, newest first.
func monthly(main *Series, groups map[groupKey][]rec, until time.Time) []MonthRow {
	byMonth := map[string]*MonthRow{}
	for _, p := range main.Points {
		m := p.Day[:7]
		row := byMonth[m]
		if row == nil {
			row = &MonthRow{Month: m}
			byMonth[m] = row
		}
		row.Days++
		row.Value += p.Value
	}
	add := func(dst **float64, v float64) {
		if *dst == nil {
			*dst = new(float64)
		}
		**dst += v
	}
	for k, rs := range groups {
		if k.source != main.Source || k.site != main.Site || k.report != main.Report || dateDims[strings.ToLower(k.dimension)] != "day" {
			continue
		}
		for _, r := range rs {
			d, ok := pointDay(r, "day")
			if !ok || !until.IsZero() && d >= until.Unix() {
				continue
			}
			row := byMonth[day(d)[:7]]
			if row == nil {
				continue
			}
			switch strings.ToLower(r.metric) {
			case "pageviews", "views":
				add(&row.Views, r.value)
			case "visits", "sessions":
				add(&row.Visits, r.value)
			}
		}
	}
	out := make([]MonthRow, 0, len(byMonth))
	for _, r := range byMonth {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month > out[j].Month })
	return out
}

func table(k groupKey, rs []rec) Table {
	t := Table{Source: k.source, Site: k.site, Report: k.report, Title: k.table, Segment: k.segment, Dimension: k.dimension,
		Metrics: []string{}, Totals: []*float64{}, Rows: []Row{}}
	if k.start != 0 {
		t.Start = day(k.start)
	}
	if k.end != 0 {
		t.End = day(k.end)
	}
	col := map[string]int{}
	var items []string
	vals := map[string]map[string]float64{}
	for _, r := range rs {
		if _, ok := col[r.metric]; !ok && len(t.Metrics) < maxMetrics {
			col[r.metric] = len(t.Metrics)
			t.Metrics = append(t.Metrics, r.metric)
		}
		if vals[r.item] == nil {
			vals[r.item] = map[string]float64{}
			items = append(items, r.item)
		}
		vals[r.item][r.metric] = r.value
	}
	t.Items = len(items)
	t.Totals = make([]*float64, len(t.Metrics))
	for i, m := range t.Metrics {
		if !additive[strings.ToLower(m)] {
			continue
		}
		var sum float64
		for _, it := range items {
			sum += vals[it][m]
		}
		t.Totals[i] = &sum
	}
	first := ""
	if len(t.Metrics) > 0 {
		first = t.Metrics[0]
	}
	sort.SliceStable(items, func(i, j int) bool { return vals[items[i]][first] > vals[items[j]][first] })
	for _, it := range items[:min(len(items), TopRows)] {
		row := Row{Item: it, Values: make([]*float64, len(t.Metrics))}
		for i, m := range t.Metrics {
			if v, ok := vals[it][m]; ok {
				row.Values[i] = &v
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

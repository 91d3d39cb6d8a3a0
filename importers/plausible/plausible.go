// Package plausible reads the CSV files of Plausible Analytics' dashboard
// export ("Download CSV": a ZIP of visitors.csv, pages.csv, sources.csv, …,
// each also importable alone) into backend.Traffic records, one per number.
//
// Files (SRC: Plausible's own exporter and its test fixtures; CRLF; an
// empty cell, as visit_duration on a day without visits, is no value):
//
//	visitors.csv   date,visitors,pageviews,visits,views_per_visit,bounce_rate,visit_duration
//	               (one row per day, or week or month, of the chosen period)
//	pages.csv      name,visitors,pageviews,bounce_rate,time_on_page[,scroll_depth]
//	sources.csv    name,visitors,bounce_rate,visit_duration
//	custom_props.csv  property,value,visitors,events,percentage
//	conversions.csv   name,unique_conversions,total_conversions[,conversion_rate]
//	and the other breakdowns: entry_pages, exit_pages, channels, referrers,
//	utm_*, countries, regions, cities, browsers, browser_versions,
//	operating_systems, operating_system_versions, devices, prop_breakdown.
//
// Mapping: Report is the file's name ("pages" for pages.csv, also inside a
// ZIP; guessed from the columns when the file was renamed); the leading
// non-metric columns are the dimension (visitors.csv: "date"; breakdowns:
// "name", or "property / value" when there are several), the others are
// metrics, each non-empty cell a record with the value as written
// ("67", "1.0"). A visitors.csv row's Start is its date; Plausible's files
// do not state their period otherwise, so breakdown numbers have no dates
// (their period is the one chosen in the dashboard when exporting).
package plausible

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(Stats{}) }

// Stats is the Plausible dashboard export importer.
type Stats struct{}

func (Stats) Source() string { return "plausible" }
func (Stats) Kind() string   { return "stats" }
func (Stats) Label() string  { return "Plausible dashboard export" }

// metrics are the metric columns Plausible writes.
var metrics = map[string]bool{
	"visitors": true, "pageviews": true, "visits": true, "views_per_visit": true, "bounce_rate": true,
	"visit_duration": true, "time_on_page": true, "scroll_depth": true, "events": true, "percentage": true,
	"conversion_rate": true, "unique_conversions": true, "total_conversions": true, "conversions": true,
	"unique_entrances": true, "total_entrances": true, "unique_exits": true, "total_exits": true,
	"exit_rate": true, "cr": true, "revenue": true, "average_revenue": true, "total_revenue": true,
}

// dimensions are the dimension columns Plausible writes.
var dimensions = map[string]bool{"date": true, "name": true, "property": true, "value": true, "version": true, "prop": true}

// distinctive metrics make a header surely Plausible's.
var distinctive = []string{"views_per_visit", "bounce_rate", "visit_duration", "time_on_page", "scroll_depth",
	"unique_conversions", "total_conversions", "unique_entrances", "unique_exits", "exit_rate", "conversion_rate"}

// reports are the file names of Plausible's export.
var reports = map[string]bool{
	"visitors": true, "pages": true, "entry_pages": true, "exit_pages": true, "sources": true, "channels": true,
	"referrers": true, "utm_mediums": true, "utm_sources": true, "utm_campaigns": true, "utm_contents": true,
	"utm_terms": true, "countries": true, "regions": true, "cities": true, "browsers": true, "browser_versions": true,
	"operating_systems": true, "operating_system_versions": true, "devices": true, "screen_sizes": true,
	"conversions": true, "custom_props": true, "prop_breakdown": true,
}

// Detect claims a header made only of Plausible's lower-case column names,
// starting with a dimension and holding a metric: 0.9 with a metric only
// Plausible names so (bounce_rate, visit_duration, …) or for the daily
// date,visitors,… file or the property,value,… custom properties; 0.6 for
// a bare breakdown like "name,visitors".
func (Stats) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Len() < 2 || !dimensions[h.Names[0]] {
		return 0
	}
	nm := 0
	for _, n := range h.Names {
		switch {
		case metrics[n]:
			nm++
		case !dimensions[n]:
			return 0
		}
	}
	if nm == 0 {
		return 0
	}
	if h.Index(distinctive...) >= 0 || h.Names[0] == "date" && h.Index("visitors") >= 0 ||
		h.Names[0] == "property" && h.Names[1] == "value" {
		return 0.9
	}
	return 0.6
}

var copySuffix = regexp.MustCompile(`\s*\(\d+\)$`)

// report is the report a file holds: its name when it is one of
// Plausible's, else a guess from the columns.
func report(file string, h *csvfile.Header) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(file, `\`, "/")))
	for _, ext := range []string{".gz", ".csv", ".txt"} {
		base = strings.TrimSuffix(base, ext)
	}
	base = copySuffix.ReplaceAllString(base, "")
	if base == "." || base == "/" {
		base = ""
	}
	if reports[base] {
		return base
	}
	switch {
	case h.Names[0] == "date":
		return "visitors"
	case h.Names[0] == "prop":
		return "prop_breakdown"
	case h.Index("property") >= 0:
		return "custom_props"
	case h.Index("unique_conversions", "total_conversions") >= 0:
		return "conversions"
	case h.Index("unique_entrances") >= 0:
		return "entry_pages"
	case h.Index("unique_exits") >= 0:
		return "exit_pages"
	case h.Index("time_on_page", "scroll_depth") >= 0:
		return "pages"
	case base != "":
		return base
	}
	return "breakdown"
}

// Bind splits the header into dimension and metric columns: the leading
// columns up to the first metric are the dimension.
func (Stats) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil || h.Len() < 2 {
		return nil, backend.Errorf(backend.Invalid, "The file has fewer than two columns; a Plausible export has a dimension and metrics.")
	}
	dims := 0
	for dims < h.Len() && !metrics[h.Names[dims]] {
		dims++
	}
	if dims == 0 {
		dims = 1
	}
	if dims == h.Len() {
		return nil, backend.Errorf(backend.Invalid, "The file has no metric column (visitors, pageviews, …); it is not a Plausible export.")
	}
	rep := report(opt.File, h)
	dimension := strings.Join(h.Names[:dims], " / ")
	daily := dims == 1 && h.Names[0] == "date"
	return func(row csvfile.Row) (backend.Record, error) {
		if row.Problem != "" {
			return nil, backend.Errorf(backend.Invalid, "%s", row.Problem)
		}
		items := make([]string, dims)
		for i := range items {
			items[i] = row.Get(i)
		}
		item := strings.Join(items, " / ")
		var start *time.Time
		if daily {
			t, ok, err := csvfile.ParseTime(item, time.UTC)
			if err != nil || !ok {
				return nil, backend.Errorf(backend.Invalid, "date %q is not a date", item)
			}
			d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			start = &d
		}
		var rs importers.Records
		for j := dims; j < h.Len(); j++ {
			v := row.Get(j)
			if v == "" {
				continue
			}
			if !isNumber(v) {
				return nil, backend.Errorf(backend.Invalid, "%s %q is not a number", h.Names[j], v)
			}
			rs = append(rs, &backend.Traffic{
				Source: "plausible", Report: rep, Start: start,
				Dimension: dimension, Item: item, Metric: h.Names[j], Value: v,
			})
		}
		if len(rs) == 0 {
			return nil, nil
		}
		return rs, nil
	}, nil
}

// isNumber accepts plain decimal numbers ("12", "-1", "0.0", "1.4e-3").
func isNumber(s string) bool {
	if strings.ContainsAny(s, " ,_xXpP") || strings.EqualFold(s, "nan") || strings.Contains(strings.ToLower(s), "inf") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

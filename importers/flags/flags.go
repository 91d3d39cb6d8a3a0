// Package flags reads the feature-flag lists that flag tools return from
// their list endpoints, saved as a .json file:
//
//   - LaunchDarkly: GET /api/v2/flags/{projectKey} → {"items": [...], "totalCount", "_links"}
//   - Unleash: GET /api/admin/projects/{projectId}/features → {"version": 1, "features": [...]}
//   - GrowthBook: GET /api/v1/features (or /v2) → {"features": [...], "limit", "offset", "count", "total", …}
//   - PostHog: GET /api/projects/{id}/feature_flags/ → {"count", "next", "previous", "results": [...]}
//
// Each flag becomes a backend.Flag: its key, name, description, owner,
// type, temporary or permanent when the tool says, tags, and its state in
// the production environment (on, off, or the percentage served). The
// response is one JSON document; the pipeline streams its list through the
// item path (importers.ItemImporter), one flag per row, numbered by the
// line it starts on.
//
// A flag list kept in a spreadsheet is read through the column mapper
// (importers/mapped, kind "flags").
package flags

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// vendor is one flag tool's list format.
type vendor struct {
	source, label string
	key           string   // the list's key in the response
	markers       []string // fields of a flag that only this tool's list has, all needed to claim a file
	parse         func(m map[string]json.RawMessage) (*backend.Flag, error)
}

var vendors = []vendor{
	{source: "launchdarkly", label: "LaunchDarkly flags", key: "items", markers: []string{`"creationDate"`, `"environments"`}, parse: launchDarkly},
	{source: "unleash", label: "Unleash feature toggles", key: "features", markers: []string{`"strategies"`, `"impressionData"`}, parse: unleash},
	{source: "growthbook", label: "GrowthBook features", key: "features", markers: []string{`"valueType"`, `"dateCreated"`}, parse: growthBook},
	{source: "posthog", label: "PostHog feature flags", key: "results", markers: []string{`"rollout_percentage"`, `"filters"`}, parse: postHog},
}

func init() {
	for _, v := range vendors {
		importers.Register(&Importer{v})
	}
}

// Importer reads one tool's flag list.
type Importer struct{ v vendor }

func (im *Importer) Source() string { return im.v.source }
func (im *Importer) Kind() string   { return "flags" }
func (im *Importer) Label() string  { return im.v.label }

// Detect: flag lists are JSON, never CSV.
func (im *Importer) Detect(h *csvfile.Header) float64 { return 0 }

// Bind refuses a CSV file, pointing at the column mapper.
func (im *Importer) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return nil, backend.Errorf(backend.Invalid, "this is not a %s list: Keel reads the JSON the %s API returns. For a flag list in a spreadsheet, map its columns to flags in the column mapper.", im.v.label, im.v.source)
}

// DetectItems claims a JSON document that starts with the tool's list key
// and whose first flag has the tool's own fields.
func (im *Importer) DetectItems(head []byte) float64 {
	t := bytes.TrimSpace(head)
	if len(t) == 0 || t[0] != '{' {
		return 0
	}
	i := bytes.Index(t, []byte(`"`+im.v.key+`"`))
	if i < 0 || !bytes.Contains(t[i:], []byte("[")) {
		return 0
	}
	for _, m := range im.v.markers {
		if !bytes.Contains(t, []byte(m)) {
			return 0
		}
	}
	return 0.95
}

// BindItems returns the parser of one flag of the list.
func (im *Importer) BindItems(opt importers.Options) (importers.ItemFunc, error) {
	return func(item []byte) (backend.Record, error) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(item, &m); err != nil {
			return nil, fmt.Errorf("a flag of the list is not a JSON object: %s", short(err.Error()))
		}
		f, err := im.v.parse(m)
		if err != nil || f == nil {
			return nil, err // nil, nil: deleted in the tool
		}
		f.Source = im.v.source
		if f.State == "" {
			f.State = "off"
		}
		return f, nil
	}, nil
}

// ---- reading values ----

func str(m map[string]json.RawMessage, k string) string {
	var s string
	if raw, ok := m[k]; ok {
		json.Unmarshal(raw, &s)
	}
	return strings.TrimSpace(s)
}

func boolean(m map[string]json.RawMessage, k string) (v, ok bool) {
	raw, has := m[k]
	if !has || json.Unmarshal(raw, &v) != nil {
		return false, false
	}
	return v, true
}

func object(m map[string]json.RawMessage, k string) map[string]json.RawMessage {
	var o map[string]json.RawMessage
	if raw, ok := m[k]; ok {
		json.Unmarshal(raw, &o)
	}
	return o
}

func list(m map[string]json.RawMessage, k string) []json.RawMessage {
	var l []json.RawMessage
	if raw, ok := m[k]; ok {
		json.Unmarshal(raw, &l)
	}
	return l
}

func number(m map[string]json.RawMessage, k string) (float64, bool) {
	var f float64
	raw, ok := m[k]
	if !ok || json.Unmarshal(raw, &f) != nil {
		return 0, false
	}
	return f, true
}

func strings_(m map[string]json.RawMessage, k string) []string {
	var out []string
	for _, raw := range list(m, k) {
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// isoTime reads an ISO 8601 time ("2024-11-02T10:00:00.000Z").
func isoTime(m map[string]json.RawMessage, k string) (*time.Time, error) {
	s := str(m, k)
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	return nil, fmt.Errorf("%s %q is not a date", k, s)
}

// msTime reads unix milliseconds (LaunchDarkly).
func msTime(m map[string]json.RawMessage, k string) *time.Time {
	f, ok := number(m, k)
	if !ok || f <= 0 {
		return nil
	}
	t := time.UnixMilli(int64(f)).UTC()
	return &t
}

// pct is a share of users as hundredths of a percent, clamped to 0…100 %.
func pct(hundredths float64) *int64 {
	v := int64(hundredths + 0.5)
	v = max(0, min(10000, v))
	return &v
}

func short(s string) string {
	s = strings.TrimPrefix(s, "json: ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// need returns the error for a flag without its key.
func need(tool, field string) error {
	return fmt.Errorf("a %s flag without %q: Keel cannot tell which flag it is", tool, field)
}

// typeFromTags reads a flag type from tags such as "kill-switch".
func typeFromTags(tags []string) string {
	for _, t := range tags {
		switch n := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(t), "-", "_"), " ", "_"); n {
		case "release", "experiment", "operational", "permission", "kill_switch":
			return n
		}
	}
	return ""
}

// production picks the environment whose state Keel shows: the one named
// production (or prod), else the first by name.
func production(names []string) string {
	best := ""
	for _, n := range names {
		l := strings.ToLower(n)
		if l == "production" || l == "prod" {
			return n
		}
		if best == "" || strings.Contains(l, "prod") && !strings.Contains(strings.ToLower(best), "prod") || n < best && !strings.Contains(strings.ToLower(best), "prod") {
			best = n
		}
	}
	return best
}

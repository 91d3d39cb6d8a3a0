// Package mixpanel reads Mixpanel event exports into canonical events, in
// both layouts:
//
//   - the raw export API's JSON lines (DOC), one event per line:
//     {"event":"Signed Up","properties":{"time":1602611311,"distinct_id":"u1","$insert_id":"…",…}},
//     plain, gzipped or in a ZIP archive;
//   - CSV with event, distinct_id and time columns (also "Event Name",
//     "Distinct ID", "Time"; "$insert_id"/"insert_id"; other columns, with a
//     "properties." prefix or not, are the event's properties).
//
// Mapping: Name = event; DistinctID = distinct_id; ID = $insert_id (else a
// hash of the event, so that re-importing it is a no-op); Time = time, unix
// seconds (milliseconds when over 1e11, as time_in_ms exports write; a CSV
// may also hold a date, read in the import's time zone); Email = $email or
// email, else distinct_id when it is an e-mail; Attrs = every other
// property (strings as they are, other JSON values as JSON).
//
// Mixpanel projects created before 2023 export `time` shifted to the
// project's time zone; Keel reads it as UTC (a shift of a few hours, which
// moves an event across midnight at most).
package mixpanel

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
	"keel/importers/internal/jsonl"
)

func init() { importers.Register(Events{}) }

// Events is the Mixpanel "events" importer.
type Events struct{}

func (Events) Source() string { return "mixpanel" }
func (Events) Kind() string   { return "events" }
func (Events) Label() string  { return "Mixpanel events" }

// DetectLines claims JSON lines whose first event has Mixpanel's shape:
// "event" and a "properties" object with time (0.95), or "event" and
// "properties" only (0.8).
func (Events) DetectLines(head []byte) float64 {
	m := jsonl.First(head)
	if m == nil || jsonl.String(m["event"]) == "" || !jsonl.IsObject(m["properties"]) {
		return 0
	}
	props := jsonl.Sub(m["properties"])
	if _, ok := props["time"]; ok {
		return 0.95
	}
	return 0.8
}

// BindLines returns the parser of Mixpanel's JSON lines. A line that
// repeats an event of the lines just before it (same event name,
// distinct_id, time and $insert_id: Mixpanel's own rule for duplicates) is
// a duplicate: the raw export keeps every copy a client sent, Mixpanel
// counts one, and so does Keel (the first copy; the later ones differ
// only in ingestion details such as $mp_api_timestamp_ms).
func (Events) BindLines(opt importers.Options) (importers.LineFunc, error) {
	var recent jsonl.Recent
	return func(line []byte) (backend.Record, error) { return parseLine(line, &recent) }, nil
}

func parseLine(line []byte, recent *jsonl.Recent) (backend.Record, error) {
	if jsonl.Blank(line) {
		return nil, nil
	}
	m, err := jsonl.Object(line)
	if err != nil {
		return nil, err
	}
	e := &backend.Event{Source: "mixpanel", Name: jsonl.String(m["event"])}
	if e.Name == "" {
		return nil, backend.Errorf(backend.Invalid, `"event" is missing: an event needs its name`)
	}
	props := jsonl.Sub(m["properties"])
	if props == nil {
		return nil, backend.Errorf(backend.Invalid, `"properties" is missing or not an object`)
	}
	ts := jsonl.String(props["time"])
	if ts == "" {
		return nil, backend.Errorf(backend.Invalid, `"properties.time" is missing: an event needs its time`)
	}
	if e.Time, err = jsonl.UnixTime(ts); err != nil {
		return nil, backend.Errorf(backend.Invalid, `"properties.time" %q is not a unix time`, ts)
	}
	e.DistinctID = jsonl.String(props["distinct_id"])
	e.ID = jsonl.String(props["$insert_id"])
	if e.ID != "" && recent.Seen(e.Name+"\x00"+e.DistinctID+"\x00"+ts+"\x00"+e.ID) {
		return importers.Duplicate, nil
	}
	attrs := backend.Attrs{}
	for k, v := range props {
		switch k {
		case "time", "distinct_id", "$insert_id":
			continue
		}
		if s := jsonl.String(v); s != "" {
			attrs[k] = s
		}
	}
	return finish(e, attrs), nil
}

// finish sets the email, attributes and id of an event.
func finish(e *backend.Event, attrs backend.Attrs) *backend.Event {
	for _, v := range []string{attrs["$email"], attrs["email"], e.DistinctID} {
		if columns.IsEmail(v) {
			e.Email = strings.ToLower(v)
			break
		}
	}
	if len(attrs) > 0 {
		e.Attrs = attrs
	}
	if e.ID == "" {
		e.ID = jsonl.RowHash(e)
	}
	return e
}

// CSV layout.

var (
	colEvent    = []string{"event", "Event Name", "event_name", "Event"}
	colDistinct = []string{"distinct_id", "Distinct ID", "$distinct_id", "distinct id", "properties.distinct_id"}
	colTime     = []string{"time", "Time", "properties.time"}
	colInsert   = []string{"$insert_id", "insert_id", "Insert ID", "properties.$insert_id"}
)

// Detect claims a CSV with event, distinct_id and time columns: 0.9 with
// an insert id or Mixpanel's $/mp_ property columns, else 0.85. (PostHog
// writes "timestamp", not "time".)
func (Events) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(colEvent...) < 0 || h.Index(colDistinct...) < 0 || h.Index(colTime...) < 0 {
		return 0
	}
	if h.Index(colInsert...) >= 0 {
		return 0.9
	}
	for _, n := range h.Names {
		n = strings.TrimPrefix(strings.ToLower(n), "properties.")
		if strings.HasPrefix(n, "mp_") || strings.HasPrefix(n, "$") {
			return 0.9
		}
	}
	return 0.85
}

// Bind needs the event and time columns.
func (Events) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	ev, dist, tm, ins := h.Index(colEvent...), h.Index(colDistinct...), h.Index(colTime...), h.Index(colInsert...)
	if ev < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Mixpanel events export needs the event name.", "event")
	}
	if tm < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Mixpanel events export needs the event time.", "time")
	}
	type prop struct {
		i   int
		key string
	}
	var props []prop
	for i, n := range h.Names {
		if i == ev || i == dist || i == tm || i == ins || strings.TrimSpace(n) == "" {
			continue
		}
		key := strings.TrimSpace(n)
		if len(key) > len("properties.") && strings.EqualFold(key[:len("properties.")], "properties.") {
			key = key[len("properties."):]
		}
		props = append(props, prop{i, key})
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	name := func(i int) string { return strings.TrimSpace(h.Names[i]) }
	return func(row csvfile.Row) (backend.Record, error) {
		if row.Problem != "" {
			return nil, backend.Errorf(backend.Invalid, "%s", row.Problem)
		}
		e := &backend.Event{Source: "mixpanel", Name: row.Get(ev), DistinctID: row.Get(dist), ID: row.Get(ins)}
		if e.Name == "" {
			return nil, backend.Errorf(backend.Invalid, "%s is empty: an event needs its name", name(ev))
		}
		ts := row.Get(tm)
		if ts == "" {
			return nil, backend.Errorf(backend.Invalid, "%s is empty: an event needs its time", name(tm))
		}
		// Unix seconds (10 digits, maybe with a fraction) or milliseconds
		// (13), else a date, naive ones in the import's time zone.
		t, err := jsonl.UnixTime(ts)
		if digits := strings.IndexByte(ts+".", '.'); err != nil || digits != 10 && digits != 13 {
			var ok bool
			t, ok, err = csvfile.ParseTime(ts, loc)
			if err != nil || !ok {
				return nil, backend.Errorf(backend.Invalid, "%s %q is not a date", name(tm), ts)
			}
		}
		e.Time = t.UTC()
		attrs := backend.Attrs{}
		for _, p := range props {
			if v := row.Get(p.i); v != "" {
				attrs[p.key] = v
			}
		}
		return finish(e, attrs), nil
	}, nil
}

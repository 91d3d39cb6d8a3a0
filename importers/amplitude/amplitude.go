// Package amplitude reads Amplitude's event export (the Export API or the
// project's "Export data" download; DOC): JSON lines, one event per line,
// usually gzipped per hour and zipped together — the pipeline opens the
// ZIP and the gzip files and imports every member in one import.
//
// Mapping of a line's fields:
//
//	Name        event_type (required)
//	Time        event_time, UTC ("2024-01-05 10:00:00.123456"; required);
//	            client_event_time or server_upload_time when it is absent
//	DistinctID  user_id, else device_id (anonymous events)
//	ID          uuid, else $insert_id / insert_id, else a hash of the event
//	Email       user_properties.email / $email, else user_id when it is an e-mail
//	Attrs       event_properties.<k> as <k>; user_properties.<k> as user.<k>;
//	            every other top-level field with a value as $<field> (kept as
//	            it is when it starts with $, like $schema)
//	            ($device_id, $amplitude_id, $country, $platform, …);
//	            objects and arrays as compact JSON, empty ones left out
//
// Amplitude has no CSV event export: a CSV is refused with a message.
package amplitude

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

// Events is the Amplitude "events" importer.
type Events struct{}

func (Events) Source() string { return "amplitude" }
func (Events) Kind() string   { return "events" }
func (Events) Label() string  { return "Amplitude events" }

// Detect: Amplitude exports are not CSV.
func (Events) Detect(h *csvfile.Header) float64 { return 0 }

// Bind refuses a CSV file.
func (Events) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return nil, backend.Errorf(backend.Invalid,
		"this is not an Amplitude export: Amplitude exports events as JSON lines (one {\"event_type\": …} object per line, often gzipped and zipped)")
}

// DetectLines claims JSON lines whose first event has event_type and
// event_time plus a user_id, device_id or amplitude_id (0.95), or
// event_type with a uuid or insert id (0.9).
func (Events) DetectLines(head []byte) float64 {
	m := jsonl.First(head)
	if m == nil || jsonl.String(m["event_type"]) == "" {
		return 0
	}
	has := func(k string) bool { _, ok := m[k]; return ok }
	switch {
	case has("event_time") && (has("user_id") || has("device_id") || has("amplitude_id")):
		return 0.95
	case has("uuid") || has("$insert_id") || has("insert_id"):
		return 0.9
	}
	return 0
}

// BindLines returns the parser of Amplitude's JSON lines.
func (Events) BindLines(opt importers.Options) (importers.LineFunc, error) {
	return parseLine, nil
}

// mapped are the top-level fields read into the event itself.
var mapped = map[string]bool{
	"event_type": true, "event_time": true, "user_id": true, "uuid": true, "$insert_id": true, "insert_id": true,
	"event_properties": true, "user_properties": true,
}

func parseLine(line []byte) (backend.Record, error) {
	if jsonl.Blank(line) {
		return nil, nil
	}
	m, err := jsonl.Object(line)
	if err != nil {
		return nil, err
	}
	e := &backend.Event{Source: "amplitude", Name: jsonl.String(m["event_type"])}
	if e.Name == "" {
		return nil, backend.Errorf(backend.Invalid, `"event_type" is missing: an event needs its name`)
	}
	field, ts := "event_time", jsonl.String(m["event_time"])
	for _, alt := range []string{"client_event_time", "server_upload_time"} {
		if ts == "" {
			field, ts = alt, jsonl.String(m[alt])
		}
	}
	if ts == "" {
		return nil, backend.Errorf(backend.Invalid, `"event_time" is missing: an event needs its time`)
	}
	t, ok, err := csvfile.ParseTime(ts, time.UTC)
	if err != nil || !ok {
		return nil, backend.Errorf(backend.Invalid, "%q %q is not a date", field, ts)
	}
	e.Time = t.UTC()
	e.DistinctID = jsonl.String(m["user_id"])
	if e.DistinctID == "" {
		e.DistinctID = jsonl.String(m["device_id"])
	}
	for _, k := range []string{"uuid", "$insert_id", "insert_id"} {
		if e.ID == "" {
			e.ID = jsonl.String(m[k])
		}
	}
	attrs := backend.Attrs{}
	for k, v := range m {
		if mapped[k] {
			continue
		}
		if s := jsonl.String(v); s != "" {
			if !strings.HasPrefix(k, "$") {
				k = "$" + k
			}
			attrs[k] = s
		}
	}
	for k, v := range jsonl.Sub(m["event_properties"]) {
		if s := jsonl.String(v); s != "" {
			attrs[k] = s
		}
	}
	user := jsonl.Sub(m["user_properties"])
	for k, v := range user {
		if s := jsonl.String(v); s != "" {
			attrs["user."+k] = s
		}
	}
	for _, v := range []string{jsonl.String(user["email"]), jsonl.String(user["$email"]), jsonl.String(m["user_id"])} {
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
	return e, nil
}

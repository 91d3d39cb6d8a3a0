package posthog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	cols "keel/importers/internal/columns"
)

// Bind needs the event name and timestamp columns.
func (Events) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := bindColumns(h)
	if c.event < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a PostHog events export needs the event name.", "event")
	}
	if c.timestamp < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a PostHog events export needs the event time.", "timestamp")
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	return func(row csvfile.Row) (backend.Record, error) { return c.parse(row, loc) }, nil
}

func (c *columns) parse(row csvfile.Row, loc *time.Location) (backend.Record, error) {
	if row.Problem != "" {
		return nil, backend.Errorf(backend.Invalid, "%s", row.Problem)
	}
	e := &backend.Event{
		Source:     "posthog",
		ID:         row.Get(c.id),
		Name:       row.Get(c.event),
		DistinctID: row.Get(c.distinct),
	}
	if e.Name == "" {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: an event needs its name", c.name(c.event))
	}
	ts := row.Get(c.timestamp)
	if ts == "" {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: an event needs its time", c.name(c.timestamp))
	}
	t, ok, err := csvfile.ParseTime(ts, loc)
	if err != nil || !ok {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a date", c.name(c.timestamp), ts)
	}
	e.Time = t.UTC()

	var email, dollarEmail string // the email and $email properties
	if c.propsJSON < 0 && e.ID != "" {
		// Properties from columns only: encoded without a map. An event
		// without an id keeps the map, which its id is hashed from.
		e.AttrsJSON = c.enc.JSON(row)
		email, dollarEmail = row.Get(c.propEmail), row.Get(c.propDollarEmail)
	} else {
		attrs := make(backend.Attrs, len(c.props))
		if c.propsJSON >= 0 {
			if s := row.Get(c.propsJSON); s != "" && !flattenJSON(s, attrs) {
				attrs[c.name(c.propsJSON)] = s
			}
		}
		for _, p := range c.props {
			if v := row.Get(p.Index); v != "" {
				attrs[p.Key] = v
			}
		}
		if len(attrs) > 0 {
			e.Attrs = attrs
		}
		email, dollarEmail = attrs["email"], attrs["$email"]
	}

	for _, i := range c.email {
		if v := row.Get(i); cols.IsEmail(v) {
			e.Email = strings.ToLower(v)
			break
		}
	}
	if e.Email == "" {
		for _, v := range []string{email, dollarEmail, row.Get(c.person), e.DistinctID} {
			if cols.IsEmail(v) {
				e.Email = strings.ToLower(v)
				break
			}
		}
	}
	if e.ID == "" {
		e.ID = rowHash(e)
	}
	return e, nil
}

// rowHash is the id of an event exported without one: a hash of its name,
// distinct id, time and properties, so the same row imported again is the
// same event, whatever the column order.
func rowHash(e *backend.Event) string {
	h := sha256.New()
	write := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	write(e.Name)
	write(e.DistinctID)
	write(e.Time.UTC().Format(time.RFC3339Nano))
	keys := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		write(k)
		write(e.Attrs[k])
	}
	return "row-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// flattenJSON copies the top-level keys of a JSON object into attrs
// (strings as they are, other values as JSON); false when s is not one.
func flattenJSON(s string, attrs backend.Attrs) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil || m == nil {
		return false
	}
	for k, raw := range m {
		var str string
		switch {
		case string(raw) == "null":
			continue
		case json.Unmarshal(raw, &str) == nil:
			if str != "" {
				attrs[k] = str
			}
		default:
			attrs[k] = string(raw)
		}
	}
	return true
}

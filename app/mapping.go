package app

import (
	"path/filepath"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/pipeline"
	"keel/importers"
	"keel/importers/mapped"
)

// Mapper is the bound API of the column-mapping step of Imports: for a CSV
// no importer recognises, the founder picks the kind of records it holds,
// maps each field to a column (pre-filled by a guess), sees the first rows
// parsed with their problems, names the mapping and saves it. Saved
// mappings are reused by themselves for files with the same header
// (Imports.Preview shows it, Imports.Run uses it) and can be deleted.
type Mapper struct{ s *State }

// NewMapper binds the mapper API to the state.
func NewMapper(s *State) *Mapper { return &Mapper{s} }

// MapKind is a kind of record a mapping can make, with its fields.
type MapKind struct {
	Kind   string         `json:"kind"`
	Label  string         `json:"label"`
	About  string         `json:"about"`
	Fields []mapped.Field `json:"fields"`
}

var mapKinds = map[string][2]string{
	"events":        {"Product events", "One row per thing a user did (signed up, created a report): product analytics."},
	"tickets":       {"Support tickets", "One row per helpdesk ticket or conversation."},
	"payments":      {"Payments", "One row per charge, order or transaction."},
	"customers":     {"Customers", "One row per billing customer."},
	"subscriptions": {"Subscriptions", "One row per recurring plan of a customer."},
	"flags":         {"Feature flags", "One row per feature flag: its key, owner, state and cleanup date."},
}

// Kinds lists the kinds a mapping can make, events first.
func (m *Mapper) Kinds() ([]MapKind, error) {
	order := []string{"events", "tickets", "payments", "customers", "subscriptions", "flags"}
	var out []MapKind
	for _, k := range order {
		fs, err := mapped.Fields(k)
		if err != nil {
			return nil, err
		}
		w := mapKinds[k]
		out = append(out, MapKind{Kind: k, Label: w[0], About: w[1], Fields: fs})
	}
	return out, nil
}

// MapFile is a file opened in the mapper: its header and first rows, the
// guessed columns for every kind, and the kind that fits best.
type MapFile struct {
	Path      string                       `json:"path"`
	File      string                       `json:"file"`
	Encoding  string                       `json:"encoding"`
	Separator string                       `json:"separator"`
	Header    []string                     `json:"header"`
	Rows      [][]string                   `json:"rows"`
	Kind      string                       `json:"kind"`     // the best guess
	Guesses   map[string]map[string]string `json:"guesses"`  // kind → field → column
	Name      string                       `json:"name"`     // a name for the mapping, from the file
	Existing  *mapped.Mapping              `json:"existing"` // a saved mapping for this header, or null
}

// Open reads a file's header and first rows and guesses its columns.
func (m *Mapper) Open(path string) (*MapFile, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	lp := pipeline.Look(path)
	if lp.Err != nil {
		return nil, lp.Err
	}
	if len(lp.Header) == 0 {
		return nil, backend.Errorf(backend.Invalid, "%s has no header row to map.", lp.File)
	}
	f := &MapFile{Path: path, File: lp.File, Encoding: lp.Encoding, Separator: lp.Separator, Header: lp.Header, Rows: lp.Rows,
		Guesses: map[string]map[string]string{}, Name: mappingName(lp.File)}
	if f.Rows == nil {
		f.Rows = [][]string{}
	}
	best, bestScore := "events", -1.0
	for _, k := range []string{"events", "tickets", "payments", "subscriptions", "customers", "flags"} {
		g := mapped.Guess(k, lp.Header)
		f.Guesses[k] = g
		if s := fit(k, g); s > bestScore {
			best, bestScore = k, s
		}
	}
	f.Kind = best
	if ex, ok, err := db.MappingFor(mapped.HeaderSignature(lp.Header)); err != nil {
		return nil, err
	} else if ok {
		f.Existing = &ex
		f.Kind = ex.Kind
		f.Name = ex.Name
	}
	return f, nil
}

// fit scores how well a guess fills a kind: every required field found
// counts most, then the share of the others.
func fit(kind string, guess map[string]string) float64 {
	fs, _ := mapped.Fields(kind)
	var req, reqFound, opt, optFound float64
	for _, f := range fs {
		_, ok := guess[f.Name]
		if f.Required {
			req++
			if ok {
				reqFound++
			}
		} else {
			opt++
			if ok {
				optFound++
			}
		}
	}
	s := 0.0
	if req > 0 {
		s = reqFound / req * 10
	}
	if opt > 0 {
		s += optFound / opt
	}
	return s
}

// mappingName makes a mapping name from a file name: "mixpanel-export
// (3).csv" → "mixpanel-export".
func mappingName(file string) string {
	n := strings.TrimSuffix(file, filepath.Ext(file))
	if i := strings.LastIndex(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		n = n[:i]
	}
	n = strings.TrimSpace(n)
	if n == "" {
		n = "My export"
	}
	return n
}

// MapRow is one parsed preview row: each mapped field's value as Keel
// read it (times in RFC 3339, amounts in minor units of the row's
// currency), or why the row would be rejected.
type MapRow struct {
	Line    int            `json:"line"`
	Values  map[string]any `json:"values"`
	Problem string         `json:"problem"`
}

// MapPreview is the live preview of a mapping over a file's first rows.
type MapPreview struct {
	// Problem is set when the mapping cannot import at all yet (a
	// required field without a column): the rows are then empty.
	Problem string   `json:"problem"`
	Rows    []MapRow `json:"rows"`
	Good    int      `json:"good"` // rows that would import
}

// Preview runs mapping over the first rows of the file at path.
func (m *Mapper) Preview(path string, mp mapped.Mapping) (*MapPreview, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	lp := pipeline.Look(path)
	if lp.Err != nil {
		return nil, lp.Err
	}
	mp.Header = lp.Header
	if strings.TrimSpace(mp.Name) == "" {
		mp.Name = mappingName(lp.File)
	}
	out := &MapPreview{Rows: []MapRow{}}
	parsed, err := mapped.Preview(mp, lp.Header, lp.Rows, importers.Options{Location: db.Location()})
	if err != nil {
		if backend.ErrorCode(err) != backend.Invalid {
			return nil, err
		}
		out.Problem = backend.ErrorMessage(err)
		return out, nil
	}
	for _, p := range parsed {
		r := MapRow{Line: p.Line, Values: map[string]any{}, Problem: p.Problem}
		if p.Record != nil && p.Problem == "" {
			r.Values = recordValues(p.Record)
			out.Good++
		}
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}

func iso(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func isop(t *time.Time) any {
	if t == nil {
		return nil
	}
	return iso(*t)
}

func empty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// recordValues reads a parsed record by the mapper's field names.
func recordValues(rec backend.Record) map[string]any {
	switch r := rec.(type) {
	case *backend.Event:
		return map[string]any{"name": r.Name, "time": iso(r.Time), "user": empty(r.DistinctID), "email": empty(r.Email), "id": empty(r.ID)}
	case *backend.Ticket:
		v := map[string]any{"id": r.ID, "created": iso(r.Created), "requester_email": empty(r.RequesterEmail),
			"requester_id": empty(r.RequesterID), "organization": empty(r.Organization), "subject": empty(r.Subject),
			"status": empty(r.Status), "priority": empty(r.Priority), "channel": empty(r.Channel), "type": empty(r.Type),
			"group": empty(r.Group), "assignee": empty(r.Assignee), "solved": isop(r.Solved), "satisfaction": empty(r.Satisfaction)}
		if len(r.Tags) > 0 {
			v["tags"] = strings.Join(r.Tags, ", ")
		}
		if r.FirstReplyMinutes != nil {
			v["first_reply_minutes"] = *r.FirstReplyMinutes
		}
		if r.ResolutionMinutes != nil {
			v["resolution_minutes"] = *r.ResolutionMinutes
		}
		return v
	case *backend.Payment:
		return map[string]any{"created": iso(r.Created), "amount": r.Amount, "currency": r.Currency, "id": empty(r.ID),
			"status": empty(r.Status), "customer_id": empty(r.CustomerID), "customer_email": empty(r.CustomerEmail),
			"refunded": r.Refunded, "description": empty(r.Description), "invoice_id": empty(r.InvoiceID)}
	case *backend.Customer:
		return map[string]any{"id": r.ID, "email": empty(r.Email), "name": empty(r.Name), "created": isop(r.Created), "currency": empty(r.Currency)}
	case *backend.Subscription:
		return map[string]any{"id": r.ID, "customer_id": empty(r.CustomerID), "customer_email": empty(r.CustomerEmail),
			"status": r.Status, "plan": empty(r.Plan), "amount": r.Amount, "currency": r.Currency, "interval": r.Interval,
			"interval_count": r.IntervalCount, "quantity": r.Quantity, "start": isop(r.Start), "trial_end": isop(r.TrialEnd),
			"canceled_at": isop(r.CanceledAt), "ended_at": isop(r.EndedAt)}
	}
	return map[string]any{}
}

// Save checks and stores a mapping for the file's header (replacing a
// mapping of the same name). The next file with this header imports with
// it by itself.
func (m *Mapper) Save(path string, mp mapped.Mapping) (*mapped.Mapping, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	if path != "" {
		lp := pipeline.Look(path)
		if lp.Err != nil {
			return nil, lp.Err
		}
		mp.Header = lp.Header
	}
	for k, v := range mp.Columns {
		if strings.TrimSpace(v) == "" {
			delete(mp.Columns, k)
		}
	}
	saved, err := mapped.Save(db, mp)
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// MappingInfo is a saved mapping as the Imports screen lists it.
type MappingInfo struct {
	mapped.Mapping
	KindLabel string `json:"kind_label"`
	Fields    int    `json:"fields"` // fields mapped to a column
}

// List lists the saved mappings by name.
func (m *Mapper) List() ([]MappingInfo, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	ms, err := db.Mappings()
	if err != nil {
		return nil, err
	}
	out := []MappingInfo{}
	for _, x := range ms {
		out = append(out, MappingInfo{Mapping: x, KindLabel: mapKinds[x.Kind][0], Fields: len(x.Columns)})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// Delete forgets a saved mapping; what it imported stays.
func (m *Mapper) Delete(name string) error {
	db, err := m.s.workspace()
	if err != nil {
		return err
	}
	return db.DeleteMapping(name)
}

package mapped_test

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/mapped"
)

// memStore is a mapped.Store in memory; the workspace's is tested in
// backend/workspace.
type memStore struct {
	byName map[string]mapped.Mapping
	now    time.Time
}

func newStore() *memStore {
	return &memStore{byName: map[string]mapped.Mapping{}, now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
}

func (s *memStore) SaveMapping(m mapped.Mapping) (mapped.Mapping, error) {
	s.now = s.now.Add(time.Second)
	m.Created, m.Updated = s.now, s.now
	s.byName[m.Name] = m
	return m, nil
}

func (s *memStore) Mapping(name string) (mapped.Mapping, error) {
	m, ok := s.byName[name]
	if !ok {
		return m, backend.Errorf(backend.NotFound, "There is no saved mapping called %q.", name)
	}
	return m, nil
}

func (s *memStore) MappingFor(sig string) (mapped.Mapping, bool, error) {
	var best mapped.Mapping
	found := false
	for _, m := range s.byName {
		if m.Signature == sig && (!found || m.Updated.After(best.Updated)) {
			best, found = m, true
		}
	}
	return best, found, nil
}

func (s *memStore) Mappings() ([]mapped.Mapping, error) {
	var out []mapped.Mapping
	for _, m := range s.byName {
		out = append(out, m)
	}
	return out, nil
}

func (s *memStore) DeleteMapping(name string) error {
	delete(s.byName, name)
	return nil
}

// importFile reads a CSV the way the pipeline does, with the importer the
// store's mappings give for its header: the records and the reasons of
// the rejected rows.
func importFile(t *testing.T, st mapped.Store, content string) ([]backend.Record, []string) {
	t.Helper()
	rd, err := csvfile.Open(strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	im, ok, err := mapped.ForHeader(st, rd.Header())
	if err != nil || !ok {
		t.Fatalf("no mapping for %q: %v", rd.Header().Names, err)
	}
	parse, err := im.Bind(rd.Header(), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []backend.Record
	var rejects []string
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rec, err := parse(row)
		if err != nil {
			rejects = append(rejects, err.Error())
			continue
		}
		recs = append(recs, rec)
	}
	return recs, rejects
}

const eventsCSV = "Action,Who,Mail,At,Plan\n" +
	"signup,u1,Ann@Acme.io,2025-03-01 10:00:00,pro\n" +
	"query,u1,,2025-03-02 11:00:00,pro\n" +
	"query,bob@acme.io,,02/03/2025 12:30,\n" +
	",u2,,2025-03-02 11:00:00,\n" +
	"query,u2,,soon,\n"

func eventsMapping() mapped.Mapping {
	return mapped.Mapping{Name: "Home-made analytics", Kind: "events", Header: []string{"Action", "Who", "Mail", "At", "Plan"},
		Columns: map[string]string{"name": "Action", "user": "Who", "email": "Mail", "time": "At"}, TimeZone: "Europe/Paris"}
}

func TestEventsMappingImportsAndIsReused(t *testing.T) {
	db := newStore()
	saved, err := mapped.Save(db, eventsMapping())
	if err != nil {
		t.Fatal(err)
	}
	if saved.Source != "home-made-analytics" || saved.AmountUnit != "major" || saved.Signature != mapped.HeaderSignature(saved.Header) {
		t.Errorf("defaults: %+v", saved)
	}
	recs, rejects := importFile(t, db, eventsCSV)
	if len(recs) != 3 || len(rejects) != 2 || rejects[0] != "Action is empty" || rejects[1] != `At "soon" is not a date` {
		t.Errorf("records %d, rejects = %q", len(recs), rejects)
	}
	type ev struct {
		Source, Name, Distinct, Email, Attrs string
		Time                                 int64
	}
	var got []ev
	for _, r := range recs {
		e := r.(*backend.Event)
		got = append(got, ev{e.Source, e.Name, e.DistinctID, e.Email, e.Attrs.JSON(), e.Time.Unix()})
	}
	paris := func(s string) int64 {
		loc, _ := time.LoadLocation("Europe/Paris")
		tm, _ := time.ParseInLocation("2006-01-02 15:04", s, loc)
		return tm.Unix()
	}
	want := []ev{
		{"home-made-analytics", "signup", "u1", "ann@acme.io", `{"Plan":"pro"}`, paris("2025-03-01 10:00")},
		{"home-made-analytics", "query", "u1", "", `{"Plan":"pro"}`, paris("2025-03-02 11:00")},
		{"home-made-analytics", "query", "bob@acme.io", "bob@acme.io", "{}", paris("2025-03-02 12:30")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events =\n%+v\nwant\n%+v", got, want)
	}
	// The same file again (columns in another order) is recognised and
	// gives the same records: rows without an id have a stable one.
	reordered := "Plan,At,Who,Mail,Action\npro,2025-03-01 10:00:00,u1,Ann@Acme.io,signup\npro,2025-03-02 11:00:00,u1,,query\n"
	again, _ := importFile(t, db, reordered)
	if len(again) != 2 || again[0].Key() != recs[0].Key() || again[1].Key() != recs[1].Key() {
		t.Errorf("second import: %v", again)
	}
	im, err := mapped.Named(db, "home-made analytics")
	if err == nil {
		t.Errorf("names are exact: got %v", im.Label())
	}
	im, err = mapped.Named(db, "Home-made analytics")
	if err != nil || im.Kind() != "events" || im.Label() != "Home-made analytics (saved mapping)" {
		t.Errorf("Named = %v, %v", im, err)
	}
	if im.Detect(csvfile.NewHeader("Action", "Who", "Mail", "At", "Plan")) != 1 || im.Detect(csvfile.NewHeader("Action", "Who")) != 0 {
		t.Error("Detect should match the signature only")
	}
	if _, ok, _ := mapped.ForHeader(db, csvfile.NewHeader("a", "b")); ok {
		t.Error("a mapping for an unknown header")
	}
}

func TestKindsParseTheirFields(t *testing.T) {
	tests := []struct {
		name   string
		m      mapped.Mapping
		header string
		row    string
		want   backend.Record
	}{
		{
			name: "ticket",
			m: mapped.Mapping{Kind: "tickets", Source: "helpdesk", Columns: map[string]string{"id": "No", "created": "Opened", "requester_email": "From",
				"status": "State", "tags": "Labels", "solved": "Closed", "first_reply_minutes": "FRT", "resolution_minutes": "Res", "satisfaction": "CSAT", "channel": "Via"}},
			header: "No,Opened,From,State,Labels,Closed,FRT,Res,CSAT,Via",
			row:    "T-7,2025-05-01 09:00,Ann@Acme.io,Closed,\"bug, billing\",2025-05-02 09:00,12.5,1440,Positive,email",
			want: &backend.Ticket{Source: "helpdesk", ID: "T-7", Created: at("2025-05-01T09:00:00Z"), RequesterEmail: "ann@acme.io", Status: "closed",
				Tags: []string{"bug", "billing"}, Solved: ptr(at("2025-05-02T09:00:00Z")), FirstReplyMinutes: i64(13), ResolutionMinutes: i64(1440),
				Satisfaction: "good", Channel: "email"},
		},
		{
			name: "payment in major units with a decimal comma",
			m: mapped.Mapping{Kind: "payments", Source: "shop", Currency: "EUR", DecimalComma: true,
				Columns: map[string]string{"created": "Datum", "amount": "Betrag", "status": "Status", "customer_email": "Mail"}},
			header: "Datum;Betrag;Status;Mail",
			row:    "01.06.2025;1.234,50;Succeeded;kunde@firma.de",
			want: &backend.Payment{Source: "shop", RowKey: "row-", Created: at("2025-06-01T00:00:00Z"), Amount: 123450, Currency: "eur", Status: "paid",
				Captured: true, CustomerEmail: "kunde@firma.de"},
		},
		{
			name: "failed payment in minor units",
			m: mapped.Mapping{Kind: "payments", Source: "shop", AmountUnit: "minor",
				Columns: map[string]string{"id": "ID", "created": "When", "amount": "Cents", "currency": "Cur", "status": "Result"}},
			header: "ID,When,Cents,Cur,Result",
			row:    "p1,2025-06-01,999,JPY,declined",
			want:   &backend.Payment{Source: "shop", ID: "p1", RowKey: "p1", Created: at("2025-06-01T00:00:00Z"), Amount: 999, Currency: "jpy", Status: "failed"},
		},
		{
			name: "yearly subscription",
			m: mapped.Mapping{Kind: "subscriptions", Source: "billing", Currency: "usd",
				Columns: map[string]string{"id": "Sub", "customer_id": "Cust", "status": "Status", "plan": "Plan", "amount": "Price", "interval": "Every", "quantity": "Seats", "start": "Since", "ended_at": "Until"}},
			header: "Sub,Cust,Status,Plan,Price,Every,Seats,Since,Until",
			row:    "s1,c1,Past Due,Team,$1200.00,annual,3,2025-01-15,",
			want: &backend.Subscription{Source: "billing", ID: "s1", CustomerID: "c1", Status: "past_due", Plan: "Team", Amount: 120000, Currency: "usd",
				Interval: "year", IntervalCount: 1, Quantity: 3, Created: ptr(at("2025-01-15T00:00:00Z")), Start: ptr(at("2025-01-15T00:00:00Z"))},
		},
		{
			name:   "customer",
			m:      mapped.Mapping{Kind: "customers", Source: "crm", Columns: map[string]string{"id": "Key", "email": "Email", "name": "Company"}},
			header: "Key,Email,Company,Segment",
			row:    "k1,CEO@Corp.io,Corp,enterprise",
			want:   &backend.Customer{Source: "crm", ID: "k1", Email: "ceo@corp.io", Name: "Corp", Attrs: backend.Attrs{"Segment": "enterprise"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sep := ","
			if strings.Contains(tc.header, ";") {
				sep = ";"
			}
			tc.m.Name = tc.name
			tc.m.Header = strings.Split(tc.header, sep)
			rd, err := csvfile.Open(strings.NewReader(tc.header + "\n" + tc.row + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := mapped.Preview(tc.m, rd.Header().Names, [][]string{mustRow(t, rd).Fields}, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if parsed[0].Problem != "" {
				t.Fatalf("problem: %s", parsed[0].Problem)
			}
			got := parsed[0].Record
			if p, ok := got.(*backend.Payment); ok && strings.HasPrefix(p.RowKey, "row-") {
				p.RowKey = "row-"
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestValidateExplains(t *testing.T) {
	db := newStore()
	ok := eventsMapping()
	cases := []struct {
		name   string
		change func(m *mapped.Mapping)
		want   string
	}{
		{"unknown kind", func(m *mapped.Mapping) { m.Kind = "invoices" }, "not \"invoices\""},
		{"required field unmapped", func(m *mapped.Mapping) { delete(m.Columns, "time") }, "time of the event"},
		{"column not in header", func(m *mapped.Mapping) { m.Columns["time"] = "Timestamp" }, "\"Timestamp\" is not in the file's header"},
		{"unknown field", func(m *mapped.Mapping) { m.Columns["colour"] = "Plan" }, "no field \"colour\""},
		{"bad zone", func(m *mapped.Mapping) { m.TimeZone = "Mars/Base" }, "not a time zone"},
		{"bad source", func(m *mapped.Mapping) { m.Source = "My Tool!" }, "source name"},
		{"payments without a currency", func(m *mapped.Mapping) {
			m.Kind = "payments"
			m.Columns = map[string]string{"created": "At", "amount": "Plan"}
		}, "currency"},
		{"bad amount unit", func(m *mapped.Mapping) { m.AmountUnit = "cents" }, "minor"},
	}
	for _, c := range cases {
		m := ok
		m.Columns = map[string]string{}
		for k, v := range ok.Columns {
			m.Columns[k] = v
		}
		c.change(&m)
		_, err := mapped.Save(db, m)
		if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(backend.ErrorMessage(err), c.want) {
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.want)
		}
	}
	if all, _ := db.Mappings(); len(all) != 0 {
		t.Errorf("refused mappings were saved: %+v", all)
	}
}

func TestGuess(t *testing.T) {
	got := mapped.Guess("events", []string{"Event Name", "distinct_id", "Timestamp", "E-mail", "uuid", "Browser"})
	want := map[string]string{"name": "Event Name", "user": "distinct_id", "time": "Timestamp", "email": "E-mail", "id": "uuid"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("guess = %v", got)
	}
	fs, err := mapped.Fields("payments")
	if err != nil || !fs[0].Required || fs[0].Name != "created" {
		t.Errorf("fields = %+v, %v", fs, err)
	}
	if _, err := mapped.Fields("nope"); err == nil {
		t.Error("unknown kind accepted")
	}
}

func mustRow(t *testing.T, rd *csvfile.Reader) csvfile.Row {
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T  { return &v }
func i64(n int64) *int64 { return &n }

func TestHeaderSignature(t *testing.T) {
	base := mapped.HeaderSignature([]string{"Event", "User ID", "When"})
	for _, same := range [][]string{
		{"event", "user id", "when"},
		{"When", "\uFEFFEvent", "  User   ID "},
		{`"Event"`, "User ID", "When"},
	} {
		if got := mapped.HeaderSignature(same); got != base {
			t.Errorf("%q: %s, want %s", same, got, base)
		}
	}
	for _, other := range [][]string{
		{"Event", "User ID"},
		{"Event", "User ID", "When", "Extra"},
		{"Event", "UserID", "When"},
	} {
		if mapped.HeaderSignature(other) == base {
			t.Errorf("%q has the same signature", other)
		}
	}
}

package mapped_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/mapped"
)

func newDB(t *testing.T) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

// importFile reads a CSV the way the pipeline does, with the importer the
// workspace's mappings give for its header, and stores the records.
func importFile(t *testing.T, db *workspace.DB, content string) (workspace.Counts, []string) {
	t.Helper()
	rd, err := csvfile.Open(strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	im, ok, err := mapped.ForHeader(db, rd.Header())
	if err != nil || !ok {
		t.Fatalf("no mapping for %q: %v", rd.Header().Names, err)
	}
	parse, err := im.Bind(rd.Header(), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "f.csv", Source: im.Source(), Kind: im.Kind()})
	if err != nil {
		t.Fatal(err)
	}
	var c workspace.Counts
	var rejects []string
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		c.Read++
		rec, err := parse(row)
		if err != nil {
			c.Rejected++
			rejects = append(rejects, err.Error())
			continue
		}
		out, err := b.Put(rec)
		if err != nil {
			t.Fatal(err)
		}
		switch out {
		case workspace.Inserted:
			c.Imported++
		case workspace.Duplicate:
			c.Duplicates++
		case workspace.Updated:
			c.Updated++
		}
	}
	if err := b.Commit(c); err != nil {
		t.Fatal(err)
	}
	return c, rejects
}

const eventsCSV = "Action,Who,Mail,At,Plan\n" +
	"signup,u1,Ann@Acme.io,2025-03-01 10:00:00,pro\n" +
	"query,u1,,2025-03-02 11:00:00,pro\n" +
	"query,bob@acme.io,,02/03/2025 12:30,\n" +
	",u2,,2025-03-02 11:00:00,\n" +
	"query,u2,,soon,\n"

func eventsMapping() workspace.Mapping {
	return workspace.Mapping{Name: "Home-made analytics", Kind: "events", Header: []string{"Action", "Who", "Mail", "At", "Plan"},
		Columns: map[string]string{"name": "Action", "user": "Who", "email": "Mail", "time": "At"}, TimeZone: "Europe/Paris"}
}

func TestEventsMappingImportsAndIsReused(t *testing.T) {
	db := newDB(t)
	saved, err := mapped.Save(db, eventsMapping())
	if err != nil {
		t.Fatal(err)
	}
	if saved.Source != "home-made-analytics" || saved.AmountUnit != "major" {
		t.Errorf("defaults: %+v", saved)
	}
	c, rejects := importFile(t, db, eventsCSV)
	if c.Imported != 3 || c.Rejected != 2 {
		t.Errorf("counts = %+v, rejects %q", c, rejects)
	}
	if len(rejects) != 2 || rejects[0] != "Action is empty" || rejects[1] != `At "soon" is not a date` {
		t.Errorf("rejects = %q", rejects)
	}
	type ev struct {
		Source, Name, Distinct, Email, Attrs string
		Time                                 int64
	}
	rows, err := db.SQL().Query("SELECT source, name, distinct_id, email, attrs, time FROM events ORDER BY time, name")
	if err != nil {
		t.Fatal(err)
	}
	var got []ev
	for rows.Next() {
		var e ev
		rows.Scan(&e.Source, &e.Name, &e.Distinct, &e.Email, &e.Attrs, &e.Time)
		got = append(got, e)
	}
	rows.Close()
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
	// adds nothing: rows without an id have a stable one.
	reordered := "Plan,At,Who,Mail,Action\npro,2025-03-01 10:00:00,u1,Ann@Acme.io,signup\npro,2025-03-02 11:00:00,u1,,query\n"
	if c, _ := importFile(t, db, reordered); c.Duplicates != 2 || c.Imported != 0 {
		t.Errorf("second import = %+v", c)
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
		m      workspace.Mapping
		header string
		row    string
		want   backend.Record
	}{
		{
			name: "ticket",
			m: workspace.Mapping{Kind: "tickets", Source: "helpdesk", Columns: map[string]string{"id": "No", "created": "Opened", "requester_email": "From",
				"status": "State", "tags": "Labels", "solved": "Closed", "first_reply_minutes": "FRT", "resolution_minutes": "Res", "satisfaction": "CSAT", "channel": "Via"}},
			header: "No,Opened,From,State,Labels,Closed,FRT,Res,CSAT,Via",
			row:    "T-7,2025-05-01 09:00,Ann@Acme.io,Closed,\"bug, billing\",2025-05-02 09:00,12.5,1440,Positive,email",
			want: &backend.Ticket{Source: "helpdesk", ID: "T-7", Created: at("2025-05-01T09:00:00Z"), RequesterEmail: "ann@acme.io", Status: "closed",
				Tags: []string{"bug", "billing"}, Solved: ptr(at("2025-05-02T09:00:00Z")), FirstReplyMinutes: i64(13), ResolutionMinutes: i64(1440),
				Satisfaction: "good", Channel: "email"},
		},
		{
			name: "payment in major units with a decimal comma",
			m: workspace.Mapping{Kind: "payments", Source: "shop", Currency: "EUR", DecimalComma: true,
				Columns: map[string]string{"created": "Datum", "amount": "Betrag", "status": "Status", "customer_email": "Mail"}},
			header: "Datum;Betrag;Status;Mail",
			row:    "01.06.2025;1.234,50;Succeeded;kunde@firma.de",
			want: &backend.Payment{Source: "shop", RowKey: "row-", Created: at("2025-06-01T00:00:00Z"), Amount: 123450, Currency: "eur", Status: "paid",
				Captured: true, CustomerEmail: "kunde@firma.de"},
		},
		{
			name: "failed payment in minor units",
			m: workspace.Mapping{Kind: "payments", Source: "shop", AmountUnit: "minor",
				Columns: map[string]string{"id": "ID", "created": "When", "amount": "Cents", "currency": "Cur", "status": "Result"}},
			header: "ID,When,Cents,Cur,Result",
			row:    "p1,2025-06-01,999,JPY,declined",
			want:   &backend.Payment{Source: "shop", ID: "p1", RowKey: "p1", Created: at("2025-06-01T00:00:00Z"), Amount: 999, Currency: "jpy", Status: "failed"},
		},
		{
			name: "yearly subscription",
			m: workspace.Mapping{Kind: "subscriptions", Source: "billing", Currency: "usd",
				Columns: map[string]string{"id": "Sub", "customer_id": "Cust", "status": "Status", "plan": "Plan", "amount": "Price", "interval": "Every", "quantity": "Seats", "start": "Since", "ended_at": "Until"}},
			header: "Sub,Cust,Status,Plan,Price,Every,Seats,Since,Until",
			row:    "s1,c1,Past Due,Team,$1200.00,annual,3,2025-01-15,",
			want: &backend.Subscription{Source: "billing", ID: "s1", CustomerID: "c1", Status: "past_due", Plan: "Team", Amount: 120000, Currency: "usd",
				Interval: "year", IntervalCount: 1, Quantity: 3, Created: ptr(at("2025-01-15T00:00:00Z")), Start: ptr(at("2025-01-15T00:00:00Z"))},
		},
		{
			name:   "customer",
			m:      workspace.Mapping{Kind: "customers", Source: "crm", Columns: map[string]string{"id": "Key", "email": "Email", "name": "Company"}},
			header: "Key,Email,Company,Segment",
			row:    "k1,CEO@Corp.io,Corp,enterprise",
			want:   &backend.Customer{Source: "crm", ID: "k1", Email: "ceo@corp.io", Name: "Corp", Attrs: backend.Attrs{"Segment": "enterprise"}},
		},
		{
			name:   "manual work",
			m:      workspace.Mapping{Kind: "manual_work", Source: "ops", Columns: map[string]string{"date": "Day", "kind": "What", "minutes": "Time spent", "account": "Client", "id": "Ref"}},
			header: "Ref,Day,What,Time spent,Client",
			row:    "OPS-3,2025-06-02,Onboarding call,45,acme.io",
			want:   &backend.ManualWork{Source: "ops", ID: "OPS-3", At: at("2025-06-02T00:00:00Z"), Type: "onboarding_call", Minutes: 45, Account: "acme.io"},
		},
		{
			name:   "monthly cost in the base currency",
			m:      workspace.Mapping{Kind: "costs", Source: "finance", Columns: map[string]string{"date": "Month", "driver": "Service", "amount": "Spend"}},
			header: "Month,Service,Spend",
			row:    "2025-06-30,E-mails sent,41.20",
			want:   &backend.CostLine{Source: "finance", ID: "row-", Date: at("2025-06-30T00:00:00Z"), Driver: "E-mails sent", Amount: 4120},
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
			if c, ok := got.(*backend.CostLine); ok && strings.HasPrefix(c.ID, "row-") {
				c.ID = "row-"
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestValidateExplains(t *testing.T) {
	db := newDB(t)
	ok := eventsMapping()
	cases := []struct {
		name   string
		change func(m *workspace.Mapping)
		want   string
	}{
		{"unknown kind", func(m *workspace.Mapping) { m.Kind = "invoices" }, "not \"invoices\""},
		{"required field unmapped", func(m *workspace.Mapping) { delete(m.Columns, "time") }, "time of the event"},
		{"column not in header", func(m *workspace.Mapping) { m.Columns["time"] = "Timestamp" }, "\"Timestamp\" is not in the file's header"},
		{"unknown field", func(m *workspace.Mapping) { m.Columns["colour"] = "Plan" }, "no field \"colour\""},
		{"bad zone", func(m *workspace.Mapping) { m.TimeZone = "Mars/Base" }, "not a time zone"},
		{"bad source", func(m *workspace.Mapping) { m.Source = "My Tool!" }, "source name"},
		{"payments without a currency", func(m *workspace.Mapping) {
			m.Kind = "payments"
			m.Columns = map[string]string{"created": "At", "amount": "Plan"}
		}, "currency"},
		{"bad amount unit", func(m *workspace.Mapping) { m.AmountUnit = "cents" }, "minor"},
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

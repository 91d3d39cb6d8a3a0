package freshdesk

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/helpdesk"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func utcp(s string) *time.Time { t := utc(s); return &t }

func TestRegistered(t *testing.T) {
	if importers.Find("freshdesk", "tickets") == nil {
		t.Fatal(`importers.Find("freshdesk", "tickets") is nil`)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   float64
	}{
		{"real custom pick", "Ticket ID,Subject,Description,Status,Priority,Type,Created time,Resolved time,Summary,Full name,Title,Email,Mobile phone,Contact ID,Company Name", 0.95},
		{"full set", "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,Full name,Email,Contact ID,Company Name", 0.95},
		{"minimal", "Ticket ID,Created time,Email", 0.5},
		{"no created time", "Ticket ID,Subject,Status", 0},
		{"zendesk", "Id,Requester id,Status,Via,Created at,Solved at", 0},
		{"stripe payments", "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer", 0},
		{"stripe balance", "id,Type,Source,Amount,Fee,Destination Platform Fee,Destination Platform Fee Currency,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group", 0},
		{"posthog", "event,*.uuid,*.event,*.properties.prop,*.timestamp,*.team_id,*.distinct_id,*.elements_chain,*.created_at", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Tickets{}).Detect(header(t, tt.header)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBindMissingColumn(t *testing.T) {
	for hdr, want := range map[string]string{
		"Subject,Created time,Status": `"Ticket ID"`,
		"Ticket ID,Subject,Status":    `"Created time"`,
	} {
		_, err := Tickets{}.Bind(header(t, hdr), importers.Options{})
		if err == nil || backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), want) {
			t.Errorf("Bind(%q) = %v, want an invalid error naming %s", hdr, err, want)
		}
	}
}

func TestDurations(t *testing.T) {
	res := runFile(t, "testdata/hhmmss.csv", importers.Options{})
	if len(res.rejects) > 0 {
		t.Fatalf("rejected rows: %v", res.rejects)
	}
	want := []*backend.Ticket{
		{
			Source: "freshdesk", ID: "11", RequesterID: "2001", RequesterEmail: "sam@example.com",
			Organization: "Example Ltd", Subject: "Cannot log in", Status: "closed", Priority: "high",
			Channel: "Email", Type: "Incident", Group: "Tier 1", Assignee: "Maya Rao",
			Tags: []string{"login", "password", "urgent"}, Created: utc("2025-04-01T09:00:00Z"),
			Solved:            utcp("2025-04-01T11:30:00Z"), // Resolved time wins over Closed time
			FirstReplyMinutes: i64(20), ResolutionMinutes: i64(150), Satisfaction: "good",
			Attrs: backend.Attrs{
				"Description": "Password reset mail never arrives", "Due by Time": "2025-04-02 09:00:00",
				"Closed time": "2025-04-03 09:00:00", "Last update time": "2025-04-03 09:00:00",
				"Initial response time": "2025-04-01 09:20:00", "Time tracked": "00:45",
				"Agent interactions": "2", "Customer interactions": "3",
				"Resolution status": "Within SLA", "First response status": "Within SLA",
				"Survey results": "Awesome", "Product": "Keel", "Full name": "Sam Lee",
			},
		},
		{
			Source: "freshdesk", ID: "12", RequesterID: "2002", RequesterEmail: "kim@acme.com",
			Organization: "Acme", Subject: "Invoice wrong", Status: "solved", Priority: "medium",
			Channel: "Portal", Type: "Question", Group: "Billing", Created: utc("2025-04-02T10:00:00Z"),
			Solved:            utcp("2025-04-02T12:00:00Z"),          // from Closed time
			FirstReplyMinutes: i64(90), ResolutionMinutes: i64(1561), // 26:00:30 rounds up
			Satisfaction: "bad",
			Attrs: backend.Attrs{
				"Status": "Resolved", "Closed time": "2025-04-02 12:00:00",
				"Resolution status": "SLA Violated", "First response status": "Within SLA",
				"Survey results": "Not Good",
			},
		},
		{
			Source: "freshdesk", ID: "13", RequesterID: "2003", Subject: "Slow dashboard",
			Status: "hold", Priority: "low", Channel: "Chat", Tags: []string{"perf"},
			Created:           utc("2025-04-03T08:00:00Z"),
			FirstReplyMinutes: i64(0), ResolutionMinutes: i64(0), // 29 s and 0.498 min round down
			Attrs: backend.Attrs{"Status": "Waiting on Third Party"},
		},
		{
			Source: "freshdesk", ID: "14", RequesterEmail: "x@y.io", Subject: "Feature idea",
			Status: "open", Priority: "urgent", Channel: "Feedback Widget", Type: "Feature Request",
			Created:           utc("2025-04-04T08:00:00Z"),
			FirstReplyMinutes: i64(11), // 0.175 h = 10.5 min rounds up
			Satisfaction:      "bad",
			Attrs:             backend.Attrs{"Survey results": "Just Okay"},
		},
	}
	if len(res.tickets) != len(want) {
		t.Fatalf("got %d tickets, want %d", len(res.tickets), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(res.tickets[i], want[i]) {
			t.Errorf("ticket %s:\n got %+v\nwant %+v", want[i].ID, *res.tickets[i], *want[i])
		}
	}
}

// TestHoursInMinutes: Freshdesk's "(in hrs)" values, decimal hours or
// HH:MM:SS (hours may pass 24), read by the helpdesk engine in whole
// minutes, halves rounded up.
func TestHoursInMinutes(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // -1: refused
	}{
		{"0", 0},
		{"2", 120},
		{"1.5", 90},
		{"0.25", 15},
		{"0.175", 11}, // 10.5 rounds up
		{"0.0083", 0}, // 0.498
		{"00:20:00", 20},
		{"00:00:30", 1}, // half a minute rounds up
		{"00:00:29", 0},
		{"01:30", 90},
		{"123:59:59", 123*60 + 60},
		{"abc", -1},
		{"-1", -1},
		{"1:60:00", -1},
		{"1::00", -1},
		{"1:2:3:4", -1},
		{"1e3", -1},
	}
	for _, tt := range tests {
		got, err := helpdesk.Minutes(tt.in, time.Hour)
		if tt.want < 0 && err == nil || tt.want >= 0 && (err != nil || got == nil || *got != tt.want) {
			t.Errorf("Minutes(%q, hours) = %v, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestAccountTimeZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	res := runString(t, "Ticket ID,Status,Created time,Resolved time\n1,Resolved,2025-01-15 20:00:00,2025-07-01 09:00:00\n", importers.Options{Location: ny})
	if len(res.tickets) != 1 {
		t.Fatalf("rejects %v", res.rejects)
	}
	tk := res.tickets[0]
	if !tk.Created.Equal(utc("2025-01-16T01:00:00Z")) || tk.Created.Location() != time.UTC ||
		!tk.Solved.Equal(utc("2025-07-01T13:00:00Z")) || tk.Solved.Location() != time.UTC {
		t.Errorf("created %v solved %v", tk.Created, tk.Solved)
	}
}

func TestRejectedRows(t *testing.T) {
	const hdr = "Ticket ID,Status,Created time,Resolved time,Closed time,First response time (in hrs),Resolution time (in hrs)\n"
	tests := []struct {
		name, row, reason string
	}{
		{"empty id", ",Open,2025-01-01 10:00:00,,,,", "Ticket ID is empty"},
		{"empty created", "1,Open,,,,,", "Created time is empty"},
		{"bad created", "1,Open,01/02/2025 25:99,,,,", `Created time "01/02/2025 25:99" is not a date`},
		{"bad resolved", "1,Resolved,2025-01-01 10:00:00,soon,,,", `Resolved time "soon" is not a date`},
		{"bad closed", "1,Closed,2025-01-01 10:00:00,,never,,", `Closed time "never" is not a date`},
		{"bad first response", "1,Open,2025-01-01 10:00:00,,,fast,", `First response time (in hrs) "fast" is not a duration`},
		{"bad resolution", "1,Open,2025-01-01 10:00:00,,,,1:75:00", `Resolution time (in hrs) "1:75:00" is not a duration`},
		{"ragged", "1,Open", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runString(t, hdr+tt.row+"\n", importers.Options{})
			if len(res.tickets) != 0 || len(res.rejects) != 1 {
				t.Fatalf("tickets %d rejects %v; want one rejection", len(res.tickets), res.rejects)
			}
			if r := res.rejects[0]; r.line != 2 || !strings.Contains(r.reason, tt.reason) {
				t.Errorf("line %d reason %q; want line 2 and %q", r.line, r.reason, tt.reason)
			}
		})
	}
}

func TestStatusAndSatisfaction(t *testing.T) {
	for in, want := range map[string]string{
		"Open": "open", "Pending": "pending", "Resolved": "solved", "Closed": "closed",
		"Waiting on Customer": "pending", "Waiting on Third Party": "hold", "OpenPending": "openpending",
	} {
		if got := status(in); got != want {
			t.Errorf("status(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"": "", "Awesome": "good", "Extremely Happy": "good", "Happy": "good",
		"Neutral": "bad", "Just Okay": "bad", "Not Good": "bad", "Extremely Unhappy": "bad", "¯\\_(ツ)_/¯": "",
	} {
		if got, _ := satisfaction(in); got != want {
			t.Errorf("satisfaction(%q) = %q, want %q", in, got, want)
		}
	}
}

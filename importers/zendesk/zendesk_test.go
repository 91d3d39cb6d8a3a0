package zendesk

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
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
	if importers.Find("zendesk", "tickets") == nil {
		t.Fatal(`importers.Find("zendesk", "tickets") is nil`)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   float64
	}{
		{"real subset", "Id,Requester id,Group,Status,Priority,Via,Created at,Updated at,Assigned at,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Reopens,Replies,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,Manual Tagging of Categories [list]", 0.95},
		{"requester name and via", "Id,Requester,Subject,Via,Created at", 0.95},
		{"lowercase names", "id,requester id,created at,solved at", 0.95},
		{"no requester", "Id,Subject,Status,Created at,Solved at", 0.6},
		{"only metrics", "Id,Created at,First reply time in minutes", 0.6},
		{"id and created only", "Id,Created at,Name", 0},
		{"no created at", "Id,Requester,Via,Solved at", 0},
		{"stripe payments", "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer", 0},
		{"stripe customers", "id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency", 0},
		{"stripe subscriptions", "id,Customer ID,Customer Name,Customer Email,Status,Plan,Product,Quantity,Currency,Interval,Amount,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC)", 0},
		{"freshdesk", "Ticket ID,Subject,Description,Status,Priority,Type,Created time,Resolved time,Email,Company Name", 0},
		{"freshdesk with created at", "Ticket ID,Subject,Status,Source,Created at,Resolved time,Email", 0},
		{"posthog", "id,distinct_id,properties.$browser,event,timestamp,person,elements_chain", 0},
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
	tests := []struct {
		header string
		want   string
	}{
		{"Requester id,Created at,Status", `"Id"`},
		{"Id,Requester id,Status", `"Created at"`},
	}
	for _, tt := range tests {
		_, err := Tickets{}.Bind(header(t, tt.header), importers.Options{})
		if err == nil {
			t.Errorf("Bind(%q): no error", tt.header)
			continue
		}
		if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Bind(%q) = %v (%s), want an invalid error naming %s", tt.header, err, backend.ErrorCode(err), tt.want)
		}
	}
}

func TestFullExport(t *testing.T) {
	res := runFile(t, "testdata/full_export.csv", importers.Options{})
	if res.detect != 0.95 {
		t.Errorf("Detect = %v, want 0.95", res.detect)
	}
	if len(res.rejects) > 0 {
		t.Fatalf("rejected rows: %v", res.rejects)
	}
	want := []*backend.Ticket{
		{
			Source: "zendesk", ID: "101", RequesterID: "9001", RequesterEmail: "ada@example.com",
			Organization: "Analytical Engines", Subject: "Refund for March", Status: "solved",
			Priority: "high", Channel: "Web form", Type: "Question", Group: "Billing",
			Assignee: "Grace Hopper", Tags: []string{"billing", "refund", "vip"},
			Created: utc("2025-03-03T09:15:00Z"), Solved: utcp("2025-03-03T17:45:30Z"),
			FirstReplyMinutes: i64(12), FirstReplyBizMinutes: i64(10),
			ResolutionMinutes: i64(510), ResolutionBizMinutes: i64(200),
			Satisfaction: "good",
			Attrs: backend.Attrs{
				"Requester": "Ada Lovelace", "Requester external id": "ext-1",
				"Requester domain": "example.com", "Submitter": "Ada Lovelace",
				"Updated at": "2025-03-04 10:00:00", "Assigned at": "2025-03-03 09:20:00",
				"Initially assigned at": "2025-03-03 09:20:00", "Resolution time": "8",
				"Group stations": "1", "Assignee stations": "1", "Reopens": "0", "Replies": "2",
				"First resolution time in minutes":                       "510",
				"First resolution time in minutes within business hours": "200",
				"Agent wait time in minutes":                             "12",
				"Agent wait time in minutes within business hours":       "10",
				"Requester wait time in minutes":                         "0",
				"Requester wait time in minutes within business hours":   "0",
				"On hold time in minutes":                                "0",
				"On hold time in minutes within business hours":          "0",
				"Plan":          "Pro",
				"Account notes": `Pays yearly, "priority" account`,
				"VIP":           "true",
			},
		},
		{
			Source: "zendesk", ID: "102", RequesterID: "9002", RequesterEmail: "bob@gmail.com",
			Subject: "Login broken", Status: "open", Priority: "normal", Channel: "Email",
			Type: "Incident", Group: "Support", Created: utc("2025-03-05T23:59:59Z"),
			Attrs: backend.Attrs{
				"Requester": "Bob", "Requester domain": "gmail.com", "Submitter": "Bob",
				"Updated at": "2025-03-06 08:00:00", "Due date": "2025-03-10",
				"Group stations": "1", "Assignee stations": "0", "Reopens": "0", "Replies": "0",
				"Plan": "-",
			},
		},
		{
			Source: "zendesk", ID: "103", RequesterID: "9003", RequesterEmail: "cy@acme.com",
			Organization: "Acme", Subject: "Crash on export", Status: "closed", Priority: "urgent",
			Channel: "API", Type: "Problem", Group: "Support", Assignee: "Grace Hopper",
			Tags: []string{"bug", "export"}, Created: utc("2025-02-28T14:00:00Z"),
			Solved: utcp("2025-03-01T08:30:00Z"), FirstReplyMinutes: i64(5), FirstReplyBizMinutes: i64(5),
			ResolutionMinutes: i64(1110), ResolutionBizMinutes: i64(300), Satisfaction: "bad",
			Attrs: backend.Attrs{
				"Requester": "Cy", "Requester domain": "acme.com", "Submitter": "Cy",
				"Updated at": "2025-03-08 12:00:00", "Assigned at": "2025-02-28 14:05:00",
				"Initially assigned at": "2025-02-28 14:05:00", "Resolution time": "19",
				"Group stations": "1", "Assignee stations": "1", "Reopens": "1", "Replies": "3",
				"First resolution time in minutes":                       "1110",
				"First resolution time in minutes within business hours": "300",
				"Agent wait time in minutes":                             "5",
				"Agent wait time in minutes within business hours":       "5",
				"Requester wait time in minutes":                         "3",
				"Requester wait time in minutes within business hours":   "3",
				"On hold time in minutes":                                "0",
				"On hold time in minutes within business hours":          "0",
				"Plan": "Enterprise", "VIP": "false",
			},
		},
		{
			Source: "zendesk", ID: "104", RequesterID: "9004", RequesterEmail: "di@acme.com",
			Organization: "Acme", Subject: "Question about plans", Status: "hold", Priority: "low",
			Channel: "Chat", Type: "Question", Group: "Support", Assignee: "Grace Hopper",
			Tags: []string{"sales"}, Created: utc("2025-03-10T10:00:00Z"),
			FirstReplyMinutes: i64(0), FirstReplyBizMinutes: i64(0), Satisfaction: "offered",
			Attrs: backend.Attrs{
				"Requester": "Di", "Requester domain": "acme.com", "Submitter": "Di",
				"Updated at": "2025-03-10 11:00:00", "Group stations": "1", "Assignee stations": "1",
				"Reopens": "0", "Replies": "1", "On hold time in minutes": "90",
				"On hold time in minutes within business hours": "60", "Plan": "Free",
			},
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
	if got := res.tickets[0].Key(); got != "zendesk:101" {
		t.Errorf("Key = %q", got)
	}
}

func TestAccountTimeZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	res := runFile(t, "testdata/new_york.csv", importers.Options{Location: ny})
	if len(res.rejects) > 0 {
		t.Fatalf("rejected rows: %v", res.rejects)
	}
	want := []struct {
		id      string
		created time.Time
		solved  *time.Time
	}{
		{"201", utc("2025-01-15T13:00:00Z"), utcp("2025-01-16T00:30:00Z")}, // EST, solved crosses the UTC day
		{"202", utc("2025-03-09T06:30:00Z"), utcp("2025-03-09T07:30:00Z")}, // across the DST jump
		{"203", utc("2025-07-05T03:30:00Z"), utcp("2025-07-05T04:15:00Z")}, // EDT
		{"204", utc("2026-01-01T03:00:00Z"), nil},                          // a new year in UTC
	}
	if len(res.tickets) != len(want) {
		t.Fatalf("got %d tickets, want %d", len(res.tickets), len(want))
	}
	for i, w := range want {
		tk := res.tickets[i]
		if tk.ID != w.id || !tk.Created.Equal(w.created) || tk.Created.Location() != time.UTC {
			t.Errorf("ticket %s: created %v, want %v in UTC", tk.ID, tk.Created, w.created)
		}
		switch {
		case w.solved == nil && tk.Solved != nil:
			t.Errorf("ticket %s: solved %v, want none", tk.ID, *tk.Solved)
		case w.solved != nil && (tk.Solved == nil || !tk.Solved.Equal(*w.solved) || tk.Solved.Location() != time.UTC):
			t.Errorf("ticket %s: solved %v, want %v in UTC", tk.ID, tk.Solved, *w.solved)
		}
	}

	// Without a location the same file is read as UTC.
	res = runFile(t, "testdata/new_york.csv", importers.Options{})
	if got := res.tickets[0].Created; !got.Equal(utc("2025-01-15T08:00:00Z")) {
		t.Errorf("default location: created %v, want 08:00 UTC", got)
	}
}

func TestRows(t *testing.T) {
	const hdr = "Id,Requester id,Status,Created at,Solved at,Satisfaction Score,First reply time in minutes,Full resolution time in minutes,Tags\n"
	tests := []struct {
		name   string
		csv    string
		check  func(t *testing.T, tk *backend.Ticket)
		reject string // substring of the rejection reason
	}{
		{name: "placeholder solved at is empty", csv: hdr + "1,7,Pending,2025-01-02 03:04:05,1900-01-01 00:00:00,,,,\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if tk.Solved != nil || tk.Status != "pending" || tk.FirstReplyMinutes != nil || tk.Tags != nil || tk.Attrs != nil {
					t.Errorf("got %+v", *tk)
				}
			}},
		{name: "numeric csat 4 is good", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,2025-01-03 03:04:05,4,1,2,\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if tk.Satisfaction != "good" || tk.Attrs["Satisfaction Score"] != "4" {
					t.Errorf("satisfaction %q attrs %v", tk.Satisfaction, tk.Attrs)
				}
			}},
		{name: "numeric csat 3 is bad", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,,3,,,\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if tk.Satisfaction != "bad" {
					t.Errorf("satisfaction %q", tk.Satisfaction)
				}
			}},
		{name: "unknown csat kept raw", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,,Meh,,,\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if tk.Satisfaction != "" || tk.Attrs["Satisfaction Score"] != "Meh" {
					t.Errorf("satisfaction %q attrs %v", tk.Satisfaction, tk.Attrs)
				}
			}},
		{name: "decimal minutes round half up", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,,,2.5,10.49,\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if *tk.FirstReplyMinutes != 3 || *tk.ResolutionMinutes != 10 {
					t.Errorf("minutes %d %d", *tk.FirstReplyMinutes, *tk.ResolutionMinutes)
				}
			}},
		{name: "tags split on spaces", csv: hdr + "1,7,Open,2025-01-02 03:04:05,,,,,\"a  b\tc\"\n",
			check: func(t *testing.T, tk *backend.Ticket) {
				if !reflect.DeepEqual(tk.Tags, []string{"a", "b", "c"}) {
					t.Errorf("tags %q", tk.Tags)
				}
			}},
		{name: "empty id", csv: hdr + ",7,Open,2025-01-02 03:04:05,,,,,\n", reject: "Id is empty"},
		{name: "empty created", csv: hdr + "1,7,Open,,,,,,\n", reject: "Created at is empty"},
		{name: "bad created", csv: hdr + "1,7,Open,yesterday,,,,,\n", reject: `Created at "yesterday" is not a date`},
		{name: "bad solved", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,2025-13-45 10:00:00,,,,\n", reject: `Solved at "2025-13-45 10:00:00" is not a date`},
		{name: "bad minutes", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,,,abc,,\n", reject: `First reply time in minutes "abc" is not a duration`},
		{name: "negative minutes", csv: hdr + "1,7,Solved,2025-01-02 03:04:05,,,-5,,\n", reject: `First reply time in minutes "-5" is a negative duration`},
		{name: "ragged row", csv: hdr + "1,7,Solved\n", reject: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runString(t, tt.csv, importers.Options{})
			if tt.check == nil {
				if len(res.rejects) != 1 || len(res.tickets) != 0 {
					t.Fatalf("got %d tickets, rejects %v; want one rejection", len(res.tickets), res.rejects)
				}
				if !strings.Contains(res.rejects[0].reason, tt.reject) {
					t.Errorf("reason %q, want it to contain %q", res.rejects[0].reason, tt.reject)
				}
				if res.rejects[0].line != 2 {
					t.Errorf("line %d, want 2", res.rejects[0].line)
				}
				return
			}
			if len(res.rejects) > 0 || len(res.tickets) != 1 {
				t.Fatalf("got %d tickets, rejects %v", len(res.tickets), res.rejects)
			}
			tt.check(t, res.tickets[0])
		})
	}
}

func TestResolutionHoursFallback(t *testing.T) {
	res := runString(t, "Id,Requester id,Created at,Solved at,Resolution time\n1,2,2025-01-01 00:00:00,2025-01-01 02:00:00,2\n2,2,2025-01-01 00:00:00,,\n", importers.Options{})
	if len(res.rejects) > 0 || len(res.tickets) != 2 {
		t.Fatalf("tickets %d rejects %v", len(res.tickets), res.rejects)
	}
	if m := res.tickets[0].ResolutionMinutes; m == nil || *m != 120 {
		t.Errorf("resolution minutes %v, want 120", m)
	}
	if m := res.tickets[1].ResolutionMinutes; m != nil {
		t.Errorf("resolution minutes %v, want nil", *m)
	}
	if res.tickets[0].Attrs["Resolution time"] != "2" {
		t.Errorf("Resolution time not kept in Attrs: %v", res.tickets[0].Attrs)
	}
}

func TestAttrKey(t *testing.T) {
	for in, want := range map[string]string{
		"Plan [list]":          "Plan",
		" Notes [txt] ":        "Notes",
		"VIP [flag]":           "VIP",
		"Updated at":           "Updated at",
		"Weird [two words]":    "Weird [two words]",
		"[list]":               "[list]",
		"Region [multiselect]": "Region",
	} {
		if got := attrKey(in); got != want {
			t.Errorf("attrKey(%q) = %q, want %q", in, got, want)
		}
	}
}

package intercom

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

func TestRegistered(t *testing.T) {
	if importers.Find("intercom", "conversations") == nil {
		t.Fatal("not registered")
	}
}

func tickets(res importertest.Result) map[string]*backend.Ticket {
	m := map[string]*backend.Ticket{}
	for _, r := range res.Records {
		t := r.(*backend.Ticket)
		m[t.ID] = t
	}
	return m
}

func TestReportsExport(t *testing.T) {
	res := importertest.File(t, Conversations{}, "testdata/conversations.csv", importers.Options{})
	importertest.Golden(t, "conversations.golden", importertest.Summary(res))
	if res.Detect != 0.9 || len(res.Records) != 5 || len(res.Rejects) != 0 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	m := tickets(res)
	// First response time 290 s -> 5 min (4.83 rounded); time to close 10800 s = 180 min.
	a := m["215467"]
	if a.Status != "closed" || a.RequesterEmail != "zoe@shop.io" || a.RequesterID != "u_1" || a.Organization != "Shop Ltd" ||
		*a.FirstReplyMinutes != 5 || *a.ResolutionMinutes != 180 || a.Satisfaction != "good" || a.Channel != "chat" ||
		a.Group != "Support" || a.Assignee != "Ann" || strings.Join(a.Tags, " ") != "Billing VIP" || a.Subject != "Invoice wrong" ||
		!a.Solved.Equal(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("215467: %s", importertest.Ticket(a))
	}
	// No duration column value: first replied at − started at = 60 min.
	if b := m["215468"]; *b.FirstReplyMinutes != 60 || b.ResolutionMinutes != nil || b.Solved != nil || b.Status != "open" {
		t.Errorf("215468: %s", importertest.Ticket(b))
	}
	if c := m["215469"]; c.Status != "pending" || c.Satisfaction != "bad" || c.FirstReplyMinutes != nil {
		t.Errorf("215469: %s", importertest.Ticket(c))
	}
	if d := m["215470"]; d.Satisfaction != "bad" || *d.FirstReplyMinutes != 30 {
		t.Errorf("215470: %s", importertest.Ticket(d))
	}
	// An unknown rating is kept, not counted; 03/05/2025 is 3 May (day first).
	if e := m["215471"]; e.Satisfaction != "" || e.Attrs["Conversation rating"] != "7" || !e.Created.Equal(time.Date(2025, 5, 3, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("215471: %s", importertest.Ticket(e))
	}
}

// TestMessageLevelExport: one row per message; each row gives its
// conversation's ticket (the pipeline stores one per conversation).
func TestMessageLevelExport(t *testing.T) {
	res := importertest.File(t, Conversations{}, "testdata/messages_snake.csv", importers.Options{})
	importertest.Golden(t, "messages_snake.golden", importertest.Summary(res))
	if res.Detect != 0.9 || len(res.Records) != 3 || len(res.Rejects) != 0 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	a, b := res.Records[0].(*backend.Ticket), res.Records[1].(*backend.Ticket)
	if a.Key() != b.Key() || importertest.Ticket(a) != importertest.Ticket(b) {
		t.Errorf("the two rows of c900 differ:\n%s\n%s", importertest.Ticket(a), importertest.Ticket(b))
	}
	if *a.FirstReplyMinutes != 12 || a.Status != "closed" || a.Attrs["app_name"] != "Acme" || a.Attrs["message_body"] != "" {
		t.Errorf("c900: %s", importertest.Ticket(a))
	}
}

func TestDetect(t *testing.T) {
	for hdr, want := range map[string]float64{
		"Conversation ID,Conversation started at,Teammate assigned":                  0.9,
		"conversation_id,conversation_created_at,conversation_state":                 0.9,
		"Conversation ID,Created at,Conversation rating":                             0.9,
		"Conversation ID,Created at,Status":                                          0,
		"Message ID,Conversation ID,Direction,Inbox,Message date,Conversation state": 0,
		"Conversation ID,Created At,Mailbox,Status":                                  0,
		"Id,Requester id,Status,Via,Created at,Solved at,Satisfaction Score":         0,
	} {
		if got := (Conversations{}).Detect(csvfile.NewHeader(strings.Split(hdr, ",")...)); got != want {
			t.Errorf("Detect(%s) = %v, want %v", hdr, got, want)
		}
	}
}

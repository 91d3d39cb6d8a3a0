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

// TestAPIConversations reads conversations saved from Intercom's REST API
// (testdata/conversations_api.json, written after the API's conversation
// model; every figure below was worked out by hand from its timestamps).
func TestAPIConversations(t *testing.T) {
	res := importertest.File(t, Conversations{}, "testdata/conversations_api.json", importers.Options{})
	if !res.Items || res.Detect != 0.95 || len(res.Records) != 4 || len(res.Rejects) != 1 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	// The fifth conversation, starting on line 158, has no created_at.
	if r := res.Rejects[0]; r.Line != 158 || r.Reason != `"created_at" is missing: a conversation needs its creation time` {
		t.Errorf("reject %+v", r)
	}
	m := tickets(res)
	at := func(s string) time.Time { v, _ := time.Parse(time.DateTime, s); return v }
	// Created 09:00, first admin reply 09:05, closed 12:00; Intercom's own
	// office-hours durations 300 s and 10800 s.
	a := m["10001"]
	if a.Status != "closed" || !a.Created.Equal(at("2025-03-01 09:00:00")) || !a.Solved.Equal(at("2025-03-01 12:00:00")) ||
		*a.FirstReplyMinutes != 5 || *a.FirstReplyBizMinutes != 5 || *a.ResolutionMinutes != 180 || *a.ResolutionBizMinutes != 180 ||
		a.RequesterEmail != "zoe@shop.io" || a.RequesterID != "5f1a3c9e8b2d4a0012ab34cd" || a.Subject != "Invoice shows the wrong VAT number" ||
		strings.Join(a.Tags, " ") != "Billing VIP_customer" || a.Group != "5017691" || a.Assignee != "Ann Lee" ||
		a.Satisfaction != "good" || a.Channel != "conversation" || a.Priority != "" || a.Attrs["issue_type"] != "Billing" {
		t.Errorf("10001: %s", importertest.Ticket(a))
	}
	// Started by a lead without an address: the address of the lead's
	// first message; the admin's note does not count as a reply, the
	// comment at 10:42 does (42 minutes); still open.
	b := m["10002"]
	if b.Status != "open" || b.RequesterEmail != "yan@example.com" || b.RequesterID != "65a0c1d2e3f4a5b6c7d8e9f0" ||
		b.Subject != "Export to CSV fails" || *b.FirstReplyMinutes != 42 || b.FirstReplyBizMinutes != nil || b.Solved != nil ||
		b.ResolutionMinutes != nil || b.Priority != "priority" || b.Channel != "email" || len(b.Tags) != 0 || b.Satisfaction != "" {
		t.Errorf("10002: %s", importertest.Ticket(b))
	}
	// Started by an admin (a message to a user): the requester is the user
	// who answered; snoozed is pending; no admin comment, no first reply.
	c := m["10003"]
	if c.Status != "pending" || c.RequesterEmail != "mo@acme.example" || c.RequesterID != "6601aa22bb33cc44dd55ee66" ||
		c.FirstReplyMinutes != nil || c.Solved != nil || c.Assignee != "Ann Lee" || strings.Join(c.Tags, " ") != "Feedback" || c.Satisfaction != "" {
		t.Errorf("10003: %s", importertest.Ticket(c))
	}
	// No statistics: reopened and closed again, solved at its last close
	// (03-04 14:00 to 03-06 07:15 = 41 h 15 min = 2475 min); first reply
	// after 20 minutes; rated 2.
	d := m["10004"]
	if d.Status != "closed" || !d.Solved.Equal(at("2025-03-06 07:15:00")) || *d.ResolutionMinutes != 2475 || d.ResolutionBizMinutes != nil ||
		*d.FirstReplyMinutes != 20 || d.Satisfaction != "bad" || d.Assignee != "Raj" || strings.Join(d.Tags, " ") != "Churn_risk" {
		t.Errorf("10004: %s", importertest.Ticket(d))
	}
	for _, tk := range m {
		if tk.Key() != "intercom:"+tk.ID {
			t.Errorf("key %s", tk.Key())
		}
	}
}

// TestAPIListResponse reads the API's list response saved as it is.
func TestAPIListResponse(t *testing.T) {
	res := importertest.File(t, Conversations{}, "testdata/conversations_list.json", importers.Options{})
	if !res.Items || res.Detect != 0.95 || len(res.Records) != 2 || len(res.Rejects) != 0 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	m := tickets(res)
	if a := m["20001"]; *a.FirstReplyMinutes != 5 || *a.FirstReplyBizMinutes != 2 || *a.ResolutionMinutes != 180 ||
		*a.ResolutionBizMinutes != 60 || a.RequesterEmail != "pia@example.net" {
		t.Errorf("20001: %s", importertest.Ticket(a))
	}
	// created_at written as a string of digits.
	if b := m["20002"]; !b.Created.Equal(time.Unix(1740909600, 0)) || b.RequesterEmail != "tom@example.net" || b.Status != "open" {
		t.Errorf("20002: %s", importertest.Ticket(b))
	}
}

func TestDetectItems(t *testing.T) {
	for head, want := range map[string]float64{
		`[{"type":"conversation","id":"1"`:                                      0.95,
		"[\n  {\n    \"id\": \"1\",\n    \"type\": \"conversation\",":           0.95,
		`{"type":"conversation.list","conversations":[`:                         0.95,
		`[{"id":"1","source":{"type":"conversation"}},{"type":"conversation"}]`: 0,
		`[{"type":"ticket","id":"1"}]`:                                          0,
		`{"event":"x","properties":{"type":"conversation"}}`:                    0,
		`id,type` + "\n" + `1,conversation`:                                     0,
	} {
		if got := (Conversations{}).DetectItems([]byte(head)); got != want {
			t.Errorf("DetectItems(%q) = %v, want %v", head, got, want)
		}
	}
}

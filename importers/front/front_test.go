package front

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
	if importers.Find("front", "messages") == nil {
		t.Fatal("not registered")
	}
}

// final is each conversation's ticket as the workspace keeps it: the one
// from its last row.
func final(res importertest.Result) map[string]*backend.Ticket {
	m := map[string]*backend.Ticket{}
	for _, r := range res.Records {
		t := r.(*backend.Ticket)
		m[t.ID] = t
	}
	return m
}

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMessages(t *testing.T) {
	res := importertest.File(t, Messages{}, "testdata/messages.csv", importers.Options{})
	importertest.Golden(t, "messages.golden", importertest.Summary(res))
	if res.Detect != 0.9 || len(res.Records) != 10 || len(res.Rejects) != 2 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	if res.Rejects[0].Line != 12 || !strings.Contains(res.Rejects[0].Reason, "Conversation ID is empty") ||
		res.Rejects[1].Line != 13 || !strings.Contains(res.Rejects[1].Reason, `"someday" is not a date`) {
		t.Errorf("rejects %+v", res.Rejects)
	}
	m := final(res)
	if len(m) != 3 {
		t.Fatalf("%d conversations", len(m))
	}
	// The autoreply at 09:00:05 is not the reply; the flagged one at 09:30
	// carries Response time 1800 s.
	a := m["cnv_1"]
	if a.Status != "closed" || !a.Created.Equal(at("2025-01-05 09:00")) || a.Solved == nil || !a.Solved.Equal(at("2025-01-05 10:15")) ||
		*a.FirstReplyMinutes != 30 || a.RequesterEmail != "bob@acme.io" || a.Organization != "Acme" || a.Group != "Support" ||
		a.Assignee != "Ann" || strings.Join(a.Tags, " ") != "billing vip" || a.Subject != "Refund please" || a.Attrs["Contact name"] != "Bob Stone" {
		t.Errorf("cnv_1: %s", importertest.Ticket(a))
	}
	// Started by an outbound message; the requester is a phone handle.
	b := m["cnv_2"]
	if b.Status != "open" || b.Solved != nil || !b.Created.Equal(at("2025-01-06 12:00")) || *b.FirstReplyMinutes != 20 ||
		b.RequesterEmail != "" || b.RequesterID != "+15551234567" {
		t.Errorf("cnv_2: %s", importertest.Ticket(b))
	}
	// Rows newest first; no Response time: reply − first inbound = 60 min.
	c := m["cnv_3"]
	if c.Status != "solved" || !c.Created.Equal(at("2025-01-07 10:00")) || *c.FirstReplyMinutes != 60 || c.Subject != "Login" ||
		c.RequesterEmail != "carol@x.org" || !c.Solved.Equal(at("2025-01-07 11:00")) {
		t.Errorf("cnv_3: %s", importertest.Ticket(c))
	}
}

// TestWithoutFirstResponseColumn: the first reply is the first outbound
// message after the first inbound one (not the 08:00 outreach).
func TestWithoutFirstResponseColumn(t *testing.T) {
	res := importertest.File(t, Messages{}, "testdata/no_flag.csv", importers.Options{})
	importertest.Golden(t, "no_flag.golden", importertest.Summary(res))
	c := final(res)["c1"]
	if c == nil || *c.FirstReplyMinutes != 10 || c.Status != "closed" || !c.Solved.Equal(at("2025-02-01 09:50")) || c.RequesterEmail != "dee@example.com" {
		t.Fatalf("%s", importertest.Summary(res))
	}
}

func TestDetect(t *testing.T) {
	for hdr, want := range map[string]float64{
		"Message ID,Conversation ID,Segment,Direction,Status,Inbox,Message date,Reaction time,Response time": 0.9,
		"Message ID,Conversation ID,Inbox,Message date":                                                      0.9,
		"Message ID,Conversation ID,Message date":                                                            0,
		"Conversation ID,Direction,Inbox,Message date":                                                       0,
		"conversation_id,message_id,message_created_at":                                                      0,
	} {
		if got := (Messages{}).Detect(csvfile.NewHeader(strings.Split(hdr, ",")...)); got != want {
			t.Errorf("Detect(%s) = %v, want %v", hdr, got, want)
		}
	}
}

package helpscout

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
	if importers.Find("helpscout", "conversations") == nil {
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

func TestConversations(t *testing.T) {
	res := importertest.File(t, Conversations{}, "testdata/conversations.csv", importers.Options{})
	importertest.Golden(t, "conversations.golden", importertest.Summary(res))
	if res.Detect != 0.9 || len(res.Records) != 5 || len(res.Rejects) != 2 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	if res.Rejects[0].Line != 6 || !strings.Contains(res.Rejects[0].Reason, `"tomorrow" is not a date`) ||
		res.Rejects[1].Line != 7 || !strings.Contains(res.Rejects[1].Reason, "Conversation ID is empty") {
		t.Errorf("rejects %+v", res.Rejects)
	}
	m := tickets(res)
	a := m["2001"]
	if a.Status != "closed" || a.RequesterEmail != "bob@acme.io" || a.Group != "Support" || a.Assignee != "Ann Lee" ||
		*a.FirstReplyMinutes != 43 || !a.Solved.Equal(time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC)) ||
		a.Satisfaction != "good" || strings.Join(a.Tags, " ") != "billing refund_request" || a.Channel != "email" ||
		a.Attrs["Conversation Number"] != "101" || a.Attrs["Customer Name"] != "Bob Stone" {
		t.Errorf("2001: %s", importertest.Ticket(a))
	}
	if b := m["2002"]; b.Status != "open" || b.FirstReplyMinutes != nil || b.Solved != nil || b.Satisfaction != "" {
		t.Errorf("2002: %s", importertest.Ticket(b))
	}
	// A first response before the creation is not a reply time.
	if c := m["2003"]; c.FirstReplyMinutes != nil || c.RequesterEmail != "" || c.Satisfaction != "neutral" {
		t.Errorf("2003: %s", importertest.Ticket(c))
	}
	if d := m["2004"]; d.Status != "spam" || d.Satisfaction != "bad" {
		t.Errorf("2004: %s", importertest.Ticket(d))
	}
	if e := m["2007"]; e.Satisfaction != "" || e.Attrs["Happiness Rating"] != "Meh" {
		t.Errorf("2007: %s", importertest.Ticket(e))
	}
}

func TestDurationsAndTimeZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	res := importertest.File(t, Conversations{}, "testdata/durations.csv", importers.Options{Location: ny})
	importertest.Golden(t, "durations.golden", importertest.Summary(res))
	m := tickets(res)
	if a := m["31"]; a == nil || *a.FirstReplyMinutes != 90 || *a.ResolutionMinutes != 150 || a.RequesterEmail != "eve@example.org" ||
		!a.Created.Equal(time.Date(2025, 2, 1, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("31: %+v", a)
	}
	if b := m["32"]; b == nil || *b.FirstReplyMinutes != 125 || *b.ResolutionMinutes != 15 || b.RequesterEmail != "" {
		t.Errorf("32: %+v", b)
	}
	// A plain number with no unit in the header is kept, not guessed.
	if c := m["33"]; c == nil || c.FirstReplyMinutes != nil || c.Attrs["First Response Time"] != "95" {
		t.Errorf("33: %+v", c)
	}
	if len(res.Rejects) != 1 || res.Rejects[0].Line != 5 || !strings.Contains(res.Rejects[0].Reason, `First Response Time "soon" is not a duration`) {
		t.Errorf("rejects %+v", res.Rejects)
	}
}

func TestDetect(t *testing.T) {
	for hdr, want := range map[string]float64{
		"Conversation ID,Created At,Mailbox,Status":                 0.9,
		"Number,Created,Customer Waiting Since":                     0.9,
		"Conversation ID,Created At,Status,Tags":                    0,
		"Id,Requester id,Status,Via,Created at,Solved at":           0, // Zendesk
		"Message ID,Conversation ID,Direction,Inbox,Message date":   0, // Front
		"Conversation ID,Conversation started at,Teammate assigned": 0, // Intercom
	} {
		if got := (Conversations{}).Detect(csvfile.NewHeader(strings.Split(hdr, ",")...)); got != want {
			t.Errorf("Detect(%s) = %v, want %v", hdr, got, want)
		}
	}
}

func TestBindNeedsIDAndCreated(t *testing.T) {
	for hdr, want := range map[string]string{"Mailbox,Created At": "Conversation ID", "Conversation ID,Mailbox": "Created At"} {
		_, err := (Conversations{}).Bind(csvfile.NewHeader(strings.Split(hdr, ",")...), importers.Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Bind(%s) = %v", hdr, err)
		}
	}
}

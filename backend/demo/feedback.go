package demo

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// Northwind's feedback: a Canny board export (imported like any export),
// and the founder's history in the Feedback area: areas, types, notes from
// calls and e-mails, a dozen clusters with their product notes, statuses
// and the people told. The history is data; backend/feedback writes it
// through the Feedback area after the imports.

const fileBoard = "canny_posts.csv"

var cannyHeader = []string{"Post ID", "Title", "Details", "Board", "Status", "Category", "Tags", "Votes", "Author Name",
	"Author Email", "Owner", "ETA", "Created At", "Post URL"}

const streamFeedback uint64 = 100

// ask is one thing Northwind's customers ask for, in their words.
type ask struct {
	key, area, kind string
	from            float64 // share of the window when people start asking
	posts           int     // board posts over the window
	titles          []string
	details         []string
	tickets         []string // ticket subjects that ask the same
	notes           []string // what the founder wrote down after calls
}

var asks = []ask{
	{key: "slack", area: "Alerts", kind: "request", from: 0, posts: 34,
		titles: []string{"Slack notifications for alerts", "Send alerts to Slack", "Slack integration", "Post threshold alerts in a Slack channel",
			"Notify #ops on Slack when a metric drops", "alerts to slack pls", "Slack alerts instead of email"},
		details: []string{"We all live in Slack; the alert e-mails get lost.", "Our on-call rotation is in Slack, e-mail alerts are too slow.",
			"", "Would love a Slack app that posts when a threshold is crossed.", ""},
		tickets: []string{"Feature request: Slack notifications for alerts"},
		notes:   []string{"Asked again for Slack alerts; their ops team ignores e-mail.", "Slack alerts would let them drop their home-made bot."}},
	{key: "hubspot", area: "Data sources", kind: "request", from: 0.2, posts: 26,
		titles: []string{"HubSpot integration", "Sync HubSpot deals", "Connect HubSpot CRM as a data source", "Hubspot connector please",
			"Pull HubSpot contacts into dashboards"},
		details: []string{"Sales numbers live in HubSpot, product numbers here; we join them in a spreadsheet every Monday.", "",
			"Our board wants pipeline next to usage.", ""},
		tickets: []string{"Any plans for a HubSpot integration?"},
		notes:   []string{"They export HubSpot deals to CSV every week and upload them by hand.", "HubSpot is the one thing missing before they move the sales team over."}},
	{key: "pdf", area: "Exports", kind: "request", from: 0, posts: 22,
		titles:  []string{"Export dashboards to PDF", "PDF export for reports", "Download a dashboard as PDF", "Print-friendly PDF of charts", "pdf export"},
		details: []string{"I screenshot the dashboard every month for our board pack.", "", "Printing from the browser cuts charts in half."},
		tickets: []string{"Request: export dashboards to PDF"}},
	{key: "rls", area: "Team & permissions", kind: "request", from: 0.1, posts: 16,
		titles: []string{"Row-level permissions", "Restrict rows per viewer", "Row level security for client dashboards",
			"Let viewers see only their region's data"},
		details: []string{"We share dashboards with franchisees; each should see only their stores.", ""},
		tickets: []string{"Can we get row-level permissions?"},
		notes:   []string{"Row-level security is a must for their agency clients."}},
	{key: "sso", area: "Security", kind: "request", from: 0, posts: 14,
		titles:  []string{"SSO with Okta", "SAML single sign-on", "Azure AD login", "Enforce SSO for our workspace", "single sign-on"},
		details: []string{"Security review requires SSO before we roll out to 80 people.", "", "IT wants every tool behind Okta."},
		notes:   []string{"Security review blocked: they need SAML SSO first.", "Their IT will only approve tools with SSO."}},
	{key: "ratelimit", area: "API", kind: "request", from: 0.4, posts: 12,
		titles:  []string{"API rate limit too low", "Raise the API limit", "429 errors from the API", "Higher API quota on Scale"},
		details: []string{"Our nightly sync hits the limit after 10 minutes.", ""},
		tickets: []string{"API rate limit too low for our use case"}},
	{key: "fiscal", area: "Reports", kind: "request", from: 0.3, posts: 10,
		titles:  []string{"Custom fiscal year in reports", "Fiscal year starting in April", "Quarters that follow our fiscal calendar"},
		details: []string{"Our year starts in April; every quarterly report is off by a quarter.", ""},
		tickets: []string{"Request: custom fiscal year in reports"}},
	{key: "annotations", area: "Dashboards", kind: "request", from: 0.2, posts: 12,
		titles:  []string{"Annotations on charts", "Mark releases on a chart", "Add notes to a point on a chart"},
		details: []string{"So we remember why the line jumped in March.", ""},
		tickets: []string{"Would love annotations on charts"}},
	{key: "darkmode", area: "Dashboards", kind: "request", from: 0.6, posts: 16,
		titles:  []string{"Dark mode", "Dark theme for dashboards", "Night mode please", "dark mode for the TV dashboard"},
		details: []string{"The office TV shows our dashboard all day; white is blinding.", ""},
		notes:   []string{"Wants dark mode for the wall screen in their office."}},
	{key: "embed", area: "Dashboards", kind: "request", from: 0.3, posts: 10,
		titles:  []string{"Embed dashboards in our app", "iframe embed for dashboards", "Embed a chart in our customer portal"},
		details: []string{"Our customers should see their own usage inside our product.", ""}},
	{key: "price", area: "Billing & plans", kind: "strategy", from: 0, posts: 8,
		titles: []string{"Too expensive compared to Metabase", "Switching to Looker Studio because it is free",
			"Growth plan is steep for a 3-person team"},
		details: []string{"We love the alerts but can't justify the price for a small team.", ""},
		tickets: []string{"We're moving to another tool"},
		notes: []string{"Chose us over Metabase for the alerts, but they compare every invoice with Looker Studio.",
			"They rebuild our charts in Google Sheets by hand to send to investors.", "Would pay for Growth if it had HubSpot."}},
}

// bugClusters are ticket subjects the founder grouped as one bug.
var bugClusters = []struct{ key, subject, area string }{
	{"snowflake", "Snowflake sync failing with a timeout", "Data sources"},
	{"csvrows", "CSV export is missing rows", "Exports"},
	{"spinner", "Dashboard stuck on loading spinner", "Dashboards"},
}

// History is the founder's triage of the demo company's feedback.
type History struct {
	Areas    []string
	Types    map[string]string // item key → type
	AreaOf   map[string]string // item key → area name
	Notes    []HistoryNote
	Clusters []HistoryCluster
}

// HistoryNote is a note the founder wrote after a call or an e-mail.
type HistoryNote struct {
	At                time.Time
	Source, Email     string
	Name, Title, Text string
	Type, Area, Ask   string // Ask: the ask it belongs to, "" for none
}

// HistoryCluster is a cluster the founder confirmed, and what came of it.
type HistoryCluster struct {
	Key, Title string
	Items      []string // item keys
	Notes      []int    // indexes in History.Notes
	Made       time.Time
	Status     string // open, planned, shipped, wont_do
	StatusAt   time.Time
	Release    string
	Reason     string
	Decisions  []HistoryDecision
	Told       float64 // share of the people told, on ToldAt
	ToldAt     time.Time
}

// HistoryDecision is a product note.
type HistoryDecision struct {
	Decision, Why, Owner string
	Date                 time.Time
}

// board is the Canny posts with the people who wrote them.
type post struct {
	id      string
	ask     *ask
	title   string
	details string
	author  *person
	created time.Time
	votes   int
}

func (w *world) board() []post {
	r := newRand(streamFeedback)
	var out []post
	for i := range asks {
		a := &asks[i]
		first := w.start.Add(time.Duration(a.from * float64(w.now.Sub(w.start))))
		for k := 0; k < a.posts; k++ {
			u := math.Sqrt(r.Float64())
			t := first.Add(time.Duration(u * float64(w.now.Sub(first))))
			c := w.activeCustomer(r, t)
			if c == nil {
				continue
			}
			p := post{ask: a, title: pick(r, a.titles), details: pick(r, a.details), author: requester(r, c, t), created: t,
				votes: r.IntN(12)}
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].created.Before(out[j].created) })
	for i := range out {
		out[i].id = fmt.Sprintf("%08x", 0x5f3a0000+i*7919)
	}
	return out
}

// activeCustomer is a customer using the product at t, or nil.
func (w *world) activeCustomer(r *rand.Rand, t time.Time) *customer {
	for range 60 {
		c := pick(r, w.customers)
		if c.activeLabel(t) != "" && len(c.people) > 0 {
			return c
		}
	}
	return nil
}

func (w *world) writeBoard(dir string) (string, error) {
	posts := w.board()
	return writeCSV(dir, fileBoard, false, cannyHeader, func(cw *csv.Writer) error {
		for _, p := range posts {
			status := "open"
			slug := strings.ToLower(strings.ReplaceAll(p.title, " ", "-"))
			row := []string{p.id, p.title, p.details, "Feature Requests", status, p.ask.area, p.ask.key, itoa(p.votes), p.author.name,
				p.author.email, "", "", stamp(p.created, zendeskLayout), "https://feedback.northwind.example/feature-requests/p/" + slug}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// areaNames are Northwind's product areas, and the ticket tags they hold.
var areaNames = []struct {
	name string
	tags []string
}{
	{"Dashboards", []string{"dashboards"}},
	{"Reports", []string{"reports"}},
	{"Data sources", []string{"data_sources"}},
	{"Queries", []string{"queries"}},
	{"Alerts", []string{"alerts"}},
	{"Exports", []string{"exports"}},
	{"Team & permissions", []string{"team", "permissions"}},
	{"API", []string{"api"}},
	{"Billing & plans", []string{"plans", "invoices", "payments", "refunds"}},
	{"Security", []string{"security"}},
	{"Settings", []string{"settings"}},
	{"Sales & partners", []string{"sales", "partners"}},
}

// typeOfTag is the founder's type for a ticket of each topic.
var typeOfTag = map[string]string{
	"how_to": "confusion", "bug": "bug", "billing": "billing", "feature_request": "request", "account": "account",
	"presales": "strategy", "cancellation": "billing", "upgrade": "billing",
}

// untriagedDays: the founder has not triaged the last days' items yet.
const untriagedDays = 7

// FeedbackHistory is the founder's feedback history for the demo written
// on today's date: it names the items of the exports Write writes for the
// same date.
func FeedbackHistory(today time.Time) *History {
	w := newWorld(Day(today))
	w.addPeople()
	ts, _ := w.tickets()
	posts := w.board()
	r := newRand(streamFeedback + 1)
	h := &History{Types: map[string]string{}, AreaOf: map[string]string{}}
	areaOfTag := map[string]string{}
	for _, a := range areaNames {
		h.Areas = append(h.Areas, a.name)
		for _, t := range a.tags {
			areaOfTag[t] = a.name
		}
	}
	fresh := w.now.Add(-untriagedDays * day)
	when := map[string]time.Time{}
	triage := func(key string, at time.Time, typ, area string) {
		when[key] = at
		if at.Before(fresh) {
			h.Types[key], h.AreaOf[key] = typ, area
		}
	}
	bySubject := map[string][]string{}
	for i, t := range ts {
		key := "ticket:zendesk:" + itoa(2+i)
		typ := typeOfTag[t.topic.tag]
		if t.subject.text == "We're moving to another tool" {
			typ = "strategy"
		}
		triage(key, t.created, typ, areaOfTag[t.subject.area])
		bySubject[t.subject.text] = append(bySubject[t.subject.text], key)
	}
	byAsk := map[string][]string{}
	for _, p := range posts {
		key := "feedback:canny:" + p.id
		triage(key, p.created, p.ask.kind, p.ask.area)
		byAsk[p.ask.key] = append(byAsk[p.ask.key], key)
	}
	// Notes after calls and e-mails: a few per ask that has some.
	notesOf := map[string][]int{}
	for i := range asks {
		a := &asks[i]
		first := w.start.Add(time.Duration(a.from * float64(w.now.Sub(w.start))))
		for k := 0; k < 2*len(a.notes); k++ {
			at := between(r, first, w.now.Add(-2*day))
			c := w.activeCustomer(r, at)
			if c == nil {
				continue
			}
			p := c.people[0]
			n := HistoryNote{At: at, Source: pick(r, []string{"call", "call", "email", "meeting"}), Email: p.email, Name: p.name,
				Title: "Call with " + c.company, Text: pick(r, a.notes), Type: a.kind, Area: a.area, Ask: a.key}
			if n.Source == "email" {
				n.Title = "E-mail from " + p.name
			}
			if n.Source == "meeting" {
				n.Title = "Meeting with " + c.company
			}
			notesOf[a.key] = append(notesOf[a.key], len(h.Notes))
			h.Notes = append(h.Notes, n)
		}
	}
	sort.SliceStable(h.Notes, func(i, j int) bool { return h.Notes[i].At.Before(h.Notes[j].At) })
	notesOf = map[string][]int{}
	for i, n := range h.Notes {
		notesOf[n.Ask] = append(notesOf[n.Ask], i)
	}
	at := func(share float64) time.Time {
		return w.start.Add(time.Duration(share * float64(w.now.Sub(w.start)))).Truncate(time.Hour)
	}
	ago := func(days int) time.Time { return w.now.Add(-time.Duration(days) * day).Truncate(time.Hour) }
	owner := "Maya Lindqvist (CEO)"
	cto := "Tom Okafor (CTO)"
	for _, a := range asks {
		c := HistoryCluster{Key: a.key, Title: a.titles[0], Items: append([]string(nil), byAsk[a.key]...), Notes: notesOf[a.key], Status: "open"}
		for _, s := range a.tickets {
			c.Items = append(c.Items, bySubject[s]...)
		}
		switch a.key {
		case "slack":
			c.Status, c.StatusAt, c.Release, c.Told = "shipped", at(0.55), "v3.2 (Slack alerts)", 0.8
			c.Decisions = []HistoryDecision{{"Build Slack alerts before the HubSpot connector",
				"The most asked-for request on the board and in support, from accounts on every plan; alerts are why people choose us.", cto, at(0.38)}}
		case "hubspot":
			c.Status, c.StatusAt = "planned", ago(40)
			c.Decisions = []HistoryDecision{{"Build a HubSpot connector next quarter",
				"Growth accounts export HubSpot deals by hand every week; two prospects said it is what they would upgrade for.", owner, ago(40)}}
		case "pdf":
			// Shipped in the last complete month: its review closes a loop.
			c.Status, c.StatusAt, c.Release, c.Told = "shipped", w.month(months-2).Add(9*day), "v3.5 (PDF export)", 0.6
		case "rls":
			c.Status, c.StatusAt, c.Told = "wont_do", at(0.5), 0.5
			c.Reason = "Row-level rules would slow every query and make every share risky; one workspace per client does the job."
			c.Decisions = []HistoryDecision{{"Don't build row-level permissions; document one workspace per client",
				"Asked for mostly by agencies on Starter; the cost lands on every query of every account.", cto, at(0.5)}}
		case "sso":
			c.Status, c.StatusAt, c.Release, c.Told = "shipped", at(0.3), "v3.0 (SSO on Growth)", 0.9
			c.Decisions = []HistoryDecision{{"Offer SAML SSO on Growth, not only on Scale",
				"Security reviews blocked Growth accounts; SSO was the reason given in two lost deals.", owner, at(0.22)}}
		case "ratelimit":
			c.Status, c.StatusAt = "planned", ago(20)
		case "darkmode":
			c.Status, c.StatusAt = "planned", ago(12)
		case "price":
			c.Title = "Price compared with free tools"
			c.Decisions = []HistoryDecision{{"Keep Starter at $29 and add a yearly discount on Growth",
				"Small teams compare us with Metabase and Looker Studio on price, but stay for the alerts.", owner, at(0.7)}}
		}
		if !c.StatusAt.IsZero() {
			c.ToldAt = c.StatusAt.Add(4 * day)
		}
		h.Clusters = append(h.Clusters, settle(c, when, fresh))
	}
	for _, b := range bugClusters {
		c := HistoryCluster{Key: b.key, Title: b.subject, Items: bySubject[b.subject], Status: "open", Made: w.start.Add(30 * day)}
		switch b.key {
		case "snowflake":
			c.Status, c.StatusAt, c.Release, c.Told = "shipped", w.month(months-7).Add(10*day), "v3.3.1 (Snowflake timeouts)", 0.7
		case "csvrows":
			c.Status, c.StatusAt, c.Release, c.Told = "shipped", ago(60), "v3.4.2", 0.5
		}
		if !c.StatusAt.IsZero() {
			c.ToldAt = c.StatusAt.Add(2 * day)
		}
		h.Clusters = append(h.Clusters, settle(c, when, fresh))
	}
	return h
}

// settle leaves out of a cluster the items of the last days (the founder
// has not seen them: Keel suggests them) and dates the cluster a day
// after its third item, before any change of status.
func settle(c HistoryCluster, when map[string]time.Time, fresh time.Time) HistoryCluster {
	var items []string
	var times []time.Time
	for _, k := range c.Items {
		if when[k].Before(fresh) {
			items = append(items, k)
			times = append(times, when[k])
		}
	}
	c.Items = items
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	if len(times) > 0 {
		c.Made = times[min(2, len(times)-1)].Add(day)
	}
	if !c.StatusAt.IsZero() && c.Made.After(c.StatusAt) {
		c.Made = c.StatusAt.Add(-day)
	}
	return c
}

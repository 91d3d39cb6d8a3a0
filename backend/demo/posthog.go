package demo

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

const (
	eventsTarget = 200_000
	appURL       = "https://app.northwind.example" // reserved domain: data, not a request
	siteURL      = "https://northwind.example"
	visitorCount = 3500 // anonymous website visitors who never sign up
)

var posthogHeader = []string{
	"*.uuid", "*.event", "*.distinct_id", "*.timestamp",
	"*.properties.$current_url", "*.properties.$browser", "*.properties.email",
}

// Event names, in the order of the kinds below.
var eventNames = []string{
	"$pageview", "$identify", "signed_up", "project_created", "dashboard_viewed",
	"report_created", "report_shared", "query_run", "export_csv", "alert_created",
	"data_source_connected", "invite_sent",
}

const (
	evPageview uint8 = iota
	evIdentify
	evSignedUp
	evProjectCreated
	evDashboardViewed
	evReportCreated
	evReportShared
	evQueryRun
	evExportCSV
	evAlertCreated
	evSourceConnected
	evInviteSent
)

// Weights of what people do inside a session, by event kind above.
var sessionMix = []float64{45, 0, 0, 1, 22, 6, 4, 12, 3, 2, 1, 0}

const meanSession = 6.5 // events in a session: 2 + ⌊Exp(mean 5)⌋

var marketingPaths = []string{"/", "/", "/pricing", "/pricing", "/features", "/customers", "/blog/cohort-analysis-for-b2b", "/blog/how-we-price-seats", "/docs/getting-started", "/integrations/postgres"}

var appPaths = []string{"/home", "/dashboards", "/reports", "/queries", "/sources", "/alerts", "/settings/team", "/settings/billing"}

type event struct {
	t     time.Time
	seq   int // order of generation, to break ties
	p     *person
	kind  uint8
	anon  bool // sent before the person identified: distinct_id is the anonymous id
	email bool // carries the email property
	url   string
}

// analytics generates the product events of the window.
type analytics struct {
	w      *world
	r      *rand.Rand
	events []event
}

func (a *analytics) add(t time.Time, p *person, kind uint8, url string) *event {
	t = t.Truncate(time.Microsecond)
	if t.Before(a.w.start) || !t.Before(a.w.now) {
		return nil
	}
	a.events = append(a.events, event{t: t, seq: len(a.events), p: p, kind: kind, url: url})
	return &a.events[len(a.events)-1]
}

// events returns every event of the window, newest first (PostHog's export
// order).
func (w *world) events() []event {
	if w.evs != nil {
		return w.evs
	}
	a := &analytics{w: w, r: newRand(streamEvents)}
	a.events = make([]event, 0, eventsTarget+eventsTarget/5)
	a.visitors()
	var actors []*actor
	for _, c := range w.customers {
		blocks := c.blocks()
		for _, p := range c.people {
			a.signup(c, p)
			actors = append(actors, a.newActor(c, p, blocks))
		}
	}
	// Scale daily activity so the total lands near the target.
	want := float64(eventsTarget - len(a.events))
	k := 1.0
	for range 5 {
		got := 0.0
		for _, ac := range actors {
			for _, f := range ac.days {
				got += min(0.95, float64(f)*k)
			}
		}
		got *= meanSession
		if got == 0 {
			break
		}
		k *= want / got
	}
	for _, ac := range actors {
		a.live(ac, k)
	}
	a.powerUser()
	slices.SortFunc(a.events, func(x, y event) int {
		if c := y.t.Compare(x.t); c != 0 {
			return c
		}
		return y.seq - x.seq
	})
	w.evs = a.events
	return a.events
}

// visitors browse the website and never sign up.
func (a *analytics) visitors() {
	r, w := a.r, a.w
	for range visitorCount {
		u := math.Sqrt(r.Float64()) // later months bring more traffic
		t := w.start.Add(time.Duration(u * float64(w.now.Sub(w.start))))
		p := &person{browser: browsers[weighted(r, 60, 22, 10, 8)]}
		p.anonID = uuid7(r, t)
		for i := range 1 + r.IntN(5) {
			a.add(t.Add(time.Duration(i)*jitter(r, 10*time.Second, 3*time.Minute)), p, evPageview, siteURL+pick(r, marketingPaths))
		}
	}
}

// signup plays how a person arrives: the website (or an invite link) while
// anonymous, then signed_up and $identify.
func (a *analytics) signup(c *customer, p *person) {
	r := a.r
	t, admin := p.joined, p.admin
	if admin {
		for i := range 1 + r.IntN(4) {
			if e := a.add(t.Add(-jitter(r, time.Minute, 72*time.Hour)+time.Duration(i)*time.Second), p, evPageview, siteURL+pick(r, marketingPaths)); e != nil {
				e.anon = true
			}
		}
	} else {
		// The admin invited them shortly before.
		a.add(maxTime(c.people[0].joined.Add(time.Minute), t.Add(-jitter(r, 10*time.Minute, 48*time.Hour))), c.people[0], evInviteSent, appURL+"/settings/team")
		if e := a.add(t.Add(-jitter(r, 30*time.Second, 3*time.Minute)), p, evPageview, appURL+"/invite/accept"); e != nil {
			e.anon = true
		}
	}
	url := appURL + "/signup"
	if !admin {
		url = appURL + "/invite/accept"
	}
	if e := a.add(t, p, evSignedUp, url); e != nil {
		e.anon, e.email = true, true
	}
	if e := a.add(t.Add(jitter(r, time.Second, 4*time.Second)), p, evIdentify, appURL+"/onboarding"); e != nil {
		e.email = true
	}
	at := t.Add(jitter(r, 30*time.Second, 3*time.Minute))
	if admin && chance(r, 0.85) {
		a.add(at, p, evProjectCreated, appURL+"/projects/new")
		at = at.Add(jitter(r, 30*time.Second, 5*time.Minute))
	}
	// Connecting a data source is the step that makes Northwind useful;
	// accounts that go on to pay mostly do it in their first days.
	if admin && chance(r, map[bool]float64{true: 0.8, false: 0.25}[c.paid()]) {
		a.add(at.Add(time.Duration(r.ExpFloat64()*float64(2*day))), p, evSourceConnected, appURL+"/sources/new")
	}
	a.add(at.Add(jitter(r, time.Minute, 10*time.Minute)), p, evDashboardViewed, appURL+"/dashboards/"+strconv.Itoa(100+r.IntN(9000)))
}

// actor is a person with their chance of a session on each day after
// joining (before scaling).
type actor struct {
	p     *person
	first time.Time // first day
	days  []float32
}

func (a *analytics) newActor(c *customer, p *person, blocks []span) *actor {
	w := a.w
	y, m, d := p.joined.Date()
	ac := &actor{p: p, first: time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)}
	for d := ac.first; d.Before(w.now); d = d.Add(day) {
		mid := d.Add(12 * time.Hour)
		f := 0.0
		for _, b := range blocks {
			if mid.Before(b.from) || !mid.Before(b.to) {
				continue
			}
			f = p.engaged
			if b.to.Before(w.now) {
				// Usage fades in the weeks before an account leaves.
				if left := b.to.Sub(mid); left < 45*day {
					f *= 0.2 + 0.8*float64(left)/float64(45*day)
				}
			}
			if b.label == "-" {
				f *= 0.3
			}
		}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			f *= 0.25
		}
		ac.days = append(ac.days, float32(f))
	}
	return ac
}

// live plays the actor's sessions.
func (a *analytics) live(ac *actor, k float64) {
	r := a.r
	for i, f := range ac.days {
		if f == 0 || !chance(r, min(0.95, float64(f)*k)) {
			continue
		}
		d := ac.first.Add(time.Duration(i) * day)
		t := d.Add(jitter(r, 6*time.Hour, 21*time.Hour))
		a.add(t, ac.p, evPageview, appURL+pick(r, appPaths))
		n := 1 + int(r.ExpFloat64()*5)
		for range n {
			t = t.Add(jitter(r, 5*time.Second, 4*time.Minute))
			kind := uint8(weighted(r, sessionMix...))
			a.add(t, ac.p, kind, appURL+eventPath(r, kind))
		}
	}
}

func eventPath(r *rand.Rand, kind uint8) string {
	id := strconv.Itoa(100 + r.IntN(9000))
	switch kind {
	case evPageview:
		return pick(r, appPaths)
	case evProjectCreated:
		return "/projects/new"
	case evDashboardViewed:
		return "/dashboards/" + id
	case evReportCreated:
		return "/reports/new"
	case evReportShared, evExportCSV:
		return "/reports/" + id
	case evQueryRun:
		return "/queries/" + id
	case evAlertCreated:
		return "/alerts/new"
	case evSourceConnected:
		return "/sources/new"
	}
	return "/home"
}

// blocks merges the account's spans into stretches of continuous use.
func (c *customer) blocks() []span {
	var bs []span
	for _, s := range c.spans {
		if n := len(bs); n > 0 && !s.from.After(bs[n-1].to) {
			bs[n-1].to = maxTime(bs[n-1].to, s.to)
			bs[n-1].label = s.label
			continue
		}
		bs = append(bs, s)
	}
	return bs
}

// paid reports whether the customer ever paid.
func (c *customer) paid() bool {
	for _, s := range c.subs {
		if s.periods > 0 {
			return true
		}
	}
	return false
}

// writeEvents writes the PostHog events export (CRLF, as PostHog does).
func (w *world) writeEvents(dir string) (string, error) {
	evs := w.events()
	r := newRand(streamEventIDs)
	row := make([]string, len(posthogHeader))
	return writeCSV(dir, fileEvents, true, posthogHeader, func(cw *csv.Writer) error {
		for _, e := range evs {
			distinct, email := e.p.email, ""
			if e.anon || e.p.email == "" {
				distinct = e.p.anonID
			}
			if e.email {
				email = e.p.email
			}
			row[0] = uuid7(r, e.t)
			row[1] = eventNames[e.kind]
			row[2] = distinct
			row[3] = e.t.Format(posthogLayout)
			row[4] = e.url
			row[5] = e.p.browser
			row[6] = email
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
}

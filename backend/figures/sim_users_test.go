package figures_test

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// simUsers is a company's helpdesk and analytics history: customers who
// sign up in the product, some of whom pay after a trial and some leave,
// their colleagues, their tickets, anonymous visitors and prospects who
// write to support. Every answer of METRICS.md (Support, Product) is
// computed from this ground truth by expected(), independently of Keel.
type simUsers struct {
	loc       *time.Location
	now       time.Time
	companies []*simCompany
	visitors  []simEvent // anonymous, never sign up
	strangers []simTicket
}

type simCompany struct {
	i        int
	name     string
	domain   string // "" for a person on a public mail domain
	people   []*simPerson
	signup   time.Time
	customer string // Stripe customer id, "" for a free account
	billing  string // the customer's email
	paying   bool   // converts after the trial
	trialEnd time.Time
	ended    time.Time // zero when still subscribed (or never paid)
	events   []simEvent
	tickets  []simTicket
}

type simPerson struct {
	email  string
	anonID string
	join   time.Time
}

type simEvent struct {
	distinct, email, name string
	at                    time.Time
}

type simTicket struct {
	email        string
	created      time.Time
	solved       time.Time // zero when open
	reply        int64     // first reply minutes, -1 when absent
	resolution   int64     // full resolution minutes, -1 when absent
	satisfaction string    // Good, Bad, Offered, Not Offered
	tags         []string
	via          string
}

const activationEvent = "data_source_connected"

func newSimUsers(seed uint64) *simUsers {
	r := rand.New(rand.NewPCG(seed, 4))
	loc, _ := time.LoadLocation("America/New_York")
	w := &simUsers{loc: loc, now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}
	start := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	span := time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC).Sub(start)
	public := []string{"gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk"}
	for i := range 70 {
		c := &simCompany{i: i}
		c.signup = start.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Minute)
		if i%7 == 5 {
			// Signups right at a month boundary in New York (05:00 UTC on the 1st).
			c.signup = time.Date(2025, time.Month(2+i%10), 1, 4, 59+i%2, 0, 0, time.UTC)
		}
		if i%6 == 1 {
			c.name = fmt.Sprintf("Person %d", i)
			c.people = []*simPerson{{email: fmt.Sprintf("person%d@%s", i, public[i%len(public)])}}
		} else {
			c.name = fmt.Sprintf("Company %d", i)
			c.domain = fmt.Sprintf("company%d.io", i)
			for j := range 1 + r.IntN(3) {
				c.people = append(c.people, &simPerson{email: fmt.Sprintf("user%d@%s", j, c.domain)})
			}
		}
		for j, p := range c.people {
			p.anonID = fmt.Sprintf("anon-%d-%d", i, j)
			p.join = c.signup
			if j > 0 {
				p.join = c.signup.Add(time.Duration(1+r.IntN(20*24)) * time.Hour)
			}
		}
		if i%4 != 2 {
			c.customer = fmt.Sprintf("cus_sim%03d", i)
			c.billing = c.people[0].email
			if c.domain != "" && i%3 == 0 {
				c.billing = "billing@" + c.domain
			}
			c.trialEnd = c.signup.Add(14 * 24 * time.Hour)
			c.paying = r.IntN(10) < 7
			if c.paying && r.IntN(4) == 0 {
				c.ended = c.trialEnd.Add(time.Duration(30+r.IntN(200)) * 24 * time.Hour)
				if !c.ended.Before(w.now) {
					c.ended = time.Time{}
				}
			}
		}
		w.play(r, c)
		w.companies = append(w.companies, c)
	}
	for k := range 150 {
		t := start.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
		for n := range 1 + r.IntN(3) {
			w.visitors = append(w.visitors, simEvent{distinct: fmt.Sprintf("visitor-%d", k), name: "$pageview", at: t.Add(time.Duration(n) * time.Minute)})
		}
	}
	for k := range 25 {
		email := fmt.Sprintf("someone%d@prospect%d.com", k, k)
		switch {
		case k%5 == 1:
			email = fmt.Sprintf("stranger%d@gmail.com", k) // a public domain never links to anyone
		case k%5 == 2:
			email = ""
		}
		w.strangers = append(w.strangers, w.ticket(r, email, start.Add(time.Duration(r.Int64N(int64(span))))))
	}
	return w
}

// lastDay is when the company stops using the product.
func (c *simCompany) lastDay(now time.Time) time.Time {
	switch {
	case !c.ended.IsZero():
		return c.ended
	case c.customer != "" && !c.paying:
		return c.trialEnd.Add(5 * 24 * time.Hour)
	}
	return now
}

// play writes the company's events and tickets.
func (w *simUsers) play(r *rand.Rand, c *simCompany) {
	add := func(p *simPerson, distinct, email, name string, at time.Time) {
		if at.Before(w.now) {
			c.events = append(c.events, simEvent{distinct, email, name, at})
		}
	}
	edge := c.i%9 == 3 || c.i%9 == 4 // activation exactly at the window's edge, or one second after
	for j, p := range c.people {
		if j == 0 {
			if !edge {
				for n := range 1 + r.IntN(3) {
					add(p, p.anonID, "", "$pageview", p.join.Add(-time.Duration(1+r.IntN(48))*time.Hour+time.Duration(n)*time.Minute))
				}
			}
			add(p, p.anonID, p.email, "signed_up", p.join)
			add(p, p.email, p.email, "$identify", p.join.Add(5*time.Second))
			switch {
			case c.i%9 == 3:
				add(p, p.email, "", activationEvent, p.join.Add(14*24*time.Hour))
			case c.i%9 == 4:
				add(p, p.email, "", activationEvent, p.join.Add(14*24*time.Hour+time.Second))
			case r.IntN(3) > 0:
				add(p, p.email, "", activationEvent, p.join.Add(time.Duration(r.Int64N(int64(40*24*time.Hour)))).Truncate(time.Second))
			}
		} else {
			// Colleagues are identified from the start: the distinct id is the address.
			add(p, p.email, "", "signed_up", p.join)
		}
		engaged := 0.1 + 0.5*r.Float64()
		end := c.lastDay(w.now)
		for d := p.join.Truncate(24 * time.Hour).Add(24 * time.Hour); d.Before(end); d = d.Add(24 * time.Hour) {
			if r.Float64() >= engaged {
				continue
			}
			t := d.Add(time.Duration(r.IntN(86400)) * time.Second)
			for n := range 1 + r.IntN(4) {
				add(p, p.email, "", []string{"dashboard_viewed", "query_run", "report_created"}[r.IntN(3)], t.Add(time.Duration(n)*time.Minute))
			}
		}
		for range r.IntN(6) {
			at := p.join.Add(time.Duration(r.Int64N(int64(w.now.Sub(p.join)))))
			if at.Before(w.now) {
				c.tickets = append(c.tickets, w.ticket(r, p.email, at))
			}
		}
	}
}

func (w *simUsers) ticket(r *rand.Rand, email string, created time.Time) simTicket {
	t := simTicket{email: email, created: created.Truncate(time.Second), reply: -1, resolution: -1}
	t.via = []string{"Mail", "Web form", "Chat"}[r.IntN(3)]
	for range r.IntN(3) {
		t.tags = append(t.tags, []string{"billing", "bug", "howto", "export"}[r.IntN(4)])
	}
	if r.IntN(10) < 7 {
		t.reply = int64(1 + r.IntN(600))
	}
	if r.IntN(10) < 8 {
		if s := t.created.Add(time.Duration(10+r.IntN(5*24*60)) * time.Minute).Add(time.Duration(r.IntN(60)) * time.Second); s.Before(w.now) {
			t.solved = s
			if r.IntN(10) < 6 {
				t.resolution = int64(s.Sub(t.created)/time.Minute) + int64(r.IntN(30)) // the export's own count
			}
		}
	}
	t.satisfaction = []string{"Good", "Good", "Good", "Bad", "Offered", "Not Offered"}[r.IntN(6)]
	return t
}

// simMonth are the expected numbers of one month.
type simMonth struct {
	tickets, solved                                  int64
	replyP50, replyP90, resolutionP50, resolutionP90 *int64
	satisfaction                                     *float64
	active                                           int64
	signups, activated                               int64
	retained                                         map[int]int64 // cohort of this month: k → accounts with an event in month +k
}

func (w *simUsers) month(t time.Time) int {
	t = t.In(w.loc)
	return t.Year()*12 + int(t.Month()) - 1
}

// nearest is the nearest-rank percentile, written apart from Keel's.
func nearest(xs []int64, p float64) *int64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := 0
	for float64(k)*100 < p*float64(len(s)) { // smallest k with k ≥ p/100·n
		k++
	}
	v := s[max(k, 1)-1]
	return &v
}

// expected computes the months m0..m1 (absolute months in the workspace
// zone) from the simulation.
func (w *simUsers) expected(m0, m1 int, activationDays int) []simMonth {
	n := m1 - m0 + 1
	out := make([]simMonth, n)
	replies, resolutions := make([][]int64, n), make([][]int64, n)
	good, bad := make([]int64, n), make([]int64, n)
	idx := func(t time.Time) int {
		if i := w.month(t) - m0; i >= 0 && i < n {
			return i
		}
		return -1
	}
	var all []simTicket
	for _, c := range w.companies {
		all = append(all, c.tickets...)
	}
	all = append(all, w.strangers...)
	for _, t := range all {
		if i := idx(t.created); i >= 0 {
			out[i].tickets++
			if t.reply >= 0 {
				replies[i] = append(replies[i], t.reply)
			}
			switch t.satisfaction {
			case "Good":
				good[i]++
			case "Bad":
				bad[i]++
			}
		}
		if !t.solved.IsZero() {
			if i := idx(t.solved); i >= 0 {
				out[i].solved++
				res := t.resolution
				if res < 0 {
					res = int64(t.solved.Sub(t.created) / time.Minute)
				}
				resolutions[i] = append(resolutions[i], res)
			}
		}
	}
	for i := range out {
		o := &out[i]
		o.replyP50, o.replyP90 = nearest(replies[i], 50), nearest(replies[i], 90)
		o.resolutionP50, o.resolutionP90 = nearest(resolutions[i], 50), nearest(resolutions[i], 90)
		if good[i]+bad[i] > 0 {
			s := float64(good[i]) / float64(good[i]+bad[i])
			o.satisfaction = &s
		}
		o.retained = map[int]int64{}
	}
	for _, c := range w.companies {
		first := c.signup // the customer record, when there is one
		for _, e := range c.events {
			if e.at.Before(first) {
				first = e.at
			}
		}
		active := map[int]bool{}
		for _, e := range c.events {
			active[w.month(e.at)] = true
		}
		for m := m0; m <= m1; m++ {
			end := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, w.loc).AddDate(0, 1, 0).Add(-time.Second)
			paying := c.customer != "" && c.paying && !c.trialEnd.After(end) && (c.ended.IsZero() || c.ended.After(end))
			if paying || active[m] {
				out[m-m0].active++
			}
		}
		i := idx(first)
		if i < 0 {
			continue
		}
		out[i].signups++
		for _, e := range c.events {
			if e.name == activationEvent && !e.at.Before(first) && e.at.Sub(first) <= time.Duration(activationDays)*24*time.Hour {
				out[i].activated++
				break
			}
		}
		for m := range active {
			if k := m - w.month(first); k >= 0 {
				out[i].retained[k]++
			}
		}
	}
	return out
}

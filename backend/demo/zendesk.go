package demo

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

const ticketsTarget = 3000 // over the whole window

var zendeskHeader = []string{
	"Id", "Requester", "Requester id", "Requester email", "Requester domain",
	"Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
	"Ticket type", "Created at", "Updated at", "Solved at", "Satisfaction Score",
	"Reopens", "Replies", "First reply time in minutes",
	"First reply time in minutes within business hours",
	"Full resolution time in minutes",
	"Full resolution time in minutes within business hours", "Plan [list]",
}

type ticket struct {
	requester *person
	created   time.Time
	topic     topic
	subject   subject
	plan      string // account's plan label at the ticket's creation, "-" for none
}

// helpdesk builds the tickets of the window and the ticket-side state
// (requester ids) the writer needs.
type helpdesk struct {
	w            *world
	r            *rand.Rand
	requesterIDs map[*person]string
	usedIDs      map[string]bool
	badMonth     int // a release that broke things: more bug reports
}

// tickets draws the helpdesk's tickets, oldest first.
func (w *world) tickets() ([]ticket, *helpdesk) {
	h := &helpdesk{w: w, r: newRand(streamTickets), requesterIDs: map[*person]string{}, usedIDs: map[string]bool{}, badMonth: months - 8}
	r := h.r
	var ts []ticket
	// Billing moments: failed cards, refunds, cancellations, upgrades.
	for _, n := range w.notes {
		if n.t.Before(w.start) || !n.t.Before(w.now) {
			continue
		}
		p := map[noteKind]float64{noteFailed: 1, noteRefund: 0.8, noteCancel: 0.3, noteUpgrade: 0.25}[n.kind]
		if !chance(r, p) {
			continue
		}
		tp := noteTopics[n.kind]
		ts = append(ts, ticket{requester: billingContact(r, n.c, n.t), created: n.t, topic: tp, subject: pick(r, tp.subjects), plan: planField(n.c, n.t)})
	}
	// People who are not customers: prospects, students, partners.
	outside := ticketsTarget * 11 / 100
	for range outside {
		u := math.Sqrt(r.Float64()) // more of them as the company grows
		t := w.start.Add(time.Duration(u * float64(w.now.Sub(w.start))))
		ts = append(ts, ticket{requester: pick(r, w.outsiders), created: t, topic: prospects, subject: pick(r, prospects.subjects), plan: "-"})
	}
	// Everyday questions of active accounts, calibrated so that the total
	// lands near the target whatever now is.
	base := float64(ticketsTarget - len(ts))
	total := 0.0
	h.eachAccountDay(func(c *customer, d time.Time, rate float64) { total += rate })
	k := base / total
	h.eachAccountDay(func(c *customer, d time.Time, rate float64) {
		if !chance(r, rate*k) {
			return
		}
		t := d.Add(ticketHour(r))
		if !t.Before(w.now) {
			return
		}
		tp := h.topicFor(c, t)
		ts = append(ts, ticket{requester: requester(r, c, t), created: t, topic: tp, subject: pick(r, tp.subjects), plan: planField(c, t)})
	})
	ts = append(ts, w.incidentTickets()...) // the rolled-back release's spike (incident.go)
	slices.SortStableFunc(ts, func(a, b ticket) int { return a.created.Compare(b.created) })
	return ts, h
}

// eachAccountDay calls f for every day an account uses the product, with its
// expected tickets that day.
func (h *helpdesk) eachAccountDay(f func(c *customer, d time.Time, rate float64)) {
	w := h.w
	perMonth := map[string]float64{"Trial": 2.0, "Starter": 0.7, "Growth": 1.1, "Scale": 1.8, "-": 0.5}
	for _, c := range w.customers {
		for d := w.start; d.Before(w.now); d = d.Add(day) {
			label := c.activeLabel(d.Add(12 * time.Hour))
			if label == "" {
				continue
			}
			m := w.monthIndex(d)
			rate := perMonth[label] / 30 * (1 + 0.3*float64(m)/float64(months-1))
			if m == h.badMonth {
				rate *= 1.4
			}
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				rate *= 0.35
			}
			f(c, d, rate)
		}
	}
}

// ticketHour spreads tickets over the day, mostly in European and American
// working hours.
func ticketHour(r *rand.Rand) time.Duration {
	if chance(r, 0.75) {
		return jitter(r, 7*time.Hour, 22*time.Hour)
	}
	return jitter(r, 0, 24*time.Hour)
}

func (h *helpdesk) topicFor(c *customer, t time.Time) topic {
	r := h.r
	bugWeight := 20.0
	if h.w.monthIndex(t) == h.badMonth {
		bugWeight = 60
	}
	if c.activeLabel(t) == "Trial" {
		return [...]topic{howTo, bugs, billing, requests, account}[weighted(r, 60, 12, 12, 12, 4)]
	}
	return [...]topic{howTo, bugs, billing, requests, account}[weighted(r, 35, bugWeight, 12, 15, 8)]
}

// requester is someone at the account who had joined by t.
func requester(r *rand.Rand, c *customer, t time.Time) *person {
	var ps []*person
	for _, p := range c.people {
		if !p.joined.After(t) {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return c.people[0]
	}
	return pick(r, ps)
}

// billingContact writes about money: usually the admin.
func billingContact(r *rand.Rand, c *customer, t time.Time) *person {
	if chance(r, 0.7) {
		return c.people[0]
	}
	return requester(r, c, t)
}

func planField(c *customer, t time.Time) string {
	if l := c.activeLabel(t); l != "" {
		return l
	}
	return "-"
}

func (h *helpdesk) requesterID(p *person) string {
	if id, ok := h.requesterIDs[p]; ok {
		return id
	}
	for {
		id := strconv.FormatInt(10_000_000_000_000+h.r.Int64N(9_000_000_000_000), 10)
		if !h.usedIDs[id] {
			h.usedIDs[id] = true
			h.requesterIDs[p] = id
			return id
		}
	}
}

// writeTickets writes the Zendesk ticket export.
func (w *world) writeTickets(dir string) (string, error) {
	ts, h := w.tickets()
	r := h.r
	return writeCSV(dir, fileTickets, false, zendeskHeader, func(cw *csv.Writer) error {
		for i, t := range ts {
			if err := cw.Write(h.row(r, 2+i, t)); err != nil {
				return err
			}
		}
		return nil
	})
}

// row plays the ticket's handling: who answers, how fast, how it ends.
func (h *helpdesk) row(r *rand.Rand, id int, t ticket) []string {
	w := h.w
	m := w.monthIndex(t.created)
	// Replies slow down as the load grows and speed up after each hire.
	hired := 0
	var team []agent
	for _, a := range agents {
		if a.from <= m {
			team = append(team, a)
			if a.group == "Support" {
				hired = a.from
			}
		}
	}
	load := 0.8 + 0.06*float64(m-hired)
	priority := []string{"Low", "Normal", "High", "Urgent"}[weighted(r, 30, 60, 9, 1)]
	group, kind := t.topic.group, t.topic.kind
	replyMedian, fixMedian := 90*load, 240.0
	switch t.topic.tag {
	case "bug":
		priority = []string{"Normal", "High", "Urgent"}[weighted(r, 45, 40, 15)]
		fixMedian = 1400
		if chance(r, 0.15) {
			kind = "Problem"
		}
	case "feature_request":
		fixMedian = 2200
	case "billing", "cancellation", "upgrade":
		fixMedian = 300
	}
	if priority == "Urgent" {
		replyMedian *= 0.3
	}
	assignee := h.assignee(team, &group)
	via := []string{"Mail", "Web form", "Chat"}[weighted(r, 55, 30, 15)]
	firstReply := clampMinutes(lognormal(r, replyMedian, 1.0), 1, 4*24*60)
	reopens := weighted(r, 85, 12, 3)
	full := firstReply + clampMinutes(lognormal(r, fixMedian, 1.2), 2, 30*24*60)
	for range reopens {
		full += clampMinutes(lognormal(r, 1440, 0.8), 30, 10*24*60)
	}
	replies := 1 + reopens + min(6, int(r.ExpFloat64()*1.5))
	replyAt := t.created.Add(time.Duration(firstReply) * time.Minute)
	solvedAt := t.created.Add(time.Duration(full) * time.Minute)

	var status, updated, solved, sat, frText, frBiz, fullText, fullBiz string
	switch {
	case solvedAt.Before(w.now):
		status, updated = "Solved", stamp(solvedAt, zendeskLayout)
		if closed := solvedAt.Add(96 * time.Hour); closed.Before(w.now) {
			status, updated = "Closed", stamp(closed, zendeskLayout)
		}
		solved = stamp(solvedAt, zendeskLayout)
		frText, frBiz = itoa(firstReply), itoa(businessMinutes(t.created, replyAt))
		fullText, fullBiz = itoa(full), itoa(businessMinutes(t.created, solvedAt))
		bad := 0.06
		if firstReply > 8*60 || full > 3*24*60 {
			bad = 0.2
		}
		sat = []string{"Good", "Bad", "Offered", "Not Offered"}[weighted(r, 0.5, bad, 0.34, 0.1)]
	case replyAt.Before(w.now):
		status = []string{"Open", "Pending", "Hold"}[weighted(r, 45, 45, 10)]
		updated = stamp(between(r, replyAt, w.now), zendeskLayout)
		frText, frBiz = itoa(firstReply), itoa(businessMinutes(t.created, replyAt))
		sat = "Not Offered"
		replies = max(1, replies-1)
	default:
		status, updated, assignee, sat, replies = "New", stamp(t.created, zendeskLayout), "", "Not Offered", 0
		reopens = 0
	}
	tags := []string{t.topic.tag, t.subject.area}
	if t.plan != "-" {
		tags = append(tags, "plan_"+strings.ToLower(t.plan))
	}
	if via == "Chat" {
		tags = append(tags, "chat")
	}
	email := t.requester.email
	return []string{
		itoa(id), t.requester.name, h.requesterID(t.requester), email, email[strings.IndexByte(email, '@')+1:],
		assignee, group, t.subject.text, strings.Join(tags, " "), status, priority, via,
		kind, stamp(t.created, zendeskLayout), updated, solved, sat,
		itoa(reopens), itoa(replies), frText, frBiz, fullText, fullBiz, t.plan,
	}
}

// assignee picks who handles the ticket; engineering questions go to the
// engineer once there is one, and to support before.
func (h *helpdesk) assignee(team []agent, group *string) string {
	var support, eng []agent
	for _, a := range team {
		if a.group == "Engineering" {
			eng = append(eng, a)
		} else {
			support = append(support, a)
		}
	}
	if *group == "Engineering" {
		if len(eng) > 0 && chance(h.r, 0.6) {
			return pick(h.r, eng).name
		}
		*group = "Support"
	}
	return pick(h.r, support).name
}

func clampMinutes(x float64, lo, hi int) int {
	return max(lo, min(hi, int(x)))
}

// businessMinutes counts the minutes of [from, to) that fall in business
// hours, Monday to Friday 08:00–18:00 UTC.
func businessMinutes(from, to time.Time) int {
	total := time.Duration(0)
	y, m, d := from.Date()
	for day0 := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); day0.Before(to); day0 = day0.AddDate(0, 0, 1) {
		if wd := day0.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		open, shut := day0.Add(8*time.Hour), day0.Add(18*time.Hour)
		a, b := maxTime(open, from), minTime(shut, to)
		if b.After(a) {
			total += b.Sub(a)
		}
	}
	return int(total / time.Minute)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

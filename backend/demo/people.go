package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var browsers = []string{"Chrome", "Safari", "Firefox", "Microsoft Edge"}

// addPeople gives every account its team (the people who sign up to the
// product, use it and write to support) and adds the outsiders who write to
// support without being customers.
func (w *world) addPeople() {
	r := newRand(streamPeople)
	for _, c := range w.customers {
		admin := c.people[0]
		admin.joined = c.created.Add(-jitter(r, 2*time.Minute, 25*time.Minute))
		if admin.joined.Before(w.start) {
			admin.joined = w.start.Add(jitter(r, time.Second, time.Minute))
		}
		admin.engaged = 0.45 + 0.4*r.Float64()
		w.setUp(r, admin)
		taken := map[string]bool{admin.email: true}
		for range teamSize(r, c) {
			p := w.teammate(r, c, taken)
			if p == nil {
				continue
			}
			c.people = append(c.people, p)
		}
	}
	for range 240 {
		first, last := pick(r, firstNames), pick(r, lastNames)
		domain := pick(r, publicDomains)
		if chance(r, 0.3) {
			domain = pick(r, prospectDomains)
		}
		email := contactEmail(first, last, domain, r.IntN(10))
		if domain == "gmail.com" {
			email = fmt.Sprintf("%s.%s%d@gmail.com", strings.ToLower(first), strings.ToLower(last), r.IntN(100))
		}
		w.outsiders = append(w.outsiders, &person{name: first + " " + last, email: email})
	}
}

// teamSize is how many colleagues join the first user.
func teamSize(r *rand.Rand, c *customer) int {
	if c.public || len(c.subs) == 0 {
		return 0
	}
	s := c.subs[0]
	if s.periods == 0 && !s.endedAt.IsZero() {
		return r.IntN(2) // a trial that never converted
	}
	n := [...]int{r.IntN(2), 1 + r.IntN(4), 3 + r.IntN(7)}[s.tier]
	return n + s.qty - 1
}

// teammate draws a colleague who joins while the account uses the product,
// or nil when that moment falls outside it.
func (w *world) teammate(r *rand.Rand, c *customer, taken map[string]bool) *person {
	joined := c.created.Add(time.Duration(r.ExpFloat64() * float64(25*day)))
	if !joined.Before(w.now) || c.activeLabel(joined) == "" {
		return nil
	}
	for {
		first, last := pick(r, firstNames), pick(r, lastNames)
		email := contactEmail(first, last, c.domain, c.emailStyle)
		if taken[email] {
			continue
		}
		taken[email] = true
		p := &person{name: first + " " + last, email: email, cust: c, joined: joined, engaged: 0.08 + 0.5*r.Float64()*r.Float64()}
		w.setUp(r, p)
		return p
	}
}

func (w *world) setUp(r *rand.Rand, p *person) {
	p.browser = browsers[weighted(r, 62, 18, 10, 10)]
	p.anonID = uuid7(r, p.joined.Add(-jitter(r, time.Minute, 3*day)))
}

// activeLabel is the account's plan label at t ("Trial", "Growth", …), or
// "" when it is not using the product then.
func (c *customer) activeLabel(t time.Time) string {
	for i := len(c.spans) - 1; i >= 0; i-- {
		s := c.spans[i]
		if !t.Before(s.from) && t.Before(s.to) {
			return s.label
		}
	}
	return ""
}

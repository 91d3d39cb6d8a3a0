package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

const months = 24 // length of the window, ending with now's month

// newWorld simulates the billing life of every customer of the window that
// ends at now.
func newWorld(now time.Time) *world {
	now = now.UTC()
	w := &world{
		now:     now,
		start:   time.Date(now.Year(), now.Month()-months+1, 1, 0, 0, 0, 0, time.UTC),
		r:       newRand(streamBilling),
		ids:     newIDMaker(),
		prices:  map[priceKey]string{},
		payouts: map[string]string{},
		domains: map[string]bool{},
	}
	// Prices exist before the window (the company launched its plans then).
	for _, cur := range []string{"usd", "eur"} {
		for t := range plans {
			for _, annual := range []bool{false, true} {
				w.prices[priceKey{tier(t), annual, cur}] = w.ids.object("price", '1', w.start.AddDate(0, -2, t))
			}
		}
	}
	for _, s := range w.signups() {
		c := w.newCustomer(s.t, s.story)
		w.customers = append(w.customers, c)
		w.live(c)
	}
	return w
}

type signup struct {
	t     time.Time
	story string
}

// signups spreads the customers over the window at a growing rate, plus the
// scripted ones.
func (w *world) signups() []signup {
	var ss []signup
	for m := range months {
		n := 7 + m*11/20 + w.r.IntN(3) - 1
		from, to := w.month(m), w.month(m+1)
		for range n {
			if t := between(w.r, from, to); t.Before(w.now) {
				ss = append(ss, signup{t: t})
			}
		}
	}
	ss = append(ss,
		signup{w.month(1).Add(4*day + 15*time.Hour + 12*time.Minute + 7*time.Second), storyWinback},
		signup{w.month(8).Add(11*day + 9*time.Hour + 41*time.Minute + 53*time.Second), storyDispute},
		signup{w.month(months - 5).Add(2*day + 10*time.Hour + 3*time.Minute + 19*time.Second), storyOneMonth},
	)
	slices.SortStableFunc(ss, func(a, b signup) int { return a.t.Compare(b.t) })
	return ss
}

// newCustomer draws who the customer is: company, domain, currency, tax.
func (w *world) newCustomer(t time.Time, story string) *customer {
	r := w.r
	c := &customer{id: w.ids.customer(), created: t, story: story, invPrefix: w.ids.invoicePrefix()}
	// About one customer in seven is in the euro segment, spread evenly.
	if story == "" {
		w.eurShare += 0.15
		if c.eur = w.eurShare >= 1; c.eur {
			w.eurShare--
		}
	}
	c.public = story == "" && !c.eur && chance(r, 0.06)
	first, last := pick(r, firstNames), pick(r, lastNames)
	switch {
	case c.public:
		c.domain = pick(r, publicDomains[:3]) // solo founders use gmail
		c.company = first + " " + last
		c.email = fmt.Sprintf("%s.%s%d@%s", strings.ToLower(first), strings.ToLower(last), 10+r.IntN(89), c.domain)
	default:
		c.company, c.domain = w.newCompany(c)
		c.emailStyle = r.IntN(10)
		c.email = contactEmail(first, last, c.domain, c.emailStyle)
	}
	c.people = append(c.people, &person{name: first + " " + last, email: c.email, cust: c, admin: true})
	// A shared billing inbox receives the invoices at some companies.
	if !c.public && chance(r, 0.3) {
		c.email = pick(r, []string{"billing", "billing", "finance", "accounts"}) + "@" + c.domain
	}
	if c.eur {
		c.sepa = chance(r, 0.4)
		if chance(r, 0.7) {
			c.vatID = vatID(c.country.code, r.Uint64())
		} else {
			c.taxPct = c.country.vat
		}
	}
	if !c.sepa {
		c.cardID = w.ids.object("pm", '1', t)
	}
	c.partner = story == "" && !c.public && chance(r, 0.04)
	return c
}

// newCompany names a company and gives it a domain no one else has.
func (w *world) newCompany(c *customer) (name, domain string) {
	r := w.r
	for {
		stem, kind := pick(r, companyStems), pick(r, companyKinds)
		tld := pick(r, usTLDs)
		if c.eur {
			c.country = pick(r, euCountries)
			if chance(r, 0.35) {
				stem = pick(r, euStems)
			}
			tld = c.country.tld
		}
		name = stem + " " + kind
		domain = fold(stem) + fold(kind) + tld
		if chance(r, 0.3) {
			domain = fold(stem) + tld
		}
		if c.eur {
			name += " " + c.country.legal
		}
		if !w.domains[domain] {
			w.domains[domain] = true
			return name, domain
		}
	}
}

func contactEmail(first, last, domain string, style int) string {
	f, l := strings.ToLower(first), strings.ToLower(last)
	switch {
	case style < 5:
		return f + "." + l + "@" + domain
	case style < 8:
		return f + "@" + domain
	default:
		return f[:1] + l + "@" + domain
	}
}

func vatID(country string, n uint64) string {
	digits := fmt.Sprintf("%09d", n%1_000_000_000)
	if country == "NL" {
		return "NL" + digits + "B01"
	}
	return country + digits
}

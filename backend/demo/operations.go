package demo

import (
	"encoding/csv"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// The company's operations, as the founder keeps them in spreadsheets:
// the manual work log and the monthly costs. Manual work grows with the
// Scale plan: every Scale account is onboarded by hand and reviewed, and
// their data imports break more often as they grow, so in the last
// months the interventions outgrow the customers.

const (
	fileManualWork = "keel_manual_work.csv"
	fileCosts      = "keel_monthly_costs.csv"
)

var manualHeader = []string{"date", "account", "kind", "minutes", "note"}

// tierAt is the plan a customer pays for at t, ok false when none.
func (c *customer) tierAt(t time.Time) (tier, bool) {
	for _, s := range c.subs {
		if s.created.After(t) || !s.endedAt.IsZero() && !t.Before(s.endedAt) || t.Before(s.trialEnd) {
			continue
		}
		return s.tier, true
	}
	return 0, false
}

type intervention struct {
	t       time.Time
	c       *customer
	kind    string
	minutes int
	note    string
}

// manualWork is every intervention of the window, oldest first.
func (w *world) manualWork() []intervention {
	r := newRand(streamOperations)
	var out []intervention
	add := func(t time.Time, c *customer, kind string, minutes int, note string) {
		if t.Before(w.now) && !t.Before(w.start) {
			out = append(out, intervention{t, c, kind, minutes, note})
		}
	}
	for _, c := range w.customers {
		for _, s := range c.subs {
			if s.tier == scale {
				start := s.created
				if !s.trialEnd.IsZero() {
					start = s.trialEnd
				}
				add(start.Add(jitter(r, 2*day, 6*day)), c, "Onboarding call", 45+15*r.IntN(3), "Set up their data sources and first dashboards")
			}
		}
		if c.story == storyOneMonth {
			add(c.created.Add(20*day), c, "Refund by hand", 15, "Refunded in full: they never got started")
		}
	}
	for m := range months {
		from, to := w.month(m), w.month(m+1)
		mid := from.Add(14 * day)
		// The Scale accounts of the month: reviewed every quarter, and
		// their imports need fixing more often as the window goes on.
		var big, small []*customer
		for _, c := range w.customers {
			if t, ok := c.tierAt(mid); ok && t == scale {
				big = append(big, c)
			} else if ok {
				small = append(small, c)
			}
		}
		for i, c := range big {
			if (i+m)%3 == 0 {
				add(between(r, from, to), c, "Account review", 30, "Quarterly review of their usage and seats")
			}
		}
		// Data fixes start eight months before now and grow each month.
		fixes := len(big) * max(0, m-months+8) / 6
		for range fixes {
			if len(big) > 0 {
				add(between(r, from, to), pick(r, big), "Data fix", 20+5*r.IntN(7), pick(r, fixNotes))
			}
		}
		for range 1 + r.IntN(3) {
			if len(small) > 0 {
				add(between(r, from, to), pick(r, small), pick(r, []string{"Refund by hand", "Billing change"}), 10+5*r.IntN(3), pick(r, billingNotes))
			}
		}
	}
	slices.SortFunc(out, func(a, b intervention) int { return a.t.Compare(b.t) })
	return out
}

var fixNotes = []string{
	"Re-ran their warehouse import after a schema change",
	"Merged duplicate projects created by the CSV import",
	"Fixed the time zone of their imported events",
	"Restored a dashboard deleted by mistake",
}

var billingNotes = []string{
	"Moved them to yearly billing by hand",
	"Double charge after a card update",
	"Changed the VAT number on past invoices",
}

func (w *world) writeManualWork(dir string) (string, error) {
	return writeCSV(dir, fileManualWork, false, manualHeader, func(cw *csv.Writer) error {
		for _, iv := range w.manualWork() {
			if err := cw.Write([]string{iv.t.Format("2006-01-02"), iv.c.email, iv.kind, strconv.Itoa(iv.minutes), iv.note}); err != nil {
				return err
			}
		}
		return nil
	})
}

// The monthly cost export: what the usage-priced services billed for the
// queries and exports of each of the last 12 complete months, a little
// off the unit costs the founder set (backend/demo/words.go), so that
// calibrating them has something to say.
var costHeader = []string{"date", "driver", "amount", "currency"}

func (w *world) writeCosts(dir string) (string, error) {
	r := newRand(streamCosts)
	counts := map[uint8][]int{evQueryRun: make([]int, months), evExportCSV: make([]int, months)}
	for _, e := range w.events() {
		if c, ok := counts[e.kind]; ok && e.p.cust != nil {
			c[w.monthIndex(e.t)]++
		}
	}
	return writeCSV(dir, fileCosts, false, costHeader, func(cw *csv.Writer) error {
		for m := months - 13; m < months-1; m++ {
			end := w.month(m + 1).Add(-day)
			for _, d := range []struct {
				name  string
				kind  uint8
				cents float64 // what one unit really cost
			}{{"Queries run", evQueryRun, 0.38}, {"Data exports", evExportCSV, 15.2}} {
				amount := d.cents * float64(counts[d.kind][m]) * (0.95 + 0.1*r.Float64())
				if err := cw.Write([]string{end.Format("2006-01-02"), d.name, money2(amount), "USD"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// money2 writes cents as a decimal amount: 12345 → "123.45".
func money2(cents float64) string {
	n := int64(cents + 0.5)
	return strconv.FormatInt(n/100, 10) + "." + strconv.FormatInt(100+n%100, 10)[1:]
}

// The power user: one Growth account's admin exports their data by script,
// hundreds of times a month, from six months before now.
func (a *analytics) powerUser() {
	w := a.w
	c := w.powerCustomer()
	if c == nil || len(c.people) == 0 {
		return
	}
	r := rand.New(rand.NewPCG(seed, streamPowerUser))
	p := c.people[0]
	for m := months - 6; m < months; m++ {
		from := w.month(m)
		n := 500 + 60*(m-months+6) + r.IntN(80)
		for range n {
			t := between(r, from, w.month(m+1))
			if _, ok := c.tierAt(t); ok {
				a.add(t, p, evExportCSV, appURL+"/reports")
			}
		}
	}
}

// powerCustomer is the first Growth customer, without a story, on Growth
// for the whole of the last six months.
func (w *world) powerCustomer() *customer {
	for _, c := range w.customers {
		if c.story != "" {
			continue
		}
		all := true
		for m := months - 6; m < months; m++ {
			t, ok := c.tierAt(w.month(m))
			all = all && ok && t == growth
		}
		if t, ok := c.tierAt(w.now.Add(-day)); all && ok && t == growth {
			return c
		}
	}
	return nil
}

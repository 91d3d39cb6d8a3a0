package revenue_test

import (
	"math/rand/v2"
	"time"
)

// The simulated company: a small SaaS billing customers in five currencies
// through Stripe from 2024-01 to 2025-12, in the time zone of its founder
// (New York). It keeps its own state — each subscription's billing periods,
// trials and cancellations, each customer's payments — from which it writes
// Stripe's exports (sim_export_test.go) and, separately, the numbers
// METRICS.md defines (sim_expected_test.go). Nothing here calls Keel.

var (
	simZone, _ = time.LoadLocation("America/New_York")
	simStart   = time.Date(2024, 1, 1, 5, 0, 0, 0, time.UTC) // midnight in New York
	simExport  = time.Date(2026, 1, 1, 4, 0, 0, 0, time.UTC) // the exports were taken at the very end of 2025
)

// simExp are the ISO 4217 exponents of the company's currencies.
var simExp = map[string]int{"usd": 2, "eur": 2, "jpy": 0, "kwd": 3, "chf": 2}

// simPrices are the monthly basic and pro prices in minor units.
var simPrices = map[string][2]int64{
	"usd": {2900, 9900}, "eur": {2500, 8900}, "jpy": {4980, 14800}, "kwd": {9500, 29750}, "chf": {2700, 9200},
}

type simPeriod struct {
	from, to                 time.Time
	subtotal, discount, tax  int64
	price, qty               int64
	invoiceID, invoiceStatus string
}

type simSub struct {
	id, customer, cur, plan string
	interval                string // month or year
	count                   int64
	start                   time.Time
	trialFrom, trialTill    time.Time // zero: no trial
	periods                 []simPeriod
	status                  string
	canceledAt, endedAt     *time.Time
	cancelAtPeriodEnd       bool
	curFrom, curTill        time.Time // the period in force at export
	price, qty              int64     // as the subscriptions export shows them (the latest)
	source                  string    // invoices | export | orphan (invoices without a subscriptions row)
	test                    bool
}

type simPayment struct {
	id, customer, cur, invoice, status string
	at                                 time.Time
	amount, converted, refunded        int64
	test                               bool
}

type simCustomer struct {
	id, name, email, cur string
	test                 bool
}

// simPayer pays amount every month from first, n times, without any
// subscription in the exports.
type simPayer struct {
	customer, cur string
	amount        int64
	first         time.Time
	n             int
}

type simCompany struct {
	rng       *rand.Rand
	customers []*simCustomer
	subs      []*simSub
	payments  []*simPayment
	payers    []simPayer
	userRates map[string]string // "chf 2024-01" → rate, typed into Keel's table
	seq       int
}

// simFX is the company's true exchange rate to USD in a month, as a
// fraction of whole units, e.g. 1.0900 USD per EUR = 10900/10000.
func simFX(cur string, t time.Time) (num, den int64) {
	m := int64(t.In(simZone).Month()) + int64(t.In(simZone).Year()-2024)*12
	switch cur {
	case "eur":
		return 10500 + 173*(m%7), 10000
	case "jpy":
		return 640 + 11*(m%5), 100000
	case "kwd":
		return 32400 + 57*(m%3), 10000
	}
	return 1, 1
}

func newSimCompany(seed uint64) *simCompany {
	c := &simCompany{rng: rand.New(rand.NewPCG(seed, 7)), userRates: map[string]string{"chf 2024-01": "1.1050", "chf 2025-02": "1.0925"}}
	for i := 0; i < 140; i++ {
		c.customer(i)
	}
	c.testModeCustomer()
	return c
}

func (c *simCompany) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := c.rng.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// day returns a random instant: a day and minute after simStart, on days 1–28 so
// that monthly anniversaries exist in every month.
func (c *simCompany) day(fromMonth, toMonth int) time.Time {
	m, d := fromMonth+c.rng.IntN(toMonth-fromMonth+1), 1+c.rng.IntN(28)
	if m == 0 && d == 1 {
		d = 2 // not before the company's first month in New York
	}
	minute := c.rng.IntN(24 * 60)
	if c.rng.IntN(100) < 15 && m > 0 {
		// Early on the 1st in UTC, which is still the previous month in
		// New York: month ends are the workspace's, not UTC's.
		d, minute = 1, c.rng.IntN(5*60)
	}
	t := time.Date(2024, time.Month(1+m), d, 0, 0, 0, 0, time.UTC)
	return t.Add(time.Duration(minute) * time.Minute)
}

func (c *simCompany) customer(i int) {
	cur := []string{"usd", "eur", "jpy", "kwd", "chf"}[c.pick(64, 14, 8, 6, 8)]
	cu := &simCustomer{id: "cus_S" + itoa(int64(i)), name: "Customer " + itoa(int64(i)), email: "c" + itoa(int64(i)) + "@example.com", cur: cur}
	c.customers = append(c.customers, cu)
	kind := c.pick(72, 18, 10) // invoices, subscriptions export only, recurring payments only
	if cur == "chf" {
		kind = 1 // priced by the user's rates table: no Stripe payments
	}
	if kind == 2 && cur != "usd" && cur != "eur" {
		kind = 0
	}
	if kind == 2 {
		c.recurringPayer(cu)
		return
	}
	start := c.day(0, 22)
	if i%23 == 0 { // signs up and leaves within the month
		end := time.Date(start.Year(), start.Month(), 28, 12, 0, 0, 0, time.UTC)
		start = time.Date(start.Year(), start.Month(), 2, 12, 0, 0, 0, time.UTC)
		c.subscription(cu, kind, start, &end, true, 0)
		return
	}
	var cancel *time.Time
	if c.rng.IntN(100) < 38 {
		t := start.Add(time.Duration(20+c.rng.IntN(500)) * 24 * time.Hour)
		if t.Before(simExport) {
			cancel = &t
		}
	}
	s := c.subscription(cu, kind, start, cancel, c.rng.IntN(2) == 0, 0)
	if cancel != nil && c.rng.IntN(100) < 40 { // a win-back
		back := s.endOf().Add(time.Duration(15+c.rng.IntN(200)) * 24 * time.Hour)
		if back.Before(simExport.Add(-40 * 24 * time.Hour)) {
			c.subscription(cu, kind, back, nil, false, 0)
		}
	}
	if c.rng.IntN(100) < 15 { // an add-on, sometimes dropped later: contraction
		add := s.start.Add(time.Duration(30+c.rng.IntN(300)) * 24 * time.Hour)
		var drop *time.Time
		if c.rng.IntN(2) == 0 {
			d := add.Add(time.Duration(40+c.rng.IntN(200)) * 24 * time.Hour)
			drop = &d
		}
		if add.Before(s.endOf()) && add.Before(simExport) {
			c.subscription(cu, kind, add, drop, true, simPrices[cur][0]/3)
		}
	}
}

// subscription simulates one subscription from start until cancel (nil:
// still running at export). immediate says how a cancellation happens.
// addon > 0 is a fixed-price add-on.
func (c *simCompany) subscription(cu *simCustomer, kind int, start time.Time, cancel *time.Time, immediate bool, addon int64) *simSub {
	c.seq++
	s := &simSub{id: "sub_S" + itoa(int64(c.seq)), customer: cu.id, cur: cu.cur, start: start, interval: "month", count: 1,
		source: []string{"invoices", "export"}[kind], test: cu.test}
	prices := simPrices[cu.cur]
	price, qty := prices[0], int64(1+c.rng.IntN(3))
	s.plan = "basic"
	switch {
	case addon > 0:
		price, qty, s.plan = addon, 1, "addon"
	case c.rng.IntN(100) < 25:
		price, s.plan = prices[1], "pro"
	}
	switch c.pick(78, 12, 10) {
	case 1:
		s.interval, price, s.plan = "year", price*10, s.plan+"_annual"
	case 2:
		s.count, price, s.plan = 3, price*28/10, s.plan+"_quarterly"
	}
	change := -1 // the paid period from which the quantity changes
	newQty := qty
	if s.source == "invoices" && addon == 0 && c.rng.IntN(100) < 30 {
		change, newQty = 1+c.rng.IntN(8), max(1, qty+int64(c.rng.IntN(5))-2)
	}
	coupon := s.source == "invoices" && c.rng.IntN(100) < 20
	taxed := c.rng.IntN(2) == 0
	if s.source == "invoices" && addon == 0 && c.rng.IntN(100) < 4 {
		s.source = "orphan" // its row is missing from the subscriptions export
	}
	paid := start
	if addon == 0 && s.source != "orphan" && c.rng.IntN(100) < 30 {
		s.trialFrom, s.trialTill = start, start.AddDate(0, 0, 14)
		paid = s.trialTill
		s.periods = append(s.periods, simPeriod{from: start, to: paid, qty: qty, price: price})
	}
	// Billing periods until the export or the cancellation.
	for k := 0; paid.Before(simExport); k++ {
		if cancel != nil && !paid.Before(*cancel) {
			break
		}
		next := paid.AddDate(0, int(s.count), 0)
		if s.interval == "year" {
			next = paid.AddDate(1, 0, 0)
		}
		q := qty
		if change >= 0 && k >= change {
			q = newQty
		}
		p := simPeriod{from: paid, to: next, price: price, qty: q, subtotal: price * q}
		if coupon && k < 3 {
			p.discount = p.subtotal / 4
		}
		if taxed {
			p.tax = (p.subtotal - p.discount) / 10
		}
		s.periods = append(s.periods, p)
		paid = next
	}
	last := s.periods[len(s.periods)-1]
	s.price, s.qty = last.price, last.qty
	s.curFrom, s.curTill = last.from, last.to
	s.status = "active"
	switch {
	case cancel != nil && immediate:
		s.status, s.canceledAt, s.endedAt = "canceled", cancel, cancel
	case cancel != nil:
		s.canceledAt, s.cancelAtPeriodEnd = cancel, true
		if !last.to.After(simExport) {
			s.status, s.endedAt = "canceled", &last.to
		}
	case !s.trialTill.IsZero() && s.trialTill.After(simExport):
		s.status = "trialing"
	case s.source != "orphan" && c.rng.IntN(100) < 6:
		s.status = "past_due"
	case s.source != "orphan" && c.rng.IntN(100) < 3:
		s.status = "unpaid" // never counts (METRICS.md)
	}
	c.bill(s)
	c.subs = append(c.subs, s)
	return s
}

// endOf is when the subscription stops being billed.
func (s *simSub) endOf() time.Time {
	if s.endedAt != nil {
		return *s.endedAt
	}
	if s.cancelAtPeriodEnd {
		return s.curTill
	}
	return simExport
}

// bill writes the invoices and payments of a subscription's periods.
func (c *simCompany) bill(s *simSub) {
	for i := range s.periods {
		p := &s.periods[i]
		total := p.subtotal - p.discount + p.tax
		if s.source != "export" {
			p.invoiceID = "in_" + s.id[4:] + "_" + itoa(int64(i))
			if s.test {
				p.invoiceID = "in_test_" + s.id[4:] + "_" + itoa(int64(i))
			}
			p.invoiceStatus = "paid"
			if s.status == "past_due" && i == len(s.periods)-1 {
				p.invoiceStatus = "open"
			}
		}
		if total > 0 && p.invoiceStatus != "open" {
			c.pay(s.customer, s.cur, total, p.from, p.invoiceID, s.test)
		}
	}
}

func (c *simCompany) pay(customer, cur string, amount int64, at time.Time, invoice string, test bool) {
	c.seq++
	id := "ch_S" + itoa(int64(c.seq))
	if test {
		id = "ch_test_" + itoa(int64(c.seq))
	}
	num, den := simFX(cur, at)
	p := &simPayment{id: id, customer: customer, cur: cur, invoice: invoice, status: "Paid", at: at, amount: amount, test: test}
	if test {
		num *= 3 // a test-mode rate that would be visible if test rows leaked in
	}
	p.converted = simRound(amount*num*100, den*pow10(simExp[cur]))
	if c.rng.IntN(100) < 5 {
		p.status, p.refunded = "Refunded", amount // refunds never change MRR
	}
	c.payments = append(c.payments, p)
	if c.rng.IntN(100) < 4 { // a failed retry the day before: no money, no rate
		c.seq++
		c.payments = append(c.payments, &simPayment{id: "ch_S" + itoa(int64(c.seq)), customer: customer, cur: cur, status: "Failed",
			at: at.Add(-24 * time.Hour), amount: amount, converted: 0, test: test})
	}
}

// recurringPayer pays the same amount every month without any subscription
// in the exports; one payment alone is not recurring.
func (c *simCompany) recurringPayer(cu *simCustomer) {
	p := simPayer{customer: cu.id, cur: cu.cur, amount: simPrices[cu.cur][0], first: c.day(0, 20)}
	for k := 0; k < 1+c.rng.IntN(14); k++ {
		at := p.first.AddDate(0, k, 0)
		if !at.Before(simExport) {
			break
		}
		c.pay(cu.id, cu.cur, p.amount, at, "", false)
		p.n++
	}
	c.payers = append(c.payers, p)
}

// testModeCustomer is a test-mode customer with a huge subscription.
func (c *simCompany) testModeCustomer() {
	cu := &simCustomer{id: "cus_test_1", name: "Test", email: "test@example.com", cur: "eur", test: true}
	c.customers = append(c.customers, cu)
	s := c.subscription(cu, 0, time.Date(2024, 3, 3, 10, 0, 0, 0, time.UTC), nil, false, 0)
	s.id = "sub_test_1"
}

// simRound is num/den rounded half away from zero (den > 0).
func simRound(num, den int64) int64 {
	q, r := num/den, num%den
	if 2*abs64(r) >= den {
		if num < 0 {
			return q - 1
		}
		return q + 1
	}
	return q
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func pow10(e int) int64 {
	p := int64(1)
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

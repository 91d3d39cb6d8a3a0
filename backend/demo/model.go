package demo

import (
	"math/rand/v2"
	"time"
)

// tier is a plan of Northwind Analytics.
type tier int

const (
	starter tier = iota
	growth
	scale
)

type planInfo struct {
	key, name string
	monthly   int64 // minor units per month per seat, same digits in usd and eur
}

var plans = [...]planInfo{
	starter: {"starter", "Starter", 2900},
	growth:  {"growth", "Growth", 9900},
	scale:   {"scale", "Scale", 29900},
}

// price is the amount of one seat for one billing interval (annual is 10×
// monthly).
func price(t tier, annual bool) int64 {
	if annual {
		return plans[t].monthly * 10
	}
	return plans[t].monthly
}

// Coupons.
const (
	launchCoupon  = "LAUNCH20"  // 20 % off the first three months (first year when annual)
	partnerCoupon = "PARTNER10" // 10 % off forever, for agency partners
)

// Stories: scripted customers that the summary and tests point at.
const (
	storyWinback  = "winback"   // churns, then comes back months later
	storyOneMonth = "one_month" // signs up and leaves inside one month
	storyDispute  = "dispute"   // the one disputed charge
)

// world is the simulated company over the window [start, now).
type world struct {
	start, now time.Time
	r          *rand.Rand
	ids        *idMaker
	prices     map[priceKey]string
	customers  []*customer
	payouts    map[string]string // payout date → po_ id
	notes      []note            // billing moments that make people write to support
	domains    map[string]bool
	outsiders  []*person // people who write to support but are not customers
	eurShare   float64   // accumulates the euro segment's share of signups
	evs        []event   // the events, once drawn (events())
}

type priceKey struct {
	t        tier
	annual   bool
	currency string
}

type customer struct {
	id         string
	company    string // Stripe Name
	domain     string
	email      string // billing email
	emailStyle int    // how the company spells addresses (first.last@, first@, flast@)
	created    time.Time
	currency   string // usd or eur; "" until a subscription exists
	eur        bool
	country    euCountry
	vatID      string
	taxPct     int  // VAT charged, 0 when none (US, or EU reverse charge)
	sepa       bool // pays by SEPA debit (py_ ids, no card)
	cardID     string
	public     bool // billing email on a public domain (gmail.com)
	partner    bool
	invPrefix  string
	invSeq     int
	story      string
	subs       []*subscription
	spans      []span
	people     []*person
}

// span is a stretch of time an account is using the product: a trial or a
// paid plan. Label is what the helpdesk's Plan field shows.
type span struct {
	from, to time.Time
	label    string
}

type subscription struct {
	id                string
	cust              *customer
	tier              tier
	annual            bool
	qty               int
	coupon            string // coupon attached at creation
	created           time.Time
	trialStart        time.Time
	trialEnd          time.Time
	periodStart       time.Time
	periodEnd         time.Time
	canceledAt        time.Time
	endedAt           time.Time
	cancelAtPeriodEnd bool
	reason            string
	pastDue           bool
	periods           int // paid periods billed so far
	invoices          []*invoice
}

type invoice struct {
	id, number  string
	sub         *subscription
	date        time.Time
	periodStart time.Time
	periodEnd   time.Time
	subtotal    int64
	discount    int64
	coupon      string
	tax         int64
	taxPct      int
	total       int64
	status      string // draft, open, paid, uncollectible
	first       bool
	payments    []*payment
}

func (i *invoice) paid() bool { return i.status == "paid" }

type payment struct {
	id            string
	inv           *invoice
	created       time.Time
	amount        int64
	converted     int64 // in usd
	fee           int64 // in usd
	status        string
	decline       string
	refunded      int64
	convRefunded  int64
	refundedAt    time.Time
	disputed      int64
	disputedAt    time.Time
	disputeStatus string
	transfer      string
}

func (p *payment) succeeded() bool { return p.status == "Paid" || p.status == "Refunded" }

type noteKind int

const (
	noteFailed noteKind = iota
	noteRefund
	noteCancel
	noteUpgrade
)

// note is a billing moment that makes a customer write to support.
type note struct {
	t    time.Time
	c    *customer
	kind noteKind
}

// person is someone at a customer (or outside) who uses the product or
// writes to support.
type person struct {
	name    string
	email   string
	cust    *customer // nil for outsiders and anonymous visitors
	joined  time.Time // signed up in the product
	admin   bool
	engaged float64 // how often they use the product, 0..1
	browser string
	anonID  string // analytics id before they identify
}

// month returns the start of month i of the window.
func (w *world) month(i int) time.Time { return w.start.AddDate(0, i, 0) }

// monthIndex returns the window month that t falls in.
func (w *world) monthIndex(t time.Time) int {
	y, m, _ := t.Date()
	sy, sm, _ := w.start.Date()
	return (y-sy)*12 + int(m-sm)
}

// addMonths moves t by n calendar months, keeping the day of month of anchor
// when the target month has it and the last day otherwise (Stripe's billing
// anchor rule).
func addMonths(anchor time.Time, n int) time.Time {
	y, m, d := anchor.Date()
	first := time.Date(y, m+time.Month(n), 1, anchor.Hour(), anchor.Minute(), anchor.Second(), anchor.Nanosecond(), time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// eurUSD is the usd value of one euro on t: around 1.08, drifting slowly.
func eurUSD(t time.Time) float64 {
	d := float64(t.Unix()) / 86400
	return 1.08 + 0.025*sinTurn(d/310) + 0.008*sinTurn(d/47)
}

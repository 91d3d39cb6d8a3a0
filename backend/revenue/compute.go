package revenue

import (
	"sort"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Compute returns the revenue of every month from the month of from to the
// month of to (calendar months in the workspace time zone), under the
// workspace's rules: churn_timing, discounts, base currency, exchange
// rates and include_test. A month needing a rate Keel does not have is an
// error naming the currency and month.
func Compute(db *workspace.DB, from, to time.Time) (*Series, error) {
	loc := db.Location()
	first, last := AbsMonth(from.Unix(), loc), AbsMonth(to.Unix(), loc)
	if last < first {
		return nil, backend.Errorf(backend.Invalid, "The last month (%s) is before the first (%s).",
			monthStart(last, loc).Format("2006-01"), monthStart(first, loc).Format("2006-01"))
	}
	bs, err := basisOf(db, loc)
	if err != nil {
		return nil, err
	}
	ser := &Series{ChurnTiming: bs.churnTiming, Discounts: bs.discounts, IncludeTest: bs.includeTest,
		BaseCurrency: bs.rates.Base, HasData: len(bs.tls) > 0}
	ev := newEvaluator(bs.tls, bs.rates.fresh(), first, last, loc)
	ser.Months, err = ev.run()
	<-bs.looked
	if err != nil {
		return nil, err
	}
	if bs.lookupErr != nil {
		return nil, bs.lookupErr
	}
	ser.ledger = &ledger{moves: ev.moves, tls: bs.tls, planNames: ev.planNames, names: bs.names}
	ser.Subscriptions = publicTimelines(bs.tls, bs.ids)
	return ser, nil
}

// basis is what every series is computed from, whatever its months: the
// rules, the rates and each subscription's MRR timeline. Loading it is
// most of a series' time (a second on 50,000 customers), so it is kept
// until an import, an undo or a change of rule or rate (workspace.Memo),
// and the Revenue screen's several series cost one load. Read-only once
// loaded: series computed at the same time share it.
type basis struct {
	churnTiming, discounts string
	includeTest            bool
	rates                  *Rates // a template: each series converts with rates.fresh()
	tls                    []*timeline
	// Names and invoice ids are read on another core while the first
	// series is evaluated; looked is closed once they are there.
	looked    chan struct{}
	names     map[string]who
	ids       map[int64]string
	lookupErr error
}

// basisOf is the workspace's basis, loaded once per change of the data.
func basisOf(db *workspace.DB, loc *time.Location) (*basis, error) {
	v, err := db.Memo("revenue.basis", func() (any, error) { return loadBasis(db, loc) })
	if err != nil {
		return nil, err
	}
	return v.(*basis), nil
}

func loadBasis(db *workspace.DB, loc *time.Location) (*basis, error) {
	bs := &basis{}
	var err error
	get := func(key string) string {
		var v string
		if err == nil {
			v, err = db.Setting(key)
		}
		return v
	}
	bs.churnTiming = get(workspace.SettingChurnTiming)
	bs.discounts = get(workspace.SettingDiscounts)
	bs.includeTest = get(workspace.SettingIncludeTest) == "true"
	if err != nil {
		return nil, err
	}
	base, err := BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	if bs.rates, err = LoadRates(db, base, loc, bs.includeTest); err != nil {
		return nil, err
	}
	if bs.tls, err = timelines(db, bs.churnTiming, bs.discounts == "list", bs.includeTest); err != nil {
		return nil, err
	}
	bs.looked = make(chan struct{})
	go func() {
		defer close(bs.looked)
		if bs.names, bs.lookupErr = loadCustomers(db); bs.lookupErr == nil {
			bs.ids, bs.lookupErr = invoiceIDs(db, bs.tls)
		}
	}()
	return bs, nil
}

// timelines rebuilds every subscription's MRR, each from the best source
// it has: invoices, then the subscriptions export, then recurring payments
// for customers with neither.
func timelines(db *workspace.DB, rule string, list, includeTest bool) ([]*timeline, error) {
	rows, err := loadSubscriptions(db, includeTest)
	if err != nil {
		return nil, err
	}
	subs := make(map[string]*subRow, len(rows))
	for _, s := range rows {
		subs[s.id] = s
	}
	invs, err := loadInvoices(db, includeTest, list, splitKeys(rows))
	if err != nil {
		return nil, err
	}
	tls, err := fromInvoices(db, invs, subs, rule, list)
	if err != nil {
		return nil, err
	}
	for _, s := range rows {
		if _, ok := invs[s.id]; !ok {
			tls = append(tls, s.fromExport(rule))
		}
	}
	covered := map[string]bool{}
	for _, t := range tls {
		covered[t.customer] = true
	}
	paid, err := fromPayments(db, covered, includeTest)
	if err != nil {
		return nil, err
	}
	out := append(tls, paid...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.customer != b.customer {
			return a.customer < b.customer
		}
		if fa, fb := firstFrom(a), firstFrom(b); fa != fb {
			return fa < fb
		}
		return a.id < b.id
	})
	return out, nil
}

func firstFrom(t *timeline) int64 {
	if len(t.steps) == 0 {
		return 0
	}
	return t.steps[0].from
}

// monthStart is the first instant of absolute month m in loc.
func monthStart(m int, loc *time.Location) time.Time {
	return time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, loc)
}

func publicTimelines(tls []*timeline, ids map[int64]string) []Subscription {
	out := make([]Subscription, len(tls))
	for i, t := range tls {
		s := Subscription{ID: t.id, CustomerID: t.customer, Plan: t.plan, Currency: t.currency, Status: t.status,
			Interval: t.interval, IntervalCount: t.count, Source: t.source, Steps: make([]Step, len(t.steps))}
		for j, st := range t.steps {
			s.Steps[j] = Step{From: time.Unix(st.from, 0).UTC(), MRR: st.mrr, Why: st.why, Invoice: ids[st.inv], Invoices: st.count}
		}
		out[i] = s
	}
	return out
}

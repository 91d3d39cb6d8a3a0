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
	ser := &Series{}
	var err error
	get := func(key string) string {
		var v string
		if err == nil {
			v, err = db.Setting(key)
		}
		return v
	}
	ser.ChurnTiming = get(workspace.SettingChurnTiming)
	ser.Discounts = get(workspace.SettingDiscounts)
	ser.IncludeTest = get(workspace.SettingIncludeTest) == "true"
	if err != nil {
		return nil, err
	}
	if ser.BaseCurrency, err = BaseCurrency(db); err != nil {
		return nil, err
	}
	rates, err := LoadRates(db, ser.BaseCurrency, loc, ser.IncludeTest)
	if err != nil {
		return nil, err
	}
	tls, err := timelines(db, ser.ChurnTiming, ser.Discounts == "list", ser.IncludeTest)
	if err != nil {
		return nil, err
	}
	ser.HasData = len(tls) > 0
	// Names and invoice ids come from the database while the months are
	// computed on another core.
	var names map[string]who
	var ids map[int64]string
	var lookupErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if names, lookupErr = loadCustomers(db); lookupErr == nil {
			ids, lookupErr = invoiceIDs(db, tls)
		}
	}()
	ev := newEvaluator(tls, rates, first, last, loc)
	ser.Months, err = ev.run()
	<-done
	if err != nil {
		return nil, err
	}
	if lookupErr != nil {
		return nil, lookupErr
	}
	ser.ledger = &ledger{moves: ev.moves, tls: tls, planNames: ev.planNames, names: names}
	ser.Subscriptions = publicTimelines(tls, ids)
	return ser, nil
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

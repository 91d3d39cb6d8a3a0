package stripe

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(payouts{}) }

// payouts reads the Dashboard's Payouts export (payouts.csv): one line per
// payout of the balance to a bank account or card, with its amount
// (positive), arrival date, status, type and method. `Livemode` false marks
// a test-mode payout.
type payouts struct{}

func (payouts) Source() string { return source }
func (payouts) Kind() string   { return "payouts" }
func (payouts) Label() string  { return "Stripe payouts" }

var (
	payoutID      = []string{"id", "Payout ID"}
	payoutCreated = []string{"Created (UTC)", "Created date (UTC)", "Created"}
	payoutArrival = []string{"Arrival Date (UTC)", "Arrival Date", "arrival_date_utc", "arrival_date"}
	// payoutColumns only the Payouts export has.
	payoutColumns = []string{"Livemode", "Source Type", "Destination", "Method", "Balance Transaction",
		"Failure Balance Transaction", "Failure Code", "Failure Message", "Trace ID", "Trace ID Status"}
)

func (payouts) Detect(h *csvfile.Header) float64 {
	if !has(h, "Amount") || !has(h, "Currency") || !has(h, payoutArrival...) {
		return 0
	}
	if has(h, balanceAvailable...) || has(h, balanceNet...) {
		return 0
	}
	n := count(h, payoutColumns...)
	status := has(h, "Status")
	switch {
	case status && n >= 2:
		return 0.95
	case status || n > 0:
		return 0.8
	case has(h, payoutID...):
		return 0.6
	}
	return 0
}

func (payouts) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id                  = find(h, payoutID...)
		amount              = find(h, "Amount")
		currency            = find(h, "Currency")
		created             = find(h, payoutCreated...)
		arrival             = find(h, payoutArrival...)
		status              = find(h, "Status")
		typ                 = find(h, "Type")
		method              = find(h, "Method")
		sourceType          = find(h, "Source Type")
		destination         = find(h, "Destination", "Destination ID")
		description         = find(h, "Description")
		balanceTxn          = find(h, "Balance Transaction", "Balance Transaction ID")
		failureTxn          = find(h, "Failure Balance Transaction", "Failure Balance Transaction ID")
		failureCode         = find(h, "Failure Code")
		failureMessage      = find(h, "Failure Message")
		statementDescriptor = find(h, "Statement Descriptor")
		traceID             = find(h, "Trace ID")
		traceStatus         = find(h, "Trace ID Status")
		test                = findTestMode(h)
		meta                = metadataColumns(h)
	)
	if err := columns.CheckRequired("Stripe payouts",
		[]columns.Requirement{{id}, {amount}, {currency}, {created}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		p := &backend.Payout{
			Source:              source,
			ID:                  f.Required(id),
			Status:              normStatus(f.Str(status)),
			Type:                normStatus(f.Str(typ)),
			Method:              normStatus(f.Str(method)),
			SourceType:          f.Str(sourceType),
			Destination:         f.Str(destination),
			Description:         f.Str(description),
			BalanceTxn:          f.Str(balanceTxn),
			FailureBalanceTxn:   f.Str(failureTxn),
			FailureCode:         f.Str(failureCode),
			FailureMessage:      f.Str(failureMessage),
			StatementDescriptor: f.Str(statementDescriptor),
			TraceID:             f.Str(traceID),
			TraceStatus:         normStatus(f.Str(traceStatus)),
			Attrs:               columns.Attrs(row, meta),
		}
		p.Created = f.RequiredTime(created)
		p.ArrivalDate = f.Time(arrival)
		if cur, exp, ok := readCurrency(f, currency, true); ok {
			p.Currency = cur
			p.Amount = f.RequiredAmount(amount, exp)
		}
		f.Flag(test.livemode) // a Livemode that is not true or false is a reason
		p.Test = test.of(row, p.ID)
		if f.Err != nil {
			return nil, f.Err
		}
		return p, nil
	}, nil
}

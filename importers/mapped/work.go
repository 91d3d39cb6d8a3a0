package mapped

import (
	"keel/backend"
)

// manualWork reads a manual intervention (backend/manual).
func (w *row) manualWork() (backend.Record, error) {
	at, err := w.requiredTime("date")
	if err != nil {
		return nil, err
	}
	raw, err := w.required("kind")
	if err != nil {
		return nil, err
	}
	kind, ok := backend.ParseManualKind(raw)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a kind of manual work (refund by hand, data fix, onboarding call, billing change, account review, other)", w.column("kind"), raw)
	}
	minutes, err := w.integer("minutes", 0)
	if err != nil {
		return nil, err
	}
	if minutes <= 0 || minutes > 24*60 {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a number of minutes from 1 to 1440", w.column("minutes"), w.text("minutes"))
	}
	m := &backend.ManualWork{Source: w.im.m.Source, ID: w.text("id"), At: at, Account: w.text("account"), Type: kind, Minutes: minutes, Note: w.text("note")}
	if m.ID == "" {
		m.ID = w.rowKey()
	}
	return m, nil
}

// costLine reads a line of a monthly cost file: without a currency, the
// amount is the base currency's, read with two decimals.
func (w *row) costLine() (backend.Record, error) {
	at, err := w.requiredTime("date")
	if err != nil {
		return nil, err
	}
	driver, err := w.required("driver")
	if err != nil {
		return nil, err
	}
	cur := ""
	if w.text("currency") != "" || w.im.m.Currency != "" {
		if cur, err = w.currency(); err != nil {
			return nil, err
		}
	}
	parseAs := cur
	if parseAs == "" {
		parseAs = "usd" // two decimals
	}
	amount, ok, err := w.amount("amount", parseAs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty", w.column("amount"))
	}
	if amount < 0 {
		return nil, backend.Errorf(backend.Invalid, "%s %q is negative: a cost is what was paid", w.column("amount"), w.text("amount"))
	}
	return &backend.CostLine{Source: w.im.m.Source, ID: w.rowKey(), Date: at, Driver: driver, Amount: amount, Currency: cur}, nil
}

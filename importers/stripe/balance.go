package stripe

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(balance{}) }

// balance reads the Dashboard's Balance "All activity" export
// (balance_history.csv): one line per balance transaction, with its Type
// (charge, payment, refund, payment_refund, stripe_fee, payout, …), the
// object that caused it (Source), its gross Amount, Fee and Net, and when
// the money is available. Amounts are signed as exported: refunds, Stripe's
// fees and payouts are negative.
//
// The snake_case names of the Reports API's itemized balance report
// (balance_transaction_id, reporting_category, gross, created_utc,
// available_on_utc, payment_metadata[key]) are accepted as aliases.
type balance struct{}

func (balance) Source() string { return source }
func (balance) Kind() string   { return "balance" }
func (balance) Label() string  { return "Stripe balance history" }

var (
	balanceID        = []string{"id", "balance_transaction_id", "Balance Transaction ID"}
	balanceType      = []string{"Type", "reporting_category", "Reporting Category"}
	balanceSource    = []string{"Source", "source_id", "Source ID"}
	balanceAmount    = []string{"Amount", "gross", "Gross"}
	balanceCreated   = []string{"Created (UTC)", "Created date (UTC)", "Created", "created_utc"}
	balanceAvailable = []string{"Available On (UTC)", "Available On", "available_on_utc", "available_on"}
	balanceNet       = []string{"Net"}
)

func (balance) Detect(h *csvfile.Header) float64 {
	if !has(h, balanceAmount...) || !has(h, "Currency") || !has(h, balanceNet...) {
		return 0
	}
	// A payouts export with a Net column is still a payouts export.
	if has(h, payoutArrival...) {
		return 0
	}
	available := has(h, balanceAvailable...)
	typ := has(h, balanceType...)
	switch {
	case available && typ && has(h, "Fee"):
		return 0.95
	case available && (typ || has(h, balanceSource...)):
		return 0.8
	case typ && has(h, "Fee") && has(h, balanceSource...) && has(h, balanceID...):
		return 0.6
	}
	return 0
}

func (balance) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id            = find(h, balanceID...)
		typ           = find(h, balanceType...)
		src           = find(h, balanceSource...)
		amount        = find(h, balanceAmount...)
		fee           = find(h, "Fee")
		net           = find(h, balanceNet...)
		currency      = find(h, "Currency")
		created       = find(h, balanceCreated...)
		available     = find(h, balanceAvailable...)
		description   = find(h, "Description")
		cfAmount      = find(h, "Customer Facing Amount", "customer_facing_amount")
		cfCurrency    = find(h, "Customer Facing Currency", "customer_facing_currency")
		dpFee         = find(h, "Destination Platform Fee", "destination_platform_fee")
		dpFeeCurrency = find(h, "Destination Platform Fee Currency", "destination_platform_fee_currency")
		transfer      = find(h, "Transfer", "Transfer ID", "transfer_id")
		transferDate  = find(h, "Transfer Date (UTC)", "Transfer Date", "transfer_date_utc")
		transferGroup = find(h, "Transfer Group", "transfer_group")
		test          = findTestMode(h)
		meta          = append(metadataColumns(h), reportMetadataColumns(h)...)
	)
	if err := columns.CheckRequired("Stripe balance history",
		[]columns.Requirement{{id}, {typ}, {amount}, {currency}, {created}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		b := &backend.BalanceTxn{
			Source:        source,
			ID:            f.Required(id),
			Type:          normStatus(f.Required(typ)),
			SourceID:      f.Str(src),
			Description:   f.Str(description),
			Transfer:      f.Str(transfer),
			TransferGroup: f.Str(transferGroup),
			Attrs:         columns.Attrs(row, meta),
		}
		b.Created = f.RequiredTime(created)
		b.AvailableOn = f.Time(available)
		b.TransferDate = f.Time(transferDate)
		if cur, exp, ok := readCurrency(f, currency, true); ok {
			b.Currency = cur
			b.Amount = f.RequiredAmount(amount, exp)
			b.Fee = f.Amount(fee, exp)
			// Net is Amount − Fee; a file without the column (or a row
			// with it empty) gets it computed.
			if n := f.OptAmount(net, exp); n != nil {
				b.Net = *n
			} else {
				b.Net = b.Amount - b.Fee
			}
		}
		// The customer-facing amount and the platform fee have currencies
		// of their own; without the currency column their exponent is
		// unknown, so they are left out (as Converted Amount in payments).
		if cur, exp, ok := readCurrency(f, cfCurrency, false); ok {
			b.CustomerFacingCurrency = cur
			b.CustomerFacingAmount = f.OptAmount(cfAmount, exp)
		} else if cfCurrency.OK() && f.Str(cfCurrency) == "" && f.Str(cfAmount) != "" {
			f.Fail("%s is empty", cfCurrency.Name)
		}
		if cur, exp, ok := readCurrency(f, dpFeeCurrency, false); ok {
			b.DestinationPlatformFeeCurrency = cur
			b.DestinationPlatformFee = f.OptAmount(dpFee, exp)
		} else if dpFeeCurrency.OK() && f.Str(dpFeeCurrency) == "" && f.Str(dpFee) != "" {
			f.Fail("%s is empty", dpFeeCurrency.Name)
		}
		b.Test = test.of(row, b.ID)
		if f.Err != nil {
			return nil, f.Err
		}
		return b, nil
	}, nil
}

// reportMetadataColumns lists the Reports API's metadata columns,
// `payment_metadata[key]` (kept under key) and the other
// `…_metadata[key]` (kept under their whole name, so that a refund's
// metadata does not overwrite the payment's).
func reportMetadataColumns(h *csvfile.Header) []columns.Attr {
	var ms []columns.Attr
	for i, name := range h.Names {
		n := strings.TrimSpace(name)
		before, key, ok := strings.Cut(n, "[")
		if !ok || !strings.HasSuffix(key, "]") || !strings.HasSuffix(before, "_metadata") {
			continue
		}
		key = strings.TrimSuffix(key, "]")
		if key == "" {
			continue
		}
		if before != "payment_metadata" {
			key = n
		}
		ms = append(ms, columns.Attr{Key: key, Index: i})
	}
	return ms
}

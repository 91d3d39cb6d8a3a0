package backend

import "time"

// BalanceTxn is one movement of a Stripe account balance: a line of the
// Dashboard's Balance "All activity" export (balance_history.csv). Charges
// and payments add to the balance; refunds, Stripe's own fees and payouts
// take from it. Money is in minor units of Currency, signed as exported:
// a refund or a payout has a negative Amount.
//
// A charge of 3.99 nzd with a 0.41 fee is Amount 399, Fee 41, Net 358; the
// payout that sends the money to the bank is Amount -9357, Fee 0, Net -9357.
type BalanceTxn struct {
	Source      string // "stripe"
	ID          string // txn_…
	Type        string // lowercase as exported: charge, payment, refund, payment_refund, stripe_fee, payout, adjustment, …
	SourceID    string // the object that moved the balance (the export's "Source"): ch_…, py_…, re_…, po_…; "" for Stripe's own fees
	Amount      int64  // gross
	Fee         int64  // Stripe's fee on this movement (positive when charged)
	Net         int64  // as exported; Amount − Fee when the file has no Net column
	Currency    string // lowercase ISO 4217, of Amount, Fee and Net
	Created     time.Time
	AvailableOn *time.Time // when the money can be paid out
	Description string
	// CustomerFacingAmount is what the customer saw, in
	// CustomerFacingCurrency (a usd charge settled in an nzd balance).
	CustomerFacingAmount   *int64
	CustomerFacingCurrency string
	// DestinationPlatformFee is the Connect platform's fee on a destination
	// charge, in DestinationPlatformFeeCurrency.
	DestinationPlatformFee         *int64
	DestinationPlatformFeeCurrency string
	Transfer                       string // tr_… of a Connect transfer
	TransferDate                   *time.Time
	TransferGroup                  string
	Test                           bool
	Attrs                          Attrs
}

func (b *BalanceTxn) Kind() string { return "balance" }
func (b *BalanceTxn) Key() string  { return b.Source + ":" + b.ID }

// Payout is one transfer of a Stripe balance to the founder's bank account
// or debit card: a line of the Dashboard's Payouts export (payouts.csv).
// Amount is in minor units of Currency, positive as exported (the same
// payout is a negative "payout" line in the balance history).
type Payout struct {
	Source              string // "stripe"
	ID                  string // po_…
	Amount              int64
	Currency            string // lowercase ISO 4217
	Created             time.Time
	ArrivalDate         *time.Time // expected (or actual) arrival at the bank
	Status              string     // lowercase: paid, pending, in_transit, canceled, failed
	Type                string     // bank_account, card
	Method              string     // standard, instant
	SourceType          string     // the balance paid out: card, bank_account, fpx
	Destination         string     // ba_… or card_…
	Description         string
	BalanceTxn          string // txn_… of the payout in the balance history
	FailureBalanceTxn   string // txn_… that returned a failed payout to the balance
	FailureCode         string
	FailureMessage      string
	StatementDescriptor string
	TraceID             string // the bank's reference for the transfer
	TraceStatus         string // supported, pending, unsupported
	Test                bool   // Livemode false
	Attrs               Attrs
}

func (p *Payout) Kind() string { return "payout" }
func (p *Payout) Key() string  { return p.Source + ":" + p.ID }

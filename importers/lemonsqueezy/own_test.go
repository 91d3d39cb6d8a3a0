package lemonsqueezy

// ownReal names the real exports that are lemonsqueezy files.
var ownReal = map[string]string{
	"lemonsqueezy/orders_export/lemonsqueezy.csv":                                                "payments",
	"lemonsqueezy/payout_statement/payouts-328a5c60-9c64-494f-b875-f007b29dc65e.csv":             "balance",
	"lemonsqueezy/payout_statement_with_refund/payouts-fa877a68-a8a8-4bed-9dad-b3c6ca436fb9.csv": "balance",
}

// Package paddle reads Paddle Billing exports into canonical records: the
// transactions report (one Payment per transaction) and a subscriptions
// export (one Subscription per subscription). Paddle Classic has no
// documented export header (only prose), so it is not read.
//
// Paddle's report columns mirror its API field names ("id", "status",
// "customer_id", "currency_code", "created_at", "billed_at",
// "details.totals.total", …), with RFC 3339 timestamps. Column names are
// matched with dots, underscores, spaces and brackets folded together, so
// "details.totals.total", "details_totals_total" and "Details Totals
// Total" are one column, and "items[0].quantity" is "items.0.quantity".
//
// Units of money are decided by the header, never guessed per value: a
// column spelled like the API (lower case, no spaces: "total",
// "details.totals.grand_total", "items[0].price.unit_price.amount") holds
// integer minor units, as the API writes them ("1650" is 16.50 USD); any
// other spelling ("Total", "Grand Total", "Unit Price") holds decimal major
// units ("16.50"). A decimal value in a minor-unit column is rejected with
// a reason rather than rescaled.
package paddle

const (
	source = "paddle"
	vendor = "Paddle"
)

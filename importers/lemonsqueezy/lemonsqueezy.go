// Package lemonsqueezy reads Lemon Squeezy exports into canonical records:
// orders (Payments), subscriptions (Subscriptions) and the subscribers
// export (Customers).
//
// Lemon Squeezy's exports use its API field names (identifier,
// order_number, user_email, status, status_formatted, created_at, …) with
// ISO 8601 timestamps. Column names are matched with dots, underscores,
// spaces and brackets folded together ("first_order_item.product_name" is
// "first_order_item_product_name").
//
// Units of money are decided by the header, never per value: a column
// spelled like the API (lower case: total, subtotal, refunded_amount,
// total_usd, price) holds integer cents, as the API documents ("1199" is
// 11.99 USD); any other spelling ("Total", "Amount") and the API's
// "…_formatted" fields ("$11.99") hold decimal major units. A decimal
// value in a cents column is rejected with a reason rather than rescaled.
//
// The "subscribers" export (identifier, name, email, status,
// status_formatted, country, country_formatted, email_sends, email_opens,
// email_clicks, unsubscribed_at, created_at) is Lemon Squeezy's e-mail
// marketing list: its status is subscribed / unsubscribed / archived /
// requires_verification / invalid_email / bounced, not a billing state,
// and it has no plan, price or period. So it is read as Customers, and
// only a file with billing columns (product, variant, price, renews_at,
// ends_at, trial_ends_at) is read as Subscriptions.
package lemonsqueezy

const (
	source = "lemonsqueezy"
	vendor = "Lemon Squeezy"
)

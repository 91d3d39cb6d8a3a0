package columns

import "strings"

// FindMoney finds an amount column and decides its unit from the spelling
// in the file. A name written the way the vendor's API writes its fields
// (lower case, no spaces: "total", "details.totals.total",
// "subscriptions.plan_amount") holds integer minor units, as the APIs of
// Paddle, Lemon Squeezy and Chargebee do ("1199" is 11.99 USD). Any other
// spelling ("Total", "Plan Amount", "Sale Price ($)") and the API's
// "…_formatted" and "…_in_decimal" fields hold decimal major units
// ("11.99", "$11.99").
func (h *Header) FindMoney(aliases ...string) Column {
	c := h.Find(aliases...)
	if c.OK() {
		cn := Canon(c.Name)
		c.Minor = APIStyle(c.Name) && !strings.HasSuffix(cn, "_formatted") && !strings.HasSuffix(cn, "_in_decimal")
	}
	return c
}

// APIStyle reports a header name spelled like an API field: no upper-case
// letter, no space, only letters, digits, '_', '.', '[' and ']'.
func APIStyle(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_', r == '.', r == '[', r == ']':
		default:
			return false
		}
	}
	return true
}

package figures

import (
	"fmt"
	"strings"
)

// The Product figures (METRICS.md, Product).

func activationRule(r Rules) string {
	what := "the activation event(s)"
	if n := len(r.ActivationEvents); n > 0 {
		what = "“" + strings.Join(r.ActivationEvents, "”, “") + "”"
		if n > 1 {
			what = "all of " + what
		}
	}
	return fmt.Sprintf("Signups of the month that performed %s within %d days of signup / signups of the month.", what, r.ActivationDays)
}

var productFields = []*Field{
	&Field{"product.signups", "Signups", Count, "up", Units, "", text("Accounts (or analytics users) first seen in the month."),
		func(m *Month) *float64 { return num(m.Product.Signups) }},
	&Field{"product.activation_rate", "Activation", Ratio, "up", Units | Events | Activation, "No signups this month, so there is no rate.", activationRule,
		func(m *Month) *float64 { return dec(m.Product.ActivationRate) }},
}

package figures

import (
	"fmt"
	"strings"
)

// The Revenue figures (METRICS.md, Revenue).

func mrrRule(r Rules) string {
	disc := "net of discounts (invoice subtotal − discount, tax excluded)"
	if r.Discounts == "list" {
		disc = "at list price (plan amount × quantity, discounts ignored)"
	}
	end := "a subscription ends at Ended At, else at its current period end when it cancels at period end (the rule “A subscription ends”: at period end)"
	if r.ChurnTiming == "cancellation" {
		end = "a subscription ends when it is canceled (the rule “A subscription ends”: when canceled)"
	}
	test := "test-mode rows excluded"
	if r.TestMode == "included" {
		test = "test-mode rows included"
	}
	return fmt.Sprintf("Σ over customers of their subscriptions' MRR at the end of the month: recurring amount per interval, "+
		"tax excluded, %s, normalised to a month (yearly ÷ 12, weekly × 52/12) and rounded once per subscription; "+
		"trials, free plans and metered items count 0; status active and past_due count; %s; %s; in %s, "+
		"calendar months in %s.", disc, end, test, strings.ToUpper(r.BaseCurrency), r.TimeZone)
}

func movementRule(what string) func(Rules) string {
	return func(r Rules) string {
		return what + " Comparing each customer's MRR at the end of the month before (p) and of this month (c); " +
			"MRR(M) = MRR(M−1) + new + reactivation + expansion − contraction − churn + fx, exact in minor units of " +
			strings.ToUpper(r.BaseCurrency) + "."
	}
}

const (
	noCustomersBefore = "No paying customers at the end of the month before, so there is no rate."
	noMRRBefore       = "No MRR at the end of the month before, so there is no rate."
)

var revenueFields = []*Field{
	&Field{"revenue.mrr", "MRR", Money, "up", Billing, "", mrrRule, func(m *Month) *float64 { return num(m.Revenue.MRR) }},
	&Field{"revenue.new", "New MRR", Money, "up", Billing, "", movementRule("new: p = 0, c > 0 and no MRR at any earlier month end → c."),
		func(m *Month) *float64 { return num(m.Revenue.New) }},
	&Field{"revenue.expansion", "Expansion", Money, "up", Billing, "", movementRule("expansion: 0 < p < c → c − p, at this month's exchange rate."),
		func(m *Month) *float64 { return num(m.Revenue.Expansion) }},
	&Field{"revenue.contraction", "Contraction", Money, "down", Billing, "", movementRule("contraction: 0 < c < p → p − c, at this month's exchange rate."),
		func(m *Month) *float64 { return num(m.Revenue.Contraction) }},
	&Field{"revenue.churn", "Churned MRR", Money, "down", Billing, "", movementRule("churn: p > 0, c = 0 → p."),
		func(m *Month) *float64 { return num(m.Revenue.Churn) }},
	&Field{"revenue.reactivation", "Reactivation", Money, "up", Billing, "", movementRule("reactivation: p = 0, c > 0, and MRR > 0 at some earlier month end → c."),
		func(m *Month) *float64 { return num(m.Revenue.Reactivation) }},
	&Field{"revenue.fx", "FX revaluation", Money, "", Billing, "", movementRule("fx: round(p × r(M)) − round(p × r(M−1)), the revaluation of last month's MRR; a change caused only by the rate is never expansion or contraction."),
		func(m *Month) *float64 { return num(m.Revenue.FX) }},
	&Field{"revenue.arr", "ARR", Money, "up", Billing, "", text("12 × MRR."), func(m *Month) *float64 { return num(m.Revenue.ARR) }},
	&Field{"revenue.arpa", "ARPA", Money, "up", Billing, "No paying customers at the end of the month, so there is no average.",
		text("MRR / paying customers, rounded half away from zero to the minor unit."), func(m *Month) *float64 { return num(m.Revenue.ARPA) }},
	&Field{"revenue.customers", "Paying customers", Count, "up", Billing, "", text("Customers with MRR > 0 at the end of the month."),
		func(m *Month) *float64 { return num(m.Revenue.Customers) }},
	&Field{"revenue.new_customers", "New customers", Count, "up", Billing, "", text("Customers behind the new movement."),
		func(m *Month) *float64 { return num(m.Revenue.NewCustomers) }},
	&Field{"revenue.churned_customers", "Churned customers", Count, "down", Billing, "", text("Customers behind the churn movement."),
		func(m *Month) *float64 { return num(m.Revenue.ChurnedCustomers) }},
	&Field{"revenue.reactivated_customers", "Reactivated customers", Count, "up", Billing, "", text("Customers behind the reactivation movement."),
		func(m *Month) *float64 { return num(m.Revenue.ReactivatedCustomers) }},
	&Field{"revenue.logo_churn_rate", "Logo churn", Ratio, "down", Billing, noCustomersBefore,
		text("Churned customers / paying customers at the end of the month before."), func(m *Month) *float64 { return dec(m.Revenue.LogoChurnRate) }},
	&Field{"revenue.gross_revenue_churn_rate", "Gross revenue churn", Ratio, "down", Billing, noMRRBefore,
		text("(churn + contraction) / MRR of the month before."), func(m *Month) *float64 { return dec(m.Revenue.GrossRevenueChurnRate) }},
	&Field{"revenue.net_revenue_churn_rate", "Net revenue churn", Ratio, "down", Billing, noMRRBefore,
		text("(churn + contraction − expansion − reactivation) / MRR of the month before. It counts reactivated customers; NRR does not, so NRR is not 1 − net revenue churn in a month with reactivations."), func(m *Month) *float64 { return dec(m.Revenue.NetRevenueChurnRate) }},
	&Field{"revenue.nrr", "NRR (monthly)", Ratio, "up", Billing, "No MRR at the end of the month before, so there is nothing to retain.",
		text("(MRR of the month before + expansion − contraction − churn) / MRR of the month before. Reactivated customers are left out (they had no MRR the month before); net revenue churn counts them."), func(m *Month) *float64 { return dec(m.Revenue.NRR) }},
	&Field{"revenue.quick_ratio", "Quick ratio", Multiple, "up", Billing, "No contraction or churn this month, so the ratio has no denominator: nothing was lost.",
		text("(new + reactivation + expansion) / (contraction + churn)."), func(m *Month) *float64 { return dec(m.Revenue.QuickRatio) }},
	&Field{"revenue.collected", "Collected", Money, "up", Payments, "",
		text("Σ succeeded payments (status Paid or Refunded) created in the month, in the base currency: the payment's own converted amount, else its amount at the month's rate."),
		func(m *Month) *float64 { return num(m.Revenue.Collected) }},
	&Field{"revenue.refunded", "Refunded", Money, "down", Payments, "", text("Σ refunded amounts whose refund date is in the month (refunds never change MRR)."),
		func(m *Month) *float64 { return num(m.Revenue.Refunded) }},
	&Field{"revenue.refunds", "Refunds", Count, "down", Payments, "", text("Number of refunds dated in the month."),
		func(m *Month) *float64 { return num(m.Revenue.Refunds) }},
	&Field{"revenue.disputes", "Disputes", Count, "down", Payments, "", text("Disputes opened in the month."),
		func(m *Month) *float64 { return num(m.Revenue.Disputes) }},
	&Field{"revenue.disputed", "Disputed", Money, "down", Payments, "", text("Amount of the disputes opened in the month."),
		func(m *Month) *float64 { return num(m.Revenue.Disputed) }},
	&Field{"revenue.failed_payments", "Failed payments", Count, "down", Payments, "", text("Failed payments created in the month."),
		func(m *Month) *float64 { return num(m.Revenue.FailedPayments) }},
}

package review

import (
	"fmt"
	"strings"
)

// Field describes one figure: its label, unit, which direction is good
// news, what import would fill it, and its rule as METRICS.md writes it.
type Field struct {
	Key     string
	Label   string
	Unit    Unit
	Better  string
	Missing string
	rule    func(Rules) string
}

// Rule is the field's rule as applied under rules.
func (f Field) Rule(r Rules) string {
	if f.rule == nil {
		return ""
	}
	return f.rule(r)
}

const (
	needBilling  = "Import a Stripe export (subscriptions, invoices or payments)."
	needPayments = "Import the Stripe payments export."
	needHelpdesk = "Import a helpdesk export (Zendesk, Freshdesk)."
	needAccounts = "Filled once tickets and events are linked to accounts (not available yet)."
	needProduct  = "Import analytics events and pick the activation event on the Users screen."
	needReleases = "Not tracked yet: releases."
	needManual   = "Log manual work (Ctrl+Shift+M anywhere, or keel manual add) to fill it."
)

func text(s string) func(Rules) string { return func(Rules) string { return s } }

func mrrRule(r Rules) string {
	disc := "net of discounts (invoice subtotal − discount, tax excluded)"
	if r.Discounts == "list" {
		disc = "at list price (plan amount × quantity, discounts ignored)"
	}
	end := "a subscription ends at Ended At, else at its current period end when it cancels at period end (churn_timing = period_end)"
	if r.ChurnTiming == "cancellation" {
		end = "a subscription ends when it is canceled (churn_timing = cancellation)"
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

// fields lists every figure of METRICS.md, in its order.
var fields = []Field{
	{"revenue.mrr", "MRR", Money, "up", needBilling, mrrRule},
	{"revenue.new", "New MRR", Money, "up", needBilling, movementRule("new: p = 0, c > 0 and no MRR at any earlier month end → c.")},
	{"revenue.expansion", "Expansion", Money, "up", needBilling, movementRule("expansion: 0 < p < c → c − p, at this month's exchange rate.")},
	{"revenue.contraction", "Contraction", Money, "down", needBilling, movementRule("contraction: 0 < c < p → p − c, at this month's exchange rate.")},
	{"revenue.churn", "Churned MRR", Money, "down", needBilling, movementRule("churn: p > 0, c = 0 → p.")},
	{"revenue.reactivation", "Reactivation", Money, "up", needBilling, movementRule("reactivation: p = 0, c > 0, and MRR > 0 at some earlier month end → c.")},
	{"revenue.fx", "FX revaluation", Money, "", needBilling, movementRule("fx: round(p × r(M)) − round(p × r(M−1)), the revaluation of last month's MRR; a change caused only by the rate is never expansion or contraction.")},
	{"revenue.arr", "ARR", Money, "up", needBilling, text("12 × MRR.")},
	{"revenue.arpa", "ARPA", Money, "up", needBilling, text("MRR / paying customers, rounded half away from zero to the minor unit.")},
	{"revenue.customers", "Paying customers", Count, "up", needBilling, text("Customers with MRR > 0 at the end of the month.")},
	{"revenue.new_customers", "New customers", Count, "up", needBilling, text("Customers behind the new movement.")},
	{"revenue.churned_customers", "Churned customers", Count, "down", needBilling, text("Customers behind the churn movement.")},
	{"revenue.reactivated_customers", "Reactivated customers", Count, "up", needBilling, text("Customers behind the reactivation movement.")},
	{"revenue.logo_churn_rate", "Logo churn", Ratio, "down", needBilling, text("Churned customers / paying customers at the end of the month before.")},
	{"revenue.gross_revenue_churn_rate", "Gross revenue churn", Ratio, "down", needBilling, text("(churn + contraction) / MRR of the month before.")},
	{"revenue.net_revenue_churn_rate", "Net revenue churn", Ratio, "down", needBilling, text("(churn + contraction − expansion − reactivation) / MRR of the month before.")},
	{"revenue.nrr", "NRR (monthly)", Ratio, "up", needBilling, text("(MRR of the month before + expansion − contraction − churn) / MRR of the month before.")},
	{"revenue.quick_ratio", "Quick ratio", Multiple, "up", needBilling, text("(new + reactivation + expansion) / (contraction + churn).")},
	{"revenue.collected", "Collected", Money, "up", needPayments, text("Σ succeeded payments (status Paid or Refunded) created in the month, in the base currency: the payment's own converted amount, else its amount at the month's rate.")},
	{"revenue.refunded", "Refunded", Money, "down", needPayments, text("Σ refunded amounts whose refund date is in the month (refunds never change MRR).")},
	{"revenue.refunds", "Refunds", Count, "down", needPayments, text("Number of refunds dated in the month.")},
	{"revenue.disputes", "Disputes", Count, "down", needPayments, text("Disputes opened in the month.")},
	{"revenue.disputed", "Disputed", Money, "down", needPayments, text("Amount of the disputes opened in the month.")},
	{"revenue.failed_payments", "Failed payments", Count, "down", needPayments, text("Failed payments created in the month.")},
	{"support.tickets", "Tickets", Count, "down", needHelpdesk, text("Tickets created in the month.")},
	{"support.solved", "Solved", Count, "up", needHelpdesk, text("Tickets whose solved, resolved or closed time is in the month.")},
	{"support.first_reply_minutes_p50", "First reply, median", Minutes, "down", needHelpdesk, text("Nearest-rank median over tickets created in the month with a first reply: the export's calendar-time first-reply column, else first reply − created.")},
	{"support.first_reply_minutes_p90", "First reply, p90", Minutes, "down", needHelpdesk, text("Nearest-rank 90th percentile, same tickets as the median.")},
	{"support.resolution_minutes_p50", "Resolution, median", Minutes, "down", needHelpdesk, text("Nearest-rank median over tickets solved in the month: the export's full resolution time, else solved − created.")},
	{"support.resolution_minutes_p90", "Resolution, p90", Minutes, "down", needHelpdesk, text("Nearest-rank 90th percentile, same tickets as the median.")},
	{"support.satisfaction", "Satisfaction", Ratio, "up", needHelpdesk, text("Good / (Good + Bad) over rated tickets created in the month.")},
	{"support.active_accounts", "Active accounts", Count, "up", needAccounts, text("Accounts with MRR > 0 at the end of the month, plus accounts with a product event in the month when analytics data exists.")},
	{"support.tickets_per_active_account", "Tickets per active account", Multiple, "down", needAccounts, text("Tickets / active accounts.")},
	{"product.signups", "Signups", Count, "up", needProduct, text("Accounts (or analytics users) first seen in the month.")},
	{"product.activation_rate", "Activation", Ratio, "up", needProduct, func(r Rules) string {
		return fmt.Sprintf("Signups of the month that performed the activation event(s) within %d days of signup / signups of the month.", r.ActivationDays)
	}},
	{"operations.releases", "Releases", Count, "", needReleases, text("Releases shipped in the month.")},
	{"operations.rollbacks", "Rollbacks", Count, "down", needReleases, text("Releases rolled back in the month.")},
	{"operations.hotfixes", "Hotfixes", Count, "down", needReleases, text("Releases marked hotfix in the month.")},
	{"operations.bugs_per_release", "Bugs per release", Multiple, "down", needReleases, text("Feedback items classified bug linked to a release shipped in the month (or created inside its watch window) / releases shipped.")},
	{"operations.manual_interventions", "Manual interventions", Count, "down", needManual, text("Manual interventions logged in the month.")},
	{"operations.manual_minutes", "Manual minutes", Minutes, "down", needManual, text("Minutes of manual work logged in the month.")},
	{"operations.manual_interventions_per_account", "Manual interventions per account", Multiple, "down", needManual, text("Manual interventions / active accounts.")},
}

var fieldIndex = func() map[string]int {
	m := map[string]int{}
	for i, f := range fields {
		m[f.Key] = i
	}
	return m
}()

// FieldOf describes a figure; an unknown key gets its own name as label.
func FieldOf(key string) Field {
	if i, ok := fieldIndex[key]; ok {
		return fields[i]
	}
	name := key[strings.IndexByte(key, '.')+1:]
	return Field{Key: key, Label: strings.ReplaceAll(name, "_", " "), Unit: Multiple}
}

// Fields lists every known figure in the order of METRICS.md.
func Fields() []Field { return append([]Field(nil), fields...) }

package figures

// Data is what a figure is computed from: a kind of imported data, a
// setting, or an area of Keel. Set.Has holds what the workspace has, and
// a figure whose Needs are not all there says which import (or setting)
// would fill it: the one place for "what to import" hints.
type Data uint

const (
	Billing    Data = 1 << iota // subscriptions, invoices or recurring payments
	Payments                    // the payments export
	Tickets                     // a helpdesk export
	Units                       // accounts or analytics users: signups
	Accounts                    // accounts: active accounts
	Events                      // product analytics events
	Activation                  // an activation event picked
	Releases                    // the release log: at least one release recorded
	Manual                      // the manual work log, once anything is logged
	Feedback                    // feedback items: tickets, feedback-board rows or notes
	Decisions                   // the decision log, once it holds a decision
	Costs                       // the cost drivers, once one is set
	Invoices                    // an invoices export, recurring or not
)

// Hint says what fills something missing: the sentence, and the importer
// source and kind the page's "Import…" button starts with ("" when the fix
// is not an import).
type Hint struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Kind   string `json:"kind"`
}

var (
	NeedBilling = &Hint{Text: "Import your Stripe subscriptions or invoices export (Stripe Dashboard → Billing → Subscriptions → Export) to see MRR, its movements and churn.",
		Source: "stripe", Kind: "subscriptions"}
	// NeedSubscriptions is NeedBilling for a workspace whose invoices show
	// no recurring billing: it does not ask for the invoices it has.
	NeedSubscriptions = &Hint{Text: "Import your Stripe subscriptions export (Stripe Dashboard → Billing → Subscriptions → Export) to see MRR, its movements and churn: the invoices imported show no recurring billing.",
		Source: "stripe", Kind: "subscriptions"}
	NeedPayments = &Hint{Text: "Import your Stripe payments export (Stripe Dashboard → Payments → Export) to fill this.",
		Source: "stripe", Kind: "payments"}
	NeedHelpdesk = &Hint{Text: "Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see the support load.",
		Source: "zendesk", Kind: "tickets"}
	NeedEvents = &Hint{Text: "Import your product analytics events (a PostHog, Mixpanel or Amplitude export) to see signups, activation and retention.",
		Source: "posthog", Kind: "events"}
	NeedAccounts = &Hint{Text: "Import your Stripe exports or your product analytics events (PostHog, Mixpanel, Amplitude): active accounts are the accounts that pay or use the product.",
		Source: "stripe", Kind: "subscriptions"}
	NeedActivation = &Hint{Text: "Pick the activation event(s) on the Users screen to see the rate."}
	NeedFeedback   = &Hint{Text: "Import your helpdesk tickets or a feedback board export (Canny, Featurebase, Fider, or any CSV of requests), or type notes on the Feedback screen, to triage feedback.",
		Source: "canny", Kind: "feedback"}
	NeedManual = &Hint{Text: "Log manual work (Ctrl+Shift+M anywhere in Keel, or keel manual add) or import a CSV of it (date, account, kind, minutes, note) to see it here.",
		Source: "keel", Kind: "manual work"}
	NeedTraffic = &Hint{Text: "Import a Plausible dashboard export (visitors.csv) or a GA4 report download to see your website traffic here.",
		Source: "plausible", Kind: "stats"}
)

// hints says what fills each kind of data, in the order they are checked.
var hints = []struct {
	d    Data
	hint *Hint
}{
	{Billing, NeedBilling},
	{Payments, NeedPayments},
	{Tickets, NeedHelpdesk},
	{Units, NeedEvents},
	{Accounts, NeedAccounts},
	{Events, NeedEvents},
	{Activation, NeedActivation},
	{Releases, &Hint{Text: "Record your releases on the Releases screen (or start them from your CHANGELOG.md or git tags) to count releases, rollbacks and hotfixes."}},
	{Manual, NeedManual},
	{Feedback, NeedFeedback},
	{Decisions, &Hint{Text: "Record decisions on the Decisions screen (or in the monthly review) to see their throughput."}},
	{Costs, &Hint{Text: "Add cost drivers on the Plans & costs screen to see the cost to serve and the margin."}},
}

// Lacks is the hint for the first of need that has does not hold, nil
// when it holds them all.
func (has Data) Lacks(need Data) *Hint {
	for _, h := range hints {
		if need&h.d != 0 && has&h.d == 0 {
			if h.d == Billing && has&Invoices != 0 {
				return NeedSubscriptions
			}
			return h.hint
		}
	}
	return nil
}

// NoData says why a figure is null although the workspace has the data
// it is computed from: the month is outside what the files cover.
const NoData = "The imported files have no data for this month."

// Missing says why f is null in a workspace that has has: the import or
// setting that would fill it, else why it has no value with its data
// there. It never asks for data the workspace has.
func (has Data) Missing(f *Field) string {
	if h := has.Lacks(f.Needs); h != nil {
		return h.Text
	}
	if f.Empty != "" {
		return f.Empty
	}
	return NoData
}

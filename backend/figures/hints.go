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
	Manual                      // the manual work log (not tracked yet)
	Feedback                    // the triage inbox (not tracked yet)
	Decisions                   // the decision log (not tracked yet)
	Costs                       // the cost drivers (not tracked yet)
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
	NeedPayments = &Hint{Text: "Import your Stripe payments export (Stripe Dashboard → Payments → Export) to fill this.",
		Source: "stripe", Kind: "payments"}
	NeedHelpdesk = &Hint{Text: "Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see the support load.",
		Source: "zendesk", Kind: "tickets"}
	NeedEvents = &Hint{Text: "Import your product analytics events (a PostHog, Mixpanel or Amplitude export) to see signups, activation and retention.",
		Source: "posthog", Kind: "events"}
	NeedAccounts = &Hint{Text: "Import your Stripe exports or your product analytics events (PostHog, Mixpanel, Amplitude): active accounts are the accounts that pay or use the product.",
		Source: "stripe", Kind: "subscriptions"}
	NeedActivation = &Hint{Text: "Pick the activation event(s) on the Users screen to see the rate."}
	NeedTraffic    = &Hint{Text: "Import a Plausible dashboard export (visitors.csv) or a GA4 report download to see your website traffic here.",
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
	{Manual, &Hint{Text: "Not tracked yet: the manual work log."}},
	{Feedback, &Hint{Text: "Not tracked yet: feedback."}},
	{Decisions, &Hint{Text: "Not tracked yet: decisions."}},
	{Costs, &Hint{Text: "Not tracked yet: cost drivers."}},
}

// Lacks is the hint for the first of need that has does not hold, nil
// when it holds them all.
func (has Data) Lacks(need Data) *Hint {
	for _, h := range hints {
		if need&h.d != 0 && has&h.d == 0 {
			return h.hint
		}
	}
	return nil
}

// Missing says why f is null in a workspace that has has: the import or
// setting that would fill it, else why it has no value with its data
// there.
func (has Data) Missing(f *Field) string {
	if h := has.Lacks(f.Needs); h != nil {
		return h.Text
	}
	if f.Empty != "" {
		return f.Empty
	}
	if h := Data(0).Lacks(f.Needs); h != nil {
		return h.Text
	}
	return ""
}

package mapped

import (
	"sort"
	"strings"

	"keel/backend"
)

// Field is one field of a target kind that a column can be mapped to.
type Field struct {
	Name     string `json:"name"`  // key in Mapping.Columns: "time", "email", "amount"
	Label    string `json:"label"` // what the column-mapping step shows
	Type     string `json:"type"`  // text, time, email, amount, integer, minutes, list, satisfaction
	Required bool   `json:"required"`
	// Aliases are the usual column names of the field, to guess a mapping.
	Aliases []string `json:"-"`
}

// kinds are the record kinds a mapping can produce, with their fields.
var kinds = map[string][]Field{
	"events": {
		{Name: "name", Label: "Event name", Type: "text", Required: true, Aliases: []string{"event", "event name", "event_name", "name", "action", "event type", "event_type"}},
		{Name: "time", Label: "Time of the event", Type: "time", Required: true, Aliases: []string{"time", "timestamp", "event time", "event_time", "date", "occurred at", "occurred_at", "created at", "created_at"}},
		{Name: "user", Label: "User id (distinct id)", Type: "text", Aliases: []string{"distinct_id", "distinct id", "user_id", "user id", "userid", "user", "uid", "anonymous_id", "person"}},
		{Name: "email", Label: "User email", Type: "email", Aliases: []string{"email", "e-mail", "user email", "user_email", "$email"}},
		{Name: "id", Label: "Event id", Type: "text", Aliases: []string{"uuid", "event id", "event_id", "insert_id", "$insert_id", "id", "message_id"}},
	},
	"tickets": {
		{Name: "id", Label: "Ticket id", Type: "text", Required: true, Aliases: []string{"ticket id", "ticket_id", "id", "number", "ticket number", "conversation id"}},
		{Name: "created", Label: "Created at", Type: "time", Required: true, Aliases: []string{"created at", "created_at", "created", "date", "opened", "opened at"}},
		{Name: "requester_email", Label: "Requester email", Type: "email", Aliases: []string{"requester email", "requester_email", "customer email", "email", "from", "contact email"}},
		{Name: "requester_id", Label: "Requester id", Type: "text", Aliases: []string{"requester id", "requester_id", "customer id", "contact id"}},
		{Name: "organization", Label: "Organization", Type: "text", Aliases: []string{"organization", "organisation", "company", "account"}},
		{Name: "subject", Label: "Subject", Type: "text", Aliases: []string{"subject", "title", "summary"}},
		{Name: "status", Label: "Status", Type: "text", Aliases: []string{"status", "state"}},
		{Name: "priority", Label: "Priority", Type: "text", Aliases: []string{"priority"}},
		{Name: "channel", Label: "Channel", Type: "text", Aliases: []string{"channel", "via", "source"}},
		{Name: "type", Label: "Type", Type: "text", Aliases: []string{"type", "ticket type"}},
		{Name: "group", Label: "Group", Type: "text", Aliases: []string{"group", "team", "queue"}},
		{Name: "assignee", Label: "Assignee", Type: "text", Aliases: []string{"assignee", "agent", "owner", "assigned to"}},
		{Name: "tags", Label: "Tags", Type: "list", Aliases: []string{"tags", "labels"}},
		{Name: "solved", Label: "Solved or closed at", Type: "time", Aliases: []string{"solved at", "solved_at", "resolved at", "resolved_at", "closed at", "closed_at", "closed"}},
		{Name: "first_reply_minutes", Label: "First reply time (minutes)", Type: "minutes", Aliases: []string{"first reply time in minutes", "first response minutes", "first_reply_minutes"}},
		{Name: "resolution_minutes", Label: "Resolution time (minutes)", Type: "minutes", Aliases: []string{"full resolution time in minutes", "resolution minutes", "resolution_minutes"}},
		{Name: "satisfaction", Label: "Satisfaction", Type: "satisfaction", Aliases: []string{"satisfaction", "satisfaction score", "csat", "rating"}},
	},
	"payments": {
		{Name: "created", Label: "Date", Type: "time", Required: true, Aliases: []string{"created", "created at", "created_at", "date", "paid at", "payment date", "transaction date"}},
		{Name: "amount", Label: "Amount", Type: "amount", Required: true, Aliases: []string{"amount", "total", "gross", "price", "value", "amount paid"}},
		{Name: "currency", Label: "Currency", Type: "text", Aliases: []string{"currency", "currency code", "cur"}},
		{Name: "id", Label: "Payment id", Type: "text", Aliases: []string{"id", "payment id", "transaction id", "charge id", "order id"}},
		{Name: "status", Label: "Status (paid, failed, refunded)", Type: "text", Aliases: []string{"status", "state", "payment status"}},
		{Name: "customer_id", Label: "Customer id", Type: "text", Aliases: []string{"customer id", "customer_id", "customer", "buyer id"}},
		{Name: "customer_email", Label: "Customer email", Type: "email", Aliases: []string{"customer email", "customer_email", "email", "buyer email", "payer email"}},
		{Name: "refunded", Label: "Amount refunded", Type: "amount", Aliases: []string{"refunded", "amount refunded", "refund amount"}},
		{Name: "description", Label: "Description", Type: "text", Aliases: []string{"description", "product", "item", "memo"}},
		{Name: "invoice_id", Label: "Invoice id", Type: "text", Aliases: []string{"invoice id", "invoice_id", "invoice"}},
	},
	"customers": {
		{Name: "id", Label: "Customer id", Type: "text", Required: true, Aliases: []string{"id", "customer id", "customer_id"}},
		{Name: "email", Label: "Email", Type: "email", Aliases: []string{"email", "e-mail", "customer email"}},
		{Name: "name", Label: "Name", Type: "text", Aliases: []string{"name", "company", "customer name", "full name"}},
		{Name: "created", Label: "Created at", Type: "time", Aliases: []string{"created", "created at", "created_at", "signup date", "date"}},
		{Name: "currency", Label: "Currency", Type: "text", Aliases: []string{"currency"}},
	},
	"subscriptions": {
		{Name: "id", Label: "Subscription id", Type: "text", Required: true, Aliases: []string{"id", "subscription id", "subscription_id"}},
		{Name: "customer_id", Label: "Customer id", Type: "text", Aliases: []string{"customer id", "customer_id", "customer"}},
		{Name: "customer_email", Label: "Customer email", Type: "email", Aliases: []string{"customer email", "customer_email", "email"}},
		{Name: "status", Label: "Status (active, trialing, canceled…)", Type: "text", Required: true, Aliases: []string{"status", "state"}},
		{Name: "plan", Label: "Plan", Type: "text", Aliases: []string{"plan", "plan name", "product", "tier"}},
		{Name: "amount", Label: "Price per interval", Type: "amount", Required: true, Aliases: []string{"amount", "price", "mrr", "plan amount"}},
		{Name: "currency", Label: "Currency", Type: "text", Aliases: []string{"currency"}},
		{Name: "interval", Label: "Billing interval (month, year…)", Type: "text", Aliases: []string{"interval", "billing interval", "billing period", "period"}},
		{Name: "interval_count", Label: "Intervals per bill", Type: "integer", Aliases: []string{"interval count", "interval_count"}},
		{Name: "quantity", Label: "Quantity (seats)", Type: "integer", Aliases: []string{"quantity", "seats", "qty"}},
		{Name: "start", Label: "Start", Type: "time", Required: true, Aliases: []string{"start", "start date", "started at", "created", "created at"}},
		{Name: "trial_end", Label: "Trial end", Type: "time", Aliases: []string{"trial end", "trial_end", "trial ends at"}},
		{Name: "canceled_at", Label: "Canceled at", Type: "time", Aliases: []string{"canceled at", "cancelled at", "canceled_at", "cancelled_at"}},
		{Name: "ended_at", Label: "Ended at", Type: "time", Aliases: []string{"ended at", "ended_at", "end date", "ends at"}},
	},
	// A flag list kept in a spreadsheet. Every column must be mapped:
	// a flag file with columns Keel does not know is refused (bind.go).
	"flags": {
		{Name: "key", Label: "Flag key (as the code reads it)", Type: "text", Required: true, Aliases: []string{"key", "flag key", "flag_key", "flag", "feature key", "feature_key", "toggle", "feature flag"}},
		{Name: "name", Label: "Name", Type: "text", Aliases: []string{"name", "flag name", "title", "display name"}},
		{Name: "purpose", Label: "Purpose", Type: "text", Aliases: []string{"purpose", "description", "why", "notes"}},
		{Name: "owner", Label: "Owner", Type: "text", Aliases: []string{"owner", "maintainer", "created by", "author"}},
		{Name: "type", Label: "Type (release, experiment, operational, permission, kill switch)", Type: "text", Aliases: []string{"type", "flag type", "kind", "category"}},
		{Name: "lifetime", Label: "Temporary or permanent", Type: "text", Aliases: []string{"lifetime", "temporary", "permanent", "temporary or permanent"}},
		{Name: "state", Label: "State (on, off, or a percentage)", Type: "text", Aliases: []string{"state", "status", "enabled", "on/off"}},
		{Name: "percentage", Label: "Rollout percentage", Type: "text", Aliases: []string{"percentage", "rollout", "rollout %", "rollout percentage", "rollout_percentage", "percent"}},
		{Name: "release", Label: "Release", Type: "text", Aliases: []string{"release", "release name", "shipped in"}},
		{Name: "created", Label: "Created at", Type: "time", Aliases: []string{"created", "created at", "created_at", "date created", "added"}},
		{Name: "updated", Label: "Last changed at", Type: "time", Aliases: []string{"updated", "updated at", "updated_at", "last modified", "last changed"}},
		{Name: "cleanup_due", Label: "Cleanup due", Type: "time", Aliases: []string{"cleanup due", "cleanup", "cleanup date", "remove by", "expires", "expiry"}},
		{Name: "environment", Label: "Environment", Type: "text", Aliases: []string{"environment", "env"}},
		{Name: "tags", Label: "Tags", Type: "list", Aliases: []string{"tags", "labels"}},
	},
}

// Kinds lists the kinds a mapping can produce.
func Kinds() []string {
	ks := make([]string, 0, len(kinds))
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Fields lists the fields of a kind, required ones first.
func Fields(kind string) ([]Field, error) {
	fs, ok := kinds[kind]
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "A mapping can make %s, not %q.", strings.Join(Kinds(), ", "), kind)
	}
	return append([]Field(nil), fs...), nil
}

// fold compares column names loosely: lowercase, without spaces,
// underscores, dashes, dots or a leading "*." / "$".
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "*.")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '_', '-', '.', '$', '"', '\'', '\uFEFF':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Guess proposes columns for the fields of kind from a header: for each
// field, the first alias that is a column, each column used once.
func Guess(kind string, header []string) map[string]string {
	fs := kinds[kind]
	cols := map[string]string{}
	for _, h := range header {
		if _, ok := cols[fold(h)]; !ok {
			cols[fold(h)] = h
		}
	}
	used := map[string]bool{}
	out := map[string]string{}
	for _, f := range fs {
		for _, a := range f.Aliases {
			if h, ok := cols[fold(a)]; ok && !used[h] {
				out[f.Name], used[h] = h, true
				break
			}
		}
	}
	return out
}

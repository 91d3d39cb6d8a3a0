package backend

import (
	"strings"
	"time"
)

// Kinds of manual intervention (DESIGN.md, Manual work).
var ManualKinds = []string{"refund", "data_fix", "onboarding_call", "billing_change", "account_review", "other"}

// ManualWork is one manual intervention: logged in Keel (Source "keel",
// no import) or imported from a CSV file. Account is what the founder or
// the file named: an account id, an e-mail address, a domain or a name;
// the manual package resolves it to an account when it reads.
type ManualWork struct {
	Source  string
	ID      string
	At      time.Time
	Account string
	Type    string // one of ManualKinds
	Minutes int64
	Note    string
	Attrs   Attrs
}

func (m *ManualWork) Kind() string { return "manual_work" }
func (m *ManualWork) Key() string  { return m.Source + ":" + m.ID }

// manualLabels are the words of each kind, for the screens and the report.
var manualLabels = map[string]string{
	"refund":          "Refund by hand",
	"data_fix":        "Data fix",
	"onboarding_call": "Onboarding call",
	"billing_change":  "Billing change",
	"account_review":  "Account review",
	"other":           "Other",
}

// ManualKindLabel is the words of a kind.
func ManualKindLabel(kind string) string {
	if l, ok := manualLabels[kind]; ok {
		return l
	}
	return kind
}

// ParseManualKind reads a kind as typed or exported: "data_fix", "Data
// fix", "data fix", "refund by hand", "Onboarding-call"; ok is false for
// anything else.
func ParseManualKind(s string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if k == "refund_by_hand" || k == "manual_refund" {
		k = "refund"
	}
	if _, ok := manualLabels[k]; ok {
		return k, true
	}
	return "", false
}

package manual

import (
	"strings"

	"keel/backend"
)

// kindLabels are the words of each kind, for the screens and the report.
var kindLabels = map[string]string{
	"refund":          "Refund by hand",
	"data_fix":        "Data fix",
	"onboarding_call": "Onboarding call",
	"billing_change":  "Billing change",
	"account_review":  "Account review",
	"other":           "Other",
}

// Label is the words of a kind.
func Label(kind string) string {
	if l, ok := kindLabels[kind]; ok {
		return l
	}
	return kind
}

// Kind reads a kind as typed or exported: "data_fix", "Data fix", "data
// fix", "refund by hand", "Onboarding-call"; ok is false for anything
// else.
func Kind(s string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if k == "refund_by_hand" || k == "manual_refund" {
		k = "refund"
	}
	for _, known := range backend.ManualKinds {
		if k == known {
			return k, true
		}
	}
	return "", false
}

// kindList is "refund by hand, data fix, …, other" for error messages.
func kindList() string {
	var out []string
	for _, k := range backend.ManualKinds {
		out = append(out, strings.ToLower(Label(k)))
	}
	return strings.Join(out, ", ")
}

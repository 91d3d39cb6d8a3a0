package manual

import (
	"strings"

	"keel/backend"
)

// Label is the words of a kind.
func Label(kind string) string { return backend.ManualKindLabel(kind) }

// Kind reads a kind as typed or exported ("Data fix", "refund by hand").
func Kind(s string) (string, bool) { return backend.ParseManualKind(s) }

// kindList is "refund by hand, data fix, …, other" for error messages.
func kindList() string {
	var out []string
	for _, k := range backend.ManualKinds {
		out = append(out, strings.ToLower(Label(k)))
	}
	return strings.Join(out, ", ")
}

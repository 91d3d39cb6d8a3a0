// Package palette holds the colours that mean something everywhere in Keel
// (UI.md), shared by the charts and the Excel report.
package palette

// Movements are the colours of the MRR movements, keyed by movement kind
// (revenue.Kind): new green, expansion teal, reactivation blue, contraction
// orange, churn red, fx grey. Hex RGB without '#'.
var Movements = map[string]string{
	"new":          "16A34A",
	"expansion":    "0D9488",
	"reactivation": "2563EB",
	"contraction":  "EA580C",
	"churn":        "DC2626",
	"fx":           "9CA3AF",
}

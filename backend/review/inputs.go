package review

import "keel/backend/workspace"

// checklist merges the items, the founder's answers and the data's hints.
func checklist(in *workspace.ReviewInputs, hints map[string]string) []CheckItem {
	out := CheckItems()
	for i := range out {
		a := in.Answers[out[i].ID]
		out[i].Answer, out[i].Note, out[i].Hint = a[0], a[1], hints[out[i].ID]
	}
	return out
}

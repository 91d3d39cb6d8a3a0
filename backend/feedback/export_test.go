package feedback

import "testing"

// SuggestLabelled is, for the external tests, the cluster the scored path
// (quality_test.go) puts each item of the labelled set in, by item id.
func SuggestLabelled(t testing.TB) map[string]string {
	items, docs := half(readLabelled(t), "")
	got := suggestDocs(docs, clusterOptions)
	out := map[string]string{}
	for i, x := range items {
		out[x.id] = got[i]
	}
	return out
}

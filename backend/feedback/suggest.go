package feedback

import "keel/backend/similar"

// clusterOptions are the similarity engine's settings for feedback,
// chosen on the tuning half of the labelled set (quality_test.go).
var clusterOptions = similar.Defaults

// docFor is an item as the similarity engine reads it: a bug report is
// kept apart from a request that uses the same words. typ is the
// founder's type, else Keel's suggestion from the words.
func docFor(title, text string, created int64, typ Type) similar.Doc {
	if typ == "" {
		typ = SuggestType(title, text).Type
	}
	d := similar.Doc{Title: title, Text: text, Time: created}
	if typ == Bug {
		d.Kind = string(Bug)
	}
	return d
}

// suggestDocs places docs (oldest first) as Keel does and returns each
// one's cluster.
func suggestDocs(docs []similar.Doc, opt similar.Options) []string {
	return similar.Suggest(docs, opt)
}

// Package similar tells which feedback items ask for the same thing,
// locally and without any model: words are folded (a small table of SaaS
// synonyms: SSO, 2FA, dark mode…), stopwords dropped and the rest stemmed
// (Snowball English); each document is a TF-IDF vector of those words and
// one of their character trigrams (for typos), both normalised; the
// similarity of a document and a cluster is the weighted cosine with the
// cluster's centroid, plus a bonus for outage reports that arrive
// together. Clustering is incremental: each document, oldest first, joins
// the nearest cluster at or above the threshold, else starts its own, and
// keeps its place, so that cluster ids stay stable as documents arrive.
package similar

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }

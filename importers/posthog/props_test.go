package posthog

import (
	"encoding/csv"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

// Properties encoded without a map are byte for byte what the workspace
// writes for the map (Attrs.JSON): the text is part of each row's
// fingerprint, so a file imported before and after must match. (Bad UTF-8
// would make the reader decode the whole file as Windows-1252; Attrs.JSON
// is tested with it.)
func TestEncodedPropsMatchAttrsJSON(t *testing.T) {
	pieces := []string{"", "a", "Plan", "é", "日本", "<b>", "&amp;", "\"q\"", `back\slash`, "\t", "\x01", "\x7f",
		"\u2028", "😀", " padded ", ",", "\n"}
	keys := []string{"$browser", "plan", "email", "Zed", "$current_url", "<k>", "é"}
	rnd := rand.New(rand.NewSource(2))
	word := func() string {
		s := ""
		for n := rnd.Intn(4); n > 0; n-- {
			s += pieces[rnd.Intn(len(pieces))]
		}
		return s
	}
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	head := []string{"*.uuid", "*.event", "*.distinct_id", "*.timestamp"}
	for _, k := range keys {
		head = append(head, "*.properties."+k)
	}
	w.Write(head)
	var want []string
	for i := 0; i < 500; i++ {
		rec := []string{fmt.Sprintf("id-%d", i), "$pageview", "u", "2024-03-01T00:00:00Z"}
		a := backend.Attrs{}
		for _, k := range keys {
			v := word()
			rec = append(rec, v)
			if v = strings.TrimSpace(v); v != "" {
				a[k] = v
			}
		}
		w.Write(rec)
		want = append(want, a.JSON())
	}
	w.Flush()
	r := importertest.CSV[*backend.Event](t, Events{}, strings.NewReader(sb.String()), importers.Options{})
	if len(r.Records) != len(want) {
		t.Fatalf("%d events, want %d (rejects %v)", len(r.Records), len(want), r.Rejects)
	}
	for i, e := range r.Records {
		got := e.AttrsJSON
		if got == "" {
			got = e.Attrs.JSON()
		}
		if got != want[i] {
			t.Fatalf("event %d: properties %s, want %s", i, got, want[i])
		}
	}
}

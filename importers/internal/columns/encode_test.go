package columns

import (
	"math/rand"
	"testing"

	"keel/importers/csvfile"
)

// The encoder writes byte for byte what Attrs.JSON writes for the map
// Attrs collects from the same row: the text is part of each stored row's
// fingerprint, so a file imported before and after must match.
func TestEncoderMatchesAttrsJSON(t *testing.T) {
	pieces := []string{"", "a", "Plan", "é", "日本", "<b>", "&amp;", "\"q\"", `back\slash`, "\t", "\x01", "\x7f",
		"\u2028", "\xff", "😀", " padded ", ",", "\n"}
	keys := []string{"$browser", "plan", "email", "Zed", "$current_url", "<k>", "é", "a\"b"}
	rnd := rand.New(rand.NewSource(2))
	word := func() string {
		s := ""
		for n := rnd.Intn(4); n > 0; n-- {
			s += pieces[rnd.Intn(len(pieces))]
		}
		return s
	}
	var cols []Attr
	for i, k := range keys {
		cols = append(cols, Attr{Key: k, Index: 2 * i}) // other columns in between
	}
	enc := NewEncoder(cols)
	var got, want []string
	for i := 0; i < 2000; i++ {
		row := csvfile.Row{Line: i + 2}
		for range 2 * len(keys) {
			row.Fields = append(row.Fields, word())
		}
		got = append(got, enc.JSON(row))
		a := Attrs(row, cols)
		if a == nil {
			want = append(want, "")
		} else {
			want = append(want, a.JSON())
		}
	}
	// Checked after all rows: earlier strings must survive later ones.
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("row %d: encoder wrote %s, Attrs.JSON %s", i, got[i], want[i])
		}
	}
	n := 0
	for _, g := range got {
		if g != "" {
			n++
		}
	}
	if n < 1500 {
		t.Fatalf("only %d of 2000 rows had attributes: the test data is too sparse", n)
	}
}

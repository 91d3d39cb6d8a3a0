package backend

import (
	"encoding/json"
	"math/rand"
	"testing"
)

// Attrs.JSON must write exactly what json.Marshal writes: the text is part of
// every stored row's fingerprint.
func TestAttrsMatchesEncodingJSON(t *testing.T) {
	pieces := []string{"", "a", "Plan", "é", "日本", "<b>", "&amp;", "\"q\"", `back\slash`, "\n\r\t\b\f", "\x00\x1f", "\x7f",
		"\u2028\u2029", "\xff\xfe", "bad\xc3", "😀", " spaced out "}
	rnd := rand.New(rand.NewSource(1))
	word := func() string {
		s := ""
		for n := rnd.Intn(4); n > 0; n-- {
			s += pieces[rnd.Intn(len(pieces))]
		}
		return s
	}
	for i := 0; i < 2000; i++ {
		a := Attrs{}
		for n := rnd.Intn(5); n > 0; n-- {
			a[word()] = word()
		}
		want := "{}"
		if len(a) > 0 {
			b, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			want = string(b)
		}
		if got := a.JSON(); got != want {
			t.Fatalf("JSON of %q = %s, encoding/json writes %s", a, got, want)
		}
	}
}

package workspace

import (
	"fmt"
	"hash/maphash"
	"slices"
	"testing"
)

// A flat index numbers each string once, keeps them apart when their
// hashes clash, and lists them in string order.
func TestFlatIndex(t *testing.T) {
	x := newFlatIndex()
	var want []string
	for i := range 1000 {
		s := fmt.Sprintf("r%d@acme%d.io", (i*7919)%1000, i%7)
		want = append(want, s)
		if n, added := x.get(s); !added || int(n) != i {
			t.Fatalf("%q: number %d (added %v), want %d, added", s, n, added, i)
		}
	}
	for i, s := range want {
		if n, added := x.get(s); added || int(n) != i || string(x.bytes(n)) != s {
			t.Fatalf("%q again: number %d (added %v), want %d", s, n, added, i)
		}
	}
	// "other" hashing like want[0]: it gets a number of its own, once.
	x.index[maphash.String(x.seed, "other")] = 0
	n, added := x.get("other")
	if !added || n == 0 || string(x.bytes(n)) != "other" {
		t.Fatalf("a clashing string: number %d (added %v) reading %q", n, added, x.bytes(n))
	}
	if again, added := x.get("other"); added || again != n {
		t.Fatalf("the clashing string again: number %d (added %v), want %d", again, added, n)
	}
	want = append(want, "other")
	var got []string
	for _, i := range x.sorted() {
		got = append(got, string(x.bytes(i)))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("sorted: %q…, want %q…", got[:3], want[:3])
	}
}

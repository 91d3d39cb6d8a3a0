package workspace

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// Values boxed in shared blocks are ordinary interface values: equal to
// the plain conversions, of the same types, and alive after a collection.
func TestBoxerValues(t *testing.T) {
	var x boxer
	at := time.Date(2025, 11, 26, 14, 3, 0, 0, time.UTC)
	n := 3 * boxBlock
	var got []any
	for i := 0; i < n; i++ {
		got = append(got, x.row(x.str(fmt.Sprint("s", i)), x.int(int64(i)*1000), x.opt(nil), x.unix(at), x.optUnix(nil), x.str(""), true)...)
	}
	runtime.GC()
	for i := 0; i < n; i++ {
		want := []any{fmt.Sprint("s", i), int64(i) * 1000, nil, at.Unix(), nil, "", true}
		for j, w := range want {
			if g := got[i*len(want)+j]; g != w {
				t.Fatalf("row %d value %d = %#v (%T), want %#v (%T)", i, j, g, g, w, w)
			}
		}
		if _, ok := got[i*len(want)].(string); !ok {
			t.Fatal("a boxed string is not a string")
		}
	}
}

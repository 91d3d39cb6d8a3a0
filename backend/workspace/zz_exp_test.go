package workspace

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"keel/backend"
)

func TestZZInsertSpeed(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("ZZ"))
	if v, _ := strconv.Atoi(os.Getenv("ZZB")); v > 0 {
		bulkRows = v
	}
	rows := make([]Row, 0, n)
	for i := 0; i < n; i++ {
		e := &backend.Event{Source: "posthog", ID: fmt.Sprintf("0189%04x-%04x-7%03x-8%03x-%012x", i>>16&0xffff, i&0xffff, i%4096, (i/7)%4096, i),
			Name: "$pageview", DistinctID: fmt.Sprintf("user%d@acme%d.io", i%60000, i%9000), Email: fmt.Sprintf("user%d@acme%d.io", i%60000, i%9000),
			Time: time.Unix(int64(1600000000+7*i), 0), Attrs: backend.Attrs{"$browser": "Chrome", "$current_url": fmt.Sprintf("https://app.northwind.example/p/%d", i%500)}}
		r, _ := NewRow(e)
		rows = append(rows, r)
	}
	db := MustCreate(t)
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	for s := 0; s < n; s += 256 {
		if _, err := b.PutMany(rows[s:min(s+256, n)]); err != nil {
			t.Fatal(err)
		}
	}
	t1 := time.Now()
	b.Commit(Counts{})
	fmt.Printf("put %v commit %v\n", t1.Sub(t0), time.Since(t1))
}

package demo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The exports carry the spike of the rolled-back release: in the 70 hours
// between its release and its rollback, refunds and tickets far above any
// of the 8 windows of the same length before.
func TestExportsCarryTheRollbackSpike(t *testing.T) {
	for _, now := range []time.Time{testNow, time.Date(2026, 4, 1, 0, 10, 0, 0, time.UTC), time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC)} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			_, files := generate(t, now)
			in := incidentOf(now)
			w := in.rollback.Sub(in.ship)
			count := func(name, col string) []int { // per window: 8 earlier, then the incident's
				f := files[name]
				i := slices.Index(f.header, col)
				out := make([]int, 9)
				for _, r := range f.rows {
					at, err := time.Parse(stripeSecond, r[i])
					if err != nil {
						continue
					}
					d := at.Sub(in.ship)
					k := int(d / w)
					if d < 0 && d%w != 0 {
						k--
					}
					if k >= -8 && k <= 0 {
						out[8+k]++
					}
				}
				return out
			}
			for _, c := range []struct {
				file, col   string
				min, margin int // at least min, and margin more than the most before
			}{{filePayments, "Refunded date (UTC)", 6, 4}, {fileTickets, "Created at", 60, 15}} {
				got := count(c.file, c.col)
				most := slices.Max(got[:8])
				if got[8] < c.min || got[8] < most+c.margin {
					t.Errorf("%s: %d in the incident window, %v in the 8 before", c.file, got[8], got[:8])
				}
			}
		})
	}
}

// The flag list is LaunchDarkly's list response, with every flag of the
// demo.
func TestFlagFile(t *testing.T) {
	dir := t.TempDir()
	w := newWorld(testNow)
	p, err := w.writeFlags(dir)
	if err != nil || filepath.Base(p) != fileFlags {
		t.Fatalf("%s %v", p, err)
	}
	var doc struct {
		Items []struct {
			Key          string `json:"key"`
			CreationDate int64  `json:"creationDate"`
			Environments map[string]struct {
				On bool `json:"on"`
			} `json:"environments"`
		} `json:"items"`
		TotalCount int `json:"totalCount"`
	}
	b, _ := os.ReadFile(p)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != len(flagsOfDemo) || doc.TotalCount != len(flagsOfDemo) || doc.Items[0].CreationDate >= testNow.UnixMilli() {
		t.Fatalf("%d items, total %d", len(doc.Items), doc.TotalCount)
	}
	for _, it := range doc.Items {
		if _, ok := it.Environments["production"]; !ok {
			t.Errorf("%s has no production environment", it.Key)
		}
	}
}

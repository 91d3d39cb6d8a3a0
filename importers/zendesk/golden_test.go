package zendesk

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
)

// TestRealSubset imports the real 23-column Zendesk subset and compares a
// summary with testdata/real_tickets_subset.golden. The values in it were
// checked by hand against the raw file (see the comments in the test).
func TestRealSubset(t *testing.T) {
	path := filepath.Join(realDir, "zendesk", "tickets_subset.csv")
	if _, err := os.Stat(realDir); os.IsNotExist(err) {
		t.Skipf("%s not found", realDir)
	}
	res := runFile(t, path, importers.Options{})
	golden(t, "real_tickets_subset.golden", summary(res))

	// Hand-checked against the raw file.
	if len(res.tickets) != 300 || len(res.rejects) != 0 {
		t.Fatalf("tickets %d, rejects %v; want 300 and none", len(res.tickets), res.rejects)
	}
	first := res.tickets[0] // 297732,...,2023-04-08 20:52:00,...,2023-06-14 16:30:00,1604,Offered,...,173,...,96218,47978
	if first.ID != "297732" || first.RequesterID != "10300555531549" || first.Status != "solved" ||
		!first.Created.Equal(time.Date(2023, 4, 8, 20, 52, 0, 0, time.UTC)) ||
		first.Solved == nil || !first.Solved.Equal(time.Date(2023, 6, 14, 16, 30, 0, 0, time.UTC)) ||
		first.FirstReplyMinutes != nil || *first.FirstReplyBizMinutes != 173 ||
		*first.ResolutionMinutes != 96218 || *first.ResolutionBizMinutes != 47978 ||
		first.Satisfaction != "offered" || first.Attrs["Manual Tagging of Categories"] != "Is my treatment covered (IMTC)" {
		t.Errorf("first ticket: %+v", *first)
	}
}

// summary renders what a founder would check: counts per value, solved
// count, and a sample of parsed tickets.
func summary(res result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "detect: %.2f\n", res.detect)
	fmt.Fprintf(&b, "tickets: %d\nrejected: %d\nskipped: %d\n", len(res.tickets), len(res.rejects), res.skipped)
	for _, r := range res.rejects {
		fmt.Fprintf(&b, "  line %d: %s\n", r.line, r.reason)
	}
	count := func(label string, f func(*backend.Ticket) string) {
		m := map[string]int{}
		for _, t := range res.tickets {
			m[f(t)]++
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "%s:", label)
		for _, k := range keys {
			fmt.Fprintf(&b, " %q=%d", k, m[k])
		}
		b.WriteString("\n")
	}
	count("status", func(t *backend.Ticket) string { return t.Status })
	count("priority", func(t *backend.Ticket) string { return t.Priority })
	count("channel", func(t *backend.Ticket) string { return t.Channel })
	count("group", func(t *backend.Ticket) string { return t.Group })
	count("satisfaction", func(t *backend.Ticket) string { return t.Satisfaction })
	var solved, withFirst, withFirstBiz, withRes, withResBiz int
	var sumFirstBiz, sumRes, sumResBiz int64
	var minCreated, maxCreated time.Time
	attrKeys := map[string]int{}
	for i, t := range res.tickets {
		if t.Solved != nil {
			solved++
		}
		if t.FirstReplyMinutes != nil {
			withFirst++
		}
		if t.FirstReplyBizMinutes != nil {
			withFirstBiz++
			sumFirstBiz += *t.FirstReplyBizMinutes
		}
		if t.ResolutionMinutes != nil {
			withRes++
			sumRes += *t.ResolutionMinutes
		}
		if t.ResolutionBizMinutes != nil {
			withResBiz++
			sumResBiz += *t.ResolutionBizMinutes
		}
		if i == 0 || t.Created.Before(minCreated) {
			minCreated = t.Created
		}
		if i == 0 || t.Created.After(maxCreated) {
			maxCreated = t.Created
		}
		for k := range t.Attrs {
			attrKeys[k]++
		}
	}
	fmt.Fprintf(&b, "solved: %d\n", solved)
	fmt.Fprintf(&b, "created: %s .. %s\n", minCreated.Format(time.RFC3339), maxCreated.Format(time.RFC3339))
	fmt.Fprintf(&b, "first_reply_minutes: %d tickets\n", withFirst)
	fmt.Fprintf(&b, "first_reply_biz_minutes: %d tickets, sum %d\n", withFirstBiz, sumFirstBiz)
	fmt.Fprintf(&b, "resolution_minutes: %d tickets, sum %d\n", withRes, sumRes)
	fmt.Fprintf(&b, "resolution_biz_minutes: %d tickets, sum %d\n", withResBiz, sumResBiz)
	keys := make([]string, 0, len(attrKeys))
	for k := range attrKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("attrs:\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "  %q: %d\n", k, attrKeys[k])
	}
	b.WriteString("sample:\n")
	for i, t := range res.tickets {
		if i >= 8 && i%50 != 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s status=%s created=%s solved=%s first=%s first_biz=%s res=%s res_biz=%s sat=%q tags=%q\n",
			t.ID, t.Status, t.Created.Format(time.RFC3339), tm(t.Solved), mins(t.FirstReplyMinutes),
			mins(t.FirstReplyBizMinutes), mins(t.ResolutionMinutes), mins(t.ResolutionBizMinutes), t.Satisfaction, t.Tags)
	}
	return b.String()
}

func tm(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}

func mins(p *int64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

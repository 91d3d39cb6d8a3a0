package freshdesk

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

// TestRealExport imports the real Freshdesk sample and compares a summary
// with testdata/real_freshdesk_tickets.golden.
func TestRealExport(t *testing.T) {
	if _, err := os.Stat(realDir); os.IsNotExist(err) {
		t.Skipf("%s not found", realDir)
	}
	res := runFile(t, filepath.Join(realDir, "freshdesk", "freshdesk_tickets.csv"), importers.Options{})
	golden(t, "real_freshdesk_tickets.golden", summary(res))

	// Hand-checked against the raw file: 45 tickets, none resolved; ticket 1
	// is `1,404 error when on a specific page,…,Pending,High,,2025-12-03 16:29:08,,…,emily.garcia@acme.com,,emily.garcia@acme.com,Acme Inc`.
	if len(res.tickets) != 45 || len(res.rejects) != 0 {
		t.Fatalf("tickets %d rejects %v; want 45 and none", len(res.tickets), res.rejects)
	}
	first := res.tickets[0]
	if first.ID != "1" || first.Subject != "404 error when on a specific page" || first.Status != "pending" ||
		first.Priority != "high" || first.Type != "" || !first.Created.Equal(time.Date(2025, 12, 3, 16, 29, 8, 0, time.UTC)) ||
		first.Solved != nil || first.RequesterEmail != "emily.garcia@acme.com" || first.RequesterID != "emily.garcia@acme.com" ||
		first.Organization != "Acme Inc" || first.Attrs["Title"] != "Associate Director" {
		t.Errorf("first ticket: %+v", *first)
	}
}

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
	count("type", func(t *backend.Ticket) string { return t.Type })
	count("organization", func(t *backend.Ticket) string { return t.Organization })
	count("satisfaction", func(t *backend.Ticket) string { return t.Satisfaction })
	var solved, first, res_ int
	attrKeys := map[string]int{}
	for _, t := range res.tickets {
		if t.Solved != nil {
			solved++
		}
		if t.FirstReplyMinutes != nil {
			first++
		}
		if t.ResolutionMinutes != nil {
			res_++
		}
		for k := range t.Attrs {
			attrKeys[k]++
		}
	}
	fmt.Fprintf(&b, "solved: %d\nfirst_reply_minutes: %d tickets\nresolution_minutes: %d tickets\n", solved, first, res_)
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
		if i >= 6 && i%10 != 0 && i != len(res.tickets)-1 {
			continue
		}
		solved := "-"
		if t.Solved != nil {
			solved = t.Solved.Format(time.RFC3339)
		}
		fmt.Fprintf(&b, "  %s status=%s priority=%s created=%s solved=%s email=%s org=%q subject=%q\n",
			t.ID, t.Status, t.Priority, t.Created.Format(time.RFC3339), solved, t.RequesterEmail, t.Organization, t.Subject)
	}
	return b.String()
}

package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend/pipeline"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Defect 12 (issue 16): --anonymize left people in free text: a requester's
// name and phone number in a ticket's subject, and a tag made of the name.
// Before the fix the workbook kept "John Smith", "+1 555 0100",
// "vip_john_smith" and the founder's "Call Ana Lima on 555-867-5309".
func TestAnonymizedReportHidesPeopleInFreeText(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "people.keel"), "People")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return demoNow }
	dir := t.TempDir()
	files := map[string]string{
		"customers.csv": "id,Description,Email,Name,Created (UTC),Delinquent,Currency\n" +
			"cus_1,,jane@doe.example,Jane Doe,2025-06-02 03:04,false,usd\n",
		"tickets.csv": "Id,Requester,Requester id,Requester email,Subject,Tags,Status,Created at,Solved at,Via\n" +
			`1,John Smith,501,john.smith@acme.example,"Refund for John Smith (john.smith@acme.example, +1 555 0100)",vip_john_smith refund,Solved,2026-02-03 10:00:00,2026-02-04 10:00:00,Mail` + "\n" +
			`2,Ana Lima,502,ana@lima.example,"Call me on (555) 123-4567, or +44 20 7946 0958",jane_doe_followup,Open,2026-02-05 10:00:00,,Mail` + "\n" +
			`3,Ana Lima,502,ana@lima.example,Invoice 2026-02-05 for $1234.56 (order 4471),,Open,2026-02-06 10:00:00,,Mail` + "\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		if rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: p}, nil); rep.Err != nil || rep.Rejected > 0 {
			t.Fatalf("%s: %+v %v", name, rep.Counts, rep.Rejects)
		}
	}
	if _, err := review.AddDecision(db, mo("2026-02"), review.Decision{Kind: "fix", What: "Call Ana Lima on 555-867-5309 about Jane Doe's refund",
		Owner: "Maya Lindqvist", Due: "2026-03-31"}); err != nil {
		t.Fatal(err)
	}
	people := []string{"John Smith", "john_smith", "Jane Doe", "jane_doe", "Ana Lima", "555 0100", "123-4567", "7946 0958",
		"867-5309", "john.smith@", "ana@lima", "Maya Lindqvist"}
	all := func(opts Options) string {
		_, raw := export(t, db, "2026-02", opts)
		var b strings.Builder
		for _, body := range parts(t, raw) {
			b.WriteString(body)
		}
		return b.String()
	}
	plain := all(Options{})
	for _, s := range people {
		if !strings.Contains(plain, s) { // the test can fail
			t.Fatalf("%q is not even in the plain report", s)
		}
	}
	anon := all(Options{Anonymize: true})

	for _, s := range people {
		if strings.Contains(anon, s) {
			t.Errorf("%q is in the anonymized report", s)
		}
	}
	for _, s := range []string{"Refund for Person 0002 (person-0001@example.invalid, [phone])", "vip_person_0002 refund",
		"Call me on [phone], or [phone]", "customer_00001_followup", "Invoice 2026-02-05 for $1234.56 (order 4471)",
		"Call Person 0001 on [phone] about Customer 00001&#39;s refund"} {
		if !strings.Contains(anon, s) {
			t.Errorf("the anonymized report lacks %q", s)
		}
	}
}

// phones replaces phone numbers and leaves the numbers of a review alone.
func TestPhoneNumbers(t *testing.T) {
	for _, s := range []string{"+1 555 0100", "+44 20 7946 0958", "+33 (0)1 23 45 67 89", "(555) 123-4567", "555-123-4567",
		"555.123.4567", "867-5309", "+4915112345678"} {
		if got := phones("call " + s + " today"); got != "call [phone] today" {
			t.Errorf("%q: %q", s, got)
		}
	}
	for _, s := range []string{"2026-02-05", "10:00:00", "$1,234.56", "+12.3 %", "MRR grew 4.2 % to $12,345", "ticket 123456",
		"order #2024-0001", "1,234 customers", "+5 accounts", "v2.10.3", "2026-02-05 10:00:00", "+1,204.50 USD", "+12.5 % (+3 200 USD)"} {
		if got := phones(s); got != s {
			t.Errorf("%q became %q", s, got)
		}
	}
}

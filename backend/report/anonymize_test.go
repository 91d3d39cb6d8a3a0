package report

import (
	"regexp"
	"strings"
	"testing"
)

func TestAnonymizedReportHidesNamesAndEmailsStably(t *testing.T) {
	db := demoDB(t, demoNow)
	var names, emails []string
	customers, err := db.Customers()
	if err != nil {
		t.Fatal(err)
	}
	tickets, err := db.TicketsCreated(0, 1<<62)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	add := func(n, e string) {
		if len(n) >= 4 && !seen["n"+n] {
			seen["n"+n] = true
			names = append(names, n)
		}
		if e != "" && !seen["e"+e] {
			seen["e"+e] = true
			emails = append(emails, e)
		}
	}
	for _, c := range customers {
		add(c.Name, c.Email)
	}
	for _, tk := range tickets {
		add(tk.Assignee, tk.RequesterEmail)
	}
	if len(names) < 50 || len(emails) < 50 {
		t.Fatalf("too few names (%d) or emails (%d) to check", len(names), len(emails))
	}

	f, raw1 := export(t, db, "2026-02", Options{Anonymize: true})
	all := ""
	for _, s := range f.GetSheetList() {
		all += text(t, f, s)
	}
	for _, n := range names {
		if strings.Contains(all, n) {
			t.Errorf("name %q is in the anonymized report", n)
		}
	}
	for _, e := range emails {
		if strings.Contains(all, e) {
			t.Errorf("email %q is in the anonymized report", e)
		}
	}
	if m := regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`).FindAllString(all, -1); len(m) > 0 {
		for _, e := range m {
			if !strings.HasSuffix(e, "@example.invalid") {
				t.Errorf("a real-looking email survived: %s", e)
			}
		}
	}
	// Stable: the same customer has the same pseudonym on every row, and
	// a second export gives the same workbook content.
	byID := map[string]string{}
	for _, r := range rows(t, f, SheetMovements)[movementsHeader:] {
		if len(r) < 5 || r[4] == "" { // a folded line of FX revaluations
			continue
		}
		if prev, ok := byID[r[4]]; ok && prev != r[2]+r[3] {
			t.Errorf("customer %s is %q and %q", r[4], prev, r[2]+r[3])
		}
		byID[r[4]] = r[2] + r[3]
		if !strings.HasPrefix(r[2], "Customer ") || !strings.HasPrefix(r[4], "C") {
			t.Errorf("movement row %v is not pseudonymized", r)
		}
	}
	f2, _ := export(t, db, "2026-02", Options{Anonymize: true})
	for _, s := range []string{SheetMovements, SheetTickets, SheetSupport} {
		if text(t, f, s) != text(t, f2, s) {
			t.Errorf("%s differs between two anonymized exports", s)
		}
	}
	var xml strings.Builder
	for _, body := range parts(t, raw1) {
		xml.WriteString(body)
	}
	for _, e := range emails {
		if strings.Contains(xml.String(), e) {
			t.Errorf("the workbook's parts still hold %s", e)
		}
	}
}

func TestPseudonymsInFreeText(t *testing.T) {
	p := &pseudonyms{ids: map[string]string{}, names: map[string]string{}, emails: map[string]string{}, orgs: map[string]string{},
		agents: map[string]string{}, words: map[string]string{}}
	id, name, email := p.customer("cus_1", "Verdant Apparel", "finance@verdant.io")
	if id != "C00001" || name != "Customer 00001" || email != "person-0001@example.invalid" {
		t.Errorf("customer: %s %s %s", id, name, email)
	}
	if again, _, _ := p.customer("cus_1", "Verdant Apparel", ""); again != id {
		t.Error("not stable")
	}
	got := p.text("Refund for Verdant Apparel, ask finance@verdant.io or Maya.")
	if want := "Refund for Customer 00001, ask person-0001@example.invalid or Maya."; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if a := p.agent("Maya Lindqvist"); a != "Agent 1" || p.text("Maya Lindqvist will call") != "Agent 1 will call" {
		t.Errorf("agent %s, text %q", a, p.text("Maya Lindqvist will call"))
	}
	var none *pseudonyms
	if none.text("a@b.co") != "a@b.co" || none.agent("X") != "X" {
		t.Error("a nil pseudonyms changes nothing")
	}
}

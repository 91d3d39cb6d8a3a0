package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"keel/backend"
)

// The window's choice for an ambiguous organisation, and the public mail
// domains list the founder edits: two customers at acme.example and a
// colleague's ticket from there.
func TestAmbiguousChoiceAndPublicDomains(t *testing.T) {
	s := onEmpty(t)
	dir := t.TempDir()
	write := func(name, text string) Item {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return Item{Path: p}
	}
	files := []Item{
		write("unified_customers.csv", "id,Description,Email,Name,Created (UTC),Delinquent,Currency,Account Balance,Total Spend\n"+
			"cus_A,,ann@acme.example,Acme Sales,2026-01-05 10:00,false,usd,0.00,0.00\n"+
			"cus_B,,bob@acme.example,Acme Ops,2026-01-06 10:00,false,usd,0.00,0.00\n"),
		write("zendesk_tickets.csv", "Id,Requester,Requester email,Subject,Status,Priority,Via,Created at,Updated at,Solved at\n"+
			"1,Cy,cy@acme.example,Help,solved,normal,email,2026-02-01 10:00:00,2026-02-01 10:00:00,2026-02-01 12:00:00\n"+
			"2,Cy,cy@acme.example,Again,solved,normal,email,2026-02-03 10:00:00,2026-02-03 10:00:00,2026-02-03 12:00:00\n"),
	}
	importClean(t, s, files)
	acc := NewAccounts(s)
	amb := func() []string {
		t.Helper()
		list, err := acc.Ambiguous()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Text)
			for _, c := range a.Accounts {
				out = append(out, c.Name)
			}
			for _, it := range a.Items {
				out = append(out, it.Email, string(rune('0'+it.Tickets)))
			}
		}
		return out
	}
	want := []string{"ambiguous: 2 accounts at acme.example", "Acme Ops", "Acme Sales", "cy@acme.example", "2"}
	if got := amb(); !slices.Equal(got, want) {
		t.Fatalf("ambiguous = %q, want %q", got, want)
	}

	// acme.example made public: its addresses stop linking by domain.
	pd, err := acc.PublicDomains()
	if err != nil || !pd.Default || !slices.Contains(pd.Domains, "gmail.com") {
		t.Fatalf("public domains = %+v %v, want Keel's list", pd, err)
	}
	if _, err := acc.SetPublicDomains("gmail.com, yahoo.*\n@ACME.example"); err != nil {
		t.Fatal(err)
	}
	if pd, _ = acc.PublicDomains(); pd.Default || !slices.Equal(pd.Domains, []string{"acme.example", "gmail.com", "yahoo.*"}) {
		t.Errorf("public domains = %+v", pd)
	}
	if got := amb(); len(got) != 0 {
		t.Errorf("ambiguous with acme.example public = %q", got)
	}
	if _, err := acc.SetPublicDomains("gmail.com\nnot a domain!"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("a bad list: %v", err)
	}
	if pd, _ = acc.PublicDomains(); len(pd.Domains) != 3 {
		t.Errorf("a refused list changed the setting: %+v", pd)
	}
	if pd, err = acc.SetPublicDomains(" "); err != nil || !pd.Default {
		t.Errorf("empty list = %+v %v, want Keel's", pd, err)
	}
	if got := amb(); !slices.Equal(got, want) {
		t.Fatalf("ambiguous again = %q, want %q", got, want)
	}

	// The one-click choice: cy@ goes to Acme Ops, and nothing is ambiguous.
	list, _ := acc.Ambiguous()
	ops := list[0].Accounts[0]
	c, err := acc.Attach(ops.ID, "cy@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	if c.Account.ID != ops.ID || c.Account.Tickets != 2 || c.Rule == nil {
		t.Errorf("after the choice: %+v", c.Account)
	}
	if got := amb(); len(got) != 0 {
		t.Errorf("ambiguous after the choice = %q", got)
	}
}

// importClean imports files through the window's import call and fails
// on any refused file or rejected row.
func importClean(t *testing.T, s *State, files []Item) {
	t.Helper()
	reps, err := NewImports(s).Run(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		if r.Error != nil || r.Rejected > 0 {
			t.Fatalf("import %s: %+v", r.File, r)
		}
	}
}

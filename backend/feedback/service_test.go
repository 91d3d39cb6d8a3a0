package feedback_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/feedback"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

var ctx = context.Background()

// now is the tests' clock: November 2025 is the last complete month.
var now = time.Date(2025, 12, 15, 12, 0, 0, 0, time.UTC)

func newDB(t *testing.T, files ...string) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	for _, f := range files {
		importFile(t, db, f)
	}
	return db
}

func importFile(t *testing.T, db *workspace.DB, file string) pipeline.Report {
	t.Helper()
	rep := pipeline.Run(ctx, db, pipeline.Request{Path: filepath.Join("testdata", file)}, nil)
	if rep.Err != nil || rep.Rejected > 0 {
		t.Fatalf("import %s: %v, %d rejected %v", file, rep.Err, rep.Rejected, rep.Rejects)
	}
	return rep
}

// billed is the small company of the tests: Acme pays $99 since January,
// Beta paid $29 from June and left in August, Gamma is on a trial, Delta
// pays $29 since March and $50 more since September; and their requests.
func billed(t *testing.T) (*workspace.DB, *feedback.Service) {
	db := newDB(t, "stripe_customers.csv", "stripe_subscriptions.csv", "board.csv")
	return db, feedback.New(db)
}

func all(t *testing.T, s *feedback.Service) map[string]feedback.Row {
	t.Helper()
	p, err := s.List(ctx, feedback.Filter{Status: "all"}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]feedback.Row{}
	for _, r := range p.Rows {
		m[r.SourceID] = r
	}
	return m
}

func i64(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

// Tags describe the account at the time of the item (METRICS.md, Feedback).
func TestTagsAtTheTimeOfTheItem(t *testing.T) {
	_, s := billed(t)
	rows := all(t, s)
	for _, c := range []struct {
		id, account, plan, stage, kind string
		mrr                            int64
	}{
		{"1", "Beta", "Starter", feedback.StageNew, "company", 2900},        // paying since June 1: 49 days
		{"2", "Acme", "Growth", feedback.StageEstablished, "company", 9900}, // since January
		{"3", "Acme", "Growth", feedback.StageEstablished, "company", 9900}, // a colleague: same domain
		{"4", "Delta", "Starter", feedback.StageEstablished, "company", 2900},
		{"5", "Gamma", "Scale", feedback.StageTrial, "company", 0},
		{"6", "", "", feedback.StageProspect, "", -1}, // gmail.com, never paid
	} {
		r := rows[c.id]
		if r.AccountName != c.account || r.Plan != c.plan || r.Stage != c.stage || r.AccountType != c.kind || i64(r.MRR) != c.mrr {
			t.Errorf("item %s: account %q plan %q stage %q type %q mrr %d; want %q %q %q %q %d", c.id, r.AccountName, r.Plan,
				r.Stage, r.AccountType, i64(r.MRR), c.account, c.plan, c.stage, c.kind, c.mrr)
		}
	}
	// Bob's account churned in August: his item of July keeps July's tags.
	if r := rows["1"]; r.Segment != "small" {
		t.Errorf("segment %q", r.Segment)
	}
}

func TestTriageAndUndo(t *testing.T) {
	db, s := billed(t)
	ch, err := s.SetType(ctx, []string{"feedback:csv:1", "feedback:csv:2"}, feedback.Request)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Untriaged != 6 || !strings.Contains(ch.Message, "2 items as Request") {
		t.Errorf("change %+v", ch)
	}
	if _, err := s.SetArea(ctx, []string{"feedback:csv:1"}, "permissions"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetArea(ctx, []string{"feedback:csv:1"}, "nope"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("unknown area: %v", err)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:99"}, feedback.Bug); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("unknown item: %v", err)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:1"}, "feature"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("unknown type: %v", err)
	}
	p, _ := s.List(ctx, feedback.Filter{}, 0, 0)
	if p.Total != 6 || p.Counts.Untriaged != 6 || p.Counts.ByType["request"] != 2 || p.Undo == "" {
		t.Errorf("untriaged page: total %d counts %+v undo %q", p.Total, p.Counts, p.Undo)
	}
	p, _ = s.List(ctx, feedback.Filter{Status: "triaged", Areas: []string{"permissions"}}, 0, 0)
	if p.Total != 1 || p.Rows[0].SourceID != "1" || p.Rows[0].Area != "permissions" {
		t.Errorf("filtered: %+v", p.Rows)
	}
	if label, err := s.Undo(ctx); err != nil || !strings.Contains(label, "Put") {
		t.Fatalf("undo %q %v", label, err)
	}
	if r := all(t, s)["1"]; r.Area != "" || r.Type != feedback.Request {
		t.Errorf("after undoing the area: %q %q", r.Area, r.Type)
	}
	s.Undo(ctx)
	if r := all(t, s)["1"]; r.Type != "" {
		t.Errorf("after undoing the type: %q", r.Type)
	}
	if label, _ := s.Undo(ctx); label != "" {
		t.Errorf("nothing left to undo, got %q", label)
	}
	// A new Service on the same file sees the same (nothing is only in memory).
	if n, _ := feedback.New(db).Untriaged(ctx); n != 8 {
		t.Errorf("untriaged from a fresh service: %d", n)
	}
}

func cluster(t *testing.T, s *feedback.Service, id string) *feedback.View {
	t.Helper()
	v, err := s.Cluster(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A cluster's accounts, each once, their MRR when they asked and now,
// and what happened to them within 30 and 90 days.
func TestClusterAccountsAndOutcome(t *testing.T) {
	_, s := billed(t)
	ch, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2", "feedback:csv:3", "feedback:csv:4"})
	if err != nil {
		t.Fatal(err)
	}
	v := cluster(t, s, ch.Cluster)
	// Acme asked twice (ann, joe): one account.
	if v.Accounts != 3 || v.Persons != 4 || v.Items != 4 {
		t.Fatalf("accounts %d people %d items %d", v.Accounts, v.Persons, v.Items)
	}
	// At asking: Beta $29, Acme $99, Delta $29; at the end of November:
	// Beta 0, Acme $99, Delta $79.
	if i64(v.MRRAtAsk) != 15700 || i64(v.MRRNow) != 17800 {
		t.Errorf("mrr at ask %d, now %d", i64(v.MRRAtAsk), i64(v.MRRNow))
	}
	want := map[string][2]string{"Beta": {"churned", "churned"}, "Acme": {"unchanged", "unchanged"}, "Delta": {"expanded", "expanded"}}
	for _, a := range v.Askers {
		if w := want[a.Name]; a.Outcome30 != w[0] || a.Outcome90 != w[1] {
			t.Errorf("%s: %s / %s, want %v", a.Name, a.Outcome30, a.Outcome90, w)
		}
	}
	o90 := v.Outcomes[1]
	if o90.Days != 90 || o90.Churned != 1 || o90.ChurnedMRR != 2900 || o90.Expanded != 1 || o90.ExpandedMRR != 5000 || o90.Unchanged != 1 {
		t.Errorf("outcome 90: %+v", o90)
	}
	if !strings.Contains(v.Sentence, "3 accounts asked for SSO; 1 of them churned within 90 days (−$29.00 MRR)") {
		t.Errorf("sentence %q", v.Sentence)
	}
	if len(v.Timeline) != 2 || v.Timeline[0].Month != "2025-07" || v.Timeline[0].Items != 2 || v.Timeline[1].Accounts != 1 {
		t.Errorf("timeline %+v", v.Timeline)
	}
	if len(v.Quotes) == 0 || len(v.Quotes) > 3 {
		t.Errorf("quotes %+v", v.Quotes)
	}
}

func TestMergeCountsAccountsAndPeopleOnce(t *testing.T) {
	_, s := billed(t)
	a, _ := s.Create(ctx, "SSO", []string{"feedback:csv:2"})
	b, _ := s.Create(ctx, "Single sign-on", []string{"feedback:csv:3", "feedback:csv:7"})
	if _, err := s.MarkTold(ctx, a.Cluster, []string{"ann@acme.io"}, "2025-12-01", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkTold(ctx, b.Cluster, []string{"ann@acme.io", "joe@acme.io"}, "2025-12-03", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddProductNote(ctx, b.Cluster, feedback.ProductNoteInput{Decision: "Build SAML", Why: "3 accounts", Owner: "Ann"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Merge(ctx, a.Cluster, b.Cluster); err != nil {
		t.Fatal(err)
	}
	v := cluster(t, s, a.Cluster)
	if v.Accounts != 1 || v.Items != 3 || v.Persons != 2 || v.Told != 2 || len(v.Notes) != 1 {
		t.Errorf("merged: accounts %d items %d people %d told %d notes %d", v.Accounts, v.Items, v.Persons, v.Told, len(v.Notes))
	}
	for _, p := range v.People.Tell {
		if p.Email == "ann@acme.io" && (p.Told == nil || p.Told.Format("2006-01-02") != "2025-12-01") {
			t.Errorf("ann told %v, want the earlier date", p.Told)
		}
	}
	if _, err := s.Cluster(ctx, b.Cluster); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("the merged cluster still exists: %v", err)
	}
	// Undo brings both back as they were.
	s.Undo(ctx)
	if v := cluster(t, s, b.Cluster); v.Items != 2 || v.Told != 2 || len(v.Notes) != 1 {
		t.Errorf("after undo: %+v", v.Summary)
	}
}

// An item follows its account when the founder merges or splits accounts.
func TestAccountMergedLater(t *testing.T) {
	db, s := billed(t)
	ch, _ := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:4"})
	if v := cluster(t, s, ch.Cluster); v.Accounts != 2 {
		t.Fatalf("accounts %d", v.Accounts)
	}
	rows := all(t, s)
	beta, delta := rows["1"].Account, rows["4"].Account
	if _, err := accounts.Merge(ctx, db, beta, delta); err != nil {
		t.Fatal(err)
	}
	if v := cluster(t, s, ch.Cluster); v.Accounts != 1 || v.Askers[0].Items != 2 {
		t.Errorf("after the merge: %d accounts %+v", v.Accounts, v.Askers)
	}
	rules, _ := accounts.Rules(ctx, db)
	if err := accounts.Forget(ctx, db, rules[len(rules)-1].Seq); err != nil {
		t.Fatal(err)
	}
	if v := cluster(t, s, ch.Cluster); v.Accounts != 2 {
		t.Errorf("after the merge is undone: %d accounts", v.Accounts)
	}
}

// Deleting a cluster never deletes its items.
func TestDeleteClusterKeepsItems(t *testing.T) {
	_, s := billed(t)
	s.SetType(ctx, []string{"feedback:csv:5", "feedback:csv:6"}, feedback.Request)
	ch, _ := s.Create(ctx, "Dark mode", []string{"feedback:csv:5", "feedback:csv:6"})
	if _, err := s.Delete(ctx, ch.Cluster); err != nil {
		t.Fatal(err)
	}
	rows := all(t, s)
	if len(rows) != 8 || rows["5"].Type != feedback.Request || rows["5"].Cluster != nil {
		t.Errorf("after delete: %d items, %+v", len(rows), rows["5"])
	}
	s.Undo(ctx)
	if v := cluster(t, s, ch.Cluster); v.Items != 2 {
		t.Errorf("undo delete: %d items", v.Items)
	}
}

func TestSuggestAcceptReject(t *testing.T) {
	_, s := billed(t)
	list, err := s.Clusters(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var sso *feedback.Summary
	for i := range list.Clusters {
		if c := &list.Clusters[i]; c.Suggested && c.Items >= 3 && strings.Contains(strings.ToLower(c.Title), "s") {
			sso = c
		}
	}
	if sso == nil {
		t.Fatalf("no SSO suggestion in %+v", list.Clusters)
	}
	v := cluster(t, s, sso.ID)
	keep := []string{}
	for _, r := range v.Rows {
		keep = append(keep, r.Key)
	}
	ch, err := s.Accept(ctx, sso.ID, keep[1:], "SSO")
	if err != nil {
		t.Fatal(err)
	}
	if c := cluster(t, s, ch.Cluster); c.Suggested || c.Items != len(keep)-1 || c.Status != feedback.StatusOpen {
		t.Errorf("accepted: %+v", c.Summary)
	}
	// The item left out is not suggested for it again.
	rows := all(t, s)
	for _, r := range rows {
		if r.Key == keep[0] && r.Suggestion != nil && r.Suggestion.ID == ch.Cluster {
			t.Errorf("the item left out is suggested again")
		}
	}
	s.Undo(ctx)
	if _, err := s.Cluster(ctx, ch.Cluster); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("undo accept: %v", err)
	}
	if v := cluster(t, s, sso.ID); v.Items != len(keep) {
		t.Errorf("the suggestion is back with %d items, want %d", v.Items, len(keep))
	}
	if _, err := s.Reject(ctx, sso.ID, nil); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Clusters(ctx, "")
	for _, c := range list.Clusters {
		if c.Suggested && c.Items == len(keep) && c.ID == sso.ID {
			t.Errorf("the rejected suggestion is back: %+v", c)
		}
	}
}

func TestStatusPeopleAndChangelog(t *testing.T) {
	_, s := billed(t)
	ch, _ := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2", "feedback:csv:4"})
	if _, err := s.SetStatus(ctx, ch.Cluster, "shipped", "", ""); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("shipped without a release: %v", err)
	}
	if _, err := s.SetStatus(ctx, ch.Cluster, "wont_do", "", " "); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("won't do without a reason: %v", err)
	}
	if _, err := s.SetStatus(ctx, ch.Cluster, "done", "", ""); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("unknown status: %v", err)
	}
	if _, err := s.SetStatus(ctx, ch.Cluster, "shipped", "v2.4", ""); err != nil {
		t.Fatal(err)
	}
	v := cluster(t, s, ch.Cluster)
	if v.Status != "shipped" || v.Release != "v2.4" || !strings.Contains(v.Changelog, "v2.4") || !strings.Contains(v.Changelog, "SSO") {
		t.Errorf("shipped: %q %q %q", v.Status, v.Release, v.Changelog)
	}
	// Bob's account churned since he asked: a person to win back.
	if len(v.People.WinBack) != 1 || v.People.WinBack[0].Email != "bob@beta.io" || v.People.WinBack[0].Churned == nil ||
		len(v.People.Tell) != 2 {
		t.Errorf("people: %+v", v.People)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"ann@acme.io"}, "", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkTold(ctx, ch.Cluster, []string{"nobody@x.io"}, "", true); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("telling someone who did not ask: %v", err)
	}
	csv, err := s.PeopleCSV(ctx, ch.Cluster)
	if err != nil {
		t.Fatal(err)
	}
	text := string(csv)
	if !strings.HasPrefix(text, "name,email,account,plan,still_paying,churned_since,asked_on,told_on,list\n") ||
		!strings.Contains(text, "ann@acme.io,Acme,Growth,yes,,2025-07-22,2025-12-15,tell") ||
		!strings.Contains(text, "bob@beta.io,Beta,,no,2025-08,2025-07-20,,win back") {
		t.Errorf("csv:\n%s", text)
	}
	if _, err := s.SetChangelog(ctx, ch.Cluster, "SSO with SAML is here."); err != nil {
		t.Fatal(err)
	}
	if v := cluster(t, s, ch.Cluster); v.Changelog != "SSO with SAML is here." || v.Told != 1 {
		t.Errorf("changelog %q told %d", v.Changelog, v.Told)
	}
}

// Pasted text is kept as plain text: control characters and HTML go,
// right-to-left text and emoji stay; a note over 1 MB is refused.
func TestNotesBadInput(t *testing.T) {
	_, s := billed(t)
	r, err := s.AddNote(ctx, feedback.NoteInput{Source: "call", Email: "Ann@Acme.io", Title: "Call\x00 with <b>Ann</b>\u202e",
		Text: "<p>She said: &ldquo;we need SSO&rdquo; 🚀</p><script>alert(1)</script>\x07 مرحبا", Date: "2025-12-10"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Call with Ann" || r.Text != "She said: “we need SSO” 🚀\n مرحبا" || r.AccountName != "Acme" || r.Source != "call" {
		t.Errorf("note: %q / %q / %q", r.Title, r.Text, r.AccountName)
	}
	big := strings.Repeat("x", feedback.MaxText+1)
	if _, err := s.AddNote(ctx, feedback.NoteInput{Text: big}); backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "1 MB") {
		t.Errorf("1 MB + 1: %v", err)
	}
	r, err = s.AddNote(ctx, feedback.NoteInput{Title: "Long e-mail", Text: strings.Repeat("word ", feedback.MaxText/5)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Item(ctx, r.Key)
	if err != nil || len(d.Full) < feedback.MaxText-10 || len(d.Text) > 8100 {
		t.Errorf("a 1 MB note: full %d, kept %d, %v", len(d.Full), len(d.Text), err)
	}
	for _, in := range []feedback.NoteInput{
		{Text: " \x00\x01 "}, {Text: "x", Email: "not an address"}, {Text: "x", Source: "pigeon"},
		{Text: "x", Date: "2030-01-01"}, {Text: "x", Date: "yesterday"}, {Text: "x", Account: "nope"},
	} {
		if _, err := s.AddNote(ctx, in); err == nil {
			t.Errorf("accepted %+v", in)
		}
	}
	// A note can be edited and deleted; deleting can be undone.
	if _, err := s.EditNote(ctx, r.Key, feedback.NoteInput{Title: "Short", Text: "now"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteNote(ctx, r.Key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Item(ctx, r.Key); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("deleted note: %v", err)
	}
	s.Undo(ctx)
	if d, err := s.Item(ctx, r.Key); err != nil || d.Title != "Short" {
		t.Errorf("undo delete: %v %+v", err, d)
	}
	if _, err := s.EditNote(ctx, "feedback:csv:1", feedback.NoteInput{Text: "x"}); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("editing an imported item: %v", err)
	}
}

// The founder's triage is keyed by the item's stable key: importing the
// same file again changes nothing, and an undone import's items come back
// with their triage when imported again.
func TestTriageSurvivesReimportAndUndo(t *testing.T) {
	db, s := billed(t)
	s.SetType(ctx, []string{"feedback:csv:1"}, feedback.Bug)
	ch, _ := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2"})
	rep := importFile(t, db, "board.csv")
	if rep.Duplicates != 8 || rep.Imported != 0 {
		t.Errorf("re-import: %+v", rep.Counts)
	}
	if r := all(t, s)["1"]; r.Type != feedback.Bug || r.Cluster == nil {
		t.Errorf("after re-import: %+v", r)
	}
	if err := db.Undo(rep.ImportID); err != nil {
		t.Fatal(err)
	}
	hist, _ := db.History()
	var first int64
	for _, im := range hist {
		if im.File == "board.csv" && im.UndoneAt == nil {
			first = im.ID
		}
	}
	if err := db.Undo(first); err != nil {
		t.Fatal(err)
	}
	if n := len(all(t, s)); n != 0 {
		t.Errorf("after undoing the imports: %d items", n)
	}
	importFile(t, db, "board.csv")
	if r := all(t, s)["1"]; r.Type != feedback.Bug || r.Cluster == nil || r.Cluster.ID != ch.Cluster {
		t.Errorf("imported again: %+v", r)
	}
}

// Suggested cluster ids stay stable as items arrive.
func TestSuggestionsStableAsItemsArrive(t *testing.T) {
	db := newDB(t, "board.csv")
	s := feedback.New(db)
	before, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, db, "labelled.csv")
	after, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	place := map[string]string{}
	for _, c := range after.Clusters {
		for _, k := range c.Items {
			place[k.Key] = c.ID
		}
	}
	for _, c := range before.Clusters {
		for _, k := range c.Items {
			if place[k.Key] != c.ID {
				t.Errorf("%s moved from %s to %s", k.Key, c.ID, place[k.Key])
			}
		}
	}
	if len(before.Clusters) == 0 || len(after.Clusters) <= len(before.Clusters) {
		t.Errorf("clusters before %d, after %d", len(before.Clusters), len(after.Clusters))
	}
}

func TestAreas(t *testing.T) {
	_, s := billed(t)
	areas, err := s.SetAreas(ctx, []feedback.Area{{Name: "Sign-in & SSO"}, {Name: "Reports", Letter: "r"}, {Name: "Sales", Letter: "r"}})
	if err != nil {
		t.Fatal(err)
	}
	letters := []string{}
	for _, a := range areas {
		letters = append(letters, a.Letter)
	}
	if !slices.Equal(letters, []string{"s", "r", "a"}) || areas[0].ID != "sign-in-sso" {
		t.Errorf("areas %+v", areas)
	}
	for _, bad := range [][]feedback.Area{{}, {{Name: ""}}, {{Name: "A", Letter: "j"}}, {{Name: "A"}, {Name: "a"}}} {
		if _, err := s.SetAreas(ctx, bad); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("areas %+v: %v", bad, err)
		}
	}
}

package app

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/review"
)

func stepOf(t *testing.T, v *ReviewView, id string) ReviewStep {
	t.Helper()
	for _, s := range v.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no step %q", id)
	return ReviewStep{}
}

func TestScalingMapOnTheDemo(t *testing.T) {
	s, _ := onDemo(t)
	rv := NewReview(s)
	m, err := rv.Map("")
	if err != nil {
		t.Fatal(err)
	}
	if m.Month.String() != "2026-02" || m.Default.String() != "2026-02" || m.Title != "February 2026" || m.Currency != "usd" || m.First.String() > "2025-03" {
		t.Fatalf("map period = %+v, %q, %q", m.Period, m.Title, m.Currency)
	}
	var names []string
	for _, sf := range m.Surfaces {
		names = append(names, sf.Name)
	}
	if strings.Join(names, ",") != "Product,Users,Operations,Revenue" {
		t.Fatalf("surfaces = %v", names)
	}
	rev := m.Surfaces[3]
	mrr := tileOf(t, rev.Tiles, "revenue.mrr")
	if mrr.Value == nil || *mrr.Value <= 0 || len(mrr.Values) != 12 || len(mrr.Months) != 12 || mrr.Months[11].String() != "2026-02" ||
		len(mrr.Spark) == 0 || mrr.Rule == "" || rev.Missing != nil {
		t.Errorf("revenue mrr tile = %+v", mrr)
	}
	// The demo's releases fill the product surface, with its warnings
	// ("Team plans" changed billing, permissions and user data at once;
	// stale flags).
	prod := m.Surfaces[0]
	if len(prod.NotTracked) != 0 || prod.Missing != nil || tileOf(t, prod.Tiles, "operations.releases").Value == nil {
		t.Errorf("product surface = %+v", prod)
	}
	ids := map[string]bool{}
	for _, w := range prod.Warnings {
		ids[w.ID] = true
	}
	if !ids["risky_release"] || !ids["stale_flags"] {
		t.Errorf("product warnings = %+v", prod.Warnings)
	}
	for _, sf := range m.Surfaces {
		for _, u := range sf.Unavailable {
			if u.Surface != sf.ID || u.Needs == "" {
				t.Errorf("%s: unavailable %+v", sf.ID, u)
			}
		}
	}
	if m.Stage.Name == "" || m.Stage.Reason == "" || m.Freshness.Reading == "" {
		t.Errorf("stage %+v, freshness %q", m.Stage, m.Freshness.Reading)
	}
	if m.Next.Month.String() != "2026-02" || m.NextStatus != review.NotStarted {
		t.Errorf("next = %+v (%s)", m.Next, m.NextStatus)
	}
	d, err := rv.Due()
	if err != nil || !d.IsDue || d.Month.String() != "2026-02" || d.Status != review.NotStarted {
		t.Errorf("due = %+v, %v", d, err)
	}
	if _, err := rv.Map("2026-13"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("bad month: %v", err)
	}
}

func TestScalingMapOnAnEmptyWorkspace(t *testing.T) {
	s := onEmpty(t)
	m, err := NewReview(s).Map("")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*Hint{"product": nil, "users": figures.NeedEvents, "operations": figures.NeedHelpdesk, "revenue": figures.NeedBilling}
	for _, sf := range m.Surfaces {
		if sf.Missing != want[sf.ID] {
			t.Errorf("%s: missing = %+v", sf.ID, sf.Missing)
		}
		for _, tl := range sf.Tiles {
			if tl.Value != nil || tl.Missing == "" {
				t.Errorf("%s/%s = %+v", sf.ID, tl.Key, tl)
			}
		}
	}
}

// A whole review through the API: every step, the checklist, decisions,
// notes; frozen; exported twice (dialog, then straight to a path).
func TestReviewWalkedFrozenAndExported(t *testing.T) {
	s, rec := onDemo(t)
	rv := NewReview(s)
	v, err := rv.Get("")
	if err != nil {
		t.Fatal(err)
	}
	if v.Month.String() != "2026-02" || v.Status != review.NotStarted || len(v.Steps) != 8 || v.Period.Default.String() != "2026-02" ||
		strings.Join(v.Kinds, ",") != "keep,change,fix,stop" || len(v.Past) != 0 {
		t.Fatalf("review = %s %s, %d steps, %+v", v.Month, v.Status, len(v.Steps), v.Period)
	}
	for i, st := range v.Steps {
		if st.ID != review.StepIDs[i] || st.Title == "" || st.Reading == "" {
			t.Errorf("step %d = %s %q %q", i, st.ID, st.Title, st.Reading)
		}
	}
	revStep := stepOf(t, v, review.StepRevenue)
	if len(revStep.Tiles) != 8 || revStep.Tiles[0].Key != "revenue.mrr" || len(revStep.Numbers) < 20 || len(revStep.Chart) == 0 ||
		revStep.ChartTitle == "" || revStep.Needs != nil {
		t.Errorf("revenue step: %d tiles, %d numbers, chart %d bytes", len(revStep.Tiles), len(revStep.Numbers), len(revStep.Chart))
	}
	var chart map[string]any
	if err := json.Unmarshal(revStep.Chart, &chart); err != nil || chart["series"] == nil {
		t.Errorf("revenue chart = %s", revStep.Chart)
	}
	if ops := stepOf(t, v, review.StepOperations); len(ops.Chart) == 0 || len(ops.Tiles) != 6 {
		t.Errorf("operations step: chart %d bytes, %d tiles", len(ops.Chart), len(ops.Tiles))
	}
	if us := stepOf(t, v, review.StepUsers); len(us.Chart) == 0 || len(us.Tiles) != len(us.Numbers) {
		t.Errorf("users step: chart %d bytes", len(us.Chart))
	}
	if rel := stepOf(t, v, review.StepReleases); len(rel.NotTracked) != 0 || len(rel.Tiles) != 4 || !strings.Contains(rel.Reading, "2 releases shipped") {
		t.Errorf("releases step = %+v", rel)
	}

	changed := rec.count("workspace:changed")
	if v, err = rv.Start("2026-02"); err != nil || v.Status != review.InProgress {
		t.Fatalf("start: %v %v", v.Status, err)
	}
	if rec.count("workspace:changed") != changed+1 {
		t.Error("start sent no workspace:changed")
	}
	for _, id := range review.StepIDs {
		if err := rv.SetStep("2026-02", id); err != nil {
			t.Fatal(id, err)
		}
		if err := rv.SaveStep("2026-02", id, "Note on "+id, true); err != nil {
			t.Fatal(id, err)
		}
	}
	if err := rv.SetStep("2026-02", "nope"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("unknown step: %v", err)
	}
	answers := []string{"yes", "no", "unsure"}
	for i, it := range v.Checklist {
		if err := rv.Answer("2026-02", it.ID, answers[i%3], fmt.Sprintf("because %d", i)); err != nil {
			t.Fatal(it.ID, err)
		}
	}
	if err := rv.Answer("2026-02", v.Checklist[0].ID, "maybe", ""); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("answer maybe: %v", err)
	}
	keep, err := rv.AddDecision("2026-02", review.Decision{Kind: "keep", What: "Keep the annual discount", Owner: "Ana", Due: "2026-03-31"})
	if err != nil || keep.ID == 0 {
		t.Fatal(keep, err)
	}
	keep.What, keep.Kind = "Fix the onboarding email", "fix"
	if err := rv.UpdateDecision("2026-02", keep); err != nil {
		t.Fatal(err)
	}
	stop, err := rv.AddDecision("2026-02", review.Decision{Kind: "stop", What: "Stop the webinar", Owner: "Ben", Due: "2026-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	if err := rv.DeleteDecision("2026-02", stop.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := rv.AddDecision("2026-02", review.Decision{Kind: "keep", What: "No owner", Due: "2026-04-01"}); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("decision without owner: %v", err)
	}
	if err := rv.SaveNotes("2026-02", "A calm month."); err != nil {
		t.Fatal(err)
	}
	if rec.count("review:saved") < 8*2+10+5 {
		t.Errorf("review:saved sent %d times", rec.count("review:saved"))
	}

	v, err = rv.Get("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range v.Steps {
		if !st.Done || st.Note != "Note on "+st.ID {
			t.Errorf("step %s: done %v, note %q", st.ID, st.Done, st.Note)
		}
	}
	for i, it := range v.Checklist {
		if it.Answer != answers[i%3] || it.Note != fmt.Sprintf("because %d", i) {
			t.Errorf("checklist %s = %q %q", it.ID, it.Answer, it.Note)
		}
	}
	if len(v.Decisions) != 1 || v.Decisions[0].What != "Fix the onboarding email" || v.Decisions[0].Kind != "fix" || v.Notes != "A calm month." {
		t.Errorf("decisions %+v, notes %q", v.Decisions, v.Notes)
	}
	if len(v.Past) != 1 || v.Past[0].Status != review.InProgress || v.Past[0].Decisions != 1 {
		t.Errorf("past = %+v", v.Past)
	}
	if m, _ := rv.Map(""); m.NextStatus != review.InProgress {
		t.Errorf("map next status = %s", m.NextStatus)
	}

	changed = rec.count("workspace:changed")
	frozen, err := rv.Freeze("2026-02")
	if err != nil || frozen.Status != review.Frozen || frozen.FrozenAt == nil || frozen.Restatement != nil || len(frozen.Sources) != 7 {
		t.Fatalf("freeze: %v, %+v", err, frozen)
	}
	for _, src := range frozen.Sources {
		if len(src.SHA256) != 64 {
			t.Errorf("source %s sha %q", src.File, src.SHA256)
		}
	}
	if rec.count("workspace:changed") != changed+1 {
		t.Error("freeze sent no workspace:changed")
	}
	if len(stepOf(t, frozen, review.StepRevenue).Chart) == 0 {
		t.Error("a frozen review lost its revenue chart")
	}
	if err := rv.SaveNotes("2026-02", "changed"); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("saving a frozen review: %v", err)
	}
	if _, err := rv.Freeze("2026-02"); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("freezing twice: %v", err)
	}
	if _, err := rv.Freeze("2026-03"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("freezing a month not over: %v", err)
	}
	if d, _ := rv.Due(); d.Month.String() != "2026-03" || d.IsDue {
		t.Errorf("due after freeze = %+v", d)
	}

	// Export through the dialog: cancelled, then saved.
	if p, err := rv.Export("2026-02", false); p != "" || err != nil {
		t.Errorf("cancelled export = %q, %v", p, err)
	}
	dir := t.TempDir()
	rec.files = []string{filepath.Join(dir, "February")}
	path, err := rv.Export("2026-02", false)
	if err != nil || path != filepath.Join(dir, "February.xlsx") {
		t.Fatalf("export = %q, %v", path, err)
	}
	if ReportName(mo("2026-02")) != "Keel report 2026-02.xlsx" {
		t.Error(ReportName(mo("2026-02")))
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sh := f.GetSheetList(); len(sh) < 10 || sh[0] != "Summary" {
		t.Errorf("sheets = %v", sh)
	}
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, " | ") + "\n")
	}
	for _, want := range []string{"February 2026", "MRR", "Fix the onboarding email", "Ana", "A calm month.", "Frozen"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("Summary lacks %q:\n%s", want, all.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("export left %d files in its folder", len(entries))
	}

	// Straight to a path, anonymized: no customer's email in the workbook.
	anon, err := rv.ExportTo("2026-02", filepath.Join(dir, "anon.xlsx"), true)
	if err != nil {
		t.Fatal(err)
	}
	if body := unzipText(t, anon); strings.Contains(body, "@") && strings.Contains(body, ".example") {
		t.Error("the anonymized report still holds an email address")
	}
	if _, err := rv.ExportTo("2026-02", filepath.Join(dir, "no", "such", "dir.xlsx"), false); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("export into a missing folder: %v", err)
	}
	if ls, _ := rv.List(); len(ls) != 1 || ls[0].Status != review.Frozen {
		t.Errorf("list = %+v", ls)
	}
}

// unzipText is every XML part of an xlsx, as one string.
func unzipText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, f.UncompressedSize64)
		n, _ := rc.Read(buf)
		for n < len(buf) {
			m, err := rc.Read(buf[n:])
			n += m
			if err != nil {
				break
			}
		}
		rc.Close()
		b.Write(buf[:n])
	}
	return b.String()
}

// A frozen review keeps its numbers; an import that changes its month
// shows as a restatement naming the import.
func TestRestatementAfterANewImport(t *testing.T) {
	s, _ := onDemo(t)
	rv := NewReview(s)
	frozen, err := rv.Freeze("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	collected := func(v *ReviewView) float64 {
		for _, n := range stepOf(t, v, review.StepRevenue).Numbers {
			if n.Key == "revenue.collected" {
				return *n.Value
			}
		}
		t.Fatal("no collected")
		return 0
	}
	before := collected(frozen)

	file := filepath.Join(t.TempDir(), "late_payments.csv")
	os.WriteFile(file, []byte("id,Created date (UTC),Amount,Currency,Status,Converted Amount,Converted Currency\n"+
		"ch_late_1,2026-02-10 10:00:00,120.00,usd,Paid,120.00,usd\n"), 0o600)
	// Time passes between the freeze and the import.
	later := s.now().Add(26 * time.Hour)
	s.now = func() time.Time { return later }
	db, _ := s.workspace()
	db.Now = s.now
	reps, err := NewImports(s).Run([]Item{{Path: file}})
	if err != nil || len(reps) != 1 || reps[0].Imported != 1 {
		t.Fatalf("import: %+v, %v", reps, err)
	}
	v, err := rv.Get("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	if collected(v) != before {
		t.Errorf("the frozen number moved: %v → %v", before, collected(v))
	}
	rs := v.Restatement
	if rs == nil || rs.Text == "" {
		t.Fatalf("no restatement: %+v", v.Review)
	}
	var ch *review.Change
	for i := range rs.Changes {
		if rs.Changes[i].Month.String() == "2026-02" && rs.Changes[i].Key == "revenue.collected" {
			ch = &rs.Changes[i]
		}
	}
	if ch == nil || *ch.Old != before || *ch.New != before+12000 || len(ch.Causes) == 0 {
		t.Fatalf("collected change = %+v in %+v", ch, rs.Changes)
	}
	found := false
	for _, c := range rs.Causes {
		found = found || (c.Kind == "import" && c.File == "late_payments.csv" && c.ID == ch.Causes[0])
	}
	if !found {
		t.Errorf("causes = %+v", rs.Causes)
	}
	// The view shows the causes by their ids, as JSON.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"restatement":{`) || !strings.Contains(string(b), "late_payments.csv") {
		t.Errorf("json lacks the restatement")
	}
}

package app

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/figures"
	_ "keel/importers/all"
)

// recorder is a Runtime that records events and answers dialogs from a script.
type recorder struct {
	mu     sync.Mutex
	events []string
	files  []string
	quit   bool
}

func (r *recorder) Emit(event string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event)
}
func (r *recorder) OpenFiles(string, string) ([]string, error) { return r.files, nil }
func (r *recorder) OpenFile(string, string) (string, error) {
	if len(r.files) == 0 {
		return "", nil
	}
	return r.files[0], nil
}
func (r *recorder) SaveFile(string, string, string) (string, error) { return r.OpenFile("", "") }
func (r *recorder) Quit()                                           { r.mu.Lock(); r.quit = true; r.mu.Unlock() }

func (r *recorder) count(event string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e == event {
			n++
		}
	}
	return n
}

func newApp(t *testing.T) (*State, *recorder) {
	t.Helper()
	rec := &recorder{}
	s := NewState(t.TempDir(), rec)
	s.now = func() time.Time { return time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(s.Close)
	return s, rec
}

func TestFirstRunBuildsAndOpensTheDemo(t *testing.T) {
	s, rec := newApp(t)
	s.Start(context.Background())
	ws := NewWorkspace(s)
	info, err := ws.Current()
	if err != nil || info == nil {
		t.Fatalf("current = %v, %v", info, err)
	}
	if info.Path != s.DemoPath() || !strings.Contains(info.Name, "demo") || info.BaseCurrency != "usd" {
		t.Errorf("info = %+v", info)
	}
	st, _ := os.Stat(info.Path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("demo mode = %v", st.Mode().Perm())
	}
	sum, err := ws.Summary()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int64{}
	for _, src := range sum.Sources {
		kinds[src.Source+"/"+src.Kind] = src.Rows
		if src.Stale {
			t.Errorf("%s stale in a fresh demo", src.Label)
		}
	}
	for _, k := range []string{"stripe/customers", "stripe/subscriptions", "stripe/invoices", "stripe/payments", "zendesk/tickets", "posthog/events"} {
		if kinds[k] == 0 {
			t.Errorf("demo has no %s (%v)", k, kinds)
		}
	}
	if len(sum.Next) != 0 || sum.Imports != 7 { // six exports and the flag list
		t.Errorf("next = %v, imports = %d", sum.Next, sum.Imports)
	}
	if rec.count("demo:progress") < 2 || rec.count("workspace:changed") < 1 {
		t.Errorf("events = %v", rec.events)
	}
	// The second start opens the recent workspace instead of rebuilding.
	s.Close()
	s2 := NewState(s.dataDir, rec)
	s2.Start(context.Background())
	defer s2.Close()
	if info2, _ := NewWorkspace(s2).Current(); info2 == nil || info2.Path != info.Path {
		t.Errorf("reopened %v", info2)
	}
}

func TestImportHistoryUndoThroughTheAPI(t *testing.T) {
	s, rec := newApp(t)
	close(s.ready)
	ws := NewWorkspace(s)
	if _, err := ws.Summary(); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("summary without a workspace: %v", err)
	}
	info, err := ws.Create(filepath.Join(t.TempDir(), "acme"), "Acme")
	if err != nil || !strings.HasSuffix(info.Path, ".keel") {
		t.Fatalf("create: %v %v", info, err)
	}
	sum, _ := ws.Summary()
	if len(sum.Sources) != 0 || len(sum.Next) == 0 || sum.Next[0].Kind != "payments" {
		t.Fatalf("empty workspace summary: %+v", sum)
	}
	file := filepath.Join(t.TempDir(), "p.csv")
	os.WriteFile(file, []byte("id,Created date (UTC),Amount,Currency,Status,Converted Amount,Converted Currency\n"+
		"ch_1,2026-01-05 10:00:00,29.00,usd,Paid,29.00,usd\nch_2,2026-01-06 10:00:00,bad,usd,Paid,29.00,usd\n"), 0o600)
	im := NewImports(s)
	pv := im.Preview([]string{file, filepath.Join(t.TempDir(), "missing.csv")})
	if pv[0].Label != "Stripe payments" || pv[0].Confidence < 0.5 || len(pv[0].Rows) != 2 || pv[0].Error != nil {
		t.Errorf("preview = %+v", pv[0])
	}
	if pv[1].Error == nil || pv[1].Error.Code != "not_found" {
		t.Errorf("missing preview = %+v", pv[1].Error)
	}
	reps, err := im.Run([]Item{{Path: file}})
	if err != nil || len(reps) != 1 {
		t.Fatal(reps, err)
	}
	r := reps[0]
	if r.Error != nil || r.Imported != 1 || r.Rejected != 1 || r.RejectedRows[0].Line != 3 || len(r.SHA256) != 64 {
		t.Fatalf("report = %+v", r)
	}
	hist, _ := im.History()
	if len(hist) != 1 || hist[0].Label != "Stripe payments" {
		t.Fatalf("history = %+v", hist)
	}
	rej, _ := im.Rejected(hist[0].ID)
	if len(rej) != 1 || !strings.Contains(rej[0].Reason, "bad") {
		t.Errorf("rejected = %+v", rej)
	}
	if err := im.Undo(hist[0].ID); err != nil {
		t.Fatal(err)
	}
	sum, _ = ws.Summary()
	if len(sum.Sources) != 0 {
		t.Errorf("after undo: %+v", sum.Sources)
	}
	e := FormatError(im.Undo(hist[0].ID)).(*Err)
	if e.Code != "conflict" || !strings.Contains(e.Message, "already undone") {
		t.Errorf("second undo error = %+v", e)
	}
	if fe := FormatError(errors.New("disk on fire")).(*Err); fe.Code != "internal" {
		t.Errorf("unclassified error = %+v", fe)
	}
	if rec.count("import:stage") < 1 {
		t.Errorf("no linking stage announced: events = %v", rec.events)
	}
	if rec.count("workspace:changed") < 3 {
		t.Errorf("events = %v", rec.events)
	}
	recent, _ := ws.Recent()
	if len(recent) != 1 || recent[0].Name != "Acme" {
		t.Errorf("recent = %+v", recent)
	}
}

func TestSmokeModeQuitsWhenAsked(t *testing.T) {
	s, rec := newApp(t)
	dir := t.TempDir()
	t.Setenv("KEEL_SMOKE_DIR", dir)
	NewSession(s).Ready()
	if _, err := os.Stat(filepath.Join(dir, "ready")); err != nil {
		t.Fatal("no ready file")
	}
	os.WriteFile(filepath.Join(dir, "quit"), nil, 0o600)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		rec.mu.Lock()
		q := rec.quit
		rec.mu.Unlock()
		if q {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("did not quit")
}

// mo is a month written YYYY-MM.
func mo(s string) backend.Month {
	m, err := backend.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// loadSet is the read model's figures of the months from..to of the open
// workspace: what `keel metrics` prints.
func loadSet(t *testing.T, s *State, from, to string) *figures.Set {
	t.Helper()
	db, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	set, err := figures.Load(db, mo(from), mo(to))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// metricsSection is one section of `keel metrics --json` for the months
// from..to, read back from the JSON by field name (a script's view).
func metricsSection(t *testing.T, s *State, from, to, section string) []map[string]*float64 {
	t.Helper()
	raw, err := json.Marshal(loadSet(t, s, from, to).Metrics())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Months []map[string]json.RawMessage `json:"months"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]*float64, len(doc.Months))
	for i, m := range doc.Months {
		if err := json.Unmarshal(m[section], &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

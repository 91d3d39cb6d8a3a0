package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"keel/backend/pipeline"
	_ "keel/importers/all"
)

var demo struct {
	once sync.Once
	raw  []byte
	err  error
}

// demoWorkspace writes a private copy of the demo workspace (data to
// mid-March 2026, built once per test run) and returns its path.
func demoWorkspace(t *testing.T) string {
	t.Helper()
	demo.once.Do(func() {
		dir, err := os.MkdirTemp("", "keel-cli-")
		if err != nil {
			demo.err = err
			return
		}
		defer os.RemoveAll(dir)
		p := filepath.Join(dir, "demo.keel")
		if demo.err = pipeline.CreateDemo(context.Background(), p, time.Date(2026, 3, 14, 15, 30, 0, 0, time.UTC), nil); demo.err == nil {
			demo.raw, demo.err = os.ReadFile(p)
		}
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	p := filepath.Join(t.TempDir(), "demo.keel")
	if err := os.WriteFile(p, demo.raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReviewJSON(t *testing.T) {
	ws := demoWorkspace(t)
	code, out, errOut := run(t, "review", "--workspace", ws, "--month", "2026-02", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Month    string `json:"month"`
		Status   string `json:"status"`
		FrozenAt *string
		Steps    []struct {
			ID, Reading string
			Numbers     []struct {
				Key   string
				Value *float64
			}
		}
		Warnings  []any `json:"warnings"`
		Decisions []any `json:"decisions"`
		Stage     struct{ ID, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Month != "2026-02" || r.Status != "not_started" || len(r.Steps) != 8 || r.Warnings == nil || r.Decisions == nil || r.Stage.Reason == "" {
		t.Fatalf("review: %+v", r)
	}
	// The revenue step reads how MRR moved (which way depends on the demo's day).
	if !regexp.MustCompile(`^MRR (grew|fell|was flat) `).MatchString(r.Steps[1].Reading) || r.Steps[1].Numbers[0].Key != "revenue.mrr" || r.Steps[1].Numbers[0].Value == nil {
		t.Errorf("revenue step: %+v", r.Steps[1])
	}

	code, out, errOut = run(t, "review", "--workspace", ws, "--month", "2026-02", "--freeze", "--json")
	if code != 0 || !strings.Contains(out, `"status": "frozen"`) {
		t.Fatalf("freeze: exit %d %s", code, errOut)
	}
	frozen := out
	code, out, _ = run(t, "review", "--workspace", ws, "--month", "2026-02", "--json")
	if code != 0 || out != frozen {
		t.Errorf("a frozen review prints its frozen values")
	}
	code, _, errOut = run(t, "review", "--workspace", ws, "--month", "2026-02", "--freeze")
	if code != 1 || !strings.Contains(errOut, "was frozen on") {
		t.Errorf("freezing twice: exit %d %q", code, errOut)
	}
	code, out, _ = run(t, "review", "--workspace", ws, "--month", "2026-02")
	if code != 0 || !strings.Contains(out, "review of February 2026 (frozen on") || !strings.Contains(out, "2. Revenue") {
		t.Errorf("text output:\n%s", out)
	}
}

func TestExport(t *testing.T) {
	ws := demoWorkspace(t)
	dst := filepath.Join(t.TempDir(), "feb.xlsx")
	code, out, errOut := run(t, "export", "--workspace", ws, "--month", "2026-02", "--out", dst, "--anonymize")
	if code != 0 || !strings.Contains(out, "Report for 2026-02 written to") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) < 11 || got[0] != "Summary" {
		t.Errorf("sheets %v", got)
	}
	rows, _ := f.GetRows("Movements")
	if len(rows) < 6 || !strings.HasPrefix(rows[5][2], "Customer ") {
		t.Errorf("anonymized movements: %v", rows[4:6])
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dst), ".keel-report-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--workspace", ws, "--month", "2026-02"}, "--out FILE.xlsx is required"},
		{[]string{"export", "--workspace", ws, "--out", filepath.Join(t.TempDir(), "x.csv")}, "should end in .xlsx"},
		{[]string{"export", "--out", dst}, "--workspace FILE is required"},
		{[]string{"export", "--workspace", ws, "--month", "26-02", "--out", dst}, "not a month"},
		{[]string{"review", "--workspace", ws, "--month", "2099-01"}, "has not started yet"},
	} {
		code, _, errOut := run(t, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want it to say %q", c.args, code, errOut, c.want)
		}
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/internal/demotest"
	"keel/backend/report"
	"keel/backend/review"
	"keel/backend/workspace"
)

// The golden outputs of the demo company at a fixed today (demotest.Now,
// 14 March 2026): what `keel metrics --json`, `keel review --json` and
// `keel export` give. They pin every number the read side shows, so that a
// change of structure cannot move one unnoticed. Regenerate with
//
//	go test ./backend/cli -run Golden -update
//
// and explain every difference.

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var goldenDemo = demotest.New("keel-golden-")

func TestMain(m *testing.M) {
	if p := os.Getenv("KEEL_TEST_HOLD"); p != "" {
		holdWorkspace(p) // the other process of hostile_test.go's holdOpen
	}
	if args := os.Getenv("KEEL_TEST_STALL_EXPORT"); args != "" {
		stallExport(args) // the other process of TestKilledExportLeavesNothing
	}
	code := m.Run()
	goldenDemo.Remove()
	os.Exit(code)
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
// JSON is compared as values (the order of an object's keys does not
// matter); text line by line.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if strings.HasSuffix(name, ".json.golden") {
		var a, b any
		if err := json.Unmarshal(want, &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := json.Unmarshal(got, &b); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		if reflect.DeepEqual(a, b) {
			return
		}
		want, got = canonical(a), canonical(b)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file:\n%s", name, lineDiff(string(want), string(got)))
	}
}

// canonical is JSON with sorted keys, one value per line.
func canonical(v any) []byte {
	b, _ := json.MarshalIndent(v, "", " ")
	return b
}

// lineDiff is a line diff of want and got (longest common subsequence),
// the first 60 lines that differ, each with its line number in want (-)
// or got (+).
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for (i < len(a) || j < len(b)) && len(out) < 60 {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, fmt.Sprintf("+%d: %s", j+1, b[j]))
			j++
		default:
			out = append(out, fmt.Sprintf("-%d: %s", i+1, a[i]))
			i++
		}
	}
	return strings.Join(out, "\n")
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetsText is every cell of every sheet of a workbook, as stored (not as
// formatted), one row a line, cells separated by " | ".
func sheetsText(t *testing.T, raw []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "=== %s\n", sh)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			fmt.Fprintf(&b, "%d: %s\n", i+1, strings.Join(r, " | "))
		}
	}
	return []byte(b.String())
}

func goldenWorkspace(t *testing.T) *workspace.DB {
	return goldenDemo.Open(t, demotest.Now)
}

func TestGoldenMetrics(t *testing.T) {
	db := goldenWorkspace(t)
	rep, err := metricsOf(db, "2024-03", "2026-02")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "metrics.json.golden", jsonOf(t, rep))
}

func TestGoldenReviewAndReport(t *testing.T) {
	db := goldenWorkspace(t)
	feb, _ := backend.ParseMonth("2026-02")
	if _, err := review.Freeze(db, feb); err != nil {
		t.Fatal(err)
	}
	for _, month := range []backend.Month{feb, feb - 1, feb - 2} {
		r, err := review.Get(db, month)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "review-"+month.String()+".json.golden", jsonOf(t, r))
	}
	for _, month := range []backend.Month{feb, feb - 1} {
		var buf bytes.Buffer
		if err := report.Write(db, month, &buf, report.Options{}); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "report-"+month.String()+".txt.golden", sheetsText(t, buf.Bytes()))
	}
}

package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend/workspace"
)

// Defect 5 (issue 16): memory stays bounded whatever the width of a row.
// A valid header and one 100 MB row of "x," is imported in a process of
// its own, whose peak RSS must stay under 150 MiB.
func TestHugeRowMemory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(payHeader)
	w.WriteString(payRow("ch_ok", "2026-01-05 10:00:00", "29.00", "usd", "Paid"))
	chunk := strings.Repeat("x,", 1<<16)
	for n := 0; n < 100<<20; n += len(chunk) {
		w.WriteString(chunk)
	}
	w.WriteString("x\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KEEL_HUGE_ROW="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var rss float64
	var read, imported, rejected int
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "result ") {
			fmt.Sscanf(line, "result %f %d %d %d", &rss, &read, &imported, &rejected)
		}
	}
	t.Logf("peak RSS %.0f MiB", rss)
	if rss == 0 || rss >= 150 || read != 2 || imported != 1 || rejected != 1 {
		t.Errorf("peak RSS %.0f MiB (limit 150), read %d imported %d rejected %d\n%s", rss, read, imported, rejected, out)
	}
}

// TestMain runs the process TestHugeRowMemory measures when asked to
// (KEEL_HUGE_ROW), or TestUnreadableFile's (KEEL_IMPORT_CHILD), else the
// tests.
func TestMain(m *testing.M) {
	if path := os.Getenv("KEEL_HUGE_ROW"); path != "" {
		os.Exit(hugeRowChild(path))
	}
	if path := os.Getenv("KEEL_IMPORT_CHILD"); path != "" {
		os.Exit(importChild(path))
	}
	os.Exit(m.Run())
}

// hugeRowChild imports path into a new workspace and prints its counts
// and the peak RSS of the import.
func hugeRowChild(path string) int {
	dir, err := os.MkdirTemp("", "keel-huge-")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer os.RemoveAll(dir)
	db, err := workspace.Create(filepath.Join(dir, "w.keel"), "Huge")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer db.Close()
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	resetPeakRSS()
	rep := Run(context.Background(), db, Request{Path: path}, nil)
	fmt.Printf("result %s %d %d %d\n", strconv.FormatFloat(peakRSS(), 'f', 1, 64), rep.Read, rep.Imported, rep.Rejected)
	return 0
}

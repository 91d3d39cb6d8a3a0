package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// stallExport is the other process of TestKilledExportLeavesNothing: it
// exports with args and stops for good once the report's bytes start.
func stallExport(args string) {
	outWriter = func(w io.Writer) io.Writer { return stall{} }
	os.Exit(Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

type stall struct{}

func (stall) Write(p []byte) (int, error) {
	fmt.Println("writing")
	select {}
}

// Defect 11 (issue 16): `kill -9` during an export left a hidden
// .keel-report-*.xlsx in the output folder for good. The file being
// written is named so that it cannot be taken for a report, and the next
// export into the folder removes it. Before the fix, the second export
// left ".keel-report-….xlsx" beside the report.
func TestKilledExportLeavesNothing(t *testing.T) {
	ws := demoWorkspace(t)
	out := t.TempDir()
	dst := filepath.Join(out, "feb.xlsx")
	args := []string{"export", "--workspace", ws, "--month", "2026-02", "--out", dst}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_STALL_EXPORT="+strings.Join(args, "\x1f"))
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "writing\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the export did not start writing: %q %v", line, err)
	}
	cmd.Process.Kill() // SIGKILL: no deferred clean-up runs
	cmd.Wait()
	left, _ := os.ReadDir(out)
	if len(left) != 1 || !strings.HasPrefix(left[0].Name(), ".feb.xlsx.keel-partial-") {
		t.Fatalf("after kill -9 the folder holds %v, want the one partial file", left)
	}
	// A partial file of an earlier Keel too.
	os.WriteFile(filepath.Join(out, ".keel-report-123456.xlsx"), []byte("PK"), 0o600)
	if code, _, errOut := run(t, args...); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	var names []string
	es, _ := os.ReadDir(out)
	for _, e := range es {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "feb.xlsx" {
		t.Errorf("after the next export the folder holds %v, want feb.xlsx alone", names)
	}
}

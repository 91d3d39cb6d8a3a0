package cli

import (
	"os"
	"testing"

	_ "keel/importers/all"
)

// asKeel makes the test binary the keel command (see keelCmd): the
// benchmarks time whole `keel import`, `keel undo` and `keel metrics`
// processes, as the founder waits for them, with the command line's own
// code.
const asKeel = "KEEL_TEST_AS_KEEL"

func TestMain(m *testing.M) {
	if p := os.Getenv("KEEL_TEST_HOLD"); p != "" {
		holdWorkspace(p) // the other process of hostile_test.go's holdOpen
	}
	if args := os.Getenv("KEEL_TEST_STALL_EXPORT"); args != "" {
		stallExport(args) // the other process of TestKilledExportLeavesNothing
	}
	if os.Getenv(asKeel) == "1" {
		os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	goldenDemo.Remove()
	os.Exit(code)
}

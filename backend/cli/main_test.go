package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"keel/backend/accounts"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// asKeel makes the test binary the keel command (see keelCmd): the
// benchmarks time whole `keel import` and `keel metrics` processes, as the
// founder waits for them, with the command line's own code. "undo" makes
// it undo an import as the window does (undoCmd).
const asKeel = "KEEL_TEST_AS_KEEL"

func TestMain(m *testing.M) {
	switch os.Getenv(asKeel) {
	case "1":
		os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
	case "undo":
		if err := undo(os.Args[1], os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	goldenDemo.Remove()
	os.Exit(code)
}

// undoCmd runs the test binary as the window's Imports.Undo: the undo,
// then the accounts linked again.
func undoCmd(workspace, id string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], workspace, id)
	cmd.Env = append(os.Environ(), asKeel+"=undo")
	return cmd
}

func undo(path, id string) error {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return err
	}
	db, err := workspace.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Undo(n); err != nil {
		return err
	}
	return accounts.Ensure(context.Background(), db)
}

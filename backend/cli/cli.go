// Package cli is Keel's command line: the same binary as the window, for
// scripting and checking numbers without it.
package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"keel/backend"
)

// Version is set at build time (-ldflags "-X keel/backend/cli.Version=…").
var Version = "0.1.0-dev"

const usage = `Keel — the monthly operating review for founders, offline.

Usage:
  keel                       open the window
  keel --help                this help
  keel version               print the version
  keel demo --workspace FILE
                             create the demo company's workspace at FILE
  keel import --workspace FILE [--json] [--source S --kind K | --mapping NAME] [--tz ZONE] FILE...
                             import export files (kind auto-detected); exit 1 if any is refused
  keel metrics --workspace FILE --from YYYY-MM --to YYYY-MM --json
                             print the monthly metrics as JSON (see METRICS.md)
  keel review --workspace FILE [--month YYYY-MM] [--json] [--freeze]
                             print a month's review: numbers, readings, warnings, decisions
                             (a frozen review prints its frozen values and any restatement)
  keel export --workspace FILE [--month YYYY-MM] --out FILE.xlsx [--anonymize]
                             write the month's Excel report for advisors
  keel feedback --workspace FILE [--json]
                             print the feedback clusters (suggested and confirmed) with their
                             items, accounts, MRR at asking and now, askers' outcome, people told
  keel releases --workspace FILE [--json]
                             list the releases (status, checklist, calls with their evidence)
                             and the flag registry
  keel imports --workspace FILE [--json]
                             list the import history: file, SHA-256, counts, when, undone
  keel undo --workspace FILE IMPORT_ID
                             undo one import, as the window's Imports screen does
  keel decisions --workspace FILE [--json]
                             print the decision log: status, evidence, throughput
  keel manual add --workspace FILE --account A --kind K --minutes N [--note TEXT] [--date YYYY-MM-DD]
                             log manual work (refund, data_fix, onboarding_call, billing_change,
                             account_review, other) on an account named by name, address or domain
  keel manual list --workspace FILE [--month YYYY-MM] [--json]
                             print a month's manual work
`

var commands = map[string]func(args []string, out, errOut io.Writer) error{
	"version":  func(_ []string, out, _ io.Writer) error { fmt.Fprintln(out, "keel", Version); return nil },
	"demo":     demoCmd,
	"import":   importCmd,
	"metrics":  metricsCmd,
	"review":   reviewCmd,
	"export":   exportCmd,
	"feedback": feedbackCmd,
	"releases": releasesCmd,
	"imports":  importsCmd,
	"undo":     undoCmd,

	"decisions": decisionsCmd,
	"manual":    manualCmd,
}

// IsCommand reports whether args ask for the command line rather than the
// window. Flags that are not Keel's (Wails' -devserver, …) go to the window.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "-h", "-help", "--help", "help", "--version":
		return true
	}
	_, ok := commands[args[0]]
	return ok || !strings.HasPrefix(args[0], "-")
}

// Run runs one command and returns the process exit status.
func Run(args []string, out, errOut io.Writer) int {
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(out, usage)
		return 0
	case "--version":
		args[0] = "version"
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(errOut, "keel: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := cmd(args[1:], out, errOut); err != nil {
		if err == errRefused {
			return 1
		}
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintf(errOut, "keel %s: %s\n", args[0], backend.ErrorMessage(err))
		if backend.ErrorCode(err) == backend.Invalid && strings.Contains(err.Error(), "flag") {
			return 2
		}
		return 1
	}
	return 0
}

// errRefused means the command printed its own report of what failed.
var errRefused = fmt.Errorf("refused")

func flags(name string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("keel "+name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	return fs
}

// listingFlags reads the flags of a command that lists something:
// --workspace FILE (required) and --json.
func listingFlags(name string, args []string, errOut io.Writer) (ws string, asJSON bool, err error) {
	fs := flags(name, errOut)
	w := fs.String("workspace", "", "the workspace (*.keel)")
	j := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return "", false, err
	}
	return *w, *j, needWorkspace(*w)
}

func needWorkspace(ws string) error {
	if ws == "" {
		return backend.Errorf(backend.Invalid, "--workspace FILE is required")
	}
	return nil
}

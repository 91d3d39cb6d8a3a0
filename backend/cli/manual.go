package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"keel/backend"
	"keel/backend/manual"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// manualCmd logs manual work (`keel manual add`) or lists a month of it
// (`keel manual list`).
func manualCmd(args []string, out, errOut io.Writer) error {
	if len(args) == 0 || args[0] != "add" && args[0] != "list" {
		return backend.Errorf(backend.Invalid, "say `keel manual add …` or `keel manual list …` (see keel --help)")
	}
	fs := flags("manual "+args[0], errOut)
	ws := fs.String("workspace", "", "the workspace (*.keel)")
	if args[0] == "list" {
		month := fs.String("month", "", "the month, YYYY-MM (default: the last complete month)")
		asJSON := fs.Bool("json", false, "print JSON")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return manualList(*ws, *month, *asJSON, out)
	}
	var in manual.Input
	fs.StringVar(&in.Account, "account", "", "the account: its name, an address, its domain or its id")
	fs.StringVar(&in.Kind, "kind", "", "refund, data_fix, onboarding_call, billing_change, account_review or other")
	fs.Int64Var(&in.Minutes, "minutes", 0, "how long it took")
	fs.StringVar(&in.Note, "note", "", "what was done")
	fs.StringVar(&in.Date, "date", "", "the day, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	db, err := workspace.Open(*ws)
	if err != nil {
		return err
	}
	defer db.Close()
	e, err := manual.Log(context.Background(), db, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Logged %d minutes of %s on %s (%s).\n", e.Minutes, manual.Label(e.Type), e.At.In(db.Location()).Format("2 Jan 2006"), e.Key)
	return nil
}

func manualList(ws, month string, asJSON bool, out io.Writer) error {
	if err := needWorkspace(ws); err != nil {
		return err
	}
	db, err := workspace.Open(ws)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := monthFlag(db, month)
	if err != nil {
		return err
	}
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return err
	}
	o, err := manual.Load(context.Background(), db, m.Start(db.Location()), names.Of)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	}
	last := o.Months[len(o.Months)-1]
	if last.Interventions == nil {
		fmt.Fprintln(out, "Nothing logged yet: keel manual add --workspace FILE --account … --kind … --minutes ….")
		return nil
	}
	fmt.Fprintf(out, "%s: %d interventions, %d minutes.\n", m.Title(), *last.Interventions, *last.Minutes)
	for _, e := range o.Entries {
		who := e.AccountName
		if who == "" {
			who = e.Ref
		}
		fmt.Fprintf(out, "  %s  %-16s %4d min  %s  %s\n", e.Date, e.KindLabel, e.Minutes, who, e.Note)
	}
	if o.Warning != nil {
		fmt.Fprintf(out, "Warning: %s. %s\n", o.Warning.Title, o.Warning.Detail)
	}
	return nil
}

func reading(ev *backend.DecisionEvidence) string {
	if ev == nil {
		return ""
	}
	return ev.Reading
}

package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"keel/backend/decisions"
	"keel/backend/evidence"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// decisionsOut is `keel decisions --json`: the log with each decision's
// status and evidence, and the throughput of the 12 months ending with
// the last complete one.
type decisionsOut struct {
	Today      string            `json:"today"`
	Currency   string            `json:"base_currency"`
	Decisions  []decisions.Entry `json:"decisions"`
	Throughput []decisions.Month `json:"throughput"`
}

func decisionsCmd(args []string, out, errOut io.Writer) error {
	ws, asJSON, err := listingFlags("decisions", args, errOut)
	if err != nil {
		return err
	}
	db, err := workspace.Open(ws)
	if err != nil {
		return err
	}
	defer db.Close()
	rules, err := figures.ReadRules(db)
	if err != nil {
		return err
	}
	cur := rules.BaseCurrency
	l := decisions.New(db, evidence.New(db, cur), nil)
	o := decisionsOut{Today: db.Now().In(db.Location()).Format("2006-01-02"), Currency: cur}
	if o.Decisions, err = l.List(); err != nil {
		return err
	}
	last := evidence.LastComplete(db)
	var months []string
	for m := last.Add(-11); m <= last; m++ {
		months = append(months, m.String())
	}
	if o.Throughput, err = l.Throughput(months); err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	}
	printDecisions(out, o)
	return nil
}

func printDecisions(out io.Writer, o decisionsOut) {
	if len(o.Decisions) == 0 {
		fmt.Fprintln(out, "The decision log is empty.")
	}
	for _, d := range o.Decisions {
		state := d.Status
		switch {
		case d.Overdue:
			state += ", overdue since " + d.ReviewOn
		case d.Status == "made" || d.Status == "shipped":
			state += ", review on " + d.ReviewOn
		}
		fmt.Fprintf(out, "#%d %s (%s): %s — %s, made %s [%s]\n", d.ID, d.Kind, d.Origin, d.What, d.Owner, d.Made, state)
		if d.FigureLabel != "" {
			fmt.Fprintf(out, "    how we will know: %s %s\n", d.FigureLabel, d.Expect)
		}
		for _, ev := range []*struct{ what, text string }{{"evidence", reading(d.Evidence)}, {"proposal", reading(d.Proposal)}} {
			if ev.text != "" {
				fmt.Fprintf(out, "    %s: %s\n", ev.what, ev.text)
			}
		}
	}
	if n := len(o.Throughput); n > 0 {
		t := o.Throughput[n-1]
		fmt.Fprintf(out, "\n%s: %d made, %d shipped, %d validated, %d invalidated, %d overdue at its end.\n",
			t.Month, t.Made, t.Shipped, t.Validated, t.Invalidated, t.Overdue)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"keel/backend"
	"keel/backend/review"
	"keel/backend/workspace"
)

// reviewCmd prints a month's review: numbers, readings, warnings and
// decisions; for a frozen review, the frozen values and any restatement.
func reviewCmd(args []string, out, errOut io.Writer) error {
	fs := flags("review", errOut)
	ws := fs.String("workspace", "", "the workspace (*.keel)")
	month := fs.String("month", "", "the month to review, YYYY-MM (default: the last complete month)")
	asJSON := fs.Bool("json", false, "print JSON")
	freeze := fs.Bool("freeze", false, "finish the review first: freeze its numbers, rules and source files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	show := func(r *review.Review) error {
		if *asJSON {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		}
		printReview(out, r)
		return nil
	}
	if !*freeze { // reading only
		return workspace.View(*ws, func(db *workspace.DB) error {
			m, err := monthFlag(db, *month)
			if err != nil {
				return err
			}
			r, err := review.Get(db, m)
			if err != nil {
				return err
			}
			return show(r)
		})
	}
	db, err := workspace.Open(*ws)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := monthFlag(db, *month)
	if err != nil {
		return err
	}
	step("freezing", db)
	r, err := review.Freeze(db, m)
	if err != nil {
		return err
	}
	return show(r)
}

// monthFlag reads --month: YYYY-MM, or "" for the last complete month in
// the workspace's time zone.
func monthFlag(db *workspace.DB, s string) (backend.Month, error) {
	if s == "" {
		return backend.LastComplete(db.Now(), db.Location()), nil
	}
	m, err := backend.ParseMonth(s)
	if err != nil {
		return m, backend.Errorf(backend.Invalid, "--month: %s", backend.ErrorMessage(err))
	}
	return m, nil
}

func printReview(out io.Writer, r *review.Review) {
	status := "draft, not frozen"
	if r.FrozenAt != nil {
		status = "frozen on " + r.FrozenAt.Format("2006-01-02 15:04 UTC")
	}
	fmt.Fprintf(out, "%s — review of %s (%s)\n\n", r.Workspace, r.Title, status)
	for i, st := range r.Steps {
		fmt.Fprintf(out, "%d. %s\n   %s\n", i+1, st.Title, st.Reading)
		for _, m := range st.Missing {
			fmt.Fprintf(out, "   - %s\n", m.Text)
		}
	}
	fmt.Fprintf(out, "\nStage: %s. %s\n%s\n", r.Stage.Name, r.Stage.Reason, r.NextReview.Text)
	for _, w := range r.Warnings {
		fmt.Fprintf(out, "Warning: %s. %s\n", w.Title, w.Detail)
	}
	for _, d := range r.Decisions {
		fmt.Fprintf(out, "Decision (%s): %s — %s, by %s\n", d.Kind, d.What, d.Owner, d.Due)
	}
	if rs := r.Restatement; rs != nil {
		fmt.Fprintf(out, "\nRestatement: %s\n", rs.Text)
		for _, c := range rs.Changes {
			fmt.Fprintf(out, "  %s\n", c.Text)
		}
	}
}

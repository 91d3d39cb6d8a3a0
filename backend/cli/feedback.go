package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"keel/backend/feedback"
	"keel/backend/workspace"
)

// feedbackCmd prints the Feedback area: every cluster (suggested or
// confirmed) with its items' source ids, accounts, MRR at asking and now,
// the askers' outcome and the people told; and the items by type.
func feedbackCmd(args []string, out, errOut io.Writer) error {
	ws, asJSON, err := listingFlags("feedback", args, errOut)
	if err != nil {
		return err
	}
	db, err := workspace.Open(ws)
	if err != nil {
		return err
	}
	defer db.Close()
	ex, err := feedback.New(db).Export(context.Background())
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(ex)
	}
	fmt.Fprintf(out, "%d feedback items, %d untriaged\n", ex.Items.Total, ex.Items.Untriaged)
	for _, c := range ex.Clusters {
		kind := c.Status
		if c.Suggested {
			kind = "suggested"
		}
		fmt.Fprintf(out, "\n[%s] %s (%s): %d items\n  %s\n", c.ID, c.Title, kind, len(c.Items), c.Sentence)
	}
	return nil
}

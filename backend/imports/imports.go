// Package imports holds the steps that follow storing an import, shared by
// the window and the command line: linking the stored rows to accounts,
// and undoing an import (which links again).
package imports

import (
	"context"
	"errors"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// AfterError is the failure of a step that follows a change that went
// through: the files are stored (or the import undone), the workspace is
// readable, and the step runs again the next time Keel needs it.
type AfterError struct{ err error }

func (e *AfterError) Error() string { return e.err.Error() }
func (e *AfterError) Unwrap() error { return e.err }

// IsAfter reports whether err is an AfterError.
func IsAfter(err error) bool {
	var a *AfterError
	return errors.As(err, &a)
}

// Link links the workspace's rows to accounts now (accounts.Ensure) and,
// when a cost driver counts events, summarises the events per user and
// month the cost model reads (EnsureUsage), so that the first screen or
// report after an import does not have to. Without such a driver the
// summary waits for the cost model to ask (reading millions of events
// would double an events import for nothing). The rows are stored
// already: a failure here loses none of them.
func Link(ctx context.Context, db *workspace.DB, done string) error {
	// The payments by customer the revenue engine reads, read beside the
	// linking.
	writePaid := db.PaidBeside(ctx)
	err := accounts.Ensure(ctx, db)
	if err2 := writePaid(); err == nil {
		err = err2
	}
	if err == nil {
		var counts bool
		if counts, err = countsEvents(db); err == nil && counts {
			err = db.EnsureUsage(ctx)
		}
	}
	if err != nil {
		why := trimStop(backend.ErrorMessage(err))
		if workspace.DiskFull(err) {
			why = workspace.FullDisk
		}
		return &AfterError{backend.Errorf(backend.ErrorCode(err),
			"%s, but linking the rows to accounts failed: %s. The workspace is readable; Keel links them again the next time it needs them (free some disk space first if it is full).",
			done, why)}
	}
	return nil
}

// Undo takes import id back out of the workspace (workspace.Undo: refused
// while a later import changed the same rows) and links the accounts
// again.
func Undo(ctx context.Context, db *workspace.DB, id int64) error {
	im, err := db.ImportByID(id)
	if err != nil {
		return err
	}
	if err := db.Undo(id); err != nil {
		return err
	}
	return Link(ctx, db, "The import of "+im.File+" is undone")
}

func trimStop(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '.' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}

// countsEvents reports whether some cost driver counts analytics events.
func countsEvents(db *workspace.DB) (bool, error) {
	ds, err := db.CostDrivers()
	for _, d := range ds {
		if d.Source == backend.UsageEvents {
			return true, err
		}
	}
	return false, err
}

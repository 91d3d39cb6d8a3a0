package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Derived stages and what makes them stale.
const (
	stageEvents = "events" // analytics_users, event_names: the events, time zone, core events
	stageLinks  = "links"  // accounts, account_keys: every import, the rules, include_test
)

// refreshMu keeps two goroutines of one process from recomputing at once
// (the workspace allows one process).
var refreshMu sync.Mutex

// Ensure recomputes the links if anything they depend on changed since
// they were computed: an import or an undo, a merge or split, the time
// zone, core_events or include_test. It is cheap when nothing did.
func Ensure(ctx context.Context, db *workspace.DB) error {
	return refresh(ctx, db, false)
}

// Version says which computation of the accounts is current (after
// Ensure): it changes with every import, undo, merge, split or setting
// they depend on, so a caller can keep what it derived from them.
func Version(ctx context.Context, db *workspace.DB) (string, error) {
	if err := Ensure(ctx, db); err != nil {
		return "", err
	}
	fp, _, err := state(ctx, db.SQL(), stageLinks)
	return fp, err
}

// Refresh recomputes the links now (after imports, say).
func Refresh(ctx context.Context, db *workspace.DB) error {
	return refresh(ctx, db, true)
}

func refresh(ctx context.Context, db *workspace.DB, force bool) error {
	refreshMu.Lock()
	defer refreshMu.Unlock()
	fpE, fpL, err := fingerprints(ctx, db.SQL())
	if err != nil {
		return err
	}
	haveE, _, err := state(ctx, db.SQL(), stageEvents)
	if err != nil {
		return err
	}
	haveL, _, err := state(ctx, db.SQL(), stageLinks)
	if err != nil {
		return err
	}
	doE := force || haveE != fpE
	if !doE && haveL == fpL {
		return nil
	}
	// Settings are read before the transaction: the workspace has one
	// connection, which the transaction holds.
	p, err := readParams(db)
	if err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if doE {
			if err := buildAnalytics(ctx, tx, p.loc, p.core); err != nil {
				return err
			}
			if err := setState(ctx, tx, db, stageEvents, fpE, ""); err != nil {
				return err
			}
		}
		return relinkTx(ctx, tx, db, p, fpL, nil)
	})
}

// params are the settings the links depend on.
type params struct {
	loc         *time.Location
	core        []string
	includeTest bool
}

func readParams(db *workspace.DB) (params, error) {
	p := params{loc: db.Location()}
	var err error
	if p.core, err = listSetting(db, workspace.SettingCoreEvents); err != nil {
		return p, err
	}
	inc, err := db.Setting(workspace.SettingIncludeTest)
	p.includeTest = inc == "true"
	return p, err
}

// relinkTx recomputes the accounts inside tx and records the fingerprint.
func relinkTx(ctx context.Context, tx *sql.Tx, db *workspace.DB, p params, fpL string, force forceFunc) error {
	in, err := loadInputs(ctx, tx, p.includeTest)
	if err != nil {
		return err
	}
	_, mode, err := relink(ctx, tx, in, force)
	if err != nil {
		return err
	}
	return setState(ctx, tx, db, stageLinks, fpL, mode)
}

func inTx(ctx context.Context, db *workspace.DB, f func(tx *sql.Tx) error) error {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return backend.Errorf(backend.Internal, "start computing accounts: %v", err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return backend.Errorf(backend.Conflict, "Computing the accounts was cancelled.")
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return backend.Errorf(backend.Internal, "save the accounts: %v", err)
	}
	return nil
}

// fingerprints summarise what each stage is computed from. The events
// stage looks at the imports that hold events (an update or an undo moves
// rows between imports), the time zone and the core events; the links
// stage at every import, the rules and include_test, and the events stage.
func fingerprints(ctx context.Context, q querier) (events, links string, err error) {
	var n, sum, maxID, maxRow int64
	err = q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(MAX(id), 0),
		COALESCE((SELECT MAX(rowid) FROM events), 0)
		FROM imports i WHERE EXISTS (SELECT 1 FROM events e WHERE e.import_id = i.id)`).Scan(&n, &sum, &maxID, &maxRow)
	if err != nil {
		return "", "", backend.Errorf(backend.Internal, "check the events: %v", err)
	}
	settings := map[string]string{}
	for _, k := range []string{workspace.SettingTimeZone, workspace.SettingCoreEvents, workspace.SettingIncludeTest} {
		var v sql.NullString
		if err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", k).Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", "", backend.Errorf(backend.Internal, "read setting %s: %v", k, err)
		}
		settings[k] = v.String
	}
	events = fmt.Sprintf("v1 ev=%d/%d/%d/%d tz=%q core=%q", n, sum, maxID, maxRow, settings[workspace.SettingTimeZone], settings[workspace.SettingCoreEvents])
	var imports, importMax, undone, rules, ruleMax int64
	err = q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0), COUNT(undone_at),
		(SELECT COUNT(*) FROM account_rules), (SELECT COALESCE(MAX(seq), 0) FROM account_rules) FROM imports`).
		Scan(&imports, &importMax, &undone, &rules, &ruleMax)
	if err != nil {
		return "", "", backend.Errorf(backend.Internal, "check the imports: %v", err)
	}
	links = fmt.Sprintf("v1 %s imp=%d/%d/%d rules=%d/%d test=%q", events, imports, importMax, undone, rules, ruleMax, settings[workspace.SettingIncludeTest])
	return events, links, nil
}

func state(ctx context.Context, q querier, stage string) (fp, mode string, err error) {
	err = q.QueryRowContext(ctx, "SELECT fingerprint, mode FROM derived_state WHERE stage = ?", stage).Scan(&fp, &mode)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", backend.Errorf(backend.Internal, "read the accounts state: %v", err)
	}
	return fp, mode, nil
}

func setState(ctx context.Context, tx *sql.Tx, db *workspace.DB, stage, fp, mode string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO derived_state(stage, fingerprint, at, mode) VALUES(?,?,?,?)
		ON CONFLICT(stage) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at, mode = excluded.mode`,
		stage, fp, db.Now().Unix(), mode)
	if err != nil {
		return backend.Errorf(backend.Internal, "save the accounts state: %v", err)
	}
	return nil
}

// listSetting reads a comma-separated setting.
func listSetting(db *workspace.DB, key string) ([]string, error) {
	v, err := db.Setting(key)
	if err != nil || v == "" {
		return nil, err
	}
	return strings.Split(v, ","), nil
}

package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"keel/backend"
	"keel/backend/workspace"
)

// refreshMu keeps two goroutines of one process from linking at once (the
// workspace allows one process).
var refreshMu sync.Mutex

// Ensure links the accounts again if anything they depend on changed since
// they were linked: an import or an undo (the identities it changed), a
// rule of the founder's, include_test or the public mail domains; and sums
// the identities again from every row first when the time zone or the core
// events changed. It is cheap when nothing did.
func Ensure(ctx context.Context, db *workspace.DB) error {
	return refresh(ctx, db, false)
}

// Version says which linking of the accounts is current (after Ensure):
// it changes with every import, undo, merge, split or setting they depend
// on, so a caller can keep what it derived from them.
func Version(ctx context.Context, db *workspace.DB) (string, error) {
	if err := Ensure(ctx, db); err != nil {
		return "", err
	}
	fp, _, linked, err := db.LinkedState(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s gen=%d", fp, linked), nil
}

// Refresh links the accounts again now.
func Refresh(ctx context.Context, db *workspace.DB) error {
	return refresh(ctx, db, true)
}

func refresh(ctx context.Context, db *workspace.DB, force bool) error {
	refreshMu.Lock()
	defer refreshMu.Unlock()
	stale, err := db.LinksStale(ctx)
	if err != nil {
		return err
	}
	if stale {
		if err := db.RebuildLinks(ctx); err != nil {
			return cancelled(err)
		}
	}
	p, err := readParams(db)
	if err != nil {
		return err
	}
	rules, err := db.AccountRules(ctx)
	if err != nil {
		return err
	}
	gen, err := db.LinkGen(ctx)
	if err != nil {
		return err
	}
	fp := p.fingerprint(rules)
	have, _, linked, err := db.LinkedState(ctx)
	if err != nil {
		return err
	}
	if !force && have == fp && linked == gen {
		return nil
	}
	p.all = force
	return inTx(ctx, db, func(tx *workspace.LinkTx) error { return relink(ctx, tx, p, fp, nil) })
}

// params are the settings the links depend on.
type params struct {
	db          *workspace.DB
	includeTest bool
	public      *PublicDomains
	publicText  string
	all         bool // link every identity, not only the part that changed
}

func readParams(db *workspace.DB) (params, error) {
	p := params{db: db}
	inc, err := db.Setting(workspace.SettingIncludeTest)
	if err != nil {
		return p, err
	}
	p.includeTest = inc == "true"
	if p.publicText, err = db.Setting(workspace.SettingPublicDomains); err != nil {
		return p, err
	}
	p.public = publicFrom(p.publicText)
	return p, nil
}

// fingerprint is what the links depend on besides the identities.
func (p params) fingerprint(rules []workspace.AccountRule) string {
	var seqs []string
	for _, r := range rules {
		seqs = append(seqs, fmt.Sprint(r.Seq))
	}
	return fmt.Sprintf("v2 rules=%s test=%v public=%q", strings.Join(seqs, ","), p.includeTest, p.publicText)
}

func inTx(ctx context.Context, db *workspace.DB, f func(tx *workspace.LinkTx) error) error {
	return cancelled(db.InLinkTx(ctx, f))
}

func cancelled(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return backend.Errorf(backend.Conflict, "Linking the accounts was cancelled.")
	}
	return err
}

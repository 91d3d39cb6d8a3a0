package accounts

import (
	"context"
	"sort"
	"strings"
	"time"

	"keel/backend/workspace"
)

// Links maps requester addresses to accounts, to link tickets.
type Links struct {
	byEmail map[string]string
}

// LoadLinks reads the links (recomputing them first if stale).
func LoadLinks(ctx context.Context, db *workspace.DB) (*Links, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT key, account FROM account_keys WHERE live = 1 AND key >= 'email:' AND key < 'email;'`)
	if err != nil {
		return nil, readErr("account keys", err)
	}
	defer rows.Close()
	l := &Links{byEmail: map[string]string{}}
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			return nil, readErr("account keys", err)
		}
		l.byEmail[k[len(emailPrefix):]] = a
	}
	return l, rows.Err()
}

// Ticket is the account of a ticket's requester address, "" when unlinked.
func (l *Links) Ticket(requesterEmail string) string {
	return l.byEmail[NormalizeEmail(requesterEmail)]
}

// Matching lists the accounts an address or an @domain the founder typed
// stands for: the address's account, or every account with an address
// at the domain.
func (l *Links) Matching(emailOrDomain string) []string {
	key, ok := keyFor(emailOrDomain)
	if !ok {
		return nil
	}
	if strings.HasPrefix(key, emailPrefix) {
		if a := l.byEmail[key[len(emailPrefix):]]; a != "" {
			return []string{a}
		}
		return nil
	}
	d, seen := key[len(domainPrefix):], map[string]bool{}
	var out []string
	for e, a := range l.byEmail {
		if EmailDomain(e) == d && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// UnlinkedSummary counts what no account claims.
type UnlinkedSummary struct {
	Tickets             int64 `json:"tickets"`               // tickets without an account
	TicketsWithoutEmail int64 `json:"tickets_without_email"` // of which have no requester address
	Requesters          int64 `json:"requesters"`            // addresses behind the others
	Events              int64 `json:"events"`                // events of analytics users without an account
	Users               int64 `json:"users"`                 // those analytics users (distinct ids)
	AnonymousUsers      int64 `json:"anonymous_users"`       // of which never carried an address
}

// UnlinkedRequester is one address whose tickets have no account.
type UnlinkedRequester struct {
	Email   string    `json:"email"` // "" for tickets without an address
	Domain  string    `json:"domain"`
	Tickets int64     `json:"tickets"`
	Last    time.Time `json:"last"`
}

// UnlinkedUser is one analytics user without an account.
type UnlinkedUser struct {
	DistinctID string    `json:"distinct_id"`
	Email      string    `json:"email"`
	Events     int64     `json:"events"`
	First      time.Time `json:"first"`
	Last       time.Time `json:"last"`
}

// Unlinked counts the tickets and events that no account claims.
func Unlinked(ctx context.Context, db *workspace.DB) (*UnlinkedSummary, error) {
	reqs, err := unlinkedRequesters(ctx, db)
	if err != nil {
		return nil, err
	}
	s := &UnlinkedSummary{}
	for _, r := range reqs {
		s.Tickets += r.Tickets
		if r.Email == "" {
			s.TicketsWithoutEmail += r.Tickets
		} else {
			s.Requesters++
		}
	}
	err = db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(events), 0), COALESCE(SUM(email = ''), 0) FROM analytics_users u
		WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.key = 'email:' || u.email AND k.live = 1)`).
		Scan(&s.Users, &s.Events, &s.AnonymousUsers)
	if err != nil {
		return nil, readErr("analytics users", err)
	}
	return s, nil
}

// UnlinkedRequesters lists the addresses whose tickets have no account,
// most tickets first.
func UnlinkedRequesters(ctx context.Context, db *workspace.DB, limit, offset int) ([]UnlinkedRequester, error) {
	reqs, err := unlinkedRequesters(ctx, db)
	if err != nil {
		return nil, err
	}
	return window(reqs, limit, offset), nil
}

func unlinkedRequesters(ctx context.Context, db *workspace.DB) ([]UnlinkedRequester, error) {
	links, err := LoadLinks(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT requester_email, COUNT(*), MAX(created) FROM tickets GROUP BY requester_email`)
	if err != nil {
		return nil, readErr("tickets", err)
	}
	defer rows.Close()
	by := map[string]*UnlinkedRequester{}
	for rows.Next() {
		var email string
		var n, last int64
		if err := rows.Scan(&email, &n, &last); err != nil {
			return nil, readErr("tickets", err)
		}
		e := NormalizeEmail(email)
		if e != "" && links.byEmail[e] != "" {
			continue
		}
		r := by[e]
		if r == nil {
			r = &UnlinkedRequester{Email: e, Domain: EmailDomain(e)}
			by[e] = r
		}
		r.Tickets += n
		if lt := time.Unix(last, 0).UTC(); lt.After(r.Last) {
			r.Last = lt
		}
	}
	if err := rows.Err(); err != nil {
		return nil, readErr("tickets", err)
	}
	out := make([]UnlinkedRequester, 0, len(by))
	for _, r := range by {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Tickets > out[j].Tickets || out[i].Tickets == out[j].Tickets && out[i].Email < out[j].Email
	})
	return out, nil
}

// UnlinkedUsers lists the analytics users without an account, most events
// first.
func UnlinkedUsers(ctx context.Context, db *workspace.DB, limit, offset int) ([]UnlinkedUser, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT distinct_id, email, events, first, last FROM analytics_users u
		WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.key = 'email:' || u.email AND k.live = 1)
		ORDER BY events DESC, distinct_id LIMIT ? OFFSET ?`, limit, max(offset, 0))
	if err != nil {
		return nil, readErr("analytics users", err)
	}
	defer rows.Close()
	var out []UnlinkedUser
	for rows.Next() {
		var u UnlinkedUser
		var first, last int64
		if err := rows.Scan(&u.DistinctID, &u.Email, &u.Events, &first, &last); err != nil {
			return nil, readErr("analytics users", err)
		}
		u.First, u.Last = time.Unix(first, 0).UTC(), time.Unix(last, 0).UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

func window[T any](xs []T, limit, offset int) []T {
	if offset > 0 {
		xs = xs[min(offset, len(xs)):]
	}
	if limit > 0 && len(xs) > limit {
		xs = xs[:limit]
	}
	return xs
}

package workspace

import (
	"context"
	"database/sql"
)

// Read queries over the tickets table.

// TicketRow is a ticket as the support figures and the report read it.
type TicketRow struct {
	ID             string `json:"id"`
	RequesterEmail string `json:"requester_email"`
	Organization   string `json:"organization"`
	Subject        string `json:"subject"`
	Status         string `json:"status"`
	Priority       string `json:"priority"`
	Channel        string `json:"channel"`
	Assignee       string `json:"assignee"`
	Tags           string `json:"tags"` // space-separated
	Created        int64  `json:"created"`
	Solved         *int64 `json:"solved"`
	// FirstReplyMinutes and ResolutionMinutes are the export's calendar
	// minutes, when it has them.
	FirstReplyMinutes *int64 `json:"first_reply_minutes"`
	ResolutionMinutes *int64 `json:"resolution_minutes"`
	Satisfaction      string `json:"satisfaction"` // good | bad | "" (not rated)
}

// HasTickets reports whether any ticket is imported.
func (db *DB) HasTickets() (bool, error) { return db.hasRows("tickets") }

// EachTicket calls fn with every ticket, in no particular order, with the
// columns the support figures need (not the subject, requester's
// organization, status, priority or assignee).
func (db *DB) EachTicket(ctx context.Context, fn func(TicketRow) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT requester_email, created, solved, first_reply_minutes, resolution_minutes,
		satisfaction, tags, channel FROM tickets`)
	if err != nil {
		return internal("read tickets", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t TicketRow
		var solved, reply, res sql.NullInt64
		if err := rows.Scan(&t.RequesterEmail, &t.Created, &solved, &reply, &res, &t.Satisfaction, &t.Tags, &t.Channel); err != nil {
			return internal("read tickets", err)
		}
		t.Solved, t.FirstReplyMinutes, t.ResolutionMinutes = intp(solved), intp(reply), intp(res)
		if err := fn(t); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return internal("read tickets", err)
	}
	return nil
}

// TicketsCreated lists the tickets created in [from, to) (unix seconds),
// oldest first, every column the report shows.
func (db *DB) TicketsCreated(from, to int64) ([]TicketRow, error) {
	rows, err := db.sql.Query(`SELECT id, created, subject, requester_email, organization, status, priority, channel, assignee,
		first_reply_minutes, resolution_minutes, satisfaction, tags, solved FROM tickets
		WHERE created >= ? AND created < ? ORDER BY created, id`, from, to)
	if err != nil {
		return nil, internal("read tickets", err)
	}
	defer rows.Close()
	var out []TicketRow
	for rows.Next() {
		var t TicketRow
		var solved, reply, res sql.NullInt64
		if err := rows.Scan(&t.ID, &t.Created, &t.Subject, &t.RequesterEmail, &t.Organization, &t.Status, &t.Priority, &t.Channel,
			&t.Assignee, &reply, &res, &t.Satisfaction, &t.Tags, &solved); err != nil {
			return nil, internal("read tickets", err)
		}
		t.Solved, t.FirstReplyMinutes, t.ResolutionMinutes = intp(solved), intp(reply), intp(res)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read tickets", err)
	}
	return out, nil
}

// FirstTicket is when the oldest ticket was created (unix seconds), and
// false without tickets.
func (db *DB) FirstTicket() (int64, bool, error) {
	var first sql.NullInt64
	if err := db.sql.QueryRow("SELECT MIN(created) FROM tickets").Scan(&first); err != nil {
		return 0, false, internal("read tickets", err)
	}
	return first.Int64, first.Valid, nil
}

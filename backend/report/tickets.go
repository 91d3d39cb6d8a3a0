package report

import (
	"database/sql"
	"time"

	"keel/backend"
	"keel/backend/review"
)

// Tickets: every ticket created in the review month, streamed. Subjects,
// requesters and organizations come from the helpdesk export and are
// written as text only.

// SheetTickets lists the review month's tickets.
const SheetTickets = "Tickets"

var ticketWidths = []float64{12, 17, 52, 30, 22, 11, 10, 10, 16, 12, 12, 12, 24}

const ticketsHeader = 4

func (b *book) tickets() error {
	sh := SheetTickets
	m, err := review.ParseMonth(b.r.Month, b.db.Location())
	if err != nil {
		return err
	}
	var n int
	if err := b.db.SQL().QueryRow(`SELECT COUNT(*) FROM tickets WHERE created >= ? AND created < ?`, m.Unix(), m.AddDate(0, 1, 0).Unix()).Scan(&n); err != nil {
		return backend.Errorf(backend.Internal, "count tickets: %v", err)
	}
	if n > 0 {
		if err := b.f.AutoFilter(sh, "A4:M"+itoa(ticketsHeader+n), nil); err != nil {
			return err
		}
	}
	if err := b.print(sh, ticketsHeader); err != nil { // after the filter: both live in sheetPr
		return err
	}
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	if err := streamWidths(sw, ticketWidths); err != nil {
		return err
	}
	if err := sw.SetPanes(freezePanes(ticketsHeader, 0)); err != nil {
		return err
	}
	g := stream{sw}
	if err := g.row(1, txt("Tickets created in "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	if err := g.row(2, txt("As imported from the helpdesk, read when the report was written. Times in "+b.r.Rules.TimeZone+"; reply and resolution in calendar minutes.", b.st.subtitle)); err != nil {
		return err
	}
	heads := []string{"Ticket", "Created", "Subject", "Requester", "Organization", "Status", "Priority", "Channel", "Assignee",
		"First reply (min)", "Resolution (min)", "Satisfaction", "Tags"}
	var head []c
	for i, h := range heads {
		st := b.st.header
		if i >= 9 && i <= 10 {
			st = b.st.headerRight
		}
		head = append(head, txt(h, st))
	}
	if err := g.rowHeight(ticketsHeader, 32, head...); err != nil {
		return err
	}
	loc := b.db.Location() // before the query: the workspace has one connection
	rows, err := b.db.SQL().Query(`SELECT id, created, subject, requester_email, organization, status, priority, channel, assignee,
		first_reply_minutes, resolution_minutes, satisfaction, tags FROM tickets WHERE created >= ? AND created < ? ORDER BY created, id`,
		m.Unix(), m.AddDate(0, 1, 0).Unix())
	if err != nil {
		return backend.Errorf(backend.Internal, "read tickets: %v", err)
	}
	defer rows.Close()
	row := ticketsHeader + 1
	for rows.Next() {
		var id, subject, requester, org, status, priority, channel, assignee, sat, tags string
		var created int64
		var reply, res sql.NullInt64
		if err := rows.Scan(&id, &created, &subject, &requester, &org, &status, &priority, &channel, &assignee, &reply, &res, &sat, &tags); err != nil {
			return backend.Errorf(backend.Internal, "read tickets: %v", err)
		}
		if err := g.row(row, txt(id, b.st.text), c{wall(time.Unix(created, 0), loc), b.st.datetime}, txt(b.anon.text(subject), b.st.text),
			txt(b.anon.email(requester), b.st.text), txt(b.anon.org(org), b.st.text), txt(status, b.st.text), txt(priority, b.st.text),
			txt(channel, b.st.text), txt(b.anon.agent(assignee), b.st.text), b.minutes(reply), b.minutes(res), txt(sat, b.st.text),
			txt(tags, b.st.text)); err != nil {
			return err
		}
		row++
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read tickets: %v", err)
	}
	if n == 0 {
		if err := g.row(row, txt("No tickets created in "+b.r.Title+".", b.st.muted)); err != nil {
			return err
		}
	}
	if err := sw.MergeCell("A2", "M2"); err != nil {
		return err
	}
	return sw.Flush()
}

func (b *book) minutes(v sql.NullInt64) c {
	if !v.Valid {
		return c{"—", b.st.dash}
	}
	return c{v.Int64, b.st.count}
}

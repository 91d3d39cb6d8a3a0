package report

import (
	"fmt"
	"time"

	"keel/backend/figures"

	"keel/backend/workspace"
)

// Tickets: every ticket created in the review month, streamed, from the
// review's figures (a frozen review's tickets are the ones of the freeze).
// Subjects, requesters and organizations come from the helpdesk export and
// are written as text only.

// SheetTickets lists the review month's tickets.
const SheetTickets = "Tickets"

var ticketWidths = []float64{12, 17, 52, 30, 22, 11, 10, 10, 16, 12, 12, 14, 24}

const ticketsHeader = 4

// printedTickets: printed, the sheet is its first page — the header and
// this many tickets; the rest are read on screen (a line says so).
const printedTickets = 45

func (b *book) tickets() error {
	sh := SheetTickets
	var tickets []workspace.TicketRow
	if b.s.Tables != nil {
		tickets = b.s.Tables.Tickets
	}
	n := len(tickets)
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
	as := "read when the report was written"
	if b.r.FrozenAt != nil {
		as = "as they were when the review was frozen"
	}
	if err := g.row(2, txt("As imported from the helpdesk, "+as+". Times in "+b.r.Rules.TimeZone+"; reply and resolution in calendar time.", b.st.subtitle)); err != nil {
		return err
	}
	if n > printedTickets {
		if err := g.row(3, txt(fmt.Sprintf("Printed: the first %d of the %d tickets (by time created); all of them follow on screen.",
			printedTickets, n), b.st.muted)); err != nil {
			return err
		}
	}
	heads := []string{"Ticket", "Created", "Subject", "Requester", "Organization", "Status", "Priority", "Channel", "Assignee",
		"First reply", "Resolution", "Satisfaction", "Tags"}
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
	loc := b.db.Location()
	row := ticketsHeader + 1
	for _, t := range tickets {
		if err := g.row(row, txt(t.ID, b.st.text), c{wall(time.Unix(t.Created, 0), loc), b.st.datetime}, txt(b.anon.text(t.Subject), b.st.text),
			txt(b.anon.email(t.RequesterEmail), b.st.text), txt(b.anon.org(t.Organization), b.st.text), txt(t.Status, b.st.text), txt(t.Priority, b.st.text),
			txt(t.Channel, b.st.text), txt(b.anon.agent(t.Assignee), b.st.text), b.minutes(t.FirstReplyMinutes), b.minutes(t.ResolutionMinutes),
			txt(t.Satisfaction, b.st.text), txt(b.anon.tags(t.Tags), b.st.text)); err != nil {
			return err
		}
		row++
	}
	switch {
	case b.s.Tables == nil:
		if err := g.row(row, txt(noTables, b.st.muted)); err != nil {
			return err
		}
	case b.s.Has&figures.Tickets == 0:
		if err := g.row(row, txt("No helpdesk data: "+figures.NeedHelpdesk.Text, b.st.warning)); err != nil {
			return err
		}
	case n == 0:
		if err := g.row(row, txt("No tickets created in "+b.r.Title+".", b.st.muted)); err != nil {
			return err
		}
	}
	if b.s.Tables == nil || n == 0 { // the sentence spans the table, not the narrow first column
		if err := sw.MergeCell(cell(1, row), cell(13, row)); err != nil {
			return err
		}
	}
	if err := sw.MergeCell("A2", "M2"); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if n <= printedTickets {
		return nil
	}
	return b.printArea(sh, "M", ticketsHeader+printedTickets)
}

func (b *book) minutes(v *int64) c {
	if v == nil {
		return c{"—", b.st.dash}
	}
	return b.duration(float64(*v))
}

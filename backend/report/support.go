package report

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/review"
)

// Support: the monthly support numbers, and how the review month's
// tickets split by channel, priority, tag and assignee. The tickets
// themselves are on the Tickets sheet.

var supportCols = []struct{ head, key string }{
	{"Tickets", "support.tickets"}, {"Solved", "support.solved"},
	{"First reply, median", "support.first_reply_minutes_p50"}, {"First reply, p90", "support.first_reply_minutes_p90"},
	{"Resolution, median", "support.resolution_minutes_p50"}, {"Resolution, p90", "support.resolution_minutes_p90"},
	{"Satisfaction", "support.satisfaction"}, {"Active accounts", "support.active_accounts"},
	{"Tickets per active account", "support.tickets_per_active_account"}, {"Paying customers", "revenue.customers"},
}

const supportHeader = 4

func (b *book) support() error {
	sh := SheetSupport
	widths := []float64{12}
	for range supportCols {
		widths = append(widths, 15)
	}
	widths = append(widths, 15)
	if err := b.setup(sh, widths, supportHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Support load — the 12 months to "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	note := "Reply and resolution times are calendar minutes (nearest-rank median and 90th percentile). " +
		"Tickets per paying customer divides by customers with MRR; tickets per active account also counts accounts active in the product."
	if err := g.row(2, txt(note, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, len(widths), note, 12+15*float64(len(widths)-1)); err != nil {
		return err
	}
	head := []c{txt("Month", b.st.header)}
	for _, col := range supportCols {
		head = append(head, txt(col.head, b.st.headerRight))
	}
	head = append(head, txt("Tickets per paying customer", b.st.headerRight))
	if err := g.row(supportHeader, head...); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, supportHeader, 46); err != nil {
		return err
	}
	for m := 0; m < b.fig.Len(); m++ {
		cells := []c{b.monthCell(b.fig.Months[m])}
		for _, col := range supportCols {
			cells = append(cells, b.num(b.fig.Value(col.key, m), review.FieldOf(col.key).Unit))
		}
		var per *float64
		if t, cu := b.fig.Value("support.tickets", m), b.fig.Value("revenue.customers", m); t != nil && cu != nil && *cu > 0 {
			x := *t / *cu
			per = &x
		}
		cells = append(cells, b.num(per, review.Multiple))
		if err := g.row(supportHeader+1+m, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(supportHeader, 1)); err != nil {
		return err
	}
	row := supportHeader + b.fig.Len() + 2
	if b.fig.Last("support.tickets") == nil {
		return g.row(row, txt("No helpdesk data: "+review.FieldOf("support.tickets").Missing, b.st.warning))
	}
	m, err := review.ParseMonth(b.r.Month, b.db.Location())
	if err != nil {
		return err
	}
	for _, split := range []struct {
		title, col string
		person     bool
	}{
		{"By channel", "channel", false}, {"By priority", "priority", false}, {"By assignee", "assignee", true},
	} {
		if row, err = b.ticketSplit(g, row, m, split.title, split.col, split.person); err != nil {
			return err
		}
	}
	return nil
}

// ticketSplit counts the review month's tickets by one column.
func (b *book) ticketSplit(g plain, row int, m time.Time, title, col string, person bool) (int, error) {
	q := fmt.Sprintf(`SELECT %s, COUNT(*) AS n FROM tickets WHERE created >= ? AND created < ? GROUP BY 1 ORDER BY n DESC, 1 LIMIT 15`, col)
	rows, err := b.db.SQL().Query(q, m.Unix(), m.AddDate(0, 1, 0).Unix())
	if err != nil {
		return row, backend.Errorf(backend.Internal, "split tickets by %s: %v", col, err)
	}
	type kv struct {
		k string
		n int64
	}
	var got []kv
	var total int64
	for rows.Next() {
		var k sql.NullString
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return row, err
		}
		got = append(got, kv{k.String, n})
		total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return row, err
	}
	if err := g.row(row, txt(title+", "+b.r.Title, b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := g.row(row, txt(strings.ToUpper(title[3:4])+title[4:], b.st.header), txt("", b.st.header), txt("Tickets", b.st.headerRight), txt("Share", b.st.headerRight)); err != nil {
		return row, err
	}
	row++
	for _, x := range got {
		name := x.k
		if person {
			name = b.anon.agent(name)
		}
		if name == "" {
			name = "(none)"
		}
		if err := g.row(row, txt(name, b.st.text), c{}, c{x.n, b.st.count}, c{float64(x.n) / float64(total), b.st.pct}); err != nil {
			return row, err
		}
		if err := b.f.MergeCell(g.sheet, cell(1, row), cell(2, row)); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

package report

import (
	"keel/backend"
	"keel/backend/review"
)

// Users: signups, activation and active accounts from the metrics, and
// what the analytics events show directly: people seen and events per
// month, and the review month's most frequent events.

const usersHeader = 4

var usersCols = []struct{ head, key string }{
	{"Signups", "product.signups"}, {"Activation", "product.activation_rate"}, {"Active accounts", "support.active_accounts"},
	{"Paying customers", "revenue.customers"}, {"Logo churn", "revenue.logo_churn_rate"},
}

func (b *book) users() error {
	sh := SheetUsers
	if err := b.setup(sh, []float64{28, 14, 14, 14, 14, 14, 16, 14}, usersHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Users — the 12 months to "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	var steps review.Step
	for _, st := range b.r.Steps {
		if st.ID == review.StepUsers {
			steps = st
		}
	}
	if err := g.row(2, txt(steps.Reading, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, 8, steps.Reading, 128); err != nil {
		return err
	}
	head := []c{txt("Month", b.st.header)}
	for _, col := range usersCols {
		head = append(head, txt(col.head, b.st.headerRight))
	}
	head = append(head, txt("People seen (events)", b.st.headerRight), txt("Events", b.st.headerRight))
	if err := g.row(usersHeader, head...); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, usersHeader, 32); err != nil {
		return err
	}
	loc := b.db.Location()
	hasEvents := false
	for m, month := range b.fig.Months {
		cells := []c{b.monthCell(month)}
		for _, col := range usersCols {
			cells = append(cells, b.num(b.fig.Value(col.key, m), review.FieldOf(col.key).Unit))
		}
		start, err := review.ParseMonth(month, loc)
		if err != nil {
			return err
		}
		var people, events int64
		if err := b.db.SQL().QueryRow(`SELECT COUNT(DISTINCT distinct_id), COUNT(*) FROM events WHERE time >= ? AND time < ?`,
			start.Unix(), start.AddDate(0, 1, 0).Unix()).Scan(&people, &events); err != nil {
			return backend.Errorf(backend.Internal, "count events: %v", err)
		}
		hasEvents = hasEvents || events > 0
		cells = append(cells, c{people, b.st.count}, c{events, b.st.count})
		if err := g.row(usersHeader+1+m, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(usersHeader, 1)); err != nil {
		return err
	}
	row := usersHeader + b.fig.Len() + 2
	notes := append([]string(nil), steps.NotTracked...)
	if b.fig.Last("product.activation_rate") == nil {
		notes = append(notes, "Activation: "+review.FieldOf("product.activation_rate").Missing)
	}
	for _, s := range notes {
		if err := g.row(row, txt(s, b.st.muted)); err != nil {
			return err
		}
		if err := b.tall(sh, row, 1, 8, s, 128); err != nil {
			return err
		}
		row++
	}
	row++
	if !hasEvents {
		return g.row(row, txt("No analytics events imported: import a PostHog events export to see people and events.", b.st.warning))
	}
	return b.topEvents(g, row)
}

func (b *book) topEvents(g plain, row int) error {
	m, err := review.ParseMonth(b.r.Month, b.db.Location())
	if err != nil {
		return err
	}
	rows, err := b.db.SQL().Query(`SELECT name, COUNT(*) AS n, COUNT(DISTINCT distinct_id) FROM events
		WHERE time >= ? AND time < ? GROUP BY name ORDER BY n DESC, name LIMIT 20`, m.Unix(), m.AddDate(0, 1, 0).Unix())
	if err != nil {
		return backend.Errorf(backend.Internal, "read events: %v", err)
	}
	defer rows.Close()
	if err := g.row(row, txt("Most frequent events in "+b.r.Title, b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Event", b.st.header), txt("Events", b.st.headerRight), txt("People", b.st.headerRight)); err != nil {
		return err
	}
	row++
	for rows.Next() {
		var name string
		var n, people int64
		if err := rows.Scan(&name, &n, &people); err != nil {
			return backend.Errorf(backend.Internal, "read events: %v", err)
		}
		if err := g.row(row, txt(name, b.st.text), c{n, b.st.count}, c{people, b.st.count}); err != nil {
			return err
		}
		row++
	}
	return rows.Err()
}

package metrics

import (
	"database/sql"
	"sort"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// fillSupport sets the ticket counts, reply and resolution percentiles and
// satisfaction. Account-based fields wait for the accounts capability.
func fillSupport(db *workspace.DB, rep *Report, first time.Time, loc *time.Location) error {
	var n int64
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM tickets").Scan(&n); err != nil {
		return backend.Errorf(backend.Internal, "count tickets: %v", err)
	}
	if n == 0 {
		return nil
	}
	months := len(rep.Months)
	type acc struct {
		tickets, solved, good, bad int64
		reply, resolution          []int64
	}
	accs := make([]acc, months)
	rows, err := db.SQL().Query(`SELECT created, solved, first_reply_minutes, resolution_minutes, satisfaction FROM tickets`)
	if err != nil {
		return backend.Errorf(backend.Internal, "read tickets: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var created int64
		var solved, reply, res sql.NullInt64
		var sat string
		if err := rows.Scan(&created, &solved, &reply, &res, &sat); err != nil {
			return backend.Errorf(backend.Internal, "read tickets: %v", err)
		}
		if i := monthIndex(created, first, months, loc); i >= 0 {
			a := &accs[i]
			a.tickets++
			if reply.Valid {
				a.reply = append(a.reply, reply.Int64)
			}
			switch sat {
			case "good":
				a.good++
			case "bad":
				a.bad++
			}
		}
		if solved.Valid {
			if i := monthIndex(solved.Int64, first, months, loc); i >= 0 {
				a := &accs[i]
				a.solved++
				r := res
				if !r.Valid {
					r = sql.NullInt64{Int64: (solved.Int64 - created) / 60, Valid: true}
				}
				a.resolution = append(a.resolution, r.Int64)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i, a := range accs {
		s := &rep.Months[i].Support
		s.Tickets, s.Solved = i64(a.tickets), i64(a.solved)
		s.FirstReplyMinutesP50, s.FirstReplyMinutesP90 = Percentile(a.reply, 50), Percentile(a.reply, 90)
		s.ResolutionMinutesP50, s.ResolutionMinutesP90 = Percentile(a.resolution, 50), Percentile(a.resolution, 90)
		if a.good+a.bad > 0 {
			s.Satisfaction = f64(float64(a.good) / float64(a.good+a.bad))
		}
	}
	return nil
}

// Percentile is the nearest-rank p-th percentile: the value at rank
// ⌈p/100·n⌉ of the ascending values; nil for no values. It sorts xs.
func Percentile(xs []int64, p int) *int64 {
	if len(xs) == 0 {
		return nil
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	rank := (p*len(xs) + 99) / 100
	if rank < 1 {
		rank = 1
	}
	v := xs[rank-1]
	return &v
}

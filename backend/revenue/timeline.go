package revenue

import (
	"sort"

	"keel/backend/money"
)

// step is one change of a subscription's native MRR, in unix seconds.
type step struct {
	from  int64
	mrr   int64
	why   string
	inv   int64 // rowid of the invoice that set it, 0 for none
	count int   // invoices billed during the step
}

// timeline is a subscription's MRR over time; steps are sorted by from and
// the MRR before the first step is 0.
type timeline struct {
	id, customer, email, plan, currency, status string
	interval                                    string
	count                                       int64
	source                                      Source
	steps                                       []step
}

// window is what bounds a subscription's MRR besides its own amounts.
type window struct {
	end                  int64 // MRR is 0 from end on; noEnd when open
	trialFrom, trialTill int64 // MRR is 0 in [trialFrom, trialTill); equal when no trial
}

const noEnd = int64(1<<63 - 1)

// shape turns raw steps (sorted by from) into the timeline's steps: the
// MRR is 0 inside the trial and from the end on, and equal neighbours merge
// so that each step is a real change, keeping the invoice that set it and
// counting the invoices that only renewed it.
func shape(raw []step, w window) []step {
	if len(raw) == 0 {
		return nil
	}
	points := make([]int64, 0, len(raw)+3)
	for _, s := range raw {
		points = append(points, s.from)
	}
	if w.trialTill > w.trialFrom {
		points = append(points, w.trialFrom, w.trialTill)
	}
	if w.end != noEnd {
		points = append(points, w.end)
	}
	sort.Slice(points, func(i, j int) bool { return points[i] < points[j] })
	var out []step
	r := -1 // the last raw step at or before the point
	for k, p := range points {
		if k > 0 && points[k-1] == p {
			continue
		}
		billed := 0
		for r+1 < len(raw) && raw[r+1].from <= p {
			r++
			if raw[r].from == p && raw[r].inv != 0 {
				billed += max(raw[r].count, 1) // a run of invoices of the same amount
			}
		}
		var s step
		switch {
		case p >= w.end:
			s = step{from: p, why: "end"}
		case p >= w.trialFrom && p < w.trialTill:
			s = step{from: p, why: "trial", count: billed}
		case r < 0:
			continue // before the subscription starts
		default:
			s = raw[r]
			s.from, s.count = p, billed
			if billed == 0 {
				s.inv = 0 // a trial ended: the amount in force resumes
			}
		}
		if n := len(out); n > 0 && out[n-1].mrr == s.mrr && (s.why != "end" || out[n-1].why == "end") {
			out[n-1].count += s.count
			continue
		}
		out = append(out, s)
	}
	return out
}

// monthly normalises an amount per billing interval to a month (monthly
// ×1, yearly ÷12, every k months ÷k, weekly ×52/12, daily ×365/12), rounded
// half away from zero once.
func monthly(amount int64, interval string, count int64) int64 {
	if count <= 0 {
		count = 1
	}
	switch interval {
	case "year":
		return money.Convert(amount, 0, 1, 12*count, 0)
	case "week":
		return money.Convert(amount, 0, 52, 12*count, 0)
	case "day":
		return money.Convert(amount, 0, 365, 12*count, 0)
	default: // month, and intervals Keel could not read
		return money.Convert(amount, 0, 1, count, 0)
	}
}

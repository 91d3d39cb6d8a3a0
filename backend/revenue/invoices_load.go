package revenue

import (
	"sort"

	"keel/backend/workspace"
)

// invoice is a run of a subscription's invoices with the same amount, in
// time order: its first invoice (rowid, start) set the MRR and count-1 more
// renewed it, the last at lastStart. Only this crosses from SQLite into Go:
// a workspace can hold millions of invoices but few changes of amount.
type invoice struct {
	start, rowid, amount int64 // amount per the discounts rule, native minor units
	count                int64
	lastStart, lastRowid int64
}

// loadInvoices returns the non-draft, non-void invoices of each
// subscription as runs sorted by start (period start, else date). amount is
// Subtotal − Total Discount Amount (net) or Subtotal (list; used only when
// the subscriptions export does not give the plan's amount). splits are
// subscription ids that cut the work into ranges read in parallel.
func loadInvoices(db *workspace.DB, includeTest, list bool, splits []string) (map[string][]invoice, error) {
	maxRowid, err := db.MaxInvoiceRowid()
	if err != nil {
		return nil, err
	}
	if maxRowid >= 1<<workspace.PackShift {
		return loadEachInvoice(db, list, includeTest, nil)
	}
	if maxRowid < parallelFrom {
		splits = nil
	}
	groups, err := db.InvoiceGroups(list, splits)
	if err != nil {
		return nil, err
	}
	out := map[string][]invoice{}
	for _, g := range groups {
		if g.Subscription == "" || g.Status == "draft" || g.Status == "void" || g.Test && !includeTest {
			continue
		}
		k := g.Source + ":" + g.Subscription // qualified by its tool, as subRow.key
		out[k] = append(out[k], invoice{start: g.FirstStart, rowid: g.FirstRow, amount: g.Amount,
			count: g.Count, lastStart: g.LastStart, lastRowid: g.LastRow})
	}
	// Groups of one amount form a run only if no other amount was billed in
	// between; the subscriptions that went back to an earlier amount are
	// read invoice by invoice.
	var again []string
	for sub, groups := range out {
		runs, ok := merge(groups)
		if !ok {
			again = append(again, sub)
		}
		out[sub] = runs
	}
	if len(again) > 0 {
		each, err := loadEachInvoice(db, list, includeTest, again)
		if err != nil {
			return nil, err
		}
		for sub, l := range each {
			out[sub] = l
		}
	}
	return out, nil
}

// merge sorts a subscription's groups by first invoice and joins
// neighbours of the same amount (paid and open invoices group apart). It
// fails when a run of one amount overlaps the next amount's first invoice.
func merge(groups []invoice) ([]invoice, bool) {
	sort.Slice(groups, func(i, j int) bool { return groups[i].start < groups[j].start })
	runs := []invoice{groups[0]}
	for _, g := range groups[1:] {
		r := &runs[len(runs)-1]
		if g.amount == r.amount {
			r.count += g.count
			if g.lastStart > r.lastStart || g.lastStart == r.lastStart && g.lastRowid > r.lastRowid {
				r.lastStart, r.lastRowid = g.lastStart, g.lastRowid
			}
			continue
		}
		if r.lastStart >= g.start {
			return groups, false
		}
		runs = append(runs, g)
	}
	return runs, true
}

// loadEachInvoice reads invoices one by one, each its own run: every
// subscription's, or those of subs.
func loadEachInvoice(db *workspace.DB, list, includeTest bool, subs []string) (map[string][]invoice, error) {
	rows, err := db.CountedInvoices(list, includeTest, subs)
	if err != nil {
		return nil, err
	}
	out := map[string][]invoice{}
	for _, r := range rows {
		in := invoice{rowid: r.Rowid, start: r.Start, amount: r.Amount, count: 1, lastStart: r.Start, lastRowid: r.Rowid}
		out[r.Subscription] = append(out[r.Subscription], in)
	}
	for _, l := range out {
		sort.Slice(l, func(i, j int) bool {
			if l[i].start != l[j].start {
				return l[i].start < l[j].start
			}
			return l[i].rowid < l[j].rowid
		})
	}
	return out, nil
}

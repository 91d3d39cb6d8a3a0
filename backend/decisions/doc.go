// Package decisions keeps the decision log: one entry for every decision
// wherever it was made (the monthly review, a product note on a feedback
// cluster, a release call, typed directly), each with how the founder
// will know whether it was right: a figure of the field catalogue, the
// direction or threshold expected, and a review date.
//
// A decision is made on its date, shipped when linked to a shipped
// release or marked done, and on or after its review date Keel computes
// the figure before and after and proposes validated or invalidated; the
// founder confirms (or abandons it). A release call with no figure is the
// exception (ByRelease): the release's own review judges it, on the watch
// window frozen with the call, so it is never due nor overdue for lack of
// a figure. Throughput counts, per month, the
// decisions that reached each status, the median days from made to
// validated and those overdue (METRICS.md, Decisions).
//
// The figures and the releases come through small interfaces (Figures,
// Releases) that the field catalogue and the releases area fill.
package decisions

// Package costs answers what each plan and each account costs to serve
// and what margin is left (METRICS.md, Costs), and what each plan grants
// (DESIGN.md, Plans & costs).
//
// A cost driver is a usage unit with a unit cost in minor units of the
// base currency (a decimal: 0.12 cents an e-mail). Usage comes from the
// analytics events the founder maps to the driver, from tickets × the
// handling minutes per ticket, or from the minutes of the manual work
// log. An account's cost to serve in a month is Σ usage × unit cost,
// rounded half away from zero once; a plan's is the sum over the accounts
// on it at the end of the month; margin = (MRR − cost) / MRR, null when
// MRR is 0. A power user uses some driver 100× the median of the active
// accounts that use it. Optional monthly cost lines (date, driver,
// amount) calibrate the unit costs.
package costs

// Package manual keeps the log of manual interventions — refunds by
// hand, data fixes, onboarding calls, billing changes, account reviews —
// and counts them per month, per account and per active account
// (METRICS.md, Operations), with the warning that fires when they grow
// faster than the customers ("scaling hidden labor").
//
// Interventions are logged from the window, the command line or a CSV
// import; each names its account the way the founder does (an id, an
// address, a domain or a name), resolved through accounts.Lookup when
// the log is read, so that an imported file links as accounts change.
package manual

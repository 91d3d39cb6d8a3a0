// Package columns reads the CSV exports of the billing importers: it finds
// columns by header name with aliases (Header, Column), checks the required
// ones (CheckRequired), keeps extra columns as attributes (Attrs), and
// reads typed values out of a row (Fields): money in minor units, dates,
// booleans, whole numbers and billing intervals.
//
// It is shared so that every billing source reads a value the same way and
// rejects a bad one with the same reason. Column lookup here folds
// punctuation (see Canon), as the API-shaped headers of Paddle, Lemon
// Squeezy and Chargebee need; Stripe keeps its own lookup and shares the
// rest.
package columns

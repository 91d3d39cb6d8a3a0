// Package money handles amounts as integer minor units (ISO 4217 exponents),
// parsing them from export text and converting between currencies with the
// rounding METRICS.md fixes. Nothing here uses floating point.
package money

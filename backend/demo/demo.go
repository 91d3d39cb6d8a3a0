// Package demo writes the exports of Northwind Analytics, a fictional B2B
// SaaS (plans Starter $29, Growth $99 and Scale $299 a month, yearly at ten
// months' price), so that Keel can be tried without real data.
//
// The files look exactly like what Stripe, Zendesk and PostHog export:
// same headers in the same order, same date, number and boolean formats.
// Everything is drawn from fixed seeds and the company depends on the date
// only, so the same day always gives byte-identical files.
//
// The company has a few scripted customers worth pointing at in a demo:
// one who leaves and comes back months later (win-back), one who signs up
// and leaves inside a month with a full refund, and the one lost dispute.
package demo

import (
	"os"
	"time"

	"keel/backend"
)

// File names, as the tools name their exports.
const (
	fileCustomers     = "stripe_unified_customers.csv"
	fileSubscriptions = "stripe_subscriptions.csv"
	fileInvoices      = "stripe_invoices.csv"
	filePayments      = "stripe_unified_payments.csv"
	fileTickets       = "zendesk_tickets.csv"
	fileEvents        = "posthog_events.csv"
)

// Write generates the demo company's exports for the 24 months ending with
// today's month into dir and returns the file paths in the order they should
// be imported (customers, subscriptions, invoices, payments, tickets,
// events, feature flags). Only today's date counts (as a calendar day where
// today is): the data runs to the start of that day, 00:00 UTC, so a demo
// made in the morning and one made in the evening are the same company.
func Write(dir string, today time.Time) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, backend.Errorf(backend.Internal, "Keel could not create the demo folder %s: %v", dir, err)
	}
	w := newWorld(Day(today))
	w.playIncident() // the rolled-back release's refunds (incident.go)
	w.addPeople()
	var paths []string
	for _, write := range []func(string) (string, error){
		w.writeCustomers, w.writeSubscriptions, w.writeInvoices, w.writePayments,
		w.writeTickets, w.writeEvents, w.writeFlags,
	} {
		p, err := write(dir)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Day is the instant the demo of today's date ends: the start of that
// calendar day (today's year, month and day), 00:00 UTC.
func Day(today time.Time) time.Time {
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

package workspace

import (
	"strings"
	"time"

	"keel/backend"
)

// table maps one kind of canonical record to its SQL table. cols excludes
// the bookkeeping columns key, import_id and hash.
type table struct {
	name   string
	cols   []string
	values func(backend.Record) []any
}

var tables = map[string]*table{
	"payment": {
		name: "payments",
		cols: []string{"source", "id", "created", "amount", "refunded", "currency", "converted", "converted_refunded",
			"converted_currency", "fee", "status", "captured", "refunded_at", "decline_reason", "description",
			"customer_id", "customer_email", "invoice_id", "test", "disputed_amount", "disputed_at", "dispute_status", "attrs"},
		values: func(r backend.Record) []any {
			p := r.(*backend.Payment)
			return []any{p.Source, p.ID, unix(p.Created), p.Amount, p.Refunded, p.Currency, p.Converted, p.ConvertedRefunded,
				p.ConvertedCurrency, p.Fee, p.Status, p.Captured, unixp(p.RefundedAt), p.DeclineReason, p.Description,
				p.CustomerID, p.CustomerEmail, p.InvoiceID, p.Test, p.DisputedAmount, unixp(p.DisputedAt), p.DisputeStatus, attrs(p.Attrs)}
		},
	},
	"customer": {
		name: "customers",
		cols: []string{"source", "id", "email", "name", "description", "created", "currency", "delinquent", "test", "attrs"},
		values: func(r backend.Record) []any {
			c := r.(*backend.Customer)
			return []any{c.Source, c.ID, c.Email, c.Name, c.Description, unixp(c.Created), c.Currency, c.Delinquent, c.Test, attrs(c.Attrs)}
		},
	},
	"subscription": {
		name: "subscriptions",
		cols: []string{"source", "id", "customer_id", "customer_email", "status", "plan", "product", "quantity", "currency",
			"interval", "interval_count", "amount", "created", "start", "current_period_start", "current_period_end",
			"trial_start", "trial_end", "canceled_at", "cancel_at_period_end", "ended_at", "test", "attrs"},
		values: func(r backend.Record) []any {
			s := r.(*backend.Subscription)
			return []any{s.Source, s.ID, s.CustomerID, s.CustomerEmail, s.Status, s.Plan, s.Product, s.Quantity, s.Currency,
				s.Interval, s.IntervalCount, s.Amount, unixp(s.Created), unixp(s.Start), unixp(s.CurrentPeriodStart), unixp(s.CurrentPeriodEnd),
				unixp(s.TrialStart), unixp(s.TrialEnd), unixp(s.CanceledAt), s.CancelAtPeriodEnd, unixp(s.EndedAt), s.Test, attrs(s.Attrs)}
		},
	},
	"invoice": {
		name: "invoices",
		cols: []string{"source", "id", "number", "customer_id", "customer_email", "subscription_id", "status", "currency", "date",
			"period_start", "period_end", "subtotal", "discount", "tax", "total", "amount_due", "amount_paid", "paid", "test", "attrs"},
		values: func(r backend.Record) []any {
			i := r.(*backend.Invoice)
			return []any{i.Source, i.ID, i.Number, i.CustomerID, i.CustomerEmail, i.SubscriptionID, i.Status, i.Currency, unix(i.Date),
				unixp(i.PeriodStart), unixp(i.PeriodEnd), i.Subtotal, i.Discount, i.Tax, i.Total, i.AmountDue, i.AmountPaid, i.Paid, i.Test, attrs(i.Attrs)}
		},
	},
	"ticket": {
		name: "tickets",
		cols: []string{"source", "id", "requester_id", "requester_email", "organization", "subject", "status", "priority", "channel",
			"type", "grp", "assignee", "tags", "created", "solved", "first_reply_minutes", "first_reply_biz_minutes",
			"resolution_minutes", "resolution_biz_minutes", "satisfaction", "attrs"},
		values: func(r backend.Record) []any {
			t := r.(*backend.Ticket)
			return []any{t.Source, t.ID, t.RequesterID, t.RequesterEmail, t.Organization, t.Subject, t.Status, t.Priority, t.Channel,
				t.Type, t.Group, t.Assignee, strings.Join(t.Tags, " "), unix(t.Created), unixp(t.Solved), t.FirstReplyMinutes, t.FirstReplyBizMinutes,
				t.ResolutionMinutes, t.ResolutionBizMinutes, t.Satisfaction, attrs(t.Attrs)}
		},
	},
	"event": {
		name: "events",
		cols: []string{"source", "id", "name", "distinct_id", "email", "time", "attrs"},
		values: func(r backend.Record) []any {
			e := r.(*backend.Event)
			return []any{e.Source, e.ID, e.Name, e.DistinctID, e.Email, unix(e.Time), attrs(e.Attrs)}
		},
	},
	"traffic": {
		name: "traffic",
		cols: []string{"source", "site", "report", "segment", "period_start", "period_end", "dimension", "item", "metric", "value", "attrs"},
		values: func(r backend.Record) []any {
			t := r.(*backend.Traffic)
			return []any{t.Source, t.Site, t.Report, t.Segment, unixp(t.Start), unixp(t.End), t.Dimension, t.Item, t.Metric, t.Value, attrs(t.Attrs)}
		},
	},
	"balance": {
		name: "balance",
		cols: []string{"source", "id", "type", "source_id", "amount", "fee", "net", "currency", "created", "available_on", "description",
			"customer_facing_amount", "customer_facing_currency", "destination_platform_fee", "destination_platform_fee_currency",
			"transfer", "transfer_date", "transfer_group", "test", "attrs"},
		values: func(r backend.Record) []any {
			b := r.(*backend.BalanceTxn)
			return []any{b.Source, b.ID, b.Type, b.SourceID, b.Amount, b.Fee, b.Net, b.Currency, unix(b.Created), unixp(b.AvailableOn), b.Description,
				b.CustomerFacingAmount, b.CustomerFacingCurrency, b.DestinationPlatformFee, b.DestinationPlatformFeeCurrency,
				b.Transfer, unixp(b.TransferDate), b.TransferGroup, b.Test, attrs(b.Attrs)}
		},
	},
	"payout": {
		name: "payouts",
		cols: []string{"source", "id", "amount", "currency", "created", "arrival_date", "status", "type", "method", "source_type",
			"destination", "description", "balance_txn", "failure_balance_txn", "failure_code", "failure_message",
			"statement_descriptor", "trace_id", "trace_status", "test", "attrs"},
		values: func(r backend.Record) []any {
			p := r.(*backend.Payout)
			return []any{p.Source, p.ID, p.Amount, p.Currency, unix(p.Created), unixp(p.ArrivalDate), p.Status, p.Type, p.Method, p.SourceType,
				p.Destination, p.Description, p.BalanceTxn, p.FailureBalanceTxn, p.FailureCode, p.FailureMessage,
				p.StatementDescriptor, p.TraceID, p.TraceStatus, p.Test, attrs(p.Attrs)}
		},
	},
}

// tableNames lists the record tables in a fixed order.
var tableNames = []string{"customers", "subscriptions", "invoices", "payments", "tickets", "events", "traffic", "balance", "payouts"}

func unix(t time.Time) int64 { return t.Unix() }

func unixp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

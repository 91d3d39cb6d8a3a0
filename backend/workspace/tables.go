package workspace

import (
	"strings"

	"keel/backend"
)

// table maps one kind of canonical record to its SQL table. cols excludes
// the bookkeeping columns key, import_id and hash.
type table struct {
	name   string
	cols   []string
	values func(backend.Record, *boxer) []any
}

var tables = map[string]*table{
	"payment": {
		name: "payments",
		cols: []string{"source", "id", "created", "amount", "refunded", "currency", "converted", "converted_refunded",
			"converted_currency", "fee", "status", "captured", "refunded_at", "decline_reason", "description",
			"customer_id", "customer_email", "invoice_id", "test", "disputed_amount", "disputed_at", "dispute_status", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			p := r.(*backend.Payment)
			return x.row(x.str(p.Source), x.str(p.ID), x.unix(p.Created), x.int(p.Amount), x.int(p.Refunded), x.str(p.Currency),
				x.opt(p.Converted), x.opt(p.ConvertedRefunded), x.str(p.ConvertedCurrency), x.opt(p.Fee), x.str(p.Status),
				p.Captured, x.optUnix(p.RefundedAt), x.str(p.DeclineReason), x.str(p.Description), x.str(p.CustomerID),
				x.str(p.CustomerEmail), x.str(p.InvoiceID), p.Test, x.opt(p.DisputedAmount), x.optUnix(p.DisputedAt),
				x.str(p.DisputeStatus), x.str(p.Attrs.JSON()))
		},
	},
	"customer": {
		name: "customers",
		cols: []string{"source", "id", "email", "name", "description", "created", "currency", "delinquent", "test", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			c := r.(*backend.Customer)
			return x.row(x.str(c.Source), x.str(c.ID), x.str(c.Email), x.str(c.Name), x.str(c.Description),
				x.optUnix(c.Created), x.str(c.Currency), c.Delinquent, c.Test, x.str(c.Attrs.JSON()))
		},
	},
	"subscription": {
		name: "subscriptions",
		cols: []string{"source", "id", "customer_id", "customer_email", "status", "plan", "product", "quantity", "currency",
			"interval", "interval_count", "amount", "created", "start", "current_period_start", "current_period_end",
			"trial_start", "trial_end", "canceled_at", "cancel_at_period_end", "ended_at", "test", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			s := r.(*backend.Subscription)
			return x.row(x.str(s.Source), x.str(s.ID), x.str(s.CustomerID), x.str(s.CustomerEmail), x.str(s.Status),
				x.str(s.Plan), x.str(s.Product), x.int(s.Quantity), x.str(s.Currency), x.str(s.Interval), x.int(s.IntervalCount),
				x.int(s.Amount), x.optUnix(s.Created), x.optUnix(s.Start), x.optUnix(s.CurrentPeriodStart),
				x.optUnix(s.CurrentPeriodEnd), x.optUnix(s.TrialStart), x.optUnix(s.TrialEnd), x.optUnix(s.CanceledAt),
				s.CancelAtPeriodEnd, x.optUnix(s.EndedAt), s.Test, x.str(s.Attrs.JSON()))
		},
	},
	"invoice": {
		name: "invoices",
		cols: []string{"source", "id", "number", "customer_id", "customer_email", "subscription_id", "status", "currency", "date",
			"period_start", "period_end", "subtotal", "discount", "tax", "total", "amount_due", "amount_paid", "paid", "test", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			i := r.(*backend.Invoice)
			return x.row(x.str(i.Source), x.str(i.ID), x.str(i.Number), x.str(i.CustomerID), x.str(i.CustomerEmail),
				x.str(i.SubscriptionID), x.str(i.Status), x.str(i.Currency), x.unix(i.Date), x.optUnix(i.PeriodStart),
				x.optUnix(i.PeriodEnd), x.int(i.Subtotal), x.int(i.Discount), x.int(i.Tax), x.int(i.Total), x.int(i.AmountDue),
				x.int(i.AmountPaid), i.Paid, i.Test, x.str(i.Attrs.JSON()))
		},
	},
	"ticket": {
		name: "tickets",
		cols: []string{"source", "id", "requester_id", "requester_email", "organization", "subject", "status", "priority", "channel",
			"type", "grp", "assignee", "tags", "created", "solved", "first_reply_minutes", "first_reply_biz_minutes",
			"resolution_minutes", "resolution_biz_minutes", "satisfaction", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			t := r.(*backend.Ticket)
			return x.row(x.str(t.Source), x.str(t.ID), x.str(t.RequesterID), x.str(t.RequesterEmail), x.str(t.Organization),
				x.str(t.Subject), x.str(t.Status), x.str(t.Priority), x.str(t.Channel), x.str(t.Type), x.str(t.Group),
				x.str(t.Assignee), x.str(strings.Join(t.Tags, " ")), x.unix(t.Created), x.optUnix(t.Solved),
				x.opt(t.FirstReplyMinutes), x.opt(t.FirstReplyBizMinutes), x.opt(t.ResolutionMinutes),
				x.opt(t.ResolutionBizMinutes), x.str(t.Satisfaction), x.str(attrsText(t.Attrs, t.AttrsJSON)))
		},
	},
	"event": {
		name: "events",
		cols: []string{"source", "id", "name", "distinct_id", "email", "time", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			e := r.(*backend.Event)
			return x.row(x.str(e.Source), x.str(e.ID), x.str(e.Name), x.str(e.DistinctID), x.str(e.Email), x.unix(e.Time),
				x.str(attrsText(e.Attrs, e.AttrsJSON)))
		},
	},
	"traffic": {
		name: "traffic",
		cols: []string{"source", "site", "report", "segment", "period_start", "period_end", "dimension", "item", "metric", "value", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			t := r.(*backend.Traffic)
			return x.row(x.str(t.Source), x.str(t.Site), x.str(t.Report), x.str(t.Segment), x.optUnix(t.Start),
				x.optUnix(t.End), x.str(t.Dimension), x.str(t.Item), x.str(t.Metric), x.str(t.Value), x.str(t.Attrs.JSON()))
		},
	},
	"balance": {
		name: "balance",
		cols: []string{"source", "id", "type", "source_id", "amount", "fee", "net", "currency", "created", "available_on", "description",
			"customer_facing_amount", "customer_facing_currency", "destination_platform_fee", "destination_platform_fee_currency",
			"transfer", "transfer_date", "transfer_group", "test", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			b := r.(*backend.BalanceTxn)
			return x.row(x.str(b.Source), x.str(b.ID), x.str(b.Type), x.str(b.SourceID), x.int(b.Amount), x.int(b.Fee),
				x.int(b.Net), x.str(b.Currency), x.unix(b.Created), x.optUnix(b.AvailableOn), x.str(b.Description),
				x.opt(b.CustomerFacingAmount), x.str(b.CustomerFacingCurrency), x.opt(b.DestinationPlatformFee),
				x.str(b.DestinationPlatformFeeCurrency), x.str(b.Transfer), x.optUnix(b.TransferDate), x.str(b.TransferGroup),
				b.Test, x.str(b.Attrs.JSON()))
		},
	},
	"payout": {
		name: "payouts",
		cols: []string{"source", "id", "amount", "currency", "created", "arrival_date", "status", "type", "method", "source_type",
			"destination", "description", "balance_txn", "failure_balance_txn", "failure_code", "failure_message",
			"statement_descriptor", "trace_id", "trace_status", "test", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			p := r.(*backend.Payout)
			return x.row(x.str(p.Source), x.str(p.ID), x.int(p.Amount), x.str(p.Currency), x.unix(p.Created),
				x.optUnix(p.ArrivalDate), x.str(p.Status), x.str(p.Type), x.str(p.Method), x.str(p.SourceType),
				x.str(p.Destination), x.str(p.Description), x.str(p.BalanceTxn), x.str(p.FailureBalanceTxn), x.str(p.FailureCode),
				x.str(p.FailureMessage), x.str(p.StatementDescriptor), x.str(p.TraceID), x.str(p.TraceStatus), p.Test,
				x.str(p.Attrs.JSON()))
		},
	},
	"flag": {
		name: "flags",
		cols: []string{"source", "flag_key", "name", "description", "type", "temporary", "owner", "tags", "environment", "state",
			"percentage", "created", "updated", "cleanup_due", "release_name", "archived", "attrs"},
		values: func(r backend.Record, x *boxer) []any {
			f := r.(*backend.Flag)
			var temporary *int64
			if f.Temporary != nil {
				temporary = new(int64)
				if *f.Temporary {
					*temporary = 1
				}
			}
			return x.row(x.str(f.Source), x.str(f.FlagKey), x.str(f.Name), x.str(f.Description), x.str(f.Type), x.opt(temporary),
				x.str(f.Owner), x.str(strings.Join(f.Tags, " ")), x.str(f.Environment), x.str(f.State), x.opt(f.Percentage),
				x.optUnix(f.Created), x.optUnix(f.Updated), x.optUnix(f.CleanupDue), x.str(f.Release), f.Archived,
				x.str(f.Attrs.JSON()))
		},
	},
}

// tableNames lists the record tables in a fixed order.
var tableNames = []string{"customers", "subscriptions", "invoices", "payments", "tickets", "events", "traffic", "balance", "payouts", "flags"}

// attrsText is a record's attributes as stored: the importer's own
// encoding when it wrote one, else the map's.
func attrsText(a backend.Attrs, text string) string {
	if text != "" {
		return text
	}
	return a.JSON()
}

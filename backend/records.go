package backend

import "time"

// Record is one canonical row produced by an importer. Kind names the
// workspace table it goes to; Key is its stable source id, so that importing
// the same row again is a no-op and a changed row updates in place. Keys
// carry the source ("stripe:sub_…") because tables are shared by sources
// whose ids may collide (Lemon Squeezy's are plain numbers).
type Record interface {
	Kind() string
	Key() string
}

// Attrs keeps the columns an importer does not know (metadata, custom
// fields) as key-value pairs, so nothing in the file is lost.
type Attrs map[string]string

// Payment is one charge attempt (Stripe payments export and friends).
// Money is in minor units of Currency; Converted* are in ConvertedCurrency.
type Payment struct {
	Source            string // "stripe"
	ID                string // empty for incomplete intents and guest rows
	RowKey            string // stable key: ID, or a hash of the row when ID is empty
	Created           time.Time
	Amount            int64
	Refunded          int64
	Currency          string // lowercase ISO 4217
	Converted         *int64
	ConvertedRefunded *int64
	ConvertedCurrency string
	Fee               *int64 // in ConvertedCurrency when the export has it (Stripe reports fees in the settlement currency)
	Status            string // lowercase as exported: paid, failed, refunded, pending, requires_payment_method, …
	Captured          bool
	RefundedAt        *time.Time
	DeclineReason     string
	Description       string
	CustomerID        string
	CustomerEmail     string
	InvoiceID         string
	Test              bool
	DisputedAmount    *int64
	DisputedAt        *time.Time
	DisputeStatus     string
	Attrs             Attrs
}

func (p *Payment) Kind() string { return "payment" }
func (p *Payment) Key() string  { return p.RowKey }

// Customer is a billing customer.
type Customer struct {
	Source      string
	ID          string
	Email       string
	Name        string
	Description string
	Created     *time.Time
	Currency    string
	Delinquent  bool
	Test        bool
	Attrs       Attrs
}

func (c *Customer) Kind() string { return "customer" }
func (c *Customer) Key() string  { return c.Source + ":" + c.ID }

// Subscription is a recurring plan of a customer. Amount is per Interval
// (IntervalCount of them), before quantity, in minor units of Currency.
type Subscription struct {
	Source             string
	ID                 string
	CustomerID         string
	CustomerEmail      string
	Status             string // active, past_due, trialing, canceled, unpaid, incomplete, …
	Plan               string
	Product            string
	Quantity           int64
	Currency           string
	Interval           string // day, week, month, year
	IntervalCount      int64
	Amount             int64
	Created            *time.Time
	Start              *time.Time
	CurrentPeriodStart *time.Time
	CurrentPeriodEnd   *time.Time
	TrialStart         *time.Time
	TrialEnd           *time.Time
	CanceledAt         *time.Time
	CancelAtPeriodEnd  bool
	EndedAt            *time.Time
	Test               bool
	Attrs              Attrs
}

func (s *Subscription) Kind() string { return "subscription" }
func (s *Subscription) Key() string  { return s.Source + ":" + s.ID }

// Invoice is a billing document; money in minor units of Currency.
type Invoice struct {
	Source         string
	ID             string
	Number         string
	CustomerID     string
	CustomerEmail  string
	SubscriptionID string
	Status         string // draft, open, paid, void, uncollectible
	Currency       string
	Date           time.Time
	PeriodStart    *time.Time
	PeriodEnd      *time.Time
	Subtotal       int64
	Discount       int64
	Tax            int64
	Total          int64
	AmountDue      int64
	AmountPaid     int64
	Paid           bool
	Test           bool
	Attrs          Attrs
}

func (i *Invoice) Kind() string { return "invoice" }
func (i *Invoice) Key() string  { return i.Source + ":" + i.ID }

// Ticket is one helpdesk conversation.
type Ticket struct {
	Source               string // zendesk, freshdesk, …
	ID                   string
	RequesterID          string
	RequesterEmail       string
	Organization         string
	Subject              string
	Status               string // lowercase: new, open, pending, hold, solved, closed
	Priority             string
	Channel              string
	Type                 string
	Group                string
	Assignee             string
	Tags                 []string
	Created              time.Time
	Solved               *time.Time
	FirstReplyMinutes    *int64 // calendar minutes
	FirstReplyBizMinutes *int64 // business-hours minutes
	ResolutionMinutes    *int64 // full resolution, calendar minutes
	ResolutionBizMinutes *int64
	Satisfaction         string // good, bad, offered, "" (not offered)
	Attrs                Attrs
	AttrsJSON            string // Attrs already encoded, as for Event
}

func (t *Ticket) Kind() string { return "ticket" }
func (t *Ticket) Key() string  { return t.Source + ":" + t.ID }

// Event is one product analytics event.
type Event struct {
	Source     string // posthog, mixpanel, amplitude
	ID         string // the event's uuid / insert id; a row hash when absent
	Name       string
	DistinctID string
	Email      string
	Time       time.Time
	Attrs      Attrs // properties
	// AttrsJSON is the properties already encoded as Attrs.JSON would,
	// set instead of Attrs by an importer that reads them from fixed
	// columns (a map per row costs a tenth of a large import).
	AttrsJSON string
}

func (e *Event) Kind() string { return "event" }
func (e *Event) Key() string  { return e.Source + ":" + e.ID }

// Feedback is one post of a feedback board or feedback spreadsheet (Canny,
// Featurebase, Fider, or any CSV with an id, a date, an e-mail, a title
// and a text). The Feedback area reads it as an inbox item; the founder's
// triage of it is kept apart, under the item's key, so that re-importing
// the row changes nothing the founder decided.
type Feedback struct {
	Source  string // canny, featurebase, fider, csv
	ID      string // the post's id in the tool (or the sheet's id column)
	Created time.Time
	Email   string // the author's address, lowercase; "" when the export has none
	Name    string // the author's name
	Title   string
	Text    string // details / description, as exported
	Board   string
	Status  string // the tool's own status (open, planned, complete…), as exported
	Votes   *int64
	Tags    []string
	URL     string
	Attrs   Attrs
}

func (f *Feedback) Kind() string { return "feedback" }
func (f *Feedback) Key() string  { return f.Source + ":" + f.ID }

package backend

import "time"

// CostLine is one line of a monthly cost export (date, driver, amount):
// what a cost driver actually cost, to calibrate its unit cost. Amount is
// in minor units of Currency ("" means the workspace's base currency).
type CostLine struct {
	Source   string
	ID       string
	Date     time.Time
	Driver   string
	Amount   int64
	Currency string
	Attrs    Attrs
}

func (c *CostLine) Kind() string { return "cost_line" }
func (c *CostLine) Key() string  { return c.Source + ":" + c.ID }

// How a plan grants a feature (DESIGN.md, Plans & costs).
const (
	AccessPlan          = "plan"          // every account on the plan
	AccessRole          = "role"          // only users with Role
	AccessBeta          = "beta"          // accounts in the beta
	AccessGrandfathered = "grandfathered" // accounts that had it before the plan changed
	AccessTemporary     = "temporary"     // until a date
	AccessUsageLimited  = "usage_limited" // up to Limit LimitUnit
)

// Accesses lists the ways of granting, in the order the screens show them.
var Accesses = []string{AccessPlan, AccessRole, AccessBeta, AccessGrandfathered, AccessTemporary, AccessUsageLimited}

// Feature is something a plan can grant: a capability ("SSO"), a limit
// ("Seats") or a role ("Admin role").
type Feature struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Note string `json:"note"`
}

// Entitlement is what one plan grants of one feature, and how. Plans are
// named as the billing imports name them, readably ("Growth · monthly").
type Entitlement struct {
	Plan      string `json:"plan"`
	Feature   int64  `json:"feature"`
	Access    string `json:"access"`
	Limit     *int64 `json:"limit"`      // usage_limited: the most allowed
	LimitUnit string `json:"limit_unit"` // "seats", "projects a month"
	Role      string `json:"role"`       // role: who may use it
	Until     string `json:"until"`      // temporary: YYYY-MM-DD
	Note      string `json:"note"`
}

// Account terms: accounts that are not on their plan's standard terms.
const (
	TermsGrandfathered = "grandfathered"
	TermsNegotiated    = "negotiated"
)

// AccountTerms marks an account as grandfathered or on hand-negotiated
// terms, with what they are.
type AccountTerms struct {
	Account string `json:"account"`
	Terms   string `json:"terms"`
	Plan    string `json:"plan"` // the plan the terms depart from, "" when none
	Note    string `json:"note"`
	Since   string `json:"since"` // YYYY-MM-DD, "" when unknown
}

// Where a cost driver's usage comes from.
const (
	UsageEvents  = "events"  // analytics events the founder mapped to it
	UsageSupport = "support" // tickets × handling minutes per ticket
	UsageManual  = "manual"  // minutes of the manual work log
)

// CostDriver is one usage unit that costs money (e-mails sent, storage
// GB, AI calls, support minutes…) with its unit cost: a decimal number of
// minor units of the base currency per unit ("0.12" = 0.12 cents an
// e-mail in USD).
type CostDriver struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Source   string   `json:"source"`
	Events   []string `json:"events"` // UsageEvents: the event names that count one unit each
	UnitCost string   `json:"unit_cost"`
}

package feedback

// Type is what an item tells the founder: what was promised and broke,
// what works but gets in the way, what is missing, what changes how the
// market is understood, and the three that are rarely product decisions.
type Type string

const (
	Bug      Type = "bug"      // something promised does not work
	Friction Type = "friction" // works, but is confusing, slow or hard to find
	Request  Type = "request"  // a new capability
	Strategy Type = "strategy" // why they chose us, what they compare us with, what they refuse to pay for, what they do by hand
	Billing  Type = "billing"
	Confused Type = "confusion" // a question the product should have answered
	Account  Type = "account"   // about one account only: ownership, seats, access
)

// Types lists the types in the order of their keys (1–7).
var Types = []Type{Bug, Friction, Request, Strategy, Billing, Confused, Account}

// TypeInfo is how a type is shown.
type TypeInfo struct {
	Type  Type   `json:"type"`
	Key   string `json:"key"` // 1–7
	Label string `json:"label"`
	Help  string `json:"help"`
}

var typeInfo = map[Type]TypeInfo{
	Bug:      {Bug, "1", "Bug", "Something promised does not work"},
	Friction: {Friction, "2", "Friction", "Works, but is confusing, slow or hard to find"},
	Request:  {Request, "3", "Request", "A new capability"},
	Strategy: {Strategy, "4", "Strategy signal", "Changes how we understand the market, persona or job: why they chose us, what they compare us with, what they refuse to pay for, what they do by hand"},
	Billing:  {Billing, "5", "Billing", "Invoices, charges, plans and refunds"},
	Confused: {Confused, "6", "Confusion", "A question the product should have answered"},
	Account:  {Account, "7", "Account-specific", "About one account only: ownership, seats, access"},
}

// TypeInfos lists every type with its key and label.
func TypeInfos() []TypeInfo {
	out := make([]TypeInfo, len(Types))
	for i, t := range Types {
		out[i] = typeInfo[t]
	}
	return out
}

// Label is the type's name for the founder; "" for no type.
func (t Type) Label() string { return typeInfo[t].Label }

// Valid reports whether t is one of the seven types.
func (t Type) Valid() bool { _, ok := typeInfo[t]; return ok }

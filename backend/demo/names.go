package demo

import "strings"

// Word lists for the fictional people and companies. Everything is made up;
// combinations are drawn from the seeded generator, so the same inputs always
// give the same names.

var firstNames = []string{
	"Aaron", "Abigail", "Adrian", "Aisha", "Alex", "Alicia", "Amir", "Ana",
	"Andrea", "Ben", "Bianca", "Carla", "Carlos", "Chen", "Chloe", "Daniel",
	"Diana", "Elena", "Emma", "Erik", "Fatima", "Felix", "Grace", "Hannah",
	"Hugo", "Ines", "Isaac", "Jack", "Jana", "Javier", "Jonas", "Julia",
	"Kai", "Kenji", "Laura", "Leo", "Lina", "Lucas", "Maria", "Marco",
	"Mei", "Mia", "Nadia", "Noah", "Nora", "Olivia", "Omar", "Pablo",
	"Priya", "Rafael", "Rosa", "Ryan", "Sara", "Sofia", "Tariq", "Theo",
	"Tom", "Valentina", "Victor", "Yusuf", "Zoe", "Zara",
}

var lastNames = []string{
	"Adams", "Ahmed", "Alvarez", "Baker", "Becker", "Bennett", "Brooks",
	"Castillo", "Chen", "Costa", "Cruz", "Dubois", "Evans", "Fischer",
	"Garcia", "Gomez", "Hansen", "Hoffmann", "Hughes", "Ito", "Jensen",
	"Kim", "Klein", "Kowalski", "Larsen", "Lee", "Lopez", "Martin",
	"Meyer", "Moreau", "Murphy", "Nguyen", "Novak", "Okafor", "Olsen",
	"Patel", "Perez", "Peters", "Rossi", "Santos", "Schmidt", "Silva",
	"Singh", "Sato", "Torres", "Visser", "Wagner", "Walsh", "Weber",
	"Wong", "Young", "Zimmermann",
}

// companyStems are the distinctive half of a company name.
var companyStems = []string{
	"Alder", "Amber", "Apex", "Aster", "Beacon", "Birch", "Bluefin",
	"Bramble", "Cadence", "Canopy", "Cedar", "Cinder", "Clearwater",
	"Cobalt", "Copper", "Crescent", "Driftwood", "Ember", "Evergreen",
	"Fathom", "Fernhill", "Flint", "Foxglove", "Granite", "Harbor",
	"Hollow", "Indigo", "Ironwood", "Juniper", "Kestrel", "Lantern",
	"Larkspur", "Lighthouse", "Linden", "Marble", "Meadow", "Meridian",
	"Mistral", "Monarch", "Northgate", "Oakridge", "Orbit", "Paloma",
	"Pebble", "Pinecrest", "Quarry", "Quill", "Redwood", "Ridgeline",
	"Riverstone", "Saffron", "Sequoia", "Silverline", "Skylark", "Solstice",
	"Sparrow", "Summit", "Tidewater", "Timber", "Topaz", "Trellis",
	"Tundra", "Vantage", "Verdant", "Willow", "Wren", "Zephyr",
}

// euStems add a few non-ASCII names for the European segment.
var euStems = []string{
	"Nordlicht", "Grünwald", "Sørlys", "Lumière", "Bergström", "Aurora",
	"Hafenblick", "Solvik", "Bellevue", "Kastanje", "Olijf", "Ríoclaro",
}

var companyKinds = []string{
	"Analytics", "Apparel", "Bikes", "Capital", "Clinics", "Coffee",
	"Commerce", "Consulting", "Dental", "Design", "Energy", "Fitness",
	"Foods", "Freight", "Games", "Health", "Homes", "Insurance", "Labs",
	"Learning", "Logistics", "Media", "Mobility", "Outdoors", "Payments",
	"Pet Supply", "Robotics", "Security", "Software", "Solar", "Studio",
	"Systems", "Travel", "Ventures", "Wellness",
}

var usTLDs = []string{".com", ".com", ".com", ".com", ".io", ".io", ".co", ".ai", ".dev", ".app"}

// euCountry is a country of the EUR segment: its domain, legal form and the
// VAT rate charged to customers without a VAT id.
type euCountry struct {
	code, tld, legal string
	vat              int
}

var euCountries = []euCountry{
	{"DE", ".de", "GmbH", 19},
	{"DE", ".de", "GmbH", 19},
	{"FR", ".fr", "SAS", 20},
	{"NL", ".nl", "B.V.", 21},
	{"IE", ".ie", "Ltd", 23},
	{"ES", ".es", "S.L.", 21},
	{"AT", ".at", "GmbH", 20},
}

var publicDomains = []string{"gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me"}

// prospectDomains are companies that write to support but never appear in
// Stripe.
var prospectDomains = []string{
	"brightpath.org", "citylibrary.gov", "hollisgroup.com", "meadowschool.edu",
	"novacare.org", "parkside-agency.com", "quantumleapvc.com", "stonebridge.co",
	"tinyseed-portfolio.com", "uni-hamburg.de", "veloxpartners.com", "westfield.edu",
}

// agent is a support teammate; from is the month index when they start
// answering tickets.
type agent struct {
	name  string
	group string
	from  int
}

var agents = []agent{
	{"Maya Lindqvist", "Support", 0},
	{"Daniel Okafor", "Support", 8},
	{"Priya Raman", "Support", 16},
	{"Jonas Weber", "Engineering", 10},
}

// fold turns a display word into a domain label: lowercase ASCII letters and
// digits only.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ø':
			b.WriteString("o")
		case 'ß':
			b.WriteString("ss")
		case 'é', 'è', 'ê':
			b.WriteByte('e')
		case 'í':
			b.WriteByte('i')
		case 'ó':
			b.WriteByte('o')
		default:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

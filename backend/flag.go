package backend

import (
	"strings"
	"time"
)

// Flag is one feature flag as a flag tool lists it (LaunchDarkly, Unleash,
// GrowthBook, PostHog) or as a founder's spreadsheet has it. The founder's
// own words about a flag (owner, purpose, cleanup date, release) live
// beside it in the workspace and win over these.
type Flag struct {
	Source      string // launchdarkly, unleash, growthbook, posthog, or a mapping's source
	FlagKey     string // the key the code reads
	Name        string
	Description string
	// Type is release, experiment, operational, permission or kill_switch
	// when the tool says it; "" otherwise.
	Type      string
	Temporary *bool // nil when the tool does not say
	Owner     string
	Tags      []string
	// Environment is the environment the state was read from (production
	// when the tool has one).
	Environment string
	// State is on, off or percentage; Percentage is the share of users
	// served the new behaviour, in hundredths of a percent (5000 = 50 %),
	// nil when the tool does not say.
	State      string
	Percentage *int64
	Created    *time.Time
	Updated    *time.Time // when the tool last changed the flag
	CleanupDue *time.Time // when a spreadsheet says it
	Release    string     // the release it belongs to, as a spreadsheet names it
	Archived   bool
	Attrs      Attrs
}

func (f *Flag) Kind() string { return "flag" }

// Key is the flag's source and key: the same flag listed again updates.
func (f *Flag) Key() string { return f.Source + ":" + strings.ToLower(f.FlagKey) }

// Flag types (Unleash's vocabulary, which the others map onto).
var FlagTypes = []string{"release", "experiment", "operational", "permission", "kill_switch"}

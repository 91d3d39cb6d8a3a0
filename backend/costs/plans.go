package costs

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// SaveFeature checks and stores a feature (ID 0 adds one).
func SaveFeature(db *workspace.DB, f backend.Feature) (backend.Feature, error) {
	f.Name, f.Note = strings.TrimSpace(f.Name), strings.TrimSpace(f.Note)
	if f.Name == "" {
		return f, backend.Errorf(backend.Invalid, "Name the feature, e.g. SSO or API access.")
	}
	if len(f.Name) > 200 || len(f.Note) > 2000 {
		return f, backend.Errorf(backend.Invalid, "Keep the feature's name and note short.")
	}
	return db.SaveFeature(f)
}

// Grant checks and stores what a plan grants of a feature; access ""
// removes the grant.
func Grant(db *workspace.DB, e backend.Entitlement) error {
	e.Plan = strings.TrimSpace(e.Plan)
	if e.Plan == "" {
		return backend.Errorf(backend.Invalid, "Say which plan grants it.")
	}
	if e.Access == "" {
		return db.RemoveEntitlement(e.Plan, e.Feature)
	}
	if !slices.Contains(backend.Accesses, e.Access) {
		return backend.Errorf(backend.Invalid, "A plan grants a feature by plan, role, beta, grandfathered, temporary or usage-limited, not %q.", e.Access)
	}
	e.Role, e.LimitUnit, e.Note, e.Until = strings.TrimSpace(e.Role), strings.TrimSpace(e.LimitUnit), strings.TrimSpace(e.Note), strings.TrimSpace(e.Until)
	switch e.Access {
	case backend.AccessRole:
		if e.Role == "" {
			return backend.Errorf(backend.Invalid, "Say which role may use it, e.g. admin.")
		}
	case backend.AccessUsageLimited:
		if e.Limit == nil || *e.Limit < 0 {
			return backend.Errorf(backend.Invalid, "Say how much of it the plan allows: a whole number, 0 or more.")
		}
	case backend.AccessTemporary:
		if _, err := time.Parse("2006-01-02", e.Until); err != nil {
			return backend.Errorf(backend.Invalid, "Say until when it is granted, as YYYY-MM-DD.")
		}
	}
	if e.Access != backend.AccessUsageLimited {
		e.Limit, e.LimitUnit = nil, ""
	}
	if e.Access != backend.AccessRole {
		e.Role = ""
	}
	if e.Access != backend.AccessTemporary {
		e.Until = ""
	}
	return db.SetEntitlement(e)
}

// SetTerms checks and stores an account's special terms; terms ""
// removes them.
func SetTerms(db *workspace.DB, t backend.AccountTerms) error {
	if t.Account == "" {
		return backend.Errorf(backend.Invalid, "Say which account is on special terms.")
	}
	if t.Terms == "" {
		return db.RemoveAccountTerms(t.Account)
	}
	if t.Terms != backend.TermsGrandfathered && t.Terms != backend.TermsNegotiated {
		return backend.Errorf(backend.Invalid, "An account's terms are grandfathered or negotiated, not %q.", t.Terms)
	}
	if t.Since = strings.TrimSpace(t.Since); t.Since != "" {
		if _, err := time.Parse("2006-01-02", t.Since); err != nil {
			return backend.Errorf(backend.Invalid, "Write since when as YYYY-MM-DD, not %q.", t.Since)
		}
	}
	t.Note, t.Plan = strings.TrimSpace(t.Note), strings.TrimSpace(t.Plan)
	return db.SetAccountTerms(t)
}

// Cell answers "can plan X use feature Y, and why".
type Cell struct {
	Plan    string `json:"plan"`
	Feature int64  `json:"feature"`
	Granted bool   `json:"granted"`
	Access  string `json:"access"` // "" when not granted
	Why     string `json:"why"`
	backend.Entitlement
}

// Matrix is every plan × every feature.
type Matrix struct {
	Plans    []string          `json:"plans"`
	Features []backend.Feature `json:"features"`
	Cells    [][]Cell          `json:"cells"` // [feature][plan]
}

// BuildMatrix lays out what the plans grant; plans lists the plans of
// the billing imports, and plans named only by an entitlement follow.
func BuildMatrix(plans []string, features []backend.Feature, grants []backend.Entitlement, today string) Matrix {
	all := append([]string(nil), plans...)
	by := map[[2]any]backend.Entitlement{}
	for _, g := range grants {
		by[[2]any{g.Plan, g.Feature}] = g
		if !slices.Contains(all, g.Plan) {
			all = append(all, g.Plan)
		}
	}
	sort.Strings(all[len(plans):]) // plans no import names yet, after the imported ones
	m := Matrix{Plans: all, Features: features, Cells: make([][]Cell, len(features))}
	for i, f := range features {
		m.Cells[i] = make([]Cell, len(all))
		for j, p := range all {
			c := Cell{Plan: p, Feature: f.ID}
			if g, ok := by[[2]any{p, f.ID}]; ok {
				c.Entitlement, c.Granted, c.Access = g, true, g.Access
				if g.Access == backend.AccessTemporary && g.Until < today {
					c.Granted = false
				}
			}
			c.Why = why(c, f.Name, today)
			m.Cells[i][j] = c
		}
	}
	return m
}

// why says it in a sentence.
func why(c Cell, feature, today string) string {
	e := c.Entitlement
	if c.Access == "" {
		return "No: " + c.Plan + " does not include " + feature + "."
	}
	note := ""
	if e.Note != "" {
		note = " (" + e.Note + ")"
	}
	switch c.Access {
	case backend.AccessPlan:
		return "Yes: every account on " + c.Plan + " has it" + note + "."
	case backend.AccessRole:
		return "Only users with the " + e.Role + " role" + note + "."
	case backend.AccessBeta:
		return "Only accounts in the beta" + note + "."
	case backend.AccessGrandfathered:
		return "Only accounts that had it before the plan changed (grandfathered)" + note + "."
	case backend.AccessTemporary:
		if e.Until < today {
			return "No longer: it was granted until " + e.Until + note + "."
		}
		return "Yes, until " + e.Until + note + "."
	case backend.AccessUsageLimited:
		unit := e.LimitUnit
		if unit == "" {
			unit = "units"
		}
		return "Yes, up to " + strconv.FormatInt(*e.Limit, 10) + " " + unit + note + "."
	}
	return ""
}

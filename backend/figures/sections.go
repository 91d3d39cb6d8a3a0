package figures

// Operations is the `operations` section: releases (set from
// backend/releases: releases.Figures) and manual work (backend/manual, set
// by Load), flat as METRICS.md writes it. It stays here, shared by the two
// areas.
type Operations struct {
	Releases       *int64   `json:"releases"`
	Rollbacks      *int64   `json:"rollbacks"`
	Hotfixes       *int64   `json:"hotfixes"`
	BugsPerRelease *float64 `json:"bugs_per_release"`

	ManualInterventions           *int64   `json:"manual_interventions"`
	ManualMinutes                 *int64   `json:"manual_minutes"`
	ManualInterventionsPerAccount *float64 `json:"manual_interventions_per_account"`
}

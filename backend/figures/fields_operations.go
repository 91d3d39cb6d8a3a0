package figures

// The Operations figures (METRICS.md, Operations): releases
// (backend/releases) and manual work (backend/manual). Bugs per release
// count triaged feedback, so they also need the Feedback area.

var operationsFields = []*Field{
	&Field{"operations.releases", "Releases", Count, "", Releases, "", text("Releases shipped in the month."),
		func(m *Month) *float64 { return num(m.Operations.Releases) }},
	&Field{"operations.rollbacks", "Rollbacks", Count, "down", Releases, "", text("Releases rolled back in the month."),
		func(m *Month) *float64 { return num(m.Operations.Rollbacks) }},
	&Field{"operations.hotfixes", "Hotfixes", Count, "down", Releases, "", text("Releases marked hotfix in the month."),
		func(m *Month) *float64 { return num(m.Operations.Hotfixes) }},
	&Field{"operations.bugs_per_release", "Bugs per release", Multiple, "down", Releases | Feedback, "No release shipped this month.",
		text("Feedback items classified bug linked to a release shipped in the month and reported after it went out (or created inside its watch window), each counted once / releases shipped."),
		func(m *Month) *float64 { return dec(m.Operations.BugsPerRelease) }},
	&Field{"operations.manual_interventions", "Manual interventions", Count, "down", Manual, "", text("Manual interventions logged in the month."),
		func(m *Month) *float64 { return num(m.Operations.ManualInterventions) }},
	&Field{"operations.manual_minutes", "Manual minutes", Minutes, "down", Manual, "", text("Minutes of manual work logged in the month."),
		func(m *Month) *float64 { return num(m.Operations.ManualMinutes) }},
	&Field{"operations.manual_interventions_per_account", "Manual interventions per account", Multiple, "down", Manual | Accounts,
		"No active accounts this month, so there is nothing to divide by.", text("Manual interventions / active accounts."),
		func(m *Month) *float64 { return dec(m.Operations.ManualInterventionsPerAccount) }},
}

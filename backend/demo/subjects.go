package demo

// What people write to Northwind's support about. Each subject carries the
// product area that becomes a tag.

type subject struct{ text, area string }

// topic is a kind of ticket: its tag, Zendesk group and type, and subjects.
type topic struct {
	tag, group, kind string
	subjects         []subject
}

var (
	howTo = topic{"how_to", "Support", "Question", []subject{
		{"How do I invite a teammate to our workspace?", "team"},
		{"Can I connect two Postgres databases to one project?", "data_sources"},
		{"How do filters work on shared dashboards?", "dashboards"},
		{"Where can I change the default date range?", "dashboards"},
		{"Setting up the BigQuery connector", "data_sources"},
		{"How do I schedule a weekly report email?", "reports"},
		{"Can viewers edit reports?", "permissions"},
		{"Help with a SQL query on the events table", "queries"},
		{"How to embed a dashboard in Notion", "dashboards"},
		{"Moving reports between projects", "reports"},
		{"What's the difference between Growth and Scale?", "plans"},
		{"SSO setup with Okta", "permissions"},
		{"Timezone of charts looks wrong", "dashboards"},
		{"How do I share a report with a client, read-only?", "reports"},
		{"Is there an API to pull dashboard data?", "api"},
	}}
	bugs = topic{"bug", "Engineering", "Incident", []subject{
		{"Dashboard stuck on loading spinner", "dashboards"},
		{"CSV export is missing rows", "exports"},
		{"Shared report link returns 404", "reports"},
		{"Scheduled email didn't arrive this Monday", "reports"},
		{"Chart shows numbers from yesterday only", "dashboards"},
		{"Snowflake sync failing with a timeout", "data_sources"},
		{"Error 500 when saving a query", "queries"},
		{"Alert fired twice for the same threshold", "alerts"},
		{"Table text unreadable in dark mode", "dashboards"},
		{"Funnel totals don't match the table below", "reports"},
		{"Invite email never arrived", "team"},
	}}
	billing = topic{"billing", "Billing", "Question", []subject{
		{"Need a copy of last month's invoice", "invoices"},
		{"Please add our VAT number to invoices", "invoices"},
		{"Can we switch to annual billing?", "plans"},
		{"Charged twice this month?", "payments"},
		{"Update the billing email address", "invoices"},
		{"Question about per-seat pricing", "plans"},
		{"Do you accept purchase orders?", "payments"},
		{"Receipt shows the wrong company address", "invoices"},
	}}
	requests = topic{"feature_request", "Support", "Task", []subject{
		{"Feature request: Slack notifications for alerts", "alerts"},
		{"Any plans for a HubSpot integration?", "data_sources"},
		{"Request: export dashboards to PDF", "exports"},
		{"Can we get row-level permissions?", "permissions"},
		{"API rate limit too low for our use case", "api"},
		{"Request: custom fiscal year in reports", "reports"},
		{"Would love annotations on charts", "dashboards"},
	}}
	account = topic{"account", "Support", "Task", []subject{
		{"Transfer workspace ownership to a colleague", "team"},
		{"Please remove a user who left the company", "team"},
		{"Locked out after enabling 2FA", "security"},
		{"Change our workspace name", "settings"},
		{"Signed DPA for GDPR", "security"},
	}}
	prospects = topic{"presales", "Support", "Question", []subject{
		{"Do you offer a nonprofit discount?", "plans"},
		{"Is there a free plan?", "plans"},
		{"Security questionnaire for procurement", "security"},
		{"Do you support on-prem deployment?", "security"},
		{"Partnership inquiry", "partners"},
		{"Demo request for our team", "sales"},
		{"Student discount?", "plans"},
		{"Where is our data hosted? EU residency?", "security"},
	}}
)

// Tickets caused by billing moments, by note kind.
var noteTopics = map[noteKind]topic{
	noteFailed: {"billing", "Billing", "Problem", []subject{
		{"Card declined on renewal", "payments"},
		{"Payment failed but the card is valid", "payments"},
		{"Updated our card, please retry the charge", "payments"},
	}},
	noteRefund: {"billing", "Billing", "Task", []subject{
		{"Refund request for the last charge", "refunds"},
		{"We were charged after cancelling", "refunds"},
		{"Please refund the duplicate payment", "refunds"},
	}},
	noteCancel: {"cancellation", "Billing", "Task", []subject{
		{"How do I cancel our subscription?", "plans"},
		{"Cancel at the end of the billing period, please", "plans"},
		{"We're moving to another tool", "plans"},
	}},
	noteUpgrade: {"upgrade", "Billing", "Question", []subject{
		{"Upgrading to Scale: what happens to our data?", "plans"},
		{"Add more seats to our plan", "plans"},
		{"Quote for more seats", "plans"},
	}},
}

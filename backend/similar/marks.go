package similar

import "strings"

// Two requests that share most of their words can still be different
// work: Slack notifications and Teams notifications, a PDF export and an
// Excel export, an import and an export. Marks are the words that make
// that difference: a document never joins a cluster whose marks of the
// same group are all other than its own.

// markGroups are sets of words that exclude each other (folded synonyms
// such as msteams and excel included). Identity providers are not marks:
// SSO through Okta or Azure AD is one request.
var markGroups = [][]string{
	// Tools people connect a product to.
	strings.Fields(`slack msteams discord zapier jira github gitlab bitbucket trello asana monday clickup notion confluence
		hubspot salesforce pipedrive intercom zendesk freshdesk stripe paypal shopify quickbooks xero google gmail outlook
		figma airtable dropbox onedrive sharepoint whatsapp telegram twitter linkedin facebook mailchimp sendgrid twilio
		segment mixpanel amplitude posthog snowflake bigquery redshift postgres mysql mongodb looker tableau wordpress
		webflow calendly zoom ical`),
	// File formats.
	strings.Fields(`pdf csv excel json xml png svg`),
	// The direction data moves.
	strings.Fields(`import export`),
}

// markOf maps a term to its group and its id within the group.
var markOf = func() map[string]mark {
	m := map[string]mark{}
	for g, ws := range markGroups {
		for i, w := range ws {
			m[stem(w)] = mark{uint8(g), uint16(i)}
		}
	}
	return m
}()

type mark struct {
	group uint8
	id    uint16
}

// marksOf lists the marks among terms, once each.
func marksOf(terms []string) []mark {
	var out []mark
	for _, t := range terms {
		if m, ok := markOf[t]; ok && !hasMark(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func hasMark(ms []mark, m mark) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// clash reports whether a and b both have marks of some group and share
// none of that group.
func clash(a, b []mark) bool {
	for _, m := range a {
		if hasMark(b, m) {
			continue
		}
		inGroup, shared := false, false
		for _, x := range b {
			if x.group == m.group {
				inGroup = true
				if hasMark(a, x) {
					shared = true
				}
			}
		}
		if inGroup && !shared {
			return true
		}
	}
	return false
}

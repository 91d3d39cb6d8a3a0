package report

import (
	"fmt"
	"regexp"
	"strings"

	"keel/backend/workspace"
)

// pseudonyms replace the names and emails of imported data in an
// anonymized report. The same input always gets the same pseudonym within
// a report: customers are numbered in the order of their ids in the
// workspace, so the same workspace gives the same pseudonyms every time;
// other emails, organizations and agents in the order they appear.
//
// Free text (ticket subjects, the review's own words) keeps its words but
// loses every email address, phone number and known customer, requester,
// organization or agent name in it; a tag made of a name (vip_john_smith)
// gets the name's pseudonym in its place.
type pseudonyms struct {
	ids, names, emails, orgs, agents map[string]string
	people, nEmails, nOrgs, nAgents  int
	// words maps a lowercased name, words joined by one space, to its
	// pseudonym, for free text; maxWords is the longest name in words.
	words    map[string]string
	maxWords int
}

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	wordRE  = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}&'’.-]*`)
	// phoneRE finds what may be a phone number: an international one (+
	// and digits in groups), one with its area code in brackets, or the
	// North American 555-0100 and 555-555-0100 forms; phones keeps those
	// of 7 to 15 digits. Dates, amounts and ids have none of these shapes.
	phoneRE = regexp.MustCompile(`\+\d{1,3}(?:[ .\-]?(?:\(\d{1,5}\)|\d{1,5})){1,6}|\(\d{2,5}\)[ .\-]?\d{2,5}(?:[ .\-]\d{2,5}){1,3}|\b\d{3}[ .\-]\d{3}[ .\-]\d{4}\b|\b\d{3}-\d{4}\b`)
	// tagWordRE splits a tag into its words.
	tagWordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// phoneMask replaces a phone number.
const phoneMask = "[phone]"

// loadPseudonyms numbers every customer of the workspace.
func loadPseudonyms(db *workspace.DB) (*pseudonyms, error) {
	p := &pseudonyms{ids: map[string]string{}, names: map[string]string{}, emails: map[string]string{},
		orgs: map[string]string{}, agents: map[string]string{}, words: map[string]string{}}
	rows, err := db.Customers()
	if err != nil {
		return nil, err
	}
	n := 0
	for _, c := range rows {
		id, name, email := c.ID, c.Name, c.Email
		if _, ok := p.ids[id]; ok {
			continue
		}
		n++
		p.ids[id] = fmt.Sprintf("C%05d", n)
		alias := fmt.Sprintf("Customer %05d", n)
		if name == "" {
			name = c.Description
		}
		p.addName(name, alias, p.names)
		if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
			if _, ok := p.emails[email]; !ok {
				p.emails[email] = fmt.Sprintf("customer-%05d@example.invalid", n)
			}
		}
	}
	// The requesters' names, which the tickets keep only in their
	// attributes: known, so that free text loses them too.
	names, err := db.RequesterNames()
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		p.name(n)
	}
	return p, nil
}

func (p *pseudonyms) addName(name, alias string, to map[string]string) {
	key := nameKey(name)
	if key == "" {
		return
	}
	if _, ok := to[key]; ok {
		return
	}
	to[key] = alias
	if len([]rune(key)) >= 4 {
		p.words[key] = alias
		if n := len(strings.Fields(key)); n > p.maxWords {
			p.maxWords = n
		}
	}
}

func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// customerID replaces a customer id.
func (p *pseudonyms) customerID(id string) string {
	if p == nil || id == "" {
		return id
	}
	if a, ok := p.ids[id]; ok {
		return a
	}
	a := fmt.Sprintf("C%05d", len(p.ids)+1)
	p.ids[id] = a
	return a
}

// customer replaces a billing customer's id, name and email.
func (p *pseudonyms) customer(id, name, email string) (string, string, string) {
	if p == nil {
		return id, name, email
	}
	if id == "" {
		return "", p.name(name), p.email(email)
	}
	alias := p.customerID(id)
	pseudo := "Customer " + alias[1:]
	if name != "" {
		p.addName(name, pseudo, p.names)
	}
	return alias, pseudo, p.email(email)
}

// name replaces a customer's or person's name.
func (p *pseudonyms) name(s string) string {
	if p == nil || strings.TrimSpace(s) == "" {
		return s
	}
	key := nameKey(s)
	if a, ok := p.names[key]; ok {
		return a
	}
	p.people++
	a := fmt.Sprintf("Person %04d", p.people)
	p.addName(s, a, p.names)
	return a
}

// email replaces an email address.
func (p *pseudonyms) email(s string) string {
	if p == nil || strings.TrimSpace(s) == "" {
		return s
	}
	key := strings.ToLower(strings.TrimSpace(s))
	if a, ok := p.emails[key]; ok {
		return a
	}
	p.nEmails++
	a := fmt.Sprintf("person-%04d@example.invalid", p.nEmails)
	p.emails[key] = a
	return a
}

// org replaces an organization's name.
func (p *pseudonyms) org(s string) string {
	if p == nil || strings.TrimSpace(s) == "" {
		return s
	}
	key := nameKey(s)
	if a, ok := p.orgs[key]; ok {
		return a
	}
	if a, ok := p.names[key]; ok { // the organization is a customer
		return a
	}
	p.nOrgs++
	a := fmt.Sprintf("Organization %03d", p.nOrgs)
	p.addName(s, a, p.orgs)
	return a
}

// agent replaces the name of a person of the founder's team (a ticket's
// assignee).
func (p *pseudonyms) agent(s string) string {
	if p == nil || strings.TrimSpace(s) == "" {
		return s
	}
	key := nameKey(s)
	if a, ok := p.agents[key]; ok {
		return a
	}
	p.nAgents++
	a := fmt.Sprintf("Agent %d", p.nAgents)
	p.addName(s, a, p.agents)
	return a
}

// text scrubs free text: emails and known names become their pseudonyms,
// phone numbers [phone].
func (p *pseudonyms) text(s string) string {
	if p == nil || s == "" {
		return s
	}
	s = emailRE.ReplaceAllStringFunc(s, p.email)
	s = phones(s)
	if p.maxWords == 0 {
		return s
	}
	spans := wordRE.FindAllStringIndex(s, -1)
	var b strings.Builder
	last := 0
	for i := 0; i < len(spans); {
		matched := 0
		for n := min(p.maxWords, len(spans)-i); n >= 1; n-- {
			words := make([]string, n)
			for k := 0; k < n; k++ {
				words[k] = strings.ToLower(s[spans[i+k][0]:spans[i+k][1]])
			}
			key := strings.TrimRight(strings.Join(words, " "), ".")
			// A possessive ("Jane Doe's") keeps its ending.
			owner := ""
			for _, suffix := range []string{"'s", "’s"} {
				if _, ok := p.words[key]; !ok && strings.HasSuffix(key, suffix) {
					key, owner = strings.TrimSuffix(key, suffix), suffix
				}
			}
			if a, ok := p.words[key]; ok {
				b.WriteString(s[last:spans[i][0]])
				b.WriteString(a)
				last = spans[i+n-1][1]
				if strings.HasSuffix(s[spans[i][0]:last], ".") && !strings.HasSuffix(key, ".") {
					last-- // keep a full stop that ended the sentence
				}
				if owner != "" {
					last -= len(owner)
				}
				matched = n
				break
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	b.WriteString(s[last:])
	return b.String()
}

// tags scrubs a ticket's space-separated tags: the words of a known name
// in a tag become its pseudonym in the tag's own form (vip_john_smith is
// vip_person_0001), an email in one its pseudonym.
func (p *pseudonyms) tags(s string) string {
	if p == nil || s == "" {
		return s
	}
	fields := strings.Fields(s)
	for i, tag := range fields {
		tag = emailRE.ReplaceAllStringFunc(tag, p.email)
		spans := tagWordRE.FindAllStringIndex(tag, -1)
		var b strings.Builder
		last := 0
		for j := 0; j < len(spans); {
			n, alias := p.nameAt(tag, spans[j:])
			if n == 0 {
				j++
				continue
			}
			sep := "_"
			if j+1 < len(spans) {
				sep = tag[spans[j][1]:spans[j+1][0]]
			} else if j > 0 {
				sep = tag[spans[j-1][1]:spans[j][0]]
			}
			b.WriteString(tag[last:spans[j][0]])
			b.WriteString(strings.ReplaceAll(strings.ToLower(alias), " ", sep))
			last = spans[j+n-1][1]
			j += n
		}
		b.WriteString(tag[last:])
		fields[i] = b.String()
	}
	return strings.Join(fields, " ")
}

// nameAt is the longest known name made of the first words (spans) of s:
// how many words, and its pseudonym; 0 when none is.
func (p *pseudonyms) nameAt(s string, spans [][]int) (int, string) {
	for n := min(p.maxWords, len(spans)); n >= 1; n-- {
		words := make([]string, n)
		for k := range words {
			words[k] = strings.ToLower(s[spans[k][0]:spans[k][1]])
		}
		if a, ok := p.words[strings.Join(words, " ")]; ok {
			return n, a
		}
	}
	return 0, ""
}

// phones replaces the phone numbers in s.
func phones(s string) string {
	return phoneRE.ReplaceAllStringFunc(s, func(m string) string {
		n := 0
		for _, c := range m {
			if c >= '0' && c <= '9' {
				n++
			}
		}
		if n < 7 || n > 15 {
			return m
		}
		return phoneMask
	})
}

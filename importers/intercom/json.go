package intercom

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/columns"
	"keel/importers/internal/helpdesk"
	"keel/importers/internal/jsonl"
)

// Intercom has no conversation CSV for every plan: founders fetch their
// conversations from its REST API (GET /conversations, then each one with
// its parts) and save them as a JSON array of conversation objects, or as
// the API's list response. Those files are read through the item path,
// one conversation per element, in the shape of Intercom's conversation
// model (API 2.x):
//
//	{"type": "conversation", "id": "1911149811", "created_at": 1539897198,
//	 "title": …, "state": "open" | "closed" | "snoozed", "priority": …,
//	 "admin_assignee_id": 814860, "team_assignee_id": "5017691",
//	 "source": {"type": "conversation", "subject": …, "body": "<p>Hi</p>",
//	            "author": {"type": "user", "id": …, "name": …, "email": …}},
//	 "contacts": {"type": "contact.list", "contacts": [{"type": "contact", "id": …}]},
//	 "tags": {"type": "tag.list", "tags": [{"type": "tag", "id": …, "name": "Billing"}]},
//	 "conversation_rating": {"rating": 5, …},
//	 "statistics": {"first_admin_reply_at": …, "last_close_at": …,
//	                "time_to_admin_reply": 2408, "time_to_last_close": 5125, …},
//	 "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
//	     {"part_type": "comment" | "close" | "assignment" | "note" | …,
//	      "body": "<p>…</p>", "created_at": …, "author": {"type": "admin" | "user" | "bot", …}}]},
//	 "custom_attributes": {…}}
//
// Mapping: ID id; Created created_at (epoch seconds); Status state
// (snoozed is pending); Solved, for a closed conversation, the statistics'
// last_close_at, else its last "close" part; first reply the statistics'
// first_admin_reply_at, else the first comment by an admin, in calendar
// minutes from Created, and time_to_admin_reply / time_to_last_close
// (seconds, Intercom subtracts the hours outside office hours) as the
// business-hours durations; RequesterEmail the e-mail of the author who
// started it (a user, lead or contact), else of the first part such a
// person wrote; RequesterID that author's id, else the first contact's;
// Subject the title, else the source's subject without its HTML; Assignee
// the assigned admin's name as the parts give it, else the id; Group the
// assigned team's id; Channel the source's type; Tags the tag names;
// Satisfaction the rating (1–5) as for the CSV; custom_attributes and the
// priority are kept in Attrs. Bodies are not stored.

type conversation struct {
	Type            string          `json:"type"`
	ID              json.RawMessage `json:"id"`
	Title           string          `json:"title"`
	CreatedAt       json.RawMessage `json:"created_at"`
	State           string          `json:"state"`
	Open            *bool           `json:"open"`
	Priority        string          `json:"priority"`
	AdminAssigneeID json.RawMessage `json:"admin_assignee_id"`
	TeamAssigneeID  json.RawMessage `json:"team_assignee_id"`
	Source          part            `json:"source"`
	Contacts        json.RawMessage `json:"contacts"`
	Tags            json.RawMessage `json:"tags"`
	Rating          *struct {
		Rating json.RawMessage `json:"rating"`
	} `json:"conversation_rating"`
	Statistics       map[string]json.RawMessage `json:"statistics"`
	Parts            json.RawMessage            `json:"conversation_parts"`
	CustomAttributes map[string]json.RawMessage `json:"custom_attributes"`
}

type part struct {
	Type      string          `json:"type"`
	PartType  string          `json:"part_type"`
	Subject   string          `json:"subject"`
	CreatedAt json.RawMessage `json:"created_at"`
	Author    struct {
		Type  string          `json:"type"`
		ID    json.RawMessage `json:"id"`
		Name  string          `json:"name"`
		Email string          `json:"email"`
	} `json:"author"`
}

// person reports an author who is a customer rather than a teammate or a
// bot.
func person(typ string) bool {
	switch typ {
	case "user", "lead", "contact":
		return true
	}
	return false
}

// DetectItems claims a JSON array whose first element is an Intercom
// conversation ("type": "conversation"), or Intercom's list response
// ("type": "conversation.list"): 0.95.
func (Conversations) DetectItems(head []byte) float64 {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 || t[0] != '[' && t[0] != '{' {
		return 0
	}
	want := 2 // the depth of an element's members: [{"type": …
	if t[0] == '{' {
		want = 1 // {"type": "conversation.list", …
	}
	// Walk the tokens of the start (the document goes on past head):
	// names and values alternate in an object.
	type frame struct{ obj, name bool }
	var stack []frame
	value := func() {
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].name = true
		}
	}
	last := "" // the last name read at the wanted depth
	dec := json.NewDecoder(bytes.NewReader(t))
	for range 4096 {
		tok, err := dec.Token()
		if err != nil {
			return 0
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '}' || v == ']' {
				if stack = stack[:len(stack)-1]; len(stack) < want {
					return 0 // the first element ended without saying
				}
				value()
				continue
			}
			stack = append(stack, frame{obj: v == '{', name: true})
		case string:
			if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].name {
				stack[n-1].name = false
				if n == want {
					last = v
				}
				continue
			}
			if len(stack) == want && last == "type" && (v == "conversation" || v == "conversation.list") {
				return 0.95
			}
			value()
		default:
			value()
		}
	}
	return 0
}

// BindItems returns the parser of one conversation.
func (Conversations) BindItems(opt importers.Options) (importers.ItemFunc, error) {
	return func(text []byte) (backend.Record, error) { return parseConversation(text) }, nil
}

func parseConversation(text []byte) (backend.Record, error) {
	if t := bytes.TrimSpace(text); len(t) == 0 || t[0] != '{' {
		return nil, backend.Errorf(backend.Invalid, "not a JSON object: Keel expected an Intercom conversation")
	}
	var c conversation
	if err := json.Unmarshal(text, &c); err != nil {
		return nil, backend.Errorf(backend.Invalid, "not an Intercom conversation: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if c.Type != "" && c.Type != "conversation" {
		return nil, backend.Errorf(backend.Invalid, "a %q, not an Intercom conversation", c.Type)
	}
	t := &backend.Ticket{Source: "intercom", ID: jsonl.String(c.ID), Channel: strings.ToLower(c.Source.Type)}
	if t.ID == "" {
		return nil, backend.Errorf(backend.Invalid, `"id" is missing: a conversation needs its id`)
	}
	created, err := epoch(c.CreatedAt, "created_at")
	if err != nil {
		return nil, err
	}
	if created == nil {
		return nil, backend.Errorf(backend.Invalid, `"created_at" is missing: a conversation needs its creation time`)
	}
	t.Created = *created
	t.Status = status(c.State)
	if t.Status == "" && c.Open != nil {
		t.Status = map[bool]string{true: "open", false: "closed"}[*c.Open]
	}
	parts, err := partsOf(c.Parts)
	if err != nil {
		return nil, err
	}

	// The requester: whoever started it, else the first person who wrote.
	if person(c.Source.Author.Type) {
		t.RequesterID = jsonl.String(c.Source.Author.ID)
		if columns.IsEmail(c.Source.Author.Email) {
			t.RequesterEmail = strings.ToLower(c.Source.Author.Email)
		}
	}
	for _, p := range parts {
		if t.RequesterEmail != "" {
			break
		}
		if person(p.Author.Type) && columns.IsEmail(p.Author.Email) {
			t.RequesterEmail = strings.ToLower(p.Author.Email)
			if t.RequesterID == "" {
				t.RequesterID = jsonl.String(p.Author.ID)
			}
		}
	}
	if t.RequesterID == "" {
		t.RequesterID = firstContact(c.Contacts)
	}

	t.Subject = c.Title
	if t.Subject == "" {
		t.Subject = plainText(c.Source.Subject)
	}
	t.Tags = tagNames(c.Tags)
	t.Group = jsonl.String(c.TeamAssigneeID)
	if id := jsonl.String(c.AdminAssigneeID); id != "" {
		t.Assignee = id
		for _, p := range parts {
			if p.Author.Type == "admin" && jsonl.String(p.Author.ID) == id && p.Author.Name != "" {
				t.Assignee = p.Author.Name
				break
			}
		}
	}

	stat := func(k string) (*time.Time, error) { return epoch(c.Statistics[k], "statistics."+k) }
	first, err := stat("first_admin_reply_at")
	if err != nil {
		return nil, err
	}
	if first == nil {
		for _, p := range parts {
			if p.Author.Type == "admin" && p.PartType == "comment" {
				if first, err = epoch(p.CreatedAt, "created_at of a part"); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	if first != nil && !first.Before(t.Created) {
		t.FirstReplyMinutes = helpdesk.Between(t.Created, *first)
	}
	if t.Status == "closed" {
		closed, err := stat("last_close_at")
		if err != nil {
			return nil, err
		}
		for i := len(parts) - 1; closed == nil && i >= 0; i-- {
			if parts[i].PartType == "close" {
				if closed, err = epoch(parts[i].CreatedAt, "created_at of a part"); err != nil {
					return nil, err
				}
			}
		}
		if closed != nil && !closed.Before(t.Created) {
			t.Solved = closed
			t.ResolutionMinutes = helpdesk.Between(t.Created, *closed)
		}
	}
	for _, d := range []struct {
		key string
		dst **int64
	}{{"time_to_admin_reply", &t.FirstReplyBizMinutes}, {"time_to_last_close", &t.ResolutionBizMinutes}} {
		if v := jsonl.String(c.Statistics[d.key]); v != "" {
			m, err := helpdesk.Minutes(v, time.Second)
			if err != nil {
				return nil, backend.Errorf(backend.Invalid, "statistics.%s %s", d.key, err.Error())
			}
			if d.key == "time_to_admin_reply" || t.Solved != nil {
				*d.dst = m
			}
		}
	}
	if c.Rating != nil {
		raw := jsonl.String(c.Rating.Rating)
		v, exact := satisfaction(raw)
		t.Satisfaction = v
		if !exact {
			setAttr(t, "conversation_rating", raw)
		}
	}
	if c.Priority != "" && c.Priority != "not_priority" {
		t.Priority = c.Priority
	}
	keys := make([]string, 0, len(c.CustomAttributes))
	for k := range c.CustomAttributes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		setAttr(t, k, jsonl.String(c.CustomAttributes[k]))
	}
	return t, nil
}

func setAttr(t *backend.Ticket, k, v string) {
	if v == "" {
		return
	}
	if t.Attrs == nil {
		t.Attrs = backend.Attrs{}
	}
	t.Attrs[k] = v
}

// epoch reads a time in unix seconds (a number, or a string of one); nil
// for null or absent.
func epoch(raw json.RawMessage, name string) (*time.Time, error) {
	s := jsonl.String(raw)
	if s == "" || s == "0" {
		return nil, nil
	}
	t, err := jsonl.UnixTime(s)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "%q %s is not a unix time", name, quote(s))
	}
	return &t, nil
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}

// partsOf reads conversation_parts: the API's {"conversation_parts": […]}
// list, or a bare array.
func partsOf(raw json.RawMessage) ([]part, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var parts []part
	if raw[0] == '[' {
		if err := json.Unmarshal(raw, &parts); err != nil {
			return nil, backend.Errorf(backend.Invalid, "conversation_parts is not a list of parts: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return parts, nil
	}
	var list struct {
		Parts []part `json:"conversation_parts"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, backend.Errorf(backend.Invalid, "conversation_parts is not a list of parts: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return list.Parts, nil
}

// firstContact is the id of the first contact: {"contacts": [{"id": …}]}
// (API 2.x) or a bare array (older versions).
func firstContact(raw json.RawMessage) string {
	var ids []struct {
		ID json.RawMessage `json:"id"`
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var list struct {
			Contacts json.RawMessage `json:"contacts"`
		}
		if json.Unmarshal(raw, &list) != nil {
			return ""
		}
		raw = list.Contacts
	}
	if json.Unmarshal(raw, &ids) != nil || len(ids) == 0 {
		return ""
	}
	return jsonl.String(ids[0].ID)
}

// tagNames reads {"tags": [{"name": …}]} or a bare array of tags, with
// spaces in names turned into underscores as for the CSV.
func tagNames(raw json.RawMessage) []string {
	type tag struct {
		Name string `json:"name"`
	}
	var tags []tag
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var list struct {
			Tags []tag `json:"tags"`
		}
		if json.Unmarshal(raw, &list) != nil {
			return nil
		}
		tags = list.Tags
	} else if json.Unmarshal(raw, &tags) != nil {
		return nil
	}
	var out []string
	for _, t := range tags {
		out = append(out, helpdesk.Tags(t.Name)...)
	}
	return out
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plainText is an HTML fragment's text on one line.
func plainText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, " "))), " ")
}

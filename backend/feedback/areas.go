package feedback

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"keel/backend"
	"keel/backend/workspace"
)

// Area is one of the founder's product areas; its letter sets it on an
// item in the inbox.
type Area struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Letter string `json:"letter"`
}

// DefaultAreas are the areas of a new workspace: those most SaaS products
// have. The founder renames, adds and removes them.
var DefaultAreas = []Area{
	{"onboarding", "Onboarding", "o"},
	{"reports", "Dashboards & reports", "r"},
	{"integrations", "Integrations", "i"},
	{"data", "Import & export", "d"},
	{"alerts", "Alerts & notifications", "a"},
	{"permissions", "Permissions & security", "p"},
	{"billing", "Billing & plans", "b"},
	{"mobile", "Mobile", "m"},
	{"performance", "Performance", "f"},
	{"api", "API & webhooks", "w"},
	{"other", "Other", "z"},
}

// reservedLetters are the inbox's own keys: j/k move, c clusters, x
// selects, u undoes, n adds a note, e edits, g goes to another area.
const reservedLetters = "jkcxungeq"

const maxAreas = 26 - len(reservedLetters)

// areasOf is the founder's list, or the defaults when they never set one.
func areasOf(st *workspace.FeedbackState) []Area {
	if len(st.Areas) == 0 {
		return append([]Area(nil), DefaultAreas...)
	}
	out := make([]Area, len(st.Areas))
	for i, a := range st.Areas {
		out[i] = Area{a.ID, a.Name, a.Letter}
	}
	return out
}

// checkAreas validates a list of areas and fills in ids and letters: an
// id from the name when missing, the first free letter of the name when
// the letter is missing or taken.
func checkAreas(in []Area) ([]Area, error) {
	if len(in) == 0 {
		return nil, backend.Errorf(backend.Invalid, "Keep at least one product area (\"Other\" will do).")
	}
	if len(in) > maxAreas {
		return nil, backend.Errorf(backend.Invalid, "Keel can give letters to %d areas at most; merge some of the %d.", maxAreas, len(in))
	}
	out := make([]Area, len(in))
	ids, letters, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, a := range in {
		a.Name = strings.TrimSpace(clean(a.Name))
		if a.Name == "" {
			return nil, backend.Errorf(backend.Invalid, "Area %d has no name.", i+1)
		}
		if len([]rune(a.Name)) > 60 {
			return nil, backend.Errorf(backend.Invalid, "The area name %q is longer than 60 characters.", cut(a.Name, 30))
		}
		if names[strings.ToLower(a.Name)] {
			return nil, backend.Errorf(backend.Invalid, "There are two areas named %q.", a.Name)
		}
		names[strings.ToLower(a.Name)] = true
		if a.ID == "" {
			a.ID = slug(a.Name)
		}
		for base, n := a.ID, 2; ids[a.ID]; n++ {
			a.ID = fmt.Sprintf("%s-%d", base, n)
		}
		ids[a.ID] = true
		a.Letter = strings.ToLower(strings.TrimSpace(a.Letter))
		if a.Letter != "" && (len(a.Letter) != 1 || a.Letter[0] < 'a' || a.Letter[0] > 'z' || strings.Contains(reservedLetters, a.Letter)) {
			return nil, backend.Errorf(backend.Invalid, "%q cannot be the key of an area: use a letter other than %s.", a.Letter,
				strings.Join(strings.Split(reservedLetters, ""), ", "))
		}
		if letters[a.Letter] {
			a.Letter = ""
		}
		out[i] = a
		if a.Letter != "" {
			letters[a.Letter] = true
		}
	}
	for i := range out {
		if out[i].Letter != "" {
			continue
		}
		out[i].Letter = freeLetter(out[i].Name, letters)
		letters[out[i].Letter] = true
	}
	return out, nil
}

// freeLetter is the first letter of name not taken, else the first free
// letter of the alphabet.
func freeLetter(name string, taken map[string]bool) string {
	for _, r := range strings.ToLower(name) + "abcdefghijklmnopqrstuvwxyz" {
		l := string(r)
		if r >= 'a' && r <= 'z' && !taken[l] && !strings.Contains(reservedLetters, l) {
			return l
		}
	}
	return ""
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		out = "area"
	}
	return out
}

// SetAreas replaces the founder's areas. Items keep the id of an area
// that is removed until they are retyped; they are shown as in no area.
func (s *Service) SetAreas(ctx context.Context, in []Area) ([]Area, error) {
	areas, err := checkAreas(in)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.stateLocked(ctx)
	if err != nil {
		return nil, err
	}
	_, err = s.edit(ctx, "Changed the product areas", func(e *workspace.FeedbackEditor) error {
		keep := map[string]bool{}
		for i, a := range areas {
			keep[a.ID] = true
			if err := e.PutArea(workspace.FeedbackArea{ID: a.ID, Name: a.Name, Letter: a.Letter, Position: i}); err != nil {
				return err
			}
		}
		for _, a := range st.ws.Areas {
			if !keep[a.ID] {
				if err := e.DeleteArea(a.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return areas, nil
}

package flags

import (
	"encoding/json"

	"keel/backend"
)

// postHog reads one result of GET /api/projects/{id}/feature_flags/. A
// deleted flag is skipped. The state: off when inactive; on when a
// release condition has no property filter and serves 100 %; a percentage
// when such a condition serves part of the users; a percentage of unknown
// size when every condition filters on properties. A multivariate flag or
// one behind an experiment is of type experiment.
func postHog(m map[string]json.RawMessage) (*backend.Flag, error) {
	if deleted, _ := boolean(m, "deleted"); deleted {
		return nil, nil
	}
	f := &backend.Flag{FlagKey: str(m, "key"), Description: str(m, "name"), Tags: strings_(m, "tags"), Attrs: backend.Attrs{}}
	if f.FlagKey == "" {
		return nil, need("PostHog", "key")
	}
	f.Name = f.FlagKey
	var err error
	if f.Created, err = isoTime(m, "created_at"); err != nil {
		return nil, err
	}
	if f.Updated, err = isoTime(m, "updated_at"); err != nil {
		return nil, err
	}
	if by := object(m, "created_by"); by != nil {
		f.Owner = str(by, "email")
		if f.Owner == "" {
			f.Owner = joinName(str(by, "first_name"), str(by, "last_name"))
		}
	}
	f.Type = typeFromTags(f.Tags)
	filters := object(m, "filters")
	if len(list(m, "experiment_set")) > 0 || len(object(filters, "multivariate")) > 0 {
		f.Type = "experiment"
	}
	f.Environment = "production"
	f.State = "off"
	if active, _ := boolean(m, "active"); !active {
		return f, nil
	}
	best, targeted := -1.0, false
	for _, raw := range list(filters, "groups") {
		var g map[string]json.RawMessage
		json.Unmarshal(raw, &g)
		if len(list(g, "properties")) > 0 {
			targeted = true
			continue
		}
		p, ok := number(g, "rollout_percentage")
		if !ok {
			p = 100 // null: everyone matching, and nothing to match
		}
		best = max(best, p)
	}
	switch {
	case best >= 100:
		f.State = "on"
	case best >= 0:
		f.State, f.Percentage = "percentage", pct(best*100)
	case targeted:
		f.State = "percentage"
	}
	return f, nil
}

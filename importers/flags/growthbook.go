package flags

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"keel/backend"
)

// growthBook reads one feature of GET /api/v1/features (rules per
// environment) or /api/v2/features (one rules list, each rule scoped to
// environments). The state is the production environment's: off when
// disabled or when it serves false to everyone; a percentage when a
// rollout rule covers part of the users; on otherwise. A feature with an
// experiment rule is of type experiment.
func growthBook(m map[string]json.RawMessage) (*backend.Flag, error) {
	f := &backend.Flag{FlagKey: str(m, "id"), Description: str(m, "description"), Owner: str(m, "owner"), Tags: strings_(m, "tags"),
		Attrs: backend.Attrs{}}
	if f.FlagKey == "" {
		return nil, need("GrowthBook", "id")
	}
	f.Name = f.FlagKey
	if e := str(m, "ownerEmail"); e != "" {
		f.Owner = e
	}
	var err error
	if f.Created, err = isoTime(m, "dateCreated"); err != nil {
		return nil, err
	}
	if f.Updated, err = isoTime(m, "dateUpdated"); err != nil {
		return nil, err
	}
	f.Archived, _ = boolean(m, "archived")
	f.Type = typeFromTags(f.Tags)
	if p := str(m, "project"); p != "" {
		f.Attrs["project"] = p
	}
	if vt := str(m, "valueType"); vt != "" {
		f.Attrs["value_type"] = vt
	}
	envs := object(m, "environments")
	names := make([]string, 0, len(envs))
	for n := range envs {
		names = append(names, n)
	}
	sort.Strings(names)
	f.State = "off"
	env := production(names)
	if env == "" {
		return f, nil
	}
	e := object(envs, env)
	f.Environment = env
	rules := list(e, "rules")
	for _, raw := range list(m, "rules") { // v2: rules scoped to environments
		var r map[string]json.RawMessage
		json.Unmarshal(raw, &r)
		if all, _ := boolean(r, "allEnvironments"); all || slices.Contains(strings_(r, "environments"), env) {
			rules = append(rules, raw)
		}
	}
	if on, _ := boolean(e, "enabled"); !on {
		return f, nil
	}
	def := str(e, "defaultValue")
	if def == "" {
		def = str(m, "defaultValue")
	}
	f.State = "on"
	if falsy(def) {
		f.State = "off"
	}
	for _, raw := range rules {
		var r map[string]json.RawMessage
		json.Unmarshal(raw, &r)
		if enabled, ok := boolean(r, "enabled"); ok && !enabled {
			continue
		}
		switch str(r, "type") {
		case "experiment", "experiment-ref":
			f.Type = "experiment"
			f.State = "percentage"
		case "rollout", "force":
			cov, ok := number(r, "coverage")
			if !ok {
				cov = 1
			}
			switch {
			case falsy(str(r, "value")):
			case cov < 1 || str(r, "condition") != "" && str(r, "condition") != "{}":
				f.State, f.Percentage = "percentage", pct(cov*10000)
				if cov >= 1 {
					f.Percentage = nil // a condition: part of the users, Keel cannot say how many
				}
			default:
				f.State, f.Percentage = "on", nil
			}
		}
	}
	return f, nil
}

func falsy(v string) bool {
	switch strings.ToLower(strings.Trim(v, `" `)) {
	case "false", "0", "", "null", "off":
		return true
	}
	return false
}

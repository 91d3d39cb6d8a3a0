package flags

import (
	"encoding/json"
	"sort"

	"keel/backend"
)

// launchDarkly reads one item of GET /api/v2/flags/{projectKey}. The state
// is the production environment's: off when "on" is false; a percentage
// when its fallthrough is a rollout (weights in thousandths of a percent,
// the share of the on variation); on otherwise.
func launchDarkly(m map[string]json.RawMessage) (*backend.Flag, error) {
	f := &backend.Flag{FlagKey: str(m, "key"), Name: str(m, "name"), Description: str(m, "description"), Tags: strings_(m, "tags"),
		Created: msTime(m, "creationDate"), Attrs: backend.Attrs{}}
	if f.FlagKey == "" {
		return nil, need("LaunchDarkly", "key")
	}
	if t, ok := boolean(m, "temporary"); ok {
		f.Temporary = &t
	}
	f.Archived, _ = boolean(m, "archived")
	if mt := object(m, "_maintainer"); mt != nil {
		f.Owner = str(mt, "email")
		if f.Owner == "" {
			f.Owner = joinName(str(mt, "firstName"), str(mt, "lastName"))
		}
	}
	if f.Owner == "" {
		f.Owner = str(m, "maintainerTeamKey")
	}
	f.Type = typeFromTags(f.Tags)
	if k := str(m, "kind"); k != "" {
		f.Attrs["kind"] = k
	}
	onVar := 0
	if d := object(m, "defaults"); d != nil {
		if v, ok := number(d, "onVariation"); ok {
			onVar = int(v)
		}
	}
	envs := object(m, "environments")
	names := make([]string, 0, len(envs))
	for n := range envs {
		names = append(names, n)
	}
	sort.Strings(names)
	if env := production(names); env != "" {
		e := object(envs, env)
		f.Environment = env
		if en := str(e, "_environmentName"); en != "" {
			f.Environment = en
		}
		f.Updated = msTime(e, "lastModified")
		on, _ := boolean(e, "on")
		f.State = "off"
		if on {
			f.State = "on"
			if ro := object(object(e, "fallthrough"), "rollout"); ro != nil {
				var weight float64
				for _, raw := range list(ro, "variations") {
					var vw map[string]json.RawMessage
					json.Unmarshal(raw, &vw)
					if v, _ := number(vw, "variation"); int(v) == onVar {
						w, _ := number(vw, "weight")
						weight += w
					}
				}
				f.State, f.Percentage = "percentage", pct(weight/10)
			}
		}
	}
	return f, nil
}

func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

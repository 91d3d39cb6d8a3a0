package flags

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"keel/backend"
)

// Unleash's flag types and how long each is expected to live (Unleash
// reports a flag as potentially stale past it); kill switches and
// permissions are permanent.
var unleashLife = map[string]time.Duration{"release": 40 * 24 * time.Hour, "experiment": 40 * 24 * time.Hour, "operational": 7 * 24 * time.Hour}

// unleash reads one feature of GET /api/admin/projects/{projectId}/features.
// The state is the production environment's: off when disabled; a
// percentage from its gradual rollout strategy; on otherwise.
func unleash(m map[string]json.RawMessage) (*backend.Flag, error) {
	f := &backend.Flag{FlagKey: str(m, "name"), Description: str(m, "description"), Attrs: backend.Attrs{}}
	if f.FlagKey == "" {
		return nil, need("Unleash", "name")
	}
	f.Name = f.FlagKey
	typ := str(m, "type")
	f.Type = strings.ReplaceAll(typ, "-", "_")
	if typ != "" {
		_, temp := unleashLife[typ]
		f.Temporary = &temp
	}
	var err error
	if f.Created, err = isoTime(m, "createdAt"); err != nil {
		return nil, err
	}
	if f.Created != nil {
		if life, ok := unleashLife[typ]; ok {
			due := f.Created.Add(life)
			f.CleanupDue = &due
		}
	}
	if archived, _ := isoTime(m, "archivedAt"); archived != nil {
		f.Archived = true
	}
	if by := object(m, "createdBy"); by != nil {
		f.Owner = str(by, "name")
	}
	for _, raw := range list(m, "tags") {
		var t map[string]json.RawMessage
		if json.Unmarshal(raw, &t) == nil && str(t, "value") != "" {
			f.Tags = append(f.Tags, str(t, "value"))
		}
	}
	if stale, _ := boolean(m, "stale"); stale {
		f.Attrs["stale"] = "true"
	}
	if p := str(m, "project"); p != "" {
		f.Attrs["project"] = p
	}
	envs := map[string]map[string]json.RawMessage{}
	var names []string
	for _, raw := range list(m, "environments") {
		var e map[string]json.RawMessage
		if json.Unmarshal(raw, &e) != nil {
			continue
		}
		n := str(e, "name")
		if str(e, "type") == "production" && !strings.Contains(strings.ToLower(n), "prod") {
			n = "production" // the production-type environment, whatever its name
		}
		envs[n], names = e, append(names, n)
	}
	f.State = "off"
	if env := production(names); env != "" {
		e := envs[env]
		f.Environment = str(e, "name")
		if on, _ := boolean(e, "enabled"); on {
			f.State = "on"
			for _, raw := range list(e, "strategies") {
				var s map[string]json.RawMessage
				json.Unmarshal(raw, &s)
				if disabled, _ := boolean(s, "disabled"); disabled {
					continue
				}
				params := object(s, "parameters")
				for _, k := range []string{"rollout", "percentage"} {
					if v, err := strconv.ParseFloat(str(params, k), 64); err == nil && v < 100 {
						f.State, f.Percentage = "percentage", pct(v*100)
					}
				}
			}
		}
	} else if on, ok := boolean(m, "enabled"); ok && on {
		f.State = "on" // an older Unleash without environments
	}
	return f, nil
}

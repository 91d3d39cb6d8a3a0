package decisions

import "keel/backend/workspace"

// recorded are the releases of the workspace (backend/releases' records):
// what New links decisions to unless told otherwise.
type recorded struct{ db *workspace.DB }

// Releases lists the releases not deleted; ShippedOn is the day each went
// out, in the workspace's time zone.
func (r recorded) Releases() ([]Release, error) {
	rs, err := r.db.Releases(false)
	if err != nil {
		return nil, err
	}
	loc := r.db.Location()
	out := make([]Release, 0, len(rs))
	for _, x := range rs {
		rel := Release{ID: x.ID, Title: x.Title}
		if x.ShippedAt != nil {
			rel.ShippedOn = x.ShippedAt.In(loc).Format(dateLayout)
		}
		out = append(out, rel)
	}
	return out, nil
}

// Recorded is the workspace's releases as a Releases.
func Recorded(db *workspace.DB) Releases { return recorded{db} }

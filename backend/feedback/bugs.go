package feedback

import (
	"context"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// BugsPerRelease is operations.bugs_per_release (METRICS.md, Operations)
// of the months first..last, oldest first: the items classified bug that
// are linked to a release shipped in the month (their cluster is one the
// release answers, or names the release as where it shipped) or were
// created inside its watch window, each item once, over the releases
// shipped in the month. A linked item counts only when it came in after
// the release went out: the reports that led to it are not its bugs, the
// ones that say it still fails (or broke something) are. Nil for a month without a shipped release, and
// for every month when the workspace has no feedback item or no release.
// windows gives each release's watch-window length (releases.Windows).
func BugsPerRelease(ctx context.Context, db *workspace.DB, first, last backend.Month, windows map[string]time.Duration) ([]*float64, error) {
	months, err := backend.Months(first, last)
	if err != nil {
		return nil, err
	}
	out := make([]*float64, len(months))
	rs, err := db.Releases(false)
	if err != nil || len(rs) == 0 {
		return out, err
	}
	items, _, err := db.FeedbackStamps(ctx)
	if err != nil || len(items) == 0 {
		return out, err
	}
	named, err := db.FeedbackClusterReleases(ctx)
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	for i, m := range months {
		from, to := m.Start(loc), m.End(loc)
		var shipped []backend.Release
		for _, r := range rs {
			if r.DeletedAt == nil && r.ShippedAt != nil && !r.ShippedAt.Before(from) && r.ShippedAt.Before(to) {
				shipped = append(shipped, r)
			}
		}
		if len(shipped) == 0 {
			continue
		}
		var bugs int
		for _, it := range items {
			if Type(it.Type) == Bug && linked(it, shipped, named, windows) {
				bugs++
			}
		}
		v := float64(bugs) / float64(len(shipped))
		out[i] = &v
	}
	return out, nil
}

// linked says whether a bug item belongs to one of the releases.
func linked(it workspace.FeedbackStamp, rs []backend.Release, named map[string]string, windows map[string]time.Duration) bool {
	for _, r := range rs {
		start := r.ShippedAt.Unix()
		if it.Created < start {
			continue // reported before it went out: not this release's bug
		}
		if it.Cluster != "" {
			for _, c := range r.Clusters {
				if c == it.Cluster {
					return true
				}
			}
			if n := strings.TrimSpace(named[it.Cluster]); n != "" && (n == r.ID || strings.EqualFold(n, strings.TrimSpace(r.Title))) {
				return true
			}
		}
		if w, ok := windows[r.Window]; ok {
			if it.Created < r.ShippedAt.Add(w).Unix() {
				return true
			}
		}
	}
	return false
}

package posthog

import "keel/importers/csvfile"

// Detect needs an event name and a timestamp column. With distinct_id and
// an event id (uuid or id) it is sure (0.9); with distinct_id and PostHog's
// properties.* / elements_chain / person columns nearly so (0.8); with only
// distinct_id it is a guess (0.5).
func (Events) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(colEvent...) < 0 || h.Index(colTimestamp...) < 0 {
		return 0
	}
	if h.Index(colDistinct...) < 0 {
		return 0
	}
	if h.Index(colID...) >= 0 {
		return 0.9
	}
	if h.Index("*.elements_chain", "elements_chain", "*.person_id", "person") >= 0 {
		return 0.8
	}
	for _, n := range h.Names {
		if _, ok := propKey(n); ok {
			return 0.8
		}
	}
	return 0.5
}

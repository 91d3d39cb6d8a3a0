package freshdesk

import "keel/importers/csvfile"

// Detect claims a header with Ticket ID and Created time plus a ticket
// column (0.95); Ticket ID and Created time alone are a weaker claim (0.5).
func (Tickets) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(colID...) < 0 || h.Index(colCreated...) < 0 {
		return 0
	}
	if h.Index("Status", "Subject", "Priority", "Resolved time", "Closed time", "Agent", "Source",
		"Due by Time", "First response time (in hrs)", "Resolution time (in hrs)") >= 0 {
		return 0.95
	}
	return 0.5
}

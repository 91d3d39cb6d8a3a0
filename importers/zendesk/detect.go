package zendesk

import "keel/importers/csvfile"

// Detect claims a header with Id and Created at plus a requester column and
// a Zendesk-only column (0.95); with Id and Created at and only one of
// those, or another Zendesk metric column, it is a weaker claim (0.6).
func (Tickets) Detect(h *csvfile.Header) float64 {
	// Only the exact "Id": "Ticket ID" is Freshdesk's.
	if h == nil || h.Index("Id") < 0 || h.Index(colCreated...) < 0 {
		return 0
	}
	requester := h.Index("Requester", "Requester id") >= 0
	zendeskish := h.Index("Solved at", "Satisfaction Score", "Via") >= 0
	switch {
	case requester && zendeskish:
		return 0.95
	case requester || zendeskish || h.Index(
		"Ticket type",
		"First reply time in minutes",
		"First reply time in minutes within business hours",
		"Full resolution time in minutes",
		"Requester wait time in minutes",
	) >= 0:
		return 0.6
	}
	return 0
}

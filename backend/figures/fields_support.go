package figures

// The Support figures (METRICS.md, Support).

var supportFields = []*Field{
	&Field{"support.tickets", "Tickets", Count, "down", Tickets, "", text("Tickets created in the month."),
		func(m *Month) *float64 { return num(m.Support.Tickets) }},
	&Field{"support.solved", "Solved", Count, "up", Tickets, "", text("Tickets whose solved, resolved or closed time is in the month."),
		func(m *Month) *float64 { return num(m.Support.Solved) }},
	&Field{"support.first_reply_minutes_p50", "First reply, median", Minutes, "down", Tickets, "No ticket created this month has a first reply yet.",
		text("Nearest-rank median over tickets created in the month with a first reply: the export's calendar-time first-reply column, else first reply − created."),
		func(m *Month) *float64 { return num(m.Support.FirstReplyMinutesP50) }},
	&Field{"support.first_reply_minutes_p90", "First reply, p90", Minutes, "down", Tickets, "No ticket created this month has a first reply yet.",
		text("Nearest-rank 90th percentile, same tickets as the median."), func(m *Month) *float64 { return num(m.Support.FirstReplyMinutesP90) }},
	&Field{"support.resolution_minutes_p50", "Resolution, median", Minutes, "down", Tickets, "No ticket was solved this month.",
		text("Nearest-rank median over tickets solved in the month: the export's full resolution time, else solved − created."),
		func(m *Month) *float64 { return num(m.Support.ResolutionMinutesP50) }},
	&Field{"support.resolution_minutes_p90", "Resolution, p90", Minutes, "down", Tickets, "No ticket was solved this month.",
		text("Nearest-rank 90th percentile, same tickets as the median."), func(m *Month) *float64 { return num(m.Support.ResolutionMinutesP90) }},
	&Field{"support.satisfaction", "Satisfaction", Ratio, "up", Tickets, "No ticket created this month was rated good or bad.",
		text("Good / (Good + Bad) over rated tickets created in the month."), func(m *Month) *float64 { return dec(m.Support.Satisfaction) }},
	&Field{"support.active_accounts", "Active accounts", Count, "up", Accounts, "",
		text("Accounts with MRR > 0 at the end of the month, plus accounts with a product event in the month when analytics data exists."),
		func(m *Month) *float64 { return num(m.Support.ActiveAccounts) }},
	&Field{"support.tickets_per_active_account", "Tickets per active account", Multiple, "down", Tickets | Accounts,
		"No active accounts this month, so there is nothing to divide by.", text("Tickets / active accounts."),
		func(m *Month) *float64 { return dec(m.Support.TicketsPerActiveAccount) }},
}

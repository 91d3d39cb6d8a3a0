package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"keel/backend/figures"
)

// SupportColour is the colour of tickets on the Support load screen's
// chart (the accent is for customers, the thing the load is measured
// against).
const SupportColour = "#EA580C"

// SupportLoad is the Support load screen's main chart: tickets per active
// account as a line on its own axis, against the paying customers (bars)
// of each month. Series ids are "per_account" and "customers"; a null
// ratio is a gap, never 0.
func SupportLoad(months []figures.Month) (Options, error) {
	labels := make([]string, len(months))
	ratio := make([]opts.LineData, len(months))
	customers := make([]opts.BarData, len(months))
	hasCustomers := false
	for i, m := range months {
		labels[i] = m.Month.String()
		ratio[i] = opts.LineData{Value: "-"}
		if v := m.Support.TicketsPerActiveAccount; v != nil {
			ratio[i] = opts.LineData{Value: *v}
		}
		customers[i] = opts.BarData{Value: value(m.Revenue.Customers)}
		hasCustomers = hasCustomers || m.Revenue.Customers != nil
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis",
			Formatter: types.FuncStr(FormatMixedTooltip(FormatDecimal, FormatCount))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "36", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(monthAxis(labels)),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 3,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatDecimal)}}),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", SplitNumber: 3, MinInterval: 1, Position: "right",
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)}, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}})
	// The line is the first series: the tooltip leads with it.
	line := charts.NewLine()
	line.AddSeries("Tickets per active account", ratio, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "per_account"
		s.Symbol = "circle"
		s.SymbolSize = 6
		s.Color = SupportColour
	}), charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: SupportColour}))
	bar.Overlap(line)
	if hasCustomers {
		bar.AddSeries("Paying customers", customers, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Id = "customers"
			s.YAxisIndex = 1
			s.BarMaxWidth = "28"
		}), charts.WithItemStyleOpts(opts.ItemStyle{Color: Muted}))
	}
	return encode(bar)
}

// SupportTickets is the Support load screen's chart when no month has
// active accounts to divide by (a helpdesk export alone): the tickets
// created each month, as bars (series id "tickets"). A month without
// ticket data is a gap, never 0.
func SupportTickets(months []figures.Month) (Options, error) {
	labels := make([]string, len(months))
	tickets := make([]opts.BarData, len(months))
	for i, m := range months {
		labels[i] = m.Month.String()
		tickets[i] = opts.BarData{Value: value(m.Support.Tickets)}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatCount))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "36", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(monthAxis(labels)),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 3, MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}}),
	)
	bar.AddSeries("Tickets", tickets, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "tickets"
		s.BarMaxWidth = "28"
	}), charts.WithItemStyleOpts(opts.ItemStyle{Color: SupportColour}))
	return encode(bar)
}

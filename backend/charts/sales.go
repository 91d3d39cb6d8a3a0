package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"keel/backend/figures"
)

// Sales is the Revenue screen's chart for a workspace of payments without
// subscriptions: each month's money collected as bars, refunds below zero,
// and the orders as a line on their own axis. Series ids are "collected",
// "refunded" and "orders"; a month without data is a gap, never 0.
func Sales(months []figures.Month, cur string) (Options, error) {
	labels := monthLabels(months)
	collected := make([]opts.BarData, len(months))
	refunded := make([]opts.BarData, len(months))
	orders := make([]opts.LineData, len(months))
	for i, m := range months {
		collected[i], refunded[i], orders[i] = opts.BarData{Value: "-"}, opts.BarData{Value: "-"}, opts.LineData{Value: "-"}
		if m.Sales == nil {
			continue // before the first payment: no data, not zero
		}
		collected[i] = opts.BarData{Value: value(m.Revenue.Collected)}
		if r := m.Revenue.Refunded; r != nil {
			refunded[i] = opts.BarData{Value: -*r}
		}
		if m.Sales.Orders != nil {
			orders[i] = opts.LineData{Value: *m.Sales.Orders}
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis",
			Formatter: types.FuncStr(FormatMixedTooltip(FormatMoney(cur), FormatMoney(cur), FormatCount))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "36", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(monthAxis(labels)),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 3,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatMoneyShort(cur))}}),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", SplitNumber: 3, MinInterval: 1, Position: "right",
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)}, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}})
	addBars(bar, "money", "28", barSeries{"collected", "Collected", Accent, collected},
		barSeries{"refunded", "Refunded", MovementColours["churn"], refunded})
	overlayTrend(bar, "orders", "Orders", orders)
	return encode(bar)
}

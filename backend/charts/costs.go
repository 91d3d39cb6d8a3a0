package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"keel/backend/costs"
)

// Cost is the colour of what serving a plan costs (orange: money going
// out, as contraction), beside its MRR in the accent.
const Cost = "#EA580C"

// PlanCosts is the Plans & costs screen's chart: each paid plan's MRR and
// cost to serve as bars, its margin as points on a percentage axis.
// Series ids are "mrr", "cost" and "margin".
func PlanCosts(plans []costs.PlanCost, cur string) (Options, error) {
	var names []string
	var mrr, cost []opts.BarData
	var margin []opts.LineData
	for _, p := range plans {
		if p.Plan == "" {
			continue // not paying: no margin to draw
		}
		names = append(names, p.Plan)
		mrr = append(mrr, opts.BarData{Value: p.MRR})
		cost = append(cost, opts.BarData{Value: p.Cost})
		m := opts.LineData{Value: "-"}
		if p.Margin != nil {
			m = opts.LineData{Value: *p.Margin}
		}
		margin = append(margin, m)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis",
			Formatter: types.FuncStr(FormatMixedTooltip(FormatMoney(cur), FormatMoney(cur), FormatPercent))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "40", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: names, AxisTick: &opts.AxisTick{Show: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{Interval: "0", Width: 110, Overflow: "truncate"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 3, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatMoneyShort(cur))}}),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "Margin", Max: 1, SplitNumber: 2, Position: "right",
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)}, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatPercent)}})
	addBars(bar, "", "26", barSeries{"mrr", "MRR", Accent, mrr}, barSeries{"cost", "Cost to serve", Cost, cost})
	line := charts.NewLine()
	line.AddSeries("Margin", margin, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "margin"
		s.YAxisIndex = 1
		s.Symbol = "circle"
		s.SymbolSize = 7
		s.Color = Heavy
	}), charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0), Color: Heavy})) // points: plans are not a sequence
	bar.Overlap(line)
	return encode(bar)
}

// Package charts builds the echarts options of Keel's charts with
// go-echarts. The options travel to the page as JSON and the page renders
// them with its bundled echarts: go-echarts' own page rendering and asset
// host are never used (Keel is offline).
//
// Options carry data, series, colours and layout; how a number reads is
// the page's business, so formatters are names the page's Chart component
// maps to functions of format.ts (see the Format constants): an axis label
// formatter "keel:money-short:usd" becomes (v) => money(v, "usd", {compact}).
// Money values are integers in minor units of the currency named there.
// Axis, text and grid colours come from the page's one echarts theme (light
// and dark); series colours that mean something (MRR movements) are set
// here, the same everywhere.
package charts

import (
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/palette"
	"keel/backend/revenue"
)

// Options is an echarts option object, as JSON.
type Options = json.RawMessage

// Formatter names the page maps to functions. The value formatters take
// the raw value (minor units for money, fractions for percentages).
const (
	FormatMonth   = "keel:month"   // "2025-03" → "Mar 2025"
	FormatPercent = "keel:percent" // 0.956 → "95.6%"
	FormatCount   = "keel:count"   // 1234 → "1,234"
)

// FormatMoney is exact money in cur: 123456 → "$1,234.56".
func FormatMoney(cur string) string { return "keel:money:" + strings.ToLower(cur) }

// FormatMoneyShort is abbreviated money for axis labels: 1234500 → "$12.3K".
func FormatMoneyShort(cur string) string { return "keel:money-short:" + strings.ToLower(cur) }

// FormatTooltip is an axis tooltip: the month (or category) as a heading,
// then each series' marker, name and value read with the value formatter;
// series at 0 are left out unless they are the first (the total).
func FormatTooltip(value string) string {
	return "keel:tooltip:" + strings.TrimPrefix(value, "keel:")
}

// MovementColours are the colours of the MRR movements in every chart, table
// and report (UI.md): new green, expansion teal, reactivation blue,
// contraction orange, churn red, fx grey: package palette's, as the Excel
// report's, with the '#'.
var MovementColours = func() map[revenue.Kind]string {
	m := make(map[revenue.Kind]string, len(palette.Movements))
	for k, c := range palette.Movements {
		m[revenue.Kind(k)] = "#" + c
	}
	return m
}()

// Accent is the colour of single-series charts (plan mix, sparklines): the
// deep blue accent, light enough to read on the dark theme too.
const Accent = "#3366E6"

// Movements lists the kinds in stacking order: the gains up from zero,
// then the losses down from it, then fx either way.
var Movements = []revenue.Kind{revenue.New, revenue.Expansion, revenue.Reactivation, revenue.Contraction, revenue.Churn, revenue.FX}

// encode turns a chart into its option JSON, leaving out what the page's
// theme decides (the default palette) and empty components.
func encode(c interface{ JSON() map[string]any }) (Options, error) {
	obj := c.JSON()
	delete(obj, "color")
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "encode a chart: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, backend.Errorf(backend.Internal, "encode a chart: %v", err)
	}
	for k, v := range m {
		if o, ok := v.(map[string]any); ok && len(o) == 0 {
			delete(m, k)
		}
	}
	b, err = json.Marshal(m)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "encode a chart: %v", err)
	}
	return b, nil
}

func monthLabels(months []figures.Month) []string {
	out := make([]string, len(months))
	for i, m := range months {
		out[i] = m.Month.String()
	}
	return out
}

// value is a figure of a chart: the number, or "-" (a gap) when missing.
func value(p *int64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// MRR is the Revenue screen's main chart: the MRR line on top and, below
// it on the same months, each month's movements as stacked bars, gains up
// and contraction and churn down. Series ids are "mrr" and the movement
// kinds, so that a click on a bar names the kind and (as the category) the
// month.
func MRR(months []figures.Month, cur string) (Options, error) {
	labels := monthLabels(months)
	monthAxis := func(grid int, show bool) opts.XAxis {
		return opts.XAxis{Type: "category", Data: labels, GridIndex: grid,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(show), Formatter: FormatMonth, HideOverlap: opts.Bool(true)},
			AxisTick:  &opts.AxisTick{Show: opts.Bool(false)}}
	}
	moneyAxis := func(grid int, name string) opts.YAxis {
		return opts.YAxis{Type: "value", GridIndex: grid, Name: name, SplitNumber: 3,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatMoneyShort(cur))}}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatMoney(cur)))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithAxisPointerOpts(&opts.AxisPointer{Link: []opts.AxisPointerLink{{XAxisIndex: []int{0, 1}}}}),
		charts.WithGridOpts(
			// Fixed margins (not containLabel) so that both grids line up
			// month for month whatever their labels' widths.
			opts.Grid{Left: "64", Right: "16", Top: "48", Height: "38%"},
			opts.Grid{Left: "64", Right: "16", Top: "63%", Bottom: "28"},
		),
		charts.WithXAxisOpts(monthAxis(0, false)),
		charts.WithYAxisOpts(moneyAxis(0, "MRR")),
	)
	line.ExtendXAxis(monthAxis(1, true))
	line.ExtendYAxis(moneyAxis(1, "Movements"))

	mrr := make([]opts.LineData, len(months))
	for i, m := range months {
		mrr[i] = opts.LineData{Value: value(m.Revenue.MRR)}
	}
	line.AddSeries("MRR", mrr,
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Id = "mrr"
			s.Symbol = "circle"
			s.SymbolSize = 5
		}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.06)}),
	)
	bars := charts.NewBar()
	for _, k := range Movements {
		data := make([]opts.BarData, len(months))
		nonzero := false
		for i := range months {
			var v int64
			if p := months[i].Movement(k); p != nil {
				v = k.Effect(*p)
			}
			nonzero = nonzero || v != 0
			data[i] = opts.BarData{Value: v}
		}
		if k == revenue.FX && !nonzero {
			continue // single-currency workspaces never show an fx legend
		}
		bars.AddSeries(k.Label(), data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Id = string(k)
			s.Stack = "movements"
			s.XAxisIndex, s.YAxisIndex = 1, 1
			s.BarMaxWidth = "28"
		}), charts.WithItemStyleOpts(opts.ItemStyle{Color: MovementColours[k]}))
	}
	line.Overlap(bars)
	return encode(line)
}

// Sparkline is a tile's 12-month trend: a bare line with no axes; a nil
// value is a gap.
func Sparkline(values []*float64, colour string) (Options, error) {
	xs := make([]int, len(values))
	data := make([]opts.LineData, len(values))
	for i, v := range values {
		xs[i] = i
		if v == nil {
			data[i] = opts.LineData{Value: "-"}
		} else {
			data[i] = opts.LineData{Value: *v}
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "2", Right: "2", Top: "3", Bottom: "3"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Show: opts.Bool(false), Data: xs}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Scale: opts.Bool(true)}),
	)
	line.AddSeries("trend", data,
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Id = "trend"
			s.Symbol = "none"
			s.Color = colour
			s.SelectedMode = opts.Bool(false)
		}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: colour}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Color: colour, Opacity: opts.Float(0.1)}),
	)
	return encode(line)
}

// PlanMix is the MRR of each plan at a month end, largest on top, as
// horizontal bars (never a pie).
func PlanMix(plans []revenue.PlanMRR, cur string) (Options, error) {
	names := make([]string, len(plans))
	data := make([]opts.BarData, len(plans))
	for i, p := range plans {
		names[i] = p.Plan
		data[i] = opts.BarData{Value: p.MRR}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatMoney(cur)))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "4", Right: "16", Top: "8", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", SplitNumber: 3, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatMoneyShort(cur))}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Width: 120, Overflow: "truncate"}}),
	)
	bar.AddSeries("MRR", data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "plans"
		s.BarMaxWidth = "22"
	}), charts.WithItemStyleOpts(opts.ItemStyle{Color: Accent}))
	return encode(bar)
}

// CustomerMRR is one customer's MRR at each month end, a bar per month.
func CustomerMRR(months []string, mrr []int64, cur string) (Options, error) {
	data := make([]opts.BarData, len(mrr))
	for i, v := range mrr {
		data[i] = opts.BarData{Value: v}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatMoney(cur)))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "4", Right: "12", Top: "12", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: months,
			AxisLabel: &opts.AxisLabel{Formatter: FormatMonth, HideOverlap: opts.Bool(true)}, AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 2, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatMoneyShort(cur))}}),
	)
	bar.AddSeries("MRR", data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "mrr"
		s.BarMaxWidth = "18"
	}), charts.WithItemStyleOpts(opts.ItemStyle{Color: Accent}))
	return encode(bar)
}

package charts

import (
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"keel/backend/figures"
	"keel/backend/product"
	"keel/backend/traffic"
)

// Charts of the Users screen: signups with activation, the usage
// distribution per account, and the website traffic.

// Further formatter names (see charts.go).
const (
	FormatDecimal = "keel:decimal" // 1.234 → "1.2"
	FormatDay     = "keel:day"     // "2025-03-04" → "Mar 4, 2025"
)

// FormatMixedTooltip is an axis tooltip whose series read with their own
// value formatter, in series order (the last one serves the rest):
// signups as counts next to the activation rate as a percentage.
func FormatMixedTooltip(values ...string) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = strings.TrimPrefix(v, "keel:")
	}
	return "keel:tooltip-mixed:" + strings.Join(names, "|")
}

// Muted is the colour of the part of a bar that is not the point: the
// signups not activated (yet).
const Muted = "#A9B8DA"

// Heavy is the colour of the accounts above the heavy-usage threshold
// (amber: a warning, with words next to it on the page).
const Heavy = "#D97706"

func monthAxis(labels []string) opts.XAxis {
	return opts.XAxis{Type: "category", Data: labels,
		AxisLabel: &opts.AxisLabel{Formatter: FormatMonth, HideOverlap: opts.Bool(true)},
		AxisTick:  &opts.AxisTick{Show: opts.Bool(false)}}
}

// Signups is the Users screen's main chart: each month's signups as bars,
// split into activated and not (yet) once activation events are picked,
// with the activation rate as a line on its own axis. Series ids are
// "activated", "pending" (or "signups") and "rate".
func Signups(months []figures.Month) (Options, error) {
	labels := make([]string, len(months))
	picked := false
	for i, m := range months {
		labels[i] = m.Month.String()
		picked = picked || m.Product.ActivationRate != nil
	}
	bar := charts.NewBar()
	tooltip := FormatTooltip(FormatCount)
	if picked {
		tooltip = FormatMixedTooltip(FormatCount, FormatCount, FormatPercent)
	}
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(tooltip)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(picked), Top: "0", Left: "0", Icon: "roundRect", ItemWidth: 10, ItemHeight: 10}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: topFor(picked), Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(monthAxis(labels)),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "Signups", SplitNumber: 3, MinInterval: 1,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}}),
	)
	if !picked {
		data := make([]opts.BarData, len(months))
		for i, m := range months {
			data[i] = opts.BarData{Value: value(m.Product.Signups)}
		}
		bar.AddSeries("Signups", data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Id = "signups"
			s.BarMaxWidth = "28"
		}), charts.WithItemStyleOpts(opts.ItemStyle{Color: Accent}))
		return encode(bar)
	}
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "Activation", Min: 0, Max: 1, SplitNumber: 2, Position: "right",
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)},
		AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatPercent)}})
	act := make([]opts.BarData, len(months))
	pending := make([]opts.BarData, len(months))
	rate := make([]opts.LineData, len(months))
	for i, m := range months {
		var signups, activated int64
		if m.Product.Signups != nil {
			signups = *m.Product.Signups
		}
		if m.Activated != nil {
			activated = *m.Activated
		}
		act[i] = opts.BarData{Value: activated}
		pending[i] = opts.BarData{Value: signups - activated}
		rate[i] = opts.LineData{Value: "-"}
		if m.Product.ActivationRate != nil {
			rate[i] = opts.LineData{Value: *m.Product.ActivationRate}
		}
	}
	addBars(bar, "signups", "28", barSeries{"activated", "Activated", Accent, act},
		barSeries{"pending", "Not activated", Muted, pending})
	overlayTrend(bar, "rate", "Activation rate", rate)
	return encode(bar)
}

func topFor(legend bool) string {
	if legend {
		return "40"
	}
	return "28"
}

// bucketLabel names a bucket of the usage distribution: "1", "2–3", "4–7".
func bucketLabel(b product.Bucket) string {
	if b.Min == b.Max {
		return strconv.FormatInt(b.Min, 10)
	}
	return strconv.FormatInt(b.Min, 10) + "–" + strconv.FormatInt(b.Max, 10)
}

// Usage is the distribution of events per account: accounts per bucket of
// events (powers of two), the buckets above the heavy-usage threshold in
// amber.
func Usage(buckets []product.Bucket, threshold, median *int64) (Options, error) {
	labels := make([]string, len(buckets))
	data := make([]opts.BarData, len(buckets))
	for i, b := range buckets {
		labels[i] = bucketLabel(b)
		data[i] = opts.BarData{Value: b.Accounts}
		switch {
		case threshold != nil && b.Min > *threshold:
			data[i].ItemStyle = &opts.ItemStyle{Color: Heavy}
		case median != nil && b.Min <= *median && *median <= b.Max:
			data[i].ItemStyle = &opts.ItemStyle{Color: Accent}
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatCount))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "60", Top: "28", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels, Name: "events", NameLocation: "end",
			AxisTick: &opts.AxisTick{Show: opts.Bool(false)}, AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "Accounts", SplitNumber: 3, MinInterval: 1,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}}),
	)
	bar.AddSeries("Accounts", data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "usage"
		s.BarMaxWidth = "36"
	}), charts.WithItemStyleOpts(opts.ItemStyle{Color: Muted}))
	return encode(bar)
}

// trafficPoints is how many points the traffic chart draws at most (the
// latest ones): three months of days, a year of weeks.
var trafficPoints = map[string]int{"day": 92, "week": 53, "month": 36}

// Traffic is the website's visitors over time as one line: days, weeks or
// months, the latest points only.
func Traffic(points []traffic.Point, name, step string) (Options, error) {
	if n := trafficPoints[step]; n > 0 && len(points) > n {
		points = points[len(points)-n:]
	}
	labels := make([]string, len(points))
	data := make([]opts.LineData, len(points))
	for i, p := range points {
		labels[i] = p.Day
		if step == "month" && len(p.Day) >= 7 {
			labels[i] = p.Day[:7]
		}
		data[i] = opts.LineData{Value: p.Value}
	}
	axis := FormatDay
	if step == "month" {
		axis = FormatMonth
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(FormatTooltip(FormatCount))}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "12", Top: "12", Bottom: "4", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels,
			AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axis), HideOverlap: opts.Bool(true)}, AxisTick: &opts.AxisTick{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", SplitNumber: 3, MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(FormatCount)}}),
	)
	line.AddSeries(name, data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = "traffic"
		s.Symbol = "none"
		s.Color = Accent
	}), charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Color: Accent}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Color: Accent, Opacity: opts.Float(0.08)}))
	return encode(line)
}

package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// barSeries is one bar series of a chart of bars with a line over them.
type barSeries struct {
	id, name, colour string
	data             []opts.BarData
}

// addBars adds the series to bar, stacked together when stack is not "".
func addBars(bar *charts.Bar, stack, width string, ss ...barSeries) {
	for _, s := range ss {
		bar.AddSeries(s.name, s.data, charts.WithSeriesOpts(func(x *charts.SingleSeries) {
			x.Id = s.id
			x.Stack = stack
			x.BarMaxWidth = width
		}), charts.WithItemStyleOpts(opts.ItemStyle{Color: s.colour}))
	}
}

// overlayTrend draws data as a line on bar's second (right) axis, in the
// heavy colour the sales and activation charts share.
func overlayTrend(bar *charts.Bar, id, name string, data []opts.LineData) {
	line := charts.NewLine()
	line.AddSeries(name, data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Id = id
		s.YAxisIndex = 1
		s.Symbol = "circle"
		s.SymbolSize = 5
		s.Color = Heavy
	}), charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: Heavy}))
	bar.Overlap(line)
}

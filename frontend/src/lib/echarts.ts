// The echarts the page bundles: only the chart types and components Keel
// uses, through echarts/core, so the bundle stays small. Chart.svelte is the
// only user; tests replace this module with a fake.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, AxisPointerComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { THEME_NAMES, theme, type Scheme } from './charts';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AxisPointerComponent, AriaComponent, SVGRenderer]);
echarts.registerTheme(THEME_NAMES.light, theme('light'));
echarts.registerTheme(THEME_NAMES.dark, theme('dark'));

/** What Chart.svelte needs of an echarts instance. */
export interface ChartInstance {
  setOption(options: Record<string, unknown>, opts?: { notMerge?: boolean }): void;
  resize(): void;
  on(event: 'click', cb: (params: ChartClick) => void): void;
  dispatchAction?(action: { type: string }): void;
  dispose(): void;
}

/** The part of echarts' click event the screens use. */
export interface ChartClick {
  componentType?: string;
  seriesType?: string;
  seriesId?: string;
  seriesName?: string;
  /** The category: the month "2025-03" on Keel's time axes. */
  name?: string;
  dataIndex?: number;
  value?: unknown;
}

export function createChart(el: HTMLElement, scheme: Scheme): ChartInstance {
  return echarts.init(el, THEME_NAMES[scheme], { renderer: 'svg' }) as unknown as ChartInstance;
}

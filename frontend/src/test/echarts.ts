// A fake of lib/echarts for the unit tests: jsdom cannot draw, so charts
// record their options and let a test fire echarts' click event.
import { vi } from 'vitest';
import type { ChartClick, ChartInstance } from '../lib/echarts';

export interface FakeChart extends ChartInstance {
  el: HTMLElement;
  scheme: string;
  options: Record<string, unknown> | null;
  disposed: boolean;
  click(p: ChartClick): void;
}

export const charts: FakeChart[] = [];

export const createChart = vi.fn((el: HTMLElement, scheme: string): ChartInstance => {
  const handlers: ((p: ChartClick) => void)[] = [];
  const c: FakeChart = {
    el,
    scheme,
    options: null,
    disposed: false,
    setOption(o) {
      c.options = o;
    },
    resize() {},
    on(_event, cb) {
      handlers.push(cb);
    },
    dispose() {
      c.disposed = true;
    },
    click(p) {
      for (const h of handlers) h(p);
    },
  };
  charts.push(c);
  return c;
});

/** The live chart drawn in the element with data-testid=testid. */
export function chartIn(testid: string): FakeChart {
  const box = document.querySelector(`[data-testid="${testid}"]`);
  const c = [...charts].reverse().find((x) => !x.disposed && box?.contains(x.el));
  if (!c) throw new Error(`no chart in ${testid}`);
  return c;
}

export function resetCharts(): void {
  charts.length = 0;
  createChart.mockClear();
}

// What the page adds to the chart options the Go side builds (backend/charts):
// formatters and the one echarts theme.
//
// Convention: any `formatter` or `valueFormatter` in the options that is a
// string starting with "keel:" names a function of format.ts:
//   keel:month               "2025-03" → "Mar 2025" (other categories as they are)
//   keel:money:<cur>         exact money from minor units: "$1,234.56"
//   keel:money-short:<cur>   abbreviated money for axes: "$12.3k"
//   keel:percent             a fraction: 0.956 → "95.6%"
//   keel:count               a whole number: "1,234"
//   keel:tooltip:<value fmt> an axis tooltip: the month as a heading, then
//                            each series' marker, name and value (series at
//                            0 are left out, except the first)
//   keel:day                 "2025-03-04" → "Mar 4, 2025"
//   keel:tooltip-mixed:<fmt>|<fmt>…  an axis tooltip whose series read with
//                            their own formatter, in series order (the last
//                            serves the rest); every series is listed
// Money and counts are shaped here, on the page, so they follow the OS locale.
import { count, DASH, day, decimal, exponent, money, month, percent } from './format';
import { MULTIPLE_DIGITS } from './figures';

type Fn = (...args: unknown[]) => string;

const YM = /^\d{4}-\d{2}$/;

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** A day "2025-03-04" as the locale writes it: "Mar 4, 2025". */
export function dayLabel(v: unknown): string {
  const s = String(v ?? '');
  return YMD.test(s) ? day(s) : s;
}

/** A category label: months read "Mar 2025", days "Mar 4, 2025", anything else as it is. */
export function categoryLabel(v: unknown): string {
  const s = String(v ?? '');
  return YM.test(s) ? month(s) : YMD.test(s) ? dayLabel(s) : s;
}

function num(v: unknown): number | null {
  if (Array.isArray(v)) v = v[v.length - 1];
  if (v && typeof v === 'object' && 'value' in v) v = (v as { value: unknown }).value;
  if (v === null || v === undefined || v === '' || v === '-') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * Axis money: abbreviated with only the digits the tick needs ($30K,
 * $2.5K, $12.3K, $0), the same in every engine's Intl.
 */
export function shortMoney(minor: number | null, currency: string): string {
  if (minor === null) return DASH;
  const major = Math.abs(minor) / 10 ** exponent(currency);
  if (major === 0) return money(0, currency, { compact: true, digits: 1 });
  const mantissa = major.toExponential(2).split('e')[0].replace('.', '').replace(/0+$/, '');
  return money(minor, currency, { compact: true, digits: Math.max(1, Math.min(3, mantissa.length)) });
}

/** The value formatter named by a "keel:" string (without the tooltip form), or null. */
export function valueFormatter(name: string): ((v: unknown) => string) | null {
  const [keel, kind, arg] = name.split(':');
  if (keel !== 'keel') return null;
  switch (kind) {
    case 'month':
      return categoryLabel;
    case 'money':
      return (v) => money(num(v), arg || 'usd');
    case 'money-short':
      return (v) => shortMoney(num(v), arg || 'usd');
    case 'percent':
      return (v) => percent(num(v), 1);
    case 'count':
      return (v) => count(num(v));
    case 'decimal':
      return (v) => decimal(num(v), MULTIPLE_DIGITS);
    case 'day':
      return dayLabel;
    default:
      return null;
  }
}

interface TooltipParam {
  axisValue?: unknown;
  axisValueLabel?: unknown;
  name?: unknown;
  seriesName?: string;
  seriesIndex?: number;
  marker?: string;
  value?: unknown;
  data?: unknown;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An axis tooltip: heading, then one line per series, in the options'
 * order (the total first), with its exact value. */
export function axisTooltip(value: (v: unknown) => string): Fn {
  return (raw: unknown) => {
    const params = ((Array.isArray(raw) ? raw : [raw]) as TooltipParam[])
      .slice()
      .sort((a, b) => (a.seriesIndex ?? 0) - (b.seriesIndex ?? 0));
    if (params.length === 0) return '';
    const head = categoryLabel(params[0].axisValue ?? params[0].name);
    const lines = params
      .filter((p, i) => i === 0 || (num(p.value ?? p.data) ?? 0) !== 0)
      .map(
        (p) =>
          `<div class="kt-row">${p.marker ?? ''}<span class="kt-name">${escape(p.seriesName ?? '')}</span>` +
          `<span class="kt-value">${escape(value(p.value ?? p.data))}</span></div>`,
      );
    return `<div class="kt"><div class="kt-head">${escape(head)}</div>${lines.join('')}</div>`;
  };
}

/** An axis tooltip whose series each read with their own formatter (by series index). */
export function mixedTooltip(values: ((v: unknown) => string)[]): Fn {
  return (raw: unknown) => {
    const params = (Array.isArray(raw) ? raw : [raw]) as (TooltipParam & { seriesIndex?: number })[];
    if (params.length === 0 || values.length === 0) return '';
    const head = categoryLabel(params[0].axisValue ?? params[0].name);
    const lines = params.map((p) => {
      const fmt = values[Math.min(p.seriesIndex ?? 0, values.length - 1)];
      return (
        `<div class="kt-row">${p.marker ?? ''}<span class="kt-name">${escape(p.seriesName ?? '')}</span>` +
        `<span class="kt-value">${escape(fmt(p.value ?? p.data))}</span></div>`
      );
    });
    return `<div class="kt"><div class="kt-head">${escape(head)}</div>${lines.join('')}</div>`;
  };
}

/** The function a "keel:" formatter string names, or null for other strings. */
export function formatterFor(name: string): Fn | null {
  if (name.startsWith('keel:tooltip-mixed:')) {
    const fmts = name
      .slice('keel:tooltip-mixed:'.length)
      .split('|')
      .map((f) => valueFormatter(`keel:${f}`));
    return fmts.every((f) => f !== null) ? mixedTooltip(fmts as ((v: unknown) => string)[]) : null;
  }
  if (name.startsWith('keel:tooltip:')) {
    const inner = valueFormatter(`keel:${name.slice('keel:tooltip:'.length)}`);
    return inner ? axisTooltip(inner) : null;
  }
  return valueFormatter(name) as Fn | null;
}

const FORMATTER_KEYS = new Set(['formatter', 'valueFormatter']);

/**
 * A deep copy of options with every "keel:" formatter replaced by its
 * function. Unknown names are dropped (echarts would print them as a
 * template), so a chart never shows "keel:…".
 */
export function prepare(options: Record<string, unknown>): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (FORMATTER_KEYS.has(k) && typeof x === 'string' && x.startsWith('keel:')) {
        const fn = formatterFor(x);
        if (fn) out[k] = fn;
        continue;
      }
      out[k] = walk(x);
    }
    return out;
  };
  return walk(options) as Record<string, unknown>;
}

// ---- the theme: one set of rules, two palettes (light and dark) ----

export type Scheme = 'light' | 'dark';

const PALETTES: Record<Scheme, { ink: string; text: string; muted: string; line: string; grid: string; tip: string; tipBorder: string; series: string[] }> = {
  light: {
    ink: '#1a1d23',
    text: '#3b414b',
    muted: '#6b7280',
    line: '#c9ced6',
    grid: '#eceef2',
    tip: '#ffffff',
    tipBorder: '#e2e5ea',
    series: ['#1a1d23', '#3366e6', '#0d9488', '#ea580c', '#7c3aed', '#db2777', '#65a30d', '#0891b2'],
  },
  dark: {
    ink: '#e7e9ed',
    text: '#c3c8d0',
    muted: '#959ba5',
    line: '#434953',
    grid: '#2a2e35',
    tip: '#22252b',
    tipBorder: '#3a3f47',
    series: ['#e7e9ed', '#6b94ff', '#2dd4bf', '#fb923c', '#a78bfa', '#f472b6', '#a3e635', '#22d3ee'],
  },
};

export const THEME_NAMES: Record<Scheme, string> = { light: 'keel-light', dark: 'keel-dark' };

/** Keel's echarts theme for a colour scheme. */
export function theme(scheme: Scheme): Record<string, unknown> {
  const p = PALETTES[scheme];
  const font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Ubuntu, Cantarell, 'Noto Sans', Arial, sans-serif";
  const axis = {
    axisLine: { show: true, lineStyle: { color: p.line } },
    axisTick: { show: false, lineStyle: { color: p.line } },
    axisLabel: { color: p.muted, fontSize: 11 },
    splitLine: { show: true, lineStyle: { color: p.grid } },
    nameTextStyle: { color: p.muted, fontSize: 11 },
  };
  return {
    color: p.series,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: font, color: p.text },
    legend: { textStyle: { color: p.text, fontSize: 12 }, inactiveColor: p.line },
    tooltip: {
      backgroundColor: p.tip,
      borderColor: p.tipBorder,
      borderWidth: 1,
      padding: [8, 10],
      textStyle: { color: p.ink, fontSize: 12 },
      extraCssText: 'box-shadow: 0 4px 14px rgba(0,0,0,.18); border-radius: 7px;',
      axisPointer: { lineStyle: { color: p.line }, shadowStyle: { color: scheme === 'dark' ? 'rgba(255,255,255,0.05)' : 'rgba(15,23,42,0.05)' } },
    },
    categoryAxis: { ...axis, splitLine: { show: false } },
    valueAxis: { ...axis, axisLine: { show: false } },
    line: { symbolSize: 5, lineStyle: { width: 2 } },
    bar: { itemStyle: { borderRadius: 0 } },
  };
}

/** The scheme the OS asks for. */
export function currentScheme(): Scheme {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

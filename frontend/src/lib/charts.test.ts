import { describe, expect, it } from 'vitest';
import { axisTooltip, categoryLabel, formatterFor, prepare, theme } from './charts';

describe('chart formatters', () => {
  it('maps the keel: names to format.ts', () => {
    expect(formatterFor('keel:month')!('2025-03')).toBe('Mar 2025');
    expect(formatterFor('keel:money:usd')!(123456)).toBe('$1,234.56');
    expect(formatterFor('keel:money:jpy')!({ value: 1500 })).toBe('¥1,500');
    expect(formatterFor('keel:money-short:usd')!(1234500)).toBe('$12.3k');
    expect(formatterFor('keel:money-short:usd')!(-100000)).toBe('−$1k');
    expect(formatterFor('keel:money-short:usd')!(3000000)).toBe('$30k');
    expect(formatterFor('keel:money-short:usd')!(250000)).toBe('$2.5k');
    expect(formatterFor('keel:money-short:usd')!(0)).toBe('$0');
    expect(formatterFor('keel:money-short:usd')!(50000)).toBe('$500');
    expect(formatterFor('keel:percent')!(0.956)).toBe('95.6%');
    expect(formatterFor('keel:count')!(1234)).toBe('1,234');
    expect(formatterFor('keel:money:usd')!('-')).toBe('—');
    expect(formatterFor('keel:nonsense')).toBeNull();
    expect(formatterFor('{value} €')).toBeNull();
    expect(categoryLabel('Growth · yearly')).toBe('Growth · yearly');
  });

  it('replaces formatter names deep in the options and leaves the rest alone', () => {
    const raw = {
      xAxis: [{ data: ['2025-01'], axisLabel: { formatter: 'keel:month' } }],
      yAxis: [{ axisLabel: { formatter: 'keel:money-short:eur' } }],
      tooltip: { formatter: 'keel:tooltip:money:eur' },
      series: [{ label: { formatter: '{b}' }, data: [{ value: 1 }] }],
      legend: { formatter: 'keel:unknown' },
    };
    const o = prepare(raw) as any;
    expect(typeof o.xAxis[0].axisLabel.formatter).toBe('function');
    expect(o.yAxis[0].axisLabel.formatter(250000)).toBe('€2.5k');
    expect(typeof o.tooltip.formatter).toBe('function');
    expect(o.series[0].label.formatter).toBe('{b}');
    expect('formatter' in o.legend).toBe(false);
    expect(raw.xAxis[0].axisLabel.formatter).toBe('keel:month'); // a copy
  });

  it('writes an axis tooltip: the month, the total first, exact values, zeros left out', () => {
    const tip = axisTooltip(formatterFor('keel:money:usd')!);
    const html = tip([
      { axisValue: '2026-02', seriesName: 'New', seriesIndex: 1, value: 196441, marker: '<i></i>' },
      { axisValue: '2026-02', seriesName: 'Reactivation', seriesIndex: 2, value: 0, marker: '' },
      { axisValue: '2026-02', seriesName: 'MRR <total>', seriesIndex: 0, value: 2904457, marker: '' },
    ]);
    expect(html).toContain('Feb 2026');
    expect(html.indexOf('MRR')).toBeLessThan(html.indexOf('New'));
    expect(html).toContain('$1,964.41');
    expect(html).not.toContain('Reactivation');
    expect(html).toContain('MRR &lt;total&gt;');
  });

  it('has one theme in two palettes', () => {
    const light = theme('light') as any;
    const dark = theme('dark') as any;
    expect(Object.keys(light).sort()).toEqual(Object.keys(dark).sort());
    expect(light.color[0]).not.toBe(dark.color[0]);
    expect(light.textStyle.color).not.toBe(dark.textStyle.color);
  });
});

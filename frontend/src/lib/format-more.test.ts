// format.ts helpers added for the Users and Support screens.
import { describe, expect, it } from 'vitest';
import { day, minutes } from './format';
import { formatterFor, prepare } from './charts';

describe('minutes', () => {
  it.each([
    [null, '—'],
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [101, '1 h 41 min'],
    [1439, '23 h 59 min'],
    [1440, '1 d'],
    [4985, '3 d 11 h'],
    [2870, '2 d'],
    [-90, '\u22121 h 30 min'],
  ])('%s → %s', (n, want) => {
    expect(minutes(n as number | null)).toBe(want);
  });
});

describe('day', () => {
  it('reads the calendar day as written, whatever the zone', () => {
    expect(day('2025-03-04')).toBe('Mar 4, 2025');
    expect(day('2025-12-31T23:30:00-05:00')).toBe('Dec 31, 2025');
    expect(day('soon')).toBe('—');
  });
});

describe('chart formatters for mixed series', () => {
  it('reads each series with its own formatter', () => {
    const f = formatterFor('keel:tooltip-mixed:count|percent')!;
    const html = f([
      { axisValue: '2026-02', seriesIndex: 0, seriesName: 'Signups', value: 1234, marker: '' },
      { axisValue: '2026-02', seriesIndex: 1, seriesName: 'Activation <rate>', value: 0.456, marker: '' },
      { axisValue: '2026-02', seriesIndex: 2, seriesName: 'Other', value: 0.5, marker: '' },
    ]);
    expect(html).toContain('Feb 2026');
    expect(html).toContain('1,234');
    expect(html).toContain('45.6%');
    expect(html).toContain('50.0%'); // the last formatter serves the rest
    expect(html).toContain('Activation &lt;rate&gt;');
    expect(formatterFor('keel:tooltip-mixed:count|nonsense')).toBeNull();
  });

  it('formats day axes and day headings', () => {
    const o = prepare({ xAxis: { axisLabel: { formatter: 'keel:day' } } }) as { xAxis: { axisLabel: { formatter: (v: string) => string } } };
    expect(o.xAxis.axisLabel.formatter('2021-09-20')).toBe('Sep 20, 2021');
    const tip = formatterFor('keel:tooltip:count')!;
    expect(tip([{ axisValue: '2021-09-20', seriesName: 'Visitors', value: 3 }])).toContain('Sep 20, 2021');
  });
});

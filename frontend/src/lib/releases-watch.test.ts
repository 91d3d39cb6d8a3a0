import { describe, expect, it } from 'vitest';
import { change, tone, usual, value, watchLabel, why } from './releases-watch';
import type { Cell, Figure } from './releases';

const cell = (c: Partial<Cell>): Cell => ({ after: null, before: null, change: null, change_pct: null, usual: null, outside: '', alarm: false, reading: '', series: [], ...c });
const figure = (f: Partial<Figure>): Figure =>
  ({ key: 'k', label: 'K', group: 'support', unit: 'count', good: 'down', by_plan: [], segment: [], missing: '', ...cell({}), ...f }) as Figure;

describe('watch window numbers', () => {
  it('reads counts, money and rates, and “—” for no value (never 0)', () => {
    expect(value('count', 1234, 'usd')).toBe('1,234');
    expect(value('money', 54232, 'usd')).toBe('$542.32');
    expect(value('money', 0, 'usd')).toBe('$0.00');
    expect(value('rate', 0.4123, 'usd')).toBe('41.2%');
    expect(value('count', null, 'usd')).toBe('—');
    expect(value('money', undefined, 'eur')).toBe('—');
  });

  it('writes the change with its sign, in points for rates', () => {
    expect(change('count', cell({ change: 32, change_pct: 1.28 }), 'usd')).toBe('+32 (+128%)');
    expect(change('money', cell({ change: -1200, change_pct: -0.5 }), 'usd')).toBe('−$12.00 (−50%)');
    expect(change('count', cell({ change: 5, change_pct: null }), 'usd')).toBe('+5');
    expect(change('rate', cell({ change: 0.031 }), 'usd')).toBe('+3.1 pts');
    expect(change('count', cell({ change: 0 }), 'usd')).toBe('=');
    expect(change('count', cell({}), 'usd')).toBe('—');
  });

  it('writes the usual range, and says why a cell is empty', () => {
    expect(usual('count', cell({ usual: { min: 19, max: 30, windows: 8 } }), 'usd')).toBe('19–30');
    expect(usual('count', cell({ usual: { min: 0, max: 0, windows: 8 } }), 'usd')).toBe('0');
    expect(usual('count', cell({}), 'usd')).toBe('—');
    const f = figure({ missing: 'Your tickets end on 10 Jul 2025; import tickets created up to 15 Jul 2025 to fill this window.' });
    expect(why(f, cell({}))).toContain('import tickets');
    expect(why(f, cell({ after: 3 }))).toBe('');
  });

  it('colours a change by whether it is good news', () => {
    expect(tone(figure({ good: 'down' }), cell({ change: 4 }))).toBe('bad');
    expect(tone(figure({ good: 'up' }), cell({ change: 4 }))).toBe('good');
    expect(tone(figure({ good: 'up' }), cell({ change: 0 }))).toBe('');
  });

  it('names watched numbers and tags', () => {
    expect(watchLabel('refunds')).toBe('Refunds');
    expect(watchLabel('tag:invoices')).toBe('Tickets tagged invoices');
    expect(watchLabel('something')).toBe('something');
  });
});

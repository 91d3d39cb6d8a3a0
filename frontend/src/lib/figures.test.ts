import { describe, expect, it } from 'vitest';
import { changeSentence, changeText, figure, flat, movementSentence, movementWords } from './figures';
import type { Tile } from './revenue';

const t = (x: Partial<Tile>): Tile => ({
  key: 'k', label: 'K', unit: 'money', digits: 0, better: 'up', value: 0, prev: 0, delta: 0, change: null, good: null,
  months: [], values: [], spark: null, rule: '', missing: '', note: null, ...x,
});

describe('figures', () => {
  it('reads each unit', () => {
    expect(figure(2904457, 'money', 'usd', true)).toBe('$29.0k');
    expect(figure(2904457, 'money', 'usd')).toBe('$29,044.57');
    expect(figure(99900, 'money', 'usd', true)).toBe('$999.00');
    expect(figure(1500000, 'money', 'jpy', true)).toBe('¥1.50M');
    expect(figure(0.0312, 'ratio', 'usd')).toBe('3.1%');
    // Multiples read with two decimals on every screen (figures.Unit.Digits).
    expect(figure(3.25, 'multiple', 'usd')).toBe('3.25');
    expect(figure(1.5217, 'multiple', 'usd', true, 2)).toBe('1.52');
    expect(figure(1234, 'count', 'usd')).toBe('1,234');
    expect(figure(null, 'money', 'usd')).toBe('—');
  });

  it('words the month-over-month change', () => {
    expect(changeText(t({ value: 110, prev: 100, delta: 10, change: 0.1 }), 'usd')).toBe('+10.0%');
    expect(changeText(t({ unit: 'ratio', value: 0.031, prev: 0.016, delta: 0.015 }), 'usd')).toBe('+1.5 pts');
    expect(changeText(t({ unit: 'count', value: 5, prev: 8, delta: -3 }), 'usd')).toBe('−3');
    expect(changeText(t({ delta: null }), 'usd')).toBe('—');
    expect(changeSentence(t({ value: 110000, prev: 100000, delta: 10000 }), 'usd')).toBe('Up $100.00 from $1,000.00 the month before.');
    expect(changeSentence(t({ unit: 'ratio', value: 0.01, prev: 0.03, delta: -0.02 }), 'usd')).toBe(
      'Down 2.0 points from 3.0% the month before.',
    );
  });

  it('never shows a change too small for its precision as "−0.0"', () => {
    const perAccount = t({ unit: 'multiple', digits: 2, better: 'down', value: 1.52, prev: 1.59, delta: -0.07, good: true });
    expect(changeText(perAccount, 'usd')).toBe('−0.07');
    expect(flat(perAccount)).toBe(false);
    const tiny = t({ unit: 'multiple', digits: 2, better: 'down', value: 1.521, prev: 1.524, delta: -0.003, good: true });
    expect(flat(tiny)).toBe(true);
    expect(changeText(tiny, 'usd')).toBe('no change');
    expect(changeSentence(tiny, 'usd')).toBe('Unchanged from 1.52 the month before.');
  });

  it('says what a movement is in words', () => {
    expect(movementWords('churn', 3)).toBe('3 customers churned');
    expect(movementWords('new', 1)).toBe('1 new customer');
    expect(movementWords('reactivation', 0)).toBe('No customers came back');
    expect(movementSentence('churn', 3, -8700, 'usd')).toBe('3 customers churned (−$87.00 MRR)');
  });
});

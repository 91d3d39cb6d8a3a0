import { describe, expect, it } from 'vitest';
import {
  bytes,
  confidenceWord,
  count,
  decimalString,
  duration,
  exponent,
  keelNow,
  money,
  month,
  monthRange,
  percent,
  plural,
  relative,
  separatorName,
  shortHash,
  syncClock,
  timeLeft,
} from './format';

const NBSP = '\u00a0';

describe('money', () => {
  it.each([
    [123456, 'USD', '$1,234.56'],
    [5, 'USD', '$0.05'],
    [0, 'EUR', '€0.00'],
    [-123456, 'USD', '−$1,234.56'],
    [-5, 'usd', '−$0.05'],
    [1500, 'JPY', '¥1,500'],
    [-1500, 'JPY', '−¥1,500'],
    [1234567, 'KWD', `KWD${NBSP}1,234.567`],
    [-1, 'KWD', `−KWD${NBSP}0.001`],
    [99, 'GBP', '£0.99'],
  ])('money(%s, %s) = %s', (minor, cur, want) => {
    expect(money(minor, cur)).toBe(want);
  });

  it('is exact for amounts beyond float precision', () => {
    expect(money(123456789012345678n, 'USD')).toBe('$1,234,567,890,123,456.78');
  });

  it('shows null and undefined as a dash, never 0', () => {
    expect(money(null, 'USD')).toBe('—');
    expect(money(undefined, 'USD')).toBe('—');
    expect(money(Number.NaN, 'USD')).toBe('—');
  });

  it('abbreviates only when asked (tiles)', () => {
    expect(money(1240000, 'USD', { compact: true })).toBe('$12.4k');
    expect(money(1240000, 'USD')).toBe('$12,400.00');
  });

  it('still shows an amount for a code Intl does not know', () => {
    expect(money(1234, 'ZZZZ')).toBe('12.34 ZZZZ');
  });

  it('knows the minor-unit exponents', () => {
    expect(exponent('usd')).toBe(2);
    expect(exponent('JPY')).toBe(0);
    expect(exponent('KWD')).toBe(3);
    expect(exponent('CLF')).toBe(4);
    expect(exponent('XYZ')).toBe(2);
  });

  it.each([
    [12345, 2, '123.45'],
    [-5, 2, '-0.05'],
    [7, 0, '7'],
    [1, 3, '0.001'],
    [0, 2, '0.00'],
  ])('decimalString(%s, %s) = %s', (n, e, want) => {
    expect(decimalString(n, e)).toBe(want);
  });
});

describe('months', () => {
  it.each([
    ['2025-03-14', 'Mar 2025'],
    ['2025-03-01T00:30:00+02:00', 'Mar 2025'],
    ['2026-02-28T23:59:59Z', 'Feb 2026'],
    ['2024-12', 'Dec 2024'],
  ])('month(%s) = %s', (iso, want) => {
    expect(month(iso)).toBe(want);
  });

  it('shows a dash for missing or broken dates', () => {
    expect(month(null)).toBe('—');
    expect(month(undefined)).toBe('—');
    expect(month('')).toBe('—');
    expect(month('not a date')).toBe('—');
  });

  it('formats ranges', () => {
    expect(monthRange('2024-03-01', '2026-02-28')).toBe('Mar 2024 – Feb 2026');
    expect(monthRange('2024-03-01', '2024-03-30')).toBe('Mar 2024');
    expect(monthRange(null, null)).toBe('—');
    expect(monthRange('2024-03-01', null)).toBe('from Mar 2024');
    expect(monthRange(null, '2024-03-01')).toBe('until Mar 2024');
  });
});

describe('relative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const before = (ms: number) => new Date(now - ms).toISOString();
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it.each([
    [10_000, 'just now'],
    [5 * MIN, '5 minutes ago'],
    [3 * HOUR, '3 hours ago'],
    [30 * HOUR, 'yesterday'],
    [3 * DAY, '3 days ago'],
    [14 * DAY, '2 weeks ago'],
    [65 * DAY, '2 months ago'],
    [800 * DAY, '2 years ago'],
  ])('%s ms ago reads "%s"', (ms, want) => {
    expect(relative(before(ms), now)).toBe(want);
  });

  it('shows a dash for null', () => {
    expect(relative(null, now)).toBe('—');
  });

  it("counts from Keel's clock, not the browser's (KEEL_TODAY)", () => {
    const browser = Date.now();
    syncClock('2028-02-29T12:00:00Z', browser);
    expect(keelNow() - Date.parse('2028-02-29T12:00:00Z')).toBeLessThan(5_000);
    expect(relative('2028-02-26T12:00:00Z')).toBe('3 days ago');
    syncClock('not a time'); // ignored
    expect(relative('2028-02-29T11:59:50Z')).toBe('just now');
    syncClock(new Date(browser).toISOString(), browser);
  });
});

describe('counts and sizes', () => {
  it('groups thousands', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(count(0)).toBe('0');
    expect(count(null)).toBe('—');
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1200, 'row')).toBe('1,200 rows');
    expect(percent(0.456)).toBe('46%');
  });

  it.each([
    [532, '532 B'],
    [12_400, '12.4 KB'],
    [18_342_211, '18.3 MB'],
    [250_000_000, '250 MB'],
    [999_999, '1 MB'],
    [2_100_000_000, '2.1 GB'],
  ])('bytes(%s) = %s', (n, want) => {
    expect(bytes(n)).toBe(want);
  });

  it('formats durations and time left', () => {
    expect(duration(320)).toBe('320 ms');
    expect(duration(4200)).toBe('4.2 s');
    expect(duration(125_000)).toBe('2 min 5 s');
    expect(timeLeft(3)).toBe('a few seconds left');
    expect(timeLeft(21)).toBe('about 20 s left');
    expect(timeLeft(150)).toBe('about 3 min left');
    expect(timeLeft(3 * 3600 + 600)).toBe('about 3 h 10 min left');
  });
});

describe('words', () => {
  it('turns confidence into words', () => {
    expect(confidenceWord(0.97)).toBe('Sure');
    expect(confidenceWord(0.9)).toBe('Sure');
    expect(confidenceWord(0.6)).toBe('Likely');
    expect(confidenceWord(0.59)).toBe('Unsure');
    expect(confidenceWord(0)).toBe('Unsure');
  });

  it('names separators', () => {
    expect(separatorName(',')).toBe('comma-separated');
    expect(separatorName(';')).toBe('semicolon-separated');
    expect(separatorName('\t')).toBe('tab-separated');
  });

  it('shortens hashes', () => {
    expect(shortHash('a3f1c9e0b4d2a7c6e5f8', 8)).toBe('a3f1c9e0…');
    expect(shortHash('', 8)).toBe('—');
  });
});

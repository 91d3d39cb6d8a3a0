import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from './format';
import { addDays, dayPattern, dayText, parseDay } from './dayinput';

afterEach(() => setLocale('en-US'));

describe('days typed in the locale', () => {
  it.each([
    ['en-US', '03/31/2026', 'MM/DD/YYYY'],
    ['de-DE', '31.03.2026', 'DD.MM.YYYY'],
    ['en-GB', '31/03/2026', 'DD/MM/YYYY'],
    ['sv-SE', '2026-03-31', 'YYYY-MM-DD'],
  ])('%s writes %s and reads it back', (loc, text, pattern) => {
    setLocale(loc);
    expect(dayText('2026-03-31')).toBe(text);
    expect(dayPattern()).toBe(pattern);
    expect(parseDay(text)).toBe('2026-03-31');
    expect(parseDay('2026-03-31')).toBe('2026-03-31'); // ISO in any locale
  });

  it('reads the day and month in the locale order, not the US one', () => {
    setLocale('de-DE');
    expect(parseDay('4.2.2026')).toBe('2026-02-04');
    setLocale('en-US');
    expect(parseDay('4/2/2026')).toBe('2026-04-02');
  });

  it('refuses what is not a whole, real day', () => {
    for (const t of ['', '31/03', '02/30/2026', '13/01/2026', '3/31/26', 'tomorrow', '2026-02-29']) {
      expect(parseDay(t), t).toBeNull();
    }
    expect(parseDay('02/29/2028')).toBe('2028-02-29');
    expect(dayText('')).toBe('');
  });

  it('moves a day across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

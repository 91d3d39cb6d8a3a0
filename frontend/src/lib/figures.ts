// How the Revenue screen words its figures: a value in its unit, a
// month-over-month change, a movement in plain words.
import { count, decimal, DASH, exponent, minutes, money, percent, plural } from './format';
import type { Kind, Tile, Unit } from './revenue';

/**
 * Decimals of a multiple (tickets per account, quick ratio) when the Go
 * side does not say: its rule (figures.Unit.Digits) is two, everywhere.
 */
export const MULTIPLE_DIGITS = 2;

/** A value in its unit; money abbreviated only when compact (tiles). */
export function figure(
  v: number | null | undefined,
  unit: Unit,
  currency: string,
  compact = false,
  digits = MULTIPLE_DIGITS,
): string {
  if (v === null || v === undefined) return DASH;
  switch (unit) {
    case 'money':
      // Tiles abbreviate from a thousand on, to three significant digits
      // ($29.0K, $349K); below that the exact amount is short enough.
      return compact && Math.abs(v) >= 1000 * 10 ** exponent(currency)
        ? money(v, currency, { compact: true, digits: 3 })
        : money(v, currency);
    case 'count':
      return count(v);
    case 'ratio':
      return percent(v, 1);
    case 'multiple':
      return decimal(v, digits);
    case 'minutes':
      return minutes(v);
  }
}

/**
 * Whether a tile's change reads as none: no delta, or one too small to
 * show at the tile's precision (never "−0.0"), so no arrow and no colour.
 */
export function flat(t: Tile): boolean {
  if (t.delta === null) return false;
  if (t.delta === 0) return true;
  const digits = t.unit === 'multiple' ? (t.digits ?? MULTIPLE_DIGITS) : t.unit === 'ratio' ? 3 : 0;
  const scale = 10 ** digits;
  return Math.round(Math.abs(t.delta) * scale) === 0;
}

const plus = (s: string): string => (s.startsWith('\u2212') || s === DASH ? s : `+${s}`);

/** A tile's change in short: "+4.3%", "+9", "+0.9 pts", "+0.4"; "" when unknown. */
export function changeText(t: Tile, currency: string): string {
  // One rule for every tile and table: a change against a month without
  // data (or of a figure without data) is unknown, "—", never a change from 0.
  if (t.delta === null) return DASH;
  if (flat(t)) return 'no change';
  switch (t.unit) {
    case 'money':
      return t.change !== null ? plus(percent(t.change, 1)) : plus(money(t.delta, currency, { compact: true }));
    case 'count':
      return plus(count(t.delta));
    case 'ratio':
      return `${plus(decimal(t.delta * 100, 1))} pts`;
    case 'multiple':
      return plus(decimal(t.delta, t.digits ?? MULTIPLE_DIGITS));
    case 'minutes':
      return plus(minutes(t.delta));
  }
}

/** The exact change, for the tile's tooltip: "Up $1,234.56 from $28,000.00". */
export function changeSentence(t: Tile, currency: string): string {
  if (t.delta === null || t.prev === null) return 'No month-over-month change: the month before is unknown.';
  const d = t.digits ?? MULTIPLE_DIGITS;
  if (flat(t)) return `Unchanged from ${figure(t.prev, t.unit, currency, false, d)} the month before.`;
  const by = t.unit === 'ratio' ? `${decimal(Math.abs(t.delta) * 100, 1)} points` : figure(Math.abs(t.delta), t.unit, currency, false, d);
  return `${t.delta > 0 ? 'Up' : 'Down'} ${by} from ${figure(t.prev, t.unit, currency, false, d)} the month before.`;
}

const WORDS: Record<Kind, [string, string]> = {
  new: ['new customer', 'new customers'],
  expansion: ['customer paid more', 'customers paid more'],
  reactivation: ['customer came back', 'customers came back'],
  contraction: ['customer paid less', 'customers paid less'],
  churn: ['customer churned', 'customers churned'],
  fx: ['customer revalued by exchange rates', 'customers revalued by exchange rates'],
};

/** "3 customers churned", "1 new customer", "No new customers". */
export function movementWords(kind: Kind, n: number): string {
  const [one, many] = WORDS[kind];
  return n === 0 ? `No ${many}` : plural(n, one, many);
}

/** "3 customers churned (−$87.00 MRR)". */
export function movementSentence(kind: Kind, n: number, amount: number, currency: string): string {
  const m = money(amount, currency);
  return `${movementWords(kind, n)} (${amount > 0 ? `+${m}` : m} MRR)`;
}

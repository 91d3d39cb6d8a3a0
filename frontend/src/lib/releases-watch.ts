// How the watch window's numbers read: counts, money in the base currency
// and rates, with "—" for a window the data does not cover.
import { count, money, percent, decimal } from './format';
import type { Cell, Figure, Num } from './releases';

const DASH = '\u2014';

type Unit = Figure['unit'];

/** A figure's value: "12", "$542.32", "41.2 %"; null → "—". */
export function value(unit: Unit, n: Num | null | undefined, currency: string): string {
  if (n === null || n === undefined) return DASH;
  switch (unit) {
    case 'money':
      return money(n, currency);
    case 'rate':
      return percent(n, 1);
  }
  return count(n);
}

/** The change after − before: "+7 (+39 %)", "−$12.00", "+3.1 pts", "=". */
export function change(unit: Unit, c: Cell, currency: string): string {
  if (c.change === null || c.change === undefined) return DASH;
  if (c.change === 0) return '=';
  const sign = c.change > 0 ? '+' : '\u2212';
  const abs = Math.abs(c.change);
  if (unit === 'rate') return `${sign}${decimal(abs * 100, 1)} pts`;
  const v = unit === 'money' ? money(abs, currency) : count(abs);
  if (c.change_pct === null || c.change_pct === undefined) return `${sign}${v}`;
  return `${sign}${v} (${sign}${percent(Math.abs(c.change_pct))})`;
}

/** The usual range: "19–30", "0" when it never moved, "—" without one. */
export function usual(unit: Unit, c: Cell, currency: string): string {
  if (!c.usual) return DASH;
  const lo = value(unit, c.usual.min, currency);
  const hi = value(unit, c.usual.max, currency);
  return lo === hi ? lo : `${lo}\u2013${hi}`;
}

/** Why a cell has no value, for its tooltip. */
export function why(f: Figure, c: Cell): string {
  if (c.after !== null) return '';
  return f.missing || 'The data does not cover this window.';
}

/** Whether a change is good news, bad news or neither (for its colour). */
export function tone(f: Figure, c: Cell): 'good' | 'bad' | '' {
  if (c.change === null || c.change === 0) return '';
  return (c.change > 0) === (f.good === 'up') ? 'good' : 'bad';
}

export const GROUP_WORDS: Record<Figure['group'], string> = {
  support: 'Support',
  billing: 'Billing',
  product: 'Product',
  revenue: 'Revenue',
};

/** The figures a founder can pick to watch, as the watch window names them. */
export const WATCHABLE: { key: string; label: string }[] = [
  { key: 'tickets', label: 'Tickets' },
  { key: 'refunds', label: 'Refunds' },
  { key: 'failed_payments', label: 'Failed payments' },
  { key: 'disputes', label: 'Disputes' },
  { key: 'signups', label: 'Signups' },
  { key: 'activation_rate', label: 'Activation' },
  { key: 'mrr_new', label: 'New MRR' },
  { key: 'mrr_expansion', label: 'Expansion MRR' },
  { key: 'mrr_contraction', label: 'Contraction MRR' },
  { key: 'mrr_churn', label: 'Churned MRR' },
];

/** A watched key as the founder reads it: "tag:invoices" → "Tickets tagged invoices". */
export function watchLabel(key: string): string {
  if (key.startsWith('tag:')) return `Tickets tagged ${key.slice(4)}`;
  return WATCHABLE.find((w) => w.key === key)?.label ?? key;
}

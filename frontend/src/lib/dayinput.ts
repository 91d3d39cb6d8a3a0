// Dates typed by the founder, in the locale's own numeric order: the
// engine's <input type="date"> follows the webview's locale, not the OS
// one the rest of the page uses, so Keel formats and parses the text.
import { numericDay } from './format';

type Part = 'day' | 'month' | 'year';

/** The locale's numeric day: its field order and separator, from a sample. */
function shape(): { order: Part[]; sep: string; fmt: Intl.DateTimeFormat } {
  const fmt = numericDay();
  const parts = fmt.formatToParts(new Date(Date.UTC(2001, 10, 22)));
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as Part);
  const sep = parts.find((p) => p.type === 'literal')?.value ?? '/';
  return { order, sep, fmt };
}

/** "2026-03-31" → "03/31/2026" (en-US), "31.03.2026" (de-DE); '' stays ''. */
export function dayText(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return '';
  return shape().fmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** What to type: "MM/DD/YYYY", "DD.MM.YYYY". */
export function dayPattern(): string {
  const { order, sep } = shape();
  return order.map((p) => ({ day: 'DD', month: 'MM', year: 'YYYY' })[p]).join(sep.trim() || sep);
}

/**
 * The ISO day of a typed date, in the locale's order or as ISO
 * (2026-03-31); null when it is not a whole, real date (a four-digit year).
 */
export function parseDay(text: string): string | null {
  const nums = text.trim().split(/[^0-9]+/).filter(Boolean);
  if (nums.length !== 3) return null;
  let y: string, mo: string, d: string;
  if (nums[0].length === 4) [y, mo, d] = nums;
  else {
    const { order } = shape();
    const at = (p: Part) => nums[order.indexOf(p)];
    [y, mo, d] = [at('year'), at('month'), at('day')];
  }
  if (y.length !== 4 || mo.length > 2 || d.length > 2) return null;
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (t.getUTCFullYear() !== Number(y) || t.getUTCMonth() !== Number(mo) - 1 || t.getUTCDate() !== Number(d)) return null;
  return t.toISOString().slice(0, 10);
}

/** The ISO day n days after iso. */
export function addDays(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

// Formatting for every figure on the page: money from minor units, counts,
// months, freshness, sizes and durations. Locale-aware through Intl, using
// the OS locale unless setLocale says otherwise (tests pin "en-US").

/** Shown for a value that is not known (null), never 0. */
export const DASH = '—';

let locale: string | undefined = osLocale();

/** The OS locale as the webview reports it; a bare "C"/POSIX locale (no
 * LANG set, as on servers and under Xvfb) has no grouping, so use en-US. */
function osLocale(): string | undefined {
  const l = typeof navigator !== 'undefined' ? navigator.language : undefined;
  if (!l || /^(c|posix)([._-]|$)/i.test(l)) return 'en-US';
  try {
    return Intl.NumberFormat.supportedLocalesOf([l]).length ? l : 'en-US';
  } catch {
    return 'en-US';
  }
}
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

/** Sets the locale for all formatting; undefined means the OS locale. */
export function setLocale(l: string | undefined): void {
  locale = l ?? osLocale();
  cache.clear();
}

function nf(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `n|${key}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    cache.set(k, f);
  }
  return f;
}

function df(key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `d|${key}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    cache.set(k, f);
  }
  return f;
}

function rtf(): Intl.RelativeTimeFormat {
  let f = cache.get('r') as Intl.RelativeTimeFormat | undefined;
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    cache.set('r', f);
  }
  return f;
}

// ISO 4217 minor-unit exponents that differ from 2 (the Go side's
// money.Exponent uses the same table).
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** The number of minor-unit digits of a currency: USD 2, JPY 0, KWD 3. */
export function exponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Exact decimal text of `minor` units at `exp` digits: (-12345, 2) → "-123.45". */
export function decimalString(minor: number | bigint, exp: number): string {
  let n = typeof minor === 'bigint' ? minor : BigInt(Math.round(minor));
  const neg = n < 0n;
  if (neg) n = -n;
  let s = n.toString();
  if (exp > 0) {
    s = s.padStart(exp + 1, '0');
    s = `${s.slice(0, -exp)}.${s.slice(-exp)}`;
  }
  return neg ? `-${s}` : s;
}

const MINUS = '\u2212';

function withMinus(f: Intl.NumberFormat, v: number | string): string {
  // formatToParts accepts the exact decimal string in current engines
  // (Intl.NumberFormat v3); older ones coerce it to a number, which is fine
  // for display.
  return f
    .formatToParts(v as unknown as number)
    .map((p) => (p.type === 'minusSign' ? MINUS : p.value))
    .join('');
}

export interface MoneyOptions {
  /** Abbreviate ($12.4k), for KPI tiles only; tables and tooltips stay exact. */
  compact?: boolean;
  /** With compact: this many significant digits ($29.0k, $349k) instead of one decimal. */
  digits?: number;
}

/**
 * Money from integer minor units: money(123456, "USD") → "$1,234.56",
 * money(-500, "JPY") → "−¥500". null → "—".
 */
export function money(
  minor: number | bigint | null | undefined,
  currency: string,
  opts: MoneyOptions = {},
): string {
  if (minor === null || minor === undefined || (typeof minor === 'number' && !Number.isFinite(minor))) {
    return DASH;
  }
  const cur = currency.toUpperCase();
  const exp = exponent(cur);
  const dec = decimalString(minor, exp);
  try {
    if (opts.compact) {
      const d = opts.digits;
      const f = nf(`mc|${cur}|${d ?? ''}`, {
        style: 'currency',
        currency: cur,
        notation: 'compact',
        ...(d ? { minimumSignificantDigits: d, maximumSignificantDigits: d } : { maximumFractionDigits: 1 }),
      });
      // UI.md writes thousands with a small k ($12.4k), as founders do.
      return withMinus(f, Number(dec)).replace(/(\d)K/, '$1k');
    }
    const f = nf(`m|${cur}|${exp}`, {
      style: 'currency',
      currency: cur,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    });
    return withMinus(f, dec);
  } catch {
    // A code Intl does not know: still show the amount and the code.
    return `${withMinus(nf(`d|${exp}`, { minimumFractionDigits: exp, maximumFractionDigits: exp }), dec)} ${cur}`;
  }
}

/** A count with the locale's thousands separators; null → "—". */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return withMinus(nf('int', { maximumFractionDigits: 0 }), n);
}

/** "3 files", "1 file", "12,340 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A fraction as a percentage: 0.456 → "46%"; with digits 1, 0.4567 → "45.7%". */
export function percent(f: number | null | undefined, digits = 0): string {
  if (f === null || f === undefined || !Number.isFinite(f)) return DASH;
  return withMinus(nf(`pct|${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }), f);
}

/** A plain decimal with the locale's separators: (3.14159, 2) → "3.14". */
export function decimal(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return withMinus(nf(`dec|${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }), n);
}

const YM = /^(\d{4})-(\d{2})/;

/**
 * The month of an ISO date or timestamp as written: "2025-03-14" → "Mar 2025".
 * Taking the month from the text keeps it independent of the viewer's zone.
 */
export function month(iso: string | null | undefined): string {
  const m = iso ? YM.exec(iso) : null;
  if (!m) return DASH;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  if (Number.isNaN(d.getTime())) return DASH;
  return df('month', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A calendar day as written: "2025-03-04" → "Mar 4, 2025", read from the
 * text so that the viewer's zone cannot move it to another day.
 */
export function day(iso: string | null | undefined): string {
  const m = iso ? YMD.exec(iso) : null;
  if (!m) return DASH;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return DASH;
  return df('day', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The locale's numeric day ("03/31/2026", "31.03.2026"): date inputs. */
export function numericDay(): Intl.DateTimeFormat {
  return df('numday', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
}

/** "Mar 2024 – Feb 2026"; one month → "Mar 2024"; nothing → "—". */
export function monthRange(from: string | null | undefined, to: string | null | undefined): string {
  const a = from ? month(from) : DASH;
  const b = to ? month(to) : DASH;
  if (a === DASH && b === DASH) return DASH;
  if (a === DASH) return `until ${b}`;
  if (b === DASH) return `from ${a}`;
  if (a === b) return a;
  return `${a} \u2013 ${b}`;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Mar 3, 2025, 2:05 PM" in the viewer's zone, for titles and tooltips. */
export function dateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? df('dt', { dateStyle: 'medium', timeStyle: 'short' }).format(d) : DASH;
}

/** "Mar 3, 2025". */
export function date(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? df('date', { dateStyle: 'medium' }).format(d) : DASH;
}

/** Keel's clock minus the browser's, in ms (KEEL_TODAY moves Keel's). */
let clockOffset = 0;

/** Sets the page's clock to Keel's time (RFC 3339), as read at browserNow. */
export function syncClock(keelTime: string, browserNow: number = Date.now()): void {
  const t = Date.parse(keelTime);
  if (Number.isFinite(t)) clockOffset = t - browserNow;
}

/** Now on Keel's clock, in ms: what "how long ago" counts from. */
export function keelNow(): number {
  return Date.now() + clockOffset;
}

/** How long ago: "just now", "5 minutes ago", "yesterday", "3 days ago", "last month". */
export function relative(iso: string | null | undefined, now: number = keelNow()): string {
  const d = parse(iso);
  if (!d) return DASH;
  const s = (d.getTime() - now) / 1000;
  const a = Math.abs(s);
  if (a < 45) return 'just now';
  const r = rtf();
  const min = 60, hour = 3600, day = 86400;
  if (a < 45 * min) return r.format(Math.round(s / min), 'minute');
  if (a < 22 * hour) return r.format(Math.round(s / hour), 'hour');
  // Whole calendar-ish days so that 30 hours ago reads "yesterday".
  if (a < 7 * day) return r.format(Math.round(s / day), 'day');
  if (a < 30 * day) return r.format(Math.round(s / (7 * day)), 'week');
  if (a < 365 * day) return r.format(Math.round(s / (30.44 * day)), 'month');
  return r.format(Math.round(s / (365.25 * day)), 'year');
}

/** File sizes in SI units, as desktop file managers show them: "12.4 MB". */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return DASH;
  if (n < 1000) return `${count(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 999.95 && i < units.length - 1);
  return `${nf(v >= 100 ? 'b0' : 'b1', { maximumFractionDigits: v >= 100 ? 0 : 1 }).format(v)} ${units[i]}`;
}

/** A duration in whole minutes, as support tools show it: "45 min", "3 h 20 min", "2 d 5 h". */
export function minutes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  const neg = n < 0;
  let m = Math.round(Math.abs(n));
  let out: string;
  if (m < 60) out = `${m} min`;
  else if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    m %= 60;
    out = m ? `${h} h ${m} min` : `${h} h`;
  } else {
    const d = Math.floor(m / 1440);
    const h = Math.round((m % 1440) / 60);
    out = h === 24 ? `${d + 1} d` : h ? `${count(d)} d ${h} h` : `${count(d)} d`;
  }
  return neg ? `${MINUS}${out}` : out;
}

/** A run time: "320 ms", "4.2 s", "2 min 5 s". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${nf('s1', { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}

/** An estimate of the time left: "about 20 s left", "about 3 min left". */
export function timeLeft(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m ? `about ${h} h ${m} min left` : `about ${h} h left`;
}

export type Confidence = 'Sure' | 'Likely' | 'Unsure';

/** Detection confidence in words: ≥ 0.9 Sure, ≥ 0.6 Likely, else Unsure. */
export function confidenceWord(c: number | null | undefined): Confidence {
  if (c === null || c === undefined || !Number.isFinite(c)) return 'Unsure';
  if (c >= 0.9) return 'Sure';
  if (c >= 0.6) return 'Likely';
  return 'Unsure';
}

/** A CSV separator by name: "," → "comma-separated". */
export function separatorName(sep: string | null | undefined): string {
  switch (sep) {
    case ',':
      return 'comma-separated';
    case ';':
      return 'semicolon-separated';
    case '\t':
      return 'tab-separated';
    case '|':
      return 'pipe-separated';
    case '':
    case null:
    case undefined:
      return 'separator unknown';
    default:
      return `separated by “${sep}”`;
  }
}

/** The first characters of a hash, for tables (the full hash goes in a title). */
export function shortHash(h: string | null | undefined, n = 12): string {
  if (!h) return DASH;
  return h.length > n ? `${h.slice(0, n)}…` : h;
}

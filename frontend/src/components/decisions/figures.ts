// How a figure of the field catalogue reads, by its unit: money from minor
// units, ratios as percentages, minutes as durations; null is "—".
import { count, decimal, minutes, money, percent } from '../../lib/format';

export function showFigure(unit: string, v: number | null | undefined, currency: string): string {
  switch (unit) {
    case 'money':
      return money(v, currency);
    case 'ratio':
      return percent(v, 1);
    case 'count':
      return count(v);
    case 'minutes':
      return minutes(v);
  }
  return decimal(v, 2);
}

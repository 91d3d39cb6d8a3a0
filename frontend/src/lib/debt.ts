// Home's one list of operating debt: typed wrapper of the Go struct app.Debt.
import { call } from './api';

export type DebtKind = 'decision_overdue' | 'stale_flag' | 'not_told' | 'untriaged' | 'manual_growth' | 'known_issue';

export interface DebtEntry {
  kind: DebtKind;
  title: string;
  detail: string;
  /** The screen (areas.ts id) where it is fixed, and what to open there. */
  area: string;
  ref: string;
  since: string;
}

export interface DebtList {
  entries: DebtEntry[];
  problems: { area: string; message: string }[];
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

export const Debt = {
  List: () => call<DebtList>('Debt', 'List').then((l) => ({ entries: arr(l.entries), problems: arr(l.problems) })),
};

export const DEBT_LABEL: Record<DebtKind, string> = {
  decision_overdue: 'Decision to review',
  stale_flag: 'Stale flag',
  not_told: 'People not told',
  untriaged: 'Untriaged feedback',
  manual_growth: 'Manual work',
  known_issue: 'Known issue',
};

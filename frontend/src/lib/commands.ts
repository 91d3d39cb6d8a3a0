// The command palette's commands, built from the areas and the app's actions.
import { areas } from './areas';
import {
  app,
  closeWorkspace,
  go,
  openDemo,
  openDialog,
  openPath,
  showOverlay,
} from './app.svelte';
import { pickFiles } from './imports.svelte';
import { logManualWork } from './manual.svelte';
import { exportReport, openDueReview } from './review.svelte';
import { modKey } from './keys';

export interface Command {
  id: string;
  label: string;
  group: string;
  /** Extra words the filter matches (not shown). */
  keywords?: string;
  /** The shortcut, shown on the right. */
  keys?: string[];
  run: () => void;
}

export function commands(): Command[] {
  const list: Command[] = [];
  const open = app.workspace !== null;
  if (open) {
    for (const a of areas) {
      list.push({
        id: `go:${a.id}`,
        label: `Go to ${a.label}`,
        group: 'Go to',
        keys: ['g', a.key],
        run: () => go(a.id),
      });
    }
    list.push({
      id: 'import',
      label: 'Import files…',
      group: 'Imports',
      keywords: 'csv export stripe zendesk posthog add',
      run: () => {
        go('imports');
        void pickFiles();
      },
    });
    list.push({
      id: 'manual:log',
      label: 'Log manual work…',
      group: 'Manual work',
      keywords: 'intervention refund data fix onboarding call billing minutes',
      keys: [modKey(), 'Shift', 'M'],
      run: () => logManualWork(),
    });
    list.push(
      {
        id: 'review:start',
        label: 'Start review',
        group: 'Monthly review',
        keywords: 'monthly review continue month',
        run: () => void openDueReview(),
      },
      {
        id: 'review:export',
        label: 'Export report…',
        group: 'Monthly review',
        keywords: 'excel xlsx advisors report download',
        run: () => exportReport(),
      },
    );
  }
  list.push(
    { id: 'ws:open', label: 'Open workspace…', group: 'Workspace', keywords: 'file keel switch', run: () => void openDialog() },
    { id: 'ws:new', label: 'New workspace…', group: 'Workspace', keywords: 'create', run: () => showOverlay('new-workspace') },
    { id: 'ws:demo', label: 'Open the demo workspace', group: 'Workspace', keywords: 'sample example try', run: () => void openDemo() },
  );
  for (const r of app.recent) {
    if (r.path === app.workspace?.path) continue;
    list.push({
      id: `ws:recent:${r.path}`,
      label: `Open ${r.name}`,
      group: 'Recent workspaces',
      keywords: r.path,
      run: () => void openPath(r.path),
    });
  }
  if (open) {
    list.push({ id: 'ws:close', label: 'Close workspace', group: 'Workspace', run: () => void closeWorkspace() });
  }
  list.push({ id: 'help', label: 'Keyboard shortcuts', group: 'Help', keys: ['?'], run: () => showOverlay('help') });
  return list;
}

/**
 * Filters commands by the query: every word must appear in the label or
 * keywords; labels starting with the query rank first.
 */
export function filterCommands(list: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return list;
  const q = query.trim().toLowerCase();
  const scored = list
    .map((c, i) => {
      const hay = `${c.label} ${c.keywords ?? ''} ${c.group}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return null;
      const label = c.label.toLowerCase();
      const score = label.startsWith(q) ? 0 : label.split(/\s+/).some((w) => w.startsWith(words[0])) ? 1 : 2;
      return { c, i, score };
    })
    .filter((x): x is { c: Command; i: number; score: number } => x !== null);
  scored.sort((a, b) => a.score - b.score || a.i - b.i);
  return scored.map((x) => x.c);
}

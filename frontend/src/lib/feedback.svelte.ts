// The Feedback area's shared state: the untriaged count of the sidebar
// badge, kept up to date by every edit (each returns the new count) and
// re-read when the workspace or its data change; and what the screen
// shows, kept while the founder looks elsewhere.
import { app, onDataChanged, onWorkspaceSwitch } from './app.svelte';
import { emptyFilter, Feedback, type Filter } from './feedback';

export const feedbackBadge = $state({ untriaged: null as number | null });

let seq = 0;

/** Re-reads the untriaged count; quiet on failure (the badge is a hint). */
export async function loadBadge(): Promise<void> {
  const n = ++seq;
  if (!app.workspace) {
    feedbackBadge.untriaged = null;
    return;
  }
  try {
    const u = await Feedback.Badge();
    if (n === seq) feedbackBadge.untriaged = u;
  } catch {
    if (n === seq) feedbackBadge.untriaged = null;
  }
}

/** Sets the count an edit returned. */
export function setUntriaged(u: number): void {
  seq++;
  feedbackBadge.untriaged = u;
}

/** The sidebar's badge: the untriaged items, or nothing. */
export function untriagedBadge(): number | null {
  return feedbackBadge.untriaged || null;
}

onWorkspaceSwitch(() => {
  feedbackView.filter = emptyFilter();
  feedbackView.tab = 'inbox';
  feedbackView.cluster = null;
  void loadBadge();
});
onDataChanged(() => void loadBadge());

/** What the Feedback screen shows. */
export const feedbackView: {
  tab: 'inbox' | 'clusters' | 'numbers' | 'areas';
  filter: Filter;
  cluster: string | null;
  sort: string;
} = {
  tab: 'inbox',
  filter: emptyFilter(),
  cluster: null,
  sort: 'accounts',
};

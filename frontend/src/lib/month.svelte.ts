// The month the window shows: one for every screen, kept by the backend in
// the workspace so that it survives a restart. A screen loads
// `shown.month`: "" until the founder picks one, and the backend then
// answers with the month kept, else the last complete month with data (so
// a new workspace follows its first imports). A screen tells `keep` the
// period its answer carries; the month picker calls `pickMonth`.
import { Workspace, type Period } from './api';
import { onWorkspaceSwitch } from './app.svelte';
import { toast } from './toasts.svelte';

export const shown = $state({ month: '', period: null as Period | null });

/** Takes the period a screen's answer carries as the window's. */
export function keep(p: Period): void {
  shown.period = {
    month: p.month,
    default: p.default,
    last_complete: p.last_complete,
    current: p.current,
    first: p.first,
    last: p.last,
    note: p.note,
  };
}

/** Shows month m on every screen and keeps it for the next start. */
export function pickMonth(m: string): void {
  shown.month = m;
  if (shown.period) shown.period.month = m;
  Workspace.SetMonth(m).catch((e) => toast.error(e));
}

/** Forgets the month when another workspace opens. */
export function resetMonth(): void {
  shown.month = '';
  shown.period = null;
}

onWorkspaceSwitch(resetMonth);

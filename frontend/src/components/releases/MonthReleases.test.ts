import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import MonthReleases from './MonthReleases.svelte';
import { fixReleaseLog, type MonthRelease } from '../../lib/releases';

const rel = (over: Partial<MonthRelease>): MonthRelease => ({
  id: 'rel_x',
  title: 'X',
  status: 'reviewed',
  shipped_at: '2026-09-23T14:00:00Z',
  kinds: ['feature'],
  areas: ['billing'],
  call: 'go',
  call_at: '2026-09-26T12:00:00Z',
  note: '',
  risky: false,
  observed: true,
  warnings: [],
  ...over,
});

describe('MonthReleases (the review step 5 list)', () => {
  it('lists the month, says what to look at, and opens a release', async () => {
    const rolled = rel({ id: 'rel_inv', title: 'Usage-based invoices', call: 'rollback', note: 'Refunds far above their usual range.' });
    const log = fixReleaseLog({
      shipped: [rolled, rel({ id: 'rel_team', title: 'Team plans', call: '', call_at: null, risky: true, observed: false, areas: ['billing', 'permissions', 'user_data'] })],
      rolled_back: [rolled, rel({ id: 'rel_old', title: 'Older release', call: 'rollback', shipped_at: '2026-08-30T10:00:00Z' })],
      flags: { total: 7, stale: 3, stale_keys: ['a', 'b', 'c'] },
    })!;
    const onopen = vi.fn();
    render(MonthReleases, { log, month: 'September 2026', onopen });
    const rows = screen.getAllByTestId('review-release');
    // Two out this month, then the one out earlier and rolled back now (once).
    expect(rows.map((r) => r.dataset.id)).toEqual(['rel_inv', 'rel_team', 'rel_old']);
    expect(rows[0].dataset.call).toBe('rollback');
    expect(rows[0].textContent).toContain('Refunds far above their usual range.');
    const concerns = within(rows[1]).getAllByTestId('review-release-concern').map((c) => c.textContent);
    expect(concerns).toEqual([
      'No go, hold or rollback call yet.',
      'Went out without its observability ready or numbers to watch.',
      'Changed billing, permissions and user data at once.',
    ]);
    expect(within(rows[1]).getByTitle('No call recorded yet').textContent).toBe('—');
    expect(screen.getByText('Rolled back in September 2026, out earlier')).toBeTruthy();
    await fireEvent.click(within(rows[1]).getByRole('button', { name: 'Team plans' }));
    expect(onopen).toHaveBeenCalledWith('rel_team');
  });

  it('says when nothing went out', () => {
    render(MonthReleases, { log: fixReleaseLog({ shipped: [], rolled_back: [], flags: null })!, month: 'March 2026', onopen: () => {} });
    expect(screen.queryAllByTestId('review-release')).toHaveLength(0);
    expect(screen.getByText('No release went out in March 2026.')).toBeTruthy();
  });
});

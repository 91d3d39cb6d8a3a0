import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import DebtList from './DebtList.svelte';
import { app } from '../../lib/app.svelte';
import { decisionsDue, decisionsView } from '../../lib/decisions.svelte';
import { feedbackView } from '../../lib/feedback.svelte';
import { releasesView } from '../../lib/releases';
import { resetMonth, shown } from '../../lib/month.svelte';
import { WS } from '../../test/fixtures';
import { installOpsFakes } from '../../test/decisions';

beforeEach(() => {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'home';
  decisionsView.open = 0;
  resetMonth();
});

describe('the operating debt', () => {
  it('lists what is overdue and opens each entry where it is fixed', async () => {
    installOpsFakes();
    render(DebtList);
    const entries = await screen.findAllByTestId('debt-entry');
    expect(entries.map((e) => e.dataset.kind)).toEqual(['decision_overdue', 'manual_growth']);
    expect(decisionsDue.count).toBe(1);
    await fireEvent.click(entries[0].querySelector('button')!);
    expect(app.screen).toBe('decisions');
    expect(decisionsView.open).toBe(2);
    await fireEvent.click(entries[1].querySelector('button')!);
    expect(app.screen).toBe('manual');
    expect(shown.month).toBe('2026-02');
  });

  it('opens a shipped cluster whose people were not told, and the inbox for untriaged items', async () => {
    installOpsFakes({
      Debt: {
        List: async () => ({
          entries: [
            { kind: 'not_told', title: 'Tell the people who asked for “SSO”', detail: '', area: 'feedback', ref: 'c-ab12', since: '2026-01-13' },
            { kind: 'untriaged', title: 'Triage 3 feedback items', detail: '', area: 'feedback', ref: 'untriaged', since: '2026-02-01' },
          ],
          problems: [],
        }),
      },
    });
    feedbackView.tab = 'numbers';
    feedbackView.cluster = null;
    render(DebtList);
    const entries = await screen.findAllByTestId('debt-entry');
    await fireEvent.click(entries[0].querySelector('button')!);
    expect(app.screen).toBe('feedback');
    expect([feedbackView.tab, feedbackView.cluster]).toEqual(['clusters', 'c-ab12']);
    await fireEvent.click(entries[1].querySelector('button')!);
    expect([feedbackView.tab, feedbackView.cluster]).toEqual(['inbox', null]);
  });

  it('opens a known issue on its release, and a stale flag in the flag registry', async () => {
    installOpsFakes({
      Debt: {
        List: async () => ({
          entries: [
            { kind: 'known_issue', title: 'Members see billing, since “Team plans”', detail: '', area: 'releases', ref: 'rel_teams', since: '2026-01-02' },
            { kind: 'stale_flag', title: 'Clean up the flag “beta”', detail: '', area: 'releases', ref: 'beta', since: '' },
          ],
          problems: [],
        }),
      },
    });
    releasesView.tab = 'changelog';
    releasesView.open = '';
    render(DebtList);
    const entries = await screen.findAllByTestId('debt-entry');
    await fireEvent.click(entries[0].querySelector('button')!);
    expect(app.screen).toBe('releases');
    expect([releasesView.tab, releasesView.open]).toEqual(['releases', 'rel_teams']);
    await fireEvent.click(entries[1].querySelector('button')!);
    expect([releasesView.tab, releasesView.open]).toEqual(['flags', '']);
  });

  it('says when nothing is overdue', async () => {
    installOpsFakes({ Debt: { List: async () => ({ entries: [], problems: [] }) } });
    render(DebtList);
    expect((await screen.findByTestId('debt-clear')).textContent).toContain('No decision is past its review date');
  });
});

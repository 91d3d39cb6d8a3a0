import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Support from './Support.svelte';
import { accountsView } from '../lib/accounts';
import { app } from '../lib/app.svelte';
import { resetMonth } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { chartIn, resetCharts } from '../test/echarts';
import { EMPTY_SUPPORT, MONTHS, SUPPORT, installAreaFakes } from '../test/users';
import type { SupportOverview } from '../lib/support';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'support';
}

const tile = (key: string) => screen.getAllByTestId('kpi-tile').find((t) => t.dataset.key === key)!;

beforeEach(() => {
  resetCharts();
  resetMonth();
  accountsView.tab = 'accounts';
});

describe('Support load', () => {
  it('shows the load, reply and resolution times and satisfaction', async () => {
    const fake = installAreaFakes();
    open();
    render(Support);
    await screen.findAllByTestId('kpi-tile');
    expect(fake.Support.Overview).toHaveBeenCalledWith('');
    expect(screen.getAllByTestId('kpi-tile')).toHaveLength(6);
    expect(within(tile('tickets_per_active_account')).getByTestId('tile-value').textContent).toBe('1.26'); // two decimals, as on Home and in the review
    // More tickets per account is bad news.
    expect(within(tile('tickets_per_active_account')).getByTestId('tile-change').classList.contains('bad')).toBe(true);
    // Durations read as durations, with the p90 next to the median.
    expect(within(tile('first_reply_minutes_p50')).getByTestId('tile-value').textContent).toBe('1 h 41 min');
    expect(tile('first_reply_minutes_p50').textContent).toContain('5 h 28 min p90');
    expect(within(tile('resolution_minutes_p50')).getByTestId('tile-value').textContent).toBe('11 h 28 min');
    expect(tile('resolution_minutes_p50').textContent).toContain('3 d 11 h p90');
    const sat = within(tile('satisfaction')).getByTestId('tile-value');
    expect(sat.textContent).toBe('—');
    expect(sat.getAttribute('title')).toContain('rated');
    expect(screen.getByTestId('topbar').textContent).toContain('211 tickets in Feb 2026');
    // The chart: tickets per account against customers, with a tooltip per series.
    const opts = chartIn('support-chart').options as { tooltip: { formatter: unknown } };
    expect(typeof opts.tooltip.formatter).toBe('function');
    const html = (opts.tooltip.formatter as (p: unknown) => string)([
      { axisValue: '2026-02', seriesIndex: 0, seriesName: 'Tickets per active account', value: 1.26 },
      { axisValue: '2026-02', seriesIndex: 1, seriesName: 'Paying customers', value: 1800 },
    ]);
    expect(html).toContain('Feb 2026');
    expect(html).toContain('1.26'); // the chart's tooltip reads as the tile
    expect(html).toContain('1,800');
    const rows = within(screen.getByTestId('support-table')).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(rows[1].textContent).toContain('Feb 2026');
    expect(rows[1].textContent).toContain('1 h 35 min');
  });

  it('lists tags, channels, plans and stages with the month before', async () => {
    installAreaFakes();
    open();
    render(Support);
    const tags = await screen.findByTestId('support-tags');
    const billing = within(tags).getAllByRole('row')[1];
    expect(billing.textContent).toContain('billing');
    expect(billing.textContent).toContain('+10');
    expect(within(tags).getAllByRole('row')[2].textContent).toContain('\u22126');
    expect(screen.getByTestId('support-channels').textContent).toContain('email');
    const plans = screen.getByTestId('support-plans');
    expect(plans.textContent).toContain('Growth');
    expect(plans.textContent).toContain('No plan');
    expect(screen.getByTestId('support-stages').textContent).toContain('No account');
  });

  it('counts the unlinked tickets and links to the Accounts view', async () => {
    installAreaFakes();
    open();
    render(Support);
    const note = await screen.findByTestId('unlinked-note');
    expect(note.textContent).toContain('12 tickets');
    expect(note.textContent).toContain('330 of all the tickets imported');
    await fireEvent.click(screen.getByTestId('see-unlinked'));
    expect(app.screen).toBe('accounts');
    expect(accountsView.tab).toBe('tickets');
  });

  it('says which import fills an empty workspace', async () => {
    installAreaFakes({ Support: { Overview: async () => structuredClone(EMPTY_SUPPORT) } });
    open();
    render(Support);
    const empty = await screen.findByTestId('support-empty');
    expect(empty.textContent).toContain('Zendesk');
    expect(screen.queryByTestId('support-tags')).toBeNull();
    expect(within(tile('tickets')).getByTestId('tile-value').getAttribute('title')).toContain('helpdesk');
    await fireEvent.click(screen.getByTestId('support-import'));
    expect(app.screen).toBe('imports');
    expect(app.wanted?.source).toBe('zendesk');
  });

  it('draws the tickets alone when there are no accounts, and months before the data are missing, not 0', async () => {
    const base = structuredClone(SUPPORT);
    const tickets: SupportOverview = {
      ...base,
      per_account_missing: { text: 'Import your Stripe exports or your product analytics events.', source: 'stripe', kind: 'subscriptions' },
      chart: { ...base.chart!, series: [{ id: 'tickets', name: 'Tickets', type: 'bar', data: MONTHS.map((_, i) => ({ value: i < 10 ? '-' : 100 })) }] },
      months: base.months.map((m, i) => (i < 2 ? m : { ...m, tickets: null, solved: null, active_accounts: null, tickets_per_active_account: null, unlinked: 0 })),
    };
    installAreaFakes({ Support: { Overview: async () => structuredClone(tickets) } });
    open();
    render(Support);
    const note = await screen.findByTestId('per-account-missing');
    expect(note.textContent).toContain('Import your Stripe exports');
    expect(screen.getByRole('heading', { name: 'Tickets by month' })).toBeTruthy();
    const rows = within(screen.getByTestId('support-table')).getAllByRole('row');
    const cells = rows[5].querySelectorAll('td');
    expect(cells[1].textContent?.trim()).toBe('—'); // tickets
    expect(cells[1].getAttribute('title')).toBe('No helpdesk data for this month');
    expect(cells[8].textContent?.trim()).toBe('—'); // no account: not 0
    expect(rows[1].querySelectorAll('td')[1].textContent?.trim()).not.toBe('—');
  });

  it('reloads for another month', async () => {
    const fake = installAreaFakes();
    open();
    render(Support);
    await screen.findAllByTestId('kpi-tile');
    await fireEvent.change(screen.getByTestId('month-picker-select'), { target: { value: '2025-06' } });
    await waitFor(() => expect(fake.Support.Overview).toHaveBeenLastCalledWith('2025-06'));
  });
});

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Users from './Users.svelte';
import { app } from '../lib/app.svelte';
import { usersView } from '../lib/users';
import { resetMonth } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { chartIn, resetCharts } from '../test/echarts';
import { EMPTY_USERS, TRAFFIC, installAreaFakes, usersActivated } from '../test/users';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'users';
}

const tile = (key: string) => screen.getAllByTestId('kpi-tile').find((t) => t.dataset.key === key)!;

beforeEach(() => {
  resetCharts();
  Object.assign(usersView, { weekly: false, coreOnly: false });
  resetMonth();
});

describe('Users', () => {
  it('shows signups and activation tiles, the chart and the table', async () => {
    const fake = installAreaFakes();
    open();
    render(Users);
    await screen.findAllByTestId('kpi-tile');
    expect(fake.Users.Overview).toHaveBeenCalledWith('');
    expect(screen.getAllByTestId('kpi-tile')).toHaveLength(3);
    expect(within(tile('signups')).getByTestId('tile-value').textContent).toBe('14');
    // Fewer signups is bad news, in red with an arrow.
    const change = within(tile('signups')).getByTestId('tile-change');
    expect(change.classList.contains('bad')).toBe(true);
    expect(change.textContent).toContain('▼');
    // Activation is "—" until an event is picked, with what to do.
    const rate = within(tile('activation_rate')).getByTestId('tile-value');
    expect(rate.textContent).toBe('—');
    expect(rate.getAttribute('title')).toContain('Pick the activation event');
    expect(screen.getByTestId('activation-prompt')).toBeTruthy();
    expect(chartIn('signups-chart').options).toBeTruthy();
    const rows = within(screen.getByTestId('signups-table')).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(rows[1].textContent).toContain('Feb 2026');
    // Null rates read "—" with what would fill them, never 0.
    const cell = within(rows[1]).getByTestId('rate-cell');
    expect(cell.textContent?.trim()).toBe('—');
    expect(cell.querySelector('[title]')?.getAttribute('title')).toContain('Pick the activation event');
    // Cohorts, usage and traffic load alongside.
    expect(await screen.findAllByTestId('cohort-row')).toHaveLength(3);
    expect(screen.getAllByTestId('usage-row')).toHaveLength(3);
    expect(screen.getByTestId('traffic-empty').textContent).toContain('Plausible');
  });

  it('picks the activation event and window, saves them and shows the rate', async () => {
    const fake = installAreaFakes();
    open();
    render(Users);
    await screen.findByTestId('activation-prompt');
    await fireEvent.click(screen.getByTestId('open-activation'));
    const panel = await screen.findByTestId('activation-panel');
    const rows = await within(panel).findAllByTestId('event-row');
    expect(rows.map((r) => r.dataset.event)).toEqual(['$pageview', 'report_created', 'query_run']);
    const save = within(panel).getByTestId('save-activation') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.click(within(rows[1]).getByTestId('pick-activation'));
    const days = within(panel).getByTestId('activation-days') as HTMLInputElement;
    await fireEvent.input(days, { target: { value: '7' } });
    expect(within(panel).getByTestId('activation-summary').textContent).toContain('report_created within 7 days');
    fake.Users.Overview.mockImplementation(async () => usersActivated());
    await fireEvent.click(save);
    await waitFor(() => expect(fake.Users.SetActivation).toHaveBeenCalledWith(['report_created'], 7));
    expect(fake.Users.SetCoreEvents).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId('activation-panel')).toBeNull());
    await waitFor(() => expect(within(tile('activation_rate')).getByTestId('tile-value').textContent).toBe('50.0%'));
    expect(tile('activation_rate').textContent).toContain('7 activated');
    expect(screen.queryByTestId('activation-prompt')).toBeNull();
    expect(screen.getByTestId('activation-rule').textContent).toContain('report_created within 7 days');
    // The month still settling says its rate can rise.
    const first = within(screen.getByTestId('signups-table')).getAllByRole('row')[1];
    expect(first.textContent).toContain('so far');
  });

  it('refuses a window outside 1 to 365 days', async () => {
    installAreaFakes();
    open();
    render(Users);
    await fireEvent.click(await screen.findByTestId('open-activation'));
    const panel = await screen.findByTestId('activation-panel');
    await within(panel).findAllByTestId('event-row');
    await fireEvent.input(within(panel).getByTestId('activation-days'), { target: { value: '0' } });
    expect(within(panel).getByRole('alert').textContent).toContain('1 to 365');
    expect((within(panel).getByTestId('save-activation') as HTMLButtonElement).disabled).toBe(true);
  });

  it('switches the cohorts to weekly and to core events only', async () => {
    const fake = installAreaFakes();
    open();
    render(Users);
    await screen.findAllByTestId('cohort-row');
    const cells = screen.getAllByTestId('cohort-cell');
    expect(cells[0].textContent?.trim()).toBe('100%');
    expect(cells[1].textContent?.trim()).toBe('90%');
    expect(cells[1].getAttribute('title')).toContain('9 (90.0%) came back in month 1');
    await fireEvent.click(screen.getByTestId('cohorts-weekly'));
    await waitFor(() => expect(fake.Users.Cohorts).toHaveBeenLastCalledWith('2026-02', true, false));
    expect(screen.getByText('Retention by signup week')).toBeTruthy();
    expect(screen.getAllByTestId('cohort-row')[0].textContent).toContain('Week of');
    fake.Users.Cohorts.mockImplementationOnce(async () => ({
      month: '2026-02', period: 'week', core_only: true, qualifying: [], core: [], mode: 'accounts', periods: 0, rows: [],
      rule: '', missing: null, problem: 'Pick the core events first.',
    }));
    await fireEvent.click(screen.getByTestId('cohorts-core'));
    await waitFor(() => expect(fake.Users.Cohorts).toHaveBeenLastCalledWith('2026-02', true, true));
    expect(await screen.findByText('Pick the core events first.')).toBeTruthy();
    expect(usersView.weekly).toBe(true);
  });

  it('flags the heavy accounts and opens an account from the usage table', async () => {
    installAreaFakes();
    open();
    render(Users);
    const rows = await screen.findAllByTestId('usage-row');
    expect(rows[0].textContent).toContain('Heavy user');
    expect(rows[1].textContent).not.toContain('Heavy user');
    expect(screen.getByTestId('heavy-count').textContent).toContain('1');
    await fireEvent.click(within(rows[0]).getByRole('button'));
    expect(await screen.findByTestId('account-panel')).toBeTruthy();
  });

  it('shows traffic when Plausible or GA4 was imported', async () => {
    installAreaFakes({ Users: { Traffic: async () => structuredClone(TRAFFIC) } });
    open();
    render(Users);
    const card = await screen.findByTestId('traffic-months');
    expect(card.textContent).toContain('Feb 2026');
    expect(card.textContent).toContain('340');
    expect(screen.getByTestId('traffic-table').textContent).toContain('/pricing');
    expect(chartIn('traffic-chart').options).toBeTruthy();
  });

  it('says what to import when there are no analytics events', async () => {
    installAreaFakes({ Users: { Overview: async () => structuredClone(EMPTY_USERS) } });
    open();
    render(Users);
    const empty = await screen.findByTestId('users-empty');
    expect(empty.textContent).toContain('PostHog');
    expect(screen.queryByTestId('open-activation')).toBeNull();
    expect(within(tile('signups')).getByTestId('tile-value').getAttribute('title')).toContain('PostHog');
    await fireEvent.click(within(empty).getByRole('button'));
    expect(app.screen).toBe('imports');
    expect(app.wanted?.source).toBe('posthog');
  });

  it('changes month from the picker', async () => {
    const fake = installAreaFakes();
    open();
    render(Users);
    await screen.findAllByTestId('kpi-tile');
    await fireEvent.click(screen.getByTestId('month-picker-prev'));
    await waitFor(() => expect(fake.Users.Overview).toHaveBeenLastCalledWith('2026-01'));
    expect(fake.Users.Usage).toHaveBeenLastCalledWith('2026-01');
  });
});
